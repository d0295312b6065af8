"""Article history: every stored version of a URL, and word-level diffs between consecutive ones.

Researchers cite what a paper printed on a given day; papers retitle and correct quietly.  The
diff is on words (Vietnamese syllables), not characters, so "10.000" -> "12.000" reads as one
replaced word, and whitespace changes alone are not reported.
"""

from __future__ import annotations

import difflib
import itertools
import json
import re
from dataclasses import asdict, dataclass, field
from typing import TYPE_CHECKING, Any
from urllib.parse import urlsplit, urlunsplit

from newsarchive.urls import canonicalize_url

if TYPE_CHECKING:
    import sqlite3

    from newsarchive.archive.store import Archive

#: Fields compared between versions, in display order.
DIFF_FIELDS = ("title", "sapo", "body", "captions")
_TOKEN_RE = re.compile(r"\S+\s*")
_PARA_SPLIT_RE = re.compile(r"(\s*\n\s*)")


@dataclass
class Version:
    version: int
    content_hash: str | None
    title: str | None
    sapo: str | None
    body: str | None
    captions: list[dict[str, Any]] = field(default_factory=list)
    published: str | None = None
    modified: str | None = None
    author: str | None = None
    credit: str | None = None
    first_fetched: str | None = None
    last_fetched: str | None = None
    capture_id: int | None = None

    def field_text(self, name: str) -> str:
        if name == "captions":
            return "\n".join(c.get("text") or "" for c in self.captions)
        return str(getattr(self, name) or "")


#: One diff operation: ("=", text) kept, ("-", text) removed, ("+", text) added.
DiffOp = tuple[str, str]


def _source_domains(conn: sqlite3.Connection, host: str) -> list[str]:
    """Every domain of the archived source that serves ``host`` (its aliases included)."""
    found: list[str] = []
    for (domains,) in conn.execute("SELECT domains FROM sources WHERE domains IS NOT NULL"):
        try:
            names = [str(d).lower().removeprefix("www.") for d in json.loads(domains)]
        except (TypeError, ValueError):
            continue
        if host in names:
            found.extend(n for n in names if n not in found)
    return found


def url_variants(url: str, domains: list[str] | None = None) -> list[str]:
    """Spellings under which the article at ``url`` may be archived, the given one first.

    The canonical form (tracking parameters dropped), http or https, with or without ``www.``
    or a trailing slash, and on any of ``domains`` (the paper's other hosts).
    """
    canon = canonicalize_url(url)
    parts = urlsplit(canon)
    host = (parts.hostname or "").removeprefix("www.")
    if not host:
        return [url]
    port = f":{parts.port}" if parts.port else ""
    path = parts.path or "/"
    paths = [path, path.rstrip("/") or "/", path if path.endswith("/") else path + "/"]
    out = [url, canon]
    for scheme in ("https", "http"):
        for name in [host, *(domains or [])]:
            for h in (name, f"www.{name}"):
                for p in paths:
                    out.append(urlunsplit((scheme, h + port, p, parts.query, "")))
    return list(dict.fromkeys(out))


def find_article_urls(conn: sqlite3.Connection, url: str) -> list[str]:
    """The archived URLs ``url`` stands for (usually one), the closest spelling first."""
    host = (urlsplit(canonicalize_url(url)).hostname or "").removeprefix("www.")
    variants = url_variants(url, _source_domains(conn, host) if host else [])
    marks = ", ".join("?" for _ in variants)
    stored = {r[0] for r in conn.execute(f"SELECT url FROM articles WHERE url IN ({marks})",
                                         variants)}
    return [v for v in variants if v in stored]


def article_versions(conn: sqlite3.Connection, url: str) -> list[Version]:
    """All versions of the article at ``url``, oldest first (empty when the URL is unknown)."""
    rows = conn.execute(
        "SELECT v.version, v.content_hash, v.title, v.sapo, v.body, v.captions, v.published, "
        "v.modified, v.author, v.credit, v.first_fetched, v.last_fetched, v.capture_id "
        "FROM article_versions v JOIN articles a ON a.id = v.article_id "
        "WHERE a.url = ? ORDER BY v.version",
        (url,),
    ).fetchall()
    return [
        Version(
            version=r[0],
            content_hash=r[1],
            title=r[2],
            sapo=r[3],
            body=r[4],
            captions=json.loads(r[5] or "[]"),
            published=r[6],
            modified=r[7],
            author=r[8],
            credit=r[9],
            first_fetched=r[10],
            last_fetched=r[11],
            capture_id=r[12],
        )
        for r in rows
    ]


def word_diff(old: str | None, new: str | None) -> list[DiffOp]:
    """Word-level diff; adjacent operations of one kind are merged."""
    a_tokens = _TOKEN_RE.findall(old or "")
    b_tokens = _TOKEN_RE.findall(new or "")
    a_words = [t.strip() for t in a_tokens]
    b_words = [t.strip() for t in b_tokens]
    ops: list[DiffOp] = []

    def add(kind: str, tokens: list[str]) -> None:
        text = "".join(tokens)
        if not text:
            return
        if ops and ops[-1][0] == kind:
            ops[-1] = (kind, ops[-1][1] + text)
        else:
            ops.append((kind, text))

    matcher = difflib.SequenceMatcher(None, a_words, b_words, autojunk=False)
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag == "equal":
            add("=", b_tokens[j1:j2])
        else:
            add("-", a_tokens[i1:i2])
            add("+", b_tokens[j1:j2])
    return ops


def render_word_diff(ops: list[DiffOp]) -> str:
    """git --word-diff style: kept text, [-removed-] and {+added+}, one bracket per paragraph."""
    out: list[str] = []
    for kind, text in ops:
        if kind == "=":
            out.append(text)
            continue
        if out and out[-1] and not out[-1][-1].isspace():
            out.append(" ")
        for piece in _PARA_SPLIT_RE.split(text):
            if not piece.strip():
                out.append(piece)
                continue
            core = piece.rstrip()
            tail = piece[len(core) :]
            out.append(("[-" + core + "-]" if kind == "-" else "{+" + core + "+}") + tail)
    return "".join(out).rstrip()


def diff_versions(old: Version, new: Version) -> dict[str, list[DiffOp]]:
    """Word diffs of the fields that changed between two versions."""
    changes = {}
    for name in DIFF_FIELDS:
        a, b = old.field_text(name), new.field_text(name)
        if a.split() != b.split():
            changes[name] = word_diff(a, b)
    return changes


def history(archive: Archive, url: str) -> dict[str, Any] | None:
    """Versions and consecutive diffs as plain data (what `newsarchive history --json` prints)."""
    versions = article_versions(archive.conn, url)
    if not versions:
        return None
    row = archive.conn.execute(
        "SELECT id, source, gone_at, http_status FROM articles WHERE url = ?", (url,)
    ).fetchone()
    diffs = [
        {
            "from": a.version,
            "to": b.version,
            "fields": {k: [list(op) for op in v] for k, v in diff_versions(a, b).items()},
        }
        for a, b in itertools.pairwise(versions)
    ]
    return {
        "url": url,
        "article_id": row[0],
        "source": row[1],
        "gone_at": row[2],
        "http_status": row[3],
        "versions": [asdict(v) for v in versions],
        "diffs": diffs,
    }


def render_history(archive: Archive, url: str) -> str | None:
    """Human-readable history of one article; None when the URL is not archived."""
    versions = article_versions(archive.conn, url)
    if not versions:
        return None
    gone = archive.conn.execute(
        "SELECT gone_at, http_status FROM articles WHERE url = ?", (url,)
    ).fetchone()
    lines = [url]
    if gone and gone[0]:
        lines.append(f"gone since {gone[0]} (HTTP {gone[1]})")
    previous: Version | None = None
    for v in versions:
        lines.append("")
        lines.append(
            f"version {v.version}: seen {v.first_fetched} .. {v.last_fetched}"
            + (f", published {v.published}" if v.published else "")
            + (f", modified {v.modified}" if v.modified else "")
        )
        if previous is None:
            lines.append(f"  title: {v.title}")
        else:
            changes = diff_versions(previous, v)
            if not changes:
                lines.append("  (no change in title, sapo, body or captions)")
            for name, ops in changes.items():
                lines.append(f"  {name}: {render_word_diff(ops)}")
        previous = v
    return "\n".join(lines)
