"""`extract` (one page) and `normalize` (Vietnamese text on stdin)."""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Any

import click

from newsarchive.cli.common import load_sources, require_defined, sources_dir_option
from newsarchive.cli.errors import ConfigError, RunFailed

if TYPE_CHECKING:
    from newsarchive.sources import Source


@click.command()
@click.argument("file_or_url")
@click.option("--url", default=None, help="The page's URL, when FILE_OR_URL is a file.")
@click.option("--source", "source_id", default=None, help="Use this source definition.")
@sources_dir_option
@click.option("--json", "as_json", is_flag=True,
              help="Print one JSON object (the stable contract).")
def extract(file_or_url: str, url: str | None, source_id: str | None, sources_dir: str,
            as_json: bool) -> None:
    """Extract one page: prints the article fields, or is_article false for other pages."""
    from newsarchive.extract import extract as run_extract
    from newsarchive.sources import source_for_url

    if file_or_url.startswith(("http://", "https://")):
        data = _fetch(file_or_url)
        url = url or file_or_url
    else:
        path = Path(file_or_url)
        if not path.is_file():
            raise ConfigError(f"no such file: {file_or_url}")
        data = path.read_bytes()
        url = url or path.resolve().as_uri()
    if not _looks_like_html(data):
        raise ConfigError(f"{file_or_url} is not an HTML page")
    sources = load_sources(sources_dir)
    source: Source | None
    if source_id:
        require_defined([source_id], sources, sources_dir)
        source = sources[source_id]
    else:
        source = source_for_url(url, sources)
    result = run_extract(data, url, source)
    if result.is_article and result.article is not None:
        out: dict[str, Any] = {"is_article": True, **result.article.to_dict()}
        for k in ("fetched_url", "fetched_at", "http_status", "warc_file", "warc_offset",
                  "content_digest", "capture_id"):
            out.pop(k, None)
        if source is not None and not out.get("source"):
            out["source"] = source.id
    else:
        out = {"is_article": False, "page_type": result.page_type}
    if as_json:
        click.echo(json.dumps(out, ensure_ascii=False))
    else:
        for k, v in out.items():
            click.echo(f"{k}: {json.dumps(v, ensure_ascii=False) if not isinstance(v, str) else v}")


def _fetch(url: str) -> bytes:
    import urllib.error
    import urllib.request

    from newsarchive.settings import USER_AGENT

    req = urllib.request.Request(url, headers={"User-Agent": USER_AGENT})
    try:
        with urllib.request.urlopen(req, timeout=30) as resp:
            return bytes(resp.read(8 * 1024 * 1024))
    except (urllib.error.URLError, OSError, ValueError) as exc:
        raise RunFailed(f"cannot fetch {url}: {exc}") from exc


def _looks_like_html(data: bytes) -> bool:
    head = data[:4096].lower()
    if b"\x00" in head and b"<" not in head[:200]:
        return False
    return b"<" in head and any(t in head for t in (b"<html", b"<!doctype", b"<head", b"<body",
                                                     b"<div", b"<p", b"<meta", b"<title"))


@click.command()
@click.option("--style", type=click.Choice(["old", "new"]), default="old", show_default=True,
              help="Tone-mark style: old = hòa/thủy, new = hoà/thuỷ.")
@click.option("--fold", "do_fold", is_flag=True,
              help="Print the search-folded text (no marks, đ→d).")
def normalize(style: str, do_fold: bool) -> None:
    """Normalise Vietnamese text from stdin to stdout."""
    from newsarchive.vietnamese import fold, normalize_text

    data = sys.stdin.buffer.read()
    text = data.decode("utf-8", errors="replace")
    out_lines = []
    for line in text.splitlines():
        cleaned = normalize_text(line, style=style)
        out_lines.append(fold(cleaned) if do_fold else cleaned)
    sys.stdout.write("\n".join(out_lines) + ("\n" if text.endswith("\n") else ""))
