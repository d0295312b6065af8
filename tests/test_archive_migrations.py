"""Search filters inside the index (the ``facets`` column, migration 0007).

The filters must give exactly what testing each article row gives, for every combination,
on a fresh archive, after metadata changes, and on an archive built before the column existed.
"""

from __future__ import annotations

import random
import sqlite3
from datetime import date, timedelta
from typing import TYPE_CHECKING

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import newsarchive.archive.migrations as schema
from newsarchive.archive import Archive
from newsarchive.archive.fts import (
    BM25_CONFIG,
    FTS_COLUMNS,
    FTS_TABLE,
    FTS_TOKENIZE,
    facets,
    has_facets,
    rebuild_fts,
)
from newsarchive.archive.search import day_cover, parse_query
from newsarchive.items import Article
from newsarchive.sources import Source

if TYPE_CHECKING:
    from collections.abc import Iterator
    from pathlib import Path

PAPERS = {
    "baodienbienphu": "Điện Biên",
    "baolaichau": "Lai Châu",
    "baosonla": "Sơn La",
    "bao-lao-cai.vn": "Lào Cai",  # punctuation in an id: facet tokens must still be exact
}
CATEGORIES = ["Thời sự", "Kinh tế", "Văn hóa - Xã hội", "Văn hoá", "Nông nghiệp", None]
SENTENCES = [
    "Tỉnh ủy Điện Biên chỉ đạo xây dựng nông thôn mới ở các xã vùng cao.",
    "Mưa lũ gây sạt lở trên quốc lộ, giao thông chia cắt nhiều giờ.",
    "Lễ hội xòe Thái thu hút đông đảo du khách về Mường Lay.",
    "Giáo viên cắm bản vận động học sinh tựu trường đúng ngày.",
    "Hợp tác xã tiêu thụ xoài, nhãn cho nông dân Yên Châu.",
    "Thủy điện xả lũ, người dân vùng hạ du được di dời an toàn.",
]
FILTERS: list[dict[str, str]] = [
    {"source": "baosonla"},
    {"source": "bao-lao-cai.vn"},
    {"province": "Điện Biên"},
    {"province": "dien bien"},
    {"province": "Hà Nội"},  # no paper there
    {"category": "Văn hóa - Xã hội"},
    {"category": "van hoa"},  # matches Văn hoá only (case and marks ignored, whole name)
    {"category": "Thể thao"},  # no such category
    {"since": "2023-02-28"},
    {"until": "2022-12-31"},
    {"since": "2022-02-01", "until": "2022-02-28"},
    {"since": "2024-02-29", "until": "2024-03-01"},
    {"since": "1/1/2021", "until": "31/12/2023"},
    {"since": "2030-01-01"},
    {"since": "2023-06-15", "source": "baolaichau"},
    {"since": "2022-01-01", "until": "2024-06-30", "province": "Sơn La", "category": "Kinh tế"},
]
QUERIES = ["nông thôn", "dien bien", '"mưa lũ"', "lũ -thủy", "xoài OR xòe", "học*", "du"]


def _random_articles(n: int, seed: int = 7) -> list[Article]:
    rng = random.Random(seed)
    out = []
    for i in range(n):
        day = date(2021, 1, 1) + timedelta(days=rng.randrange(4 * 365))
        published = None if i % 17 == 0 else f"{day.isoformat()}T08:00:00+07:00"
        source = rng.choice(list(PAPERS))
        out.append(
            Article(
                url=f"https://{source}/tin/{i}.html",
                source=source,
                title=rng.choice(SENTENCES)[:40],
                sapo=rng.choice(SENTENCES),
                body=" ".join(rng.choices(SENTENCES, k=3)),
                published=published,
                category=rng.choice(CATEGORIES),
                fetched_at="2024-12-01T00:00:00+00:00",
            )
        )
    return out


def _register(archive: Archive) -> None:
    for sid, province in PAPERS.items():
        archive.upsert_source(
            Source(id=sid, name=f"Báo {province}", homepage=f"https://{sid}/", province=province)
        )


def _expected(archive: Archive, query: str, **kw: str) -> set[int]:
    """The filter applied to the article rows, the way it reads in the README."""
    from newsarchive.archive.search import matching_categories, parse_day, province_sources

    conn = archive.conn
    where, params = [], []
    if "source" in kw:
        where.append("a.source = ?")
        params.append(kw["source"])
    if "province" in kw:
        ids = province_sources(conn, kw["province"])
        where.append(f"a.source IN ({', '.join('?' * len(ids)) or 'NULL'})")
        params += ids
    if "category" in kw:
        names = matching_categories(conn, kw["category"])
        where.append(f"a.category IN ({', '.join('?' * len(names)) or 'NULL'})")
        params += names
    if "since" in kw:
        where.append("a.published_day >= ?")
        params.append(parse_day(kw["since"], "since"))
    if "until" in kw:
        where.append("a.published_day <= ?")
        params.append(parse_day(kw["until"], "until"))
    sql = (
        f"SELECT a.id FROM {FTS_TABLE} JOIN articles a ON a.id = {FTS_TABLE}.rowid "
        f"WHERE {FTS_TABLE} MATCH ?" + "".join(f" AND {w}" for w in where)
    )
    return {r[0] for r in conn.execute(sql, [parse_query(query).fts(), *params])}


@pytest.fixture(scope="module")
def filtered(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Archive]:
    path = tmp_path_factory.mktemp("facets") / "archive.db"
    with Archive(path, commit_every=100) as archive:
        _register(archive)
        for a in _random_articles(400):
            archive.store_article(a)
        archive.commit()
        yield archive


@pytest.mark.parametrize("kw", FILTERS, ids=[str(f) for f in FILTERS])
def test_filters_in_the_index_equal_filters_on_the_rows(
    filtered: Archive, kw: dict[str, str]
) -> None:
    assert has_facets(filtered.conn)
    for query in QUERIES:
        want = _expected(filtered, query, **kw)
        hits = filtered.search(query, limit=1000, rank_window=None, **kw)  # type: ignore[arg-type]
        assert {h.article_id for h in hits} == want, (query, kw)
        windowed = filtered.search(query, limit=20, rank_window=50, **kw)  # type: ignore[arg-type]
        assert {h.article_id for h in windowed} <= set(sorted(want, reverse=True)[:50])
        assert len(windowed) == min(len(want), 20)


def test_some_filters_keep_and_some_drop_matches(filtered: Archive) -> None:
    """The table above is not vacuous: filters select proper, non-empty subsets."""
    everything = _expected(filtered, "du")
    sizes = [len(_expected(filtered, "du", **kw)) for kw in FILTERS]
    assert sum(1 for n in sizes if 0 < n < len(everything)) >= 10
    assert 0 in sizes


def test_windowed_ranking_takes_the_newest_matches(filtered: Archive) -> None:
    want = sorted(_expected(filtered, "dien bien", province="Lai Châu"), reverse=True)
    assert len(want) > 20
    hits = filtered.search("dien bien", province="Lai Châu", limit=5, rank_window=10)
    assert len(hits) == 5
    assert {h.article_id for h in hits} <= set(want[:10])


@settings(max_examples=300, deadline=None)
@given(st.dates(date(1990, 1, 1), date(2040, 12, 31)), st.integers(0, 2000))
def test_day_cover_is_exactly_the_range(first: date, span: int) -> None:
    last = first + timedelta(days=span)
    covered: set[date] = set()
    for token in day_cover(first, last):
        kind, digits = token[1], token[2:]
        year = int(digits[:4])
        if kind == "y":
            days = (date(year + 1, 1, 1) - date(year, 1, 1)).days
            covered |= {date(year, 1, 1) + timedelta(d) for d in range(days)}
        elif kind == "m":
            month = int(digits[4:6])
            d = date(year, month, 1)
            while d.month == month:
                covered.add(d)
                d += timedelta(1)
        else:
            covered.add(date(year, int(digits[4:6]), int(digits[6:8])))
    assert covered == {first + timedelta(d) for d in range(span + 1)}
    assert len(day_cover(first, last)) <= 2 * 31 + 2 * 11 + (span // 365 + 1)


def test_metadata_change_moves_the_article_between_filters(tmp_path: Path) -> None:
    with Archive(tmp_path / "a.db") as archive:
        a = _random_articles(1)[0]
        a.category, a.published = "Kinh tế", "2022-05-01T08:00:00+07:00"
        archive.store_article(a)
        assert archive.search("du", category="Kinh tế")
        a.category, a.published = "Văn hóa - Xã hội", "2023-05-01T08:00:00+07:00"
        assert archive.store_article(a) == "updated"  # same content: metadata only
        assert not archive.search("du", category="Kinh tế")
        assert not archive.search("du", until="2022-12-31")
        assert archive.search("du", category="van hoa - xa hoi", since="2023-05-01")
        a.body = (a.body or "") + " Bài viết được cập nhật lúc 10 giờ."
        a.source = "baosonla"
        assert archive.store_article(a) == "updated"  # new content: reindexed
        assert archive.search("cập nhật", source="baosonla", category="Văn hóa - Xã hội")
        archive.reindex_article(archive.search("cập nhật")[0].article_id)
        assert archive.search("cập nhật", source="baosonla", since="2023-05-01")


def _downgrade_to_0006(path: Path) -> dict[int, tuple[str, ...]]:
    """Turn an archive back into what the code before 0007 wrote: a six-column index.

    Returns the six stored columns per article, to compare after the upgrade.
    """
    conn = sqlite3.connect(path)
    with conn:
        conn.execute(f"DROP TABLE {FTS_TABLE}")
        conn.execute(
            f"CREATE VIRTUAL TABLE {FTS_TABLE} USING fts5({', '.join(FTS_COLUMNS)}, "
            f"tokenize='{FTS_TOKENIZE}')"
        )
        assert not has_facets(conn)
        rebuild_fts(conn)  # the pre-0007 rows, as migration 0003 writes them
        conn.execute("DELETE FROM _sqlite_migrations WHERE name >= '0007'")
    before = {
        r[0]: r[1:]
        for r in conn.execute(f"SELECT rowid, {', '.join(FTS_COLUMNS)} FROM {FTS_TABLE}")
    }
    conn.close()
    return before


def test_upgrade_adds_facets_to_an_archive_built_before_them(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(schema, "FTS_COPY_CHUNK", 7)  # many chunks, ids not multiples
    path = tmp_path / "old.db"
    with Archive(path, commit_every=50) as archive:
        _register(archive)
        for a in _random_articles(120, seed=11):
            archive.store_article(a)
    before = _downgrade_to_0006(path)
    with Archive(path, readonly=True) as old:
        assert not has_facets(old.conn)
        # an index without facets still filters (on the article rows)
        old_hits = {
            str(kw): {h.article_id for h in old.search("dien bien", limit=500, **kw)}  # type: ignore[arg-type]
            for kw in FILTERS
        }
    with Archive(path) as archive:
        assert archive.schema_version == "0009_page_memory"
        conn = archive.conn
        assert has_facets(conn)
        after = {
            r[0]: r[1:]
            for r in conn.execute(f"SELECT rowid, {', '.join(FTS_COLUMNS)} FROM {FTS_TABLE}")
        }
        assert after == before
        for aid, source, category, day in conn.execute(
            "SELECT id, source, category, published_day FROM articles"
        ):
            (stored,) = conn.execute(
                f"SELECT facets FROM {FTS_TABLE} WHERE rowid = ?", (aid,)
            ).fetchone()
            assert stored == facets(source, category, day)
        (config,) = conn.execute(f"SELECT v FROM {FTS_TABLE}_config WHERE k = 'rank'").fetchone()
        assert config == BM25_CONFIG
        for kw in FILTERS:
            hits = {h.article_id for h in archive.search("dien bien", limit=500, **kw)}  # type: ignore[arg-type]
            assert hits == old_hits[str(kw)] == _expected(archive, "dien bien", **kw), kw
        assert archive.db.execute(
            f"INSERT INTO {FTS_TABLE}({FTS_TABLE}) VALUES ('integrity-check')"
        )


def test_upgrade_refuses_a_copy_that_missed_rows(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Rows written by another process during the chunked copy: the old index stays, the
    migration stays pending, and the next open completes it."""
    path = tmp_path / "old.db"
    with Archive(path) as archive:
        for a in _random_articles(30, seed=3):
            archive.store_article(a)
    _downgrade_to_0006(path)
    real = schema._rowid_bounds
    monkeypatch.setattr(schema, "_rowid_bounds", lambda conn: (real(conn)[0], real(conn)[1] - 1))
    monkeypatch.setattr(schema, "FTS_COPY_CHUNK", 1)
    with pytest.raises(RuntimeError, match="changed while"):
        Archive(path)
    monkeypatch.undo()
    with Archive(path, readonly=True) as old:
        assert not has_facets(old.conn)
        assert old.schema_version == "0006_ingest_ledger"
        assert len(old.search("du", limit=100)) == len(_expected(old, "du"))
    with Archive(path) as archive:
        assert archive.schema_version == "0009_page_memory"
        (n,) = archive.conn.execute(f"SELECT count(*) FROM {FTS_TABLE}").fetchone()
        assert n == 30
        assert archive.search("du", since="2021-01-01")
