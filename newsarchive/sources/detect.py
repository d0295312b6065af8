"""What a site needs beyond plain fetching, as `newsarchive sources add` finds out.

- **Browser-like headers**: the home page answers 403 to our plain request but 200 when the
  request carries a browser's headers (``BROWSER_HEADERS``) -> ``headers: browser``.
- **Rendering**: a listing page with no article links in its HTML but with some after Chromium ran
  its scripts -> ``render: {listings: js}``; an article page whose body is missing (or much
  shorter) in the HTML but present after rendering -> ``render: {articles: js}``.
- **A JSON listing API**: while a listing page renders, a JSON answer that carries the article
  links the rendered page shows -> a ``listing_api`` block (URL template with ``{page}`` and
  ``{category}``, where the items are, how an item makes an article URL, its date field).

Everything works through caller-given functions (``fetch``, ``render``), so tests drive it
against the mirror with a real Chromium.
"""

from __future__ import annotations

import json
import logging
import re
from collections.abc import Callable, Iterable
from typing import Any
from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

logger = logging.getLogger(__name__)

Fetch = Callable[[str], bytes]
PAGE_PARAMS = ("page", "p", "trang", "pageindex", "page_index", "pagenumber", "pageNumber")
_DATE_RE = re.compile(r"^\d{4}-\d{2}-\d{2}(?:[T ]\d{2}:\d{2}(?::\d{2})?)?|^\d{1,2}/\d{1,2}/\d{4}")


def needs_browser_headers(url: str, fetch: Fetch, browser_fetch: Fetch) -> bool:
    """True when ``url`` is refused (HTTP 403) to ``fetch`` but served to ``browser_fetch``."""
    try:
        fetch(url)
        return False
    except Exception as exc:
        if "403" not in str(exc):
            return False
    try:
        browser_fetch(url)
    except Exception:
        return False
    return True


# ---- the JSON listing API ------------------------------------------------------------------------
def _lists(data: Any, path: str = "") -> Iterable[tuple[str, list[dict[str, Any]]]]:
    """Every list of objects inside ``data`` with its dotted path."""
    if isinstance(data, list):
        if data and all(isinstance(x, dict) for x in data):
            yield path, data
        return
    if isinstance(data, dict):
        for key, value in data.items():
            yield from _lists(value, f"{path}.{key}" if path else str(key))


def _flat(item: dict[str, Any], prefix: str = "") -> dict[str, str]:
    out: dict[str, str] = {}
    for key, value in item.items():
        name = f"{prefix}.{key}" if prefix else str(key)
        if isinstance(value, dict):
            out.update(_flat(value, name))
        elif isinstance(value, str | int) and not isinstance(value, bool):
            out[name] = str(value)
    return out


def _template_for(item: dict[str, Any], url: str) -> tuple[str | None, str | None]:
    """(url_field, url_template) that rebuild ``url`` from ``item``, or (None, None)."""
    fields = _flat(item)
    parts = urlsplit(url)
    for name, value in fields.items():
        if value in (url, parts.path) or (value.startswith("/") and url.endswith(value)):
            return name, None
    segments = [s for s in parts.path.split("/") if s]
    built: list[str] = []
    used = 0
    nullable = {k for k, v in item.items() if v in (None, "")}
    for seg in segments:
        match = next((n for n, v in fields.items() if v == seg), None)
        if match:
            built.append("{" + match + "}")
            used += 1
        else:
            # a literal segment, or a field left empty in this item that defaults to it
            default = next((n for n in sorted(nullable) if n.endswith("type_slug")
                            or n.endswith("type")), None)
            built.append("{" + default + "|" + seg + "}" if default else seg)
    if used == 0 or not built[-1].startswith("{") or "|" in built[-1]:
        return None, None  # the slug itself must come from the item
    return None, f"{parts.scheme}://{parts.netloc}/" + "/".join(built)


def _page_template(api_url: str, category: str | None) -> tuple[str, list[str]] | None:
    """The API URL with its page number as ``{page}`` (and the section as ``{category}``)."""
    parts = urlsplit(api_url)
    query = parse_qsl(parts.query, keep_blank_values=True)
    has_page = any(k.lower() in PAGE_PARAMS and v.isdigit() for k, v in query)
    if not has_page:
        return None
    out = []
    used_category = False
    for key, value in query:
        if key.lower() in PAGE_PARAMS and value.isdigit():
            out.append((key, "{page}"))
        elif category and value == category:
            out.append((key, "{category}"))
            used_category = True
        else:
            out.append((key, value))
    text = urlunsplit((parts.scheme, parts.netloc, parts.path,
                       urlencode(out, safe="{}"), ""))
    return text, (["{category}"] if used_category else [])


def find_listing_api(json_responses: list[tuple[str, bytes]], rendered_links: list[str],
                     section_url: str) -> dict[str, Any] | None:
    """A ``listing_api`` mapping from the JSON answers seen while ``section_url`` rendered and
    the article links the rendered page shows; None when no answer carries those links."""
    segments = [s for s in urlsplit(section_url).path.split("/") if s]
    category: list[str | None] = [segments[-1]] if segments else [None]
    links = set(rendered_links)
    for api_url, body in json_responses:
        try:
            data = json.loads(body)
        except ValueError:
            continue
        for path, items in _lists(data):
            field = template = None
            hits = 0
            for item in items:
                for link in links:
                    f, t = _template_for(item, link)
                    if f or t:
                        field, template = field or f, template or t
                        hits += 1
                        break
            if not hits or hits < max(1, len(items) // 2):
                continue
            shaped = _page_template(api_url, category[0])
            if shaped is None:
                logger.info("JSON answer %s lists the articles but has no page parameter", api_url)
                continue
            url, uses_category = shaped
            api: dict[str, Any] = {"url": url, "items": path}
            if field:
                api["url_field"] = field
            else:
                api["url_template"] = template
            dates = [k for k, v in _flat(items[0]).items() if _DATE_RE.match(v)]
            if dates:
                api["date_field"] = dates[0]
            if uses_category:
                api["categories"] = [category[0]]
            return api
    return None


# ---- article bodies ---------------------------------------------------------------------------
def body_needs_render(static: bytes, rendered: bytes, url: str, source: Any = None) -> bool:
    """True when the rendered page's article body is missing or much shorter in the HTML."""
    import html as htmlmod

    from newsarchive.extract import extract

    after = extract(rendered, url, source)
    if not after.is_article or after.article is None or not after.article.body:
        return False
    # The words already stand in the served HTML outside any script: the page only needs to be
    # parsed whole (malformed markup), not run.
    visible = htmlmod.unescape(re.sub(r"(?is)<script\b.*?</script>", " ",
                                      static.decode("utf-8", "replace")))
    longest = max(after.article.body.split("\n\n"), key=len)
    if longest[:80] in visible:
        return False
    before = extract(static, url, source)
    if not before.is_article or before.article is None or not before.article.body:
        return True
    a, b = after.article.body, before.article.body
    if len(b) < 0.5 * len(a):
        return True
    # same length but other words: an encoded body read as text
    words = set(re.findall(r"\w+", a.lower()))
    return len(words & set(re.findall(r"\w+", b.lower()))) < 0.5 * len(words)


__all__ = ["body_needs_render", "find_listing_api", "needs_browser_headers"]
