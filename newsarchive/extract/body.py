"""Main text: find the article container, then keep its paragraphs and drop the furniture.

Container, in order: the source definition's selector, schema.org ``itemprop=articleBody``
(checked against the scorer), then a text-density scorer that needs no names: paragraphs vote
for the boxes that hold them; link lists, the footer imprint, comment threads and boxes in
another column than the headline lose.  Inside the container, related-news boxes (also nested
ones), share bars, ads, forms and the chrome after the body ("Gửi cho bạn bè", "Phản hồi") are
dropped.
"""

from __future__ import annotations

from collections import defaultdict
from typing import TYPE_CHECKING, Any

from lxml import etree

from newsarchive.extract.dates import is_date_line
from newsarchive.extract.furniture import (
    BOX_HEADINGS,
    STOP_LINES,
    is_body_furniture,
    is_feed,
    is_furniture_line,
    is_imprint,
)
from newsarchive.extract.text import (
    all_text,
    block_paragraphs,
    fast_text,
    fold_key,
    link_density,
    short_text,
    text_of,
)
from newsarchive.extract.tree import BLOCK_TAGS, DROP_TAGS, tag_of

if TYPE_CHECKING:
    from collections.abc import Iterator

    from newsarchive.extract.captions import CaptionResult
    from newsarchive.extract.page import Page

#: Share of a block's text in links that costs nothing.
_LINKS_FREE = 0.25
#: The longest text a footer imprint prints.
_IMPRINT_MAX = 1600
#: Longest block read whole to learn it is a comment thread.
_FEED_MAX = 40000
#: Elements that can vote in the scorer: paragraphs, and blocks with text of their own (text in
#: inline wrappers, <span> or <font>, counts for the block around it).
_VOTER_TAGS = ("p", "pre", "blockquote", "td", "div", "section", "article", "li")
_NOT_CONTAINERS = frozenset("p span a li h1 h2 h3 h4 strong em b i".split())
_INLINE = frozenset("a b strong i em span font u".split())
_PARAGRAPHS = frozenset(("p", "pre", "blockquote"))


def container_candidates(page: Page) -> Iterator[tuple[Any, str]]:
    """Containers to try, with the layer that named them: the definition's selector, then
    ``itemprop=articleBody`` (schema.org microdata).

    Class names of common CMSs ("entry-content", "detail-content") were tried here once; the
    scorer finds the same text without them (own pages, dev pages and zyte-dev scored the same
    or better when they were dropped), so names are not asked.
    """
    sel = page.selectors.get("body")
    if sel:
        for el in page.select(sel)[:1]:
            yield el, "selector"
    for el in page.marked:
        if el.get("itemprop") == "articleBody" and el.tag not in _NOT_CONTAINERS:
            yield el, "cms"
            return


def _has_own_text(el: Any) -> bool:
    """Some text in the element itself or an inline child (wrappers of blocks have none)."""
    t = el.text
    if t and len(t) > 3:
        return True
    for c in el:
        tail = c.tail
        if c.tag in _INLINE or (tail and len(tail) > 3):
            return True
    return False


def _own_text(el: Any) -> str:
    """Text that sits in ``el`` itself or its inline children (not in child blocks), with its
    spacing as printed (for measuring)."""
    if not len(el):
        return (el.text or "").strip()
    parts = [el.text or ""]
    for c in el:
        if isinstance(c.tag, str) and c.tag in _INLINE:
            parts.append(all_text(c))
        parts.append(c.tail or "")
    return "".join(parts).strip()


def _in_imprint(el: Any) -> bool:
    """The block, or the small block around it, prints the paper's imprint."""
    for node in (el, el.getparent()):
        if node is not None:
            short = short_text(node, _IMPRINT_MAX)
            if short is not None and is_imprint(short):
                return True
    return False


def _in_feed(page: Page, el: Any) -> bool:
    """The block is, or sits in, a comment thread or feed (items stamped "2 days ago"), below
    the box it shares with the headline."""
    holders = page.headline_ancestors()
    node = el
    for _ in range(6):
        if node is None or node in holders:
            return False
        text = short_text(node, _FEED_MAX)
        if text is None:
            return False
        if is_feed(text):
            return True
        node = node.getparent()
    return False


def _far_from_headline(page: Page, el: Any) -> bool:
    """The block meets the headline only in an ancestor that holds most of the page: it sits in
    another column (a sidebar, a list below the story) - unless the headline is printed above
    every column, when the story's box meets it that high too."""
    holders = page.headline_ancestors()
    node = el.getparent()
    while node is not None and node not in holders:
        node = node.getparent()
    if node is None:
        return False
    first, last = page.span(node)
    return last - first + 1 >= 0.7 * len(page.elements)


def score_container(page: Page) -> Any:
    """Readability-style scoring: paragraphs vote for their parent and grandparent.

    A block that is furniture (by place or name) or prints the footer imprint ("Giấy phép số
    ...", "©") is never the container; a block wholly above the headline scores low.
    """
    scores: dict[Any, float] = defaultdict(float)
    for el in page.root.iter(*_VOTER_TAGS):
        tag = el.tag
        if tag in _PARAGRAPHS:
            text = all_text(el).strip()
        elif _has_own_text(el):
            text = _own_text(el)
        else:
            continue
        if len(text) < 25:
            continue
        # a paragraph, or a block holding no other block (a line written as <div>), votes for
        # the box around it
        leaf = tag in _PARAGRAPHS or tag == "li" or not any(c.tag in BLOCK_TAGS for c in el)
        parent = el.getparent() if leaf else el
        if parent is None:
            continue
        points = 1 + text.count(",") + text.count("，") + min(len(text) / 100.0, 3.0)
        scores[parent] += points
        gp = parent.getparent()
        if gp is not None:
            scores[gp] += points / 2
    best, best_score = None, 0.0
    ranked = sorted(scores.items(), key=lambda kv: -kv[1])[:40]
    headline_pos = page.order(page.headline) if page.headline is not None else -1
    for el, score in ranked:
        if score <= best_score:
            break  # ranked by raw score, which only falls from here: no later block can win
        if tag_of(el) in ("body", "html") or page.in_furniture(el):
            continue
        if _in_imprint(el) or _in_feed(page, el):
            continue  # the footer imprint, a comment thread
        if headline_pos > 0 and el not in page.headline_ancestors():
            last = page.span(el)[1]
            if last < headline_pos:
                score *= 0.3  # wholly above the headline: a teaser or the page header
            elif _far_from_headline(page, el):
                score *= 0.5  # in another column than the headline
        # a few links (a related list the cleaner drops) cost little; a list of links, a lot
        score *= 1.0 - min(0.9, max(0.0, link_density(el) - _LINKS_FREE) / (1 - _LINKS_FREE))
        if score > best_score:
            best, best_score = el, score
    return best


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


_HEADINGS = frozenset("h1 h2 h3 h4 h5 h6".split())
_NOT_TEASERS = frozenset("p span a em strong b i font".split())
_HEADISH = frozenset("h1 h2 h3 h4 h5 h6 div p section".split())
_LISTISH = frozenset("ul ol div table section dl p li".split())
_SKIP_TAGS = frozenset("form nav aside footer iframe ins figure video audio".split())
_KEEP_TAGS = frozenset("a b strong em i span font u sup sub br img".split())


def _skip_one(el: Any, skip: set[Any]) -> bool:
    """Whether ``el`` is furniture; may also mark the list that follows a box heading."""
    tag = tag_of(el)
    if tag in DROP_TAGS or tag in _SKIP_TAGS:
        return True
    if tag in _KEEP_TAGS:
        return False
    if tag == "blockquote" and not link_density(el) > 0.8:
        return False  # quotes and embedded posts are part of the story
    if is_body_furniture(el):
        return True
    has_links = next(el.iter("a"), None) is not None
    if tag in _HEADISH:
        head = short_text(el, 120)  # None: too long to be a heading
        if head and len(head) < 60 and BOX_HEADINGS.match(head):
            nxt = el.getnext()
            if nxt is not None and isinstance(nxt.tag, str) and link_density(nxt) > 0.4:
                skip.add(nxt)
            return True
        if tag[0] == "h" and has_links and link_density(el) > 0.9:
            return True  # a heading that is wholly a link: a teaser or a sign-up prompt
    if not has_links or tag not in _LISTISH:
        return False
    txt = fast_text(el)
    if not txt:
        return False
    # links holding visible text
    linked = [n for n in (len(fast_text(a)) for a in el.iter("a") if a is not el) if n]
    limit = 0.9 if tag == "p" and len(txt) > 150 else 0.6  # a long sentence may link names
    if min(1.0, sum(linked) / len(txt)) > limit and (len(linked) >= 2 or len(txt) < 120):
        return True
    first_line = txt[:60]
    return (
        BOX_HEADINGS.match(first_line.split(":")[0] + (":" if ":" in first_line else ""))
        is not None
    )


def paragraphs(container: Any, skip: set[Any]) -> list[tuple[str, Any]]:
    """Article paragraphs of the container, furniture removed, stopping at the closing chrome."""
    out: list[tuple[str, Any]] = []
    for text, holder in block_paragraphs(container, skip):
        if STOP_LINES.match(text) and out:
            break
        if is_furniture_line(text):
            continue
        out.append((text, holder))
    return out


def looks_textual(container: Any) -> bool:
    """A container worth trusting: some real sentences, not a list of links."""
    text = text_of(container)
    return len(text) >= 120 and link_density(container) < 0.5


def _is_teaser(el: Any) -> bool:
    """A box (not a paragraph) that links a headline: a link of four words or more, in a
    heading, opening the box, or making a sixth of its text (a story's inline link is none)."""
    if el.tag in _NOT_TEASERS:
        return False
    whole: str | None = None
    for a in el.iter("a"):
        text = fast_text(a)
        if len(text) < 20 or text.count(" ") < 3:
            continue
        if any(anc.tag in _HEADINGS for anc in a.iterancestors() if anc is not el):
            return True
        if whole is None:
            whole = fast_text(el)
        if whole.startswith(text) or len(text) >= len(whole) / 6:
            return True
    return False


def opens_with_headline_link(container: Any) -> bool:
    """The container's first text is a heading that is wholly a link of four words or more:
    a teaser (a story's text never opens with a link to another page)."""
    for el in container.iter("h2", "h3", "h4", "h5", "p", "div", "a"):
        text = fast_text(el)
        if not text:
            continue
        if el.tag in _HEADINGS or el.tag == "a":
            links = "".join(fast_text(a) for a in el.iter("a"))
            return len(text) >= 20 and text.count(" ") >= 3 and len(links) >= 0.9 * len(text)
        if el.tag == "p" or not any(c.tag in BLOCK_TAGS for c in el):
            return False  # prose first
    return False


def repeated_teasers(container: Any) -> int:
    """How many look-alike boxes, each linking a headline, make up the container's text or hold
    it (0 when fewer than three): the teasers of a listing.

    The container is one of three or more look-alike sibling boxes, or three or more look-alike
    boxes inside it (children or grandchildren) hold most of its text.
    """
    node = container
    for _ in range(3):
        if node is None:
            break
        parent = node.getparent()
        if parent is None:
            break
        key = (node.tag, node.get("class"))
        alike = [sib for sib in parent if (sib.tag, sib.get("class")) == key]
        if len(alike) >= 3:
            count = sum(1 for sib in alike if _is_teaser(sib))
            if count >= 3:
                return count
        node = parent
    total = len(fast_text(container))
    if not total:
        return 0
    for level in (list(container), [g for c in container for g in c]):
        groups: dict[tuple[str, str | None], list[Any]] = {}
        for el in level:
            if isinstance(el.tag, str):
                groups.setdefault((el.tag, el.get("class")), []).append(el)
        for (tag, _cls), members in groups.items():
            if len(members) < 3 or tag in _NOT_TEASERS:
                continue
            teasers = [m for m in members if _is_teaser(m)]
            if len(teasers) >= 3 and sum(len(fast_text(m)) for m in teasers) >= 0.6 * total:
                return len(teasers)
    return 0


def sibling_chunks(container: Any) -> list[Any]:
    """Other boxes of the same article split into chunks ("article__chunks" layouts): elements
    near the container with its exact tag and class that hold prose."""
    cls = container.get("class")
    parent = container.getparent()
    if not cls or parent is None:
        return []
    out: list[Any] = []
    for up in (parent, parent.getparent()):
        if up is None:
            continue
        for el in _CHILDREN_AND_GRANDCHILDREN(up):
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
    """The body container: selector, microdata box (unless a much bigger prose box exists),
    scorer."""
    fallback = None
    best: Any = None
    scored = False
    for el, layer in container_candidates(page):
        if layer == "selector":
            return el, layer
        if looks_textual(el) or sum(1 for _ in el.iter("img")) >= 2:
            size = len(fast_text(el))
            if size < 1000:
                # a short named container: make sure the page has no much bigger article box
                if not scored:
                    best, scored = score_container(page), True
                if (
                    best is not None
                    and el not in best.iterancestors()
                    and len(fast_text(best)) > 3 * max(size, 1)
                ):
                    continue
            return el, layer
        if fallback is None and (fast_text(el) or next(el.iter("img"), None) is not None):
            fallback = (el, layer)
    if not scored:
        best = score_container(page)
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
        if not key or key == title_key or key in cap_keys or is_date_line(text):
            continue
        out.append((text, holder))
    return out


def count_linked(container: Any) -> int:
    """Blocks in the container that are wholly a link with headline-length text: the
    headlines of a list page (they are not body text, so the paragraphs do not hold them)."""
    if container is None:
        return 0
    n = 0
    for el in container.iter("h2", "h3", "h4", "h5", "p", "li"):
        text = fast_text(el)
        if len(text) >= 20 and link_density(el) >= 0.9:
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


_PLAYERS = etree.XPath(
    ".//video | .//iframe | .//*[contains(@class,'video') or contains(@class,'player')]"
)
_PLAYERS_BESIDE = etree.XPath(
    ".//video | .//iframe[contains(@src,'youtube') or contains(@src,'player')]"
)
_CHILDREN_AND_GRANDCHILDREN = etree.XPath("./*|./*/*")
_PLAYER_SRC = ("youtube", "player", "video", "vimeo", ".mp4", "embed")


def has_player(page: Page, container: Any) -> bool:
    """A video player in or beside the article: <video>, or an embed iframe."""
    scope = container if container is not None else page.root
    nodes = _PLAYERS(scope)
    if page.headline is not None and scope is not page.root:
        parent = page.headline.getparent()
        if parent is not None:
            nodes += _PLAYERS_BESIDE(parent)
    for n in nodes:
        tag = tag_of(n)
        if tag == "video":
            return True
        src = (n.get("src") or n.get("data-src") or "").lower()
        if tag == "iframe" and any(k in src for k in _PLAYER_SRC):
            return True
        if tag != "iframe" and next(n.iter("video", "source", "iframe"), None) is not None:
            return True
    return False
