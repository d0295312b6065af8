"""Pipelines on their own: built from settings with get_crawler, real SQLite file for the store."""

from __future__ import annotations

import sqlite3
from typing import TYPE_CHECKING, Any

import pytest
from newsarchive.pipelines.dedupe import DedupePipeline
from newsarchive.pipelines.normalize import NormalizePipeline
from newsarchive.pipelines.store import StorePipeline
from newsarchive.pipelines.validate import ValidatePipeline
from scrapy.exceptions import DropItem
from scrapy.utils.test import get_crawler
from twisted.internet import defer
from twisted.python.failure import Failure

from newsarchive.crawling.writer import acquire_writer
from newsarchive.items import Article, Caption

if TYPE_CHECKING:
    from pathlib import Path

BODY = (
    "Sáng 12/3, Ban Thường vụ Tỉnh ủy tổ chức hội nghị sơ kết công tác xây dựng nông thôn mới "
    "năm 2024, bàn giải pháp hỗ trợ các xã vùng cao đạt chuẩn.\n\n"
    "Theo báo cáo, toàn tỉnh đã có thêm 12 xã đạt chuẩn, thu nhập bình quân đầu người tăng khá; "
    "công tác giữ gìn văn hóa truyền thống được chú trọng."
)


def make_article(**kw: object) -> Article:
    values: dict[str, object] = {
        "url": "https://baodienbienphu.info.vn/tin-tuc/chinh-tri/300001/hoi-nghi-so-ket",
        "source": "baodienbienphu",
        "title": "Hội nghị sơ kết xây dựng nông thôn mới",
        "body": BODY,
        "published": "2024-03-12",
    }
    values.update(kw)
    return Article(**values)  # type: ignore[arg-type]


def test_normalize_composes_nfd_cleans_invisibles_and_sets_tone_style() -> None:
    crawler = get_crawler(settings_dict={"NEWSARCHIVE_TONE_STYLE": "old"})
    pipe = NormalizePipeline.from_crawler(crawler)
    nfd_title = "Hoà bình\u200b và  thuỷ lợi ở Ðiện Biên".replace("à", "a\u0300")
    art = make_article(title=nfd_title,
                       captions=[Caption("Lễ ra quân\u00a0khoẻ mạnh", None, "Ảnh: Minh Hà")])
    out = pipe.process_item(art)
    assert out.title == "Hòa bình và thủy lợi ở Điện Biên"
    assert out.captions[0].text == "Lễ ra quân khỏe mạnh"
    assert out.body.count("\n\n") == 1  # paragraph breaks survive


def test_normalize_rejects_unknown_style() -> None:
    from scrapy.exceptions import NotConfigured

    with pytest.raises(NotConfigured):
        NormalizePipeline.from_crawler(get_crawler(settings_dict={"NEWSARCHIVE_TONE_STYLE": "x"}))


@pytest.mark.parametrize(
    ("changes", "flag"),
    [({"title": ""}, "no_title"), ({"body": ""}, "no_body"),
     ({"body": "", "sapo": "Lễ hội Hoa Ban qua ống kính phóng viên.", "page_type": "video"},
      "lead_only"),
     ({"body": "Ngắn quá."}, "short_body")],
)
def test_validate_keeps_thin_pages_with_a_flag_counted(changes: dict[str, str], flag: str) -> None:
    crawler = get_crawler(settings_dict={"NEWSARCHIVE_MIN_BODY_CHARS": 200})
    crawler.stats.open_spider()  # type: ignore[union-attr]
    pipe = ValidatePipeline.from_crawler(crawler)
    item = pipe.process_item(make_article(**changes))
    assert item.quality == flag
    assert crawler.stats.get_value(f"newsarchive/flagged/{flag}") == 1  # type: ignore[union-attr]
    assert not any(k.startswith("newsarchive/dropped/")
                   for k in crawler.stats.get_stats())  # type: ignore[union-attr]


def test_validate_leaves_a_complete_article_unflagged() -> None:
    crawler = get_crawler(settings_dict={"NEWSARCHIVE_MIN_BODY_CHARS": 200})
    assert ValidatePipeline.from_crawler(crawler).process_item(make_article()).quality is None


def test_validate_drops_only_what_is_not_an_article() -> None:
    crawler = get_crawler(settings_dict={"NEWSARCHIVE_MIN_BODY_CHARS": 200})
    crawler.stats.open_spider()  # type: ignore[union-attr]
    with pytest.raises(DropItem, match="not_article"):
        ValidatePipeline.from_crawler(crawler).process_item(make_article(page_type="listing"))
    assert crawler.stats.get_value("newsarchive/dropped/not_article") == 1  # type: ignore[union-attr]


def test_validate_keeps_short_video_page() -> None:
    crawler = get_crawler(settings_dict={"NEWSARCHIVE_MIN_BODY_CHARS": 200})
    pipe = ValidatePipeline.from_crawler(crawler)
    video = make_article(body="Phóng sự về lễ hội Hoa Ban.", page_type="video")
    assert pipe.process_item(video) is video
    assert video.quality is None


def test_dedupe_drops_second_copy_of_a_url() -> None:
    crawler = get_crawler()
    crawler.stats.open_spider()  # type: ignore[union-attr]
    pipe = DedupePipeline.from_crawler(crawler)
    pipe.process_item(make_article())
    with pytest.raises(DropItem, match="duplicate_url"):
        pipe.process_item(make_article())


def _run(coro: Any) -> Any:
    """Drive a pipeline coroutine whose awaits are fired by the writer thread (no reactor)."""
    import time

    d = defer.ensureDeferred(coro)
    done: list[Any] = []
    d.addBoth(done.append)
    deadline = time.monotonic() + 10
    while not done and time.monotonic() < deadline:
        time.sleep(0.005)
    assert done, "the archive writer did not answer"
    if isinstance(done[0], Failure):
        done[0].raiseException()
    return done[0]


def test_store_writes_real_sqlite_and_counts_outcomes(tmp_path: Path) -> None:
    db = tmp_path / "archive.db"
    crawler = get_crawler(settings_dict={"NEWSARCHIVE_DB": str(db)})
    crawler.stats.open_spider()  # type: ignore[union-attr]
    writer = acquire_writer(crawler)
    writer.call_from_thread = lambda f, *a: f(*a)
    pipe = StorePipeline.from_crawler(crawler)
    try:
        cap = [Caption("Quang cảnh hội nghị", "https://baodienbienphu.info.vn/a.jpg", "Minh Hà")]
        _run(pipe.process_item(make_article(captions=cap)))
        _run(pipe.process_item(make_article(captions=list(cap))))
        retitled = make_article(title="Hội nghị sơ kết xây dựng nông thôn mới năm 2024")
        _run(pipe.process_item(retitled))
        short = make_article(url="https://baodienbienphu.info.vn/tin-tuc/300002/tin-ngan",
                             body="Tin ngắn.", quality="short_body")
        _run(pipe.process_item(short))
    finally:
        release_writer_blocking(crawler)
    stats = crawler.stats  # type: ignore[union-attr]
    assert stats.get_value("newsarchive/articles/new") == 2
    assert stats.get_value("newsarchive/articles/unchanged") == 1
    assert stats.get_value("newsarchive/articles/updated") == 1
    conn = sqlite3.connect(db)
    try:
        assert conn.execute("select count(*) from articles").fetchone()[0] == 2
        (title,) = conn.execute("select title from articles where quality is null").fetchone()
        assert title.endswith("năm 2024")
        (flag,) = conn.execute("select quality from articles where url like '%tin-ngan'").fetchone()
        assert flag == "short_body"
        assert conn.execute("select count(*) from article_versions").fetchone()[0] == 3
    finally:
        conn.close()


def release_writer_blocking(crawler: Any) -> None:
    from newsarchive.crawling import writer as writer_mod

    path = writer_mod._db_path(crawler)
    w, _ = writer_mod._WRITERS.pop(path)
    w.stop_blocking(timeout=10)
