"""The eval harness: its scorers on hand cases, the labelled corpus, and newsarchive's floors.

The floors are the issue's targets on the labelled corpus (mirror pages plus tests/corpus/),
measured with newsarchive alone; the side-by-side run with the peers is in
tests/benchmarks/test_eval_peers.py.
"""

from __future__ import annotations

import html
import io
import re
import unicodedata
from typing import Any

import pytest

from newsarchive.evaluate import evaluate_corpus, run_eval
from newsarchive.evaluate.corpus import load_corpus, static_pages
from newsarchive.evaluate.scoring import body_prf, caption_counts, same_day, same_minute, same_text
from newsarchive.evaluate.zyte import aggregate, shingle_counts
from newsarchive.items import Caption


# ---------------------------------------------------------------- scorers
def test_title_match_ignores_nfd_and_spacing_but_not_tone_marks() -> None:
    assert same_text(
        "Hòa Bình  khắc phục\nsạt lở", unicodedata.normalize("NFD", "Hòa Bình khắc phục sạt lở ")
    )
    assert not same_text("Hòa Bình khắc phục sạt lở", "Hoà Bình khắc phục sạt lở")
    assert not same_text("Hòa Bình", "In bài: Hòa Bình")
    assert same_text(None, "")


def test_dates_compare_in_vietnam_time_day_first_truth() -> None:
    assert same_day("2024-03-05", "2024-03-05T10:15:00+07:00")
    # the same instant, given in UTC on the evening before
    assert same_day("2024-03-05T06:30:00+07:00", "2024-03-04T23:30:00+00:00")
    assert not same_day("2024-03-05", "2024-05-03")  # a month-first misreading
    assert same_minute("2024-03-05T10:15:00+07:00", "2024-03-05T03:15:40Z")
    assert not same_minute("2024-03-05T10:15:00+07:00", "2024-03-05")
    assert not same_day("2024-03-05", None)
    assert same_day(None, None)


def test_body_tokens_precision_recall() -> None:
    truth = "Mưa lớn gây sạt lở.\n\nQuốc lộ 6 đã thông xe."
    exact = body_prf(truth, "Mưa lớn gây sạt lở. Quốc lộ 6 đã thông xe.")
    assert (exact.precision, exact.recall, exact.f1) == (1.0, 1.0, 1.0)
    # 11 true tokens plus 7 of share bar and related-news chrome
    noisy = body_prf(truth, truth + " Chia sẻ Facebook Zalo Tin liên quan")
    assert noisy.recall == 1.0
    assert noisy.precision == pytest.approx(11 / 18)
    half = body_prf(truth, "Mưa lớn gây sạt lở.")
    assert half.precision == 1.0
    assert half.recall == pytest.approx(5 / 11)
    assert body_prf(truth, None).f1 == 0.0
    assert body_prf("", "").f1 == 1.0


def test_captions_score_text_and_credit_pairs() -> None:
    truth = [
        {
            "text": "Vườn mắc ca ở xã Xá Nhè.",
            "credit": "Ảnh: Lan Phương",
            "image_url": "https://a/1.jpg",
        },
        {"text": "Hoa ban nở.", "credit": None},
    ]
    got = [
        Caption("Vườn mắc ca ở xã Xá Nhè.", "https://a/other.jpg", "Ảnh: Lan Phương"),
        Caption("Hoa ban nở. Ảnh: Minh Hà", None, None),
    ]
    assert caption_counts(truth, got) == (1, 2, 2)  # credit left in the text is a miss
    assert caption_counts(truth, []) == (0, 0, 2)


def test_zyte_shingle_metric_matches_the_benchmark_rules() -> None:
    text = "one two three four five six"
    assert shingle_counts(text, text) == (1.0, 0.0, 0.0)
    tp, fp, fn = shingle_counts(text, "one two three four")  # 1 of 3 true shingles found
    assert (tp, fp, fn) == pytest.approx((1 / 3, 0.0, 2 / 3))
    assert shingle_counts("", "") == (0.0, 0.0, 0.0)
    # an empty prediction is left out of precision, counted as zero recall
    agg = aggregate([(1.0, 0.0, 0.0), (0.0, 0.0, 1.0)])
    assert agg["precision"] == 1.0
    assert agg["recall"] == 0.5
    assert agg["f1"] == pytest.approx(2 / 3)


# ---------------------------------------------------------------- the corpus
CORPUS = load_corpus()
STATIC = static_pages()


def test_corpus_size_and_styles() -> None:
    assert len(CORPUS) >= 60
    styles = {p.style for p in CORPUS}
    assert len(styles) >= 8
    assert len({p.style for p in STATIC}) >= 4
    assert {"baodienbienphu", "baolaichau", "baotuyenquang", "baotayninh"} <= styles


def test_corpus_covers_the_hard_cases() -> None:
    truths = [p.truth for p in CORPUS]
    types = {t["page_type"] for t in truths}
    assert {"article", "gallery", "video", "listing", "tag", "home"} <= types
    encodings = {t.get("encoding") for t in truths}
    assert {"cp1258", "tcvn3", "vni"} <= encodings
    assert any(t["is_article"] and t.get("author") is None for t in truths)
    assert any(t["is_article"] and t["body"].count("\n\n") >= 39 for t in truths)  # 40 paragraphs
    notes = " ".join(t.get("notes") or "" for t in truths)
    for phrase in (
        "only publish date is in the URL",
        "AMP",
        "print version",
        "NFD",
        "wrong meta date",
        "related-news",
        "inline ad",
    ):
        assert phrase in notes, phrase


def _visible(page_html: str) -> str:
    text = re.sub(r"<[^>]+>", " ", page_html)
    return re.sub(r"\s+", " ", html.unescape(text))


@pytest.mark.parametrize("page", STATIC, ids=lambda p: p.truth["file"])
def test_static_truth_is_what_the_page_shows(page: Any) -> None:
    """Every truth paragraph, title and caption is on the page as a reader sees it, and NFC."""
    raw = page.html.decode(page.declared_charset())
    visible = unicodedata.normalize("NFC", _visible(raw))
    truth = page.truth
    if not truth["is_article"]:
        return
    for field in ("title", "sapo", "body"):
        value = truth.get(field)
        if value:
            assert unicodedata.is_normalized("NFC", value)
            for para in value.split("\n\n"):
                assert para in visible, (field, para)
    for cap in truth["captions"]:
        assert cap["text"] in visible


# ---------------------------------------------------------------- newsarchive's floors
@pytest.fixture(scope="module")
def scores() -> dict[str, Any]:
    return evaluate_corpus(CORPUS, ["newsarchive"])["newsarchive"]


FLOORS = {
    "title": 0.99,
    "published_day": 0.98,
    "body_f1": 0.97,
    "sapo": 0.95,
    "caption_precision": 0.95,
    "caption_recall": 0.95,
    "author": 0.95,
    "credit": 0.95,
    "non_article": 0.98,
}


@pytest.mark.parametrize("metric", sorted(FLOORS))
def test_newsarchive_meets_the_floor(scores: dict[str, Any], metric: str) -> None:
    value = scores[metric]
    assert value is not None, metric
    assert value >= FLOORS[metric], (metric, value, scores["failures"])


def test_run_eval_prints_the_table_without_peers() -> None:
    out = io.StringIO()
    report = run_eval(out, zyte=False, peers=False)
    text = out.getvalue()
    assert f"Labelled corpus: {len(CORPUS)} pages" in text
    for label in (
        "title accuracy",
        "published day accuracy",
        "text token F1",
        "caption recall",
        "author accuracy",
        "credit accuracy",
        "non-article detection accuracy",
        "pages/s",
    ):
        assert label in text
    row = next(line for line in text.splitlines() if line.startswith("title accuracy"))
    assert f"{report['corpus']['newsarchive']['title']:.3f}" in row
    assert report["corpus"]["newsarchive"]["pages_per_s"] > 0


@pytest.mark.parametrize("page", STATIC, ids=lambda p: p.truth["file"])
def test_newsarchive_reads_each_new_style_page(page: Any) -> None:
    """Unknown-site pages (no source definition): every scored field right, page by page."""
    result = evaluate_corpus([page], ["newsarchive"])["newsarchive"]
    assert result["failures"] == []
