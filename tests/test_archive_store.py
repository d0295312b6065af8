"""The archive file: schema and migrations, storing articles with versions, FTS sync, safety."""

from __future__ import annotations

import sqlite3
import threading
import unicodedata
from typing import TYPE_CHECKING

import pytest

from newsarchive.archive import Archive
from newsarchive.archive.fixtures import EDITED_URL, GONE_URL, build_fixture_archive
from newsarchive.archive.history import (
    article_versions,
    history,
    render_history,
    render_word_diff,
    word_diff,
)
from newsarchive.archive.migrations import migrations
from newsarchive.items import Article, Caption
from newsarchive.sources import Source

if TYPE_CHECKING:
    from collections.abc import Iterator
    from pathlib import Path

URL = "https://baodienbienphu.info.vn/tin-tuc/thoi-su/300001/hoi-nghi-tinh-uy"


def make_article(**kw: object) -> Article:
    values: dict[str, object] = {
        "url": URL,
        "source": "baodienbienphu",
        "title": "Hội nghị Ban Chấp hành Đảng bộ tỉnh Điện Biên lần thứ 12",
        "sapo": "(ĐBP) - Sáng nay, Ban Chấp hành Đảng bộ tỉnh khai mạc hội nghị lần thứ 12.",
        "body": "Hội nghị thảo luận kết quả phát triển kinh tế - xã hội 9 tháng.\n\n"
        "Các đại biểu đề xuất giải pháp hỗ trợ người dân khắc phục hậu quả mưa lũ.",
        "captions": [
            Caption("Quang cảnh hội nghị.", "https://baodienbienphu.info.vn/u/1.jpg", "Hoàng Châu")
        ],
        "published": "2024-10-10T08:00:00+07:00",
        "author": "Hoàng Châu",
        "category": "Thời sự",
        "tags": ["Tỉnh ủy"],
        "fetched_at": "2024-10-10T02:00:00+00:00",
    }
    values.update(kw)
    return Article(**values)  # type: ignore[arg-type]


@pytest.fixture
def archive(tmp_path: Path) -> Iterator[Archive]:
    with Archive(tmp_path / "data" / "archive.db") as a:
        yield a


def fts_ids(path: Path, match: str) -> set[int]:
    """Raw FTS5 MATCH on a plain connection, as any SQLite client would run it."""
    conn = sqlite3.connect(path)
    try:
        return {
            r[0]
            for r in conn.execute(
                "select rowid from articles_fts where articles_fts match ?", (match,)
            )
        }
    finally:
        conn.close()


def test_new_archive_has_schema_wal_and_indexes(archive: Archive) -> None:
    tables = set(archive.db.table_names())
    assert {"sources", "articles", "captions", "article_versions", "captures", "crawls"} <= tables
    assert "articles_fts" in tables
    assert archive.db.journal_mode == "wal"
    cols = {c.name for c in archive.db["articles"].columns}
    assert {"url", "published_day", "content_hash", "gone_at", "duplicate_of", "version"} <= cols
    fts_sql = archive.db["articles_fts"].schema
    for col in ("title", "text", "title_new", "text_new", "title_fold", "text_fold"):
        assert col in fts_sql
    assert "remove_diacritics 0" in fts_sql
    indexed = {next(iter(ix.columns)) for ix in archive.db["articles"].indexes}
    assert {"source", "published_day", "category", "url"} <= indexed


def test_migrations_are_recorded_and_idempotent(tmp_path: Path) -> None:
    path = tmp_path / "a.db"
    with Archive(path) as first:
        first.store_article(make_article())
        applied = [m.name for m in migrations.applied(first.db)]
        assert applied == [m.name for m in migrations._migrations]
        version = first.schema_version
    with Archive(path) as again:  # re-opening applies nothing and loses nothing
        assert [m.name for m in migrations.applied(again.db)] == applied
        assert again.schema_version == version
        assert again.db["articles"].count == 1
        assert again.db["_sqlite_migrations"].count == len(applied)


def test_store_new_unchanged_updated_keeps_versions(archive: Archive) -> None:
    assert archive.store_article(make_article()) == "new"
    again = make_article(fetched_at="2024-10-11T02:00:00+00:00")
    assert archive.store_article(again) == "unchanged"
    row = archive.get_article(URL)
    assert row is not None
    assert row["version"] == 1
    assert row["first_seen"] == "2024-10-10T02:00:00+00:00"
    assert row["last_seen"] == "2024-10-11T02:00:00+00:00"
    assert archive.db["article_versions"].count == 1

    edited = make_article(
        title="Hội nghị Ban Chấp hành Đảng bộ tỉnh Điện Biên lần thứ 12 bế mạc",
        fetched_at="2024-10-12T02:00:00+00:00",
        captions=[Caption("Toàn cảnh phiên bế mạc.", "https://baodienbienphu.info.vn/u/2.jpg")],
    )
    assert archive.store_article(edited) == "updated"
    row = archive.get_article(URL)
    assert row is not None
    assert row["version"] == 2
    assert row["title"].endswith("bế mạc")
    assert row["first_seen"] == "2024-10-10T02:00:00+00:00"
    assert [c["text"] for c in row["captions"]] == ["Toàn cảnh phiên bế mạc."]
    versions = article_versions(archive.conn, URL)
    assert [v.version for v in versions] == [1, 2]
    assert versions[0].title == "Hội nghị Ban Chấp hành Đảng bộ tỉnh Điện Biên lần thứ 12"
    assert versions[0].captions[0]["text"] == "Quang cảnh hội nghị."
    assert versions[0].last_fetched == "2024-10-11T02:00:00+00:00"
    assert versions[1].first_fetched == "2024-10-12T02:00:00+00:00"
    assert archive.db["articles"].count == 1
    assert archive.db["captions"].count == 1


def test_image_url_change_alone_is_not_a_new_version(archive: Archive) -> None:
    archive.store_article(make_article())
    moved = make_article(
        captions=[Caption("Quang cảnh hội nghị.", "https://cdn.example.vn/1.jpg?v=2", "Hoàng Châu")]
    )
    assert archive.store_article(moved) == "unchanged"


def test_metadata_fix_updates_row_without_new_version(archive: Archive) -> None:
    archive.store_article(make_article(published=None))
    fixed = make_article(published="2024-10-10T08:00:00+07:00")
    assert archive.store_article(fixed) == "updated"
    row = archive.get_article(URL)
    assert row is not None
    assert row["published_day"] == "2024-10-10"
    assert row["version"] == 1


def test_fts_follows_updates(tmp_path: Path) -> None:
    path = tmp_path / "a.db"
    with Archive(path) as archive:
        archive.store_article(make_article(body="Mưa lũ gây sạt lở ở huyện Mường Nhé."))
        assert fts_ids(path, '"nhé"') == {1}
        archive.store_article(make_article(body="Nắng nóng kéo dài ở huyện Tủa Chùa."))
        assert fts_ids(path, '"nhé"') == set()
        assert fts_ids(path, '"tủa"') == {1}
        assert fts_ids(path, '"tua" "chua"') == {1}
        assert [h.article_id for h in archive.search("Tủa Chùa")] == [1]
        assert archive.search("Mường Nhé") == []
        (count,) = archive.conn.execute("select count(*) from articles_fts").fetchone()
        assert count == 1


def test_text_is_stored_nfc(archive: Archive) -> None:
    nfd = unicodedata.normalize("NFD", "Thủy điện Sơn La")
    archive.store_article(make_article(title=nfd))
    row = archive.get_article(URL)
    assert row is not None
    assert row["title"] == "Thủy điện Sơn La"
    assert unicodedata.is_normalized("NFC", row["title"])


def test_page_text_never_becomes_sql(archive: Archive) -> None:
    hostile = "x'); DROP TABLE articles; -- \" OR 1=1 {title}: NEAR("
    archive.store_article(make_article(title=hostile, body=hostile, category=hostile))
    row = archive.get_article(URL)
    assert row is not None
    assert row["title"] == hostile
    assert archive.db["articles"].count == 1
    assert archive.search(hostile)  # the words are searchable, the syntax is inert


def test_mark_gone_keeps_content_and_return_clears_it(archive: Archive) -> None:
    archive.store_article(make_article())
    assert archive.mark_gone(URL, 410, "2024-11-01T00:00:00+00:00") is True
    assert archive.mark_gone("https://baodienbienphu.info.vn/khong-co", 404, "x") is False
    row = archive.get_article(URL)
    assert row is not None
    assert (row["gone_at"], row["http_status"], row["body"]) == (
        "2024-11-01T00:00:00+00:00",
        410,
        make_article().body,
    )
    archive.store_article(make_article(fetched_at="2024-11-05T00:00:00+00:00"))
    row = archive.get_article(URL)
    assert row is not None
    assert row["gone_at"] is None


def test_known_urls_by_source(archive: Archive) -> None:
    archive.store_article(make_article())
    archive.store_article(
        make_article(url="https://baolaichau.vn/a-1", source="baolaichau", body="Tin Lai Châu.")
    )
    assert archive.known_urls("baodienbienphu") == {URL}
    assert archive.known_urls() == {URL, "https://baolaichau.vn/a-1"}
    assert archive.known_urls("baosonla") == set()
    plan = archive.conn.execute(
        "explain query plan select url from articles where source = ?", ("x",)
    ).fetchall()
    assert "COVERING INDEX" in " ".join(str(r[-1]) for r in plan)


def test_same_text_on_another_paper_is_linked_as_duplicate(archive: Archive) -> None:
    archive.store_article(make_article())
    copy = make_article(url="https://baolaichau.vn/ban-sao-1", source="baolaichau")
    archive.store_article(copy)
    rows = {r["url"]: r for r in archive.db["articles"].rows}
    assert rows["https://baolaichau.vn/ban-sao-1"]["duplicate_of"] == rows[URL]["id"]
    assert rows[URL]["duplicate_of"] is None


def test_sources_crawls_captures_and_stats(archive: Archive) -> None:
    source = Source(
        id="baodienbienphu",
        name="Báo Điện Biên Phủ",
        homepage="https://baodienbienphu.info.vn/",
        province="Điện Biên",
        domains=("baodienbienphu.com.vn",),
    )
    archive.upsert_source(source)
    archive.upsert_source(source)  # idempotent
    crawl = archive.start_crawl("baodienbienphu", "newsarchive crawl baodienbienphu")
    capture = archive.record_capture(
        crawl_id=crawl,
        url=URL,
        final_url=URL,
        status=200,
        fetched_at="2024-10-10T02:00:00+00:00",
        content_type="text/html",
        digest="sha1:ABC",
        warc_file="newsarchive-1.warc.gz",
        warc_offset=120,
        warc_length=900,
    )
    archive.store_article(make_article(), crawl_id=crawl, capture_id=capture)
    archive.finish_crawl(
        crawl,
        "finished",
        {
            "response_received_count": 7,
            "newsarchive/articles/new": 1,
            "newsarchive/dropped/no_body": 2,
            "downloader/response_status_count/200": 6,
            "downloader/response_status_count/404": 1,
        },
    )
    crawl_row = archive.db["crawls"].get(crawl)
    assert (crawl_row["state"], crawl_row["pages"], crawl_row["new"]) == ("finished", 7, 1)
    assert crawl_row["dropped"] == '{"no_body": 2}'
    assert crawl_row["http_errors"] == '{"404": 1}'
    assert archive.db["sources"].get("baodienbienphu")["domains"] == (
        '["baodienbienphu.info.vn", "baodienbienphu.com.vn"]'
    )
    article = archive.get_article(URL)
    assert article is not None
    assert article["capture_id"] == capture
    (stats,) = archive.source_stats()
    assert stats["id"] == "baodienbienphu"
    assert stats["articles"] == 1
    assert stats["province"] == "Điện Biên"
    assert stats["first_published"] == stats["last_published"] == "2024-10-10"
    assert stats["last_crawl"] == crawl_row["started_at"]


def test_readers_read_while_a_writer_writes(tmp_path: Path) -> None:
    path = tmp_path / "a.db"
    with Archive(path) as writer:
        writer.store_article(make_article())
        reader = sqlite3.connect(path, timeout=1)
        with writer.transaction():  # a long write transaction stays open...
            writer.store_article(make_article(url=URL + "-2", body="Bài thứ hai."))
            # ...and a plain reader (Datasette, pandas) still reads the committed state
            (n,) = reader.execute("select count(*) from articles").fetchone()
            assert n == 1
            done: list[int] = []
            t = threading.Thread(
                target=lambda: done.append(
                    Archive(path, readonly=True)
                    .conn.execute("select count(*) from articles")
                    .fetchone()[0]
                )
            )
            t.start()
            t.join(5)
            assert done == [1]
        (n,) = reader.execute("select count(*) from articles").fetchone()
        assert n == 2
        reader.close()


def test_failed_write_leaves_nothing_half_stored(archive: Archive) -> None:
    archive.store_article(make_article())

    def crawl_dies_mid_batch() -> None:
        with archive.transaction():
            archive.store_article(make_article(url=URL + "-2", body="Sẽ bị hủy."))
            raise RuntimeError("crawler died")

    with pytest.raises(RuntimeError):
        crawl_dies_mid_batch()
    assert archive.known_urls() == {URL}
    assert archive.db["article_versions"].count == 1
    (n,) = archive.conn.execute("select count(*) from articles_fts").fetchone()
    assert n == 1


def test_readonly_archive_refuses_writes(tmp_path: Path) -> None:
    path = tmp_path / "a.db"
    with Archive(path) as archive:
        archive.store_article(make_article())
    with Archive(path, readonly=True) as ro:
        assert ro.known_urls() == {URL}
        with pytest.raises(sqlite3.OperationalError):
            ro.store_article(make_article(url=URL + "-2"))
    with pytest.raises(FileNotFoundError):
        Archive(tmp_path / "missing.db", readonly=True)


def test_word_diff_marks_changed_words() -> None:
    old = "Điện Biên Phủ đón hơn 10.000 lượt khách dịp nghỉ lễ"
    new = "Điện Biên Phủ đón gần 12.000 lượt khách dịp nghỉ lễ 2/9"
    ops = word_diff(old, new)
    assert ops == [
        ("=", "Điện Biên Phủ đón "),
        ("-", "hơn 10.000 "),
        ("+", "gần 12.000 "),
        ("=", "lượt khách dịp nghỉ lễ "),
        ("+", "2/9"),
    ]
    assert render_word_diff(ops) == (
        "Điện Biên Phủ đón [-hơn 10.000-] {+gần 12.000+} lượt khách dịp nghỉ lễ {+2/9+}"
    )
    assert word_diff("một  hai\nba", "một hai ba") == [("=", "một hai ba")]


def test_fixture_archive_history(tmp_path: Path) -> None:
    path = build_fixture_archive(tmp_path / "fixture.db")
    with Archive(path, readonly=True) as archive:
        assert archive.db["articles"].count == 12
        assert {r["id"] for r in archive.source_stats()} == {
            "baodienbienphu",
            "baolaichau",
            "baosonla",
        }
        assert archive.db["crawls"].count == 2
        data = history(archive, EDITED_URL)
        assert data is not None
        assert [v["version"] for v in data["versions"]] == [1, 2]
        (diff,) = data["diffs"]
        assert set(diff["fields"]) == {"title", "sapo", "body"}
        text = render_history(archive, EDITED_URL)
        assert text is not None
        assert "[-hơn 10.000-] {+gần 12.000+}" in text
        assert "[-80%.-] {+85%.+}\n\n{+Doanh thu du lịch ước đạt 25 tỷ đồng.+}" in text
        gone = archive.get_article(GONE_URL)
        assert gone is not None
        assert gone["gone_at"]
        assert gone["http_status"] == 404
        assert gone["body"]
        assert render_history(archive, "https://baosonla.vn/khong-co") is None


def test_grouped_commits(tmp_path: Path) -> None:
    path = tmp_path / "a.db"
    Archive(path).close()
    reader = sqlite3.connect(path)

    def visible() -> int:
        return int(reader.execute("select count(*) from articles").fetchone()[0])

    archive = Archive(path, commit_every=3, commit_seconds=3600)
    for i in range(2):
        archive.store_article(make_article(url=f"{URL}-{i}", body=f"Bài số {i}."))
    assert visible() == 0  # not committed yet: a crash here loses these two, whole
    archive.store_article(make_article(url=f"{URL}-2", body="Bài số 2."))
    assert visible() == 3
    archive.store_article(make_article(url=f"{URL}-3", body="Bài số 3."))
    assert archive.known_urls() >= {f"{URL}-3"}  # the writer sees its own pending rows
    archive.commit()
    assert visible() == 4
    archive.store_article(make_article(url=f"{URL}-4", body="Bài số 4."))
    archive.close()  # close commits what is pending
    assert visible() == 5
    reader.close()
    with Archive(path, commit_every=100, commit_seconds=0) as timed:
        timed.store_article(make_article(url=f"{URL}-5", body="Bài số 5."))
        check = sqlite3.connect(path)
        assert check.execute("select count(*) from articles").fetchone()[0] == 6
        check.close()
