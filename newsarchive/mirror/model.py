"""The mirror's data model: a site is a map from path to a ready-rendered page, plus its truth.

Pages are rendered once, up front, so the server only looks bytes up; tests and benchmarks
score extraction against ``Site.truth``.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any


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

    @property
    def base_url(self) -> str:
        """``https://host`` — the prefix of every real URL on this site."""
        return f"{self.scheme}://{self.host}"

    def url(self, path: str) -> str:
        """The real absolute URL of a page key."""
        return self.base_url + path

    def articles(self) -> list[dict[str, Any]]:
        """Truth records of the article pages (galleries and videos included; faults excluded)."""
        return [t for t in self.truth if t.get("is_article") and not t.get("fault")]
