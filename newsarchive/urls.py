"""Canonical URLs: one spelling per article, so nothing is archived twice.

The spelling is w3lib's ``canonicalize_url`` (what Scrapy's request fingerprints use: sorted
query, one percent-encoding, no fragment), plus what w3lib leaves alone: tracking parameters
and session ids are dropped, the host is lower-cased and only a *default* port is removed (two
papers on one host and different ports are two papers).  When a source definition is given,
its preferred scheme and host (from ``homepage``) replace any alias host listed in ``domains``
and the bare/www variant of the current host; the port stays as the URL gives it.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING
from urllib.parse import urlsplit, urlunsplit

from w3lib.url import canonicalize_url as w3lib_canonicalize_url
from w3lib.url import url_query_cleaner

if TYPE_CHECKING:
    from newsarchive.sources import Source

#: Query parameters that never change the page: analytics, ad clicks, share widgets, sessions.
TRACKING_PARAMS = frozenset(
    {
        "fbclid",
        "gclid",
        "dclid",
        "gbraid",
        "wbraid",
        "msclkid",
        "yclid",
        "zarsrc",
        "zaloid",
        "mc_cid",
        "mc_eid",
        "igshid",
        "_ga",
        "_gl",
        "ref_src",
        "spm",
        "sessionid",
        "session_id",
        "phpsessid",
        "jsessionid",
        "aspsessionid",
        "sid",
        "fb_action_ids",
        "fb_action_types",
        "fb_source",
        "ocid",
        "cmpid",
    }
)
_TRACKING_PREFIXES = ("utm_", "pk_", "mtm_", "hsa_")
#: ``;jsessionid=...`` path parameters (Java portals) and ASP.NET cookieless ``(S(...))`` segments.
_PATH_SESSION_RE = re.compile(r";(?:jsessionid|phpsessid|sid)=[^/?#]*", re.IGNORECASE)
_ASPNET_SESSION_RE = re.compile(r"/\((?:S|A|F)\([^)]*\)\)", re.IGNORECASE)
_DEFAULT_PORTS = {"http": 80, "https": 443}


def _is_tracking(name: str) -> bool:
    low = name.lower()
    return low in TRACKING_PARAMS or low.startswith(_TRACKING_PREFIXES)


def _bare(host: str) -> str:
    return host.removeprefix("www.")


def url_port(url: str) -> int | None:
    """The URL's port when it is not the scheme's default, else None (ValueError: no port)."""
    parts = urlsplit(url)
    port = parts.port
    if port is None or port == _DEFAULT_PORTS.get((parts.scheme or "").lower()):
        return None
    return port


def canonicalize_url(url: str, source: Source | None = None) -> str:
    """The one spelling of ``url`` the archive stores (garbage is returned as given)."""
    url = (url or "").strip()
    if not url:
        return url
    try:
        parts = urlsplit(url)
        port = url_port(url)
    except ValueError:
        return url
    scheme = (parts.scheme or "https").lower()
    host = (parts.hostname or "").lower().rstrip(".")
    if not host:
        return url
    if source is not None and source.owns_host(parts.hostname or "", port, check_port=True):
        home = urlsplit(source.homepage)
        pref_host = (home.hostname or host).lower()
        if _bare(host) in {_bare(d.lower()) for d in source.all_domains}:
            host = pref_host
        elif _bare(host) == _bare(pref_host):
            host = pref_host
        home_scheme = (home.scheme or scheme).lower()
        if port is None or home_scheme == scheme:
            scheme = home_scheme
    netloc = host if port is None else f"{host}:{port}"
    path = _ASPNET_SESSION_RE.sub("", _PATH_SESSION_RE.sub("", parts.path)) or "/"
    cleaned = urlunsplit((scheme, netloc, path, parts.query, ""))
    if parts.query:
        cleaned = url_query_cleaner(cleaned, [k for k, _ in _query_pairs(parts.query)
                                              if _is_tracking(k)], remove=True,
                                    keep_fragments=False)
    try:
        return w3lib_canonicalize_url(cleaned)
    except ValueError:
        return cleaned


def _query_pairs(query: str) -> list[tuple[str, str]]:
    from urllib.parse import parse_qsl

    return parse_qsl(query, keep_blank_values=True)


def same_site(url_a: str, url_b: str) -> bool:
    """True when both URLs are on the same host (ignoring ``www.``)."""
    try:
        a = (urlsplit(url_a).hostname or "").lower()
        b = (urlsplit(url_b).hostname or "").lower()
    except ValueError:
        return False
    return bool(a) and _bare(a) == _bare(b)
