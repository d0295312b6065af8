"""The Datasette reading room, in process: real Datasette, real config, templates and plugins,
against the package's fixture archive (plus a hostile and a syndicated article)."""

from __future__ import annotations

import asyncio
import hashlib
import io
import json
import re
import shutil
import signal
import socket
import sqlite3
import subprocess
import sys
import tempfile
import time
import urllib.parse
import urllib.request
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from newsarchive.archive.fts import FTS_COLUMNS, FTS_TOKENIZE
from newsarchive.web import datasette_args, make_datasette, tidy_side_files
from newsarchive.web.chart import monthly_small_multiples
from newsarchive.web.config import metadata_path
from newsarchive.web.dates import reader_date
from newsarchive.web.fixtures import (
    BARE_PHOTO,
    HOSTILE_TITLE,
    HOSTILE_URL,
    MISSING_PHOTO,
    build_web_fixture,
)
from newsarchive.web.search import highlight, search_match
from newsarchive.web.text import photo_credit

if TYPE_CHECKING:
    from collections.abc import Iterator


class Client:
    """Datasette's in-process ASGI client on one event loop (Datasette's locks belong to it)."""

    def __init__(self, db_path: Path) -> None:
        self.ds = make_datasette(db_path)
        self.loop = asyncio.new_event_loop()
        self.loop.run_until_complete(self.ds.invoke_startup())

    def get(self, path: str, **kwargs: Any) -> Any:
        return self.loop.run_until_complete(self.ds.client.get(path, **kwargs))

    def json(self, path: str) -> Any:
        response = self.get(path)
        assert response.status_code == 200, response.text[:500]
        return response.json()

    def close(self) -> None:
        for database in self.ds.databases.values():
            database.close()
        self.loop.close()


@pytest.fixture(scope="module")
def archive_path(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return build_web_fixture(tmp_path_factory.mktemp("web") / "archive.db")


@pytest.fixture(scope="module")
def client(archive_path: Path) -> Iterator[Client]:
    c = Client(archive_path)
    yield c
    c.close()


@pytest.fixture(scope="module")
def db(archive_path: Path) -> Iterator[sqlite3.Connection]:
    conn = sqlite3.connect(f"file:{archive_path}?mode=ro", uri=True)
    conn.row_factory = sqlite3.Row
    yield conn
    conn.close()


def titles(client: Client, search: str, **extra: str) -> list[str]:
    params = {"_search": search, "_shape": "array", "_col": "title", **extra}
    return [r["title"] for r in client.json(_url("/archive/articles.json", params))]


def _url(path: str, params: dict[str, str]) -> str:
    return f"{path}?{urllib.parse.urlencode(params)}"


# --- how it is started ------------------------------------------------------------------------


def test_datasette_args_serve_loopback_read_only_with_the_package_config(
    archive_path: Path,
) -> None:
    args = datasette_args(archive_path, port=8123)
    assert args[0] == "serve"
    assert args[args.index("--host") + 1] == "127.0.0.1"
    assert args[args.index("--port") + 1] == "8123"
    # opened mode=ro (crawls may write meanwhile), not immutable, unless asked for
    assert str(archive_path.resolve()) in args
    assert "--immutable" not in args
    assert "--immutable" in datasette_args(archive_path, immutable=True)
    settings_given = {
        args[i + 1]: args[i + 2] for i, a in enumerate(args) if a == "--setting"
    }
    assert settings_given["sql_time_limit_ms"] == "3000"
    assert settings_given["suggest_facets"] == "off"
    # the plugin, its templates and styles come with the installed package (entry point)
    assert "--plugins-dir" not in args
    assert "--template-dir" not in args
    assert "--static" not in args
    assert args[args.index("--metadata") + 1] == str(metadata_path())


def test_the_plugin_is_an_installed_datasette_entry_point() -> None:
    from importlib.metadata import entry_points

    from datasette.plugins import get_plugins

    assert [e.value for e in entry_points(group="datasette") if e.name == "newsarchive"] == [
        "newsarchive.web"]
    plugin = next(p for p in get_plugins() if p["name"] == "newsarchive")
    assert plugin["templates_path"].endswith("newsarchive/web/templates")
    assert plugin["static_path"].endswith("newsarchive/web/static")
    assert {"register_routes", "extra_template_vars", "prepare_connection"} <= set(plugin["hooks"])


def test_an_archive_with_another_file_name_is_served_as_archive_with_nothing_written(
    archive_path: Path, tmp_path: Path
) -> None:
    other = tmp_path / "press-2025.db"
    with sqlite3.connect(archive_path) as src, sqlite3.connect(other) as dst:
        src.backup(dst)
    sqlite3.connect(other).close()
    before = sorted(p.name for p in tmp_path.iterdir())
    temp_before = _ours_in_temp()
    c = Client(other)
    try:
        assert c.json("/archive/articles.json?_shape=array&_size=1")
    finally:
        c.close()
    tidy_side_files(other)  # what `serve` does on the way out (read-only connections leave them)
    assert sorted(p.name for p in tmp_path.iterdir()) == before  # no link, no copy
    assert _ours_in_temp() == temp_before
    with pytest.raises(ValueError, match=r"archive\.db"):
        datasette_args(other)  # a plain datasette command would call it press-2025


def _ours_in_temp() -> set[str]:
    """What newsarchive put in the temp dir (other programs share it)."""
    return {p.name for p in Path(tempfile.gettempdir()).iterdir() if "newsarchive" in p.name}


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def _wait_json(url: str, proc: subprocess.Popen[bytes]) -> Any:
    deadline = time.monotonic() + 30
    while True:
        try:
            with urllib.request.urlopen(url, timeout=2) as response:
                return json.load(response)
        except OSError:
            assert proc.poll() is None, "the server stopped"
            assert time.monotonic() < deadline, "no server"
            time.sleep(0.2)


@pytest.mark.parametrize("stop", [signal.SIGINT, signal.SIGTERM])
def test_serve_runs_on_loopback_until_stopped_and_leaves_nothing_behind(
    archive_path: Path, tmp_path: Path, stop: signal.Signals
) -> None:
    """`newsarchive serve` on a closed archive in its own folder: the folder and the temp dir
    hold exactly what they held before, after a stop with Ctrl-C or by the service manager."""
    folder = tmp_path / "copy"
    folder.mkdir()
    db = folder / "press.db"
    with sqlite3.connect(archive_path) as src, sqlite3.connect(db) as dst:
        src.backup(dst)
    sqlite3.connect(db).close()
    shutil.copytree(archive_path.parent / "warc", folder / "warc")
    before = sorted(str(p.relative_to(folder)) for p in folder.rglob("*"))
    temp_before = _ours_in_temp()
    port = _free_port()
    with (tmp_path / "serve.log").open("w") as log:
        proc = subprocess.Popen(
            [sys.executable, "-m", "newsarchive.cli", "serve", "--db", str(db), "--port",
             str(port)], stdout=log, stderr=log)
        try:
            url = f"http://127.0.0.1:{port}/archive/articles.json?_search=dien+bien&_shape=array"
            assert len(_wait_json(url, proc)) == 6
            with urllib.request.urlopen(f"http://127.0.0.1:{port}/archive/-/photo/1/thumb") as r:
                assert r.headers["Content-Type"] == "image/jpeg"
        finally:
            proc.send_signal(stop)
            proc.wait(timeout=15)
    assert proc.returncode == 0
    assert sorted(str(p.relative_to(folder)) for p in folder.rglob("*")) == before
    assert _ours_in_temp() == temp_before


def test_serve_works_on_a_copy_in_a_read_only_folder(archive_path: Path, tmp_path: Path) -> None:
    """A frozen copy on read-only media: opened immutable (SQLite cannot open a WAL database
    there otherwise), photos included."""
    folder = tmp_path / "frozen"
    folder.mkdir()
    with sqlite3.connect(archive_path) as src, sqlite3.connect(folder / "archive.db") as dst:
        src.backup(dst)
    shutil.copytree(archive_path.parent / "warc", folder / "warc")
    for path in [*folder.rglob("*"), folder]:
        path.chmod(0o555 if path.is_dir() else 0o444)
    port = _free_port()
    try:
        with (tmp_path / "serve.log").open("w") as log:
            proc = subprocess.Popen(
                [sys.executable, "-m", "newsarchive.cli", "serve", "--db",
                 str(folder / "archive.db"), "--port", str(port)], stdout=log, stderr=log)
            try:
                rows = _wait_json(f"http://127.0.0.1:{port}/archive/articles.json?_shape=array"
                                  "&_col=title&_size=100", proc)
                assert len(rows) == 15
                with urllib.request.urlopen(f"http://127.0.0.1:{port}/archive/-/photo/2") as r:
                    assert r.read()[:3] == b"\xff\xd8\xff"  # a JPEG, from the read-only WARC
            finally:
                proc.send_signal(signal.SIGINT)
                proc.wait(timeout=15)
        assert "immutable copy" in (tmp_path / "serve.log").read_text()
        assert sorted(p.name for p in folder.iterdir()) == ["archive.db", "warc"]
    finally:
        for path in [folder, *folder.rglob("*")]:
            path.chmod(0o755 if path.is_dir() else 0o644)


def test_settings_limit_sql_time_and_turn_off_facet_suggestions(client: Client) -> None:
    settings_now = client.json("/-/settings.json")
    assert settings_now["sql_time_limit_ms"] == 3000
    assert settings_now["suggest_facets"] is False
    assert settings_now["allow_download"] is False


# --- home -------------------------------------------------------------------------------------


def test_home_lists_papers_with_province_counts_dates_and_last_crawl(
    client: Client, db: sqlite3.Connection
) -> None:
    html = client.get("/").text
    rows = re.findall(r"<tr>(.*?)</tr>", html, re.S)
    by_paper = {re.sub(r"<[^>]+>", "", r.split("</td>")[0]).strip(): r for r in rows[1:]}
    assert set(by_paper) == {"Báo Điện Biên Phủ", "Báo Lai Châu", "Báo Sơn La"}
    dbp = by_paper["Báo Điện Biên Phủ"]
    expected = db.execute(
        "select count(*), min(published_day), max(published_day) from articles"
        " where source = 'baodienbienphu'"
    ).fetchone()
    assert "Điện Biên" in dbp
    assert f'class="na-num">{expected[0]}</td>' in dbp
    assert reader_date(expected[1], weekday=False) in dbp  # 20/2/2024, as readers write it
    assert reader_date(expected[2], weekday=False) in dbp
    # its own crawl, the later one (01:02 UTC is 08:02 in Vietnam), finished
    assert ">12/12/2024 08:02</a>" in dbp
    assert ">xong</span>" in dbp
    # papers only crawled by the crawl of every paper still show that crawl
    assert "10/12/2024 08:05" in by_paper["Báo Sơn La"]
    assert 'action="/archive/-/search"' in html


def test_home_dates_are_the_same_read_through_either_index(
    client: Client, monkeypatch: pytest.MonkeyPatch
) -> None:
    from newsarchive.web import pages

    pages._papers_cache.clear()
    seek = client.get("/").text
    pages._papers_cache.clear()
    monkeypatch.setattr(pages, "WALK_MIN_ARTICLES", 1)  # big-paper path for every paper
    walk = client.get("/").text
    pages._papers_cache.clear()
    assert walk == seek
    assert "12/10/2022" in walk


# --- Datasette's own search: ?_search= on the table and its JSON --------------------------------

DBP_TOUR = "Điện Biên Phủ đón gần 12.000 lượt khách dịp nghỉ lễ 2/9"
DBP_PLENUM = "Tỉnh ủy Điện Biên sơ kết 6 tháng thực hiện Nghị quyết về xây dựng nông thôn mới"
MANGO = "Sơn La: Mùa xoài sớm được giá"
CHEEKS = "Nụ cười trên đôi má ửng hồng của học trò vùng cao"  # má
SEEDLINGS = "Mùa gieo mạ trên cánh đồng Mường Thanh"  # mạ
HARMONY_NEW = "Xây dựng khối đại đoàn kết, hoà hợp giữa các dân tộc"  # new style hoà
HARMONY_OLD = "Bà con bản Na Sang hòa mình vào lễ hội mừng cơm mới"  # old style hòa
LANGUAGE = "Nâng cao chất lượng dạy tiếng Việt cho trẻ em dân tộc thiểu số"
HIGHWAY = "Cao tốc Sơn La - Điện Biên sẽ khởi công trong năm 2025"

FLOODS = "Lai Châu chủ động ứng phó mưa lũ, sạt lở đất"
COUNCIL = "HĐND tỉnh Lai Châu khai mạc kỳ họp thứ hai mươi"
HOSTILE = HOSTILE_TITLE
DIEN_BIEN = [DBP_PLENUM, DBP_TOUR, LANGUAGE, HOSTILE, HIGHWAY, HIGHWAY]
DIEN_BIEN_PHU = [DBP_TOUR, HOSTILE, HIGHWAY, HIGHWAY]

# (query as typed, every article it must find). Without marks a word matches all its marked
# variants (đ = d); with marks only that word, in either tone-mark style; words are ANDed.
SEARCHES = [
    ("dien bien", DIEN_BIEN),
    ("DIEN BIEN", DIEN_BIEN),
    ("Điện Biên", DIEN_BIEN),
    ("ĐIỆN BIÊN", DIEN_BIEN),
    ("điện biên", DIEN_BIEN),
    ("Điện bien phu", DIEN_BIEN_PHU),
    ('"dien bien phu"', DIEN_BIEN_PHU),
    ('"Điện Biên Phủ"', DIEN_BIEN_PHU),
    ("hòa", [HARMONY_OLD, HARMONY_NEW]),
    ("hoà", [HARMONY_OLD, HARMONY_NEW]),
    ("hoa", [DBP_PLENUM, HARMONY_OLD, CHEEKS, HARMONY_NEW, HOSTILE]),
    ("thủy", [DBP_PLENUM, FLOODS, HARMONY_NEW]),
    ("thuỷ", [DBP_PLENUM, FLOODS, HARMONY_NEW]),
    ("khỏe", [HARMONY_OLD, CHEEKS, HARMONY_NEW]),
    ("khoẻ", [HARMONY_OLD, CHEEKS, HARMONY_NEW]),
    ("thuy dien", [DBP_PLENUM, FLOODS]),
    ("má", [CHEEKS]),
    ("mạ", [SEEDLINGS]),
    ("mã", [MANGO, HOSTILE]),
    ("ma", [SEEDLINGS, CHEEKS, MANGO, HOSTILE]),
    ("xoai", [MANGO]),
    ("xoài", [MANGO]),
    ("Yên Châu", [MANGO]),
    ("yen chau", [MANGO]),
    ("quy trình", [FLOODS, MANGO]),
    ("Pá Khoang", [SEEDLINGS]),
    ("pa khoang", [SEEDLINGS]),
    ("HĐND", [COUNCIL]),
    ("hdnd", [COUNCIL]),
    ("nuong", [HARMONY_OLD]),
    ("VietGAP", [MANGO]),
    ("vietgap", [MANGO]),
    ("2025", [HOSTILE, HIGHWAY, HIGHWAY]),
]


@pytest.mark.parametrize(("query", "expected"), SEARCHES)
def test_datasette_search_understands_vietnamese(
    client: Client, query: str, expected: list[str]
) -> None:
    assert sorted(titles(client, query)) == sorted(expected)


@pytest.mark.parametrize(
    "query", ['"Điện Biên"!', "-", "AND", '"dien', "dien AND", "(", "*", 'NEAR("a"', "Điện Biên OR"]
)
def test_malformed_searches_never_fail_in_datasette(client: Client, query: str) -> None:
    for path in ("/archive/articles.json", "/archive/articles", "/archive/-/search"):
        key = "q" if path.endswith("search") else "_search"
        response = client.get(_url(path, {key: query}))
        assert response.status_code == 200, (path, query, response.text[:300])
        assert "Traceback" not in response.text


@pytest.mark.parametrize("query", ["dien bien", "hòa", "ma", "2025", "xoai"])
def test_broad_search_plan_returns_what_datasettes_own_search_returns(
    client: Client, query: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    from newsarchive.web import tablesearch

    def rows(extra: dict[str, str]) -> list[int]:
        params = {"_search": query, "_shape": "array", "_col": "id", "_size": "4", **extra}
        got: list[int] = []
        path: str | None = _url("/archive/articles.json", params)
        while path:  # every page, so keyset pagination is covered too
            response = client.get(path)
            got += [r["id"] for r in response.json()]
            nxt = response.headers.get("link", "")
            path = nxt[1 : nxt.index(">")].split("localhost", 1)[-1] if nxt else None
        return got

    datasettes_own = rows({"_fts_table": "articles_fts", "_fts_pk": "id"})
    assert datasettes_own
    assert len(set(datasettes_own)) == len(datasettes_own)
    monkeypatch.setattr(tablesearch, "WALK_THRESHOLD", 0)  # every search walks the date index
    assert rows({}) == datasettes_own
    monkeypatch.setattr(tablesearch, "WALK_THRESHOLD", 10**9)  # none does
    assert rows({}) == datasettes_own


def test_column_search_matches_datasettes_own(client: Client) -> None:
    params = {"_search_title": "dien bien", "_shape": "array", "_col": "id"}
    ours = client.json(_url("/archive/articles.json", params))
    own = client.json(_url("/archive/articles.json", {**params, "_fts_table": "articles_fts"}))
    assert ours == own
    assert len(ours) == 0
    params["_search_title_fold"] = params.pop("_search_title")
    ours = client.json(_url("/archive/articles.json", params))
    own = client.json(_url("/archive/articles.json", {**params, "_fts_table": "articles_fts"}))
    assert ours == own
    assert len(ours) == 5
    assert client.get("/archive/articles.json?_search_nope=x").status_code == 400


def test_raw_mode_syntax_errors_are_a_400_message_not_a_crash(client: Client) -> None:
    params = {"_search": '"dien', "_searchmode": "raw"}
    response = client.get(_url("/archive/articles.json", params))
    assert response.status_code == 400
    assert response.json()["error"]
    assert "Traceback" not in response.text


def test_table_search_page_links_to_relevance_ranked_search(client: Client) -> None:
    html = client.get("/archive/articles?_search=dien+bien").text
    assert DBP_TOUR in html
    assert 'href="/archive/-/search?q=dien%20bien"' in html


def test_table_search_is_counted_from_the_index_and_json_keeps_its_count(client: Client) -> None:
    html = client.get("/archive/articles?_search=dien+bien").text
    assert '<strong class="na-search-total">6</strong> bài có' in html
    assert "_nocount=1" in html  # Datasette's own count (a pass over every match) was skipped
    data = client.json("/archive/articles.json?_search=dien+bien")
    assert data["filtered_table_rows_count"] == 6
    # with a column filter only the article rows can count: no index figure is shown
    html = client.get("/archive/articles?_search=dien+bien&source=baosonla").text
    assert "na-search-total" not in html
    assert HIGHWAY in html


def test_articles_table_is_newest_first_with_readable_columns(
    client: Client, db: sqlite3.Connection
) -> None:
    rows = client.json("/archive/articles.json?_shape=array&_col=published_day")
    days = [r["published_day"] for r in rows]
    assert days == sorted(days, reverse=True)
    html = client.get("/archive/articles").text
    headers = re.findall(r'<th scope="col" class="col-(\w+)"', html)
    assert headers == ["photo", "title", "source", "published", "author", "category"]
    assert '<td class="col-source" data-label="Báo">Báo Điện Biên Phủ</td>' in html
    # one date form for every row: day first, a time only where the page gave one
    shown = re.findall(r'<td class="col-published"[^>]*><time datetime="([^"]+)">([^<]+)</time>',
                       html)
    assert shown
    assert all(text == reader_date(iso, weekday=False) for iso, text in shown)
    assert ("2024-09-14", "14/9/2024") in shown  # a day-only date, without a time


# --- facets -----------------------------------------------------------------------------------


def facet(client: Client, name: str, query: str = "") -> dict[str, int]:
    data = client.json(f"/archive/articles.json?_size=0{query}")
    return {str(v["value"]): v["count"] for v in data["facet_results"][name]["results"]}


def test_facets_count_papers_provinces_categories_years_and_months(
    client: Client, db: sqlite3.Connection
) -> None:
    def counts(sql: str) -> dict[str, int]:
        return {str(k): n for k, n in db.execute(sql) if k is not None}

    assert facet(client, "paper") == counts("select source, count(*) from articles group by 1")
    assert facet(client, "province") == counts(
        "select s.province, count(*) from articles a join sources s on s.id = a.source group by 1"
    )
    assert facet(client, "category") == counts("select category, count(*) from articles group by 1")
    assert facet(client, "year") == counts(
        "select substr(published_day, 1, 4), count(*) from articles group by 1"
    )
    assert facet(client, "month") == counts(
        "select substr(published_day, 1, 7), count(*) from articles group by 1"
    )


def test_facet_selections_filter_the_table(client: Client, db: sqlite3.Connection) -> None:
    rows = client.json(_url("/archive/articles.json", {"_province": "Lai Châu", "_shape": "array"}))
    assert rows
    assert {r["source"] for r in rows} == {"baolaichau"}
    rows = client.json("/archive/articles.json?_month=2024-09&_shape=array")
    assert sorted(r["published_day"] for r in rows) == ["2024-09-02", "2024-09-14"]
    rows = client.json("/archive/articles.json?_year=2023&_shape=array")
    assert len(rows) == db.execute(
        "select count(*) from articles where published_day like '2023-%'"
    ).fetchone()[0]
    bad = client.get("/archive/articles.json?_month=2024-13&_shape=array")
    assert bad.status_code == 400
    # combined with a search, the facets count the matches only
    assert facet(client, "province", "&_search=dien+bien") == {
        "Điện Biên": 3,
        "Lai Châu": 1,
        "Sơn La": 2,
    }


def test_a_long_facet_pass_finishes_in_the_background(client: Client) -> None:
    settings_now = client.ds._settings
    saved = settings_now["facet_time_limit_ms"]
    settings_now["facet_time_limit_ms"] = 0  # the page does not wait for facets at all
    try:
        first = client.get("/archive/articles?_search=xoai").text
    finally:
        settings_now["facet_time_limit_ms"] = saved
    assert MANGO in first
    assert "đang được đếm" in first
    assert 'id="facet-paper"' not in first
    again = client.get("/archive/articles?_search=xoai").text
    assert 'id="facet-paper"' in again
    assert "đang được đếm" not in again


# --- the reader's search page -----------------------------------------------------------------


def hits(html: str) -> list[str]:
    return re.findall(r'class="na-hit-title" href="[^"]+">([^<]+)</a>', html)


def test_reader_search_ranks_by_relevance_and_marks_the_original_words(client: Client) -> None:
    html = client.get("/archive/-/search?q=dien+bien").text
    found = hits(html)
    assert len(found) == 6
    # headline hits first (bm25 weighs the headline), a body-only mention last
    assert found[-1] == LANGUAGE
    assert "<mark>Điện</mark> <mark>Biên</mark>" in html  # typed without marks, shown as printed
    assert "<strong>6</strong> bài có" in html


def test_reader_search_says_when_only_the_newest_matches_were_ranked(
    client: Client, monkeypatch: pytest.MonkeyPatch
) -> None:
    from newsarchive.web import views

    assert "bài mới nhất được xếp" not in client.get("/archive/-/search?q=dien+bien").text
    monkeypatch.setattr(views, "RANK_WINDOW", 2)
    html = client.get("/archive/-/search?q=dien+bien").text
    assert "2 bài mới nhất được xếp theo mức liên quan" in html


def test_reader_search_filters_by_paper_and_pages(client: Client) -> None:
    html = client.get("/archive/-/search?q=dien+bien&source=baosonla").text
    assert set(hits(html)) == {LANGUAGE, HIGHWAY}
    html = client.get("/archive/-/search?q=dien+bien&province=L%E1%BA%A1i").text
    assert hits(html) == []
    assert "Không có bài nào khớp" in html


def test_reader_search_phrase_exclusion_and_tone_styles(client: Client) -> None:
    assert hits(client.get(_url("/archive/-/search", {"q": "hòa"})).text) == hits(
        client.get(_url("/archive/-/search", {"q": "hoà"})).text
    )
    excluded = hits(client.get(_url("/archive/-/search", {"q": "dien bien -cao"})).text)
    assert HIGHWAY not in excluded
    assert DBP_TOUR in excluded
    phrase = hits(client.get(_url("/archive/-/search", {"q": '"bien phu"'})).text)
    assert DBP_PLENUM not in phrase  # "Điện Biên sơ kết": not the phrase "bien phu"


def test_reader_search_without_words_asks_for_one(client: Client) -> None:
    html = client.get(_url("/archive/-/search", {"q": "!!"})).text
    assert "Không có từ nào để tìm" in html
    assert 'class="na-hit' not in html


# --- the article page -------------------------------------------------------------------------


def article_id(db: sqlite3.Connection, title_start: str) -> int:
    return db.execute(
        "select id from articles where title like ?", (title_start + "%",)
    ).fetchone()[0]


def test_article_page_shows_the_article(client: Client, db: sqlite3.Connection) -> None:
    aid = article_id(db, "Điện Biên Phủ đón gần")
    html = client.get(f"/archive/articles/{aid}").text
    assert f'<h1 class="na-headline">{DBP_TOUR}</h1>' in html
    # the reader's date line: day first, with the weekday; where it came from is in a detail
    assert ('<time class="na-date" datetime="2024-09-02T18:00:00+07:00">'
            "Thứ Hai, 2/9/2024 18:00</time>") in html
    meta = html.split('<p class="na-meta">')[1].split("</p>")[0]
    assert "date from" not in meta
    assert "page" not in meta
    assert "đọc từ" not in meta
    provenance = html.split('<details class="na-provenance">')[1].split("</details>")[0]
    assert "Ngày đăng đọc từ thẻ meta của trang" in provenance  # date_from "meta"
    assert ">Báo Điện Biên Phủ</a>" in html
    assert ">Điện Biên</a>" in html
    assert '<span class="na-author">Hoàng Châu</span>' in html
    assert '<p class="na-sapo">(ĐBP) - Trong kỳ nghỉ lễ Quốc khánh' in html
    body = html.split('<div class="na-body">')[1].split("</div>")[0]
    assert body.count("<p>") == 2  # two paragraphs, split on the blank line
    assert '<span class="na-caption">Du khách tham quan Di tích Đồi A1.</span>' in html
    assert '<span class="na-photo-credit">Ảnh: Hoàng Châu</span>' in html
    # the photo is the archive's own copy, never the paper's
    photo = db.execute("select id from media where url = ?",
                       ("https://baodienbienphu.info.vn/uploads/2024/09/doi-a1.jpg",)).fetchone()
    assert f'src="/archive/-/photo/{photo[0]}"' in html
    assert 'src="https://' not in html
    assert 'class="na-original" href="https://baodienbienphu.info.vn/tin-tuc/du-lich/225102' in html
    assert 'class="na-capture" href="/archive/captures/' in html
    # edited between crawls: the earlier headline is listed
    assert "Các phiên bản trước" in html
    assert "Điện Biên Phủ đón hơn 10.000 lượt khách dịp nghỉ lễ" in html


def test_article_page_names_the_agency_and_the_copies(
    client: Client, db: sqlite3.Connection
) -> None:
    sql = "select id from articles where title = ? order by id"
    ids = [r[0] for r in db.execute(sql, (HIGHWAY,))]
    html = client.get(f"/archive/articles/{ids[0]}").text
    assert '<span class="na-credit">Nguồn: TTXVN</span>' in html
    assert f'href="/archive/articles/{ids[1]}"' in html
    assert "Báo Sơn La" in html
    assert "Cùng nội dung trên" in html


def test_planted_markup_is_shown_as_text_never_as_html(
    client: Client, db: sqlite3.Connection
) -> None:
    aid = db.execute("select id from articles where url = ?", (HOSTILE_URL,)).fetchone()[0]
    pages = [
        client.get(f"/archive/articles/{aid}").text,
        client.get("/archive/-/search?q=hoa+ban").text,
        client.get(_url("/archive/articles", {"_search": "hoa ban"})).text,
        client.get(_url("/archive/search_with_snippets", {"q": "ma nhung"})).text,
    ]
    for html in pages:
        assert "<script>window.__pwned" not in html
        assert "onerror=\"window" not in html
        assert "<img src=x" not in html
        assert not re.search(r"""(href|src)\s*=\s*["']?\s*javascript:""", html, re.I)
    article = pages[0]
    assert "&lt;script&gt;window.__pwned" in article  # visible as text, escaped
    assert "Lễ hội Hoa Ban Điện Biên rực rỡ sắc màu &lt;b&gt;2025&lt;/b&gt;" in article
    # the javascript: image URL is dropped, its caption kept
    assert "Thiếu nữ Thái bên cây hoa ban nở trắng." in article


# --- canned queries and the chart --------------------------------------------------------------


def test_latest_per_paper_gives_each_paper_its_newest_five(client: Client) -> None:
    rows = client.json("/archive/latest_per_paper.json?_shape=array")
    per_paper: dict[str, list[str]] = {}
    for r in rows:
        per_paper.setdefault(r["paper"], []).append(r["published"][:10])
    assert set(per_paper) == {"Báo Điện Biên Phủ", "Báo Lai Châu", "Báo Sơn La"}
    for days in per_paper.values():
        assert len(days) <= 5
        assert days == sorted(days, reverse=True)
    assert per_paper["Báo Điện Biên Phủ"][0] == "2025-03-08"


def test_articles_per_month_is_charted(client: Client, db: sqlite3.Connection) -> None:
    rows = client.json("/archive/articles_per_month.json?_shape=array")
    assert sum(r["articles"] for r in rows) == db.execute(
        "select count(*) from articles where published_day is not null"
    ).fetchone()[0]
    html = client.get("/archive/articles_per_month").text
    # small multiples: every paper its own panel, plus all papers together
    assert html.count('<figure class="na-multiple"') == 3
    assert html.count('<figure class="na-multiple na-multiple-all"') == 1
    assert "<strong>Báo Lai Châu</strong>" in html
    assert "<script src=\"http" not in html  # no CDN: drawn on the server


def test_search_with_snippets_canned_query(client: Client) -> None:
    path = "/archive/search_with_snippets.json"
    rows = client.json(_url(path, {"q": "dien bien", "_shape": "array"}))
    assert len(rows) == 6
    assert any("[Điện] [Biên]" in (r["snippet"] or "") for r in rows)
    bad = client.json(_url(path, {"q": '"Điện Biên"!', "_shape": "array"}))
    assert len(bad) == 6


def test_canned_search_ranks_with_the_archives_weights() -> None:
    from newsarchive.archive.fts import BM25_WEIGHTS
    from newsarchive.web.config import load_config

    sql = load_config()["databases"]["archive"]["queries"]["search_with_snippets"]["sql"]
    weights = re.search(r"bm25\(articles_fts, ([^)]*)\)", sql)
    assert weights
    assert tuple(float(w) for w in weights.group(1).split(",")) == BM25_WEIGHTS


def test_same_article_on_several_papers(client: Client) -> None:
    rows = client.json("/archive/same_article_on_several_papers.json?_shape=array")
    assert {r["paper"] for r in rows} == {"Báo Lai Châu", "Báo Sơn La"}
    assert len({r["story"] for r in rows}) == 1


# --- read-only, arbitrary SQL with a limit ------------------------------------------------------


def test_sql_is_allowed_but_nothing_can_write(client: Client, db: sqlite3.Connection) -> None:
    sql = "select vi_fold('Điện Biên') as f"
    ok = client.json(_url("/archive.json", {"sql": sql, "_shape": "array"}))
    assert ok == [{"f": "Dien Bien"}]
    before = db.execute("select count(*) from articles").fetchone()[0]
    for sql in ("delete from articles", "update articles set title = 'x'", "drop table sources"):
        response = client.get(_url("/archive.json", {"sql": sql}))
        assert response.status_code == 400
    assert db.execute("select count(*) from articles").fetchone()[0] == before
    assert client.ds.get_database("archive").is_mutable  # opened mode=ro, see datasette_args


def test_exports_csv_of_a_filtered_view(client: Client) -> None:
    response = client.get(_url("/archive/articles.csv", {"_search": "má", "_col": "title"}))
    assert response.status_code == 200
    assert CHEEKS in response.text


# --- the pieces on their own -------------------------------------------------------------------


def test_chart_is_a_panel_per_paper_at_4_and_at_60_papers() -> None:
    def rows(papers: int) -> list[dict[str, Any]]:
        return [{"paper": f"<b>Báo {i}</b>", "month": f"2024-{m:02d}", "articles": (i + m) % 7}
                for i in range(papers) for m in (1, 2, 5)]

    for papers in (4, 60):
        html = str(monthly_small_multiples(rows(papers)))
        assert html.count('<figure class="na-multiple"') == papers  # none folded away
        assert html.count("<svg") == papers + 1  # and all papers together
        assert "<b>" not in html
        assert "&lt;b&gt;Báo 0&lt;/b&gt;" in html
        # one slot per month from the first to the last, the gap months included
        assert 'viewBox="0 0 300 64"' in html
        assert "từ tháng 1/2024 đến tháng 5/2024" in html
    # each bar says what it is
    assert "<title>tháng 5/2024: 5 bài</title>" in str(monthly_small_multiples(rows(1)))
    assert "Chưa có bài nào" in str(monthly_small_multiples([]))


def test_highlight_marks_variants_the_way_the_index_matches() -> None:
    text = "Mùa gieo mạ ở Điện Biên; đôi má ửng hồng; hoà hợp và hòa mình."
    assert "[Điện] [Biên]" in highlight(text, "dien bien")
    assert "[má]" in highlight(text, "má")
    assert "[mạ]" not in highlight(text, "má")
    assert "[hoà]" in highlight(text, "hòa")
    assert "[hòa]" in highlight(text, "hoà")


@settings(max_examples=200, deadline=None)
@given(st.text(alphabet=st.sampled_from(list('ab đĐiện"*-()!:^+ANDORNOT{}')), max_size=30))
def test_search_match_is_always_valid_fts5(query: str) -> None:
    conn = sqlite3.connect(":memory:")
    columns = ", ".join(FTS_COLUMNS)
    conn.execute(f"create virtual table f using fts5({columns}, tokenize='{FTS_TOKENIZE}')")
    conn.execute("insert into f values ('a đi b', '', '', '', 'a di b', '')")
    conn.execute("select count(*) from f where f match ?", (search_match(query),)).fetchone()
    conn.close()


# --- photos, from the archive itself --------------------------------------------------------


def test_photos_are_served_from_the_warc_with_thumbnails(
    client: Client, db: sqlite3.Connection
) -> None:
    from PIL import Image

    stored = db.execute("select id, sha1, width, height from media where status = 'stored'"
                        " order by id").fetchall()
    assert len(stored) >= 8
    for media_id, sha1, width, height in stored:
        full = client.get(f"/archive/-/photo/{media_id}")
        assert full.status_code == 200
        assert full.headers["content-type"] == "image/jpeg"
        assert hashlib.sha1(full.content).hexdigest() == sha1  # the archived bytes, unchanged
        assert "immutable" in full.headers["cache-control"]
        assert full.headers["x-content-type-options"] == "nosniff"
        thumb = client.get(f"/archive/-/photo/{media_id}/thumb")
        assert thumb.headers["content-type"] == "image/jpeg"
        with Image.open(io.BytesIO(thumb.content)) as small:
            assert small.width <= 320
            assert small.height <= 240
            assert abs(small.width / small.height - width / height) < 0.02
        again = client.get(f"/archive/-/photo/{media_id}",
                           headers={"if-none-match": full.headers["etag"]})
        assert again.status_code == 304
    assert client.get("/archive/-/photo/99999").status_code == 404
    failed = db.execute("select id from media where status = 'failed'").fetchone()[0]
    assert client.get(f"/archive/-/photo/{failed}").status_code == 404


def test_lists_show_a_thumbnail_of_each_article_with_a_photo(
    client: Client, db: sqlite3.Connection
) -> None:
    with_photo = {r[0] for r in db.execute(
        "select c.article_id from captions c join media m on m.id = c.media_id"
        " where m.status = 'stored'")}
    html = client.get("/archive/articles?_size=100").text
    rows = re.findall(r'<tr>\s*<td class="col-photo">(.*?)</td>\s*<td class="col-title"[^>]*>'
                      r'<a href="/archive/articles/(\d+)"', html, re.S)
    assert len(rows) == 15
    for cell, article_id in rows:
        assert ('/-/photo/' in cell) == (int(article_id) in with_photo), article_id
        if "/-/photo/" in cell:
            assert re.search(r'src="/archive/-/photo/\d+/thumb"', cell)
    search = client.get("/archive/-/search?q=dien+bien").text
    assert search.count('class="na-thumb"') == len(re.findall(r"na-hit-photo", search)) >= 3


def test_a_photo_not_kept_says_why_instead_of_an_empty_box(
    client: Client, db: sqlite3.Connection
) -> None:
    article = db.execute("select article_id from captions where image_url = ?",
                         (MISSING_PHOTO,)).fetchone()[0]
    html = client.get(f"/archive/articles/{article}").text
    assert ('<div class="na-photo-missing" title="HTTP 404">Ảnh này chưa được lưu trong kho: '
            "máy chủ của báo không còn ảnh này (HTTP 404).") in html
    assert "<img" not in html.split('<div class="na-images">')[1].split("</div>")[0]


def test_a_photo_without_a_caption_is_shown_from_the_archive_after_the_captioned_ones(
    client: Client, db: sqlite3.Connection
) -> None:
    article, captioned = db.execute(
        "select a.id, c.image_url from article_photos p join articles a on a.url = p.article_url"
        " join captions c on c.article_id = a.id where p.url = ?", (BARE_PHOTO,)).fetchone()
    bare_id = db.execute("select id from media where url = ? and status = 'stored'",
                         (BARE_PHOTO,)).fetchone()[0]
    captioned_id = db.execute("select id from media where url = ?", (captioned,)).fetchone()[0]
    html = client.get(f"/archive/articles/{article}").text
    figures = html.split('<div class="na-images">')[1].split('<div class="na-body">')[0]
    assert figures.index(f"/-/photo/{captioned_id}") < figures.index(f"/-/photo/{bare_id}")
    # the bare photo's figure carries no caption line
    bare_figure = figures.split(f'/-/photo/{bare_id}"><img')[1].split("</figure>")[0]
    assert "<figcaption>" not in bare_figure
    assert client.get(f"/archive/-/photo/{bare_id}").status_code == 200


def test_media_table_shows_thumbnails_and_a_photo_row_shows_the_photo(client: Client) -> None:
    html = client.get("/archive/media?status=stored").text
    assert re.search(r'<a href="/archive/-/photo/(\d+)"><img class="na-thumb" '
                     r'src="/archive/-/photo/\1/thumb"', html)
    row = client.get("/archive/media/1").text
    assert '<img src="/archive/-/photo/1"' in row


# --- the reading room's words -----------------------------------------------------------------

READER_PAGES = [
    "/",
    "/archive/articles",
    "/archive/articles?source=baodienbienphu",
    "/archive/articles?_search=dien+bien",
    "/archive/articles?_province=L%C3%A0o+Cai",
    "/archive/-/search?q=dien+bien",
    "/archive/-/search",
    "/archive/latest_per_paper",
    "/archive/articles_per_month",
    "/archive/search_with_snippets?q=hoa+ban",
    "/archive/same_article_on_several_papers",
    "/archive/sources",
    "/archive/media",
    "/archive",
]
#: Words of Datasette's English interface that must not reach a reader.
ENGLISH = ["Search", "Published", "Headline", "Next page", "This data as", "Powered by",
           "rows", "Apply", "Custom SQL query", "Advanced export", "Earlier versions",
           "Papers", "Articles", "Queries took", "Data license", ">home<"]


@pytest.mark.parametrize("path", READER_PAGES)
def test_every_page_is_vietnamese_with_one_search_box_and_no_query_object(
    client: Client, path: str
) -> None:
    html = client.get(path).text
    assert '<html lang="vi">' in html
    visible = re.sub(r"<(script|style)\b.*?</\1>|<[^>]+>", " ", html, flags=re.S)
    for word in ENGLISH:
        assert not re.search(rf"\b{re.escape(word)}\b", visible.replace(">home<", "")), word
    assert ">Trang chủ</a>" in html
    boxes = re.findall(r'<input[^>]*type="search"[^>]*>', html)
    assert len(boxes) <= 1, boxes
    for box in boxes:
        value = re.search(r'value="([^"]*)"', box)
        assert value is None or not value.group(1).startswith("{")
    assert "{&#39;sql&#39;" not in html
    assert "{'sql'" not in html
    assert "Ảnh: Ảnh:" not in html


def test_a_papers_list_has_one_empty_search_box_keeping_the_paper(client: Client) -> None:
    html = client.get("/archive/articles?source=baodienbienphu").text
    (box,) = re.findall(r'<form class="na-search".*?</form>', html, re.S)
    assert 'name="_search" value=""' in box
    assert '<input type="hidden" name="source" value="baodienbienphu">' in box
    assert "Đang lọc:" in html
    assert "Báo: Báo Điện Biên Phủ ✕" in html


@pytest.mark.parametrize(("name", "title"), [
    ("latest_per_paper", "Năm bài mới nhất của mỗi báo"),
    ("articles_per_month", "Số bài mỗi tháng của từng báo"),
    ("search_with_snippets", "Tìm kiếm kèm trích đoạn"),
    ("same_article_on_several_papers", "Cùng một bài trên nhiều báo"),
])
def test_canned_queries_have_human_titles_not_sql(client: Client, name: str, title: str) -> None:
    html = client.get(f"/archive/{name}").text
    page_title = re.search(r"<title>(.*?)</title>", html, re.S)
    assert page_title
    assert page_title.group(1).strip().startswith(title)
    assert f">{title}</h1>" in html
    assert "select" not in page_title.group(1).lower()
    # the SQL stays available, folded away
    assert '<details class="na-sql"><summary>' in html


@pytest.mark.parametrize(("args", "message"), [
    ("_year=abc", "«abc» không phải là một năm"),
    ("_month=2024-13", "«2024-13» không phải là một tháng"),
    ("_month=03-2024", "«03-2024» không phải là một tháng"),
])
def test_bad_facet_values_get_a_plain_message(client: Client, args: str, message: str) -> None:
    page = client.get(f"/archive/articles?{args}")
    assert page.status_code == 400
    assert message in page.text
    assert "9999" not in page.text
    assert "Xem tất cả bài báo" in page.text
    data = client.get(f"/archive/articles.json?{args}")
    assert data.status_code == 400
    assert message in data.json()["error"]
    search = client.get(f"/archive/-/search?q=dien+bien&{args.lstrip('_')}").text
    assert message in search
    assert "since (" not in search
    assert 'class="na-hit' not in search


def test_photo_credits_are_printed_once() -> None:
    assert photo_credit("Minh Hà") == "Ảnh: Minh Hà"
    assert photo_credit("Ảnh: Minh Hà") == "Ảnh: Minh Hà"
    assert photo_credit("ảnh:  Minh  Hà ") == "ảnh: Minh Hà"
    assert photo_credit("Ảnh minh họa") == "Ảnh minh họa"
    assert photo_credit("Ảnh TTXVN") == "Ảnh TTXVN"
    assert photo_credit("Anh: Quang Hung") == "Anh: Quang Hung"
    assert photo_credit("Ảnhviện") == "Ảnh: Ảnhviện"  # a word that starts with the letters only
    assert photo_credit(None) == ""
    assert photo_credit("  ") == ""


def test_reader_dates_are_day_first_with_the_weekday_and_vietnam_time() -> None:
    assert reader_date("2022-07-01T08:30:00+07:00") == "Thứ Sáu, 1/7/2022 08:30"
    assert reader_date("2026-11-20") == "Thứ Sáu, 20/11/2026"  # a day only: no time
    assert reader_date("2025-04-29 10:15:00+07:00") == "Thứ Ba, 29/4/2025 10:15"
    assert reader_date("2024-12-31T23:30:00+00:00") == "Thứ Tư, 1/1/2025 06:30"  # UTC -> +07
    assert reader_date("2024-03-10T09:00:00") == "Chủ Nhật, 10/3/2024 09:00"
    assert reader_date("2024-02-30") == "2024-02-30"  # not a date: as stored
    assert reader_date(None) == ""
    assert reader_date("2022-07-01T08:30:00+07:00", weekday=False) == "1/7/2022 08:30"
