"""The labelled pages: the project's own (the mirror and the older tests/corpus styles) and the
outside sets written in the registry-evidence families (tests/corpus/dev, tests/corpus/heldout).

Mirror pages are rendered by ``build_sites()`` at load time so the corpus never drifts from the
mirror; the static pages model other Vietnamese CMS layouts and carry their truth in
``tests/corpus/truth.jsonl`` (one record per page, with ``file`` naming the HTML beside it).  The
dev and held-out splits have the same layout in their own folders; their records also name the
markup ``family``, the issue #12 ``cases`` the page exercises and the ``evidence`` rows it follows.
The held-out split is never used to tune the extractor.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from newsarchive.sources import Source, load_sources, source_for_url

#: tests/corpus/ in a source checkout.
CORPUS_DIR = Path(__file__).resolve().parents[2] / "tests" / "corpus"
#: Pages written in the registry-evidence families, for tuning.
DEV_DIR = CORPUS_DIR / "dev"
#: Pages in the same families that nobody tunes on (reported on their own).
HELDOUT_DIR = CORPUS_DIR / "heldout"
_META_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?([\w-]+)""", re.I)


@dataclass
class CorpusPage:
    """One labelled page, as a crawler would hand it to an extractor."""

    style: str  # site style: a mirror source id or a static style name
    url: str  # the URL the page was fetched from
    html: bytes
    truth: dict[str, Any]
    content_type: str = "text/html; charset=utf-8"
    source: Source | None = None  # the source definition when the site is a defined one
    family: str = ""  # markup family (the style itself for the project's own pages)
    split: str = "own"  # own | dev | heldout
    file: Path | None = None  # the HTML file a static page was read from

    @property
    def label(self) -> str:
        return f"{self.style} {self.truth.get('file') or self.url}"

    def declared_charset(self) -> str:
        """Charset from the HTTP header, else the meta tag, else UTF-8, as a plain client picks."""
        m = re.search(r"charset=([\w-]+)", self.content_type or "", re.I)
        if m:
            return m.group(1)
        mm = _META_CHARSET.search(self.html[:4096])
        return mm.group(1).decode("ascii") if mm else "utf-8"

    def text(self) -> str:
        """The page decoded as a generic HTTP client would: declared charset, errors replaced."""
        try:
            return self.html.decode(self.declared_charset(), errors="replace")
        except LookupError:
            return self.html.decode("utf-8", errors="replace")


def mirror_pages() -> list[CorpusPage]:
    """Every truth-labelled page of the bundled mirror (fault pages excluded)."""
    from newsarchive.mirror import build_sites

    sources = load_sources()
    pages: list[CorpusPage] = []
    for source_id, site in sorted(build_sites().items()):
        for rec in site.truth:
            if rec.get("fault") or {"render", "whole_document"} & set(rec.get("needs", [])):
                continue  # judged on what a browser renders / a whole-document parse
            parts = urlsplit(rec["url"])
            key = parts.path + (f"?{parts.query}" if parts.query else "")
            page = site.pages.get(key)
            if page is None or page.status != 200:
                continue
            pages.append(
                CorpusPage(
                    style=source_id,
                    url=rec["url"],
                    html=page.body,
                    truth=rec,
                    content_type=page.content_type,
                    source=sources.get(source_id),
                    family=source_id,
                )
            )
    return pages


def static_pages(root: Path = CORPUS_DIR) -> list[CorpusPage]:
    """The hand-written pages in tests/corpus/ (unknown sites: no source definition)."""
    truth_path = root / "truth.jsonl"
    if not truth_path.exists():
        return []
    pages: list[CorpusPage] = []
    with truth_path.open(encoding="utf-8") as fh:
        for line in fh:
            if not line.strip():
                continue
            rec = json.loads(line)
            pages.append(
                CorpusPage(
                    style=rec["style"],
                    url=rec.get("fetch_url") or rec["url"],
                    html=(root / rec["file"]).read_bytes(),
                    truth=rec,
                    content_type=rec.get("content_type") or "text/html; charset=utf-8",
                    family=rec["style"],
                )
            )
    return pages


def labelled_pages(root: Path, split: str) -> list[CorpusPage]:
    """A split written in the registry-evidence families (``dev`` or ``heldout``).

    The source definition is the one a crawl of that host would use (none for most hosts today);
    generic scores ignore it.
    """
    truth_path = root / "truth.jsonl"
    if not truth_path.exists():
        return []
    sources = load_sources()
    pages: list[CorpusPage] = []
    with truth_path.open(encoding="utf-8") as fh:
        for line in fh:
            if not line.strip():
                continue
            rec = json.loads(line)
            pages.append(
                CorpusPage(
                    style=rec["style"],
                    url=rec.get("fetch_url") or rec["url"],
                    html=(root / rec["file"]).read_bytes(),
                    truth=rec,
                    content_type=rec.get("content_type") or "text/html; charset=utf-8",
                    source=source_for_url(rec["url"], sources),
                    file=root / rec["file"],
                    family=rec["family"],
                    split=split,
                )
            )
    return pages


def dev_pages(root: Path = DEV_DIR) -> list[CorpusPage]:
    return labelled_pages(root, "dev")


def heldout_pages(root: Path = HELDOUT_DIR) -> list[CorpusPage]:
    return labelled_pages(root, "heldout")


def load_corpus(root: Path = CORPUS_DIR) -> list[CorpusPage]:
    """The project's own pages: the mirror's first, then the older static styles."""
    return mirror_pages() + static_pages(root)
