"""The lead (sapo): the definition's selector, a lead-named element after the headline, else a
bold first paragraph (most Vietnamese templates print the lead in bold)."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, Any

from newsarchive.extract.text import clean_text, fold_key, text_of
from newsarchive.extract.tree import tag_of

if TYPE_CHECKING:
    from newsarchive.extract.captions import CaptionResult
    from newsarchive.extract.page import Page

_SAPO_CLASS_RE = re.compile(
    r"(?:^|[\s_-])(sapo|lead|summary|hometext|chapeau|excerpt|description|tomtat|tom-tat|intro|"
    r"abstract|teaser|subtitle|sub-title|standfirst|lede|tomtatnoidung)(?:$|[\s_-])",
    re.IGNORECASE,
)


def drop_paragraph(paragraphs: list[tuple[str, Any]], text: str) -> None:
    """Remove the first paragraph that reads as ``text``."""
    key = fold_key(text)
    for i, (p, _) in enumerate(paragraphs):
        if fold_key(p) == key:
            del paragraphs[i]
            return


def find_sapo(
    page: Page, container: Any, paragraphs: list[tuple[str, Any]], caps: CaptionResult
) -> tuple[str | None, str | None]:
    """(lead, layer); a lead found among ``paragraphs`` is removed from them."""
    text, _el = page.selected_text("sapo")
    if text:
        drop_paragraph(paragraphs, text)
        return text, "selector"
    title_pos = page.order(page.headline) if page.headline is not None else -1
    best = None
    for el, _low, _tokens in page.named:
        if tag_of(el) in ("meta", "link", "img", "script", "html", "body") or el is page.headline:
            continue
        cls = f"{el.get('class') or ''} {el.get('id') or ''}"
        if not (_SAPO_CLASS_RE.search(cls) or el.get("itemprop") == "description"):
            continue
        t = text_of(el)
        if len(t) < 25 or len(t) > 1500 or (el.xpath(".//img") and len(t) < 40):
            continue
        if page.in_furniture(el) or (container is not None and el in container.iterancestors()):
            continue
        if any(n is el or el in n.iterancestors() for n in caps.nodes):
            continue
        if title_pos >= 0 and page.order(el) < title_pos:
            continue
        best = el
        break
    if best is not None:
        sapo = text_of(best)
        drop_paragraph(paragraphs, sapo)
        return sapo, "page"
    if paragraphs and len(paragraphs) > 1:
        text0, holder = paragraphs[0]
        bold = "".join(text_of(b) for b in holder.xpath("./strong|./b|./*/strong|./*/b"))
        if (
            60 <= len(text0) <= 1200
            and len(clean_text(bold)) >= 0.9 * len(text0)
            and tag_of(holder) != "td"
        ):
            paragraphs.pop(0)
            return text0, "page"
    return None, None
