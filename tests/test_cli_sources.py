"""Adding or crawling a source never moves archived articles silently.

The README's own sequence after `make demo` — `sources add laichau --url https://baolaichau.vn/`
then `crawl laichau` — moved all of baolaichau's articles to `laichau` ("updated 26"), and the
next `crawl --all` moved them back.  Now each step refuses, says what it would move, and leaves
the archive as it was; --force / --reassign do it on purpose.
"""

from __future__ import annotations

import sqlite3
from typing import TYPE_CHECKING, Any

import pytest

from newsarchive.mirror.server import MirrorServer
from tests.cli_support import digest, error_line, invoke, snapshot
from tests.conftest import run_cli

if TYPE_CHECKING:
    from pathlib import Path


@pytest.fixture(scope="module")
def mirror() -> Any:
    with MirrorServer() as server:
        yield server


@pytest.fixture(scope="module")
def demo_like(tmp_path_factory: pytest.TempPathFactory, mirror: MirrorServer) -> dict[str, Any]:
    work = tmp_path_factory.mktemp("sources")
    flags = ["--db", str(work / "a.db"), "--warc-dir", str(work / "warc")]
    res = run_cli("crawl", "baolaichau", "--mirror", mirror.url, *flags,
                  "--sources-dir", str(work / "none"))
    assert res.returncode == 0, res.stderr[-2000:]
    return {"work": work, "db": work / "a.db", "flags": flags}


def by_source(db: Path) -> dict[str, int]:
    conn = sqlite3.connect(db)
    try:
        return dict(conn.execute("select source, count(*) from articles group by source"))
    finally:
        conn.close()


def test_adding_a_shipped_id_again_is_refused(tmp_path: Path, mirror: MirrorServer) -> None:
    before = len(mirror.requests)
    res = invoke("sources", "add", "baotayninh", "--url", "https://baotayninh.vn/",
                 "--mirror", mirror.url, "--sources-dir", str(tmp_path))
    assert res.exit_code == 2
    line = error_line(res.stderr)
    assert "source 'baotayninh' already exists (shipped with newsarchive)" in line
    assert "--force" in line
    assert list(tmp_path.iterdir()) == []
    assert len(mirror.requests) == before  # refused before fetching anything


def test_adding_one_of_your_ids_again_is_refused(tmp_path: Path) -> None:
    mine = tmp_path / "baothu.yaml"
    mine.write_text("id: baothu\nname: Báo Thử\nhomepage: https://baothu.example.vn/\n",
                    encoding="utf-8")
    text = mine.read_text(encoding="utf-8")
    res = invoke("sources", "add", "baothu", "--url", "https://khac.example.vn/",
                 "--sources-dir", str(tmp_path))
    assert res.exit_code == 2
    assert f"already exists (yours, {mine})" in error_line(res.stderr)
    assert mine.read_text(encoding="utf-8") == text


def test_the_readme_sequence_moves_nothing_without_asking(demo_like: dict[str, Any],
                                                          mirror: MirrorServer) -> None:
    work, db = demo_like["work"], demo_like["db"]
    mine = work / "mine"
    # 1. sources add for a host the shipped baolaichau claims: refused, nothing fetched.
    res = invoke("sources", "add", "laichau", "--url", "https://baolaichau.vn/",
                 "--mirror", mirror.url, "--sources-dir", str(mine))
    assert res.exit_code == 2
    assert "baolaichau claims baolaichau.vn" in error_line(res.stderr)
    assert not (mine / "laichau.yaml").exists()
    # 2. With --force the definition is written, with a note about the shared host.
    res = invoke("sources", "add", "laichau", "--url", "https://baolaichau.vn/",
                 "--mirror", mirror.url, "--sources-dir", str(mine), "--force")
    assert res.exit_code == 0, res.output
    assert (mine / "laichau.yaml").is_file()
    assert "also claimed by baolaichau" in res.stderr
    # 3. Crawling it would move the archived articles: refused, the archive untouched.
    held = by_source(db)["baolaichau"]
    before, rows = digest(db), snapshot(db)
    fetched = len(mirror.requests)
    res = run_cli("crawl", "laichau", "--mirror", mirror.url, *demo_like["flags"],
                  "--sources-dir", str(mine))
    assert res.returncode == 2
    line = error_line(res.stderr)
    assert f"crawl laichau would move archived articles to laichau ({held} from baolaichau)" \
        in line
    assert "--reassign" in line
    assert digest(db) == before
    assert snapshot(db) == rows
    assert len(mirror.requests) == fetched
    # 4. --reassign moves them, on purpose.
    res = run_cli("crawl", "laichau", "--reassign", "--mirror", mirror.url, *demo_like["flags"],
                  "--sources-dir", str(mine))
    assert res.returncode in (0, 3), res.stderr[-2000:]
    assert by_source(db).get("laichau") == held
    assert "baolaichau" not in by_source(db)
    # 5. The next `crawl --all` does not move them back: baolaichau is refused, the rest run.
    rows = snapshot(db)[0]
    res = run_cli("crawl", "--all", "--mirror", mirror.url, *demo_like["flags"],
                  "--sources-dir", str(mine))
    assert res.returncode == 1
    assert "error: crawl baolaichau would move archived articles to baolaichau " \
           f"({held} from laichau)" in res.stderr
    assert "refused" in res.stdout.splitlines()[-1]
    after = by_source(db)
    assert after.get("laichau") == held
    assert "baolaichau" not in after
    assert {r for r in snapshot(db)[0] if r[1] == "laichau"} == {r for r in rows
                                                                if r[1] == "laichau"}
    assert {"baodienbienphu", "baotayninh"} <= set(after)  # the other papers were crawled


def test_sources_add_then_crawl_a_new_paper(tmp_path: Path, mirror: MirrorServer) -> None:
    """`sources add` writes a definition that crawls with no further editing."""
    from newsarchive.mirror import build_sites

    src = tmp_path / "sources"
    res = run_cli("sources", "add", "laichau_test", "--url", "https://baolaichau.vn/",
                  "--name", "Báo Lai Châu (thử)", "--province", "Lai Châu", "--mirror", mirror.url,
                  "--sources-dir", str(src), "--force")
    assert res.returncode == 0, res.stderr
    assert (src / "laichau_test.yaml").is_file()
    check = run_cli("sources", "check", "laichau_test", "--mirror", mirror.url,
                    "--sources-dir", str(src))
    assert check.returncode == 0, check.stdout + check.stderr
    db = tmp_path / "a.db"
    crawl = run_cli("crawl", "laichau_test", "--mirror", mirror.url, "--db", str(db),
                    "--warc-dir", str(tmp_path / "warc"), "--sources-dir", str(src))
    assert crawl.returncode in (0, 3), crawl.stderr[-2000:]
    n = sqlite3.connect(db).execute("select count(*) from articles").fetchone()[0]
    truth = [t for t in build_sites()["baolaichau"].truth if t.get("is_article")]
    assert n >= 0.9 * len(truth)


def _defined(sid: str, home: str) -> Any:
    from newsarchive.sources import source_from_dict

    return source_from_dict({"id": sid, "name": sid, "homepage": home})


def _archive_holding(db: Path, rows: list[tuple[str, str]]) -> sqlite3.Connection:
    """A real archive whose articles table holds these (source, url) rows, opened."""
    from newsarchive.archive import Archive

    Archive(db).close()
    conn = sqlite3.connect(db)
    with conn:
        conn.executemany("insert into articles (source, url) values (?, ?)", rows)
    return conn


def test_would_move_counts_exact_hosts_and_leaves_subdomain_archives_alone(tmp_path: Path) -> None:
    """A parent paper's crawl does not claim a merged paper's subdomain archive defined on its
    own; the same host under another id (any scheme, with or without www.) does count."""
    from dataclasses import replace

    from newsarchive.cli.crawl import would_move

    daklak = _defined("baodaklak", "https://baodaklak.vn/")
    phuyen = _defined("baophuyen", "https://phuyen.baodaklak.vn/")
    daklak2 = replace(daklak, id="daklak_moi")
    sources = {s.id: s for s in (daklak, phuyen, daklak2)}
    conn = _archive_holding(tmp_path / "a.db", [
        ("baodaklak", "https://baodaklak.vn/kinh-te/ca-phe-mua-moi-a1.html"),
        ("baodaklak", "http://www.baodaklak.vn/kinh-te/ho-tieu-a2.html"),
        ("baophuyen", "https://phuyen.baodaklak.vn/xa-hoi/bien-song-cau-a3.html"),
        ("baophuyen", "https://phuyen.baodaklak.vn/xa-hoi/ghe-ngo-a4.html"),
    ])
    try:
        assert would_move(conn, [daklak], sources) == {}
        assert would_move(conn, [phuyen], sources) == {}
        assert would_move(conn, [daklak2], sources) == {"daklak_moi": {"baodaklak": 2}}
    finally:
        conn.close()


def test_papers_on_one_host_and_different_ports_never_take_each_others_articles(
        tmp_path: Path) -> None:
    """Two papers served from 127.0.0.1 on their own ports: crawling one would move nothing of
    the other's, while the same host and port under another id still counts."""
    from newsarchive.cli.crawl import would_move

    bienbien = _defined("baobiencuong", "http://127.0.0.1:8101/")
    muongthanh = _defined("baomuongthanh", "http://127.0.0.1:8102/")
    copy = _defined("biencuong_moi", "http://127.0.0.1:8101/")
    two = {s.id: s for s in (bienbien, muongthanh)}
    conn = _archive_holding(tmp_path / "a.db", [
        ("baobiencuong", "http://127.0.0.1:8101/thoi-su/dong-bao-vung-cao-a1.html"),
        ("baomuongthanh", "http://127.0.0.1:8102/xa-hoi/lua-nuong-chin-som-a2.html"),
        ("baomuongthanh", "http://127.0.0.1:8102/xa-hoi/mua-hoa-ban-a3.html"),
    ])
    try:
        assert would_move(conn, [bienbien], two) == {}
        assert would_move(conn, [muongthanh], two) == {}
        assert would_move(conn, [copy], {**two, copy.id: copy}) == {
            "biencuong_moi": {"baobiencuong": 1}}
    finally:
        conn.close()
