"""The Datasette reading room, in process: real Datasette, real config, templates and plugins,
against the package's fixture archive (plus a hostile and a syndicated article)."""

from __future__ import annotations

import asyncio
import re
import sqlite3
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from newsarchive.web import datasette_args, make_datasette
from newsarchive.web.chart import monthly_chart_svg
from newsarchive.web.config import PLUGINS_DIR, STATIC_DIR, TEMPLATES_DIR, metadata_path
from newsarchive.web.fixtures import HOSTILE_URL, build_web_fixture
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
    from urllib.parse import urlencode

    return f"{path}?{urlencode(params)}"


# --- how it is started ------------------------------------------------------------------------


def test_datasette_args_serve_loopback_read_only_with_the_package_config(archive_path: Path) -> None:
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


# --- Datasette's own search: ?_search= on the table and its JSON --------------------------------

SEARCHES = [
    # (query, a title that must be found, a title that must not)
    ("dien bien", "Điện Biên Phủ đón gần 12.000 lượt khách dịp nghỉ lễ 2/9", "Sơn La: Mùa xoài sớm được giá"),
    ("DIEN BIEN", "Tỉnh ủy Điện Biên sơ kết 6 tháng thực hiện Nghị quyết về xây dựng nông thôn mới", None),
    ("Điện Biên", "Điện Biên Phủ đón gần 12.000 lượt khách dịp nghỉ lễ 2/9", "Sơn La: Mùa xoài sớm được giá"),
    ("hòa", "Xây dựng khối đại đoàn kết, hoà hợp giữa các dân tộc", None),
    ("hoà", "Bà con bản Na Sang hòa mình vào lễ hội mừng cơm mới", None),
    ("má", "Nụ cười trên đôi má ửng hồng của học trò vùng cao", "Mùa gieo mạ trên cánh đồng Mường Thanh"),
    ("mạ", "Mùa gieo mạ trên cánh đồng Mường Thanh", "Nụ cười trên đôi má ửng hồng của học trò vùng cao"),
    ("ma", "Mùa gieo mạ trên cánh đồng Mường Thanh", None),
    ("ma", "Nụ cười trên đôi má ửng hồng của học trò vùng cao", None),
]


@pytest.mark.parametrize(("query", "found", "absent"), SEARCHES)
def test_datasette_search_understands_vietnamese(
    client: Client, query: str, found: str, absent: str | None
) -> None:
    got = titles(client, query)
    assert found in got
    if absent:
        assert absent not in got


@pytest.mark.parametrize(
    "query", ['"Điện Biên"!', "-", "AND", '"dien', "dien AND", "(", "*", 'NEAR("a"', "Điện Biên OR"]
)
def test_malformed_searches_never_fail_in_datasette(client: Client, query: str) -> None:
    for path in ("/archive/articles.json", "/archive/articles", "/archive/-/search"):
        key = "q" if path.endswith("search") else "_search"
        response = client.get(_url(path, {key: query}))
        assert response.status_code == 200, (path, query, response.text[:300])
        assert "Traceback" not in response.text


def test_raw_mode_syntax_errors_are_a_400_message_not_a_crash(client: Client) -> None:
    response = client.get(_url("/archive/articles.json", {"_search": '"dien', "_searchmode": "raw"}))
    assert response.status_code == 400
    assert response.json()["error"]
    assert "Traceback" not in response.text


def test_table_search_page_links_to_relevance_ranked_search(client: Client) -> None:
    html = client.get("/archive/articles?_search=dien+bien").text
    assert "Điện Biên Phủ đón gần 12.000 lượt khách" in html
    assert 'href="/archive/-/search?q=dien%20bien"' in html


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

    assert facet(client, "source") == counts("select source, count(*) from articles group by 1")
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


# --- the reader's search page -----------------------------------------------------------------


def hits(html: str) -> list[str]:
    return re.findall(r'class="na-hit-title" href="[^"]+">([^<]+)</a>', html)


def test_reader_search_ranks_by_relevance_and_marks_the_original_words(client: Client) -> None:
    html = client.get("/archive/-/search?q=dien+bien").text
    found = hits(html)
    assert len(found) == 6
    # headline hits first (bm25 weighs the headline), a body-only mention last
    assert found[-1] == "Nâng cao chất lượng dạy tiếng Việt cho trẻ em dân tộc thiểu số"
    assert "<mark>Điện</mark> <mark>Biên</mark>" in html  # typed without marks, shown as printed
    assert "6 articles" in html


def test_reader_search_filters_by_paper_and_pages(client: Client) -> None:
    html = client.get("/archive/-/search?q=dien+bien&source=baosonla").text
    assert set(hits(html)) == {
        "Nâng cao chất lượng dạy tiếng Việt cho trẻ em dân tộc thiểu số",
        "Cao tốc Sơn La - Điện Biên sẽ khởi công trong năm 2025",
    }
    html = client.get("/archive/-/search?q=dien+bien&province=L%E1%BA%A1i").text
    assert hits(html) == []
    assert "No article matches" in html


def test_reader_search_phrase_exclusion_and_tone_styles(client: Client) -> None:
    assert hits(client.get(_url("/archive/-/search", {"q": "hòa"})).text) == hits(
        client.get(_url("/archive/-/search", {"q": "hoà"})).text
    )
    excluded = hits(client.get(_url("/archive/-/search", {"q": "dien bien -cao"})).text)
    assert "Cao tốc Sơn La - Điện Biên sẽ khởi công trong năm 2025" not in excluded
    phrase = hits(client.get(_url("/archive/-/search", {"q": '"bien phu"'})).text)
    assert "Tỉnh ủy Điện Biên sơ kết 6 tháng thực hiện Nghị quyết về xây dựng nông thôn mới" not in phrase


def test_reader_search_without_words_asks_for_one(client: Client) -> None:
    html = client.get(_url("/archive/-/search", {"q": "!!"})).text
    assert "type at least one word" in html


# --- the article page -------------------------------------------------------------------------


def article_id(db: sqlite3.Connection, title_start: str) -> int:
    return db.execute(
        "select id from articles where title like ?", (title_start + "%",)
    ).fetchone()[0]


def test_article_page_shows_the_article(client: Client, db: sqlite3.Connection) -> None:
    aid = article_id(db, "Điện Biên Phủ đón gần")
    html = client.get(f"/archive/articles/{aid}").text
    assert '<h1 class="na-headline">Điện Biên Phủ đón gần 12.000 lượt khách dịp nghỉ lễ 2/9</h1>' in html
    assert '<time class="na-date" datetime="2024-09-02T18:00:00+07:00">' in html
    assert ">Báo Điện Biên Phủ</a>" in html and ">Điện Biên</a>" in html
    assert '<span class="na-author">Hoàng Châu</span>' in html
    assert '<p class="na-sapo">(ĐBP) - Trong kỳ nghỉ lễ Quốc khánh' in html
    body = html.split('<div class="na-body">')[1].split("</div>")[0]
    assert body.count("<p>") == 2  # two paragraphs, split on the blank line
    assert '<span class="na-caption">Du khách tham quan Di tích Đồi A1.</span>' in html
    assert '<span class="na-photo-credit">Ảnh: Hoàng Châu</span>' in html
    assert 'src="https://baodienbienphu.info.vn/uploads/2024/09/doi-a1.jpg"' in html
    assert 'class="na-original" href="https://baodienbienphu.info.vn/tin-tuc/du-lich/225102/' in html
    assert 'class="na-capture" href="/archive/captures/' in html
    # edited between crawls: the earlier headline is listed
    assert "Earlier versions" in html and "Điện Biên Phủ đón hơn 10.000 lượt khách dịp nghỉ lễ" in html


def test_article_page_names_the_agency_and_the_copies(client: Client, db: sqlite3.Connection) -> None:
    ids = [r[0] for r in db.execute("select id from articles where title like 'Cao tốc%' order by id")]
    html = client.get(f"/archive/articles/{ids[0]}").text
    assert '<span class="na-credit">Nguồn: TTXVN</span>' in html
    assert f'href="/archive/articles/{ids[1]}"' in html and "Báo Sơn La" in html


def test_planted_markup_is_shown_as_text_never_as_html(client: Client, db: sqlite3.Connection) -> None:
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
    rows = client.json(_url("/archive/search_with_snippets.json", {"q": "dien bien", "_shape": "array"}))
    assert len(rows) == 6
    assert any("[Điện] [Biên]" in (r["snippet"] or "") for r in rows)
    bad = client.json(_url("/archive/search_with_snippets.json", {"q": '"Điện Biên"!', "_shape": "array"}))
    assert len(bad) == 6


def test_same_article_on_several_papers(client: Client) -> None:
    rows = client.json("/archive/same_article_on_several_papers.json?_shape=array")
    assert {r["paper"] for r in rows} == {"Báo Lai Châu", "Báo Sơn La"}
    assert len({r["story"] for r in rows}) == 1


# --- read-only, arbitrary SQL with a limit ------------------------------------------------------


def test_sql_is_allowed_but_nothing_can_write(client: Client, db: sqlite3.Connection) -> None:
    ok = client.json(_url("/archive.json", {"sql": "select vi_fold('Điện Biên') as f", "_shape": "array"}))
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
    assert "Nụ cười trên đôi má ửng hồng của học trò vùng cao" in response.text


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
    conn.execute("create virtual table f using fts5(a, tokenize='unicode61 remove_diacritics 0')")
    conn.execute("insert into f values ('a đi b')")
    conn.execute("select count(*) from f where f match ?", (search_match(query),)).fetchone()
    conn.close()
