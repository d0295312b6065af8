"""Run health: a redesign that breaks extraction ends the run with a warning, not a silent gap."""

from __future__ import annotations

import json
import sqlite3
from typing import TYPE_CHECKING, Any

import pytest

from newsarchive.crawling.health import assess_latest, assess_run
from newsarchive.crawling.runlog import summarize_stats

if TYPE_CHECKING:
    from pathlib import Path

# The crawls table as the archive contract defines it.
CRAWLS = """create table crawls (id integer primary key, source text, command text,
    started_at text, finished_at text, state text, pages integer, new integer, updated integer,
    unchanged integer, dropped text, http_errors text, coverage text, stats text)"""


def raw_stats(*, new: int = 0, unchanged: int = 0, known: int = 0, published: int | None = None,
              author: int = 0, sapo: int = 0, captions: int = 0, short_body: int = 0,
              not_article: int = 0, crawl_id: int | None = None) -> dict[str, Any]:
    """Scrapy stats as the pipelines and spider count them."""
    stored = new + unchanged
    stats: dict[str, Any] = {
        "downloader/response_count": stored + known + 12,
        "newsarchive/articles/new": new,
        "newsarchive/articles/unchanged": unchanged,
        "newsarchive/skipped_known": known,
        "newsarchive/coverage/published": stored if published is None else published,
        "newsarchive/coverage/author": author,
        "newsarchive/coverage/sapo": sapo,
        "newsarchive/coverage/captions": captions,
    }
    if short_body:
        stats["newsarchive/dropped/short_body"] = short_body
    if not_article:
        stats["newsarchive/not_article/other"] = not_article
    if crawl_id is not None:
        stats["newsarchive/crawl_id"] = crawl_id
    return stats


class Archive:
    """A real SQLite file holding earlier runs of one source."""

    def __init__(self, path: Path) -> None:
        self.path = path
        with sqlite3.connect(path) as conn:
            conn.execute(CRAWLS)

    def add_run(self, raw: dict[str, Any], *, command: str = "crawl baosonla",
                state: str = "finished", source: str = "baosonla") -> int:
        s = summarize_stats(raw)
        with sqlite3.connect(self.path) as conn:
            cur = conn.execute(
                "insert into crawls (source, command, state, pages, new, updated, unchanged, "
                "dropped, http_errors, coverage, stats) values (?,?,?,?,?,?,?,?,?,?,?)",
                (source, command, state, s["pages"], s["new"], s["updated"], s["unchanged"],
                 json.dumps(s["dropped"]), json.dumps(s["http_errors"]), json.dumps(s["coverage"]),
                 json.dumps(raw)))
            return int(cur.lastrowid or 0)


@pytest.fixture
def archive(tmp_path: Path) -> Archive:
    """A first full crawl, then three healthy scheduled runs."""
    a = Archive(tmp_path / "archive.db")
    a.add_run(raw_stats(new=120, author=90, sapo=100, captions=70))
    for new in (8, 6, 9):
        a.add_run(raw_stats(new=new, known=40, author=new - 2, sapo=new - 1, captions=new // 2))
    return a


def test_healthy_run_gives_no_warning(archive: Archive) -> None:
    run = raw_stats(new=7, known=41, author=5, sapo=6, captions=3)
    assert assess_run(archive.path, "baosonla", run) == []
    assert assess_run(archive.path, "baosonla", {**summarize_stats(run), "stats": run}) == []


def test_lost_dates_after_a_redesign_warn(archive: Archive) -> None:
    run = raw_stats(new=8, known=40, published=0, author=6, sapo=7, captions=4)
    warnings = assess_run(archive.path, "baosonla", summarize_stats(run))  # summary alone
    assert len(warnings) == 1
    assert "'published'" in warnings[0]
    assert "0%" in warnings[0]
    assert "100%" in warnings[0]
    assert "newsarchive sources check baosonla" in warnings[0]


def test_each_broken_field_is_named(archive: Archive) -> None:
    run = raw_stats(new=10, known=40, author=0, sapo=0, captions=5)
    text = "\n".join(assess_run(archive.path, "baosonla", run))
    assert "'author'" in text
    assert "'sapo'" in text
    assert "'captions'" not in text
    assert "'published'" not in text


def test_rare_field_getting_rarer_is_not_an_alarm(tmp_path: Path) -> None:
    a = Archive(tmp_path / "a.db")
    for _ in range(3):
        a.add_run(raw_stats(new=20, author=6))        # author on 30% of articles
    assert assess_run(a.path, "baosonla", raw_stats(new=20, author=2)) == []  # 10%: small drop


def test_articles_no_longer_found_warn(archive: Archive) -> None:
    nothing = raw_stats(new=0, known=0)
    warnings = assess_run(archive.path, "baosonla", nothing)
    assert any("no article links found" in w for w in warnings)
    few = raw_stats(new=1, known=4)
    assert any("5 articles seen" in w for w in assess_run(archive.path, "baosonla", few))


def test_pages_fetched_but_no_longer_articles_warn(archive: Archive) -> None:
    run = raw_stats(new=2, known=40, short_body=5, not_article=3, author=2, sapo=2, captions=1)
    warnings = assess_run(archive.path, "baosonla", run)
    assert any("only 2 of 10 article pages" in w for w in warnings)


def test_incremental_run_is_not_compared_with_the_backfill(tmp_path: Path) -> None:
    a = Archive(tmp_path / "a.db")
    a.add_run(raw_stats(new=3000, author=2000))
    a.add_run(raw_stats(new=500, author=300), command="crawl baosonla --since 2019-01-01")
    # Second-ever scheduled run: 40 seen vs thousands in backfills is normal.
    assert assess_run(a.path, "baosonla", raw_stats(new=6, known=34, author=4)) == []


def test_current_row_failed_runs_and_other_sources_are_not_the_baseline(tmp_path: Path) -> None:
    a = Archive(tmp_path / "a.db")
    a.add_run(raw_stats(new=50, author=40))
    a.add_run(raw_stats(new=9, known=30, author=0), state="shutdown")     # killed run
    a.add_run(raw_stats(new=9, known=30, author=0), source="baolangson")  # another paper
    a.add_run(raw_stats(new=9, known=30, author=8))
    current = raw_stats(new=9, known=30, author=0)
    current_id = a.add_run(current)
    current["newsarchive/crawl_id"] = current_id
    warnings = assess_run(a.path, "baosonla", current)
    assert len(warnings) == 1
    assert "'author'" in warnings[0]
    assert "median of the previous 2 runs" in warnings[0]


def test_latest_run_of_each_source_is_assessed(archive: Archive) -> None:
    archive.add_run(raw_stats(new=9, known=30, author=0, sapo=8, captions=4))   # broken author
    archive.add_run(raw_stats(new=40), source="baolangson")
    latest = assess_latest(archive.path)
    assert set(latest) == {"baosonla", "baolangson"}
    assert len(latest["baosonla"]) == 1
    assert "'author'" in latest["baosonla"][0]
    assert latest["baolangson"] == []


def test_first_run_and_missing_archive_give_nothing(tmp_path: Path) -> None:
    assert assess_run(tmp_path / "none.db", "baosonla", raw_stats(new=0)) == []
    a = Archive(tmp_path / "a.db")
    assert assess_run(a.path, "baosonla", raw_stats(new=0)) == []


@pytest.mark.slow
def test_real_crawls_then_a_redesign_end_with_a_coverage_warning(tmp_path: Path) -> None:
    """Crawl a mirrored paper, re-crawl it after a redesign that drops dates and bylines."""
    import copy
    import html

    from newsarchive.mirror import build_sites
    from newsarchive.mirror.server import MirrorServer
    from tests.conftest import run_cli

    sites = build_sites()
    sid = "baolaichau" if "baolaichau" in sites else sorted(sites)[0]
    redesigned = copy.deepcopy(sites[sid])
    for t in redesigned.articles():  # a bare new template: headline and paragraphs only
        paras = "".join(f"<p>{html.escape(p)}</p>" for p in t["body"].split("\n\n"))
        title = html.escape(t["title"])
        redesigned.pages[t["url"].removeprefix(redesigned.base_url)].body = (
            f'<!DOCTYPE html><html lang="vi"><head><meta charset="utf-8"><title>{title}</title>'
            f'</head><body><div class="khung-moi"><h1 class="tieu-de">{title}</h1>'
            f'<div class="noi-dung">{paras}</div></div></body></html>').encode()
    db = tmp_path / "archive.db"
    flags = ["--db", str(db), "--warc-dir", str(tmp_path / "warc"),
             "--sources-dir", str(tmp_path / "sources"), "-s", "LOG_LEVEL=WARNING"]
    with MirrorServer() as mirror:
        first = run_cli("crawl", sid, "--mirror", mirror.url, *flags, timeout=120)
    assert first.returncode == 0, first.stderr[-2000:]
    with MirrorServer(sites={**sites, sid: redesigned}) as mirror:
        second = run_cli("crawl", sid, "--refresh", "--mirror", mirror.url, *flags, timeout=120)
    # The run ends with the coverage warning and exit status 3, which cron and systemd surface.
    assert second.returncode == 3, second.stderr[-2000:]
    assert "warning:" in second.stderr
    assert "published" in second.stderr
    conn = sqlite3.connect(db)
    try:
        (stats,) = conn.execute("select stats from crawls order by id desc limit 1").fetchone()
        (healthy,) = conn.execute("select stats from crawls order by id limit 1").fetchone()
    finally:
        conn.close()
    warnings = assess_run(db, sid, json.loads(stats))
    assert any("'published'" in w and "the previous run" in w for w in warnings), warnings
    assert assess_run(db, sid, json.loads(healthy)) == []  # the first run had nothing to compare
