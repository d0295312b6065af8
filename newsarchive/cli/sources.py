"""`sources list|add|check`: the definitions of the papers, and adding one without moving data."""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Any
from urllib.parse import urlsplit

import click

from newsarchive.cli.common import load_sources, require_defined, sources_dir_option, table
from newsarchive.cli.errors import ConfigError, RunFailed

if TYPE_CHECKING:
    from newsarchive.sources import Source


@click.group()
def sources() -> None:
    """Source definitions (one file per paper)."""


@sources.command("list")
@sources_dir_option
@click.option("--json", "as_json", is_flag=True, help="Print the definitions as JSON.")
def sources_list(sources_dir: str, as_json: bool) -> None:
    """List every defined source."""
    found = load_sources(sources_dir)
    rows = [{"id": s.id, "name": s.name, "province": s.province, "homepage": s.homepage,
             "verified": "yes" if s.verified else "no"} for s in found.values()]
    if as_json:
        click.echo(json.dumps(rows, ensure_ascii=False, indent=2))
        return
    click.echo(table(rows, [("id", "id"), ("name", "name"), ("province", "province"),
                            ("homepage", "homepage"), ("verified", "verified")]))


def _where(source: Source) -> str:
    path = source.path or ""
    return f"yours, {path}" if "registry" not in Path(path).parts else "shipped with newsarchive"


def claimed_by(hosts: set[str], sources: dict[str, Source], but: str,
               port: int | None = None) -> dict[str, list[str]]:
    """{other source id: the hosts of ``hosts`` it claims on ``port``} (a source owns a host
    and port: two papers served from one host on different ports are two papers)."""
    out: dict[str, list[str]] = {}
    for sid, s in sources.items():
        if sid == but or s.port != port:
            continue
        shared = sorted(h for h in hosts if h in s.all_domains)
        if shared:
            out[sid] = shared
    return out


def _refuse_claimed(hosts: set[str], sources: dict[str, Source], source_id: str,
                    port: int | None = None) -> None:
    clash = claimed_by(hosts, sources, source_id, port)
    if clash:
        owners = "; ".join(f"{sid} claims {', '.join(h)}" for sid, h in sorted(clash.items()))
        raise ConfigError(
            f"not adding {source_id}: {owners}. Crawl {', '.join(sorted(clash))} instead, or "
            f"pass --force to define a second source for the same hosts (its crawl will not "
            f"move their archived articles without --reassign)")


@sources.command("add")
@click.argument("source_id")
@click.option("--url", "home_url", required=True, help="The paper's home page.")
@click.option("--name", default=None, help="Display name, e.g. 'Báo Lai Châu'.")
@click.option("--province", default=None, help="The paper's province, e.g. 'Lai Châu'.")
@click.option("--mirror", default=None, metavar="URL", help="Discover through the offline mirror.")
@click.option("--render/--no-render", "use_render", default=None,
              help="Compare pages with what Chromium renders (default: when rendering is "
                   "installed) to detect script-built listings and bodies and JSON listing APIs.")
@click.option("--force", is_flag=True,
              help="Replace an existing definition of the same id, or add one whose hosts "
                   "another definition already claims.")
@sources_dir_option
def sources_add(source_id: str, home_url: str, name: str | None, province: str | None,
                mirror: str | None, use_render: bool | None, force: bool,
                sources_dir: str) -> None:
    """Discover a paper's feeds, sitemaps, sections, URL pattern and what it needs (headers,
    rendering, a JSON listing API); write its definition.

    Refuses an id that is already defined (shipped or yours) and a paper whose hosts another
    definition claims, unless --force: adding a source never moves archived articles.
    """
    import contextlib

    from newsarchive.render import Renderer, unavailable_reason
    from newsarchive.sources import BROWSER_HEADERS, ID_RE, SourceError
    from newsarchive.sources.discover import (
        DiscoveryError,
        discover_source,
        make_fetch,
        write_definition,
    )
    from newsarchive.urls import url_port

    if not ID_RE.match(source_id):
        raise click.BadParameter(f"{source_id!r}: lower-case letters, digits and _, "
                                 "starting with a letter (e.g. baolaichau)", param_hint="SOURCE_ID")
    host = (urlsplit(home_url).hostname or "").lower().removeprefix("www.")
    if urlsplit(home_url).scheme not in ("http", "https") or not host:
        raise click.BadParameter(f"{home_url!r} is not a web address like https://baolaichau.vn/",
                                 param_hint="--url")
    try:
        port = url_port(home_url)
    except ValueError:
        raise click.BadParameter(f"{home_url!r} has a bad port", param_hint="--url") from None
    found = load_sources(sources_dir)
    existing = found.get(source_id)
    if existing is not None and not force:
        raise ConfigError(
            f"source {source_id!r} already exists ({_where(existing)}): adding it again would "
            "replace that definition; choose another id, or pass --force to replace it")
    if not force:
        _refuse_claimed({host}, found, source_id, port)
    reason = unavailable_reason()
    if use_render and reason:
        raise ConfigError(reason)
    if use_render is None and reason:
        click.echo(f"note: not comparing with rendered pages ({reason})", err=True)
    renderer = Renderer(mirror) if (use_render or use_render is None) and not reason else None
    try:
        with contextlib.closing(renderer) if renderer else contextlib.nullcontext():
            data = discover_source(home_url, make_fetch(mirror), source_id=source_id, name=name,
                                   province=province,
                                   browser_fetch=make_fetch(mirror, headers=BROWSER_HEADERS),
                                   render=renderer)
            if renderer is not None and data.get("headers") == "browser":
                renderer.headers = dict(BROWSER_HEADERS)
    except DiscoveryError as exc:
        raise RunFailed(str(exc)) from exc
    except (OSError, ValueError, RuntimeError) as exc:
        raise RunFailed(f"cannot discover {home_url}: {exc}") from exc
    hosts = {h.lower().removeprefix("www.") for h in data.get("domains") or []} | {host}
    if not force:
        _refuse_claimed(hosts, found, source_id, port)
    try:
        path = write_definition(Path(sources_dir), data, overwrite=force)
    except SourceError as exc:
        raise ConfigError(str(exc)) from exc
    click.echo(f"wrote {path}")
    click.echo(f"  feeds: {len(data.get('feeds') or [])}  "
               f"sitemaps: {len(data.get('sitemaps') or [])}  "
               f"start pages: {len(data.get('start_urls') or [])}")
    click.echo(f"  article URLs match: {data.get('article_url_pattern')}")
    if len(data.get("domains") or []) > 1:
        click.echo(f"  hosts: {', '.join(data['domains'])} (its <base href> points to the first)")
    if data.get("headers"):
        click.echo("  headers: browser (the site answers 403 without browser-like headers)")
    for kind in data.get("render") or {}:
        what = "their links appear" if kind == "listings" else "the body appears"
        click.echo(f"  render: {kind} need a browser ({what} only after the page's scripts run)")
    if data.get("listing_api"):
        api = data["listing_api"]
        click.echo(f"  listing API: {api['url']}  ({len(api.get('categories') or [])} categories)")
    if existing is not None:
        click.echo(f"  replaces the definition {_where(existing)}", err=True)
    clash = claimed_by(hosts, found, source_id, port)
    if clash:
        click.echo(f"  note: its hosts are also claimed by {', '.join(sorted(clash))}; a crawl "
                   "of it will refuse to move their archived articles without --reassign",
                   err=True)
    click.echo(f"next: newsarchive sources check {source_id}   "
               f"then   newsarchive crawl {source_id}")


@sources.command("check")
@click.argument("source_id")
@click.option("--mirror", default=None, metavar="URL", help="Check against the offline mirror.")
@click.option("--articles", default=5, show_default=True, type=click.IntRange(1, 50),
              help="How many article pages to fetch and extract.")
@click.option("--json", "as_json", is_flag=True, help="Print the report as JSON.")
@sources_dir_option
def sources_check(source_id: str, mirror: str | None, articles: int, as_json: bool,
                  sources_dir: str) -> None:
    """Fetch a few pages of a source and report discovery, field coverage and evidence age."""
    import contextlib

    from newsarchive.render import Renderer, unavailable_reason
    from newsarchive.sources.check import check_source, format_report
    from newsarchive.sources.discover import make_fetch

    found = load_sources(sources_dir)
    require_defined([source_id], found, sources_dir)
    source = found[source_id]
    needs_browser = source.renders("listings") or source.renders("articles")
    renderer = (Renderer(mirror, headers=source.headers)
                if needs_browser and unavailable_reason() is None else None)
    with contextlib.closing(renderer) if renderer else contextlib.nullcontext():
        report: dict[str, Any] = check_source(source, make_fetch(mirror, headers=source.headers),
                                              max_articles=articles, render=renderer)
    click.echo(json.dumps(report, ensure_ascii=False, indent=2) if as_json
               else format_report(report))
    sys.exit(0 if report["ok"] else 1)
