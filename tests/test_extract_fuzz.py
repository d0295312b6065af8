"""Robustness: extract never raises and never hangs, whatever the bytes.

Hypothesis mutates and truncates real-looking pages (the seed fixture and one mirror article per
site); every example must finish fast, and the extractor's internal failure path (which turns an
exception into ExtractResult("other") with a warning) must never be taken.
"""

from __future__ import annotations

import logging
import os
import time
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from newsarchive.extract import extract
from newsarchive.items import ExtractResult
from newsarchive.mirror import build_sites

# The default run tries 450 pages; `NEWSARCHIVE_FUZZ_EXAMPLES=3000` (README) a few thousand.
FUZZ_EXAMPLES = int(os.environ.get("NEWSARCHIVE_FUZZ_EXAMPLES", "300"))

SEED = (Path(__file__).parent / "fixtures" / "baodienbienphu_seed.html").read_bytes()
URL = "https://baodienbienphu.info.vn/tin-tuc/xa-hoi/209870/bai-viet"
MAX_SECONDS = 2.0


def _corpus() -> list[bytes]:
    pages = [SEED]
    for site in build_sites().values():
        articles = [r["url"] for r in site.truth if r.get("is_article")]
        for url in articles[:2]:
            path = url.split(site.host, 1)[1]
            page = site.pages.get(path)
            if page is not None:
                pages.append(page.body)
    return pages


CORPUS = _corpus()


@st.composite
def mutated_pages(draw: st.DrawFn) -> bytes:
    page = bytearray(draw(st.sampled_from(CORPUS)))
    for _ in range(draw(st.integers(0, 6))):
        if not page:
            break
        op = draw(st.sampled_from(["cut", "delete", "insert", "duplicate", "flip"]))
        i = draw(st.integers(0, len(page) - 1))
        if op == "cut":
            del page[i:]
        elif op == "delete":
            del page[i : i + draw(st.integers(1, 400))]
        elif op == "insert":
            junk = draw(
                st.one_of(
                    st.binary(max_size=64),
                    st.sampled_from(
                        [
                            b"<div>",
                            b"</td></tr></table>",
                            b"<p",
                            b"<!--",
                            b"<script>",
                            b"\xff\xfe",
                            b"&#x0;",
                            b"<br>" * 50,
                            b"Th\xe1\xbb\xa9 S\xc3\xa1u, 31/2/2022",
                            b"\x00",
                            "Ảnh: Minh Hà".encode(),
                            b"<table class='image'><tr><td><img src=x>",
                        ]
                    ),
                )
            )
            page[i:i] = junk
        elif op == "duplicate":
            j = min(len(page), i + draw(st.integers(1, 2000)))
            page[i:i] = page[i:j]
        else:
            page[i] = draw(st.integers(0, 255))
    return bytes(page)


def _run(data: bytes | str, caplog: pytest.LogCaptureFixture) -> ExtractResult:
    caplog.clear()
    started = time.perf_counter()
    with caplog.at_level(logging.WARNING, logger="newsarchive.extract"):
        result = extract(data, URL)
    elapsed = time.perf_counter() - started
    assert isinstance(result, ExtractResult)
    failures = [r.getMessage() for r in caplog.records if "failed on" in r.getMessage()]
    assert not failures, failures
    assert elapsed < MAX_SECONDS, f"took {elapsed:.2f}s"
    if result.article is not None:
        assert result.article.title
    return result


@settings(
    max_examples=FUZZ_EXAMPLES,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(page=mutated_pages())
def test_mutated_pages_never_break_extract(page: bytes, caplog: pytest.LogCaptureFixture) -> None:
    _run(page, caplog)


@settings(
    max_examples=FUZZ_EXAMPLES // 2,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture],
)
@given(data=st.one_of(st.binary(max_size=3000), st.text(max_size=3000)))
def test_arbitrary_input_never_breaks_extract(
    data: bytes | str, caplog: pytest.LogCaptureFixture
) -> None:
    result = _run(data, caplog)
    assert not result.is_article or len(data) > 50


@pytest.mark.parametrize(
    "data",
    [
        b"",
        b"   \n\t ",
        b"\x00" * 1000,
        b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 20,
        b"<html>",
        b"</html>",
        b"<?xml version='1.0' encoding='utf-8'?><html><body><p>xin ch\xc3\xa0o</p></body></html>",
        "<div>" * 5000 + "Bài viết rất sâu" + "</div>" * 5000,
        "<p>" + "Chữ " * 200_000 + "</p>",
        "<table>" + "<tr><td>ô</td></tr>" * 20000 + "</table>",
        "<html><body>"
        + "<a href='/x'>Tin liên quan số một trong danh sách dài</a>" * 3000
        + "</body></html>",
        "<h1>Tiêu đề\ud800 lạ</h1><p>Đoạn\x01 văn\x0b có ký tự điều khiển\ufffe.</p>",
        "<h1>" + "Tiêu đề " * 1000 + "</h1>" + "<p>" + "1/1/2020 " * 5000 + "</p>",
    ],
    ids=[
        "empty",
        "blank",
        "nul",
        "binary",
        "open",
        "close",
        "xmldecl",
        "deep",
        "huge-p",
        "big-table",
        "link-farm",
        "controls",
        "date-flood",
    ],
)
def test_pathological_pages(data: bytes | str, caplog: pytest.LogCaptureFixture) -> None:
    result = _run(data, caplog)
    if data in (b"", b"   \n\t ", b"\x00" * 1000):
        assert result.page_type == "other"
        assert not result.is_article


def test_truncated_article_keeps_what_it_has(caplog: pytest.LogCaptureFixture) -> None:
    cut = SEED[: SEED.index("sức lan tỏa".encode())]
    result = _run(cut, caplog)
    assert result.is_article
    assert result.article is not None
    assert result.article.published == "2022-07-01"
    assert result.article.body.startswith("Chương trình phối hợp")


@pytest.mark.parametrize(
    "url", ["", "not a url", "http://[::1", "https://x.vn/" + "a/" * 2000, "ftp://x.vn/a"]
)
def test_odd_urls_do_not_break_extract(url: str, caplog: pytest.LogCaptureFixture) -> None:
    caplog.clear()
    with caplog.at_level(logging.WARNING, logger="newsarchive.extract"):
        result = extract(SEED, url)
    assert not [r for r in caplog.records if "failed on" in r.getMessage()]
    assert result.is_article
    assert result.article is not None
    assert result.article.published == "2022-07-01"
