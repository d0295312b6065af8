"""The Datasette reading room, in process: real Datasette, real config, templates and plugins,
against the package's fixture archive (plus a hostile and a syndicated article)."""

from __future__ import annotations

import asyncio
import json
import os
import re
import signal
import socket
import sqlite3
import subprocess
import sys
import time
import urllib.parse
import urllib.request
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from newsarchive.archive.fts import FTS_COLUMNS, FTS_TOKENIZE
from newsarchive.web import datasette_args, make_datasette
from newsarchive.web.chart import monthly_chart_svg
from newsarchive.web.config import PLUGINS_DIR, STATIC_DIR, TEMPLATES_DIR, metadata_path
from newsarchive.web.fixtures import HOSTILE_TITLE, HOSTILE_URL, build_web_fixture
from newsarchive.web.search import highlight, search_match


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
    assert str(archive_path.resolve()) in args and "--immutable" not in args
    assert "--immutable" in datasette_args(archive_path, immutable=True)
    settings_given = {
        args[i + 1]: args[i + 2] for i, a in enumerate(args) if a == "--setting"
    }
    assert settings_given["sql_time_limit_ms"] == "3000"
    assert settings_given["suggest_facets"] == "off"
    assert args[args.index("--metadata") + 1] == str(metadata_path())
    assert args[args.index("--template-dir") + 1] == str(TEMPLATES_DIR)
    assert args[args.index("--plugins-dir") + 1] == str(PLUGINS_DIR)
    assert args[args.index("--static") + 1].endswith(f":{STATIC_DIR}")


def test_an_archive_with_another_file_name_is_still_served_as_archive(
    archive_path: Path, tmp_path: Path
) -> None:
    other = tmp_path / "press-2025.db"
    other.write_bytes(archive_path.read_bytes())
    args = datasette_args(other)
    served = Path(args[1])
    assert served.name == "archive.db" and served.resolve() == other.resolve()


SERVE = (
    "import sys; from newsarchive.web import serve; "
    "sys.exit(serve(sys.argv[1], port=int(sys.argv[2])))"
)


def test_serve_runs_datasette_on_loopback_until_stopped(archive_path: Path, tmp_path: Path) -> None:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    repo = str(Path(__file__).resolve().parents[1])
    pythonpath = os.pathsep.join(p for p in (repo, os.environ.get("PYTHONPATH")) if p)
    with (tmp_path / "serve.log").open("w") as log:
        proc = subprocess.Popen(
            [sys.executable, "-c", SERVE, str(archive_path), str(port)],
            stdout=log, stderr=log, env={**os.environ, "PYTHONPATH": pythonpath},
        )
        try:
            url = f"http://127.0.0.1:{port}/archive/articles.json?_search=dien+bien&_shape=array"
            deadline = time.monotonic() + 30
            while True:
                try:
                    with urllib.request.urlopen(url, timeout=2) as response:
                        rows = json.load(response)
                    break
                except OSError:
                    assert proc.poll() is None and time.monotonic() < deadline, "no server"
                    time.sleep(0.2)
            assert len(rows) == 6
        finally:
            proc.send_signal(signal.SIGINT)
            proc.wait(timeout=15)
    assert proc.returncode == 0


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
    assert f'<td class="na-num">{expected[0]}</td>' in dbp
    assert expected[1] in dbp and expected[2] in dbp
    assert "finished" in dbp and "2024-12-12 01:02" in dbp  # its own crawl, the later one
    # papers only crawled by the crawl of every paper still show that crawl
    assert "2024-12-10 01:05" in by_paper["Báo Sơn La"]
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
    assert walk == seek and "2022-10-12" in walk


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
    assert datasettes_own and len(set(datasettes_own)) == len(datasettes_own)
    monkeypatch.setattr(tablesearch, "WALK_THRESHOLD", 0)  # every search walks the date index
    assert rows({}) == datasettes_own
    monkeypatch.setattr(tablesearch, "WALK_THRESHOLD", 10**9)  # none does
    assert rows({}) == datasettes_own


def test_column_search_matches_datasettes_own(client: Client) -> None:
    params = {"_search_title": "dien bien", "_shape": "array", "_col": "id"}
    ours = client.json(_url("/archive/articles.json", params))
    own = client.json(_url("/archive/articles.json", {**params, "_fts_table": "articles_fts"}))
    assert ours == own and len(ours) == 0  # the old-style title column holds marked words
    params["_search_title_fold"] = params.pop("_search_title")
    ours = client.json(_url("/archive/articles.json", params))
    own = client.json(_url("/archive/articles.json", {**params, "_fts_table": "articles_fts"}))
    assert ours == own and len(ours) == 5  # "Điện Biên" in the headline
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
    assert '<strong class="na-search-total">6</strong> articles match' in html
    assert "_nocount=1" in html  # Datasette's own count (a pass over every match) was skipped
    data = client.json("/archive/articles.json?_search=dien+bien")
    assert data["filtered_table_rows_count"] == 6
    # with a column filter only the article rows can count: no index figure is shown
    html = client.get("/archive/articles?_search=dien+bien&source=baosonla").text
    assert "na-search-total" not in html and HIGHWAY in html


def test_articles_table_is_newest_first_with_readable_columns(
    client: Client, db: sqlite3.Connection
) -> None:
    rows = client.json("/archive/articles.json?_shape=array&_col=published_day")
    days = [r["published_day"] for r in rows]
    assert days == sorted(days, reverse=True)
    html = client.get("/archive/articles").text
    headers = re.findall(r'<th scope="col" class="col-(\w+)"', html)
    assert headers == ["title", "source", "published", "author", "category"]
    assert '<a href="/archive/sources/baodienbienphu">Báo Điện Biên Phủ</a>' in html


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
    assert rows and {r["source"] for r in rows} == {"baolaichau"}
    rows = client.json("/archive/articles.json?_month=2024-09&_shape=array")
    assert sorted(r["published_day"] for r in rows) == ["2024-09-02", "2024-09-14"]
    rows = client.json("/archive/articles.json?_year=2023&_shape=array")
    assert len(rows) == db.execute(
        "select count(*) from articles where published_day like '2023-%'"
    ).fetchone()[0]
    assert client.json("/archive/articles.json?_month=2024-13&_shape=array") == []
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
    assert "still being counted" in first and 'id="facet-paper"' not in first
    again = client.get("/archive/articles?_search=xoai").text
    assert 'id="facet-paper"' in again and "still being counted" not in again


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
    assert "6 articles" in html


def test_reader_search_says_when_only_the_newest_matches_were_ranked(
    client: Client, monkeypatch: pytest.MonkeyPatch
) -> None:
    from newsarchive.web import views

    assert "the newest" not in client.get("/archive/-/search?q=dien+bien").text
    monkeypatch.setattr(views, "RANK_WINDOW", 2)
    assert "the newest 2 are ranked" in client.get("/archive/-/search?q=dien+bien").text


def test_reader_search_filters_by_paper_and_pages(client: Client) -> None:
    html = client.get("/archive/-/search?q=dien+bien&source=baosonla").text
    assert set(hits(html)) == {LANGUAGE, HIGHWAY}
    html = client.get("/archive/-/search?q=dien+bien&province=L%E1%BA%A1i").text
    assert hits(html) == []
    assert "No article matches" in html


def test_reader_search_phrase_exclusion_and_tone_styles(client: Client) -> None:
    assert hits(client.get(_url("/archive/-/search", {"q": "hòa"})).text) == hits(
        client.get(_url("/archive/-/search", {"q": "hoà"})).text
    )
    excluded = hits(client.get(_url("/archive/-/search", {"q": "dien bien -cao"})).text)
    assert HIGHWAY not in excluded and DBP_TOUR in excluded
    phrase = hits(client.get(_url("/archive/-/search", {"q": '"bien phu"'})).text)
    assert DBP_PLENUM not in phrase  # "Điện Biên sơ kết": not the phrase "bien phu"


def test_reader_search_without_words_asks_for_one(client: Client) -> None:
    html = client.get(_url("/archive/-/search", {"q": "!!"})).text
    assert "no words to search for" in html
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
    assert '<time class="na-date" datetime="2024-09-02T18:00:00+07:00">' in html
    assert ">Báo Điện Biên Phủ</a>" in html and ">Điện Biên</a>" in html
    assert '<span class="na-author">Hoàng Châu</span>' in html
    assert '<p class="na-sapo">(ĐBP) - Trong kỳ nghỉ lễ Quốc khánh' in html
    body = html.split('<div class="na-body">')[1].split("</div>")[0]
    assert body.count("<p>") == 2  # two paragraphs, split on the blank line
    assert '<span class="na-caption">Du khách tham quan Di tích Đồi A1.</span>' in html
    assert '<span class="na-photo-credit">Ảnh: Hoàng Châu</span>' in html
    assert 'src="https://baodienbienphu.info.vn/uploads/2024/09/doi-a1.jpg"' in html
    assert 'class="na-original" href="https://baodienbienphu.info.vn/tin-tuc/du-lich/225102' in html
    assert 'class="na-capture" href="/archive/captures/' in html
    # edited between crawls: the earlier headline is listed
    assert "Earlier versions" in html
    assert "Điện Biên Phủ đón hơn 10.000 lượt khách dịp nghỉ lễ" in html


def test_article_page_names_the_agency_and_the_copies(
    client: Client, db: sqlite3.Connection
) -> None:
    sql = "select id from articles where title = ? order by id"
    ids = [r[0] for r in db.execute(sql, (HIGHWAY,))]
    html = client.get(f"/archive/articles/{ids[0]}").text
    assert '<span class="na-credit">Nguồn: TTXVN</span>' in html
    assert f'href="/archive/articles/{ids[1]}"' in html and "Báo Sơn La" in html


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
        assert "onerror=\"window" not in html and "<img src=x" not in html
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
        assert len(days) <= 5 and days == sorted(days, reverse=True)
    assert per_paper["Báo Điện Biên Phủ"][0] == "2025-03-08"


def test_articles_per_month_is_charted(client: Client, db: sqlite3.Connection) -> None:
    rows = client.json("/archive/articles_per_month.json?_shape=array")
    assert sum(r["articles"] for r in rows) == db.execute(
        "select count(*) from articles where published_day is not null"
    ).fetchone()[0]
    html = client.get("/archive/articles_per_month").text
    assert html.count('<polyline class="na-series"') == 3
    assert "<title>Báo Lai Châu</title>" in html
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
    assert weights and tuple(float(w) for w in weights.group(1).split(",")) == BM25_WEIGHTS


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


def test_chart_escapes_names_and_folds_small_papers_together() -> None:
    rows = [{"paper": f"<b>Báo {i}</b>", "month": "2024-01", "articles": 20 - i} for i in range(14)]
    rows.append({"paper": "<b>Báo 0</b>", "month": "2024-04", "articles": 3})
    svg = str(monthly_chart_svg(rows))
    assert "<b>" not in svg and "&lt;b&gt;Báo 0&lt;/b&gt;" in svg
    assert svg.count("<polyline") == 10 and "5 other papers" in svg
    assert ">2024-02<" in svg or svg.count(",") >= 4 * 10  # the gap months are on the axis


def test_highlight_marks_variants_the_way_the_index_matches() -> None:
    text = "Mùa gieo mạ ở Điện Biên; đôi má ửng hồng; hoà hợp và hòa mình."
    assert "[Điện] [Biên]" in highlight(text, "dien bien")
    assert "[má]" in highlight(text, "má") and "[mạ]" not in highlight(text, "má")
    assert "[hoà]" in highlight(text, "hòa") and "[hòa]" in highlight(text, "hoà")


@settings(max_examples=200, deadline=None)
@given(st.text(alphabet=st.sampled_from(list('ab đĐiện"*-()!:^+ANDORNOT{}')), max_size=30))
def test_search_match_is_always_valid_fts5(query: str) -> None:
    conn = sqlite3.connect(":memory:")
    columns = ", ".join(FTS_COLUMNS)
    conn.execute(f"create virtual table f using fts5({columns}, tokenize='{FTS_TOKENIZE}')")
    conn.execute("insert into f values ('a đi b', '', '', '', 'a di b', '')")
    conn.execute("select count(*) from f where f match ?", (search_match(query),)).fetchone()
    conn.close()
