"""The one schema every stage shares: extraction fills it, pipelines clean it, the archive
stores it.

Field meanings are the contract in DESIGN.md; every stage and every test relies on them.
Items are dataclasses, which Scrapy handles through itemadapter.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import Any

#: Page types the extractor distinguishes.  Only ARTICLE_TYPES produce archive rows.
PAGE_TYPES = ("article", "video", "gallery", "listing", "tag", "home", "search", "other")
ARTICLE_TYPES = frozenset({"article", "video", "gallery"})

#: Where ``published`` was read from, strongest first.
DATE_SOURCES = ("selector", "jsonld", "meta", "page", "url")


@dataclass
class Caption:
    """One image with its caption, in page order.  "Ảnh: X" goes to ``credit``, not ``text``."""

    text: str | None
    image_url: str | None = None
    credit: str | None = None


@dataclass
class Article:
    """An extracted article.  ``published`` is ISO 8601 (+07:00 with a time, or YYYY-MM-DD)."""

    url: str
    source: str | None
    title: str
    body: str
    sapo: str | None = None
    captions: list[Caption] = field(default_factory=list)
    #: Photos in the article with no caption of their own, in page order: uncaptioned ones and
    #: the other photos of a group one caption serves (that caption's photo is in captions).
    photos: list[str] = field(default_factory=list)
    published: str | None = None
    modified: str | None = None
    author: str | None = None
    credit: str | None = None
    category: str | None = None
    tags: list[str] = field(default_factory=list)
    date_from: str | None = None
    date_raw: str | None = None
    page_type: str = "article"
    language: str = "vi"
    #: Null for a complete article, else why it is thin (short_body, lead_only, no_title): such
    #: pages are archived with the flag, never dropped (set by the validate pipeline).
    quality: str | None = None
    # Set by the crawler (not by extraction): what was fetched, when, and where the raw capture is.
    fetched_url: str | None = None
    fetched_at: str | None = None
    http_status: int | None = None
    warc_file: str | None = None
    warc_offset: int | None = None
    content_digest: str | None = None
    capture_id: int | None = None

    def to_dict(self) -> dict[str, Any]:
        """Plain JSON-ready dict (captions as dicts)."""
        return asdict(self)

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Article:
        """Inverse of :meth:`to_dict`; unknown keys are ignored."""
        known = {f for f in cls.__dataclass_fields__}
        values = {k: v for k, v in data.items() if k in known}
        values["captions"] = [
            c if isinstance(c, Caption) else Caption(**c) for c in values.get("captions") or []
        ]
        values["tags"] = list(values.get("tags") or [])
        return cls(**values)


@dataclass
class ExtractResult:
    """What ``extract()`` returns: the page type, and the article when the page is one."""

    page_type: str
    article: Article | None = None
    #: Which layer produced each field, e.g. {"title": "jsonld", "body": "selector"}.
    provenance: dict[str, str] = field(default_factory=dict)

    @property
    def is_article(self) -> bool:
        return self.article is not None and self.page_type in ARTICLE_TYPES
