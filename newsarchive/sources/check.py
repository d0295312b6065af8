"""`newsarchive sources check ID`: does a definition still find and extract this paper's articles?

:func:`check_source` fetches a handful of pages through a caller-given ``fetch(url) -> bytes``
(the live site, or the mirror in tests): robots.txt, the feeds, the sitemaps, the start pages,
then up to ``max_articles`` article pages, which it runs through the real extractor.  The report
says what discovery found and how often each field came out.

A definition passes (``report["ok"]``) when
- the home page and robots.txt rules let us in, and discovery finds at least one article link;
- every checked article page extracts as an article with a title and a body
  (a page matching ``article_url_pattern`` that is not an article means the pattern is too broad);
- ``published`` is found on at least 80% of them (dates are what analysts lean on most).
Author, sapo and captions are reported but not required: many papers print none.
A passing report is what justifies flipping ``verified: true`` in the definition.

Sitemaps may be gzipped (``.xml.gz``; read with Scrapy's gunzip); a definition's JSON listing
API is read too.  Pages the definition renders (``render:``) are fetched through ``render``
(a Chromium renderer, see :class:`newsarchive.render.Renderer`) when one is given; without one
the report says they were read unrendered.  The report also says how old the registry evidence
behind the definition is, and warns when all of it predates the 2025 mergers.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Callable
from datetime import date
from typing import TYPE_CHECKING, Any
from urllib.parse import urljoin, urlsplit

from lxml import etree
from lxml import html as lxml_html

if TYPE_CHECKING:
    from newsarchive.sources import Source

logger = logging.getLogger(__name__)

Fetch = Callable[[str], bytes]
COVERAGE_FIELDS = ("title", "body", "published", "author", "sapo", "captions")
MIN_PUBLISHED = 0.8
MAX_START_PAGES = 4
MAX_SITEMAPS = 3
#: The 2025 provincial mergers took effect on this day; older evidence may name a gone site.
MERGERS = date(2025, 7, 1)
MAX_SITEMAP_BYTES = 50 * 1024 * 1024


def _age(day: str, today: date) -> tuple[int, str]:
    """("2026-01-23", today) -> (days, "10 months") ; month-only dates count from the 1st."""
    parts = [int(x) for x in day.split("-")]
    then = date(parts[0], parts[1], parts[2] if len(parts) > 2 else 1)
    days = (today - then).days
    if days < 62:
        return days, f"{days} days"
    months = round(days / 30.44)
    return days, (f"{months} months" if months < 24 else f"{months / 12:.1f} years")


def evidence_age(source: Source, today: date | None = None) -> dict[str, Any]:
    """Rows cited, newest and oldest observation, their ages, and whether all predate 2025."""
    today = today or date.today()
    days = source.evidence_dates()
    out: dict[str, Any] = {"rows": len(source.evidence), "newest": None, "oldest": None,
                           "newest_age": None, "oldest_age": None, "before_mergers": None}
    if not days:
        return out
    out["newest"], out["oldest"] = days[-1], days[0]
    out["newest_days"], out["newest_age"] = _age(days[-1], today)
    out["oldest_days"], out["oldest_age"] = _age(days[0], today)
    newest = [int(x) for x in days[-1].split("-")]
    last_day = newest[2] if len(newest) > 2 else 28
    out["before_mergers"] = date(newest[0], newest[1], last_day) < MERGERS
    return out


def _maybe_gunzip(body: bytes) -> bytes:
    if body[:2] != b"\x1f\x8b":
        return body
    from scrapy.utils.gz import gunzip

    return bytes(gunzip(body, max_size=MAX_SITEMAP_BYTES))


def _xml(body: bytes) -> Any:
    try:
        return etree.fromstring(body, parser=etree.XMLParser(recover=True, resolve_entities=False,
                                                             no_network=True))
    except (etree.XMLSyntaxError, ValueError):
        return None


def _feed_links(root: Any, base: str) -> list[str]:
    links = [str(t).strip() for t in
             root.xpath("//*[local-name()='item']/*[local-name()='link']/text()")]
    links += [str(h) for h in root.xpath("//*[local-name()='entry']/*[local-name()='link']/@href")]
    return [urljoin(base, u) for u in links if u]


def _page_links(body: bytes, base: str) -> list[str]:
    try:
        doc = lxml_html.document_fromstring(body)
    except (etree.ParserError, ValueError):
        return []
    out = []
    for href in doc.xpath("//a/@href"):
        href = str(href).strip()
        if href and not href.startswith(("#", "javascript:", "mailto:", "tel:")):
            out.append(urljoin(base, href).split("#", 1)[0])
    return out


def _try(fetch: Fetch, url: str) -> tuple[bytes | None, str | None]:
    try:
        return fetch(url), None
    except Exception as exc:
        return None, f"{type(exc).__name__}: {exc}"


def check_source(source: Source, fetch: Fetch, *, max_articles: int = 5,
                 render: Fetch | None = None, today: date | None = None) -> dict[str, Any]:
    """Fetch a few pages of ``source`` and report discovery counts and field coverage.

    ``render(url) -> html`` renders a page in a browser; it is used for the pages the
    definition marks ``render: js`` (listings, articles).
    """
    from protego import Protego

    from newsarchive.extract import extract
    from newsarchive.settings import USER_AGENT

    parts = urlsplit(source.homepage)
    root = f"{parts.scheme}://{parts.netloc}"
    problems: list[str] = []
    report: dict[str, Any] = {"source": source.id, "homepage": source.homepage,
                              "evidence": evidence_age(source, today)}
    if report["evidence"]["before_mergers"]:
        report["warnings"] = [f"all evidence predates the 2025 mergers (newest "
                              f"{report['evidence']['newest']}): the paper may have moved"]
    else:
        report["warnings"] = []
    unrendered = [k for k in ("listings", "articles") if source.renders(k) and render is None]
    if unrendered:
        report["warnings"].append(
            f"{' and '.join(unrendered)} need rendering and were read without a browser")

    def get_page(url: str, kind: str) -> tuple[bytes | None, str | None]:
        if render is not None and source.renders(kind):
            return _try(render, url)
        return _try(fetch, url)

    robots_body, robots_error = _try(fetch, root + "/robots.txt")
    robots = Protego.parse(robots_body.decode("utf-8", errors="replace") if robots_body else "")
    report["robots"] = {
        "found": robots_body is not None,
        "error": robots_error,
        "crawl_delay": robots.crawl_delay(USER_AGENT),
        "sitemaps": list(robots.sitemaps),
        "home_allowed": bool(robots.can_fetch(source.homepage, USER_AGENT)),
    }
    if not report["robots"]["home_allowed"]:
        problems.append("robots.txt disallows the home page for our user agent")

    def allowed(url: str) -> bool:
        return source.owns_url(url) and bool(robots.can_fetch(url, USER_AGENT)) and not any(
            re.search(p, url) for p in source.deny_url_patterns)

    found: list[str] = []  # article URLs in discovery order

    def note(urls: list[str]) -> int:
        n = 0
        for u in urls:
            if allowed(u) and source.is_article_url(u):
                n += 1
                if u not in found:
                    found.append(u)
        return n

    report["feeds"] = []
    for url in source.feeds:
        body, error = _try(fetch, url)
        root_el = _xml(body) if body else None
        links = _feed_links(root_el, url) if root_el is not None else []
        if body is not None and root_el is None:
            error = "not XML"
        report["feeds"].append({"url": url, "ok": error is None, "error": error,
                                "items": len(links), "article_links": note(links)})
        if error:
            problems.append(f"feed {url} failed: {error}")

    report["sitemaps"] = []
    queue = list(source.sitemaps)
    while queue and len(report["sitemaps"]) < MAX_SITEMAPS:
        url = queue.pop(0)
        body, error = _try(fetch, url)
        if body is not None:
            try:
                body = _maybe_gunzip(body)
            except (OSError, ValueError) as exc:
                body, error = None, f"bad gzip: {exc}"
        root_el = _xml(body) if body else None
        if body is not None and root_el is None:
            error = "not XML"
        locs: list[str] = []
        children: list[str] = []
        if root_el is not None:
            locs = [str(t).strip() for t in root_el.xpath(
                "//*[local-name()='url']/*[local-name()='loc']/text()")]
            children = [str(t).strip() for t in root_el.xpath(
                "//*[local-name()='sitemap']/*[local-name()='loc']/text()")]
        report["sitemaps"].append({"url": url, "ok": error is None, "error": error,
                                   "urls": len(locs), "child_sitemaps": len(children),
                                   "article_links": note(locs)})
        queue.extend(c for c in children if source.owns_url(c))  # an index: read a child too
        if error:
            problems.append(f"sitemap {url} failed: {error}")

    report["listing_api"] = []
    if source.listing_api:
        from newsarchive.sources.listing_api import ListingApiError, parse_listing_page, start_urls

        for url, category in start_urls(source.listing_api)[:MAX_START_PAGES]:
            body, error = _try(fetch, url)
            items: list[str] = []
            if body is not None:
                try:
                    items = [a.url for a in parse_listing_page(
                        body, source.listing_api, category=category).items]
                except ListingApiError as exc:
                    error = str(exc)
            report["listing_api"].append({"url": url, "ok": error is None, "error": error,
                                          "items": len(items), "article_links": note(items)})
            if error:
                problems.append(f"listing API {url} failed: {error}")

    report["start_pages"] = []
    for url in source.start_urls[:MAX_START_PAGES]:
        if not robots.can_fetch(url, USER_AGENT):
            report["start_pages"].append({"url": url, "ok": False, "links": 0, "article_links": 0,
                                          "error": "disallowed by robots.txt"})
            problems.append(f"start page {url} is disallowed by robots.txt")
            continue
        body, error = get_page(url, "listings")
        links = _page_links(body, url) if body else []
        report["start_pages"].append({"url": url, "ok": error is None, "error": error,
                                      "links": len(links), "article_links": note(links)})
        if error:
            problems.append(f"start page {url} failed: {error}")

    if not source.article_url_pattern:
        problems.append("no article_url_pattern: every link counts as an article; "
                        "run `newsarchive sources add` to discover one")
    report["article_links_found"] = len(found)
    if not found:
        problems.append("no article links found in feeds, sitemaps or start pages "
                        "(article_url_pattern may not fit the site's URLs)")

    checked: list[dict[str, Any]] = []
    for url in found[:max_articles]:
        body, error = get_page(url, "articles")
        if body is None:
            checked.append({"url": url, "error": error, "is_article": False})
            continue
        result = extract(body, url, source)
        art = result.article if result.is_article else None
        entry: dict[str, Any] = {"url": url, "error": None, "is_article": art is not None,
                                 "page_type": result.page_type}
        if art is not None:
            entry.update({
                "title": art.title, "published": art.published, "author": art.author,
                "sapo": bool(art.sapo), "captions": len(art.captions),
                "body_chars": len(art.body or ""), "date_from": art.date_from,
            })
        checked.append(entry)
    report["articles"] = checked

    articles = [c for c in checked if c["is_article"]]
    coverage: dict[str, float | None] = {}
    for name in COVERAGE_FIELDS:
        if not articles:
            coverage[name] = None
            continue
        key = "body_chars" if name == "body" else name
        coverage[name] = round(sum(1 for a in articles if a.get(key)) / len(articles), 3)
    report["coverage"] = coverage

    failed = [c for c in checked if not c["is_article"]]
    if failed:
        problems.append(
            f"{len(failed)} of {len(checked)} article-pattern pages did not extract as articles: "
            + ", ".join(f"{c['url']} ({c.get('error') or c.get('page_type')})" for c in failed[:3]))
    if articles:
        for name in ("title", "body"):
            if (coverage[name] or 0) < 1:
                problems.append(f"{name} missing on some articles ({coverage[name]:.0%})")
        if (coverage["published"] or 0) < MIN_PUBLISHED:
            problems.append(f"publication date found on only {coverage['published']:.0%} of "
                            f"articles (need {MIN_PUBLISHED:.0%})")
    report["problems"] = problems
    report["ok"] = not problems
    return report


def format_report(report: dict[str, Any]) -> str:
    """The report as the few lines `newsarchive sources check` prints."""
    lines = [f"{report['source']}  {report['homepage']}"]
    ev = report.get("evidence") or {}
    if ev.get("rows"):
        span = (f"newest {ev['newest']} ({ev['newest_age']} ago)"
                + (f", oldest {ev['oldest']} ({ev['oldest_age']} ago)"
                   if ev["oldest"] != ev["newest"] else ""))
        lines.append(f"  evidence: {ev['rows']} rows, {span}")
    else:
        lines.append("  evidence: none cited")
    robots = report["robots"]
    delay = f", Crawl-delay {robots['crawl_delay']:g} s" if robots.get("crawl_delay") else ""
    lines.append(f"  robots.txt: {'found' if robots['found'] else 'none'}{delay}")
    for kind in ("feeds", "sitemaps", "listing_api", "start_pages"):
        for item in report[kind]:
            size = item.get("items", item.get("urls", item.get("links", 0)))
            state = "ok" if item["ok"] else f"FAILED ({item['error']})"
            index = f", {item['child_sitemaps']} sitemaps" if item.get("child_sitemaps") else ""
            label = {"feeds": "feed", "sitemaps": "sitemap", "listing_api": "listing API",
                     "start_pages": "start page"}[kind]
            lines.append(f"  {label}: {item['url']}  {state}, {size} links"
                         f"{index}, {item['article_links']} article links")
    lines.append(f"  article links found: {report['article_links_found']}; "
                 f"checked {len(report['articles'])}")
    for a in report["articles"]:
        if a["is_article"]:
            lines.append(f"    ok   {a['url']}\n         {a['title']!r}, "
                         f"published {a['published']}, "
                         f"author {a['author']}, {a['captions']} captions")
        else:
            lines.append(f"    FAIL {a['url']} ({a.get('error') or a.get('page_type')})")
    cov = ", ".join(f"{k} {v:.0%}" for k, v in report["coverage"].items() if v is not None)
    if cov:
        lines.append(f"  coverage: {cov}")
    for w in report.get("warnings") or []:
        lines.append(f"  warning: {w}")
    for p in report["problems"]:
        lines.append(f"  problem: {p}")
    lines.append("  PASS: definition works; set verified: true" if report["ok"] else "  FAIL")
    return "\n".join(lines)
