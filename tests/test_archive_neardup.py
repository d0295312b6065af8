"""Near-duplicate linking: a story republished by another paper, lightly edited, is linked."""

from __future__ import annotations

import json
import os
import sqlite3
import subprocess
import sys
from pathlib import Path
from typing import TYPE_CHECKING

import pytest
from hypothesis import given
from hypothesis import strategies as st

from newsarchive.archive import Archive, neardup
from newsarchive.archive.fts import article_text
from newsarchive.archive.neardup import similarity, sketch, sketch_text
from newsarchive.items import Article, Caption
from newsarchive.vietnamese import fold

if TYPE_CHECKING:
    from collections.abc import Iterator

ROOT = Path(__file__).resolve().parents[1]

ORIGINAL_URL = "https://baodienbienphu.info.vn/tin-tuc/xa-hoi/301122/ho-tro-nguoi-dan-vung-lu"
REPOST_URL = "https://baolaichau.vn/xa-hoi/nguoi-dan-vung-lu-dien-bien-on-dinh-cuoc-song-80231"

SAPO = (
    "(ĐBP) - Sau trận mưa lũ lịch sử cuối tháng 9, tỉnh Điện Biên đã huy động mọi nguồn lực "
    "để hỗ trợ người dân các huyện vùng cao khắc phục hậu quả, sớm ổn định cuộc sống."
)
PARAGRAPHS = [
    "Theo báo cáo của Ban Chỉ huy Phòng, chống thiên tai và Tìm kiếm cứu nạn tỉnh, mưa lớn "
    "kéo dài nhiều ngày đã làm 47 ngôi nhà bị sập đổ hoàn toàn, hơn 300 ngôi nhà bị hư hỏng, "
    "hàng trăm héc-ta lúa và hoa màu bị vùi lấp. Nhiều tuyến đường liên xã, liên bản bị sạt "
    "lở, chia cắt, gây khó khăn cho việc đi lại và vận chuyển hàng hóa.",
    "Ngay sau khi nước rút, lực lượng quân đội, công an cùng chính quyền địa phương đã giúp "
    "các hộ dân dọn dẹp bùn đất, dựng lại nhà tạm và di dời những gia đình sống ở vùng có "
    "nguy cơ sạt lở cao đến nơi an toàn. Tại xã Mường Pồn, huyện Điện Biên, hơn 200 cán bộ, "
    "chiến sĩ đã có mặt từ sáng sớm để san lấp mặt bằng, khơi thông cống rãnh.",
    "Ông Lò Văn Tiến, Chủ tịch UBND xã Mường Pồn cho biết: Xã đã cấp phát gạo, mì tôm, nước "
    "sạch và chăn màn cho các hộ bị ảnh hưởng. Trong tuần tới, xã phối hợp với ngành giáo dục "
    "sửa chữa điểm trường bản Co Đứa để học sinh sớm trở lại lớp.",
    "Tỉnh cũng đã trích ngân sách dự phòng hỗ trợ mỗi hộ có nhà bị sập 40 triệu đồng, mỗi hộ "
    "có nhà hư hỏng nặng 20 triệu đồng. Ngành nông nghiệp đang hướng dẫn bà con gieo trồng lại "
    "các loại rau màu ngắn ngày, cung cấp giống ngô, giống lúa để khôi phục sản xuất vụ đông.",
]
BODY = "\n\n".join(PARAGRAPHS)

# Another paper's repost: new headline, no "(ĐBP) -" tag, three words changed, other
# punctuation, an agency credit line at the end, its own photo.
REPOST_SAPO = SAPO.replace("(ĐBP) - ", "").replace("ổn định cuộc sống", "ổn định đời sống")
REPOST_BODY = (
    BODY.replace("47 ngôi nhà", "47 căn nhà")
    .replace("hơn 200 cán bộ", "trên 200 cán bộ")
    .replace("Trong tuần tới", "Trong tuần này")
    .replace("cho biết: Xã", "cho biết, xã")
    + "\n\nTheo TTXVN"
)

# The same topic, another story: many of the same words, none of the same sentences.
OTHER_STORY = (
    "Những ngày qua, các huyện vùng cao của tỉnh Điện Biên tập trung khắc phục hậu quả mưa lũ. "
    "Tại huyện Tủa Chùa, nước lũ dâng cao làm hư hỏng nhiều đoạn kênh mương, hàng chục héc-ta "
    "lúa mùa sắp thu hoạch bị ngập úng. Chính quyền xã Sính Phình đã vận động bà con thu hoạch "
    "sớm phần lúa còn lại, đồng thời tổ chức các tổ thanh niên tình nguyện giúp những hộ neo "
    "đơn, người cao tuổi.\n\n"
    "Bà Giàng Thị Dở, một người dân ở bản Sính Phình cho hay, gia đình bà được xã cấp 20 kg "
    "gạo và một thùng nước sạch, bộ đội biên phòng cũng đến giúp sửa lại mái nhà bị tốc. Ngành "
    "y tế huyện cử các đội cơ động phun thuốc khử trùng, phát thuốc phòng bệnh tiêu chảy và "
    "đau mắt đỏ cho người dân sau lũ.\n\n"
    "Theo lãnh đạo huyện, thiệt hại ước tính khoảng 15 tỷ đồng. Huyện đề nghị tỉnh sớm bố trí "
    "kinh phí sửa chữa các tuyến đường bị sạt lở và hỗ trợ giống cây trồng để nông dân kịp "
    "xuống giống vụ đông trên diện tích lúa bị mất trắng."
)

SHORT = "(ĐBP) - Sáng nay, tỉnh Điện Biên tổ chức lễ khai giảng năm học mới tại bản Co Đứa."


def article(**kw: object) -> Article:
    values: dict[str, object] = {
        "url": ORIGINAL_URL,
        "source": "baodienbienphu",
        "title": "Điện Biên hỗ trợ người dân vùng lũ ổn định cuộc sống",
        "sapo": SAPO,
        "body": BODY,
        "captions": [
            Caption("Bộ đội giúp dân dọn bùn đất.", "https://baodienbienphu.info.vn/u/9.jpg")
        ],
        "published": "2024-10-02T08:00:00+07:00",
        "category": "Xã hội",
        "fetched_at": "2024-10-02T02:00:00+00:00",
    }
    values.update(kw)
    return Article(**values)  # type: ignore[arg-type]


def repost(**kw: object) -> Article:
    values: dict[str, object] = {
        "url": REPOST_URL,
        "source": "baolaichau",
        "title": "Người dân vùng lũ Điện Biên từng bước ổn định cuộc sống",
        "sapo": REPOST_SAPO,
        "body": REPOST_BODY,
        "captions": [Caption("Dựng lại nhà tạm sau lũ.", "https://baolaichau.vn/img/4.jpg")],
        "published": "2024-10-03T15:30:00+07:00",
        "fetched_at": "2024-10-03T09:00:00+00:00",
    }
    values.update(kw)
    return article(**values)


@pytest.fixture
def archive(tmp_path: Path) -> Iterator[Archive]:
    with Archive(tmp_path / "archive.db") as a:
        yield a


def rows(archive: Archive) -> dict[str, dict[str, object]]:
    return {str(r["url"]): r for r in archive.db["articles"].rows}


def shingles(text: str) -> set[bytes]:
    w = neardup.words(fold(text))
    return {b" ".join(w[i : i + 5]) for i in range(len(w) - 4)}


def jaccard(a: str, b: str) -> float:
    sa, sb = shingles(a), shingles(b)
    return len(sa & sb) / len(sa | sb)


def test_repost_on_another_paper_is_linked_and_both_rows_kept(archive: Archive) -> None:
    assert archive.store_article(article()) == "new"
    assert archive.store_article(repost()) == "new"
    by_url = rows(archive)
    assert len(by_url) == 2
    original, copy = by_url[ORIGINAL_URL], by_url[REPOST_URL]
    assert original["content_hash"] != copy["content_hash"]  # not an exact copy
    assert copy["duplicate_of"] == original["id"]
    assert original["duplicate_of"] is None
    # Both stay whole and searchable: the copy keeps its own headline, text and credit line.
    assert copy["title"] == "Người dân vùng lũ Điện Biên từng bước ổn định cuộc sống"
    assert str(copy["body"]).endswith("Theo TTXVN")
    hits = {h.url for h in archive.search("Mường Pồn")}
    assert hits == {ORIGINAL_URL, REPOST_URL}
    assert archive.db["article_versions"].count == 2


def test_repost_is_linked_to_the_earliest_of_several_copies(archive: Archive) -> None:
    archive.store_article(article())
    archive.store_article(repost())
    third = repost(url="https://baosonla.vn/xa-hoi/vung-lu-dien-bien-61200.html", source="baosonla")
    archive.store_article(third)
    by_url = rows(archive)
    original_id = by_url[ORIGINAL_URL]["id"]
    assert by_url["https://baosonla.vn/xa-hoi/vung-lu-dien-bien-61200.html"]["duplicate_of"] == (
        original_id
    )


def test_same_topic_different_story_is_not_linked(archive: Archive) -> None:
    archive.store_article(article())
    other = article(
        url="https://baolaichau.vn/xa-hoi/tua-chua-khac-phuc-hau-qua-mua-lu-80240",
        source="baolaichau",
        title="Tủa Chùa khắc phục hậu quả mưa lũ",
        sapo=None,
        body=OTHER_STORY,
    )
    archive.store_article(other)
    assert rows(archive)[other.url]["duplicate_of"] is None
    # It is the same topic: many shared words, but no shared sentences.
    words_a = set(neardup.words(fold(sketch_text(SAPO, BODY))))
    words_b = set(neardup.words(fold(OTHER_STORY)))
    assert len(words_a & words_b) >= 60
    assert jaccard(sketch_text(SAPO, BODY), OTHER_STORY) < 0.05


def test_near_copy_on_the_same_paper_is_not_linked(archive: Archive) -> None:
    archive.store_article(article())
    same_paper = repost(
        url="https://baodienbienphu.info.vn/tin-tuc/kinh-te/301140/vung-lu-on-dinh",
        source="baodienbienphu",
    )
    archive.store_article(same_paper)
    assert rows(archive)[same_paper.url]["duplicate_of"] is None


def test_sketch_estimates_the_real_shingle_overlap() -> None:
    original, copy = sketch_text(SAPO, BODY), sketch_text(REPOST_SAPO, REPOST_BODY)
    a, b = sketch(original), sketch(copy)
    assert a is not None
    assert b is not None
    assert len(a) == neardup.SKETCH_SIZE == len(set(a))
    assert a == sorted(a)
    exact = jaccard(original, copy)
    assert 0.8 < exact < 0.95  # a light edit, not a copy
    assert abs(similarity(a, b) - exact) < 0.1
    assert similarity(a, a) == 1.0
    other = sketch(OTHER_STORY)
    assert other is not None
    assert similarity(a, other) < 0.2


def test_sketch_ignores_case_marks_punctuation_and_spacing() -> None:
    text = sketch_text(SAPO, BODY)
    variant = fold(text).upper().replace(",", " ,").replace(". ", ".\n")
    assert sketch(variant) == sketch(text)


def test_sketch_is_the_same_in_another_process() -> None:
    """crc32, not Python's salted hash(): a sketch stored today matches one computed tomorrow."""
    text = sketch_text(SAPO, BODY)
    code = (
        "import json, sys\n"
        "from newsarchive.archive.neardup import sketch\n"
        "print(json.dumps(sketch(sys.stdin.read())))\n"
    )
    env = {**os.environ, "PYTHONHASHSEED": "12345"}
    out = subprocess.run(
        [sys.executable, "-c", code],
        input=text,
        capture_output=True,
        text=True,
        encoding="utf-8",
        env=env,
        cwd=ROOT,
        check=True,
        timeout=60,
    )
    assert json.loads(out.stdout) == sketch(text)


def test_short_texts_get_no_sketch_and_are_not_linked(archive: Archive) -> None:
    assert sketch(SHORT) is None
    archive.store_article(article(sapo=SHORT, body=None))
    edited = SHORT.replace("Sáng nay", "Sáng 5/9")
    archive.store_article(repost(sapo=edited, body=None))
    assert archive.db["article_sketches"].count == 0
    assert rows(archive)[REPOST_URL]["duplicate_of"] is None


def test_sketch_rows_follow_content_changes(archive: Archive) -> None:
    archive.store_article(article())
    archive.store_article(repost())
    copy_id = rows(archive)[REPOST_URL]["id"]

    def sketch_rows() -> list[int]:
        return [
            r[0]
            for r in archive.conn.execute(
                "SELECT h FROM article_sketches WHERE article_id = ? ORDER BY h", (copy_id,)
            )
        ]

    first = sketch_rows()
    assert len(first) == neardup.INDEXED
    # The second paper replaces its copy with its own story: the link goes, the rows change.
    rewritten = repost(body=OTHER_STORY, sapo=None, fetched_at="2024-10-04T09:00:00+00:00")
    assert archive.store_article(rewritten) == "updated"
    assert rows(archive)[REPOST_URL]["duplicate_of"] is None
    second = sketch_rows()
    assert second
    assert second != first
    # ...and back again: linked again.
    archive.store_article(repost(fetched_at="2024-10-05T09:00:00+00:00"))
    assert rows(archive)[REPOST_URL]["duplicate_of"] == rows(archive)[ORIGINAL_URL]["id"]
    assert sketch_rows() == first


def test_boilerplate_hashes_stop_being_indexed(
    archive: Archive, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A phrase in every article must not grow a posting list that each insert reads in full."""
    monkeypatch.setattr(neardup, "MAX_POSTINGS", 3)
    boilerplate = " ".join(["Ủy ban nhân dân tỉnh Điện Biên thông báo lịch tiếp công dân"] * 3)
    places = ["Mường Nhé", "Tủa Chùa", "Mường Chà", "Nậm Pồ", "Tuần Giáo", "Mường Ảng"]
    texts = []
    for i, place in enumerate(places):
        story = " ".join(
            f"Ngày {i * 7 + j} tháng {j + 1}, huyện {place} kiểm tra công trình số {i * 31 + j}."
            for j in range(8)
        )
        texts.append(f"{boilerplate} {story}")
    sketches = [sketch(t) for t in texts]
    assert all(sketches)
    shared = set.intersection(*(set(s[: neardup.INDEXED]) for s in sketches if s))
    assert shared  # without the cap these hashes would have 6 rows each
    for i, (place, text) in enumerate(zip(places, texts, strict=True)):
        archive.store_article(
            article(url=f"https://bao{i}.vn/tin/{i}", source=f"bao{i}", sapo=place, body=text)
        )
    counts = dict(
        archive.conn.execute("SELECT h, count(*) FROM article_sketches GROUP BY h").fetchall()
    )
    assert max(counts.values()) == 3
    assert all(counts[h] == 3 for h in shared)


def test_fresh_archive_has_the_new_tables_and_indexes(archive: Archive) -> None:
    tables = set(archive.db.table_names())
    assert {"article_sketches", "ingest_ledger"} <= tables
    plan = " ".join(
        str(r[-1])
        for r in archive.conn.execute(
            "EXPLAIN QUERY PLAN SELECT count(*) FROM articles WHERE duplicate_of = ?", (1,)
        )
    )
    assert "idx_articles_duplicate_of" in plan
    plan = " ".join(
        str(r[-1])
        for r in archive.conn.execute(
            "EXPLAIN QUERY PLAN SELECT id FROM captures WHERE warc_file = ? AND warc_offset = ?",
            ("a.warc.gz", 0),
        )
    )
    assert "idx_captures_warc" in plan


def test_upgrading_an_archive_sketches_and_links_what_it_holds(tmp_path: Path) -> None:
    """An archive built before sketches existed links its reposts when next opened."""
    path = tmp_path / "old.db"
    with Archive(path) as a:
        a.store_article(article())
        a.store_article(repost())
    conn = sqlite3.connect(path)
    with conn:  # back to the schema of the first three migrations, with an ad-hoc ledger
        conn.execute("UPDATE articles SET duplicate_of = NULL")
        conn.execute("DROP TABLE article_sketches")
        conn.execute("DROP INDEX idx_articles_duplicate_of")
        conn.execute("DELETE FROM _sqlite_migrations WHERE name >= '0004'")
        conn.execute("INSERT INTO ingest_ledger VALUES ('m-1', 'article', 'new', 'x')")
    conn.close()
    with Archive(path) as a:
        by_url = rows(a)
        assert by_url[REPOST_URL]["duplicate_of"] == by_url[ORIGINAL_URL]["id"]
        assert a.db["article_sketches"].count == 2 * neardup.INDEXED
        # The ledger the distributed ingester made is adopted, not recreated or emptied.
        assert a.db["ingest_ledger"].count == 1
        assert a.schema_version == "0009_page_memory"


def test_fts_folded_text_is_unchanged_by_the_shared_fold(archive: Archive) -> None:
    """store_article folds lead + body once for the index and the sketch: same index text."""
    archive.store_article(article())
    stored = archive.conn.execute("SELECT text_fold FROM articles_fts").fetchone()[0]
    assert stored == fold(article_text(SAPO, BODY, ["Bộ đội giúp dân dọn bùn đất."]))


@given(st.text(max_size=40), st.text(max_size=40))
def test_fold_splits_at_a_blank_line(a: str, b: str) -> None:
    assert fold(f"{a}\n\n{b}") == f"{fold(a)}\n\n{fold(b)}"
