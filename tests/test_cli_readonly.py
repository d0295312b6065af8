"""Read commands on a copy of the archive in a read-only directory (what analysts are handed).

A WAL-mode archive opened with plain ``mode=ro`` there fails with "unable to open database
file": SQLite cannot create the -shm file.  The read commands must work all the same, and find
what they find on the original.  The directory is made read-only for real: ``chmod 555`` for a
normal user; for root (who ignores permissions) a read-only bind mount in a private mount
namespace (``unshare -m``).
"""

from __future__ import annotations

import json
import os
import shutil
import sqlite3
import stat
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from newsarchive.mirror.server import MirrorServer
from tests.cli_support import digest
from tests.conftest import REPO, run_cli


def _can_bind_mount() -> bool:
    if not shutil.which("unshare"):
        return False
    res = subprocess.run(["unshare", "-m", "true"], capture_output=True, timeout=30)
    return res.returncode == 0


def run_readonly(folder: Path, *args: str) -> subprocess.CompletedProcess[str]:
    """`newsarchive ARGS` while ``folder`` cannot be written, even by root."""
    cli = [sys.executable, "-m", "newsarchive.cli", *args]
    env = {**os.environ, "PYTHONUNBUFFERED": "1"}
    if os.geteuid() != 0:
        folder.chmod(stat.S_IRUSR | stat.S_IXUSR | stat.S_IRGRP | stat.S_IXGRP)
        try:
            return subprocess.run(cli, cwd=REPO, capture_output=True, text=True, timeout=120,
                                  env=env)
        finally:
            folder.chmod(stat.S_IRWXU)
    script = ('mount --bind "$1" "$1" && mount -o remount,bind,ro "$1" && '
              'touch "$1/.probe" 2>/dev/null && exit 97; shift; exec "$@"')
    return subprocess.run(["unshare", "-m", "sh", "-c", script, "sh", str(folder), *cli],
                          cwd=REPO, capture_output=True, text=True, timeout=120, env=env)


pytestmark = pytest.mark.skipif(os.geteuid() == 0 and not _can_bind_mount(),
                                reason="root without mount namespaces cannot make a "
                                       "read-only directory")


@pytest.fixture(scope="module")
def original(tmp_path_factory: pytest.TempPathFactory) -> Path:
    work = tmp_path_factory.mktemp("ro")
    with MirrorServer() as mirror:
        res = run_cli("crawl", "baodienbienphu", "baolaichau", "--mirror", mirror.url,
                      "--db", str(work / "a.db"), "--warc-dir", str(work / "warc"),
                      "--sources-dir", str(work / "src"))
    assert res.returncode == 0, res.stderr[-2000:]
    return work / "a.db"


@pytest.fixture
def copy(original: Path, tmp_path: Path) -> Path:
    """The archive as handed over: one file, WAL mode, in a folder nobody may write."""
    folder = tmp_path / "handed-over"
    folder.mkdir()
    target = folder / "archive.db"
    src = sqlite3.connect(original)
    dst = sqlite3.connect(target)
    src.backup(dst)
    src.close()
    dst.execute("pragma journal_mode = wal")
    dst.close()
    for extra in ("-wal", "-shm"):
        Path(f"{target}{extra}").unlink(missing_ok=True)
    assert target.read_bytes()[18:20] == b"\x02\x02"  # WAL mode, like a crawled archive
    return target


def test_plain_read_only_opening_fails_there(copy: Path) -> None:
    """The failure the readers must get around (so this test proves the setup is real)."""
    probe = ("import sqlite3,sys; c=sqlite3.connect('file:'+sys.argv[1]+'?mode=ro',uri=True); "
             "c.execute('select count(*) from articles')")
    res = run_readonly(copy.parent, "--version")
    assert res.returncode == 0, res.stderr
    script = ('mount --bind "$1" "$1" && mount -o remount,bind,ro "$1"; shift; exec "$@"')
    cmd = [sys.executable, "-c", probe, str(copy)]
    if os.geteuid() == 0:
        res = subprocess.run(["unshare", "-m", "sh", "-c", script, "sh", str(copy.parent), *cmd],
                             capture_output=True, text=True, timeout=60)
    else:
        copy.parent.chmod(0o555)
        try:
            res = subprocess.run(cmd, capture_output=True, text=True, timeout=60)
        finally:
            copy.parent.chmod(0o755)
    assert res.returncode != 0
    assert "unable to open database file" in res.stderr


def test_search_stats_history_and_export_work_on_a_read_only_copy(original: Path, copy: Path,
                                                                  tmp_path: Path) -> None:
    before = digest(copy)
    expected: dict[str, Any] = {}
    got: dict[str, Any] = {}
    out = tmp_path / "out"
    out.mkdir()
    url = sqlite3.connect(original).execute(
        "select url from articles where source = 'baolaichau' order by url limit 1").fetchone()[0]
    for name, db, target in (("original", original, expected), ("copy", copy, got)):
        run = run_cli if db == original else (lambda *a: run_readonly(copy.parent, *a))
        search = run("search", "dien bien", "--json", "--limit", "50", "--db", str(db))
        stats = run("stats", "--json", "--db", str(db))
        history = run("history", url, "--json", "--db", str(db))
        export = run("export", "--db", str(db), "-o", str(out / f"{name}.csv"),
                     "--source", "baolaichau", "--since", "2020-01-01")
        for res in (search, stats, history, export):
            assert res.returncode == 0, (name, res.stderr)
        target["search"] = [json.loads(line)["url"] for line in search.stdout.splitlines()]
        target["stats"] = [(r["id"], r["articles"], r["last_run_state"])
                           for r in json.loads(stats.stdout)]
        target["history"] = json.loads(history.stdout)["versions"]
        target["export"] = (out / f"{name}.csv").read_text(encoding="utf-8").splitlines()
    assert got["search"]
    assert got == expected
    assert digest(copy) == before
    assert sorted(p.name for p in copy.parent.iterdir()) == ["archive.db"]  # nothing written


def test_unread_writes_in_a_wal_file_are_reported_not_hidden(original: Path,
                                                             tmp_path: Path) -> None:
    """A copy made with its -wal but without its -shm: the -wal cannot be read there; say so."""
    live = tmp_path / "live.db"
    shutil.copy(original, live)
    conn = sqlite3.connect(live)
    conn.execute("pragma wal_autocheckpoint = 0")
    conn.execute("update sources set name = name || ' (bản sao)' where id = 'baolaichau'")
    conn.commit()
    folder = tmp_path / "with-wal"
    folder.mkdir()
    target = folder / "archive.db"
    shutil.copy(live, target)  # copied while a writer has it open: the write is in -wal only
    shutil.copy(f"{live}-wal", f"{target}-wal")
    conn.close()
    res = run_readonly(folder, "stats", "--db", str(target))
    assert res.returncode == 0, res.stderr
    assert "baolaichau" in res.stdout
    assert f"{target}-wal has writes not yet merged" in res.stderr
