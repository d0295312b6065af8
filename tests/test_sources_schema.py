"""Definition files are checked when loaded: a wrong value names the file and the key."""

from __future__ import annotations

from typing import Any

import pytest

from newsarchive.sources import BROWSER_HEADERS, SourceError, source_from_dict

BASE = {"id": "baothu", "name": "Báo Thử", "homepage": "https://baothu.vn/"}


def _load(**extra: Any) -> Any:
    return source_from_dict({**BASE, **extra}, "data/sources/baothu.yaml")


@pytest.mark.parametrize(("extra", "message"), [
    ({"politeness": {"download_delay": "fast"}},
     "data/sources/baothu.yaml: politeness.download_delay must be a number >= 0, not 'fast'"),
    ({"politeness": {"concurrency": 0}}, "politeness.concurrency must be a whole number >= 1"),
    ({"politeness": {"delay": 2}}, "politeness.delay is not a known setting"),
    ({"politeness": 3}, "politeness must be a mapping"),
    ({"domains": 5}, "domains must be a list of strings"),
    ({"name": ["Báo", "Thử"]}, "name must be a string"),
    ({"verified": "yes"}, "verified must be true or false"),
    ({"selectors": ["h1"]}, "selectors must map field names to CSS selectors"),
    ({"render": "browser"}, "render must be js, static or a mapping"),
    ({"render": {"articles": "chromium"}}, "render.articles must be js or static"),
    ({"render": {"pages": "js"}}, "render.pages is not known"),
    ({"listing_api": {"url": "/api?page={page}", "url_field": "url"}},
     "listing_api.url must be an http(s) URL template"),
    ({"listing_api": {"url": "https://api.baothu.vn/list", "url_field": "url"}},
     "listing_api.url must contain {page}"),
    ({"listing_api": {"url": "https://api.baothu.vn/{category}?p={page}", "url_field": "u"}},
     "uses {category}: list the categories"),
    ({"listing_api": {"url": "https://api.baothu.vn/?p={page}"}},
     "needs url_field or url_template"),
    ({"headers": "chrome"}, "headers must be browser or a mapping"),
    ({"evidence": [{"row": "RE001"}]}, "evidence[0] needs evidence and observed_at"),
])
def test_bad_values_name_the_file_and_key(extra: dict[str, Any], message: str) -> None:
    with pytest.raises(SourceError) as err:
        _load(**extra)
    assert message in str(err.value)
    assert str(err.value).startswith("data/sources/baothu.yaml: ")
    assert "\n" not in str(err.value)


def test_good_values_load_into_their_shapes() -> None:
    source = _load(
        politeness={"download_delay": 2, "concurrency": 2},
        render="js",
        headers="browser",
        media_domains=["cdn.baothu.vn"],
        listing_api={"url": "https://api.baothu.vn/tin?chuyenmuc={category}&trang={page}",
                     "categories": ["thoi-su"], "items": "data.items", "url_field": "url",
                     "date_field": "ngayDang", "max_pages": 30},
        evidence=[{"row": "RE012", "evidence": "owner/repo@abc:config.py",
                   "observed_at": "2026-01-23", "confidence": "high"}],
    )
    assert source.politeness == {"download_delay": 2.0, "concurrency": 2}
    assert source.renders("articles")
    assert source.renders("listings")
    assert source.headers == BROWSER_HEADERS
    assert source.media_domains == ("cdn.baothu.vn",)
    assert source.listing_api["categories"] == ["thoi-su"]
    assert source.evidence[0]["observed_at"] == "2026-01-23"


def test_render_per_kind_and_default_static() -> None:
    assert not _load().renders("articles")
    only = _load(render={"articles": "js", "article_wait": "div#dcontent p"})
    assert only.renders("articles")
    assert not only.renders("listings")
    assert only.render["article_wait"] == "div#dcontent p"
