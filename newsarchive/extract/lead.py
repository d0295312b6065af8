"""The lead (sapo): the definition's selector, else the block newsrooms print between the headline
and the body, else a first paragraph printed as a lead (bold, or opened by an outlet tag).

The lead is found by where it sits, not by what it is called: the first sentence-like block
after the headline that is not a date line, a byline, a caption or furniture.  A lead-named
element (``sapo``, ``description``...) is a hint that settles ties.  Placement alone counts on
Vietnamese pages only: Vietnamese templates print the sapo as the opening of the article text,
while an English page's standfirst under the headline is a summary outside the article body
(schema.org's ``articleBody`` and the Zyte benchmark leave it out).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from lxml import etree

from newsarchive.extract.attribution import LEAD_TAG_RE, parse_signature, split_photo_credit
from newsarchive.extract.dates import is_date_line
from newsarchive.extract.furniture import is_furniture_line
from newsarchive.extract.text import block_paragraphs, clean_text, fold_key, link_density, text_of
from newsarchive.extract.tree import tag_of

if TYPE_CHECKING:
    from collections.abc import Iterator

    from newsarchive.extract.captions import CaptionResult
    from newsarchive.extract.page import Page

_BOLD = etree.XPath("./strong|./b|./*/strong|./*/b")
#: How far past the headline a lead may sit (elements in page order).
_MAX_BLOCKS = 40
_MIN_LEAD, _MAX_LEAD = 50, 1200


def drop_paragraph(paragraphs: list[tuple[str, Any]], text: str) -> None:
    """Remove the first paragraph that reads as ``text``."""
    key = fold_key(text)
    for i, (p, _) in enumerate(paragraphs):
        if fold_key(p) == key:
            del paragraphs[i]
            return


def blocks_between(start: Any, stop: Any) -> Iterator[Any]:
    """Elements after ``start`` and before ``stop`` in page order, outermost first; an element
    holding ``stop`` is entered, not yielded."""
    stop_holders = set(stop.iterancestors()) if stop is not None else set()
    cur = start
    for _ in range(_MAX_BLOCKS):
        nxt = cur.getnext()
        while nxt is None:
            cur = cur.getparent()
            if cur is None:
                return
            nxt = cur.getnext()
        cur = nxt
        while cur in stop_holders:
            if not len(cur):
                return
            cur = cur[0]
        if cur is stop:
            return
        if isinstance(cur.tag, str):
            yield cur


def _lead_like(text: str) -> bool:
    """Sentence-like text of lead length that is no date line, byline, credit or furniture."""
    if not _MIN_LEAD <= len(text) <= _MAX_LEAD or len(text.split()) < 8:
        return False
    if is_date_line(text) or is_furniture_line(text):
        return False
    if len(text) <= 120 and parse_signature(text) is not None:
        return False
    return split_photo_credit(text)[1] is None  # a photo caption, not a lead


def _skip_block(page: Page, el: Any, caps: CaptionResult) -> bool:
    if tag_of(el) in ("a", "img", "figure", "figcaption", "ul", "ol", "nav", "form", "table"):
        return True
    if el in caps.nodes or any(n in caps.nodes for n in el.iterancestors()):
        return True
    return page.in_furniture(el) or link_density(el) > 0.3


def _between_headline_and_body(
    page: Page, container: Any, paragraphs: list[tuple[str, Any]], caps: CaptionResult
) -> tuple[str, Any] | None:
    """The first lead-like paragraph after the headline and before the body text."""
    if page.headline is None:
        return None
    stop = paragraphs[0][1] if paragraphs else container
    for block in blocks_between(page.headline, stop):
        if _skip_block(page, block, caps):
            continue
        for text, holder in block_paragraphs(block, caps.nodes):
            if holder is not block and _skip_block(page, holder, caps):
                continue
            if _lead_like(text):
                return text, holder
            if len(text) > _MAX_LEAD:
                return None  # body text already: this page prints no separate lead
    return None


def _named_lead(page: Page, container: Any, caps: CaptionResult) -> Any:
    """A lead-named element after the headline, outside the body container."""
    title_pos = page.order(page.headline) if page.headline is not None else -1
    for el in page.hinted("sapo"):
        if tag_of(el) in ("meta", "link", "img", "html", "body", "figcaption"):
            continue
        if el is page.headline:
            continue
        t = text_of(el)
        if len(t) < 25 or len(t) > 1500 or (next(el.iter("img"), None) is not None and len(t) < 40):
            continue
        if el is container or page.in_furniture(el):
            continue
        if container is not None and el in container.iterancestors():
            continue
        if _skip_block(page, el, caps) and link_density(el) <= 0.3:
            continue  # a caption carrying itemprop=description
        if title_pos >= 0 and page.order(el) < title_pos:
            continue
        return el
    return None


#: Headings a lead is printed in: Vietnamese templates commonly set the sapo as an ``<h2>``
#: opening the article text (Dân trí, Tuổi Trẻ and Thanh Niên do), whatever its class says.
_LEAD_HEADINGS = frozenset(("h2", "h3", "h4"))
_SENTENCE_END = (".", "!", "?", "…", '."', ".\u201d", "!\u201d", "?\u201d")


def _printed_as_lead(text: str, holder: Any) -> bool:
    """A first paragraph in bold, opened by an outlet tag ("(TTXVN) - "), or set as a heading
    that reads as whole sentences (a section heading does not end in a full stop): the lead."""
    if not _MIN_LEAD <= len(text) <= _MAX_LEAD or tag_of(holder) == "td":
        return False
    if LEAD_TAG_RE.match(text):
        return True
    if tag_of(holder) in _LEAD_HEADINGS:
        return text.rstrip().endswith(_SENTENCE_END) and _lead_like(text)
    bold = "".join(text_of(b) for b in _BOLD(holder))
    return len(clean_text(bold)) >= 0.9 * len(text)


def find_sapo(
    page: Page, container: Any, paragraphs: list[tuple[str, Any]], caps: CaptionResult
) -> tuple[str | None, str | None]:
    """(lead, layer); a lead found among ``paragraphs`` is removed from them."""
    text, _el = page.selected_text("sapo")
    if text:
        drop_paragraph(paragraphs, text)
        return text, "selector"
    named = _named_lead(page, container, caps)
    if named is not None:
        sapo = text_of(named)
        drop_paragraph(paragraphs, sapo)
        return sapo, "page"
    found = (
        _between_headline_and_body(page, container, paragraphs, caps)
        if page.is_vietnamese()
        else None
    )
    if found is not None:
        drop_paragraph(paragraphs, found[0])
        return found[0], "page"
    if len(paragraphs) > 1 and _printed_as_lead(*paragraphs[0]):
        return paragraphs.pop(0)[0], "page"
    if page.is_vietnamese() and _set_apart(paragraphs):
        return paragraphs.pop(0)[0], "page"
    return None, None


def _set_apart(paragraphs: list[tuple[str, Any]]) -> bool:
    """The first paragraph sits in another block than all the others, which share one: a lead
    printed above the body's own box."""
    if len(paragraphs) < 3 or not _lead_like(paragraphs[0][0]):
        return False
    first, rest = paragraphs[0][1], [h for _, h in paragraphs[1:]]
    parents = {h.getparent() for h in rest}
    if len(parents) != 1:
        return False
    body_box = parents.pop()
    return body_box is not None and first.getparent() is not body_box and first not in rest
