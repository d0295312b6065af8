"""Page furniture: what is never article text (related lists, sharing, ads, comments, menus).

TEMPORARY: the three lists of the old extractor, moved here unchanged; unified next.
"""

from __future__ import annotations

import re
from typing import Any

from newsarchive.extract.text import attr_tokens, fast_text, link_density
from newsarchive.extract.tree import tag_of

_REGION_EXCLUDE_RE = re.compile(
    r"related|relate|lienquan|lien-quan|lien_quan|sidebar|footer|xemnhieu|xem-nhieu|mostview|most-view|"
    r"popular|tinmoi|tin-moi|latest|widget|comment|menu|navbar|clock|today|topbar|top-bar|header-top|"
    r"top-header|tinkhac|tin-khac|other|banner|marquee|weather|thoitiet|calendar|lich|box-news|"
    r"newslist|news-list|list-news|listnews|tieudiem|tin-noi-bat|noibat",
    re.IGNORECASE,
)

_NEG_SUBSTR = (
    "related", "relate", "lienquan", "lien-quan", "lien_quan", "tinkhac", "tin-khac", "othernews",
    "other-news", "morenews", "more-news", "xemthem", "xem-them", "xemnhieu", "xem-nhieu", "mostview",
    "most-view", "mostread", "most-read", "popular", "share", "social", "sharing", "chiase", "chia-se",
    "facebook", "zalo", "twitter", "advert", "banner", "quangcao", "quang-cao", "comment", "binhluan",
    "binh-luan", "feedback", "phanhoi", "phan-hoi", "breadcrumb", "pagination", "paging", "newsletter",
    "subscribe", "sidebar", "footer", "toolbar", "rating", "author-box", "tag-list", "taglist",
    "keyword", "tu-khoa", "tukhoa", "print", "widget", "sponsor", "readmore", "read-more", "tinmoi",
    "tin-moi", "latest", "navigation", "sendmail", "send-mail", "guibai",
)
_NEG_TOKENS = frozenset(
    "ads ad adv qc tags tag nav menu meta tool tools hidden hide header byline author date time "
    "clock modal popup cookie login search share-bar".split()
)
POSITIVE_RE = re.compile(
    r"article|content|entry|body|detail|chitiet|noidung|post|story|main|text|news-?body|fulltext",
    re.IGNORECASE,
)
_TOKEN_SPLIT = re.compile(r"[\s_\-]+")
_INNER_RE = re.compile(r"container|wrap|inner|content|body|entry|post|article|main|text", re.IGNORECASE)
_STRONG_NEG = ("related", "relate", "lienquan", "lien-quan", "share", "social", "comment", "advert", "quangcao",
               "banner", "xemnhieu", "xem-nhieu", "tinkhac", "tin-khac", "othernews", "other-news")

_CHROME_RE = re.compile(
    r"footer|sidebar|navbar|menu|copyright|company_info|bottom|cookie|consent|gdpr|comment|disqus|"
    r"newsletter|subscribe|popup|modal|related|recommend|trending|most-?popular|outbrain|taboola",
    re.IGNORECASE,
)
#: Words that make a class a layout wrapper around content, not chrome ("content-with-sidebar-wrp").
_WRAPPER_RE = re.compile(r"content|main|article|post|entry|wrap|wrp|container|body|page|layout|with|has-|story", re.IGNORECASE)


def is_boilerplate_attr(el: Any) -> bool:
    """Class/id says the element is related news, sharing, ads, comments, tags or navigation."""
    attrs = attr_tokens(el).strip()
    if not attrs:
        return False
    hit = False
    for token in attrs.split():
        if any(s in token for s in _NEG_SUBSTR):
            # "elementor-widget-container" is a wrapper; "related-posts-wrap" is still related news
            if _INNER_RE.search(token) and not any(s in token for s in _STRONG_NEG):
                continue
            hit = True
            break
    if hit:
        # a big wrapper of real prose ("content share-enabled") is not furniture
        if POSITIVE_RE.search(attrs) and tag_of(el) not in ("ul", "ol", "nav", "aside", "footer"):
            text = fast_text(el)
            if len(text) > 1500 and link_density(el) < 0.25:
                return False
        return True
    tokens = set(_TOKEN_SPLIT.split(attrs))
    return bool(tokens & _NEG_TOKENS)


def class_says(el: Any, pattern: re.Pattern[str]) -> bool:
    """One of the element's class/id tokens matches ``pattern`` and is not a layout wrapper."""
    if tag_of(el) in ("body", "html"):
        return False
    for token in attr_tokens(el).split():
        if pattern.search(token) and not _WRAPPER_RE.search(token):
            return True
    return False


def is_region_furniture(el: Any) -> bool:
    return class_says(el, _REGION_EXCLUDE_RE)


def is_chrome_name(el: Any) -> bool:
    return class_says(el, _CHROME_RE)
