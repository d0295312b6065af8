"""Writing one article into the archive: its row, captions, version, search index and sketch.

:func:`write_article` runs inside the caller's transaction (``Archive.store_article``), so a
crawl killed mid-write leaves either the whole article or none of it.  What a reader sees
(title, lead, body, caption texts and credits) is hashed: a change adds a version; a change of
metadata only (dates, author, category, ...) updates the row and the current version.
"""

from __future__ import annotations

import hashlib
import json
import logging
import re
import unicodedata
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import TYPE_CHECKING, Any

from newsarchive.archive.fts import facets, index_article, update_facets
from newsarchive.archive.fts import reindex_article as _reindex
from newsarchive.archive.neardup import (
    find_near_duplicate,
    lookup,
    sketch_folded,
    sketch_text,
    store_sketch,
    story_root,
)
from newsarchive.archive.photos import replace_photos
from newsarchive.vietnamese import fold

if TYPE_CHECKING:
    import sqlite3

    from newsarchive.items import Article

logger = logging.getLogger(__name__)

_DAY_RE = re.compile(r"^\d{4}-\d{2}-\d{2}")
#: Article fields that can change without making a new version (not part of the content hash).
META_FIELDS = (
    "source",
    "published",
    "published_day",
    "modified",
    "author",
    "credit",
    "category",
    "tags",
    "date_from",
    "date_raw",
    "page_type",
    "language",
    "quality",
)
#: Above every article id: "archived before" bound for an article not inserted yet.
_NO_ID_YET = 1 << 62

#: json.dumps(..., ensure_ascii=False) builds a new encoder per call; one shared encoder gives
#: the same text for the three dumps of every stored article, a few µs cheaper each.
to_json = json.JSONEncoder(ensure_ascii=False).encode

Captions = list[tuple[str | None, str | None, str | None]]  # (text, image_url, credit)


def utc_now() -> str:
    """Timestamps the archive writes itself: ISO 8601, UTC, seconds."""
    return datetime.now(UTC).isoformat(timespec="seconds")


def nfc(text: str | None) -> str | None:
    if text is None or unicodedata.is_normalized("NFC", text):
        return text
    return unicodedata.normalize("NFC", text)


def content_hash(
    title: str | None,
    sapo: str | None,
    body: str | None,
    captions: list[tuple[str | None, str | None]],
) -> str:
    """sha256 over what a reader sees: title, lead, body, caption texts and credits.

    Image URLs are left out on purpose: CDNs rewrite them without the article changing.
    """
    payload = to_json([title or "", sapo or "", body or "", captions])
    return hashlib.sha256(payload.encode("utf-8")).hexdigest()


def published_day(published: str | None) -> str | None:
    """YYYY-MM-DD of an ISO published value (its local date: +07:00 times stay on their day)."""
    if published and _DAY_RE.match(published):
        return published[:10]
    return None


@dataclass(frozen=True)
class Content:
    """An article's values as the archive stores them: NFC text, hashed, with its metadata."""

    article: Article
    title: str | None
    sapo: str | None
    body: str | None
    captions: Captions
    captions_json: str
    hash: str
    now: str
    meta: dict[str, Any]
    word_count: int

    @classmethod
    def of(cls, a: Article) -> Content:
        title, sapo, body = nfc(a.title), nfc(a.sapo), nfc(a.body)
        caps = [(nfc(c.text), c.image_url, nfc(c.credit)) for c in a.captions]
        meta = {
            "source": a.source,
            "published": a.published,
            "published_day": published_day(a.published),
            "modified": a.modified,
            "author": nfc(a.author),
            "credit": nfc(a.credit),
            "category": nfc(a.category),
            "tags": to_json([nfc(t) for t in a.tags]),
            "date_from": a.date_from,
            "date_raw": nfc(a.date_raw),
            "page_type": a.page_type,
            "language": a.language,
            "quality": a.quality,
        }
        return cls(
            article=a,
            title=title,
            sapo=sapo,
            body=body,
            captions=caps,
            captions_json=to_json([{"text": t, "image_url": u, "credit": cr}
                                   for t, u, cr in caps]),
            hash=content_hash(title, sapo, body, [(t, cr) for t, _, cr in caps]),
            now=a.fetched_at or utc_now(),
            meta=meta,
            word_count=len(f"{sapo or ''} {body or ''}".split()),
        )

    @property
    def facets(self) -> str:
        """The index's filter tokens for this metadata (fts.facets)."""
        return facets(self.meta["source"], self.meta["category"], self.meta["published_day"])

    def texts(self) -> tuple[str, str, str]:
        """(searchable text, its fold, fold of lead + body): each character folded once.

        The searchable text is lead + body, then the captions (fts.article_text); fold() maps
        text split at a line break piece by piece, so the lead + body fold is a prefix of it.
        """
        lead = sketch_text(self.sapo, self.body)
        caps = "\n\n".join(t for t, _, _ in self.captions if t)
        lead_fold, caps_fold = fold(lead), fold(caps)
        if lead and caps:
            return f"{lead}\n\n{caps}", f"{lead_fold}\n\n{caps_fold}", lead_fold
        return lead or caps, lead_fold or caps_fold, lead_fold


def write_article(conn: sqlite3.Connection, c: Content, capture_id: int | None) -> str:
    """Insert or update one article: "new", "updated" (content or metadata) or "unchanged"."""
    a = c.article
    replace_photos(conn, a.url, a.photos)
    row = conn.execute(
        f"SELECT id, content_hash, version, gone_at, {', '.join(META_FIELDS)} "
        "FROM articles WHERE url = ?",
        (a.url,),
    ).fetchone()
    if row is None:
        _insert(conn, c, capture_id)
        return "new"
    article_id, old_hash, version, gone_at = row[0], row[1], row[2] or 1, row[3]
    if old_hash != c.hash:
        _new_version(conn, c, article_id, version + 1, capture_id)
        return "updated"
    conn.execute("UPDATE articles SET last_seen = ?, gone_at = NULL WHERE id = ?",
                 (c.now, article_id))
    conn.execute(
        "UPDATE article_versions SET last_fetched = ? WHERE article_id = ? AND version = ?",
        (c.now, article_id, version),
    )
    old_meta = dict(zip(META_FIELDS, row[4:], strict=True))
    changed = {k: v for k, v in c.meta.items() if old_meta[k] != v}
    if not changed:
        if gone_at:
            logger.info("article is back after being gone: %s", a.url)
        return "unchanged"
    _update_meta(conn, c, article_id, version, changed)
    return "updated"


def _update_meta(conn: sqlite3.Connection, c: Content, article_id: int, version: int,
                 changed: dict[str, Any]) -> None:
    """Same content, new metadata: the row and its current version, not a new version."""
    sets = ", ".join(f"{k} = ?" for k in changed)
    conn.execute(f"UPDATE articles SET {sets} WHERE id = ?", [*changed.values(), article_id])
    if changed.keys() & {"source", "category", "published_day"}:
        update_facets(conn, article_id, c.facets)
    conn.execute(
        "UPDATE article_versions SET published = ?, modified = ?, author = ?, credit = ? "
        "WHERE article_id = ? AND version = ?",
        (c.meta["published"], c.meta["modified"], c.meta["author"], c.meta["credit"],
         article_id, version),
    )


def _insert(conn: sqlite3.Connection, c: Content, capture_id: int | None) -> int:
    a = c.article
    text, text_fold, lead_fold = c.texts()
    sk = sketch_folded(lead_fold)
    hits = lookup(conn, sk) if sk else []
    dup = duplicate_of(conn, c.hash, sk, hits, a.source, _NO_ID_YET)
    cols = ", ".join(c.meta)
    cur = conn.execute(
        f"INSERT INTO articles (url, title, sapo, body, {cols}, image_count, word_count, "
        "content_hash, first_seen, last_seen, fetched_url, http_status, duplicate_of, "
        f"version, capture_id) VALUES ({', '.join('?' for _ in range(14 + len(c.meta)))})",
        [a.url, c.title, c.sapo, c.body, *c.meta.values(), len(c.captions), c.word_count,
         c.hash, c.now, c.now, a.fetched_url, a.http_status, dup, 1, capture_id],
    )
    article_id = int(cur.lastrowid or 0)
    _insert_children(conn, c, article_id, 1, capture_id)
    index_article(conn, article_id, c.title, text, text_fold, c.facets)
    store_sketch(conn, article_id, sk, hits=hits)
    return article_id


def _new_version(conn: sqlite3.Connection, c: Content, article_id: int, version: int,
                 capture_id: int | None) -> None:
    """Changed content: the row, a new version, new captions, the index and the sketch."""
    a = c.article
    text, text_fold, lead_fold = c.texts()
    sk = sketch_folded(lead_fold)
    # The link describes the current content: found again (or dropped) on every change.
    conn.execute("DELETE FROM article_sketches WHERE article_id = ?", (article_id,))
    hits = lookup(conn, sk) if sk else []
    dup = duplicate_of(conn, c.hash, sk, hits, a.source, article_id)
    sets = ", ".join(f"{k} = ?" for k in c.meta)
    conn.execute(
        f"UPDATE articles SET title = ?, sapo = ?, body = ?, {sets}, image_count = ?, "
        "word_count = ?, content_hash = ?, last_seen = ?, fetched_url = ?, "
        "http_status = ?, gone_at = NULL, duplicate_of = ?, version = ?, "
        "capture_id = ? WHERE id = ?",
        [c.title, c.sapo, c.body, *c.meta.values(), len(c.captions), c.word_count, c.hash,
         c.now, a.fetched_url, a.http_status, dup, version, capture_id, article_id],
    )
    store_sketch(conn, article_id, sk, hits=hits)
    conn.execute("DELETE FROM captions WHERE article_id = ?", (article_id,))
    _insert_children(conn, c, article_id, version, capture_id)
    _reindex(conn, article_id, c.title, text, text_fold, c.facets)


def duplicate_of(
    conn: sqlite3.Connection,
    chash: str,
    sk: list[int] | None,
    hits: list[tuple[int, int]],
    source: str | None,
    before_id: int,
) -> int | None:
    """The story this content is a copy of: the earliest article from another source,
    archived before this one, with the same content hash, else the earliest near-duplicate
    by sketch (neardup.py); then the story's first article (neardup.story_root); else None.
    """
    row = conn.execute(
        "SELECT id FROM articles WHERE content_hash = ? AND source IS NOT ? AND id < ? "
        "ORDER BY id LIMIT 1",
        (chash, source, before_id),
    ).fetchone()
    if row:
        dup: int | None = int(row[0])
    elif sk is None:
        return None
    else:
        dup = find_near_duplicate(conn, sk, source=source, before_id=before_id, hits=hits)
    return None if dup is None else story_root(conn, dup, source)


def _insert_children(conn: sqlite3.Connection, c: Content, article_id: int, version: int,
                     capture_id: int | None) -> None:
    """The captions of the current content and its version row."""
    conn.executemany(
        "INSERT INTO captions (article_id, position, text, image_url, credit) "
        "VALUES (?, ?, ?, ?, ?)",
        [(article_id, i, t, u, cr) for i, (t, u, cr) in enumerate(c.captions)],
    )
    m = c.meta
    conn.execute(
        "INSERT INTO article_versions (article_id, version, content_hash, title, sapo, body, "
        "captions, published, modified, author, credit, first_fetched, last_fetched, "
        "capture_id) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        (article_id, version, c.hash, c.title, c.sapo, c.body, c.captions_json,
         m["published"], m["modified"], m["author"], m["credit"], c.now, c.now, capture_id),
    )
