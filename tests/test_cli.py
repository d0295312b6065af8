"""The `newsarchive` command line, run as real subprocesses against real files and servers."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path
from typing import Any

import pytest

from newsarchive.mirror import build_sites
from newsarchive.mirror.server import MirrorServer
from tests.conftest import run_cli

SEED_URL = None


@pytest.fixture(scope="module")
def mirror() -> Any:
    with MirrorServer() as server:
        yield server


@pytest.fixture(scope="module")
def small_archive(tmp_path_factory: pytest.TempPathFactory, mirror: MirrorServer) -> Path:
    work = tmp_path_factory.mktemp("cli")
    db = work / "archive.db"
    res = run_cli("crawl", "baodienbienphu", "--mirror", mirror.url, "--db", str(db),
                  "--warc-dir", str(work / "warc"), "--sources-dir", str(work / "src"))
    assert res.returncode == 0, res.stderr[-2000:]
    return db


def seed_page() -> tuple[bytes, str]:
    site = build_sites()["baodienbienphu"]
    for rec in site.truth:
        if rec.get("title", "").startswith("Ban Dân vận Tỉnh ủy Điện Biên: Ký kết"):
            path = rec["url"].split(site.host, 1)[1]
            return site.pages[path].body, rec["url"]
    raise AssertionError("seed page missing from the mirror")


def test_extract_json_contract_on_the_seed_page(tmp_path: Path) -> None:
    body, url = seed_page()
    page = tmp_path / "seed.html"
    page.write_bytes(body)
    res = run_cli("extract", str(page), "--url", url, "--json")
    assert res.returncode == 0, res.stderr
    out = json.loads(res.stdout)
    assert out["is_article"] is True
    assert out["source"] == "baodienbienphu"  # picked from the URL's domain
    assert out["published"] == "2022-07-01"
    assert out["credit"] == "baodienbienphu.vn"
    assert out["body"].endswith("sức lan tỏa trong cộng đồng.")
    assert out["body"].count("\n\n") == 1
    assert len(out["captions"]) == 1
    assert "\n" not in out["captions"][0]["text"]
    assert "Gửi cho bạn bè" not in out["body"]


def test_extract_listing_page_is_not_an_article(tmp_path: Path) -> None:
    site = build_sites()["baolaichau"]
    page = tmp_path / "home.html"
    page.write_bytes(site.pages["/"].body)
    res = run_cli("extract", str(page), "--url", f"https://{site.host}/", "--json")
    assert res.returncode == 0
    out = json.loads(res.stdout)
    assert out["is_article"] is False
    assert out["page_type"] in ("home", "listing")


@pytest.mark.parametrize("content", [None, b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(200)])
def test_extract_missing_or_non_html_file_is_one_line_error(tmp_path: Path,
                                                            content: bytes | None) -> None:
    target = tmp_path / "page.html"
    if content is not None:
        target.write_bytes(content)
    res = run_cli("extract", str(target), "--json")
    assert res.returncode != 0
    assert "Traceback" not in res.stderr
    assert len(res.stderr.strip().splitlines()) == 1


def test_normalize_reads_stdin(tmp_path: Path) -> None:
    import subprocess
    import sys

    text = "Ðảm baỏ chất lựơng hoà bình, thuỷ lợi\u200b Điện Biên\n"
    res = subprocess.run([sys.executable, "-m", "newsarchive.cli", "normalize"], input=text,
                         capture_output=True, text=True, timeout=60)
    assert res.stdout == "Đảm bảo chất lượng hòa bình, thủy lợi Điện Biên\n"
    res = subprocess.run([sys.executable, "-m", "newsarchive.cli", "normalize", "--style", "new"],
                         input=text, capture_output=True, text=True, timeout=60)
    assert "hoà bình, thuỷ lợi" in res.stdout
    res = subprocess.run([sys.executable, "-m", "newsarchive.cli", "normalize", "--fold"],
                         input="Điện Biên Phủ\n", capture_output=True, text=True, timeout=60)
    assert res.stdout == "Dien Bien Phu\n"


def test_search_finds_unmarked_query_and_outputs_json(small_archive: Path) -> None:
    res = run_cli("search", "dien bien", "--db", str(small_archive), "--json", "--limit", "5")
    assert res.returncode == 0, res.stderr
    hits = [json.loads(line) for line in res.stdout.splitlines()]
    assert hits
    assert all(h["source"] == "baodienbienphu" for h in hits)
    assert any("Điện Biên" in h["title"] for h in hits)


@pytest.mark.parametrize("query", ['"Điện Biên', "-", "AND", '"Điện Biên"!', "NEAR(", "*"])
def test_malformed_search_is_a_message_not_a_traceback(small_archive: Path, query: str) -> None:
    res = run_cli("search", query, "--db", str(small_archive))
    assert "Traceback" not in res.stderr
    if res.returncode:  # nothing to search for: one line saying so, a usage error
        assert res.returncode == 2
        assert len(res.stderr.strip().splitlines()) == 1
        assert "cannot search for" in res.stderr


def test_stats_lists_the_crawled_paper(small_archive: Path) -> None:
    res = run_cli("stats", "--db", str(small_archive), "--json")
    assert res.returncode == 0, res.stderr
    rows = {r["id"]: r for r in json.loads(res.stdout)}
    truth = [t for t in build_sites()["baodienbienphu"].truth
             if t.get("is_article") and not t.get("fault")]  # the JSON API's included
    assert rows["baodienbienphu"]["articles"] == len(truth)


def test_search_and_stats_without_archive_say_so(tmp_path: Path) -> None:
    for command in (("search", "hòa bình"), ("stats",)):
        res = run_cli(*command, "--db", str(tmp_path / "none.db"))
        assert res.returncode == 2
        assert res.stderr.startswith(f"Error: no archive at {tmp_path / 'none.db'}: ")
        assert "Traceback" not in res.stderr
    assert not (tmp_path / "none.db").exists()


def test_sources_list_shows_registry_and_user_definitions(tmp_path: Path) -> None:
    res = run_cli("sources", "list", "--json", "--sources-dir", str(tmp_path))
    ids = {r["id"] for r in json.loads(res.stdout)}
    assert {"baodienbienphu", "baolaichau", "baotuyenquang", "baotayninh"} <= ids
    assert len(ids) >= 34


def test_crawl_refuses_to_overlap_a_running_crawl(tmp_path: Path, mirror: MirrorServer) -> None:
    from newsarchive.crawling.lock import acquire_source_lock

    db = tmp_path / "a.db"
    with acquire_source_lock(tmp_path, "baotayninh"):
        res = run_cli("crawl", "baotayninh", "--mirror", mirror.url, "--db", str(db),
                      "--sources-dir", str(tmp_path / "src"))
    assert res.returncode == 75
    assert "baotayninh" in res.stderr
    assert "Traceback" not in res.stderr
    assert not db.exists() or sqlite3.connect(db).execute(
        "select count(*) from sqlite_master where name='articles'").fetchone()[0] in (0, 1)


def test_crawl_unknown_source_is_clear(tmp_path: Path) -> None:
    res = run_cli("crawl", "khong_co_bao_nay", "--db", str(tmp_path / "a.db"))
    assert res.returncode == 2
    assert "unknown source 'khong_co_bao_nay'" in res.stderr
    assert not (tmp_path / "a.db").exists()


def test_search_ranks_the_phrase_before_scattered_words(small_archive: Path) -> None:
    """'dien bien' puts articles about Điện Biên before ones with 'điện tử' and 'biên giới'."""
    res = run_cli("search", "dien bien", "--db", str(small_archive), "--json", "--limit", "20")
    hits = [json.loads(line) for line in res.stdout.splitlines()]
    conn = sqlite3.connect(small_archive)
    try:
        texts = {u: " ".join(x or "" for x in rest) for u, *rest in conn.execute(
            "select url, title, sapo, body, (select group_concat(text, ' ') from captions c "
            "where c.article_id = a.id) from articles a")}
    finally:
        conn.close()
    has_phrase = ["Điện Biên" in texts[h["url"]] for h in hits]
    assert has_phrase[0]
    # every article with the phrase comes before every article without it
    assert has_phrase == sorted(has_phrase, reverse=True)


def test_scrapy_list_shows_one_spider_per_source() -> None:
    import subprocess
    import sys

    from newsarchive.sources import load_sources

    res = subprocess.run([sys.executable, "-m", "scrapy", "list"], cwd=Path(__file__).parents[1],
                         capture_output=True, text=True, timeout=120)
    assert res.returncode == 0, res.stderr[-2000:]
    assert set(res.stdout.split()) == set(load_sources())
