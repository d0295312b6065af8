"""`serve`: the archive in Datasette (the web reading room)."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from newsarchive.cli.common import db_option, open_read


@click.command()
@db_option
@click.option("--host", default="127.0.0.1", show_default=True,
              help="Address to listen on (other machines can reach anything but 127.0.0.1).")
@click.option("--port", default=8001, show_default=True, type=click.IntRange(0, 65535),
              help="Port to listen on.")
def serve(db: str, host: str, port: int) -> None:
    """Browse and search the archive in Datasette (read-only)."""
    from newsarchive.web import serve as web_serve

    open_read(db).close()  # a missing, foreign or damaged file is one line, not a traceback
    sys.exit(web_serve(Path(db), host=host, port=port))
