"""`mirror serve`: the bundled offline mirror of provincial sites, on loopback."""

from __future__ import annotations

import errno
import time

import click

from newsarchive.cli.errors import ConfigError


@click.group()
def mirror() -> None:
    """The bundled offline mirror of provincial sites."""


@mirror.command("serve")
@click.option("--port", default=8765, show_default=True, type=click.IntRange(0, 65535),
              help="Port on 127.0.0.1 (0: any free port).")
@click.option("--faults", is_flag=True, help="Also serve broken pages (for tests).")
def mirror_serve(port: int, faults: bool) -> None:
    """Serve the mirror on 127.0.0.1:PORT until interrupted."""
    from newsarchive.mirror.server import MirrorServer

    try:
        server = MirrorServer(port=port, faults=faults)
        server.__enter__()
    except OSError as exc:
        if exc.errno == errno.EADDRINUSE:
            raise ConfigError(f"port {port} on 127.0.0.1 is already in use (another mirror?): "
                              "pick another with --port, or --port 0 for any free one") from exc
        raise
    try:
        click.echo(f"mirror serving at {server.url}  "
                   f"(crawl with: newsarchive crawl --all --mirror {server.url})")
        try:
            while True:
                time.sleep(3600)
        except KeyboardInterrupt:
            click.echo("stopped")
    finally:
        server.__exit__(None, None, None)
