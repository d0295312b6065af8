"""Page type: article, video, gallery (these are articles) or home, listing, tag, search, other.

Signals, strongest first: the source's URL patterns, the URL shape (/tag/, /category/, /page/2),
structured metadata (@type, og:type), then the page itself (how much prose, how many headline
links, a player, a run of captioned photos).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import TYPE_CHECKING
from urllib.parse import urlsplit

if TYPE_CHECKING:
    from collections.abc import Callable

    from newsarchive.extract.metadata import Metadata
    from newsarchive.sources import Source

_HOME_PATHS = re.compile(
    r"^/?(?:index\.(?:html?|php|aspx?)|default\.aspx|trang-chu(?:\.html?)?|home)?/?$", re.IGNORECASE
)
_TAG_RE = re.compile(
    r"/(?:tag|tags|tu-khoa|tukhoa|keyword|keywords|chu-de|topic|tag-video)(?:/|-|$)|[?&](?:tag|keyword)=",
    re.IGNORECASE,
)
_SEARCH_RE = re.compile(
    r"/(?:tim-kiem|search|timkiem)(?:/|\.|$|\?)|[?&](?:q|s|keyword|key)=", re.IGNORECASE
)
_LISTING_RE = re.compile(
    r"/(?:category|categories|chuyen-muc|chuyenmuc|danh-muc|the-loai|section)(?:/|$)|/page/\d+/?$|"
    r"[?&](?:page|p|trang|paged)=\d+|/(?:page|trang)-\d+/?$|/p\d+/?$",
    re.IGNORECASE,
)
_LISTING_QUERY_RE = re.compile(r"[?&](?:page|p|trang|paged)=\d+", re.IGNORECASE)
_LISTING_PATH_RE = re.compile(
    r"/(?:category|categories|chuyen-muc|chuyenmuc|danh-muc|the-loai|section)(?:/|$)|/page/\d+/?$|/(?:page|trang)-\d+/?$",
    re.IGNORECASE,
)
_VIDEO_URL_RE = re.compile(
    r"/(?:video|videos|clip|truyen-hinh|tv|media/video|xem-video)(?:/|-|$)", re.IGNORECASE
)
_GALLERY_URL_RE = re.compile(
    r"/(?:gallery|anh|photo|photos|album|phong-su-anh|chum-anh|multimedia/anh|emagazine-anh)(?:/|-|$)",
    re.IGNORECASE,
)
_ARTICLE_URL_RE = re.compile(
    r"(?:-|/)\d{4,}(?:\.html?|\.aspx?|\.htm|\.ldo|\.vov|\.epi|\.tpo)?/?$|\.html?$|\.aspx\?.*id=|/\d{4}/\d{2}/[^/]+/?$",
    re.IGNORECASE,
)


#: A headline this short over a run of teasers is a section label ("Kinh tế", "Tin mới").
_LABEL_WORDS = 5


@dataclass
class PageSignals:
    """What the page itself shows, measured by the orchestrator; the measures that walk the page
    (``measures``: "has_player", "headline_links", "linked_paragraphs", "teaser_blocks",
    "opens_with_link")
    are taken only when a decision asks for them."""

    body_chars: int
    paragraphs: int
    content_images: int
    captions: int
    has_title: bool
    title_words: int = 0  # words in the headline (a section label is short)
    measures: dict[str, Callable[[], int]] = field(default_factory=dict)
    _taken: dict[str, int] = field(default_factory=dict)

    def _measure(self, name: str) -> int:
        if name not in self._taken:
            fn = self.measures.get(name)
            self._taken[name] = fn() if fn is not None else 0
        return self._taken[name]

    @property
    def has_player(self) -> bool:
        """A video player in or beside the article (looked for only when a decision asks)."""
        return bool(self._measure("has_player"))

    @property
    def headline_links(self) -> int:
        """Links with headline-length text on the page (-1: not counted, the URL decided)."""
        return self._measure("headline_links")

    @property
    def linked_paragraphs(self) -> int:
        """Blocks that are wholly a headline link (they are not among the paragraphs)."""
        return self._measure("linked_paragraphs")

    @property
    def teaser_blocks(self) -> int:
        """Look-alike teaser boxes the text sits among or is made of (0: none)."""
        return self._measure("teaser_blocks")

    @property
    def opens_with_link(self) -> bool:
        """The body's first text is a headline linking elsewhere."""
        return bool(self._measure("opens_with_link"))


def url_kind(url: str, source: Source | None) -> str | None:
    """What the URL alone says: 'home', 'tag', 'search', 'listing', 'article' or None."""
    try:
        parts = urlsplit(url)
    except ValueError:
        return None
    if not parts.netloc:
        return None  # no URL to read
    path = parts.path or "/"
    if _HOME_PATHS.match(path) and not parts.query:
        return "home"
    full = path + ("?" + parts.query if parts.query else "")
    if source is not None and source.article_url_pattern:
        try:
            if re.search(source.article_url_pattern, url):
                return "article"
        except re.error:
            pass
    if _SEARCH_RE.search(full):
        return "search"
    if _TAG_RE.search(full):
        return "tag"
    if _LISTING_RE.search(full):
        return "listing"
    if source is not None and source.listing_url_pattern:
        try:
            if re.search(source.listing_url_pattern, url):
                return "listing"
        except re.error:
            pass
    # not matching the source's article pattern is no proof: URL variants (print, AMP, old
    # ASP.NET paths) of real articles exist, so the page content decides
    return None


def classify(
    url: str, source: Source | None, md: Metadata, sig: PageSignals, kind: str | None
) -> str:
    """The page type; article types only when there is a title and some text or media.
    ``kind`` is what :func:`url_kind` says of ``url`` (the caller has asked it already)."""
    if kind in ("home", "tag", "search"):
        return kind
    types = md.jsonld_types
    og_type = (md.get("og:type") or "").lower()
    meta_listing = (
        bool(types & {"collectionpage", "searchresultspage", "itemlist"})
        and md.jsonld_article is None
    )
    meta_article = (
        md.jsonld_article is not None
        or og_type == "article"
        or bool(md.get("article:published_time"))
    )
    is_video = (
        og_type.startswith("video")
        or "videoobject" in types
        # the cheap tests first: the player is looked for only when they hold
        or ((_VIDEO_URL_RE.search(url) is not None or sig.body_chars < 800) and sig.has_player)
    )
    is_gallery = "imagegallery" in types or (
        sig.captions >= 3
        and (sig.body_chars < 220 * sig.captions or _GALLERY_URL_RE.search(url) is not None)
    )
    prose = sig.body_chars >= 300 or (sig.body_chars >= 120 and sig.paragraphs >= 2)
    long_prose = (
        sig.body_chars >= 1500
        and sig.paragraphs >= 4
        and sig.linked_paragraphs <= 0.1 * (sig.paragraphs + sig.linked_paragraphs)
        and sig.teaser_blocks < 3
    )
    if kind == "listing" and not (
        long_prose and _LISTING_QUERY_RE.search(url) and not _LISTING_PATH_RE.search(url)
    ):
        return "listing"
    if meta_listing and not prose:
        return "listing"
    if not sig.has_title:
        return "listing" if sig.headline_links >= 8 else "other"
    claims_article = md.jsonld_article is not None or og_type == "article"
    if (
        kind != "article"
        and sig.teaser_blocks >= 3
        and (not claims_article or sig.teaser_blocks >= 5 or sig.title_words <= _LABEL_WORDS)
    ):
        # section and topic pages declare og:type=article too: their "headline" is a short
        # label over look-alike teasers
        return "listing"
    if (
        kind != "article"
        and sig.opens_with_link
        and (not claims_article or sig.title_words <= _LABEL_WORDS)
    ):
        # a section with one or two stories: its "body" opens with a link to one of them
        return "listing"
    if (
        kind != "article"
        and not meta_article
        and sig.paragraphs + sig.linked_paragraphs >= 3
        and sig.linked_paragraphs >= max(2, 0.3 * (sig.paragraphs + sig.linked_paragraphs))
    ):
        return "listing"
    if is_video and (sig.body_chars > 0 or sig.has_player) and kind != "listing":
        return "video"
    if is_gallery and kind != "listing":
        return "gallery"
    if prose and (
        kind == "article" or meta_article or sig.headline_links < 3 * max(1, sig.paragraphs) + 15
    ):
        return "article"
    if kind == "article" and sig.body_chars >= 80:
        return "article"
    if sig.headline_links >= 8:
        return "listing"
    return "other"
