"""Scheduled runs through a real Scrapyd: deploy with scrapyd-deploy, schedule.json, articles land.

Starts Scrapyd on 127.0.0.1 in a temp dir, builds and uploads the project egg with
scrapyd-deploy (from a copy of the project, so the build leaves nothing in the checkout),
schedules one mirrored paper with settings pointing at a temp archive and the mirror, waits for
the job in listjobs.json, and reads the articles back from the SQLite file.
"""

from __future__ import annotations

import json
import os
import shutil
import socket
import sqlite3
import subprocess
import sys
import time
import urllib.parse
import urllib.request
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pytest

from newsarchive.mirror import build_sites
from newsarchive.mirror.server import MirrorServer
from newsarchive.sources import load_sources

if TYPE_CHECKING:
    from collections.abc import Iterator

pytestmark = pytest.mark.slow

REPO = Path(__file__).resolve().parents[1]
BIN = Path(sys.executable).parent
PROJECT_FILES = ("scrapy.cfg", "pyproject.toml", "setup.py", "README.md", "newsarchive", "spiders",
                 "pipelines")


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def _api(base: str, endpoint: str, data: list[tuple[str, str]] | None = None) -> dict[str, Any]:
    body = urllib.parse.urlencode(data).encode() if data is not None else None
    with urllib.request.urlopen(f"{base}/{endpoint}", data=body, timeout=30) as resp:
        result: dict[str, Any] = json.loads(resp.read())
    return result


@pytest.fixture(scope="module")
def scrapyd(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[str, Path]]:
    missing = [n for n in ("scrapyd", "scrapyd-deploy") if not (BIN / n).exists()]
    if missing:
        pytest.skip(f"{', '.join(missing)} not installed in {BIN} "
                    "(pip install scrapyd scrapyd-client to run this test)")
    work = tmp_path_factory.mktemp("scrapyd")
    port = _free_port()
    (work / "scrapyd.conf").write_text(
        "[scrapyd]\n"
        f"bind_address = 127.0.0.1\nhttp_port = {port}\n"
        "poll_interval = 0.5\nmax_proc = 2\n"
        f"eggs_dir = {work / 'eggs'}\nlogs_dir = {work / 'logs'}\ndbs_dir = {work / 'dbs'}\n"
        "items_dir =\n", encoding="utf-8")
    log = (work / "scrapyd.out").open("w")
    proc = subprocess.Popen([str(BIN / "scrapyd")], cwd=work, stdout=log,
                            stderr=subprocess.STDOUT)
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 30
        while True:
            try:
                if _api(base, "daemonstatus.json").get("status") == "ok":
                    break
            except OSError:
                pass
            if proc.poll() is not None or time.monotonic() > deadline:
                pytest.fail("scrapyd did not start:\n"
                            + (work / "scrapyd.out").read_text(encoding="utf-8")[-3000:])
            time.sleep(0.2)
        yield base, work
    finally:
        proc.terminate()
        try:
            proc.wait(15)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait(5)
        log.close()


@pytest.fixture(scope="module")
def deployed(scrapyd: tuple[str, Path]) -> dict[str, Any]:
    """`scrapyd-deploy test -p newsarchive`, with the target added in the user's scrapy.cfg."""
    base, work = scrapyd
    project = work / "project"
    project.mkdir()
    for name in PROJECT_FILES:
        src = REPO / name
        if src.is_dir():
            shutil.copytree(src, project / name,
                            ignore=shutil.ignore_patterns("__pycache__", "*.pyc", "*.egg-info"))
        elif src.exists():
            shutil.copy2(src, project / name)
    xdg = work / "xdg"
    xdg.mkdir()
    (xdg / "scrapy.cfg").write_text(f"[deploy:test]\nurl = {base}/\nproject = newsarchive\n",
                                    encoding="utf-8")
    env = {k: v for k, v in os.environ.items() if not k.startswith("SCRAPY_")}
    env["XDG_CONFIG_HOME"] = str(xdg)
    result = subprocess.run([str(BIN / "scrapyd-deploy"), "test", "-p", "newsarchive",
                             "--version", "r1"], cwd=project, env=env, capture_output=True,
                            text=True, timeout=180)
    assert result.returncode == 0, result.stdout[-2000:] + result.stderr[-3000:]
    answer: dict[str, Any] = json.loads(result.stdout.strip().splitlines()[-1])
    assert answer["status"] == "ok", answer
    listed = _api(base, "listspiders.json?project=newsarchive").get("spiders") or []
    assert listed, ("the deployed egg has no spiders: Scrapyd imports the project from a zip, so "
                    "newsarchive.sources must read its registry with importlib.resources")
    return answer


def test_deployed_project_lists_one_spider_per_source(scrapyd: tuple[str, Path],
                                                      deployed: dict[str, Any]) -> None:
    base, _ = scrapyd
    spiders = _api(base, "listspiders.json?project=newsarchive")
    assert spiders["status"] == "ok", spiders
    assert set(load_sources()) <= set(spiders["spiders"]), (
        "source definitions missing from the deployed egg: Scrapyd imports the project from a "
        "zip, so the registry must be read with importlib.resources, not Path(__file__)")
    assert deployed["spiders"] == len(spiders["spiders"])


def test_scheduled_mirror_crawl_lands_in_the_archive(
        scrapyd: tuple[str, Path], deployed: dict[str, Any], tmp_path: Path) -> None:
    base, work = scrapyd
    sites = build_sites()
    sid = next(s for s in sorted(sites) if s in load_sources())
    db = tmp_path / "archive.db"
    with MirrorServer() as mirror:
        settings = {
            "NEWSARCHIVE_DB": str(db), "NEWSARCHIVE_WARC_DIR": str(tmp_path / "warc"),
            "NEWSARCHIVE_SOURCES_DIR": str(tmp_path / "sources"),
            "NEWSARCHIVE_MIRROR": mirror.url, "DOWNLOAD_DELAY": "0",
            "AUTOTHROTTLE_ENABLED": "False", "CONCURRENT_REQUESTS_PER_DOMAIN": "8",
            "DOWNLOAD_TIMEOUT": "5", "NEWSARCHIVE_PROGRESS": "False",
        }
        answer = _api(base, "schedule.json", [("project", "newsarchive"), ("spider", sid)]
                      + [("setting", f"{k}={v}") for k, v in settings.items()])
        assert answer["status"] == "ok", answer
        job = answer["jobid"]
        deadline = time.monotonic() + 180
        while True:
            jobs = _api(base, "listjobs.json?project=newsarchive")
            finished = [j for j in jobs["finished"] if j["id"] == job]
            if finished:
                break
            assert time.monotonic() < deadline, f"job {job} still not finished: {jobs}"
            time.sleep(0.5)
        hosts = {h for h, _, _ in mirror.requests}
    log_file = work / "logs" / "newsarchive" / sid / f"{job}.log"
    log = log_file.read_text(encoding="utf-8") if log_file.exists() else "(no job log)"
    assert db.exists(), log[-4000:]
    conn = sqlite3.connect(db)
    try:
        stored = {u for (u,) in conn.execute("select url from articles where source = ?", (sid,))}
        runs = conn.execute("select state, new from crawls where source = ?", (sid,)).fetchall()
    finally:
        conn.close()
    truth = [t["url"] for t in sites[sid].articles()]
    missing = [u for u in truth if u not in stored]
    assert len(missing) <= len(truth) // 10, f"not archived: {missing}\n{log[-3000:]}"
    assert runs == [("finished", len(stored))]
    assert hosts == {sites[sid].host}  # only the paper itself, no share buttons or CDNs
    assert "'finish_reason': 'finished'" in log
