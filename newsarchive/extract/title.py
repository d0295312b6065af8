"""The headline as printed: the definition's selector, else the visible element that matches the
JSON-LD/OpenGraph title, else the page's first proper h1."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, Any

from newsarchive.extract.metadata import ld_text
from newsarchive.extract.text import fold_key, text_of
from newsarchive.extract.tree import tag_of

if TYPE_CHECKING:
    from newsarchive.extract.page import Page

_TITLE_SEPARATORS = re.compile(r"\s+(?:[-|–—»:]{1,2}|::)\s+")


def strip_site_name(page: Page, title: str) -> str:
    """ "Headline - Báo X" -> "Headline" (either end, any usual separator)."""
    parts = _TITLE_SEPARATORS.split(title)
    while len(parts) > 1 and page.is_site_name(parts[-1]):
        parts.pop()
    while len(parts) > 1 and page.is_site_name(parts[0]):
        parts.pop(0)
    if len(parts) == len(_TITLE_SEPARATORS.split(title)):
        return title
    # rejoin with the original separators
    out = title
    for n in page.site_names():
        for sep in (" - ", " | ", " – ", " — ", " :: ", " » ", " : "):
            for form in (sep + n, n + sep):
                idx = out.casefold().find(form.casefold())
                if idx >= 0 and (idx == 0 or idx + len(form) == len(out)):
                    out = out[:idx] + out[idx + len(form) :]
    return out.strip() if len(out.strip()) >= 5 else " - ".join(parts)


def find_title(page: Page) -> tuple[str | None, Any, str | None]:
    """(headline, its element, layer)."""
    text, el = page.selected_text("title")
    if text:
        return text, el, "selector"
    md = page.md
    ref_layer = "jsonld"
    ref = ld_text(md.ld("headline")) or ld_text(md.ld("name"))
    if not ref:
        ref_layer = "meta"
        ref = md.get("og:title", "twitter:title", "dc.title", "title") or md.prop("headline")
    if not ref:
        t = page.root.find(".//title")
        ref = text_of(t) if t is not None else None
    ref = strip_site_name(page, ref) if ref else None
    ref_key = fold_key(ref) if ref else ""
    candidates = sorted({*page.root.iter("h1", "h2", "h3"), *page.hinted("title")}, key=page.order)
    first_h1 = None
    for el in candidates:
        if not isinstance(el.tag, str) or tag_of(el) in ("title", "meta", "a", "html", "body"):
            continue
        text = text_of(el)
        if not text or len(text) > 400 or len(text) < 6:
            continue
        key = fold_key(text)
        if ref_key and key == ref_key:
            return text, el, ref_layer
        if (
            first_h1 is None
            and tag_of(el) == "h1"
            and not page.is_site_name(text)
            and next(el.iter("img"), None) is None
            and not page.in_furniture(el)
        ):
            first_h1 = el
    if ref_key:
        # the visible headline may carry extra words (a kicker) or the meta one may be cut
        for el in candidates:
            if not isinstance(el.tag, str) or tag_of(el) in ("title", "meta", "html", "body"):
                continue
            text = text_of(el)
            key = fold_key(text)
            if (
                len(key) >= 12
                and len(text) <= 400
                and (ref_key.startswith(key) or key.startswith(ref_key) or ref_key.endswith(key))
            ):
                if page.in_furniture(el):
                    continue
                return text, el, "page"
    if ref and len(ref) >= 12:
        # printed in an element that is neither a heading nor named as one (a bold span)
        probe = ref[:12]
        for el in page.root.iter():
            if el.text and probe in el.text and isinstance(el.tag, str):
                if tag_of(el) in ("title", "meta", "script", "a") or page.in_furniture(el):
                    continue
                text = text_of(el)
                if fold_key(text) == ref_key:
                    return text, el, ref_layer
    if first_h1 is not None:
        return text_of(first_h1), first_h1, "page"
    if ref:
        return ref, None, ref_layer
    return None, None, None
