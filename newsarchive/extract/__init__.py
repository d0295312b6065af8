"""html -> Article: the pure extraction function every stage shares.

``extract(html, url, source)`` parses the page once (or takes the tree the crawler already
parsed, a :class:`~.tree.ParsedPage` from :func:`read_page`) and fills each field from the first
layer that gives a sane value: the source definition's selectors, structured metadata (JSON-LD,
OpenGraph, article:*, itemprop, Dublin Core) checked against the page, Vietnamese patterns on the
visible page, and generic detection.  ``ExtractResult.provenance`` names the layer per field.
No network, no database, no global state; it never raises.

Each field has its own module of small functions over one parsed :class:`~.page.Page`:
``title``, ``body`` (container and paragraphs), ``captions``, ``lead``, ``people`` (author and
credited outlet), ``published`` (dates), ``section`` (category and tags), ``pagetype``.
"""

from __future__ import annotations

import logging
import time
from typing import TYPE_CHECKING, Any

from newsarchive.extract import body as bodymod
from newsarchive.extract.captions import page_captions
from newsarchive.extract.decode import needs_repair
from newsarchive.extract.furniture import furniture_names
from newsarchive.extract.lead import find_sapo
from newsarchive.extract.links import join_url
from newsarchive.extract.page import Page
from newsarchive.extract.pagetype import PageSignals, classify, url_kind
from newsarchive.extract.people import find_people
from newsarchive.extract.published import find_published
from newsarchive.extract.section import find_category, find_tags
from newsarchive.extract.text import fold_key, forget_texts
from newsarchive.extract.title import find_title
from newsarchive.extract.tree import ParsedPage, parse_page, read_page
from newsarchive.items import ARTICLE_TYPES, Article, ExtractResult

if TYPE_CHECKING:
    from newsarchive.sources import Source

LOG = logging.getLogger(__name__)

__all__ = ["ParsedPage", "extract", "read_page"]


def extract(
    html: bytes | str | ParsedPage, url: str, source: Source | None = None
) -> ExtractResult:
    """Extract one page (its bytes or text, or a :class:`ParsedPage`).  Garbage in gives
    ``ExtractResult("other")`` and a warning, never an error."""
    started = time.perf_counter()
    forget_texts()
    try:
        result = _extract(html, url, source)
    except RecursionError:
        LOG.warning("extract: page too deeply nested, skipped: %s", url)
        return ExtractResult("other")
    except Exception as exc:  # a bad page must never stop a crawl
        LOG.warning("extract: failed on %s: %s: %s", url, type(exc).__name__, exc)
        return ExtractResult("other")
    finally:
        forget_texts()  # the page's tree is not kept alive by the cache
    elapsed = time.perf_counter() - started
    if elapsed > 2.0:
        LOG.warning("extract: slow page (%.1f s): %s", elapsed, url)
    return result


def _extract(
    given: bytes | str | ParsedPage, url: str, source: Source | None, *, repair: bool = False
) -> ExtractResult:
    """Fill every field, strongest layer first; listings return early without an article."""
    # these caches serve repeats within one page, not across pages
    fold_key.cache_clear()
    join_url.cache_clear()
    furniture_names.cache_clear()
    if isinstance(given, ParsedPage):
        html = given.html
        if given.used or repair:
            root, read_raw = parse_page(html, repair=repair)
        else:
            given.used = True  # the tree is prepared in place below: a second reading re-parses
            root, read_raw = given.root, given.read_raw
    else:
        html = given
        root, read_raw = parse_page(html, repair=repair)
    if root is None:
        return ExtractResult("other")
    body_el = root.find("body")
    if body_el is None or not any(t.strip() for t in body_el.itertext()):
        return ExtractResult("other")
    prov: dict[str, str] = {}
    kind = url_kind(url, source)
    if source is not None and kind in ("home", "tag", "search", "listing"):
        # the paper's own URL patterns say this is a listing, tag or home page: no article
        return ExtractResult(kind or "other", None, {"page_type": "selector"})
    page = Page(root, url, source)

    def record(field: str, layer: str | None) -> None:
        if layer:
            prov[field] = layer

    title, page.headline, layer = find_title(page)
    record("title", layer)
    container, body_layer = bodymod.find_container(page)
    caps, layer = page_captions(page, container)
    record("captions", layer)
    paragraphs = bodymod.find_paragraphs(page, container, caps, body_layer, title)
    if container is not None:
        record("body", body_layer)
    sapo, layer = find_sapo(page, container, paragraphs, caps)
    record("sapo", layer)
    # Listing measures: for a generic container, and for a definition's body selector on a URL
    # its article pattern does not claim (templates reuse one content box for articles and
    # topic listings, so the selector matching says nothing about the page being an article).
    generic = container is not None and (body_layer != "selector" or kind != "article")
    page_type = classify(
        page.url,
        source,
        page.md,
        PageSignals(
            body_chars=sum(len(p) + 2 for p, _ in paragraphs),
            paragraphs=len(paragraphs),
            content_images=caps.images,
            captions=len(caps.captions),
            has_title=bool(title),
            title_words=len(title.split()) if title else 0,
            measures={
                "has_player": lambda: int(bodymod.has_player(page, container)),
                "headline_links": (
                    (lambda: bodymod.count_headline_links(root))
                    if kind != "article"
                    else (lambda: -1)
                ),
                "linked_paragraphs": lambda: bodymod.count_linked(container),
                "teaser_blocks": lambda: bodymod.repeated_teasers(container) if generic else 0,
                "opens_with_link": lambda: int(
                    generic and bodymod.opens_with_headline_link(container)
                ),
            },
        ),
        # page.url is the fetched URL, or "" when that is unreadable (url_kind: None)
        kind if page.url == url else None,
    )
    if page_type not in ARTICLE_TYPES or not title:
        # listings, tags and home pages yield no article: skip the remaining layers
        if read_raw and _mojibake_page(body_el, page):
            return _extract(html, url, source, repair=True)
        kind_out = page_type if page_type not in ARTICLE_TYPES else "other"
        return ExtractResult(kind_out, None, prov)
    people, sapo = find_people(page, container, paragraphs, sapo)
    record("author", people.author_from)
    record("credit", people.credit_from)
    published, modified, date_from, date_raw, mod_from = find_published(page, container, paragraphs)
    if not paragraphs and not sapo and published is None:
        # nothing to read and no date: a stub, an error page or a page built in the browser
        if read_raw and _mojibake_page(body_el, page):
            return _extract(html, url, source, repair=True)
        return ExtractResult("other", None, prov)
    record("published", date_from)
    record("modified", mod_from)
    category, layer = find_category(page, title)
    record("category", layer)
    tags, layer = find_tags(page)
    record("tags", layer)
    article = Article(
        url=page.canonical_url(),
        source=source.id if source is not None else None,
        title=title,
        body="\n\n".join(p for p, _ in paragraphs),
        sapo=sapo or None,
        captions=caps.captions,
        photos=[u for u in caps.uncaptioned if u not in {c.image_url for c in caps.captions}],
        published=published,
        modified=modified,
        author=people.author,
        credit=people.credit,
        category=category,
        tags=tags,
        date_from=date_from,
        date_raw=date_raw,
        page_type=page_type,
        language=page.language(),
    )
    if read_raw and needs_repair(_kept_text(article), page.md.html_lang):
        # mojibake or legacy-font text in what was kept: read the page through the decoder
        return _extract(html, url, source, repair=True)
    return ExtractResult(page_type, article, prov)


def _mojibake_page(body: Any, page: Page) -> bool:
    """The whole visible text of a page judged not to be an article reads as mojibake: it hid
    the story's paragraphs from the body finders, so the page is read again repaired."""
    return needs_repair("".join(body.itertext()), page.md.html_lang)


def _kept_text(a: Article) -> str:
    parts = [a.title, a.sapo or "", a.body, a.author or "", a.credit or "", a.category or ""]
    parts += [c.text or "" for c in a.captions] + a.tags
    return "\n".join(parts)
