"""Image captions in page order: figure/figcaption, WordPress wp-caption, caption table cells,
caption-classed or italic paragraphs right under an image.

A caption split over lines (<br>) is one caption joined with a space; "Ảnh: X" moves to the
caption's credit.  Image URLs are absolute, lazy-load attributes resolved.  The nodes that held
captions are reported so the body never repeats them.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any
from urllib.parse import urlsplit

from lxml import etree

from newsarchive.extract.attribution import split_photo_credit
from newsarchive.extract.furniture import AD_LINE
from newsarchive.extract.links import join_url
from newsarchive.extract.text import attr_tokens, clean_text, fast_text, link_density, text_of
from newsarchive.extract.tree import tag_of
from newsarchive.items import Caption

if TYPE_CHECKING:
    from newsarchive.extract.page import Page

_CAPTION_CLASS_RE = re.compile(
    r"caption|chuthich|chu-thich|chu_thich|image-desc|img-desc|imgdesc|photo-desc|desc|note|legend|"
    r"image_desc|pic-desc|figcaption|expNoEdit|txt-chuthich|image-text",
    re.IGNORECASE,
)
_SKIP_IMG_RE = re.compile(
    r"(logo|icon|avatar|sprite|banner|spacer|blank|pixel|button|btn|share|zalo|facebook|qc|ads?[-_/])",
    re.IGNORECASE,
)
_LAZY_ATTRS = (
    "data-src",
    "data-original",
    "data-lazy-src",
    "data-lazy",
    "data-url",
    "data-full-src",
    "src",
)
MAX_CAPTION_CHARS = 600
_EMPHASIS = etree.XPath("./em|./i|./*/em|./*/i|./span[contains(@style,'italic')]")
_FIGURE_CAPTIONS = etree.XPath(
    ".//figcaption|.//*[contains(@class,'wp-caption-text')]|.//*[contains(@class,'caption')]"
)
_IMAGE_FILE_RE = re.compile(r"\.(?:jpe?g|png|gif|webp|avif)$", re.IGNORECASE)


@dataclass
class CaptionResult:
    captions: list[Caption] = field(default_factory=list)
    nodes: set[Any] = field(default_factory=set)  # elements the body must skip
    images: int = 0
    # content photos no caption was found for, in page order: kept with the article (photos)
    uncaptioned: list[str] = field(default_factory=list)


def image_url(img: Any, base_url: str) -> str | None:
    """The real image URL: lazy-load attributes first, then srcset's largest, then src."""
    try:
        return _image_url(img, base_url)
    except ValueError:  # a malformed URL in the page
        return None


def _image_url(img: Any, base_url: str) -> str | None:
    for attr in _LAZY_ATTRS:
        v = (img.get(attr) or "").strip()
        if (
            v
            and not v.startswith("data:")
            and not v.lower().endswith(("blank.gif", "spacer.gif", "loading.gif"))
        ):
            return join_url(base_url, v)
    for attr in ("data-srcset", "srcset"):
        v = (img.get(attr) or "").strip()
        if v:
            best, best_w = None, -1.0
            for part in v.split(","):
                bits = part.split()
                if not bits:
                    continue
                w = 0.0
                if len(bits) > 1:
                    try:
                        w = float(bits[1].rstrip("wx"))
                    except ValueError:
                        w = 0.0
                if w > best_w:
                    best, best_w = bits[0], w
            if best:
                return join_url(base_url, best)
    return None


def _links_away(img: Any, base_url: str) -> bool:
    """The photo is a link to a page on another site: an advert or a partner's teaser."""
    for anc in img.iterancestors("a"):
        href = (anc.get("href") or "").strip()
        if not href.startswith(("http://", "https://", "//")):
            return False
        target = urlsplit(join_url(base_url, href))
        if _IMAGE_FILE_RE.search(target.path):
            return False  # a link to the full-size photo
        here = (urlsplit(base_url).hostname or "").removeprefix("www.")
        there = (target.hostname or "").removeprefix("www.")
        return bool(here and there and not there.endswith(here) and not here.endswith(there))
    return False


def _is_content_image(img: Any, url: str | None) -> bool:
    if not url:
        return False
    for attr in ("width", "height"):
        v = img.get(attr) or ""
        if v.isdigit() and int(v) < 60:
            return False
    if _SKIP_IMG_RE.search(url.rsplit("/", 1)[-1]) or _SKIP_IMG_RE.search(attr_tokens(img)):
        return False
    return True


def _lines_text(el: Any, skip: set[Any] | None = None) -> str:
    """Caption text with line breaks joined by a space."""
    return clean_text(text_of(el, skip=skip))


#: Elements that end the climb from an image to the block that holds it.
_BLOCK_STOPS = frozenset("td tr table tbody li article section body main".split())
#: Most photos one caption serves when printed beside a group.
_GROUP = 3


def _content_images(el: Any) -> int:
    return sum(1 for _ in el.iter("img", "amp-img"))


def _image_block(img: Any, container: Any) -> Any:
    """The highest ancestor under ``container`` that holds this image (or a group of up to
    three photos) and no text."""
    block = img
    node = img.getparent()
    while node is not None and node is not container:
        if tag_of(node) in _BLOCK_STOPS:
            break
        if _content_images(node) > _GROUP or fast_text(node):
            break
        block = node
        node = node.getparent()
    return block


def _next_element(el: Any) -> Any:
    nxt = el.getnext()
    while nxt is not None and not isinstance(nxt.tag, str):
        nxt = nxt.getnext()
    return nxt


def _after_group(block: Any) -> Any:
    """The element after the image block, past up to two more image-only blocks (a group of
    photos sharing one caption)."""
    nxt = _next_element(block)
    for _ in range(_GROUP - 1):
        if nxt is None or fast_text(nxt) or not _content_images(nxt):
            break
        nxt = _next_element(nxt)
    return nxt


def _is_caption_like(el: Any) -> bool:
    """Printed as a caption: a caption element, italic, small or centred short text, or a line
    carrying a photo credit ("Ảnh: X")."""
    if el is None or not isinstance(el.tag, str):
        return False
    tag = tag_of(el)
    text = text_of(el)
    if not text or len(text) > MAX_CAPTION_CHARS or _content_images(el):
        return False
    if tag in ("figcaption", "small") or _CAPTION_CLASS_RE.search(attr_tokens(el)):
        return True
    if tag not in ("p", "div", "span", "em", "i", "center"):
        return False
    style = (el.get("style") or "").replace(" ", "").lower()
    if tag in ("em", "i") or "font-style:italic" in style:
        return True
    emph = "".join(text_of(e) for e in _EMPHASIS(el))
    if len(clean_text(emph)) >= 0.8 * len(text):
        return True
    if ("text-align:center" in style or tag == "center") and len(text) < 300:
        return True
    return len(text) < 200 and split_photo_credit(text)[1] is not None


def _table_caption(img: Any, container: Any) -> tuple[str, list[Any]] | None:
    """A small table holding the photo (or a row of up to three) and its caption cell, or a
    table of photos only with a caption-like line right after it (one caption for the row)."""
    table = None
    for anc in img.iterancestors():
        if anc is container:
            break
        if tag_of(anc) == "table":
            table = anc
            break
    if table is None:
        return None
    if not 1 <= _content_images(table) <= _GROUP or sum(1 for _ in table.iter("tr")) > 4:
        return None
    text = _lines_text(table)
    if not text:
        nxt = _next_element(table)
        if nxt is not None and _is_caption_like(nxt):
            return _lines_text(nxt), [table, nxt]
        return None
    if len(text) > MAX_CAPTION_CHARS:
        return None
    return text, [table]


def _wrapper_caption(img: Any, container: Any) -> tuple[str, Any] | None:
    """The image's own wrapper with a short text beside it (``<div><img><p>caption</p></div>``,
    ``<p><img><br><em>caption</em></p>``): a caption whatever the wrapper is named.

    The text must sit in its own element or after a line break: a photo floated inside a
    paragraph of story text is not captioned by that paragraph.
    """
    node = img
    for _ in range(4):
        parent = node.getparent()
        if parent is None or parent is container or tag_of(parent) in _BLOCK_STOPS:
            return None
        node = parent
        text = fast_text(node)
        if not text:
            continue
        if _content_images(node) != 1 or len(text) > 300 or link_density(node) > 0.5:
            return None
        if not _text_apart(node, img):
            return None
        return _lines_text(node), node
    return None


def _text_apart(wrapper: Any, img: Any) -> bool:
    """All of the wrapper's text is in child elements other than the image's, or follows a
    <br> after the image."""
    if (wrapper.text or "").strip():
        return False
    holder = img
    while holder.getparent() is not wrapper:
        holder = holder.getparent()
    seen_break = False
    for child in wrapper:
        if child is holder:
            if (child.tail or "").strip():
                return False
            continue
        if tag_of(child) == "br":
            seen_break = True
        elif (child.tail or "").strip() and not seen_break:
            return False
    return True


def find_captions(
    container: Any, base_url: str, extra_images: list[Any] | None = None, scope: Any = None
) -> CaptionResult:
    """Captions of the images in ``container`` plus ``extra_images`` (a lead photo above the body
    that sits inside the article ``scope``), in page order."""
    res = CaptionResult()
    seen_text: set[str] = set()
    jobs: list[tuple[Any, Any]] = [
        (img, scope if scope is not None else container) for img in extra_images or []
    ]
    if container is not None:
        jobs += [(img, container) for img in container.iter("img", "amp-img")]
    for img, within in jobs:
        url = image_url(img, base_url)
        if not _is_content_image(img, url) or _links_away(img, base_url):
            continue
        res.images += 1
        found = _caption_for(img, within)
        if found is None or AD_LINE.match(found[0]):
            if url and url not in res.uncaptioned:
                res.uncaptioned.append(url)
            continue
        text, nodes = found
        body_text, credit = split_photo_credit(text)
        key = body_text or credit or ""
        res.nodes.update(nodes)
        if key in seen_text:
            # another photo of a group one caption serves: kept as a photo, not lost
            if url and url not in res.uncaptioned:
                res.uncaptioned.append(url)
            continue
        seen_text.add(key)
        res.captions.append(Caption(text=body_text or None, image_url=url, credit=credit))
    return res


def _caption_for(img: Any, container: Any) -> tuple[str, list[Any]] | None:
    """The caption of one photo and the elements that hold it, or None."""
    # 1. <figure> ... <figcaption> (or a caption-named element inside the figure)
    for depth, anc in enumerate(img.iterancestors()):
        if anc is container or depth > 4:
            break
        if tag_of(anc) == "figure" or "wp-caption" in attr_tokens(anc):
            cap = [c for c in _FIGURE_CAPTIONS(anc) if c is not anc and not _content_images(c)]
            if cap:
                text = _lines_text(cap[0])
                return (text, [anc]) if text else None
            break
    # 2. a small table holding the photo(s) and the caption cell
    tab = _table_caption(img, container)
    if tab:
        return tab
    # 3. the image's own wrapper with a short text beside it
    wrap = _wrapper_caption(img, container)
    if wrap:
        return wrap[0], [wrap[1]]
    # 4. a caption-like line right after the image's block (or after its group of photos)
    block = _image_block(img, container)
    nxt = _after_group(block)
    if nxt is not None and _is_caption_like(nxt):
        return _lines_text(nxt), [block, nxt]
    return None


def captions_from_selector(matched: list[Any], base_url: str) -> CaptionResult:
    """Captions named by a source definition's selector.

    Definitions point either at the caption text (``td.caption``, ``figcaption``) or at the
    whole image block (``figure.wp-block-image``); both are read here.
    """
    res = CaptionResult()
    seen: set[int] = set()
    for el in matched:
        imgs = [i for i in el.iter("img", "amp-img")]
        block = el
        if imgs:
            caption_el = next(
                (
                    c
                    for c in el.iter()
                    if c is not el
                    and (tag_of(c) == "figcaption" or _CAPTION_CLASS_RE.search(attr_tokens(c)))
                ),
                None,
            )
            text = _lines_text(caption_el) if caption_el is not None else _lines_text(el)
        else:
            text = _lines_text(el)
            for anc in el.iterancestors():
                found = [i for i in anc.iter("img", "amp-img")]
                if len(found) == 1:
                    imgs, block = found, anc
                    break
                if len(found) > 1 or tag_of(anc) in ("body", "article"):
                    break
            if not imgs:
                prev = el.getprevious()
                while prev is not None and not isinstance(prev.tag, str):
                    prev = prev.getprevious()
                if prev is not None:
                    imgs = [i for i in prev.iter("img", "amp-img")][:1]
        if not imgs or id(imgs[0]) in seen:
            continue
        url = image_url(imgs[0], base_url)
        if not url:
            continue
        seen.add(id(imgs[0]))
        res.images += 1
        res.nodes.add(block)
        if not text:
            continue
        body_text, credit = split_photo_credit(text)
        res.captions.append(Caption(text=body_text or None, image_url=url, credit=credit))
    return res


def image_positions(page: Page) -> dict[str, int]:
    """Image URL -> place in the page, to keep captions from two layers in page order."""
    out: dict[str, int] = {}
    for i, img in enumerate(page.root.iter("img", "amp-img")):
        url = image_url(img, page.url)
        if url and url not in out:
            out[url] = i
    return out


def page_captions(page: Page, container: Any) -> tuple[CaptionResult, str | None]:
    """Captions: the definition's selector when it finds some, then the generic finder; with
    the layer that found them."""
    sel = page.selectors.get("captions")
    if sel:
        matched = page.select(sel)
        if matched:
            found = captions_from_selector(matched, page.url)
            if found.captions:
                if container is not None:
                    # images the selector does not name are still looked at
                    rest = find_captions(container, page.url)
                    known = {c.image_url for c in found.captions}
                    found.captions.extend(c for c in rest.captions if c.image_url not in known)
                    known |= {c.image_url for c in found.captions}
                    found.uncaptioned = [u for u in rest.uncaptioned if u not in known]
                    found.nodes |= rest.nodes
                    if len(found.captions) > 1:  # one caption is in order already
                        positions = image_positions(page)
                        found.captions.sort(key=lambda c: positions.get(c.image_url or "", 0))
                return found, "selector"
    if container is None:
        return CaptionResult(), None
    scope = page.article_scope(container)
    extra: list[Any] = []
    if scope is not container and page.headline is not None:
        title_pos = page.order(page.headline)
        inside = set(container.iter("img", "amp-img"))
        for img in scope.iter("img", "amp-img"):
            if img in inside or page.order(img) < title_pos or page.in_furniture(img, stop=scope):
                continue
            if any(a.get("href") for a in img.iterancestors("a")):
                continue  # thumbnails linking elsewhere
            extra.append(img)
    found = find_captions(container, page.url, extra_images=extra, scope=scope)
    return found, ("page" if found.captions else None)
