"""Write a paper's source definition from its home page: what `newsarchive sources add` runs.

:func:`discover_source` reads the home page and robots.txt (plus a couple of the category pages
it finds) through a caller-given ``fetch(url) -> bytes``, so it needs no network of its own and
tests drive it against the mirror.  It finds

- feeds from ``<link rel="alternate" type="application/rss+xml|atom+xml">``;
- sitemaps from robots.txt ``Sitemap:`` lines (else ``/sitemap.xml`` when that is a sitemap);
- category pages from the menu (``<nav>``, ``#menu``, ``.menu``...) and from the folders article
  URLs live in;
- the article-URL regex (case-insensitive), by grouping the site's links by *shape*: a link is
  an article candidate when it carries a long slug (4+ words), a slug with a numeric id, or an
  id query parameter (``Details.aspx?NewsID=123``), and the slug is not a
  folder of other links (that makes it a category); candidates are generalised segment by
  segment (literal hubs like ``news`` stay, years become ``\\d{4}``, ids ``\\d+``, slugs a
  word pattern) and the shapes shared by enough candidates are OR-ed together.  The pattern is
  then checked against every non-candidate link and tightened if it matches one.

:func:`write_definition` validates the result with the loader and writes ``<id>.yaml``.
"""

from __future__ import annotations

import logging
import re
import time
import urllib.error
import urllib.request
from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import fields
from datetime import date
from pathlib import Path
from typing import Any
from urllib.parse import parse_qsl, urljoin, urlsplit

import yaml
from lxml import etree
from lxml import html as lxml_html

from newsarchive.sources import Source, SourceError, source_from_dict

logger = logging.getLogger(__name__)

Fetch = Callable[[str], bytes]

FEED_TYPES = ("application/rss+xml", "application/atom+xml", "application/rdf+xml")
ASSET_RE = re.compile(
    r"\.(?:jpe?g|png|gif|webp|svg|ico|bmp|css|js|pdf|docx?|xlsx?|zip|rar|mp[34]|woff2?|ttf)$",
    re.IGNORECASE)
#: Path words that mark pages that are neither articles nor sections worth crawling.
NOT_SECTIONS = re.compile(
    r"(?:^|[/_-])(?:lien-he|contact|gioi-thieu|about|dang-nhap|login|dang-ky|register|"
    r"tim-kiem|search|seek|rss|feed|sitemap|print|in-bai|sendmail|quang-cao|advertis|"
    r"tag|tags|the-tag|admin|wp-admin|wp-login|toa-soan|lich-phat-song|thoi-tiet)(?:$|[/_.?-])",
    re.IGNORECASE)
MENU_RE = re.compile(r"menu|nav", re.IGNORECASE)
#: First path segments that introduce a section, never an article (WordPress, many CMSes).
SECTION_HUBS = {"category", "categories", "chuyen-muc", "danh-muc", "the-loai", "chu-de",
                "section", "cat", "muc"}
SLUG_ID_RE = re.compile(
    r"^(?P<slug>[a-z0-9]+(?:[-_][a-z0-9]+)*?)(?P<sep>[-_.])(?P<pre>[a-z]{0,2})(?P<id>\d{3,})"
    r"(?P<ext>\.[a-z]{2,5})?$")
SLUG_RE = re.compile(r"^(?P<slug>[a-z0-9]+(?:[-_][a-z0-9]+)*)(?P<ext>\.[a-z]{2,5})?$")
#: Query parameters that carry an article id on older portals (``Details.aspx?NewsID=123``).
ID_PARAMS = {"id", "newsid", "news_id", "articleid", "article_id", "itemid", "nid", "postid",
             "post_id", "p", "tinid"}
MIN_SLUG_WORDS = 4
MAX_START_URLS = 12


class DiscoveryError(RuntimeError):
    """The home page could not be fetched or holds no links to learn from."""


# ---- fetching ------------------------------------------------------------------------------
def http_fetch(url: str, *, mirror: str | None = None, timeout: float = 30.0,
               max_bytes: int = 8 * 1024 * 1024, user_agent: str | None = None,
               headers: dict[str, str] | None = None) -> bytes:
    """GET ``url`` (or, with ``mirror``, the same path from the mirror with the real Host header).

    Raises OSError (urllib.error.URLError/HTTPError) on failure, ValueError past ``max_bytes``.
    """
    if user_agent is None:
        from newsarchive.settings import USER_AGENT

        user_agent = USER_AGENT
    headers = {"User-Agent": str(user_agent), **(headers or {})}
    target = url
    if mirror:
        parts = urlsplit(url)
        query = f"?{parts.query}" if parts.query else ""
        target = mirror.rstrip("/") + (parts.path or "/") + query
        headers["Host"] = parts.hostname or ""
    req = urllib.request.Request(target, headers=headers)
    with urllib.request.urlopen(req, timeout=timeout) as resp:
        data = bytes(resp.read(max_bytes + 1))
    if len(data) > max_bytes:
        raise ValueError(f"{url}: larger than {max_bytes} bytes")
    return data


def make_fetch(mirror: str | None = None, timeout: float = 30.0,
               min_interval: float | None = None,
               headers: dict[str, str] | None = None) -> Fetch:
    """A ``fetch`` for discover/check: the real site, or the mirror when ``mirror`` is set.

    Calls are spaced ``min_interval`` seconds apart (default 1 s for real sites, none for the
    mirror): `sources add` and `sources check` are polite too.  ``headers`` are sent with every
    request (a definition's ``headers``, e.g. the browser-like set).
    """
    interval = (0.0 if mirror else 1.0) if min_interval is None else min_interval
    last = [float("-inf")]

    def fetch(url: str) -> bytes:
        wait = last[0] + interval - time.monotonic()
        if wait > 0:
            time.sleep(wait)
        try:
            return http_fetch(url, mirror=mirror, timeout=timeout, headers=headers)
        finally:
            last[0] = time.monotonic()

    return fetch


# ---- parsing helpers -----------------------------------------------------------------------
def _esc(text: str) -> str:
    """re.escape, leaving the hyphens of slugs readable (a hyphen is literal outside [])."""
    return re.escape(text).replace("\\-", "-")


def _host(url: str) -> str:
    return (urlsplit(url).hostname or "").lower().removeprefix("www.")


def _parse_html(body: bytes) -> Any:
    try:
        return lxml_html.document_fromstring(body)
    except (etree.ParserError, ValueError):
        return None


def _page_links(doc: Any, base: str, host: str) -> list[tuple[str, bool]]:
    """(absolute URL, in a menu) for every same-site link, in page order, without fragments."""
    out: list[tuple[str, bool]] = []
    base_href = doc.xpath("//base/@href")
    if base_href:
        base = urljoin(base, str(base_href[0]).strip())
    for a in doc.iter("a"):
        href = (a.get("href") or "").strip()
        if not href or href.startswith(("#", "javascript:", "mailto:", "tel:")):
            continue
        url = urljoin(base, href).split("#", 1)[0]
        parts = urlsplit(url)
        if parts.scheme not in ("http", "https") or _host(url) != host:
            continue
        if ASSET_RE.search(parts.path):
            continue
        in_menu = any(
            anc.tag in ("nav", "header")
            or MENU_RE.search(f"{anc.get('class', '')} {anc.get('id', '')}")
            for anc in a.iterancestors()
        )
        out.append((url, in_menu))
    return out


def _feeds(doc: Any, base: str) -> list[str]:
    found: list[str] = []
    for link in doc.xpath("//link[@href]"):
        rel = (link.get("rel") or "").lower().split()
        kind = (link.get("type") or "").lower().split(";")[0].strip()
        if "alternate" in rel and kind in FEED_TYPES:
            url = urljoin(base, link.get("href").strip())
            if url not in found:
                found.append(url)
    return found


def _segments(url: str) -> list[str]:
    return [s for s in urlsplit(url).path.lower().split("/") if s]


def _words(segment: str) -> int:
    m = SLUG_ID_RE.match(segment) or SLUG_RE.match(segment)
    slug = m.group("slug") if m else segment
    return len([w for w in re.split(r"[-_]", slug) if w])


def _is_sitemap(body: bytes) -> bool:
    head = body[:2048].lower()
    return b"<urlset" in head or b"<sitemapindex" in head


# ---- article URL shapes --------------------------------------------------------------------
def _query_id(url: str) -> str | None:
    """The name of the query parameter holding a numeric article id, if the URL has one."""
    for key, value in parse_qsl(urlsplit(url).query):
        if key.lower() in ID_PARAMS and value.isdigit() and len(value) >= 3:
            return key
    return None


def _candidate(url: str, folders: set[str], menu: frozenset[str] = frozenset()) -> bool:
    """A link that looks like one article: a long slug, or a slug with an id, that is a leaf.

    Not when other links live under it (a section), when it sits under a section hub such as
    ``/category/``, or when it is a short menu entry without an id.
    """
    segs = _segments(url)
    if not segs or NOT_SECTIONS.search(urlsplit(url).path) or segs[0] in SECTION_HUBS:
        return False
    if _query_id(url):
        return True
    if "/".join(segs) in folders:
        return False
    if url in menu and len(segs) <= 2 and not any(SLUG_ID_RE.match(s) for s in segs):
        return False
    for seg in segs:
        m = SLUG_ID_RE.match(seg)
        if m and _words(seg) >= 2 and len(m.group("id")) >= 4:
            return True
        if SLUG_RE.match(seg) and _words(seg) >= MIN_SLUG_WORDS:
            return True
    return False


def _segment_shape(seg: str, is_leaf_slug: bool) -> tuple[str, str]:
    """(kind, regex) of one path segment; kind "var" marks a category-like varying segment."""
    if seg.isdigit():
        if len(seg) == 4 and seg[:2] in ("19", "20"):
            return "num", r"\d{4}"
        if len(seg) <= 2:
            return "num", r"\d{1,2}"
        return "num", r"\d+"
    m = SLUG_ID_RE.match(seg)
    if m and len(m.group("id")) >= 3 and _words(seg) >= 2:
        return "slugid", (r"{SLUG}" + _esc(m.group("sep")) + _esc(m.group("pre"))
                          + r"\d+" + _esc(m.group("ext") or ""))
    m = SLUG_RE.match(seg)
    if m and is_leaf_slug:
        return "slug", r"{SLUG}" + _esc(m.group("ext") or "")
    return "var", seg


def _shape(url: str) -> tuple[tuple[tuple[str, str], ...], bool]:
    segs = _segments(url)
    longest = max(range(len(segs)), key=lambda i: (_words(segs[i]), i))
    shape = tuple(_segment_shape(s, i == longest and _words(s) >= 3) for i, s in enumerate(segs))
    param = _query_id(url)
    if param:
        shape += (("query", param),)
    return shape, urlsplit(url).path.endswith("/")


def _slug_regex(min_words: int) -> str:
    extra = max(1, min(min_words, 3) - 1)
    return r"[a-z0-9]+(?:[-_][a-z0-9]+){" + str(extra) + ",}"


def _group_regex(members: list[str], shape: tuple[tuple[str, str], ...], slash: bool,
                 min_words: int | None = None) -> str:
    parts = []
    query = ""
    segs_of = [_segments(u) for u in members]
    for pos, (kind, rx) in enumerate(shape):
        if kind == "query":
            query = r"\?(?:[^#]*&)?" + _esc(rx) + r"=\d+"
        elif kind == "var":
            values = {segs[pos] for segs in segs_of}
            parts.append(_esc(values.pop()) if len(values) == 1 else r"[a-z0-9-]+")
        else:
            words = min_words if min_words is not None else min(
                _words(segs[pos]) for segs in segs_of)
            parts.append(rx.replace("{SLUG}", _slug_regex(words)))
    return "/".join(parts) + ("/" if slash else "") + query


def infer_article_pattern(article_like: Iterable[str], others: Iterable[str],
                          min_share: float = 0.1) -> str | None:
    """A regex matching the article-like URLs' shapes but none of ``others``; None if no shape."""
    candidates = list(dict.fromkeys(article_like))
    if not candidates:
        return None
    groups: dict[tuple[Any, bool], list[str]] = {}
    for url in candidates:
        groups.setdefault(_shape(url), []).append(url)
    # Shapes differing only by a varying category segment's literal are one shape.
    merged: dict[tuple[Any, bool], list[str]] = {}
    for (shape, slash), urls in groups.items():
        key = (tuple((k, "*" if k == "var" else rx) for k, rx in shape), slash)
        merged.setdefault(key, []).extend(urls)
    need = max(2, int(len(candidates) * min_share)) if len(candidates) >= 4 else 1

    def strong(key: tuple[Any, bool]) -> bool:
        """A shape with an id or a date in it is an article shape even when seen once."""
        return any(kind in ("slugid", "num") for kind, _ in key[0])

    chosen = sorted((v for k, v in merged.items() if len(v) >= need or strong(k)),
                    key=len, reverse=True)
    if not chosen:
        chosen = [max(merged.values(), key=len)]
    others = [u for u in others if u not in set(candidates)]
    alternatives: list[str] = []
    for urls in chosen:
        shape, slash = _shape(urls[0])
        rx = _group_regex(urls, shape, slash)
        # Tighten when a listing/other link fits: demand longer slugs.
        for words in (None, 4, 5):
            full = _full_regex([_group_regex(urls, shape, slash, words)])
            if not any(re.search(full, o) for o in others):
                rx = _group_regex(urls, shape, slash, words)
                break
        else:
            continue
        if alternatives and all(re.search(_full_regex(alternatives), u) for u in urls):
            continue  # the shapes already chosen cover this group
        if rx not in alternatives:
            alternatives.append(rx)
    return _full_regex(alternatives) if alternatives else None


def _full_regex(alternatives: list[str]) -> str:
    body = alternatives[0] if len(alternatives) == 1 else "(?:" + "|".join(alternatives) + ")"
    return r"(?i)^https?://[^/]+/" + body + r"(?:[?&#].*)?$"


# ---- listing pages -------------------------------------------------------------------------
def infer_listing_pattern(section_urls: list[str]) -> str | None:
    """Regex for the sections and their pagination: ``/[hub/]<section>`` plus any tail."""
    paths = [_segments(u) for u in section_urls]
    paths = [p for p in paths if p]
    if not paths:
        return None
    hubs = Counter(p[0] for p in paths if len(p) >= 2)
    hub = None
    if hubs:
        word, n = hubs.most_common(1)[0]
        if n >= max(2, len(paths) // 2):
            hub = word
    names: list[str] = []
    for p in paths:
        name = p[1] if hub and len(p) >= 2 and p[0] == hub else p[0]
        if name != hub and name not in names:
            names.append(name)
    if not names:
        return None
    alt = "|".join(_esc(n) for n in names)
    prefix = _esc(hub) + "/" if hub else ""
    # The tail admits pagination forms: /page/2/, /page-2, /trang-2.html, ?page=2.
    return r"(?i)^https?://[^/]+/" + prefix + "(?:" + alt + r")(?:[/?.].*)?$"


# ---- the whole discovery -------------------------------------------------------------------
def _source_id(host: str) -> str:
    label = host.removeprefix("www.").split(".")[0]
    ident = re.sub(r"[^a-z0-9_]", "_", label.lower()).strip("_") or "source"
    if not ident[0].isalpha():
        ident = "s_" + ident
    return ident[:64]


def _site_name(doc: Any) -> str | None:
    for xp in ("//meta[@property='og:site_name']/@content",
               "//meta[@name='application-name']/@content"):
        values = [str(v).strip() for v in doc.xpath(xp) if str(v).strip()]
        if values:
            return values[0]
    title = " ".join(doc.xpath("//title/text()")).strip()
    if not title:
        return None
    parts = [p.strip() for p in re.split(r"\s+[-|–—:]\s+", title) if p.strip()]
    bao = [p for p in parts if p.lower().startswith(("báo", "đài", "bao "))]
    return (bao or parts or [title])[0]


def discover_source(home_url: str, fetch: Fetch, *, source_id: str | None = None,
                    name: str | None = None, province: str | None = None,
                    max_section_pages: int = 2, browser_fetch: Fetch | None = None,
                    render: Fetch | None = None, _followed_base: bool = False) -> dict[str, Any]:
    """A definition mapping for the paper at ``home_url`` (loader keys, plus ``_evidence``).

    ``fetch(url) -> bytes`` raises on failure; only the home page is required.  Keys starting
    with ``_`` are diagnostics for the caller to print and are not written by write_definition.

    ``browser_fetch`` fetches with browser-like headers: used (and ``headers: browser`` written)
    when the site refuses ``fetch`` with 403.  ``render(url) -> html`` renders a page in
    Chromium (a :class:`newsarchive.render.Renderer`): sections whose links appear only after
    rendering give ``render: {listings: js}`` and, when a JSON answer carries those links, a
    ``listing_api``; articles whose body appears only after rendering give
    ``render: {articles: js}``.  A home page whose ``<base href>`` sends its links to another
    host (an old domain pointing at the paper's new home) is followed there, as a browser would.
    """
    from protego import Protego

    from newsarchive.sources import detect

    parts = urlsplit(home_url)
    if parts.scheme not in ("http", "https") or not parts.hostname:
        raise DiscoveryError(f"{home_url!r} is not an http(s) URL")
    homepage = f"{parts.scheme}://{parts.netloc}{parts.path or '/'}"
    host = _host(homepage)
    root = f"{parts.scheme}://{parts.netloc}"
    headers_needed = False
    if browser_fetch is not None and detect.needs_browser_headers(homepage, fetch, browser_fetch):
        fetch, headers_needed = browser_fetch, True
    try:
        home_body = fetch(homepage)
    except Exception as exc:
        raise DiscoveryError(f"cannot fetch {homepage}: {exc}") from exc
    doc = _parse_html(home_body)
    if doc is None:
        raise DiscoveryError(f"{homepage} is not an HTML page")
    base_href = [str(b).strip() for b in doc.xpath("//base/@href")]
    base_host = _host(urljoin(homepage, base_href[0])) if base_href else host
    if base_host and base_host != host and not _followed_base:
        moved = [u for u, _ in _page_links(doc, homepage, base_host)]
        if moved:
            # The old domain's links land on another host, as a browser resolves them: that
            # host is the paper now; the old one stays as an alias.
            target = urlsplit(urljoin(homepage, base_href[0]))
            moved_data = discover_source(f"{target.scheme}://{target.netloc}/", fetch,
                                   source_id=source_id or _source_id(host), name=name,
                                   province=province, max_section_pages=max_section_pages,
                                   browser_fetch=browser_fetch, render=render,
                                   _followed_base=True)
            moved_data["domains"] = [*moved_data["domains"], host]
            moved_data["notes"] += (
                f" {homepage} sets <base href> to {target.netloc}: its links lead there, so "
                "that host is the home page and this one an alias.")
            if moved_data.get("article_url_pattern"):
                moved_data["article_url_pattern"] = moved_data["article_url_pattern"].replace(
                    r"^https?://[^/]+/", r"^https?://(?:[^/]+\.)?(?:" + re.escape(base_host)
                    + "|" + re.escape(host) + r")/", 1)
            return moved_data

    robots_text = ""
    try:
        robots_text = fetch(root + "/robots.txt").decode("utf-8", errors="replace")
    except Exception as exc:
        logger.info("no robots.txt at %s: %s", root, exc)
    robots = Protego.parse(robots_text)
    from newsarchive.settings import USER_AGENT

    def allowed(url: str) -> bool:
        return bool(robots.can_fetch(url, USER_AGENT))

    sitemaps = [s for s in robots.sitemaps if _host(s) == host]
    if not sitemaps:
        try:
            if _is_sitemap(fetch(root + "/sitemap.xml")):
                sitemaps = [root + "/sitemap.xml"]
        except Exception:
            pass

    feeds = [f for f in _feeds(doc, homepage) if _host(f) == host]
    links = [(u, m) for u, m in _page_links(doc, homepage, host) if allowed(u)]

    def sections_from(link_list: list[tuple[str, bool]], folders: set[str]) -> list[str]:
        out: list[str] = []
        menu = frozenset(u for u, m in link_list if m)
        article_dirs = {"/".join(_segments(u)[:-1]) for u, _ in link_list
                        if _candidate(u, folders, menu) and len(_segments(u)) > 1}
        for url, in_menu in link_list:
            segs = _segments(url)
            if not segs or _candidate(url, folders, menu):
                continue
            if NOT_SECTIONS.search(urlsplit(url).path):
                continue
            if len(segs) > 3 or (urlsplit(url).query and not in_menu):
                continue
            if in_menu or "/".join(segs) in article_dirs:
                # A query names the section on older portals (List.aspx?CatID=3): keep it then.
                clean = url if urlsplit(url).query else url.split("?", 1)[0]
                if clean not in out:
                    out.append(clean)
        return out

    all_links = list(links)
    folders = _folders(u for u, _ in all_links)
    sections = sections_from(all_links, folders)
    for section in sections[:max_section_pages]:
        try:
            body = fetch(section)
        except Exception as exc:
            logger.info("section page %s not fetched: %s", section, exc)
            continue
        sdoc = _parse_html(body)
        if sdoc is not None:
            all_links.extend((u, m) for u, m in _page_links(sdoc, section, host) if allowed(u))
    render_kinds: dict[str, str] = {}
    listing_api: dict[str, Any] | None = None
    if render is not None:
        folders = _folders(u for u, _ in all_links)
        menu = frozenset(u for u, m in all_links if m)
        for section in sections[:max_section_pages]:
            try:
                static = _parse_html(fetch(section))
                rendered_body = render(section)
            except Exception as exc:
                logger.info("section %s not rendered: %s", section, exc)
                continue
            before = {u for u, _ in _page_links(static, section, host)} if static is not None \
                else set()
            rdoc = _parse_html(rendered_body)
            if rdoc is None:
                continue
            after = [(u, m) for u, m in _page_links(rdoc, section, host) if allowed(u)]
            new_links = [u for u, _ in after if u not in before]
            fresh = [u for u in new_links if _candidate(u, folders | _folders(new_links), menu)]
            if fresh and not [u for u in before if _candidate(u, folders, menu)]:
                render_kinds["listings"] = "js"
                all_links.extend(after)
                found_api = detect.find_listing_api(
                    list(getattr(render, "json_responses", [])), fresh, section)
                if found_api and listing_api is None:
                    listing_api = found_api
    folders = _folders(u for u, _ in all_links)
    urls = list(dict.fromkeys(u for u, _ in all_links))
    menu = frozenset(u for u, m in all_links if m)
    articles = [u for u in urls if _candidate(u, folders, menu)]
    others = [u for u in urls if u not in set(articles)]
    sections = sections_from(all_links, folders) or sections
    article_pattern = infer_article_pattern(articles, others)
    listing_pattern = infer_listing_pattern(sections)
    matched = [u for u in articles if article_pattern and re.search(article_pattern, u)]
    if listing_api and "{category}" in listing_api["url"]:
        slugs = [_segments(s)[-1] for s in sections if _segments(s)]
        listing_api["categories"] = list(dict.fromkeys([*listing_api.get("categories", []),
                                                        *slugs]))
    if render is not None and matched:
        step = max(1, len(matched) // 3)
        for url in matched[::step][:3]:
            try:
                if detect.body_needs_render(fetch(url), render(url), url):
                    render_kinds["articles"] = "js"
                    break
            except Exception as exc:
                logger.info("article %s not compared: %s", url, exc)

    data: dict[str, Any] = {
        "id": source_id or _source_id(host),
        "name": name or _site_name(doc) or host,
        "province": province,
        "kind": "newspaper",
        "homepage": homepage,
        "domains": [host],
        "start_urls": [homepage, *[s for s in sections if s != homepage][:MAX_START_URLS]],
        "feeds": feeds,
        "sitemaps": sitemaps,
        "article_url_pattern": article_pattern,
        "listing_url_pattern": listing_pattern,
        "headers": "browser" if headers_needed else None,
        "render": render_kinds or None,
        "listing_api": listing_api,
        "verified": False,
        "notes": (f"Discovered from {homepage} on {date.today().isoformat()} "
                  f"({len(matched)} article links matched on "
                  f"{1 + min(len(sections), max_section_pages)} "
                  f"pages). Check with `newsarchive sources check`."),
        "_evidence": {
            "links": len(urls),
            "article_links": articles,
            "matched": matched,
            "other_links": others,
            "crawl_delay": robots.crawl_delay(USER_AGENT),
        },
    }
    return data


def _folders(urls: Iterable[str]) -> set[str]:
    """Every proper path prefix of the given URLs (``news``, ``news/thoi-su``...)."""
    out: set[str] = set()
    for u in urls:
        segs = _segments(u)
        for i in range(1, len(segs)):
            out.add("/".join(segs[:i]))
    return out


def sources_sharing_hosts(data: dict[str, Any], sources: dict[str, Source]) -> list[str]:
    """Ids of other definitions that already claim one of ``data``'s hosts (warn before adding:
    URLs of a shared host would be attributed to whichever definition is found first)."""
    hosts = {h.lower().removeprefix("www.") for h in data.get("domains") or []}
    hosts.add(_host(str(data.get("homepage", ""))))
    return sorted(sid for sid, s in sources.items()
                  if sid != data.get("id") and hosts & set(s.all_domains))


# ---- writing -------------------------------------------------------------------------------
_KEY_ORDER = [f.name for f in fields(Source) if f.name != "path"]


def definition_yaml(data: dict[str, Any]) -> str:
    """A definition's YAML text: loader keys only, in Source field order, empties dropped."""
    clean = {k: data[k] for k in _KEY_ORDER
             if k in data and not k.startswith("_") and data[k] not in (None, [], {}, ())}
    clean.setdefault("verified", False)
    header = (f"# {clean.get('name', clean.get('id'))} — written by `newsarchive sources add`.\n"
              "# Edit freely; `newsarchive sources check <id>` reports what a crawl would find.\n")
    return header + str(yaml.safe_dump(clean, allow_unicode=True, sort_keys=False, width=100))


def write_definition(dir: str | Path, data: dict[str, Any], *, overwrite: bool = False) -> Path:
    """Validate ``data`` with the loader and write ``<dir>/<id>.yaml``; returns the path.

    Raises SourceError when the loader would reject it, FileExistsError when the file exists
    and ``overwrite`` is false.
    """
    text = definition_yaml(data)
    source_from_dict(yaml.safe_load(text), "<discovered definition>")
    target_dir = Path(dir)
    path = target_dir / f"{data['id']}.yaml"
    if path.exists() and not overwrite:
        raise FileExistsError(f"{path} exists; pass overwrite=True (--force) to replace it")
    target_dir.mkdir(parents=True, exist_ok=True)
    tmp = path.with_suffix(".yaml.tmp")
    tmp.write_text(text, encoding="utf-8")
    tmp.replace(path)
    return path


__all__ = ["DiscoveryError", "SourceError", "definition_yaml", "discover_source",
           "http_fetch", "infer_article_pattern", "infer_listing_pattern", "make_fetch",
           "sources_sharing_hosts", "write_definition"]
