"""Page furniture: what is never article text (related lists, sharing bars, ads, comments,
menus, the header clock, the footer imprint) - by the words sites name it with and by the lines
it prints.

``FURNITURE_NAMES`` is the one list of class/id words.  Names are hints only: a site may call
its blocks anything, so every caller also has a test that needs no name (link density,
position, the printed words below), and a named block that holds most of the page's text is
never furniture.
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import Any

from newsarchive.extract.text import attr_tokens, fast_text, link_density, short_text
from newsarchive.extract.tree import tag_of

#: Class/id words for furniture, by kind.  Substrings of a name token: Vietnamese templates glue
#: words together ("boxtinlienquan", "tin-khac").  Every word is common across CMSs and papers
#: (WordPress, NukeViet, Joomla, Blogger, the provincial families of the registry evidence).
FURNITURE_NAMES: dict[str, tuple[str, ...]] = {
    "related": (
        "related",
        "relate",
        "lienquan",
        "lien-quan",
        "lien_quan",
        "tinkhac",
        "tin-khac",
        "othernews",
        "other-news",
        "morenews",
        "more-news",
        "xemthem",
        "xem-them",
        "readmore",
        "read-more",
        "recommend",
        "cungchuyenmuc",
        "cung-chuyen-muc",
    ),
    "popular": (
        "xemnhieu",
        "xem-nhieu",
        "docnhieu",
        "doc-nhieu",
        "mostview",
        "most-view",
        "mostread",
        "most-read",
        "popular",
        "trending",
        "tinmoi",
        "tin-moi",
        "latest",
        "noibat",
        "noi-bat",
        "tieudiem",
        "tieu-diem",
    ),
    "sharing": (
        "share",
        "social",
        "sharing",
        "chiase",
        "chia-se",
        "facebook",
        "zalo",
        "twitter",
        "print",
        "sendmail",
        "send-mail",
        "toolbar",
        "rating",
        "bookmark",
    ),
    "ads": ("advert", "banner", "quangcao", "quang-cao", "sponsor", "outbrain", "taboola"),
    "comments": (
        "comment",
        "binhluan",
        "binh-luan",
        "feedback",
        "phanhoi",
        "phan-hoi",
        "disqus",
        "guibai",
    ),
    "navigation": ("menu", "navbar", "navigation", "breadcrumb", "pagination", "paging"),
    "chrome": (
        "footer",
        "sidebar",
        "widget",
        "copyright",
        "topbar",
        "top-bar",
        "header-top",
        "top-header",
        "cookie",
        "consent",
        "gdpr",
        "newsletter",
        "subscribe",
        "popup",
        "modal",
    ),
    "clock": (
        "clock",
        "today",
        "current-date",
        "currentdate",
        "date-now",
        "time-now",
        "weather",
        "thoitiet",
        "calendar",
        "marquee",
    ),
    "article-meta": ("author-box", "tag-list", "taglist", "keyword", "tu-khoa", "tukhoa"),
}
#: Whole tokens (after splitting on - and _) that are furniture words only on their own
#: ("ad" inside "header" is not an ad).
FURNITURE_TOKENS: dict[str, frozenset[str]] = {
    "ads": frozenset({"ads", "ad", "adv", "qc"}),
    "navigation": frozenset({"nav"}),
    "chrome": frozenset({"foot"}),
    "article-meta": frozenset(
        {
            "tags",
            "tag",
            "meta",
            "byline",
            "author",
            "date",
            "time",
            "tool",
            "tools",
            "header",
            "hidden",
            "hide",
            "login",
            "search",
        }
    ),
}
#: Boxes beside the article: never its date, byline, headline or photos.
REGION_KINDS = ("related", "popular", "ads", "comments", "navigation", "chrome", "clock")
#: Everything a body container may hold that is not article text.
BODY_KINDS = (*REGION_KINDS, "sharing", "article-meta")

#: Words that make a name a layout wrapper ("content-with-sidebar-wrp", "elementor-widget-
#: container"), not furniture - unless a strong furniture word is in it too.
_WRAPPER_RE = re.compile(
    r"content|main|article|post|entry|wrap|wrp|container|inner|body|page|layout|with|has-|story",
    re.IGNORECASE,
)
#: Furniture words that stay furniture inside a wrapper-like name ("related-posts-wrap").
_STRONG_WORDS = (
    "related",
    "relate",
    "lienquan",
    "lien-quan",
    "tinkhac",
    "tin-khac",
    "othernews",
    "other-news",
    "xemnhieu",
    "xem-nhieu",
    "share",
    "social",
    "comment",
    "advert",
    "quangcao",
    "banner",
)
_TOKEN_SPLIT = re.compile(r"[\s_\-]+")
#: Names saying "this is the content", for the scorer's small bonus.
POSITIVE_RE = re.compile(
    r"article|content|entry|body|detail|chitiet|noidung|post|story|main|text|news-?body|fulltext",
    re.IGNORECASE,
)


def _compile(kinds: tuple[str, ...]) -> tuple[re.Pattern[str], re.Pattern[str], frozenset[str]]:
    words = [w for k in kinds for w in FURNITURE_NAMES.get(k, ())]
    strong = [w for w in _STRONG_WORDS if w in words]
    tokens = frozenset(t for k in kinds for t in FURNITURE_TOKENS.get(k, ()))
    any_re = re.compile("|".join(map(re.escape, words)))
    strong_re = re.compile("|".join(map(re.escape, strong)) or r"(?!)")
    return any_re, strong_re, tokens


_REGION = _compile(REGION_KINDS)
_BODY = _compile(BODY_KINDS)


def furniture_name(el: Any, kinds: tuple[str, ...] = BODY_KINDS) -> bool:
    """The element's class or id names furniture of one of ``kinds`` (a hint, see above)."""
    if tag_of(el) in ("body", "html"):
        return False
    low = attr_tokens(el).strip()
    if not low:
        return False
    return furniture_names(low, kinds)


@lru_cache(maxsize=4096)
def furniture_names(low: str, kinds: tuple[str, ...]) -> bool:
    """``furniture_name`` for one lower-cased "class id" string: a page repeats its names, each
    is read once (the extractor clears this per page, like the other caches)."""
    any_re, strong_re, tokens = (
        _REGION if kinds == REGION_KINDS else (_BODY if kinds == BODY_KINDS else _compile(kinds))
    )
    for token in low.split():
        if any_re.search(token) and (not _WRAPPER_RE.search(token) or strong_re.search(token)):
            return True
    return bool(tokens) and not tokens.isdisjoint(_TOKEN_SPLIT.split(low))


def is_region_furniture(el: Any) -> bool:
    """Named as a box beside the article (related, popular, menus, footer, clock, ads)."""
    return furniture_name(el, REGION_KINDS)


def is_body_furniture(el: Any) -> bool:
    """Named as furniture inside a body container; a big box of real prose never is."""
    if not furniture_name(el, BODY_KINDS):
        return False
    if POSITIVE_RE.search(attr_tokens(el)) and tag_of(el) not in (
        "ul",
        "ol",
        "nav",
        "aside",
        "footer",
    ):
        # "content share-enabled" wrapping the whole story
        if len(fast_text(el)) > 1500 and link_density(el) < 0.25:
            return False
    return True


# --- furniture by the words it prints ------------------------------------------------------

#: Headings of boxes that are never article text (dropped with the box they head).
BOX_HEADINGS = re.compile(
    r"^(tin|bài)\s+(liên\s+quan|cùng\s+chuyên\s+mục|khác|mới|đọc\s+nhiều|xem\s+nhiều|nổi\s+bật|"
    r"cùng\s+chủ\s+đề|mới\s+nhất|mới\s+cập\s+nhật|cũ\s+hơn|đã\s+đưa)|^(xem\s+nhiều(\s+nhất)?|"
    r"đọc\s+nhiều(\s+nhất)?|những\s+tin\s+(cũ\s+hơn|mới\s+hơn|khác)|các\s+tin\s+(khác|đã\s+đưa)|"
    r"bài\s+viết\s+liên\s+quan|có\s+thể\s+bạn\s+quan\s+tâm|đọc\s+thêm|xem\s+thêm|"
    r"cùng\s+chuyên\s+mục|tin\s+cùng\s+loại|bài\s+cùng\s+chuyên\s+mục|"
    r"tin\s+tức\s+liên\s+quan|chuyên\s+mục\s+khác|related(\s+(articles|posts|stories|news))?|"
    r"more\s+(stories|news|from\s+.{1,30})|read\s+more|tags?|từ\s+khóa|từ\s+khoá)\s*[:.]?$"
    r"|^(?:\d+\s+)?(?:nhận\s+xét|bình\s+luận|ý\s+kiến(\s+bạn\s+đọc)?|comments?|responses?)"
    r"\s*(?:\(\d+\))?\s*:?$",
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
#: Short lines that are sharing/printing/ad furniture, wherever they sit.
FURNITURE_LINES = re.compile(
    r"^(chia\s+sẻ|share|facebook|zalo|twitter|tweet|in\s+bài|print|lưu|lưu\s+bài|email|"
    r"gửi\s+email|cỡ\s+chữ|a\s*[-+]?\s*a\s*[-+]?|quảng\s+cáo|advertisement|sponsored|"
    r"theo\s+dõi\s+.{0,40}\s+trên\s+google\s+news|nghe\s+bài\s+viết|đọc\s+bài\s+viết|"
    r"\d+\s+lượt\s+xem|lượt\s+xem\s*:?\s*\d+|bình\s+chọn|thích|like|copy\s+link|"
    r"sao\s+chép\s+liên\s+kết|comments?|\d+\s+comments?|leave\s+a\s+(?:comment|reply))\s*[:.!]?$",
    re.IGNORECASE,
)
#: A paid notice printed inside the text column ("Quảng cáo: ...").
AD_LINE = re.compile(
    r"^(?:quảng\s+cáo|advertisement|sponsored|tài\s+trợ)\s*[:\-–]\s*\S", re.IGNORECASE
)
#: The paper's imprint in the page footer: licence, editor-in-chief, address, copyright.
IMPRINT_LINE = re.compile(
    r"giấy\s+phép|\bGP\s*[-/]|tổng\s+biên\s+tập|phó\s+tổng\s+biên|"
    r"cơ\s+quan\s+(?:chủ\s+quản|của\s+(?:đảng|tỉnh|ủy|ubnd|hội)|ngôn\s+luận)|"
    r"bản\s+quyền|©|copyright|all\s+rights\s+reserved|ghi\s+rõ\s+nguồn|"
    r"địa\s+chỉ\s*:|điện\s+thoại\s*:|đường\s+dây\s+nóng|hotline\s*:",
    re.IGNORECASE,
)


_NOT_HEADINGS = frozenset("ul ol li table tr td img figure a form".split())
_TAGS_HEADING = re.compile(r"^(?:tags?|từ\s+khóa|từ\s+khoá)\s*:?$", re.IGNORECASE)


def headed_as_furniture(el: Any) -> bool:
    """The block opens with a box heading ("Tin liên quan", "2 nhận xét:"): related news,
    comments or tags, whatever the block is named."""
    if len(el) < 2:
        return False
    for child in el:
        if not isinstance(child.tag, str):
            continue
        if len(child) > 3 or tag_of(child) in _NOT_HEADINGS:
            return False  # a heading is a small element
        text = short_text(child, 120)
        if text is None:
            return False  # too long for a heading
        if not text:
            continue
        if len(text) >= 60 or _TAGS_HEADING.match(text):
            return False  # the article's own tag box is part of it
        return BOX_HEADINGS.match(text) is not None
    return False


#: A time printed relative to now ("2 days ago", "3 giờ trước"): comments and feeds print one per
#: item; a story does not.
RELATIVE_TIME = re.compile(
    r"\b\d+\s+(?:(?:seconds?|minutes?|mins?|hours?|hrs?|days?|weeks?|months?|years?)\s+ago|"
    r"(?:giây|phút|giờ|tiếng|ngày|tuần|tháng|năm)\s+trước)\b",
    re.IGNORECASE,
)


def is_feed(text: str) -> bool:
    """Text of a comment thread or a feed: two or more items stamped with a relative time."""
    low = text.lower()
    if "ago" not in low and "trước" not in low:
        return False  # every stamp ends in one of them: no regex pass over a long text
    return len(RELATIVE_TIME.findall(text)) >= 2


#: Every IMPRINT_LINE match holds one of these, once the text is lower-cased and its spaces
#: squeezed to one; the case-blind regex also matches "ı", "ſ" and "İ" where the pattern writes
#: "i" or "s" (which lower() does not map there), so a text holding one is always read whole.
_IMPRINT_WORDS = (
    "giấy phép",
    "gp",
    "tổng biên",
    "cơ quan",
    "bản quyền",
    "©",
    "copyright",
    "all rights",
    "ghi rõ",
    "địa chỉ",
    "điện thoại",
    "đường dây",
    "hotline",
)
_CASE_ODD = ("ı", "ſ", "İ")


def _imprint_bound(text: str) -> int:
    """At least the number of IMPRINT_LINE matches in ``text`` (the case-blind regex is slow
    over a long text; plain substring counts are not): disjoint matches hold disjoint words."""
    if any(c in text for c in _CASE_ODD):
        return len(text)
    low = " ".join(text.lower().split())
    return sum(low.count(w) for w in _IMPRINT_WORDS)


def holds_imprint_line(text: str) -> bool:
    """``IMPRINT_LINE.search(text)``, answered without the regex when no imprint word is in it."""
    return _imprint_bound(text) >= 1 and IMPRINT_LINE.search(text) is not None


def is_imprint(text: str) -> bool:
    """A block that prints the paper's imprint (two or more imprint lines in little text)."""
    return len(text) < 800 and _imprint_bound(text) >= 2 and len(IMPRINT_LINE.findall(text)) >= 2


#: A line made only of sharing and printing words ("Facebook Twitter In", "Chia sẻ: Zalo | Email").
SHARE_BAR = re.compile(
    r"^(?:(?:chia\s+sẻ|share|facebook|zalo|twitter|tweet|linkedin|telegram|messenger|x|in|"
    r"in\s+bài|print|email|e-mail|gửi|gửi\s+email|lưu|copy\s+link|sao\s+chép)\s*[:|,/·-]?\s*){2,}$",
    re.IGNORECASE,
)


def is_furniture_line(text: str) -> bool:
    """A short printed line that is furniture wherever it sits (share bar, ad, box heading)."""
    return bool(
        FURNITURE_LINES.match(text)
        or BOX_HEADINGS.match(text)
        or AD_LINE.match(text)
        or (len(text) < 80 and SHARE_BAR.match(text))
    )
