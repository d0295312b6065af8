"""Source definitions: one YAML file per paper, validated into :class:`Source`.

The shipped registry lives beside this module (``registry/``); a user's own definitions live in
``data/sources/`` (or ``NEWSARCHIVE_SOURCES_DIR`` / ``--sources-dir``) and override shipped ones
with the same id.  Papers that share a CMS name a ``profile`` (``profiles/``) for shared selectors
and URL patterns.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, fields
from importlib import resources
from pathlib import Path
from typing import TYPE_CHECKING, Any
from urllib.parse import urlsplit

import yaml

if TYPE_CHECKING:
    from importlib.abc import Traversable

# importlib.resources, not __file__: Scrapyd imports the project from a zipped egg.
REGISTRY_DIR: Traversable = resources.files(__name__) / "registry"
PROFILES_DIR: Traversable = resources.files(__name__) / "profiles"
ID_RE = re.compile(r"^[a-z][a-z0-9_]{1,63}$")


class SourceError(ValueError):
    """A definition file is missing, malformed or inconsistent."""


@dataclass(frozen=True)
class Source:
    """One paper or broadcaster.  Field meanings are documented in README ("Adding a paper")."""

    id: str
    name: str
    homepage: str
    province: str | None = None
    kind: str = "newspaper"
    #: Every host the paper has served from; the first is the current one, the rest are aliases.
    domains: tuple[str, ...] = ()
    start_urls: tuple[str, ...] = ()
    feeds: tuple[str, ...] = ()
    sitemaps: tuple[str, ...] = ()
    #: Regex (searched in the full URL) that article URLs match.
    article_url_pattern: str | None = None
    #: Regex for listing/category/pagination URLs worth following.
    listing_url_pattern: str | None = None
    #: Regexes for URLs never to follow (besides robots.txt).
    deny_url_patterns: tuple[str, ...] = ()
    profile: str | None = None
    #: CSS selectors by field (title, sapo, body, published, author, captions, category, tags, remove).
    selectors: dict[str, str] = field(default_factory=dict)
    #: Politeness overrides: download_delay, concurrency, autothrottle_target.
    politeness: dict[str, float] = field(default_factory=dict)
    #: Preferred tone style of the paper's own text (informative only).
    verified: bool = False
    notes: str | None = None
    path: str | None = None

    @property
    def host(self) -> str:
        return urlsplit(self.homepage).hostname or ""

    @property
    def all_domains(self) -> tuple[str, ...]:
        hosts = [self.host, *self.domains]
        seen: list[str] = []
        for h in hosts:
            h = h.lower().removeprefix("www.")
            if h and h not in seen:
                seen.append(h)
        return tuple(seen)

    def owns_url(self, url: str) -> bool:
        """True when ``url`` is on one of this source's hosts (www or not)."""
        host = (urlsplit(url).hostname or "").lower().removeprefix("www.")
        return any(host == d or host.endswith("." + d) for d in self.all_domains)

    def is_article_url(self, url: str) -> bool:
        if not self.article_url_pattern:
            return True
        return re.search(self.article_url_pattern, url) is not None


_TUPLE_FIELDS = {"domains", "start_urls", "feeds", "sitemaps", "deny_url_patterns"}


def load_profile(name: str) -> dict[str, Any]:
    path = PROFILES_DIR / f"{name}.yaml"
    if not path.is_file():
        raise SourceError(f"unknown profile {name!r} (no {path.name} in {PROFILES_DIR})")
    data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    if not isinstance(data, dict):
        raise SourceError(f"{path}: a profile must be a mapping")
    return data


def source_from_dict(data: dict[str, Any], path: str | None = None) -> Source:
    """Validate a definition mapping; profile values fill what the definition leaves out."""
    where = path or "<definition>"
    if not isinstance(data, dict):
        raise SourceError(f"{where}: a source definition must be a mapping")
    for key in ("id", "name", "homepage"):
        if not data.get(key):
            raise SourceError(f"{where}: missing required key {key!r}")
    if not ID_RE.match(str(data["id"])):
        raise SourceError(f"{where}: id {data['id']!r} must be lower-case letters, digits, _")
    merged: dict[str, Any] = {}
    if data.get("profile"):
        profile = load_profile(str(data["profile"]))
        merged.update({k: v for k, v in profile.items() if k != "selectors"})
        merged["selectors"] = dict(profile.get("selectors") or {})
    for k, v in data.items():
        if k == "selectors":
            merged["selectors"] = {**merged.get("selectors", {}), **(v or {})}
        else:
            merged[k] = v
    known = {f.name for f in fields(Source)}
    unknown = set(merged) - known
    if unknown:
        raise SourceError(f"{where}: unknown keys {sorted(unknown)}")
    for k in _TUPLE_FIELDS:
        if k in merged:
            v = merged[k]
            merged[k] = tuple([v] if isinstance(v, str) else (v or ()))
    if not merged.get("start_urls"):
        merged["start_urls"] = (merged["homepage"],)
    for pat_key in ("article_url_pattern", "listing_url_pattern"):
        if merged.get(pat_key):
            try:
                re.compile(merged[pat_key])
            except re.error as exc:
                raise SourceError(f"{where}: {pat_key} is not a valid regex: {exc}") from exc
    merged["path"] = path
    return Source(**merged)


def load_file(path: Path | Traversable) -> Source:
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
    except yaml.YAMLError as exc:
        raise SourceError(f"{path}: not valid YAML: {exc}") from exc
    source = source_from_dict(data, str(path))
    if path.name.removesuffix(".yaml") != source.id:
        raise SourceError(f"{path}: file name must be the source id ({source.id}.yaml)")
    return source


def load_sources(extra_dirs: list[Path] | None = None) -> dict[str, Source]:
    """All definitions: the shipped registry, then each extra dir (later ones win)."""
    found: dict[str, Source] = {}
    dirs: list[Path | Traversable] = [REGISTRY_DIR, *(extra_dirs or [])]
    for d in dirs:
        if not d.is_dir():
            continue
        for path in sorted((p for p in d.iterdir() if p.name.endswith(".yaml")),
                           key=lambda p: p.name):
            s = load_file(path)
            found[s.id] = s
    return found


def source_for_url(url: str, sources: dict[str, Source]) -> Source | None:
    """The definition whose hosts include the URL's host, else None (generic extraction)."""
    for s in sources.values():
        if s.owns_url(url):
            return s
    return None
