"""Hits with snippets: the match marked with [ ], cut from the index, in the page's spelling.

The index holds each text three times (old tone style, new tone style, folded); a snippet is
cut from whichever column matched and the original spelling is put back.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from newsarchive.archive.fts import FTS_TABLE, article_text

if TYPE_CHECKING:
    import sqlite3

SNIPPET_TOKENS = 16
_OPEN, _CLOSE, _ELLIPSIS = "\ue000", "\ue001", "\ue002"
_SPACE_RE = re.compile(r"\s+")
_ADJACENT_RE = re.compile(f"{_CLOSE}(\\s+){_OPEN}")
_MARKS = f"'{_OPEN}', '{_CLOSE}', '{_ELLIPSIS}', {SNIPPET_TOKENS}"
# Snippet sources, best first: the old-style text holds every marked term's match (a marked
# word is looked up in old style there, see term_expression), the folded text every unmarked
# term's; the headlines when the text has no match.  The new-style columns would repeat the
# old-style ones.
SNIPPETS = (
    f"snippet({FTS_TABLE}, 1, {_MARKS}), {FTS_TABLE}.text, "
    f"highlight({FTS_TABLE}, 0, '{_OPEN}', '{_CLOSE}'), {FTS_TABLE}.title"
)
SNIPPETS_FOLD = (
    f"{SNIPPETS}, snippet({FTS_TABLE}, 5, {_MARKS}), {FTS_TABLE}.text_fold, "
    f"highlight({FTS_TABLE}, 4, '{_OPEN}', '{_CLOSE}'), {FTS_TABLE}.title_fold"
)


@dataclass(frozen=True)
class SearchHit:
    article_id: int
    url: str
    source: str | None
    title: str | None
    published: str | None
    snippet: str  # the match marked with [ ]
    rank: float  # bm25: lower is better


def restore_snippet(snip: str, column_text: str | None, original: str) -> str:
    """Put the original spelling back into a snippet cut from a transformed index column.

    The old-style, new-style and folded renderings keep one character per character of the NFC
    original, so offsets map 1:1; when they do not (odd input), the indexed text is shown.
    """
    snip = _ADJACENT_RE.sub(r"\1", snip)  # "[Điện] [Biên]" -> "[Điện Biên]"
    lead = snip.startswith(_ELLIPSIS)
    trail = snip.endswith(_ELLIPSIS)
    core = snip.strip(_ELLIPSIS)
    plain = core.replace(_OPEN, "").replace(_CLOSE, "")
    pos = column_text.find(plain) if column_text else -1
    if pos >= 0 and column_text is not None and len(column_text) == len(original):
        out: list[str] = []
        i = pos
        for ch in core:
            if ch == _OPEN:
                out.append("[")
            elif ch == _CLOSE:
                out.append("]")
            else:
                out.append(original[i])
                i += 1
        core = "".join(out)
    else:
        core = core.replace(_OPEN, "[").replace(_CLOSE, "]")
    core = _SPACE_RE.sub(" ", core).strip()
    return ("…" if lead else "") + core + ("…" if trail else "")


def hits(
    conn: sqlite3.Connection,
    rows: list[tuple[Any, ...]],
    where: list[str] | None = None,
    params: list[object] | None = None,
) -> list[SearchHit]:
    ids = [r[0] for r in rows]
    qmarks = ", ".join("?" for _ in ids)
    check = "".join(f" AND {w}" for w in where or [])
    articles = {
        a[0]: a
        for a in conn.execute(
            "SELECT a.id, a.url, a.source, a.title, a.published, a.sapo, a.body, "
            "(SELECT json_group_array(text) FROM (SELECT text FROM captions c "
            " WHERE c.article_id = a.id ORDER BY position)) "
            f"FROM articles a WHERE a.id IN ({qmarks}){check}",
            [*ids, *(params or [])],
        )
    }
    hits = []
    for r in rows:
        a = articles.get(r[0])
        if a is None:
            continue
        original = article_text(a[5], a[6], json.loads(a[7] or "[]"))
        title = a[3] or ""
        # (snippet, indexed column it was cut from, original text): see SNIPPETS
        candidates = [(r[2], r[3], original), (r[4], r[5], title)]
        if len(r) > 6:
            candidates[1:1] = [(r[6], r[7], original)]
            candidates.append((r[8], r[9], title))
        snip, column, source_text = next(
            ((s, c, o) for s, c, o in candidates if s and _OPEN in s), candidates[0]
        )
        hits.append(
            SearchHit(
                article_id=r[0],
                url=a[1],
                source=a[2],
                title=a[3],
                published=a[4],
                snippet=restore_snippet(snip or "", column, source_text),
                rank=float(r[1]),
            )
        )
    return hits
