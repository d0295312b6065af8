"""The mirror's data model: a site is a map from path to a ready-rendered page, plus its truth.

Pages are rendered once, up front, so the server only looks bytes up; tests and benchmarks
score extraction against ``Site.truth``.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from collections.abc import Callable


@dataclass
class Page:
    """One HTTP answer: bytes, type, status, extra headers, and an optional delay (fault pages)."""

    body: bytes
    content_type: str = "text/html; charset=utf-8"
    status: int = 200
    headers: dict[str, str] = field(default_factory=dict)
    delay: float = 0.0  # seconds to sleep before answering (fault pages; the server uses its
    # own slow_seconds for any page with a positive delay)
    fail_first: int = 0  # answer the first N requests with 503 + Retry-After: 1 (fault pages)
    reset: bool = False  # drop the connection without answering (fault pages)
    #: Builds the body on first use (photos are generated lazily); ``body`` is then ignored.
    make: Callable[[], bytes] | None = field(default=None, repr=False)

    def data(self) -> bytes:
        """The body to send (built now when the page is lazy)."""
        return self.make() if self.make is not None else self.body


@dataclass
class Site:
    """One mirrored paper, served under its real host name."""

    source_id: str
    host: str  # "baodienbienphu.info.vn"
    scheme: str  # "https"
    pages: dict[
        str, Page
    ]  # key: path plus query, e.g. "/", "/chuyen-muc/thoi-su?page=2", "/robots.txt"
    truth: list[dict[str, Any]]  # one record per article page and per notable non-article page
    #: Other hosts the paper answers on, each with its own pages: a JSON API host, a photo CDN,
    #: an old domain kept up after a merger.  Keys are host names (no www.).
    hosts: dict[str, dict[str, Page]] = field(default_factory=dict)
    #: Answer 403 to requests without browser-like headers (a User-Agent starting "Mozilla/"
    #: and an Accept-Language), as hanoimoi.vn does (registry-evidence RE109).
    browser_only: bool = False

    @property
    def base_url(self) -> str:
        """``https://host`` — the prefix of every real URL on this site."""
        return f"{self.scheme}://{self.host}"

    def url(self, path: str) -> str:
        """The real absolute URL of a page key."""
        return self.base_url + path

    def all_hosts(self) -> dict[str, dict[str, Page]]:
        """Every host this site answers on, its main host first."""
        return {self.host: self.pages, **self.hosts}

    def articles(self) -> list[dict[str, Any]]:
        """Truth records of the article pages (galleries and videos included; faults excluded)."""
        return [t for t in self.truth if t.get("is_article") and not t.get("fault")]
