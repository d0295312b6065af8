"""Near-duplicate linking: the same story republished by another paper, lightly edited.

Provincial papers repost each other's and the national agencies' stories with a new headline,
a "Theo TTXVN" line and a few words changed, so the exact content hash misses them.  The test
here is cheap and deterministic:

* **Text**: sapo + body (not the headline, which reposts change; not captions, whose photos
  differ), folded with :func:`newsarchive.vietnamese.fold` and lower-cased, cut into words of
  ASCII letters and digits (punctuation and spacing differences vanish).
* **Shingles**: every run of 5 consecutive words, hashed with ``zlib.crc32`` (stable across
  processes and machines, unlike Python's salted ``hash()``; C speed).
* **Sketch**: the 32 smallest distinct shingle hashes (bottom-k, k = 32).  Texts under 40 words
  get no sketch: a few shared sentences would make them look identical.
* **Similarity**: the bottom-k union estimator of the Jaccard similarity of the two shingle sets
  — take the k smallest hashes of the union of both sketches; the estimate is the share of them
  present in both sketches.  Standard error about sqrt(J(1-J)/k): ±0.06 near J = 0.85.
* **Index**: the 16 smallest hashes of each sketch are rows of ``article_sketches(article_id,
  h)``.  Candidates are earlier articles from *other* sources sharing >= 6 of the 16 (one
  indexed query on ``h``).  For a pair with J >= 0.8 the 16 smallest hashes of the union are
  each in both with probability J, so a copy at J = 0.8 shares fewer than 6 once in 30,000.
  Indexing 16 rather than 32 rows halves the cost that dominated ingest (b-tree inserts and the
  lookup) while the similarity still uses the full 32-hash sketches: candidates (rare) are
  re-sketched from their stored text.  A hash already held by 100 articles (a boilerplate
  phrase such as "Ủy ban nhân dân tỉnh") is not indexed again, so posting lists stay short.
* **Link**: if the estimate is >= 0.8, ``duplicate_of`` is set to the earliest-archived (lowest
  id) such article, then to the first article of its story (:func:`story_root`).  Both rows
  are kept; only ``duplicate_of`` changes.

What 0.8 means in practice: with 5-word shingles each edited word breaks up to 5 shingles, so a
300-word story survives roughly a dozen scattered word edits plus an added agency line; two
different stories on the same topic share words but almost no 5-word runs and score near 0.
"""

from __future__ import annotations

import zlib
from collections import Counter
from typing import TYPE_CHECKING

from newsarchive.vietnamese import fold

if TYPE_CHECKING:
    import sqlite3
    from collections.abc import Sequence

SHINGLE_WORDS = 5
SKETCH_SIZE = 32
MIN_WORDS = 40
#: The smallest INDEXED hashes of each sketch go into article_sketches and are probed.
INDEXED = 16
MIN_SHARED = 6
THRESHOLD = 0.8
#: A hash held by this many articles (a boilerplate phrase) is not indexed for more of them.
MAX_POSTINGS = 100

# bytes.translate table: ASCII letters to lower case, digits kept, everything else a separator.
# After fold() every Vietnamese letter is ASCII; other bytes are punctuation or foreign script.
_WORD_BYTES = bytes(
    c + 32 if 65 <= c <= 90 else c if 48 <= c <= 57 or 97 <= c <= 122 else 32 for c in range(256)
)


def sketch_text(sapo: str | None, body: str | None) -> str:
    """The text a sketch covers: lead and body, as the FTS text starts (see fts.article_text)."""
    return "\n\n".join(p for p in (sapo, body) if p)


def words(folded: str) -> list[bytes]:
    """Lower-case ASCII words of already folded text, punctuation dropped."""
    return folded.encode("utf-8").translate(_WORD_BYTES).split()


def sketch_folded(folded: str, k: int = SKETCH_SIZE) -> list[int] | None:
    """Bottom-k sketch (ascending) of text already passed through ``fold``; None if too short."""
    w = words(folded)
    n = len(w) - SHINGLE_WORDS + 1
    if len(w) < MIN_WORDS or n < 1:
        return None
    shingles = zip(*(w[i:] for i in range(SHINGLE_WORDS)), strict=False)
    hashes = map(zlib.crc32, map(b" ".join, shingles))
    # Keep only hashes under a cut that ~2k of n uniform 32-bit values fall below, so the set and
    # the sort handle ~2k values instead of n (all in C); if the cut kept too few, keep all.
    cut = (2 * k << 32) // n
    small = set(filter(cut.__gt__, hashes))
    if len(small) < k:
        shingles = zip(*(w[i:] for i in range(SHINGLE_WORDS)), strict=False)
        small = set(map(zlib.crc32, map(b" ".join, shingles)))
    return sorted(small)[:k]


def sketch(text: str, k: int = SKETCH_SIZE) -> list[int] | None:
    """Bottom-k sketch of a text (e.g. :func:`sketch_text`); None under MIN_WORDS words."""
    return sketch_folded(fold(text), k)


def similarity(a: Sequence[int], b: Sequence[int], k: int = SKETCH_SIZE) -> float:
    """Bottom-k union estimate of the Jaccard similarity of the shingle sets behind two sketches."""
    sa, sb = set(a), set(b)
    union = sorted(sa | sb)[:k]
    if not union:
        return 0.0
    both = sa & sb
    return sum(1 for h in union if h in both) / len(union)


def _in_sql(n: int) -> str:
    marks = ", ".join("?" for _ in range(n))
    return f"SELECT h, article_id FROM article_sketches WHERE h IN ({marks})"


_IN_SQL = {n: _in_sql(n) for n in range(1, INDEXED + 1)}


def lookup(conn: sqlite3.Connection, sk: Sequence[int]) -> list[tuple[int, int]]:
    """(h, article_id) rows of earlier articles sharing a hash with ``sk``: one indexed query.

    Probes the INDEXED smallest hashes.  Posting lists stay short because :func:`store_sketch`
    stops indexing a hash once MAX_POSTINGS articles hold it (boilerplate phrases), so this
    reads at most INDEXED * MAX_POSTINGS rows.
    """
    probe = list(sk[:INDEXED])
    if not probe:
        return []
    return conn.execute(_IN_SQL[len(probe)], probe).fetchall()


def find_near_duplicate(
    conn: sqlite3.Connection,
    sk: Sequence[int],
    *,
    source: str | None,
    before_id: int,
    hits: Sequence[tuple[int, int]] | None = None,
) -> int | None:
    """Lowest id of an article from another source, archived before ``before_id``, whose
    sketch estimates Jaccard >= THRESHOLD against ``sk``; None when there is none.

    ``hits``: the :func:`lookup` rows when the caller already has them.  Candidates (sharing
    MIN_SHARED hashes: rare) are re-sketched from their stored text, so the estimate uses their
    whole sketch even where boilerplate hashes were left out of the index.
    """
    if hits is None:
        hits = lookup(conn, sk)
    need = min(MIN_SHARED, len(sk), INDEXED)
    if not sk or len(hits) < need:
        return None
    shared = Counter(aid for _, aid in hits)
    ids = sorted(i for i, n in shared.items() if n >= need and i < before_id)
    if not ids:
        return None
    marks = ", ".join("?" for _ in ids)
    rows = conn.execute(
        f"SELECT id, sapo, body FROM articles WHERE id IN ({marks}) AND source IS NOT ? "
        "ORDER BY id",
        [*ids, source],
    ).fetchall()
    for article_id, sapo, body in rows:  # ascending id: the first match is the oldest
        other = sketch(sketch_text(sapo, body))
        if other is not None and similarity(sk, other) >= THRESHOLD:
            return int(article_id)
    return None


def story_root(conn: sqlite3.Connection, article_id: int, source: str | None) -> int:
    """The earliest article of the story ``article_id`` belongs to, following ``duplicate_of``.

    Links always point to an older row, so the walk ends; it stops before an article from
    ``source`` (the paper being linked), so a paper's copy is never linked to its own article.
    Linking to the root keeps every copy of a story pointing at one row (Datasette groups by it).
    """
    current = article_id
    for _ in range(100):
        row = conn.execute(
            "SELECT a.duplicate_of, b.source FROM articles a "
            "JOIN articles b ON b.id = a.duplicate_of WHERE a.id = ?",
            (current,),
        ).fetchone()
        if row is None or row[1] == source:
            break
        current = int(row[0])
    return current


def store_sketch(
    conn: sqlite3.Connection,
    article_id: int,
    sk: Sequence[int] | None,
    *,
    replace: bool = False,
    hits: Sequence[tuple[int, int]] | None = None,
) -> None:
    """Index an article's sketch (caller holds the transaction); ``replace`` drops old rows.

    A hash already held by MAX_POSTINGS other articles (per ``hits``, the :func:`lookup` rows)
    is a boilerplate phrase: it is not indexed again, which keeps every posting list short.
    """
    if replace:
        conn.execute("DELETE FROM article_sketches WHERE article_id = ?", (article_id,))
    if not sk:
        return
    full: set[int] = set()
    if hits and len(hits) >= MAX_POSTINGS:
        counts = Counter(h for h, _ in hits)
        full = {h for h, n in counts.items() if n >= MAX_POSTINGS}
    conn.executemany(
        "INSERT INTO article_sketches (article_id, h) VALUES (?, ?)",
        [(article_id, h) for h in sk[:INDEXED] if h not in full],
    )


def backfill(conn: sqlite3.Connection) -> tuple[int, int]:
    """Sketch every article in id order and link near-duplicates not yet linked.

    Run once by the migration that adds sketches, so an upgraded archive links as a fresh
    ingest of the same articles would.  Returns (articles sketched, articles newly linked).
    """
    sketched = linked = 0
    last = -1
    while True:  # in id chunks: bodies of a million articles do not fit in memory at once
        rows = conn.execute(
            "SELECT id, source, sapo, body, duplicate_of FROM articles WHERE id > ? "
            "ORDER BY id LIMIT 1000",
            (last,),
        ).fetchall()
        if not rows:
            break
        for article_id, source, sapo, body, duplicate_of in rows:
            last = article_id
            sk = sketch(sketch_text(sapo, body))
            if sk is None:
                continue
            hits = lookup(conn, sk)
            if duplicate_of is None:
                dup = find_near_duplicate(conn, sk, source=source, before_id=article_id, hits=hits)
                if dup is not None:
                    dup = story_root(conn, dup, source)
                    conn.execute(
                        "UPDATE articles SET duplicate_of = ? WHERE id = ?", (dup, article_id)
                    )
                    linked += 1
            store_sketch(conn, article_id, sk, replace=True, hits=hits)
            sketched += 1
    return sketched, linked


__all__ = [
    "MIN_SHARED",
    "MIN_WORDS",
    "SKETCH_SIZE",
    "THRESHOLD",
    "backfill",
    "find_near_duplicate",
    "lookup",
    "similarity",
    "sketch",
    "sketch_folded",
    "sketch_text",
    "store_sketch",
    "story_root",
    "words",
]
