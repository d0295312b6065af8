"""The mirror's scripts really work in headless Chromium, and what Chromium renders is the truth.

Pages whose body is decoded or injected by script (truth ``needs: [render]``) are rendered by a
real Chromium (the system's ``/usr/bin/chromium`` when present) that reaches the mirror through
:func:`newsarchive.render.sync_mirror_route`, then extracted field by field against their truth.
Category pages built from the JSON API must list every article of their category.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

import pytest

from newsarchive.extract import extract
from newsarchive.mirror import build_sites
from newsarchive.mirror.server import MirrorServer
from newsarchive.render import launch_options, sync_mirror_route, unavailable_reason
from newsarchive.sources import load_sources

if TYPE_CHECKING:
    from collections.abc import Iterator

    from newsarchive.mirror.model import Site

pytestmark = pytest.mark.browser

FIELDS = ("title", "sapo", "body", "published", "modified", "author", "credit", "category",
          "tags", "page_type")


@pytest.fixture(scope="module")
def sites() -> dict[str, Site]:
    return build_sites()


@pytest.fixture(scope="module")
def browser_page(sites: dict[str, Site]) -> Iterator[Any]:
    reason = unavailable_reason()
    if reason:
        pytest.skip(reason)
    from playwright.sync_api import sync_playwright

    with MirrorServer(sites=sites) as server, sync_playwright() as pw:
        browser = pw.chromium.launch(**launch_options())
        context = browser.new_context()
        context.route("**/*", sync_mirror_route(server.url))
        yield context.new_page()
        browser.close()


def _rendered(page: Any, url: str) -> bytes:
    page.goto(url)
    page.wait_for_load_state("networkidle")
    return str(page.content()).encode("utf-8")


def test_script_built_bodies_render_to_their_truth(sites: dict[str, Site],
                                                   browser_page: Any) -> None:
    sources = load_sources()
    checked = 0
    for sid, site in sites.items():
        for rec in site.articles():
            if "render" not in rec.get("needs", []):
                continue
            static = extract(site.pages[rec["url"].split(site.host, 1)[1]].body, rec["url"],
                             sources[sid])
            assert not (static.article and static.article.body == rec["body"])
            result = extract(_rendered(browser_page, rec["url"]), rec["url"], sources[sid])
            assert result.article is not None, rec["url"]
            got = result.article.to_dict()
            wrong = {f: (rec[f], got[f]) for f in FIELDS
                     if got[f] != (rec[f] or ([] if f == "tags" else None))}
            caps = [(c["text"], c["image_url"], c["credit"]) for c in got["captions"]]
            want = [(c["text"], c["image_url"], c["credit"]) for c in rec["captions"]]
            assert not wrong, (rec["url"], wrong)
            assert caps == want, (rec["url"], caps)
            checked += 1
    assert checked >= 4


def test_category_pages_render_their_api_lists(sites: dict[str, Site], browser_page: Any) -> None:
    site = sites["baodienbienphu"]
    by_cat: dict[str, set[str]] = {}
    for rec in site.articles():
        by_cat.setdefault(rec["url"].split("/tin-bai/", 1)[1].split("/")[0], set()).add(rec["url"])
    for slug, want in by_cat.items():
        seen: set[str] = set()
        url: str | None = f"{site.base_url}/tin-tuc/{slug}"
        while url:
            _rendered(browser_page, url)
            links = browser_page.eval_on_selector_all("#list-news a", "els => els.map(e => e.href)")
            seen |= {u for u in links if "/tin-bai/" in u}
            nxt = [u for u in links if "?page=" in u]
            url = nxt[0] if nxt else None
        assert seen == want, slug
        rendered = extract(_rendered(browser_page, f"{site.base_url}/tin-tuc/{slug}"),
                           f"{site.base_url}/tin-tuc/{slug}", None)
        assert rendered.page_type == "listing"
