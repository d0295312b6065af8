"""The publication and update dates of a page: the definition's selector, the visible date
nearest the headline, JSON-LD and meta values, the URL.

The sources vote.  A visible date on another day than the machine values wins (those are render
times or template defaults); on the same day the time most sources agree on wins, so one JSON-LD
value with a wrong offset (+08:00) loses to the visible time and two +07:00 meta tags.  The
page's own header clock (today's date above the menu) and the licence date in the footer imprint
("cấp ngày 17/10/2025") are never taken: a date outside the article's block counts only when no
menu separates it from the headline, and imprint lines never count.
"""

from __future__ import annotations

import bisect
import datetime as dt
import logging
import re
from collections import Counter
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from newsarchive.extract.dates import DateHit, date_from_url, find_dates, parse_iso
from newsarchive.extract.furniture import holds_imprint_line
from newsarchive.extract.metadata import ld_text
from newsarchive.extract.text import attr_tokens, clean_text, text_of
from newsarchive.extract.tree import BLOCK_TAGS, DROP_TAGS, tag_of

if TYPE_CHECKING:
    from newsarchive.extract.page import Page

LOG = logging.getLogger(__name__)

_DIGIT_SEP_RE = re.compile(
    r"\d\s*(?:[/.\-]\s*\d|tháng|thg|\s*[A-Za-z]{3,9},?\s+\d{4})"
    r"|[A-Za-z]{3,9}\.?\s+\d{1,2}(?:st|nd|rd|th)?,?\s+\d{4}",
    re.IGNORECASE,
)
_MAX_DATE_CANDIDATES = 400
_DIGIT_RE = re.compile(r"\d")
#: A date line is short: longer text is a paragraph, whose dates are events.
_MAX_LINE = 220
#: How far from the headline (elements in page order) a date is looked for, and past the body.
_WINDOW_BEFORE, _WINDOW_AFTER, _WINDOW_AFTER_BODY = 250, 400, 120
_INLINE_DATE_TAGS = frozenset("span b strong em i font time small label".split())
_DATE_NAME_RE = re.compile(r"date|time|ngay|publish|post-?meta|meta|thoigian|datetime")
#: Layers in the order they win ties.
_PRIORITY = {"selector": 0, "jsonld": 1, "meta": 2, "page": 3}
_META_PUBLISHED = (
    ("article:published_time", "og:published_time", "published_time"),
    (
        "dc.date.issued",
        "dc.date",
        "dcterms.created",
        "pubdate",
        "publishdate",
        "publish-date",
        "date",
        "sailthru.date",
        "parsely-pub-date",
        "article.published",
    ),
)
_META_MODIFIED = (
    "article:modified_time",
    "og:updated_time",
    "modified_time",
    "dc.date.modified",
    "lastmod",
)


@dataclass(frozen=True)
class Dated:
    """One source's publication date."""

    iso: str
    layer: str
    raw: str

    @property
    def day(self) -> str:
        return self.iso[:10]

    @property
    def minute(self) -> str | None:
        return self.iso[:16] if "T" in self.iso else None


def _selector_date(page: Page) -> tuple[Dated | None, Any]:
    """The definition's published date, and the element it was read from."""
    text, el = page.selected_text("published")
    if el is None:
        return None, None
    return _read_selected(el, text), el


def _read_selected(el: Any, text: str | None) -> Dated | None:
    machine = parse_iso(el.get("datetime") or el.get("content"))
    hits = find_dates(text or "")
    if hits:
        hit = hits[0]
        if machine and machine[:10] == hit.day and "T" in machine and not hit.has_time:
            return Dated(machine, "selector", hit.raw)
        return Dated(hit.iso, "selector", hit.raw)
    if machine:
        return Dated(machine, "selector", el.get("datetime") or el.get("content") or "")
    return None


def _machine_dates(page: Page) -> list[Dated]:
    """Every JSON-LD and meta publication value, each a separate vote."""
    md = page.md
    values: list[tuple[str | None, str]] = [
        (ld_text(md.ld("datePublished")) or ld_text(md.ld("dateCreated")), "jsonld"),
    ]
    values += [(md.get(*keys), "meta") for keys in _META_PUBLISHED]
    values.append((md.prop("datePublished"), "meta"))
    out = []
    for value, layer in values:
        iso = parse_iso(value)
        if iso and value:
            out.append(Dated(iso, layer, value))
    return out


def _vote(machine: list[Dated], shown: Dated | None) -> Dated | None:
    """The publication date the sources agree on (see the module docstring)."""
    if shown is not None and machine and all(m.day != shown.day for m in machine):
        LOG.debug("machine dates %s disagree with the page's %s; page wins", machine, shown.iso)
        return shown
    pool = machine + ([shown] if shown is not None else [])
    if not pool:
        return None
    days = Counter(d.day for d in pool)
    if shown is not None:
        day = shown.day
    else:
        day = max(
            days, key=lambda d: (days[d], -min(_PRIORITY[x.layer] for x in pool if x.day == d))
        )
    same_day = [d for d in pool if d.day == day]
    timed = [d for d in same_day if d.minute]
    if not timed:
        return min(same_day, key=lambda d: _PRIORITY[d.layer])
    votes = Counter(d.minute for d in timed)
    best = max(votes.values())
    winners = [d for d in timed if votes[d.minute] == best]
    return min(winners, key=lambda d: _PRIORITY[d.layer])


def find_published(
    page: Page, container: Any, paragraphs: list[tuple[str, Any]]
) -> tuple[str | None, str | None, str | None, str | None, str | None]:
    """(published, modified, where published came from, its raw text, where modified came from)."""
    chosen, selected = _selector_date(page)
    if chosen is not None:
        # an update date is printed beside the publication date
        parent = selected.getparent()
        beside = find_dates(text_of(parent if parent is not None else selected)[:_MAX_LINE])
        page_mod = next((h for h in beside if h.label == "modified"), None)
    else:
        page_pub, page_mod = page_dates(page, container, paragraphs)
        shown = Dated(page_pub.iso, "page", page_pub.raw) if page_pub is not None else None
        chosen = _vote(_machine_dates(page), shown)
    if chosen is None:
        u = date_from_url(page.url)
        if u:
            chosen = Dated(u, "url", page.url)
    meta_mod = _machine_modified(page, chosen)
    modified, mod_from = meta_mod, ("meta" if meta_mod else None)
    if page_mod is not None and (modified is None or modified[:10] != page_mod.day):
        modified, mod_from = page_mod.iso, "page"
    if chosen is None:
        return None, modified, None, None, mod_from
    return chosen.iso, modified, chosen.layer, chosen.raw, mod_from


def _machine_modified(page: Page, published: Dated | None) -> str | None:
    """The first JSON-LD/meta update time, unless its source prints one time for publication
    and update on another day than the publication chosen: a render time, wrong on both."""
    md = page.md
    for _layer, pub_value, mod_value in (
        ("jsonld", ld_text(md.ld("datePublished")), ld_text(md.ld("dateModified"))),
        ("meta", md.get(*_META_PUBLISHED[0]), md.get(*_META_MODIFIED)),
        ("meta", md.prop("datePublished"), md.prop("dateModified")),
    ):
        modified = parse_iso(mod_value)
        if not modified:
            continue
        stated = parse_iso(pub_value)
        if stated == modified and published is not None and _days_apart(stated, published.iso) > 1:
            continue  # one time printed for both, days from the publication: a render time
        return modified
    return None


def _days_apart(a: str, b: str) -> int:
    try:
        return abs((dt.date.fromisoformat(a[:10]) - dt.date.fromisoformat(b[:10])).days)
    except ValueError:
        return 0


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
    body_end = page.span(container)[1] if container is not None else anchor_pos
    found = _candidates(page, scope, anchor_pos, body_end, body_holders)
    if scope is page.root or not found:
        # outside a known article block: only a date no menu separates from the headline
        barriers = _menu_positions(page)
        found = [
            c
            for c in (found or _candidates(page, page.root, anchor_pos, body_end, body_holders))
            if not _menu_between(page, barriers, c[2], anchor_pos)
        ]
    if not found:
        return None, None
    found.sort(key=lambda c: -c[0])
    pub = next((c[1] for c in found if c[1].label != "modified"), None)
    mod = next((c[1] for c in found if c[1].label == "modified"), None)
    if pub is None and mod is not None:
        pub, mod = mod, None
    return pub, mod


def _menu_positions(page: Page) -> list[tuple[int, int]]:
    """(first, last) page positions of every menu-like block: a list of three or more links."""
    out = []
    for el in page.root.iter("ul", "ol", "nav", "menu"):
        if sum(1 for _ in el.iter("a")) >= 3:
            last = el
            while len(last):
                last = last[-1]
            out.append((page.order(el), page.order(last)))
    out.sort()
    return out


def _menu_between(page: Page, menus: list[tuple[int, int]], el: Any, anchor_pos: int) -> bool:
    pos = page.order(el)
    lo, hi = sorted((pos, anchor_pos))
    i = bisect.bisect_right(menus, (lo, 10**9))
    return any(first > lo and last < hi for first, last in menus[i:] if first < hi)


def _near(page: Page, scope: Any, anchor_pos: int, body_end: int) -> list[Any]:
    """Elements of ``scope`` near the headline or right after the body, in page order: a page's
    date is printed there, and a long page is not read whole."""
    lo, hi = page.span(scope)
    windows = sorted(
        (max(lo, a), min(hi, b))
        for a, b in (
            (anchor_pos - _WINDOW_BEFORE, anchor_pos + _WINDOW_AFTER),
            (body_end - 10, body_end + _WINDOW_AFTER_BODY),
        )
    )
    out: list[Any] = []
    end = -1
    for a, b in windows:
        a = max(a, end + 1)
        if a <= b:
            out.extend(page.elements[a : b + 1])
            end = b
    return out


def _dated(text: str) -> bool:
    """Holds something shaped like a date (a digit first: most text holds none)."""
    return _DIGIT_RE.search(text) is not None and _DIGIT_SEP_RE.search(text) is not None


def _candidates(
    page: Page, scope: Any, anchor_pos: int, body_end: int, body_holders: set[Any]
) -> list[tuple[float, DateHit, Any]]:
    candidates: list[tuple[float, DateHit, Any]] = []
    seen: set[tuple[str, int]] = set()
    # elements holding a date-like text of their own (their text, or a child's tail)
    owners: dict[Any, None] = {}
    for el in _near(page, scope, anchor_pos, body_end):
        tag = el.tag
        if not isinstance(tag, str):
            continue
        if tag == "time" and el.get("datetime"):
            owners[el] = None
        text = el.text
        if text and 3 < len(text) <= _MAX_LINE and _dated(text):
            owners[el] = None
        tail = el.tail
        if tail and 3 < len(tail) <= _MAX_LINE and _dated(tail):
            parent = el.getparent()
            if parent is not None:
                owners[parent] = None
    todo: list[Any] = []
    queued: set[Any] = set()
    for el in sorted(owners, key=page.order):
        if _inside(el, body_holders, scope):
            # article paragraphs hold event dates, not the publication date
            continue
        if el.tag == "time" and el.get("datetime"):
            if el not in queued:
                queued.add(el)
                todo.append(el)
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
                candidates.append((_score(page, el, hit, anchor_pos, body_holders), hit, el))
                continue
        # only the text this element holds itself (plus inline children) - keeps lines apart
        if any(tag_of(c) in BLOCK_TAGS for c in el):
            text = clean_text((el.text or "") + " ".join((c.tail or "") for c in el))
        else:
            text = text_of(el)
        if not text or len(text) > _MAX_LINE or holds_imprint_line(text):
            continue
        hits = find_dates(text)
        for hit in hits:
            key = (hit.iso, page.order(el))
            if key in seen:
                continue
            seen.add(key)
            if len(text) <= 80 and len(hits) == 1:
                hit = DateHit(
                    hit.iso, text, hit.start, hit.end, hit.has_time, hit.has_year, hit.label
                )
            candidates.append((_score(page, el, hit, anchor_pos, body_holders), hit, el))
    return [c for c in candidates if c[0] > -1e8]


def _inside(el: Any, holders: set[Any], scope: Any) -> bool:
    """``el`` is one of ``holders`` or inside one (below ``scope``)."""
    node = el
    while node is not None and node is not scope:
        if node in holders:
            return True
        node = node.getparent()
    return False


def _score(page: Page, el: Any, hit: DateHit, anchor_pos: int, body_holders: set[Any]) -> float:
    if page.in_furniture(el):
        return -1e9
    for anc in (el, *el.iterancestors()):
        if anc is not el and anc in body_holders:
            return -1e9
        tag = tag_of(anc)
        if tag == "a":
            return -1e9
        if tag == "li" and any(len(text_of(a)) > 12 for a in anc.iter("a")):
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
    if _DATE_NAME_RE.search(attr_tokens(el)):
        score += 30
    return score
