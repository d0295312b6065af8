"""`serve`: the archive in Datasette (the web reading room)."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from newsarchive.cli.common import db_option
from newsarchive.cli.errors import ConfigError


@click.command()
@db_option
@click.option("--host", default="127.0.0.1", show_default=True,
              help="Address to listen on (other machines can reach anything but 127.0.0.1).")
@click.option("--port", default=8001, show_default=True, type=click.IntRange(0, 65535),
              help="Port to listen on.")
@click.option("--warc-dir", default=None, type=click.Path(file_okay=False),
              help="Where the archive's WARC files (and so its photos) are "
                   "[default: warc/ beside the archive].")
@click.option("--immutable/--no-immutable", default=None,
              help="Open a frozen copy without locking (chosen by itself in a read-only place).")
def serve(db: str, host: str, port: int, warc_dir: str | None, immutable: bool | None) -> None:
    """Browse and search the archive in Datasette, photos included (read-only)."""
    from newsarchive.archive.readonly import check_archive_file
    from newsarchive.web import read_only_place
    from newsarchive.web import serve as web_serve

    path = Path(db)
    if not path.is_file():
        raise ConfigError(f"no archive at {db}: pass its path with --db, or make one with "
                          "`newsarchive crawl` (or `make demo`)")
    check_archive_file(path)  # a text file or a truncated copy is one line, not a traceback
    photos = Path(warc_dir) if warc_dir else path.resolve().parent / "warc"
    if not photos.is_dir():
        click.echo(f"warning: no WARC folder at {photos}: pages show, photos do not "
                   "(pass --warc-dir)", err=True)
    frozen = read_only_place(path) if immutable is None else immutable
    mode = "immutable copy" if frozen else "read-only"
    click.echo(f"serving {db} ({mode}) at http://{host}:{port}/  (Ctrl-C to stop)", err=True)
    sys.exit(web_serve(path, host=host, port=port, warc_dir=photos, immutable=frozen))
