"""Links resolved against the page's address, as ``urljoin`` resolves them, faster for the
links most pages print: absolute http(s) addresses with nothing urljoin would rewrite."""

from __future__ import annotations

import re
from functools import lru_cache
from urllib.parse import urljoin, urlsplit

#: An absolute http(s) address urljoin gives back unchanged: a host, then a path at most - no
#: query, fragment, parameters, brackets (IPv6 checks), spaces or controls (stripped or removed
#: by urlsplit).  Checked on ASCII text only (urlsplit normalises a non-ASCII host).
_PLAIN_ABSOLUTE = re.compile(r"https?://[^\x00-\x20/?#;\[\]][^\x00-\x20?#;\[\]]*")


@lru_cache(maxsize=1024)
def join_url(base_url: str, ref: str) -> str:
    """``urljoin``, cached: the caption layers and the page order ask for the same images'
    URLs several times per page (the extractor clears it per page).

    An absolute address with a host and nothing urljoin would rewrite comes back as it is
    (urljoin returns it as given for another scheme, and reassembles the same text for the
    base's scheme), without urljoin's two parses and reassembly.
    """
    if base_url and ref.isascii() and _PLAIN_ABSOLUTE.fullmatch(ref):
        urlsplit(base_url)  # a malformed base raises ValueError, as in urljoin
        return ref
    return urljoin(base_url, ref)
