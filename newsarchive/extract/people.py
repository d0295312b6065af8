"""Who wrote it and where it comes from, on the page: the byline (author) and the credited
outlet.

Credit, first found wins: the definition's selector, the outlet tag opening the lead ("(Dân
trí) - "), the closing lines of the text ("Theo TTXVN", "Nguồn: ..."), the short lines printed
right after it (a "Nguồn tin:" box), a source-named element, and last a JSON-LD/meta author that
is an outlet rather than a person.  Author: the selector, JSON-LD people, byline elements
(itemprop/rel/data-role author, byline-named), the closing and trailing lines, a labelled byline
under the headline, the author meta tag.  A name that is the credited outlet is never the author.
One line at a time is read by :mod:`newsarchive.extract.attribution`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from newsarchive.extract import attribution as attr
from newsarchive.extract.furniture import BOX_HEADINGS, STOP_LINES, is_furniture_line
from newsarchive.extract.lead import blocks_between
from newsarchive.extract.metadata import ld_names
from newsarchive.extract.text import block_paragraphs, fast_text, fold_key, text_of
from newsarchive.extract.tree import tag_of

if TYPE_CHECKING:
    from newsarchive.extract.page import Page

#: A link to an author's page ("/tac-gia/lo-hoa.htm", "/author/minh-ha/").
_AUTHOR_HREF_RE = re.compile(r"/(?:tac-gia|tacgia|author|authors|nguoi-viet|phong-vien)/", re.I)
_ORGANISATION_TYPES = ("organization", "newsmediaorganization", "organisation")
#: Lines read after the body and under the headline, at most.
_MAX_LINES = 8


@dataclass
class People:
    """The byline and the credited outlet, with the layer each came from."""

    author: str | None = None
    author_from: str | None = None
    credit: str | None = None
    credit_from: str | None = None

    def set_credit(self, value: str | None, layer: str) -> None:
        if value and not self.credit:
            self.credit, self.credit_from = value, layer

    def set_author(self, value: str | None, layer: str) -> None:
        if value and not self.author:
            self.author, self.author_from = value, layer


def pop_signatures(paragraphs: list[tuple[str, Any]]) -> tuple[str | None, str | None]:
    """Closing lines that are bylines or credits: removed from the body, returned.

    Up to four lines from the end ("Bài, ảnh: X", then "(baodienbienphu.info.vn)", ...);
    the only paragraph of a short text must look like a signature (bold or right-aligned)
    before it is taken for one.
    """
    author: str | None = None
    credit: str | None = None
    for _ in range(4):
        if not paragraphs:
            break
        text, holder = paragraphs[-1]
        sig = attr.parse_signature(text)
        if sig is None:
            break
        if len(paragraphs) == 1 and not (sig.credit or _is_signature_styled(holder)):
            break
        paragraphs.pop()
        author = author or sig.author
        credit = credit or sig.credit
    return author, credit


def removed_signatures(page: Page, container: Any) -> tuple[str | None, str | None]:
    """(author, credit) signed in blocks the definition's ``remove`` takes out of the body.

    ``remove`` says a block is not body text, not that it names nobody: templates put the
    signature in its own right-aligned box, and a definition copied from a crawler that read
    the byline elsewhere removes that box with the rest of the clutter.  Only a line that is
    plainly a signature counts: "Tin, ảnh: X" (a labelled line) or a name set in bold.
    """
    sel = page.selectors.get("remove")
    if not sel or container is None:
        return None, None
    author: str | None = None
    credit: str | None = None
    for el in page.select(sel, within=container):
        for text, holder in block_paragraphs(el):
            if len(text) > 120:
                continue
            sig = attr.parse_signature(text)
            if sig is None or not (sig.credit or ":" in text or _is_signature_styled(holder)):
                continue
            author = author or sig.author
            credit = credit or sig.credit
    return author, credit


def _is_signature_styled(holder: Any) -> bool:
    style = (holder.get("style") or "").replace(" ", "").lower()
    return (
        "text-align:right" in style
        or holder.find("strong") is not None
        or holder.find("b") is not None
    )


def _blocks_after(container: Any, scope: Any) -> list[Any]:
    """Elements after the container and inside ``scope``, in page order, outermost first."""
    out: list[Any] = []
    node = container
    while node is not None and node is not scope and len(out) < _MAX_LINES:
        sib = node.getnext()
        while sib is not None and len(out) < _MAX_LINES:
            if isinstance(sib.tag, str):
                out.append(sib)
            sib = sib.getnext()
        node = node.getparent()
    return out


def trailing_lines(page: Page, container: Any) -> list[str]:
    """Short lines printed right after the body (a "Tác giả / Nguồn tin" box, a credit line),
    up to the first related list, box heading or long text."""
    if container is None:
        return []
    scope = page.article_scope(container)
    if scope is container:
        scope = container.getparent()
    lines: list[str] = []
    for block in _blocks_after(container, scope):
        if page.in_furniture(block) or tag_of(block) in ("form", "nav", "aside", "footer"):
            break
        heads = sum(1 for a in block.iter("a") if len(fast_text(a)) >= 25)
        if heads >= 2:
            break  # a related list
        for text, _holder in block_paragraphs(block):
            if STOP_LINES.match(text) or BOX_HEADINGS.match(text) or len(text) > 160:
                return lines
            if not is_furniture_line(text):
                lines.append(text)
        if len(lines) >= _MAX_LINES:
            break
    return lines


def header_byline(page: Page, container: Any) -> str | None:
    """A byline printed under the headline: "Tác giả: X", "X - 10:05 12/3/2024", or a link to
    the author's page."""
    if page.headline is None:
        return None
    for block in blocks_between(page.headline, container):
        if page.in_furniture(block):
            continue
        for a in block.iter("a"):
            if _AUTHOR_HREF_RE.search(a.get("href") or ""):
                name = attr.parse_author_text(text_of(a))
                if name:
                    return name
        for text, _holder in block_paragraphs(block):
            if len(text) > 90:
                continue
            if attr.AUTHOR_LABEL_RE.match(text) or attr.BY_RE.match(text) or attr.stamped(text):
                sig = attr.parse_signature(text)
                if sig is not None and sig.author:
                    return sig.author
    return None


def _credit_element(page: Page) -> str | None:
    """A "Nguồn tin: X" / "Nguồn: X" element near the article (named as a source box)."""
    for el in page.hinted("credit"):
        if tag_of(el) in ("script", "source", "link") or page.in_furniture(el):
            continue
        text = text_of(el)
        if not text or len(text) > 120:
            continue
        sig = attr.parse_signature(text)
        if sig and sig.credit:
            return sig.credit
    return None


def _not_the_credit(name: str, people: People) -> bool:
    return not people.credit or fold_key(name) != fold_key(people.credit)


def find_people(
    page: Page, container: Any, paragraphs: list[tuple[str, Any]], sapo: str | None
) -> tuple[People, str | None]:
    """Author and credit; the lead tag and closing lines are removed from the text.  Returns
    the lead without its tag."""
    people = People()
    text, _ = page.selected_text("credit")
    if text:
        sig = attr.parse_signature(text)
        people.set_credit(sig.credit if sig and sig.credit else text, "selector")
    # the outlet tag opening the lead, or the first paragraph when there is no lead
    if sapo:
        stripped, tag = attr.strip_lead_prefix(sapo)
        if tag:
            sapo = stripped
            people.set_credit(tag, "page")
    elif paragraphs:
        stripped, tag = attr.strip_lead_prefix(paragraphs[0][0])
        if tag:
            paragraphs[0] = (stripped, paragraphs[0][1])
            people.set_credit(tag, "page")
    sig_author, sig_credit = pop_signatures(paragraphs)
    if not sig_author:
        removed_author, removed_credit = removed_signatures(page, container)
        sig_author, sig_credit = removed_author, sig_credit or removed_credit
    people.set_credit(sig_credit, "page")
    # Each layer below only fills what is still empty (first found wins), so a layer whose
    # answer can no longer change anything is not read: with the credit known, the lines after
    # the body matter only for a byline, and the JSON-LD authors only while there is none.
    after: list[str | None] = []  # the byline in the lines after the body, once read
    if not people.credit:
        after.append(_trailing_signatures(page, container, people))
        people.set_credit(_credit_element(page), "page")
    ld_people = None if people.credit else _jsonld_people(page, people)
    if not people.credit:
        _meta_outlet(page, people)
    # -- the author
    text, _ = page.selected_text("author")
    if text:
        people.set_author(attr.parse_author_text(text), "selector")
    if not people.author:
        if ld_people is None:
            ld_people = _jsonld_people(page, people)
        if ld_people:
            people.set_author(attr.join_names(ld_people), "jsonld")
    # with the author known the loop below stops at once: the hints need not be looked up
    for el in page.hinted("author") if not people.author else ():
        if people.author:
            break
        if tag_of(el) in ("meta", "link") or page.in_furniture(el):
            continue
        if el.get("itemprop") != "author" and any(
            a.get("itemprop") == "author" for a in el.iterancestors()
        ):
            continue
        name = attr.parse_author_text(el.get("content") or text_of(el))
        if name and not page.is_site_name(name) and not attr.is_non_author(name):
            if _not_the_credit(name, people):
                people.set_author(name, "page")
    if not people.author and not sig_author and not after:
        after.append(_trailing_signatures(page, container, people))
    people.set_author(sig_author or (after[0] if after else None), "page")
    if not people.author:
        people.set_author(header_byline(page, container), "page")
    if not people.author:
        meta = page.md.get("author", "article:author", "dc.creator", "byl")
        if meta and not meta.startswith("http") and not page.is_site_name(meta):
            name = attr.parse_author_text(meta)
            if name and not attr.is_non_author(name) and _not_the_credit(name, people):
                people.set_author(name, "meta")
    return people, sapo


def _trailing_signatures(page: Page, container: Any, people: People) -> str | None:
    """The lines after the body read as signatures: the first credit among them is set, the
    first byline returned."""
    author = None
    for line in trailing_lines(page, container):
        sig = attr.parse_signature(line)
        if sig is not None:
            people.set_credit(sig.credit, "page")
            author = author or sig.author
    return author


def _jsonld_people(page: Page, people: People) -> list[str]:
    """JSON-LD authors that are people; an outlet among them is the credit, not a byline."""
    out = []
    for name, kind in ld_names(page.md.ld("author"), page.md.jsonld_nodes):
        if page.is_site_name(name) or attr.is_non_author(name):
            continue
        if kind in _ORGANISATION_TYPES or attr.is_outlet_name(name):
            people.set_credit(name, "jsonld")
            continue
        if not _not_the_credit(name, people):
            continue
        out.append(attr.title_case_if_shouting(name))
    return out


def _meta_outlet(page: Page, people: People) -> None:
    """An author meta tag naming an outlet ("Theo TTXVN", "Báo Lào Cai") credits it."""
    meta = page.md.get("author", "article:author", "dc.creator")
    if not meta or meta.startswith("http") or page.is_site_name(meta):
        return
    name = re.sub(r"^(?:theo|nguồn)\s*:?\s+", "", meta, flags=re.IGNORECASE).strip()
    if attr.is_outlet_name(name):
        people.set_credit(name, "meta")
