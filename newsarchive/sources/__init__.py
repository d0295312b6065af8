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
from typing import TYPE_CHECKING, Any
from urllib.parse import urlsplit

import yaml

if TYPE_CHECKING:
    from importlib.abc import Traversable
    from pathlib import Path

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
    #: CSS selectors by field: title, sapo, body, published, author, captions, category, tags,
    #: remove.
    selectors: dict[str, str] = field(default_factory=dict)
    #: Politeness overrides: download_delay, concurrency, autothrottle_target.
    politeness: dict[str, float] = field(default_factory=dict)
    #: Which pages need a browser: {"listings": "js"|"static", "articles": "js"|"static"}, with
    #: optional "listing_wait" / "article_wait" CSS selectors to wait for.  ``render: js`` in a
    #: file means both.  Empty: nothing is rendered.
    render: dict[str, str] = field(default_factory=dict)
    #: A JSON listing API that feeds the paper's category pages (see ``ListingApi``).
    listing_api: dict[str, Any] = field(default_factory=dict)
    #: Extra request headers; ``headers: browser`` in a file asks for the browser-like set.
    headers: dict[str, str] = field(default_factory=dict)
    #: Hosts serving the paper's photos besides its own domains and their subdomains.
    media_domains: tuple[str, ...] = ()
    #: The registry-evidence rows the definition rests on: row, evidence, observed_at, confidence.
    evidence: tuple[dict[str, str], ...] = ()
    verified: bool = False
    notes: str | None = None
    path: str | None = None

    def renders(self, kind: str) -> bool:
        """True when ``kind`` ("listings" or "articles") pages need a browser."""
        return self.render.get(kind) == "js"

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

    @property
    def port(self) -> int | None:
        """The homepage's port when it is not the default one: a paper owns a host *and* port."""
        from newsarchive.urls import url_port

        try:
            return url_port(self.homepage)
        except ValueError:
            return None

    def _port_matches(self, url: str) -> bool:
        from newsarchive.urls import url_port

        try:
            return url_port(url) == self.port
        except ValueError:
            return False

    def owns_url(self, url: str) -> bool:
        """True when ``url`` is on one of this source's hosts (www or not) and on its port."""
        return self.owns_host(urlsplit(url).hostname or "") and self._port_matches(url)

    def owns_host(self, hostname: str, port: int | None = None, *,
                  check_port: bool = False) -> bool:
        """``hostname`` is one of this source's hosts (www or not); with ``check_port``, and
        ``port`` (None for the scheme's default, as ``url_port`` gives it) is its port."""
        host = hostname.lower().removeprefix("www.")
        owned = any(host == d or host.endswith("." + d) for d in self.all_domains)
        return owned and (not check_port or port == self.port)

    def is_article_url(self, url: str) -> bool:
        if not self.article_url_pattern:
            return True
        return re.search(self.article_url_pattern, url) is not None

    def host_match(self, url: str) -> int:
        """Length of the longest of this source's domains the URL's host is on (0: none).

        A paper's subdomain archive (``phuyen.baodaklak.vn``) has its own definition beside the
        surviving paper's (``baodaklak.vn``): the longer match is the more specific owner.
        """
        host = (urlsplit(url).hostname or "").lower().removeprefix("www.")
        if not self._port_matches(url):
            return 0
        return max((len(d) for d in self.all_domains if host == d or host.endswith("." + d)),
                   default=0)

    @property
    def placeholder(self) -> bool:
        """True when the definition names the paper but gives no way to tell or find articles:
        no article URL pattern and no feed, sitemap or listing API.  Such a definition records
        what is known (name, province, domains, evidence) and is skipped by ``crawl --all``."""
        return not (self.article_url_pattern or self.feeds or self.sitemaps or self.listing_api)

    def evidence_dates(self) -> list[str]:
        """The ``YYYY-MM-DD`` (or ``YYYY-MM``) dates of the cited evidence rows, oldest first."""
        out = []
        for row in self.evidence:
            m = re.search(r"(\d{4}-\d{2}(?:-\d{2})?)", row.get("observed_at", ""))
            if m:
                out.append(m.group(1))
        return sorted(out)


def crawlable(source: Source, include_unverified: bool = False) -> bool:
    """Whether ``crawl --all`` should crawl ``source``: never a placeholder; an unverified
    definition (every shipped one until checked live) only when asked."""
    if source.placeholder:
        return False
    return source.verified or include_unverified


_TUPLE_FIELDS = {"domains", "start_urls", "feeds", "sitemaps", "deny_url_patterns",
                 "media_domains"}
_STR_FIELDS = {"id", "name", "homepage", "province", "kind", "article_url_pattern",
               "listing_url_pattern", "profile", "notes"}
_POLITENESS = {"download_delay": (float, 0.0), "concurrency": (int, 1),
               "autothrottle_target": (float, 0.01)}
_RENDER_KINDS = {"listings", "articles"}
_RENDER_WAITS = {"listing_wait", "article_wait"}
_LISTING_API_KEYS = {"url", "categories", "first_page", "max_pages", "items", "url_field",
                     "url_template", "date_field"}
_EVIDENCE_KEYS = {"row", "evidence", "observed_at", "confidence", "note"}
#: What ``headers: browser`` sends: what a desktop browser sends on a top-level navigation.  The
#: User-Agent still names the project, in the "compatible" form crawlers use.
BROWSER_HEADERS = {
    "User-Agent": "Mozilla/5.0 (X11; Linux x86_64; compatible; newsarchive/0.1; "
                  "+https://github.com/newsarchive/newsarchive) Chrome/124.0 Safari/537.36",
    "Accept": "text/html,application/xhtml+xml,application/xml;q=0.9,image/avif,image/webp,"
              "*/*;q=0.8",
    "Accept-Language": "vi-VN,vi;q=0.9,en-US;q=0.6,en;q=0.5",
    "Upgrade-Insecure-Requests": "1",
    "Sec-Fetch-Dest": "document",
    "Sec-Fetch-Mode": "navigate",
    "Sec-Fetch-Site": "none",
}


def _check_types(merged: dict[str, Any], where: str) -> None:
    """Reject values of the wrong shape at load time, naming the file and the key."""
    for key in _STR_FIELDS:
        value = merged.get(key)
        if value is not None and not isinstance(value, str):
            raise SourceError(f"{where}: {key} must be a string, not {value!r}")
    for key in _TUPLE_FIELDS:
        value = merged.get(key)
        if value is None or isinstance(value, str):
            continue
        if not isinstance(value, list | tuple) or not all(isinstance(v, str) for v in value):
            raise SourceError(f"{where}: {key} must be a list of strings, not {value!r}")
    selectors = merged.get("selectors")
    if selectors is not None and (not isinstance(selectors, dict) or not all(
            isinstance(k, str) and isinstance(v, str) for k, v in selectors.items())):
        raise SourceError(f"{where}: selectors must map field names to CSS selectors")
    if "verified" in merged and not isinstance(merged["verified"], bool):
        raise SourceError(f"{where}: verified must be true or false, not {merged['verified']!r}")


def _politeness(value: Any, where: str) -> dict[str, float]:
    if value is None:
        return {}
    if not isinstance(value, dict):
        raise SourceError(f"{where}: politeness must be a mapping, e.g. {{download_delay: 2}}")
    out: dict[str, float] = {}
    for key, raw in value.items():
        if key not in _POLITENESS:
            raise SourceError(f"{where}: politeness.{key} is not a known setting "
                              f"(known: {', '.join(sorted(_POLITENESS))})")
        kind, floor = _POLITENESS[key]
        ok = isinstance(raw, int | float) and not isinstance(raw, bool)
        if kind is int:
            ok = ok and float(raw).is_integer()
        if not ok or raw < floor:
            what = "a whole number" if kind is int else "a number"
            raise SourceError(f"{where}: politeness.{key} must be {what} >= {floor:g}, "
                              f"not {raw!r}")
        out[key] = kind(raw)
    return out


def _render(value: Any, where: str) -> dict[str, str]:
    if value in (None, "static", False):
        return {}
    if value == "js":
        return {"listings": "js", "articles": "js"}
    if not isinstance(value, dict):
        raise SourceError(f"{where}: render must be js, static or a mapping "
                          "{listings: js|static, articles: js|static}")
    out: dict[str, str] = {}
    for key, raw in value.items():
        if key in _RENDER_KINDS:
            if raw not in ("js", "static"):
                raise SourceError(f"{where}: render.{key} must be js or static, not {raw!r}")
            out[key] = raw
        elif key in _RENDER_WAITS:
            if not isinstance(raw, str) or not raw.strip():
                raise SourceError(f"{where}: render.{key} must be a CSS selector")
            out[key] = raw
        else:
            raise SourceError(f"{where}: render.{key} is not known (known: "
                              f"{', '.join(sorted(_RENDER_KINDS | _RENDER_WAITS))})")
    return out


def _listing_api(value: Any, where: str) -> dict[str, Any]:
    if not value:
        return {}
    if not isinstance(value, dict):
        raise SourceError(f"{where}: listing_api must be a mapping with url, items, url_field")
    unknown = set(value) - _LISTING_API_KEYS
    if unknown:
        raise SourceError(f"{where}: listing_api has unknown keys {sorted(unknown)}")
    url = value.get("url")
    if not isinstance(url, str) or not url.startswith(("http://", "https://")):
        raise SourceError(f"{where}: listing_api.url must be an http(s) URL template")
    if "{page}" not in url:
        raise SourceError(f"{where}: listing_api.url must contain {{page}}")
    if "{category}" in url and not value.get("categories"):
        raise SourceError(f"{where}: listing_api.url uses {{category}}: list the categories")
    if not (value.get("url_field") or value.get("url_template")):
        raise SourceError(f"{where}: listing_api needs url_field or url_template")
    for key in ("first_page", "max_pages"):
        raw = value.get(key)
        if raw is not None and (not isinstance(raw, int) or isinstance(raw, bool) or raw < 0):
            raise SourceError(f"{where}: listing_api.{key} must be a whole number, not {raw!r}")
    return dict(value)


def _headers(value: Any, where: str) -> dict[str, str]:
    if not value:
        return {}
    if value == "browser":
        return dict(BROWSER_HEADERS)
    if not isinstance(value, dict) or not all(
            isinstance(k, str) and isinstance(v, str) for k, v in value.items()):
        raise SourceError(f"{where}: headers must be browser or a mapping of header to value")
    return dict(value)


def _evidence(value: Any, where: str) -> tuple[dict[str, str], ...]:
    if not value:
        return ()
    if not isinstance(value, list):
        raise SourceError(f"{where}: evidence must be a list of rows")
    rows: list[dict[str, str]] = []
    for i, row in enumerate(value):
        if not isinstance(row, dict) or not row.get("evidence") or not row.get("observed_at"):
            raise SourceError(f"{where}: evidence[{i}] needs evidence and observed_at")
        unknown = set(row) - _EVIDENCE_KEYS
        if unknown:
            raise SourceError(f"{where}: evidence[{i}] has unknown keys {sorted(unknown)}")
        rows.append({k: str(v) for k, v in row.items()})
    return tuple(rows)


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
        if k == "selectors" and v is not None and not isinstance(v, dict):
            raise SourceError(f"{where}: selectors must map field names to CSS selectors")
        if k == "selectors":
            merged["selectors"] = {**merged.get("selectors", {}), **(v or {})}
        elif k == "evidence" and isinstance(v, list) and isinstance(merged.get(k), list):
            # the paper's own rows first, then the family's rows the profile cites
            own = {str(r.get("row")) for r in v if isinstance(r, dict)}
            merged[k] = [*v, *(r for r in merged[k]
                               if not (isinstance(r, dict) and str(r.get("row")) in own))]
        else:
            merged[k] = v
    known = {f.name for f in fields(Source)}
    unknown = set(merged) - known
    if unknown:
        raise SourceError(f"{where}: unknown keys {sorted(unknown)}")
    _check_types(merged, where)
    for k in _TUPLE_FIELDS:
        if k in merged:
            v = merged[k]
            merged[k] = tuple([v] if isinstance(v, str) else (v or ()))
    merged["politeness"] = _politeness(merged.get("politeness"), where)
    merged["render"] = _render(merged.get("render"), where)
    merged["listing_api"] = _listing_api(merged.get("listing_api"), where)
    merged["headers"] = _headers(merged.get("headers"), where)
    merged["evidence"] = _evidence(merged.get("evidence"), where)
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
    """The definition whose hosts include the URL's host, else None (generic extraction).

    The most specific host wins: ``dongkhoi.baovinhlong.vn`` belongs to the archive of the
    absorbed paper even when another definition claims ``baovinhlong.vn``."""
    best: Source | None = None
    best_len = 0
    for s in sources.values():
        n = s.host_match(url)
        if n > best_len:
            best, best_len = s, n
    return best
