"""Structured metadata: JSON-LD (also inside @graph), OpenGraph, article:*, itemprop, Dublin Core.

Only collection here; the sanity checks against the visible page live in the orchestrator,
which knows what the page shows.
"""

from __future__ import annotations

import html
import json
import logging
import re
from dataclasses import dataclass, field
from typing import Any

from newsarchive.extract.text import clean_text, text_of

LOG = logging.getLogger(__name__)

ARTICLE_TYPES = {
    "newsarticle",
    "article",
    "reportagenewsarticle",
    "blogposting",
    "analysisnewsarticle",
    "opinionnewsarticle",
    "reviewnewsarticle",
    "backgroundnewsarticle",
    "liveblogposting",
    "socialmediaposting",
    "scholarlyarticle",
    "techarticle",
    "posting",
}


@dataclass
class Metadata:
    """Everything the page states about itself in machine-readable form."""

    jsonld_article: dict[str, Any] | None = None
    jsonld_types: set[str] = field(default_factory=set)
    jsonld_nodes: dict[str, dict[str, Any]] = field(default_factory=dict)  # by @id
    breadcrumbs: list[str] = field(default_factory=list)
    meta: dict[str, list[str]] = field(
        default_factory=dict
    )  # og:title, article:tag, description, dc.date...
    itemprops: dict[str, list[str]] = field(default_factory=dict)
    canonical: str | None = None
    html_lang: str | None = None

    def get(self, *keys: str) -> str | None:
        """First non-empty meta value among ``keys``."""
        for k in keys:
            for v in self.meta.get(k, []):
                v = clean_text(v)
                if v:
                    return v
        return None

    def all(self, key: str) -> list[str]:
        return [clean_text(v) for v in self.meta.get(key, []) if clean_text(v)]

    def prop(self, name: str) -> str | None:
        for v in self.itemprops.get(name, []):
            if v:
                return v
        return None

    def ld(self, key: str) -> Any:
        return (self.jsonld_article or {}).get(key)


def _types(node: dict[str, Any]) -> list[str]:
    t = node.get("@type")
    if isinstance(t, str):
        return [t.lower()]
    if isinstance(t, list):
        return [x.lower() for x in t if isinstance(x, str)]
    return []


def _walk_ld(data: Any, out: list[dict[str, Any]], depth: int = 0) -> None:
    if depth > 6:
        return
    if isinstance(data, list):
        for item in data:
            _walk_ld(item, out, depth + 1)
    elif isinstance(data, dict):
        out.append(data)
        graph = data.get("@graph")
        if graph is not None:
            _walk_ld(graph, out, depth + 1)
        main = data.get("mainEntity")
        if isinstance(main, (dict, list)):
            _walk_ld(main, out, depth + 1)


def _unescape(data: Any, depth: int = 0) -> Any:
    """HTML entities inside JSON-LD strings ("Nh&#7853;t") as the characters they stand for:
    some CMSs escape the text for HTML before writing it into the script."""
    if depth > 12:
        return data
    if isinstance(data, str):
        return html.unescape(data) if "&" in data else data
    if isinstance(data, list):
        return [_unescape(v, depth + 1) for v in data]
    if isinstance(data, dict):
        return {k: _unescape(v, depth + 1) for k, v in data.items()}
    return data


def _load_json(text: str) -> Any:
    """A JSON-LD block, entities decoded; common breakage (trailing commas, comments) mended."""
    data = _parse_json(text)
    return _unescape(data) if data is not None and "&" in text else data


def _parse_json(text: str) -> Any:
    text = text.strip()
    if not text:
        return None
    try:
        return json.loads(text, strict=False)
    except ValueError:
        pass
    # Common breakage: trailing commas, HTML comments around the JSON.
    fixed = re.sub(r",\s*([}\]])", r"\1", text.replace("<!--", "").replace("-->", ""))
    try:
        return json.loads(fixed, strict=False)
    except ValueError:
        LOG.debug("unreadable JSON-LD block skipped")
        return None


def read_metadata(root: Any, url: str = "") -> Metadata:
    """Collect JSON-LD, meta tags, canonical link and html@lang (before scripts are stripped);
    microdata comes later from :func:`add_itemprops`.

    Of several JSON-LD articles (a page also describing the posts it links to), the one whose
    ``url``/``@id``/``mainEntityOfPage`` is the page's own address is the page's; else the most
    specific type, first in the page."""
    md = Metadata()
    md.html_lang = (root.get("lang") or "").strip().lower() or None
    nodes: list[dict[str, Any]] = []
    for script in root.iter("script"):
        if (script.get("type") or "").strip().lower() != "application/ld+json":
            continue
        _walk_ld(_load_json(script.text or ""), nodes)
    best: dict[str, Any] | None = None
    best_rank = 99
    here = _address_key(url)
    for node in nodes:
        types = _types(node)
        md.jsonld_types.update(types)
        if isinstance(node.get("@id"), str):
            md.jsonld_nodes.setdefault(node["@id"], node)
        if "breadcrumblist" in types and not md.breadcrumbs:
            items = node.get("itemListElement") or []
            if isinstance(items, dict):
                items = [items]
            crumbs = []
            for it in sorted(
                (i for i in items if isinstance(i, dict)), key=lambda i: _as_int(i.get("position"))
            ):
                name = it.get("name")
                if not name and isinstance(it.get("item"), dict):
                    name = it["item"].get("name")
                if isinstance(name, str) and clean_text(name):
                    crumbs.append(clean_text(name))
            md.breadcrumbs = crumbs
        rank = next(
            (r for r, t in enumerate(_ARTICLE_RANK) if t in types),
            50 if any(t in ARTICLE_TYPES for t in types) else None,
        )
        if rank is None:
            continue
        if here and here in _node_addresses(node):
            rank -= 100  # the page's own article
        if rank < best_rank:
            best, best_rank = node, rank
    md.jsonld_article = best
    for meta in root.iter("meta"):
        key = (
            (meta.get("property") or meta.get("name") or meta.get("itemprop") or "").strip().lower()
        )
        content = meta.get("content")
        if key and content is not None:
            md.meta.setdefault(key, []).append(content)
    for link in root.iter("link"):
        if "canonical" in (link.get("rel") or "").lower().split() and link.get("href"):
            md.canonical = link.get("href", "").strip()
            break
    return md


def add_itemprops(md: Metadata, marked: list[Any]) -> None:
    """Microdata values (``itemprop``) of the page's marked elements, into ``md.itemprops``."""
    for el in marked:
        if el.get("itemprop") is None:
            continue
        if el.tag == "meta":
            value = el.get("content") or ""
        elif el.tag == "time":
            value = el.get("datetime") or text_of(el)
        elif el.tag in ("link", "a") and el.get("href") and not len(el):
            value = el.get("content") or el.get("href") or ""
        else:
            value = (
                el.get("content")
                or el.get("datetime")
                or (el.get("title") if el.tag == "abbr" else None)  # microformats (Blogger)
                or text_of(el)
            )
        for name in (el.get("itemprop") or "").split():
            md.itemprops.setdefault(name, []).append(clean_text(value))


_ARTICLE_RANK = ("newsarticle", "reportagenewsarticle", "article", "blogposting")


def _address_key(url: str) -> str:
    """An address compared without scheme, www., query and trailing slash."""
    key = url.split("#")[0].split("?")[0].lower()
    key = key.split("://", 1)[-1].removeprefix("www.")
    return key.rstrip("/")


def _node_addresses(node: dict[str, Any]) -> set[str]:
    out = set()
    main = node.get("mainEntityOfPage")
    for value in (
        node.get("url"),
        node.get("@id"),
        main.get("@id") if isinstance(main, dict) else main,
    ):
        if isinstance(value, str) and value:
            out.add(_address_key(value))
    return out


def _as_int(v: Any) -> int:
    try:
        return int(v)
    except (TypeError, ValueError):
        return 0


def ld_text(value: Any) -> str | None:
    """A JSON-LD value that should be text (a string, or the first string of a list)."""
    if isinstance(value, str):
        return clean_text(value) or None
    if isinstance(value, list):
        for v in value:
            t = ld_text(v)
            if t:
                return t
    if isinstance(value, dict):
        return ld_text(value.get("name") or value.get("@value"))
    return None


def ld_names(value: Any, nodes: dict[str, dict[str, Any]]) -> list[tuple[str, str]]:
    """(name, @type) pairs of JSON-LD authors, following Yoast-style {"@id": ...} references."""
    out: list[tuple[str, str]] = []
    items = value if isinstance(value, list) else [value]
    for item in items:
        if isinstance(item, str):
            if clean_text(item):
                out.append((clean_text(item), "person"))
            continue
        if not isinstance(item, dict):
            continue
        ref = item.get("@id")
        if ref and len(item) <= 2 and isinstance(ref, str) and ref in nodes:
            item = nodes[ref]
        name = item.get("name")
        types = _types(item)
        if isinstance(name, str) and clean_text(name):
            out.append((clean_text(name), types[0] if types else "person"))
    return out
