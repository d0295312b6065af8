"""The publication and update dates of a page: the definition's selector, JSON-LD and meta
values checked against the page, the visible date nearest the headline, the URL."""

from __future__ import annotations

import logging
import re
from typing import TYPE_CHECKING, Any

from newsarchive.extract.dates import DateHit, date_from_url, find_dates, parse_iso
from newsarchive.extract.metadata import ld_text
from newsarchive.extract.text import attr_tokens, clean_text, text_of
from newsarchive.extract.tree import BLOCK_TAGS, DROP_TAGS, tag_of

if TYPE_CHECKING:
    from newsarchive.extract.page import Page

LOG = logging.getLogger(__name__)

_DIGIT_SEP_RE = re.compile(r"\d\s*(?:[/.\-]\s*\d|tháng|thg|\s*[A-Za-z]{3,9},?\s+\d{4})|[A-Za-z]{3,9}\.?\s+\d{1,2}(?:st|nd|rd|th)?,?\s+\d{4}", re.IGNORECASE)
_MAX_DATE_CANDIDATES = 400
_INLINE_DATE_TAGS = frozenset("span b strong em i font time small label".split())



def find_published(
    page: Page, container: Any, paragraphs: list[tuple[str, Any]]
) -> tuple[str | None, str | None, str | None, str | None, str | None]:
    """(published, modified, where published came from, its raw text, where modified came from).

    A visible date near the headline beats a disagreeing meta date (render times, template
    defaults)."""
    sel_pub: DateHit | None = None
    text, el = page.selected_text("published")
    if el is not None:
        machine = parse_iso(el.get("datetime") or el.get("content"))
        hits = find_dates(text or "")
        if hits:
            sel_pub = hits[0]
            if machine and machine[:10] == sel_pub.day and "T" in machine and not sel_pub.has_time:
                sel_pub = DateHit(machine, sel_pub.raw, 0, 0, True)
        elif machine:
            sel_pub = DateHit(machine, el.get("datetime") or el.get("content") or "", 0, 0, "T" in machine)
    meta_pub, meta_raw, meta_layer = None, None, None
    for value, layer in (
        (ld_text(page.md.ld("datePublished")), "jsonld"),
        (ld_text(page.md.ld("dateCreated")), "jsonld"),
        (page.md.get("article:published_time", "og:published_time", "published_time"), "meta"),
        (page.md.prop("datePublished"), "meta"),
        (page.md.get("dc.date.issued", "dc.date", "dcterms.created", "pubdate", "publishdate",
                     "publish-date", "date", "sailthru.date", "parsely-pub-date", "article.published"), "meta"),
    ):
        iso = parse_iso(value)
        if iso:
            meta_pub, meta_raw, meta_layer = iso, value, layer
            break
    meta_mod = None
    for value in (
        ld_text(page.md.ld("dateModified")),
        page.md.get("article:modified_time", "og:updated_time", "modified_time", "dc.date.modified", "lastmod"),
        page.md.prop("dateModified"),
    ):
        meta_mod = parse_iso(value)
        if meta_mod:
            break
    page_pub, page_mod = page_dates(page, container, paragraphs)
    published = date_from = raw = None
    if sel_pub is not None:
        published, date_from, raw = sel_pub.iso, "selector", sel_pub.raw
    elif page_pub is not None and meta_pub is not None:
        if page_pub.day == meta_pub[:10]:
            if page_pub.has_time and "T" not in meta_pub:
                published, date_from, raw = page_pub.iso, "page", page_pub.raw
            else:
                published, date_from, raw = meta_pub, meta_layer, meta_raw
        else:
            # the page shows another day next to the headline: the meta value is a render
            # time or a template default
            LOG.debug("meta date %s disagrees with page date %s; page wins", meta_pub, page_pub.iso)
            published, date_from, raw = page_pub.iso, "page", page_pub.raw
    elif page_pub is not None:
        published, date_from, raw = page_pub.iso, "page", page_pub.raw
    elif meta_pub is not None:
        published, date_from, raw = meta_pub, meta_layer, meta_raw
    else:
        u = date_from_url(page.url)
        if u:
            published, date_from, raw = u, "url", page.url
    modified, mod_from = meta_mod, ("meta" if meta_mod else None)
    if page_mod is not None and (modified is None or modified[:10] != page_mod.day):
        modified, mod_from = page_mod.iso, "page"
    return published, modified, date_from, raw, mod_from

def page_dates(
    page: Page, container: Any, paragraphs: list[tuple[str, Any]]
) -> tuple[DateHit | None, DateHit | None]:
    """The visible publication (and update) date nearest the headline, outside furniture."""
    body_holders = {h for _, h in paragraphs}
    anchor = page.headline if page.headline is not None else container
    anchor_pos = page.order(anchor) if anchor is not None else 0
    scope = page.article_scope(container) if container is not None else None
    if scope is None or scope is container:
        scope = page.root
    found = _page_date_candidates(page, scope, anchor_pos, body_holders)
    if not found and scope is not page.root:
        found = _page_date_candidates(page, page.root, anchor_pos, body_holders)
    if not found:
        return None, None
    found.sort(key=lambda c: -c[0])
    pub = next((c[1] for c in found if c[1].label != "modified"), None)
    mod = next((c[1] for c in found if c[1].label == "modified"), None)
    if pub is None and mod is not None:
        pub, mod = mod, None
    return pub, mod

def _page_date_candidates(
    page: Page, scope: Any, anchor_pos: int, body_holders: set[Any]
) -> list[tuple[float, DateHit, Any]]:
    candidates: list[tuple[float, DateHit, Any]] = []
    seen: set[tuple[str, int]] = set()
    todo: list[Any] = []
    queued: set[Any] = set()
    # article paragraphs hold event dates, not the publication date: their subtrees are
    # skipped (lxml's own iteration over the scope, minus those subtrees, in page order)
    hidden: set[Any] = set()
    for holder in body_holders:
        if holder is scope or any(a is scope for a in holder.iterancestors()):
            hidden.update(holder.iter())
    for el in scope.iter():
        if el in hidden or not isinstance(el.tag, str):
            continue
        if el.tag == "time" and el.get("datetime"):
            todo.append(el)
            continue
        own = (el.text or "") + "".join([c.tail or "" for c in el])
        if not _DIGIT_SEP_RE.search(own):
            continue
        for node in (el, el.getparent()) if el.tag in _INLINE_DATE_TAGS else (el,):
            if node is not None and node not in queued:
                queued.add(node)
                todo.append(node)
    if len(todo) > _MAX_DATE_CANDIDATES:
        # a page with thousands of dated items: only those nearest the headline can be its date
        todo.sort(key=lambda e: abs(page.order(e) - anchor_pos))
        todo = todo[:_MAX_DATE_CANDIDATES]
    for el in todo:
        tag = tag_of(el)
        if tag in DROP_TAGS or tag in ("html", "body", "a"):
            continue
        if tag == "time" and el.get("datetime"):
            iso = parse_iso(el.get("datetime"))
            if iso:
                hit = DateHit(iso, el.get("datetime") or "", 0, 0, "T" in iso)
                candidates.append((_date_score(page, el, hit, anchor_pos, body_holders), hit, el))
                continue
        # only the text this element holds itself (plus inline children) - keeps lines apart
        if any(tag_of(c) in BLOCK_TAGS for c in el):
            text = clean_text((el.text or "") + " ".join((c.tail or "") for c in el))
        else:
            text = text_of(el)
        if not text or len(text) > 220:
            continue
        hits = find_dates(text)
        for hit in hits:
            key = (hit.iso, page.order(el))
            if key in seen:
                continue
            seen.add(key)
            if len(text) <= 80 and len(hits) == 1:
                hit = DateHit(hit.iso, text, hit.start, hit.end, hit.has_time, hit.has_year, hit.label)
            candidates.append((_date_score(page, el, hit, anchor_pos, body_holders), hit, el))
    return [c for c in candidates if c[0] > -1e8]

def _date_score(page: Page, el: Any, hit: DateHit, anchor_pos: int, body_holders: set[Any]) -> float:
    if page.in_furniture(el):
        return -1e9
    for anc in (el, *el.iterancestors()):
        if anc is not el and anc in body_holders:
            return -1e9
        tag = tag_of(anc)
        if tag == "a":
            return -1e9
        if tag == "li" and any(len(text_of(a)) > 25 for a in anc.iter("a")):
            return -1e9
    pos = page.order(el)
    distance = abs(pos - anchor_pos) if anchor_pos >= 0 else pos
    score = -float(distance)
    if pos < anchor_pos:
        score *= 1.5  # above the headline: a little less likely than right under it
    if hit.label == "published":
        score += 40
    if hit.has_time:
        score += 5
    cls = attr_tokens(el)
    if re.search(r"date|time|ngay|publish|post-?meta|meta|thoigian|datetime", cls):
        score += 30
    return score
