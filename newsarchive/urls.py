"""Canonical URLs: one spelling per article, so nothing is archived twice.

Tracking parameters and session ids are dropped, the host is lower-cased and the default port
removed.  When a source definition is given, its preferred scheme and host (from ``homepage``)
replace any alias host listed in ``domains`` and the bare/www variant of the current host.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING
from urllib.parse import parse_qsl, quote, urlencode, urlsplit, urlunsplit

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


def canonicalize_url(url: str, source: Source | None = None) -> str:
    """The one spelling of ``url`` the archive stores; keeps parameter order and path case."""
    url = (url or "").strip()
    if not url:
        return url
    try:
        parts = urlsplit(url)
        port = parts.port
    except ValueError:
        return url
    scheme = (parts.scheme or "https").lower()
    host = (parts.hostname or "").lower().rstrip(".")
    if not host:
        return url
    if source is not None and source.owns_url(url):
        home = urlsplit(source.homepage)
        pref_host = (home.hostname or host).lower()
        if _bare(host) in {_bare(d.lower()) for d in source.all_domains}:
            host = pref_host
        elif _bare(host) == _bare(pref_host):
            host = pref_host
        scheme = (home.scheme or scheme).lower()
        port = None
    netloc = host
    if port is not None and port != _DEFAULT_PORTS.get(scheme):
        netloc = f"{host}:{port}"
    path = _ASPNET_SESSION_RE.sub("", _PATH_SESSION_RE.sub("", parts.path)) or "/"
    # Quote only characters that must be quoted (non-ASCII, spaces); keep existing escapes.
    path = quote(path, safe="/:@!$&'()*+,;=-._~%")
    query = ""
    if parts.query:
        kept = [
            (k, v) for k, v in parse_qsl(parts.query, keep_blank_values=True) if not _is_tracking(k)
        ]
        query = urlencode(kept, doseq=True, safe="/:@!$'()*,;-._~")
    return urlunsplit((scheme, netloc, path, query, ""))


def same_site(url_a: str, url_b: str) -> bool:
    """True when both URLs are on the same host (ignoring ``www.``)."""
    try:
        a = (urlsplit(url_a).hostname or "").lower()
        b = (urlsplit(url_b).hostname or "").lower()
    except ValueError:
        return False
    return bool(a) and _bare(a) == _bare(b)
