"""One error boundary: every bad input is one line naming the file and what to do, exit 2 for usage
and configuration errors, 1 for a failed run, and the archive is left exactly as it was."""

from __future__ import annotations

import shlex
import shutil
import socket
import sqlite3
import subprocess
import sys
from typing import TYPE_CHECKING, Any

import pytest

from newsarchive.mirror.server import MirrorServer
from tests.cli_support import digest, error_line, invoke, snapshot
from tests.conftest import REPO, run_cli

if TYPE_CHECKING:
    from pathlib import Path

READ_COMMANDS = [("search", "dien bien"), ("stats",), ("export",),
                 ("history", "https://baolaichau.vn/")]


@pytest.fixture(scope="module")
def crawled(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Any]:
    """A real crawl of one mirrored paper: its archive, WARC folder and the shared flags."""
    work = tmp_path_factory.mktemp("errors")
    flags = ["--db", str(work / "a.db"), "--warc-dir", str(work / "warc"),
             "--sources-dir", str(work / "src")]
    with MirrorServer() as mirror:
        res = run_cli("crawl", "baolaichau", "--mirror", mirror.url, *flags)
    assert res.returncode == 0, res.stderr[-2000:]
    return {"work": work, "db": work / "a.db", "warc": work / "warc", "flags": flags}


@pytest.fixture
def not_archives(tmp_path: Path, crawled: dict[str, Any]) -> dict[str, Path]:
    """A text file and a truncated copy of a real archive, as a user might pass them."""
    text = tmp_path / "notes.db"
    text.write_text("Ghi chú: bản sao lưu nằm ở ổ D.\n", encoding="utf-8")
    conn = sqlite3.connect(crawled["db"])
    conn.execute("pragma wal_checkpoint(truncate)")
    conn.close()
    data = crawled["db"].read_bytes()
    truncated = tmp_path / "half.db"
    truncated.write_bytes(data[: len(data) // 2])
    return {"text": text, "truncated": truncated}


@pytest.mark.parametrize("kind", ["text", "truncated"])
@pytest.mark.parametrize("command", READ_COMMANDS, ids=lambda c: c[0])
def test_a_file_that_is_not_an_archive_is_one_line(not_archives: dict[str, Path], kind: str,
                                                   command: tuple[str, ...]) -> None:
    db = not_archives[kind]
    before = digest(db)
    res = invoke(*command, "--db", str(db))
    assert res.exit_code == 2
    line = error_line(res.stderr)
    assert str(db) in line
    assert ("not an SQLite archive" in line) if kind == "text" else ("truncated" in line)
    assert "check the --db path" in line or "copy the archive again" in line
    assert digest(db) == before


@pytest.mark.parametrize("kind", ["text", "truncated"])
def test_crawl_into_a_file_that_is_not_an_archive_is_one_line(not_archives: dict[str, Path],
                                                              kind: str, tmp_path: Path) -> None:
    """Was 37-98 lines with a misleading "Crawler.stats is not set yet"."""
    db = not_archives[kind]
    before = digest(db)
    res = run_cli("crawl", "baolaichau", "--mirror", "http://127.0.0.1:9", "--db", str(db),
                  "--sources-dir", str(tmp_path / "src"), "--warc-dir", str(tmp_path / "w"))
    assert res.returncode == 2
    assert str(db) in error_line(res.stderr)
    assert "Crawler.stats" not in res.stderr
    assert digest(db) == before
    assert not (tmp_path / "w").exists()


def test_a_foreign_sqlite_file_is_refused_not_migrated(tmp_path: Path) -> None:
    other = tmp_path / "budget.db"
    conn = sqlite3.connect(other)
    conn.execute("create table chi_tieu (ngay text, so_tien integer)")
    conn.execute("insert into chi_tieu values ('2024-03-01', 150000)")
    conn.commit()
    conn.close()
    before = digest(other)
    for args in (("stats",), ("reextract", "--sources-dir", str(tmp_path / "src"))):
        res = invoke(*args, "--db", str(other))
        assert res.exit_code == 2, res.output
        assert "not a newsarchive archive" in error_line(res.stderr)
    assert digest(other) == before


def _bad_politeness(folder: Path) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / "baothu.yaml"
    path.write_text("id: baothu\nname: Báo Thử\nhomepage: https://baothu.vn/\n"
                    "politeness: {download_delay: fast}\n", encoding="utf-8")
    return path


@pytest.mark.parametrize("command", [
    ("sources", "list"), ("sources", "check", "baothu"), ("crawl", "baolaichau"),
    ("reextract",), ("warc-import", "WARC"), ("extract", "PAGE"),
    ("sources", "add", "baomoi", "--url", "https://baomoi.example.vn/"),
], ids=lambda c: " ".join(c[:2]))
def test_a_bad_source_file_is_one_line_naming_file_and_key_in_every_command(
        crawled: dict[str, Any], tmp_path: Path, command: tuple[str, ...]) -> None:
    bad = _bad_politeness(tmp_path / "src")
    page = tmp_path / "page.html"
    page.write_text("<html><body><p>Tin vắn</p></body></html>", encoding="utf-8")
    warc = next(crawled["warc"].glob("*.warc.gz"))
    args = [{"WARC": str(warc), "PAGE": str(page)}.get(a, a) for a in command]
    db = tmp_path / "copy.db"
    shutil.copy(crawled["db"], db)
    before = snapshot(db)
    res = run_cli(*args, "--sources-dir", str(tmp_path / "src"),
                  *(["--db", str(db)] if command[0] in ("crawl", "reextract", "warc-import")
                    else []))
    assert res.returncode == 2
    line = error_line(res.stderr)
    assert str(bad) in line
    assert "politeness.download_delay" in line
    assert "'fast'" in line
    assert snapshot(db) == before


def test_yaml_that_does_not_parse_is_one_line(tmp_path: Path) -> None:
    folder = tmp_path / "src"
    folder.mkdir()
    (folder / "baothu.yaml").write_text("id: baothu\nname: [Báo Thử\n", encoding="utf-8")
    res = invoke("sources", "list", "--sources-dir", str(folder))
    assert res.exit_code == 2
    assert "baothu.yaml: not valid YAML" in error_line(res.stderr)


def test_warc_import_of_an_html_file_changes_nothing(crawled: dict[str, Any],
                                                     tmp_path: Path) -> None:
    page = tmp_path / "trang-chu.html"
    page.write_text('<!DOCTYPE html><html lang="vi"><body><h1>Báo Lai Châu</h1></body></html>',
                    encoding="utf-8")
    db = tmp_path / "copy.db"
    shutil.copy(crawled["db"], db)
    before = digest(db)
    res = invoke("warc-import", str(page), "--db", str(db), "--sources-dir",
                 str(tmp_path / "src"))
    assert res.exit_code == 2
    line = error_line(res.stderr)
    assert str(page) in line
    assert "is not a WARC file" in line
    assert digest(db) == before
    fresh = tmp_path / "new.db"
    res = invoke("warc-import", str(page), "--db", str(fresh))
    assert res.exit_code == 2
    assert not fresh.exists()


def test_a_truncated_warc_imports_its_complete_records_and_fails(crawled: dict[str, Any],
                                                                 tmp_path: Path) -> None:
    """Was a silent partial import with exit 0."""
    from warcio.archiveiterator import ArchiveIterator

    whole = next(crawled["warc"].glob("baolaichau-*.warc.gz"))
    data = whole.read_bytes()
    cut_at = int(len(data) * 0.6)
    cut = tmp_path / "cut.warc.gz"
    cut.write_bytes(data[:cut_at])
    complete = 0  # response records that end before the cut
    with whole.open("rb") as fh:
        it = ArchiveIterator(fh)
        for record in it:
            record.content_stream().read()
            end = it.get_record_offset() + it.get_record_length()
            if record.rec_type == "response" and end <= cut_at:
                complete += 1
    db = tmp_path / "import.db"
    res = run_cli("warc-import", str(cut), "--db", str(db), "--sources-dir", str(tmp_path / "s"))
    assert res.returncode == 1
    line = error_line(res.stderr)
    assert str(cut.resolve()) in line
    assert "is truncated" in line
    assert "complete records" in line
    assert "import it again" in line
    assert res.stdout.startswith(f"{cut}: ")
    assert "(truncated)" in res.stdout
    assert f"responses {complete}," in res.stdout or f"responses {complete} " in res.stdout
    conn = sqlite3.connect(db)
    try:
        captures = conn.execute("select count(*) from captures").fetchone()[0]
        state = conn.execute("select state from crawls").fetchone()[0]
        intact = conn.execute("pragma integrity_check").fetchone()[0]
    finally:
        conn.close()
    assert 0 < captures <= complete  # HTML 200 responses of the complete part, nothing after
    assert state == "failed"
    assert intact == "ok"


def test_mirror_serve_on_a_busy_port_is_one_line() -> None:
    with socket.socket() as busy:
        busy.bind(("127.0.0.1", 0))
        busy.listen()
        port = busy.getsockname()[1]
        res = run_cli("mirror", "serve", "--port", str(port), timeout=60)
    assert res.returncode == 2
    line = error_line(res.stderr)
    assert f"port {port}" in line
    assert "--port" in line


@pytest.mark.parametrize("command", [("ingest",), ("crawl", "baolaichau")])
def test_a_redis_address_that_is_not_a_url_is_a_usage_error(tmp_path: Path,
                                                            command: tuple[str, ...]) -> None:
    res = invoke(*command, "--redis", "notaurl", "--db", str(tmp_path / "a.db"))
    assert res.exit_code == 2
    assert "'notaurl' is not a Redis URL like redis://" in res.stderr
    assert not (tmp_path / "a.db").exists()


def test_a_closed_pipe_is_not_an_error(crawled: dict[str, Any]) -> None:
    """`export | head` stops reading early: no traceback, exit 0 (with pipefail too)."""
    cmd = (f"set -o pipefail; {shlex.quote(sys.executable)} -m newsarchive.cli export "
           f"--db {shlex.quote(str(crawled['db']))} | head -c 200 > /dev/null")
    res = subprocess.run(["bash", "-c", cmd], capture_output=True, text=True, timeout=120,
                         cwd=REPO)
    assert res.returncode == 0, res.stderr
    assert res.stderr == ""


def test_an_output_path_that_cannot_be_written_is_one_line(crawled: dict[str, Any],
                                                           tmp_path: Path) -> None:
    blocker = tmp_path / "notes.txt"
    blocker.write_text("không phải thư mục", encoding="utf-8")
    target = blocker / "bai.csv"  # a "folder" that is a file
    res = invoke("export", "--db", str(crawled["db"]), "-o", str(target))
    assert res.exit_code == 2
    assert error_line(res.stderr) == \
        f"Error: {target}: cannot write it (a folder in that path is a file)"
    assert not blocker.with_name(".bai.csv.part").exists()
