"""`eval`: extraction scored on the labelled corpus."""

from __future__ import annotations

import sys

import click

from newsarchive.cli.errors import ConfigError


@click.command("eval")
@click.option("--no-zyte", is_flag=True, help="Skip the zyte-dev body benchmark (../shared/).")
@click.option("--no-peers", is_flag=True,
              help="Score newsarchive only (no trafilatura/newspaper4k).")
def eval_command(no_zyte: bool, no_peers: bool) -> None:
    """Score extraction on the labelled corpus, beside trafilatura and newspaper4k."""
    from newsarchive.evaluate import run_eval

    try:
        run_eval(sys.stdout, zyte=not no_zyte, peers=not no_peers)
    except ImportError as exc:
        raise ConfigError(
            f"{exc}: install the peers with  pip install 'newsarchive[eval]'  or use --no-peers"
        ) from exc
