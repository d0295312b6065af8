"""Vietnamese-aware search: one table of queries, run through Archive.search AND as the raw
FTS5 MATCH Datasette issues (its own escaping, a plain connection with no functions loaded).

Fixture articles (newsarchive/archive/fixtures.py), by key:
  nongthon  Tỉnh ủy Điện Biên … nông thôn mới (thủy lợi, bê tông hóa)
  lehoi     … hòa mình vào lễ hội … (xòe, khỏe, mưa thuận gió hòa, văn hóa)
  giema     Mùa gieo mạ … Mường Thanh
  dulich    Điện Biên Phủ đón gần 12.000 … (edited: was "hơn 10.000")
  lulut     Lai Châu … mưa lũ (thủy điện, Mường Tè)
  mahong    … đôi má ửng hồng … (khỏe mạnh, Lò Thị Hoa)
  hdnd      HĐND tỉnh Lai Châu …
  doanket   … hoà hợp … (new tone style: thuỷ chung, hoà thuận, sức khoẻ)
  xoai      Sơn La: Mùa xoài … (đẹp mã, thương lái, Yên Châu)
  tuutruong Học sinh Sơn La tựu trường …
  tiengviet … tiếng Việt … (Sơn La, Điện Biên, Lai Châu)
  thethao   Hội thi thể thao … Mường La (gone)
"""

from __future__ import annotations

import sqlite3
import unicodedata
from typing import TYPE_CHECKING

import pytest
from datasette.utils import escape_fts
from hypothesis import given, settings
from hypothesis import strategies as st

from newsarchive.archive import Archive, QueryError
from newsarchive.archive.fixtures import build_fixture_archive, fixture_articles

if TYPE_CHECKING:
    from collections.abc import Iterator
    from pathlib import Path

KEYS = (
    "nongthon",
    "lehoi",
    "giema",
    "dulich",
    "lulut",
    "mahong",
    "hdnd",
    "doanket",
    "xoai",
    "tuutruong",
    "tiengviet",
    "thethao",
)
ERROR = "QueryError"
SAME = "same"
SKIP = "skip"
DIENBIEN = {"nongthon", "dulich", "tiengviet"}
HOA_MARKED = {"lehoi", "doanket"}

# (query, expected through Archive.search, expected through Datasette's raw FTS search)
CASES: list[tuple[str, set[str] | str, set[str] | str]] = [
    # diacritics typed: exact words
    ("Điện Biên", DIENBIEN, SAME),
    ("ĐIỆN BIÊN", DIENBIEN, SAME),
    ('"Điện Biên Phủ"', {"dulich"}, SAME),
    ("má", {"mahong"}, SAME),
    ("mạ", {"giema"}, SAME),
    ("mã", {"xoai"}, SAME),
    ('"đôi má"', {"mahong"}, SAME),
    ("mạ non", {"giema"}, SAME),
    ("HĐND", {"hdnd"}, SAME),
    ("Mường", {"lehoi", "giema", "lulut", "thethao"}, SAME),
    ("tựu trường", {"tuutruong"}, SAME),
    # both tone styles find both spellings
    ("hòa", HOA_MARKED, SAME),
    ("hoà", HOA_MARKED, SAME),
    ("HÒA", HOA_MARKED, SAME),
    ("thủy", {"nongthon", "lulut", "doanket"}, SAME),
    ("thuỷ", {"nongthon", "lulut", "doanket"}, SAME),
    ("khỏe", {"lehoi", "mahong", "doanket"}, SAME),
    ("KHOẺ", {"lehoi", "mahong", "doanket"}, SAME),
    ('"hoà hợp"', {"doanket"}, SAME),
    ('"mưa thuận gió hoà"', {"lehoi"}, SAME),
    # no diacritics typed: every marked variant, đ -> d
    ("dien bien", DIENBIEN, SAME),
    ("DIEN BIEN", DIENBIEN, SAME),
    ('"dien bien phu"', {"dulich"}, SAME),
    ("ma", {"mahong", "giema", "xoai"}, SAME),
    ("hoa", {"nongthon", "lehoi", "mahong", "doanket"}, SAME),
    ("hdnd", {"hdnd"}, SAME),
    ("muong", {"lehoi", "giema", "lulut", "thethao"}, SAME),
    ("son la", {"xoai", "tuutruong", "tiengviet"}, SAME),
    ('"doi ma"', {"mahong"}, SAME),
    # mixed: each word by its own kind
    ("Điện bien", DIENBIEN, SAME),
    ("dien Biên Phủ", {"dulich"}, SAME),
    ("Lai Châu", {"lulut", "hdnd", "doanket", "tiengviet", "xoai"}, SAME),  # lai ~ lái
    ('"Lai Châu"', {"lulut", "hdnd", "doanket", "tiengviet"}, SAME),
    # numbers, punctuation around words
    ("12.000", {"dulich"}, SAME),
    ("10.000", set(), SAME),  # the edited-away figure is gone from the index
    ('"Điện Biên"!', DIENBIEN, SAME),
    ("(Điện Biên)", DIENBIEN, SAME),
    ("Điện Biên,", DIENBIEN, SAME),
    # operators (Datasette's escaping turns them into words, so the raw results differ)
    ("hòa -xòe", {"doanket"}, SKIP),
    ("Lai Châu NOT thủy", {"hdnd", "tiengviet", "xoai"}, SKIP),
    ("xoài OR mạ", {"xoai", "giema"}, set()),
    ("tựu*", {"tuutruong"}, SAME),
    ("tuu*", {"tuutruong"}, SAME),
    ("tự*", {"tuutruong"}, set()),  # raw: the exact word "tự", which no article has
    ('"tựu trư"*', {"tuutruong"}, SKIP),
    ("Điện AND Biên", DIENBIEN, set()),
    # malformed: escaped, or a QueryError with a message; never an sqlite error
    ('"Điện Biên', DIENBIEN, SAME),  # unbalanced quote closes at the end
    ('Điện "Biên', DIENBIEN, SAME),
    ("AND", ERROR, set()),
    ("OR", ERROR, set()),
    ("NOT", ERROR, set()),
    ("-", ERROR, set()),
    ("-Điện", ERROR, SKIP),
    ("!!!", ERROR, set()),
    ('""', ERROR, SKIP),
    ("", ERROR, SKIP),
    ("   ", ERROR, SKIP),
    ("Điện OR", DIENBIEN | {"lulut"}, SKIP),  # dangling OR dropped
    # FTS5 syntax typed by a user is taken as words, never run as syntax
    ("NEAR(Điện Biên)", set(), SKIP),
    ("title:Điện", set(), SKIP),
    ("{title}: Biên", set(), SKIP),
    ("Điện Biên'; DROP TABLE articles; --", set(), set()),
    ("^Điện", DIENBIEN | {"lulut"}, SKIP),
    ("Điện*Biên", DIENBIEN, SKIP),
]


@pytest.fixture(scope="module")
def fixture_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return build_fixture_archive(tmp_path_factory.mktemp("search") / "archive.db")


@pytest.fixture(scope="module")
def archive(fixture_db: Path) -> Iterator[Archive]:
    with Archive(fixture_db, readonly=True) as a:
        yield a


@pytest.fixture(scope="module")
def id_to_key(archive: Archive) -> dict[int, str]:
    urls = {a.url: key for a, key in zip(fixture_articles(), KEYS, strict=True)}
    return {r[0]: urls[r[1]] for r in archive.conn.execute("select id, url from articles")}


@pytest.fixture(scope="module")
def raw_conn(fixture_db: Path) -> Iterator[sqlite3.Connection]:
    conn = sqlite3.connect(f"file:{fixture_db}?mode=ro", uri=True)
    yield conn
    conn.close()


def test_table_has_enough_cases() -> None:
    assert len(CASES) >= 30
    assert sum(1 for _, _, raw in CASES if raw != SKIP) >= 30


@pytest.mark.parametrize(
    ("query", "expected", "raw"), CASES, ids=[c[0] or "<empty>" for c in CASES]
)
def test_archive_search(
    archive: Archive, id_to_key: dict[int, str], query: str, expected: set[str] | str, raw: object
) -> None:
    if expected == ERROR:
        with pytest.raises(QueryError) as info:
            archive.search(query)
        assert "sqlite" not in str(info.value).lower()
        assert str(info.value)
        return
    hits = archive.search(query, limit=50)
    assert {id_to_key[h.article_id] for h in hits} == expected


@pytest.mark.parametrize(
    ("query", "expected", "raw"),
    [c for c in CASES if c[2] != SKIP],
    ids=[c[0] or "<empty>" for c in CASES if c[2] != SKIP],
)
def test_raw_fts_match_as_datasette_issues_it(
    raw_conn: sqlite3.Connection,
    id_to_key: dict[int, str],
    query: str,
    expected: set[str] | str,
    raw: set[str] | str,
) -> None:
    """No custom function or tokenizer on this connection: the index alone must do it."""
    want = expected if raw == SAME else raw
    rows = raw_conn.execute(
        "select rowid from articles_fts where articles_fts match ?", (escape_fts(query),)
    ).fetchall()
    assert {id_to_key[r[0]] for r in rows} == want


def test_exact_spelling_ranks_first(archive: Archive, id_to_key: dict[int, str]) -> None:
    # "hoa" matches hòa, hoà, hóa and the name Hoa; the literal Hoa comes first.
    hits = archive.search("hoa")
    assert id_to_key[hits[0].article_id] == "mahong"
    # "Lai Châu" typed with a bare "Lai": articles with the real "Lai Châu" before "thương lái".
    keys = [id_to_key[h.article_id] for h in archive.search("Lai Châu")]
    assert keys[-1] == "xoai"


def test_title_hits_rank_above_body_hits(archive: Archive, id_to_key: dict[int, str]) -> None:
    keys = [id_to_key[h.article_id] for h in archive.search("Điện Biên")]
    assert keys[-1] == "tiengviet"  # only mentions Điện Biên once in its lead


def test_snippet_marks_match_in_original_spelling(
    archive: Archive, id_to_key: dict[int, str]
) -> None:
    by_key = {id_to_key[h.article_id]: h for h in archive.search("dien bien")}
    assert "[Điện Biên]" in by_key["tiengviet"].snippet
    # typed new style, stored old style: the snippet shows what the paper printed
    by_key = {id_to_key[h.article_id]: h for h in archive.search("hoà")}
    assert "[hòa]" in by_key["lehoi"].snippet
    assert "[hoà]" in by_key["doanket"].snippet
    hit = archive.search("Hội thi thể thao")[0]
    assert "[" in hit.snippet
    assert "]" in hit.snippet
    assert hit.url.startswith("https://baosonla.vn/")
    assert hit.source == "baosonla"
    assert hit.title == "Hội thi thể thao các dân tộc huyện Mường La"
    assert hit.published == "2024-03-03T15:00:00+07:00"


def test_filters(archive: Archive, id_to_key: dict[int, str]) -> None:
    def keys(**kw: object) -> set[str]:
        return {id_to_key[h.article_id] for h in archive.search("dien bien", **kw)}  # type: ignore[arg-type]

    assert keys(source="baosonla") == {"tiengviet"}
    assert keys(province="Điện Biên") == {"nongthon", "dulich"}
    assert keys(province="dien bien") == {"nongthon", "dulich"}
    assert keys(category="Du lịch") == {"dulich"}
    assert keys(category="du lich") == {"dulich"}
    assert keys(since="2024-01-01") == {"nongthon", "dulich"}
    assert keys(since="1/9/2024") == {"dulich"}  # day-first: 1 September
    assert keys(until="31/12/2022") == {"tiengviet"}
    assert keys(since="2024-07-05", until="2024-07-05") == {"nongthon"}
    assert len(archive.search("dien bien", limit=1)) == 1
    with pytest.raises(QueryError, match="not a date"):
        archive.search("dien bien", since="hôm qua")
    with pytest.raises(QueryError, match="after"):
        archive.search("dien bien", since="2024-02-01", until="2024-01-01")


def test_nfd_query_is_normalised(archive: Archive, id_to_key: dict[int, str]) -> None:
    hits = archive.search(unicodedata.normalize("NFD", "Điện Biên"))
    assert {id_to_key[h.article_id] for h in hits} == DIENBIEN


def test_vi_fold_sql_function(archive: Archive) -> None:
    (n,) = archive.conn.execute(
        "select count(*) from articles where vi_fold(title) like ?", ("%dien bien%",)
    ).fetchone()
    assert n == 2


def test_rank_window_ranks_only_the_newest_matches(
    archive: Archive, id_to_key: dict[int, str]
) -> None:
    def keys(**kw: object) -> list[str]:
        return [id_to_key[h.article_id] for h in archive.search("Điện Biên", **kw)]  # type: ignore[arg-type]

    # "Điện Biên" matches 3 articles; ranked on all of them, the lead-only mention comes last
    assert keys(rank_window=None)[-1] == "tiengviet"
    # with a window of 2, only the two most recently archived matches are ranked
    assert set(keys(limit=2, rank_window=2)) == {"dulich", "tiengviet"}
    assert set(keys(limit=2, rank_window=None)) == {"dulich", "nongthon"}


QUERY_CHARS = list("\"-*()^:{}[]!?.,;+|&' \tORANDNOTđĐàảãạăằâầêệôộơởưựaeiouydb")


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=st.sampled_from(QUERY_CHARS) | st.characters(), max_size=40))
def test_any_input_gives_results_or_query_error(archive: Archive, query: str) -> None:
    try:
        hits = archive.search(query)
    except QueryError as exc:
        message = str(exc)
        hits = []
    else:
        message = "results"
    assert message
    assert isinstance(hits, list)


def test_marked_word_is_looked_up_in_old_style_and_a_prefix_in_both(tmp_path: Path) -> None:
    """A whole marked word needs only its old-style spelling (the old-style columns hold every
    word in old style); a marked prefix keeps both, since hoà* starts hoàng and hòa* does not."""
    from newsarchive.archive import to_fts_query
    from newsarchive.items import Article

    assert to_fts_query("hoà") == '"hòa"'
    assert to_fts_query("thuỷ điện") == '("thủy") AND ("điện")'
    assert to_fts_query("hoà*") == '("hòa" * OR "hoà" *)'
    with Archive(tmp_path / "a.db") as a:
        for i, text in enumerate(["Ông Hoàng Văn Thuỷ dự hội nghị.", "Mưa thuận gió hoà."]):
            a.store_article(
                Article(url=f"https://baolaichau.vn/{i}", source="baolaichau", title=text, body="")
            )
        assert len(a.search("hoà*")) == 2
        assert len(a.search("thủy")) == 1
        assert len(a.search("hòa")) == 1
