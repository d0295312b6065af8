"""Acceptance: extraction of every bundled mirror page matches its truth record, field by field.

Each page is extracted twice: with its source definition (selectors layer on) and as an unknown
site (generic layers only), so the generic extractor is held to the same standard.  Pages whose
body a script builds (truth ``needs: [render]``) are checked on the DOM Chromium renders, in
tests/test_mirror_render.py; pages malformed so that libxml2 would stop early
(``whole_document``) are parsed whole.
"""

from __future__ import annotations

import json
from typing import TYPE_CHECKING, Any
from urllib.parse import urlsplit

import pytest

from newsarchive.extract import extract
from newsarchive.mirror import build_sites
from newsarchive.sources import Source, load_sources

if TYPE_CHECKING:
    from newsarchive.items import ExtractResult

ARTICLE_FIELDS = (
    "title",
    "sapo",
    "body",
    "captions",
    "published",
    "modified",
    "author",
    "credit",
    "category",
    "tags",
    "page_type",
)


def _records() -> list[tuple[str, dict[str, Any]]]:
    out = []
    for source_id, site in sorted(build_sites(faults=True).items()):
        for rec in site.truth:
            if rec.get("fault") and not rec.get("title"):
                continue  # fault pages without an article (empty, binary, 500) are crawl tests
            if "render" in rec.get("needs", []):
                continue  # checked on the rendered DOM (tests/test_mirror_render.py)
            out.append((source_id, rec))
    return out


RECORDS = _records()
SOURCES = load_sources()


def _page_body(source_id: str, url: str) -> bytes:
    site = build_sites(faults=True)[source_id]
    parts = urlsplit(url)
    key = parts.path + (f"?{parts.query}" if parts.query else "")
    page = site.pages.get(key)
    assert page is not None, f"truth names {url} but the mirror has no page {key}"
    return page.body


def _captions(value: list[Any]) -> list[dict[str, Any]]:
    return [
        {"text": c.get("text"), "image_url": c.get("image_url"), "credit": c.get("credit")}
        for c in value
    ]


def _check(rec: dict[str, Any], result: ExtractResult) -> None:
    if not rec["is_article"]:
        assert not result.is_article, (
            f"{rec['url']} is a {rec['page_type']} page, extracted as an article"
        )
        assert result.page_type == rec["page_type"]
        return
    assert result.is_article, f"{rec['url']}: no article (page_type={result.page_type})"
    got = result.article.to_dict() if result.article else {}
    got["captions"] = _captions(got["captions"])
    assert got["url"] == rec["url"]
    wrong = {}
    for field in ARTICLE_FIELDS:
        want = rec.get(field)
        if field == "captions":
            want = _captions(want or [])
        if field == "tags":
            want = want or []
        if got.get(field) != want:
            wrong[field] = {"want": want, "got": got.get(field)}
    assert not wrong, json.dumps(wrong, ensure_ascii=False, indent=1)


def _id(item: tuple[str, dict[str, Any]]) -> str:
    url = str(item[1]["url"])
    return urlsplit(url).netloc.split(".")[0] + urlsplit(url).path[:60]


def test_the_mirror_is_substantial() -> None:
    articles = [r for _, r in RECORDS if r["is_article"]]
    assert len(articles) >= 100
    assert {r["page_type"] for _, r in RECORDS} >= {"article", "gallery", "listing", "home"}


@pytest.mark.parametrize("item", RECORDS, ids=[_id(i) for i in RECORDS])
def test_page_with_its_source_definition(item: tuple[str, dict[str, Any]]) -> None:
    source_id, rec = item
    source: Source | None = SOURCES.get(source_id)
    _check(rec, extract(_page_body(source_id, rec["url"]), rec["url"], source))


@pytest.mark.parametrize("item", RECORDS, ids=[_id(i) for i in RECORDS])
def test_page_as_an_unknown_site(item: tuple[str, dict[str, Any]]) -> None:
    source_id, rec = item
    _check(rec, extract(_page_body(source_id, rec["url"]), rec["url"], None))
