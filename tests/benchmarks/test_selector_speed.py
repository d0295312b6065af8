"""Is the hand-written CSS engine (``newsarchive/extract/cssindex.py``) worth keeping?

It answers a source definition's simple selectors ("td.title h1", "#id", ".a > .b") from a
per-page index instead of XPath.  The alternative is lxml XPath compiled once per selector
(cssselect's translation, cached).  Both run here on every HTML page of the bundled mirror with
its source definition, in the same process, interleaved, best of several rounds:

- selectors alone: every selector of the definition answered on an already prepared page (the
  index is built per page, inside the timing);
- whole extraction of the mirror's article pages with and without the index.

The engine stays only while it is measurably faster: the first test fails when answering the
selectors through the index is not at least 1.5 times as fast as compiled XPath.  The second
prints what that is worth in whole extraction (about a tenth of a defined page's time on a quiet
machine; under load the difference is within the noise) and fails only if the index makes
extraction slower.

Run: ``NEWSARCHIVE_BENCH=1 .venv/bin/python -m pytest -s tests/benchmarks/test_selector_speed.py``.
"""

from __future__ import annotations

import time
from typing import TYPE_CHECKING, Any

from newsarchive.extract import extract
from newsarchive.extract import page as page_mod
from newsarchive.extract.cssindex import SelectorIndex
from newsarchive.extract.select import select
from newsarchive.extract.tree import parse_html, prepare_tree
from newsarchive.mirror import build_sites
from newsarchive.sources import Source, load_sources

if TYPE_CHECKING:
    from collections.abc import Callable

    import pytest

ROUNDS = 7


def _mirror_pages(articles_only: bool) -> list[tuple[bytes, str, Source]]:
    sources = load_sources()
    out = []
    for sid, site in sorted(build_sites().items()):
        source = sources.get(sid)
        if source is None or not source.selectors:
            continue
        article_urls = {r["url"] for r in site.truth if r.get("is_article")}
        for path, page in site.pages.items():
            url = site.url(path)
            if page.status != 200 or "html" not in page.content_type or not page.body:
                continue
            if articles_only and url not in article_urls:
                continue
            out.append((page.body, url, source))
    return out


def _best(fns: dict[str, Callable[[], Any]], rounds: int = ROUNDS) -> dict[str, float]:
    """Best CPU time of each function over ``rounds``, the functions interleaved round by round."""
    best = dict.fromkeys(fns, float("inf"))
    for _ in range(rounds):
        for name, fn in fns.items():
            started = time.process_time()
            fn()
            best[name] = min(best[name], time.process_time() - started)
    return best


def test_selectors_alone_index_against_cached_xpath() -> None:
    jobs = []
    for html, _url, source in _mirror_pages(articles_only=False):
        root = parse_html(html)
        if root is None:
            continue
        elements, attributed = prepare_tree(root)
        named = [(e, e.get("class"), e.get("id")) for e in attributed]
        jobs.append((root, elements, named, list(source.selectors.values())))

    def with_index() -> int:
        n = 0
        for root, elements, named, selectors in jobs:
            index = SelectorIndex(root, {e: i for i, e in enumerate(elements)}, named)
            n += sum(len(select(root, s, index)) for s in selectors)
        return n

    def with_xpath() -> int:
        return sum(len(select(root, s)) for root, _e, _n, selectors in jobs for s in selectors)

    assert with_index() == with_xpath()  # the same elements either way
    best = _best({"index": with_index, "xpath": with_xpath})
    per_page = {k: v / len(jobs) * 1000 for k, v in best.items()}
    print(
        f"\nselectors of {len(jobs)} mirror pages: index {per_page['index']:.3f} ms/page "
        f"(index built per page), compiled XPath {per_page['xpath']:.3f} ms/page"
    )
    assert best["xpath"] >= 1.5 * best["index"], "the CSS index no longer pays: use compiled XPath"


def test_whole_extraction_with_and_without_the_index(monkeypatch: pytest.MonkeyPatch) -> None:
    pages = _mirror_pages(articles_only=True)
    rounds = 3 * ROUNDS

    def run() -> None:
        for html, url, source in pages:
            extract(html, url, source)

    def run_xpath() -> None:
        monkeypatch.setattr(page_mod, "SelectorIndex", lambda *a, **k: None)
        try:
            run()
        finally:
            monkeypatch.setattr(page_mod, "SelectorIndex", SelectorIndex)

    run()
    best = _best({"index": run, "xpath": run_xpath}, rounds)
    per_page = {k: v / len(pages) * 1000 for k, v in best.items()}
    saving = 1 - best["index"] / best["xpath"]
    print(
        f"\nextraction of {len(pages)} mirror article pages with their definitions: "
        f"with the index {per_page['index']:.2f} ms/page, compiled XPath only "
        f"{per_page['xpath']:.2f} ms/page ({saving:.0%} saved by the index)"
    )
    assert saving > 0, "the CSS index makes extraction slower: use compiled XPath"
