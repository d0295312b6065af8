"""Main text: find the article container, then keep its paragraphs and drop the furniture.

Container, in order: the source definition's selector, known CMS containers (NukeViet
``#news-bodyhtml``, WordPress ``.entry-content``, ``itemprop=articleBody``...), then a
text-density scorer.  Inside it, related-news boxes (also nested ones), share bars, ads, forms,
"Xem nhiều nhất" lists and the chrome after the body ("Gửi cho bạn bè", "Phản hồi") are dropped.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterator
from typing import TYPE_CHECKING, Any

from newsarchive.extract.dates import is_date_line
from newsarchive.extract.furniture import POSITIVE_RE, is_boilerplate_attr, is_chrome_name
from newsarchive.extract.text import (
    attr_tokens,
    block_paragraphs,
    fast_text,
    fold_key,
    link_density,
    text_of,
)
from newsarchive.extract.tree import DROP_TAGS, tag_of

if TYPE_CHECKING:
    from newsarchive.extract.captions import CaptionResult
    from newsarchive.extract.page import Page



#: Headings of boxes that are never article text (dropped with the box they head).
BOX_HEADINGS = re.compile(
    r"^(tin|bài)\s+(liên\s+quan|cùng\s+chuyên\s+mục|khác|mới|đọc\s+nhiều|xem\s+nhiều|nổi\s+bật|"
    r"cùng\s+chủ\s+đề|mới\s+nhất|mới\s+cập\s+nhật)|^(xem\s+nhiều(\s+nhất)?|đọc\s+nhiều(\s+nhất)?|"
    r"các\s+tin\s+(khác|đã\s+đưa)|bài\s+viết\s+liên\s+quan|có\s+thể\s+bạn\s+quan\s+tâm|đọc\s+thêm|"
    r"xem\s+thêm|tin\s+tức\s+liên\s+quan|chuyên\s+mục\s+khác|related|tags?|từ\s+khóa|từ\s+khoá)\s*[:.]?$",
    re.IGNORECASE,
)
#: Lines after which nothing is article text: the feedback/sharing chrome.
STOP_LINES = re.compile(
    r"^(gửi\s+cho\s+bạn\s+bè|gửi\s+bạn\s+bè|phản\s+hồi|thông\s+tin\s+người\s+gửi(\s+phản\s+hồi)?|"
    r"xem\s+nhiều\s+nhất|ý\s+kiến\s+bạn\s+đọc|bình\s+luận|gửi\s+bình\s+luận|viết\s+bình\s+luận|"
    r"ý\s+kiến\s+của\s+bạn|tin\s+liên\s+quan|tin\s+cùng\s+chuyên\s+mục|các\s+tin\s+khác|"
    r"bài\s+viết\s+liên\s+quan|tin\s+khác|in\s+bài(\s+viết)?|chia\s+sẻ(\s+bài\s+viết)?|"
    r"bản\s+in|gửi\s+email|lên\s+đầu\s+trang|về\s+trang\s+trước|trở\s+về|quay\s+lại)\s*[:.!]?$",
    re.IGNORECASE,
)
#: Short lines that are sharing/printing furniture, wherever they sit.
FURNITURE_LINES = re.compile(
    r"^(chia\s+sẻ|share|facebook|zalo|twitter|tweet|in\s+bài|print|lưu|lưu\s+bài|email|gửi\s+email|"
    r"cỡ\s+chữ|a\s*[-+]?\s*a\s*[-+]?|quảng\s+cáo|advertisement|theo\s+dõi\s+.{0,40}\s+trên\s+google\s+news|"
    r"\d+\s+lượt\s+xem|lượt\s+xem\s*:?\s*\d+|bình\s+chọn|thích|like|copy\s+link|sao\s+chép\s+liên\s+kết|"
    r"comments?|\d+\s+comments?|leave\s+a\s+(?:comment|reply)|click\s+here\s+to\s+subscribe.{0,60}|"
    r"advertisement|sponsored|related\s+(?:articles|posts|stories))\s*[:.!]?$",
    re.IGNORECASE,
)


_KNOWN_IDS = {
    "news-bodyhtml": 0,
    "main-detail-body": 19,
    "content-detail": 19,
    "contentdetail": 19,
    "divcontent": 19,
    "articlecontent": 19,
    "article_body": 19,
    "abody": 19,
}
_KNOWN_CLASSES = {
    name: i + 2
    for i, name in enumerate(
        "entry-content detail-content article-content article-body article__body detail__content "
        "content-detail news-content post-content td-post-content bodytext fulltext noidung noi-dung "
        "chitiet story-body fck_detail singular-content dt-news__content detail-content-body "
        "journal-content-article content-news news-detail the-article-body cms-body post-body entry-body "
        "maincontent detail__cmain-main knc-content article__content".split()
    )
}


def container_candidates(page: Page) -> Iterator[tuple[Any, str]]:
    """Containers to try, with the layer that named them: the selector's match first (no scan
    needed then), else known CMS containers found in one pass over the tree."""
    root = page.root
    sel = page.selectors.get("body")
    if sel:
        for el in page.select(sel)[:1]:
            yield el, "selector"
    found: dict[int, Any] = {}
    for el in root.iter():
        if not isinstance(el.tag, str):
            continue
        rank = None
        el_id = el.get("id")
        if el_id and el_id.lower() in _KNOWN_IDS:
            rank = _KNOWN_IDS[el_id.lower()]
        if el.get("itemprop") == "articleBody":
            rank = 1 if rank is None else min(rank, 1)
        cls = el.get("class")
        if cls:
            for token in cls.split():
                r = _KNOWN_CLASSES.get(token.lower())
                if r is not None and (rank is None or r < rank):
                    rank = r
        if (
            rank is not None
            and rank not in found
            and el.tag not in ("p", "span", "a", "li", "h1", "h2", "h3", "h4", "strong", "em", "b", "i")
            and not is_boilerplate_attr(el)
        ):
            found[rank] = el
    for r in sorted(found):
        yield found[r], "cms"


def score_container(root: Any) -> Any:
    """Readability-style scoring: paragraphs vote for their parent and grandparent."""
    scores: dict[Any, float] = defaultdict(float)
    inline = ("a", "b", "strong", "i", "em", "span", "font", "u")
    for el in root.iter("p", "td", "pre", "blockquote", "div", "section", "article", "li", "font", "span"):
        tag = el.tag
        if tag in ("p", "pre", "blockquote"):
            text = fast_text(el)
        else:
            # count only text that sits directly in this element (not in child blocks)
            parts = [el.text or ""]
            for c in el:
                if isinstance(c.tag, str) and c.tag in inline:
                    parts.append("".join(c.itertext()))
                parts.append(c.tail or "")
            text = " ".join("".join(parts).split())
        if len(text) < 25:
            continue
        parent = el if tag not in ("p", "pre", "blockquote", "li") else el.getparent()
        if parent is None:
            continue
        gp = parent.getparent()
        points = 1 + text.count(",") + text.count("，") + min(len(text) / 100.0, 3.0)
        scores[parent] += points
        if gp is not None:
            scores[gp] += points / 2
    best, best_score = None, 0.0
    ranked = sorted(scores.items(), key=lambda kv: -kv[1])[:40]
    body = root.find("body")
    page_chars = len(fast_text(body)) if body is not None else 0
    sizes: dict[Any, int] = {}
    for el, score in ranked:
        if tag_of(el) in ("body", "html") or _in_chrome(el, page_chars, sizes):
            continue
        attrs = attr_tokens(el)
        if is_boilerplate_attr(el):
            score *= 0.2
        elif POSITIVE_RE.search(attrs):
            score *= 1.25
        score *= 1.0 - min(0.9, link_density(el))
        if score > best_score:
            best, best_score = el, score
    return best


def _in_chrome(el: Any, page_chars: int = 0, sizes: dict[Any, int] | None = None) -> bool:
    """Inside the page footer, navigation or a sidebar: never the article.

    A class alone does not make chrome of a box that holds most of the page's text
    ("l-sidebar-fixed" layouts wrap the article itself).
    """
    for node in (el, *el.iterancestors()):
        if tag_of(node) in ("footer", "nav", "aside"):
            return True
        if is_chrome_name(node):
            if not page_chars:
                return True
            size = sizes.get(node) if sizes is not None else None
            if size is None:
                size = len(fast_text(node))
                if sizes is not None:
                    sizes[node] = size
            if size < 0.4 * page_chars:
                return True
    return False


def skip_nodes(container: Any) -> set[Any]:
    """Elements under ``container`` whose text is never article text."""
    skip: set[Any] = set()
    stack = list(reversed(container))
    while stack:
        el = stack.pop()
        if not isinstance(el.tag, str) or el in skip:
            continue
        if _skip_one(el, skip):
            skip.add(el)
        else:
            stack.extend(reversed(el))  # only look inside what is kept
    return skip


def _skip_one(el: Any, skip: set[Any]) -> bool:
    """Whether ``el`` is furniture; may also mark the list that follows a box heading."""
    tag = tag_of(el)
    if tag in DROP_TAGS or tag in ("form", "nav", "aside", "footer", "iframe", "ins", "figure", "video", "audio"):
        return True
    if tag in ("a", "b", "strong", "em", "i", "span", "font", "u", "sup", "sub", "br", "img"):
        return False
    if tag == "blockquote" and not link_density(el) > 0.8:
        return False  # quotes and embedded posts are part of the story
    if is_boilerplate_attr(el):
        return True
    txt: str | None = None  # the element's text, read once for both tests below
    if tag in ("h1", "h2", "h3", "h4", "h5", "h6", "div", "p", "section"):
        head = txt = text_of(el)
        if head and len(head) < 60 and BOX_HEADINGS.match(head):
            nxt = el.getnext()
            if nxt is not None and isinstance(nxt.tag, str) and link_density(nxt) > 0.4:
                skip.add(nxt)
            return True
    if tag in ("ul", "ol", "div", "table", "section", "dl", "p", "li"):
        if txt is None:
            txt = text_of(el)
        # links holding visible text (XPath's ".//a[normalize-space()]", without an XPath call)
        links = [a for a in el.iter("a") if a is not el and "".join(a.itertext()).strip(" \t\n\r")]
        limit = 0.9 if tag == "p" and len(txt) > 150 else 0.6  # a long sentence may link many names
        if txt and link_density(el) > limit and (len(links) >= 2 or len(txt) < 120):
            return True
        first_line = txt[:60]
        if links and BOX_HEADINGS.match(first_line.split(":")[0] + (":" if ":" in first_line else "")):
            return True
    return False


def paragraphs(container: Any, skip: set[Any]) -> list[tuple[str, Any]]:
    """Article paragraphs of the container, furniture removed, stopping at the closing chrome."""
    out: list[tuple[str, Any]] = []
    for text, holder in block_paragraphs(container, skip):
        if STOP_LINES.match(text) and out:
            break
        if FURNITURE_LINES.match(text) or BOX_HEADINGS.match(text):
            continue
        out.append((text, holder))
    return out


def looks_textual(container: Any) -> bool:
    """A container worth trusting: some real sentences, not a list of links."""
    text = text_of(container)
    return len(text) >= 120 and link_density(container) < 0.5


def repeated_teasers(container: Any) -> bool:
    """The container is one of 3+ look-alike sibling boxes that each link a headline: a listing."""
    node = container
    for _ in range(3):
        if node is None:
            return False
        parent = node.getparent()
        if parent is None:
            return False
        key = (node.tag, node.get("class"))
        alike = [
            sib
            for sib in parent
            if isinstance(sib.tag, str) and (sib.tag, sib.get("class")) == key
            and any(len(text_of(a)) >= 20 for a in sib.iter("a"))
        ]
        if len(alike) >= 3:
            return True
        node = parent
    return False


def sibling_chunks(container: Any) -> list[Any]:
    """Other boxes of the same article split into chunks ("article__chunks" layouts): elements
    near the container with its exact tag and class that hold prose."""
    cls = container.get("class")
    if not cls:
        return []
    out: list[Any] = []
    for up in (container.getparent(), container.getparent().getparent() if container.getparent() is not None else None):
        if up is None:
            continue
        for el in up.xpath("./*|./*/*"):
            if el is container or el.tag != container.tag or el.get("class") != cls or el in out:
                continue
            if container in el.iterancestors() or el in container.iterancestors():
                continue
            if len(fast_text(el)) >= 80 and link_density(el) < 0.5:
                out.append(el)
        if out:
            break
    return out


def find_container(page: Page) -> tuple[Any, str]:
    """The body container: selector, known CMS box (unless a much bigger prose box exists), scorer."""
    fallback = None
    best: Any = None
    scored = False
    for el, layer in container_candidates(page):
        if layer == "selector":
            return el, layer
        if looks_textual(el) or len(el.xpath(".//img")) >= 2:
            size = len(fast_text(el))
            if size < 1000:
                # a short known container: make sure the page has no much bigger article box
                if not scored:
                    best, scored = score_container(page.root), True
                if best is not None and el not in best.iterancestors() and len(fast_text(best)) > 3 * max(size, 1):
                    continue
            return el, layer
        if fallback is None and (fast_text(el) or el.xpath(".//img")):
            fallback = (el, layer)
    if not scored:
        best = score_container(page.root)
    if best is not None:
        return best, "generic"
    return fallback or (None, "none")


def find_paragraphs(
    page: Page, container: Any, caps: CaptionResult, layer: str, title: str | None
) -> list[tuple[str, Any]]:
    """Body paragraphs: furniture, title, captions and date lines removed; split chunks joined."""
    if container is None:
        return []
    skip = skip_nodes(container) | caps.nodes
    remove_sel = page.selectors.get("remove")
    if remove_sel:
        skip.update(page.select(remove_sel, within=container))
    if page.headline is not None:
        skip.add(page.headline)
    found = paragraphs(container, skip)
    if layer != "selector":
        for chunk in sibling_chunks(container):
            found += paragraphs(chunk, skip_nodes(chunk) | caps.nodes)
        found.sort(key=lambda ph: page.order(ph[1]))
    title_key = fold_key(title) if title else ""
    cap_keys = set()
    for c in caps.captions:
        for t in (c.text, f"{c.text or ''} Ảnh: {c.credit or ''}", c.credit):
            if t:
                cap_keys.add(fold_key(t))
    out: list[tuple[str, Any]] = []
    for text, holder in found:
        key = fold_key(text)
        if not key or key == title_key or key in cap_keys:
            continue
        if is_date_line(text):
            continue
        out.append((text, holder))
    return out


def count_linked(paragraphs: list[tuple[str, Any]]) -> int:
    """Paragraphs that are wholly a link: headlines of a list page."""
    n = 0
    for text, holder in paragraphs:
        key = fold_key(text)
        if holder.xpath("ancestor-or-self::a") or any(fold_key(text_of(a)) == key for a in holder.iter("a")):
            n += 1
    return n


def count_headline_links(root: Any) -> int:
    """Links with headline-length text anywhere on the page."""
    n = 0
    for a in root.iter("a"):
        t = " ".join("".join(a.itertext()).split())
        if len(t) >= 30 and len(t.split()) >= 5:
            n += 1
    return n


def has_player(page: Page, container: Any) -> bool:
    """A video player in or beside the article: <video>, or an embed iframe."""
    scope = container if container is not None else page.root
    nodes = scope.xpath(".//video | .//iframe | .//*[contains(@class,'video') or contains(@class,'player')]")
    if page.headline is not None and scope is not page.root:
        parent = page.headline.getparent()
        if parent is not None:
            nodes += parent.xpath(".//video | .//iframe[contains(@src,'youtube') or contains(@src,'player')]")
    for n in nodes:
        if tag_of(n) == "video":
            return True
        src = (n.get("src") or n.get("data-src") or "").lower()
        if tag_of(n) == "iframe" and any(k in src for k in ("youtube", "player", "video", "vimeo", ".mp4", "embed")):
            return True
        if tag_of(n) != "iframe" and n.xpath(".//video|.//source|.//iframe"):
            return True
    return False
