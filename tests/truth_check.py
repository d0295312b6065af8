"""An archive read back against the mirror's truth records, field by field (shared by the crawl
tests: every comparison normalises the truth the way the pipelines normalise the page)."""

from __future__ import annotations

import sqlite3
from typing import TYPE_CHECKING, Any

from newsarchive.vietnamese import normalize_text

if TYPE_CHECKING:
    from collections.abc import Iterable
    from pathlib import Path


def articles(db: Path, source: str | None = None) -> dict[str, dict[str, Any]]:
    """URL -> the archived row, with its captions as (text, image_url, credit) in page order."""
    conn = sqlite3.connect(db)
    conn.row_factory = sqlite3.Row
    try:
        sql, args = "select * from articles", []
        if source is not None:
            sql, args = sql + " where source = ?", [source]
        out = {}
        for row in conn.execute(sql, args):
            caps = conn.execute("select text, image_url, credit from captions where "
                                "article_id = ? order by position", [row["id"]]).fetchall()
            out[row["url"]] = {**dict(row), "captions": [tuple(c) for c in caps]}
        return out
    finally:
        conn.close()


def _text(value: str | None) -> str | None:
    return normalize_text(value) if value else None


def field_problems(truth: Iterable[dict[str, Any]], stored: dict[str, Any],
                   also: tuple[str, ...] = ()) -> list[str]:
    """Each truth article against its archived row: title, date, body, captions, and the text
    fields named in ``also`` (sapo, author, credit)."""
    problems = []
    for t in truth:
        row = stored.get(t["url"])
        if row is None:
            problems.append(f"missing {t['url']}")
            continue
        checks: dict[str, Any] = {
            "title": normalize_text(t["title"]), "published": t["published"],
            "body": "\n\n".join(normalize_text(p) for p in t["body"].split("\n\n")),
            "captions": [(_text(c.get("text")), c["image_url"], _text(c.get("credit")))
                         for c in t["captions"]],
        }
        checks.update({field: _text(t.get(field)) for field in also})
        for field, want in checks.items():
            got = (row[field] or None) if field in also else row[field]
            if got != want:
                problems.append(f"{t['url']} {field}: {got!r:.80} != {want!r:.80}")
    return problems
