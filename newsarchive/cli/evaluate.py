"""`eval`: extraction scored on the labelled corpus."""

from __future__ import annotations

import sys

import click

from newsarchive.cli.errors import ConfigError


@click.command("eval")
@click.option("--no-zyte", is_flag=True, help="Skip the zyte-dev pages (../shared/).")
@click.option("--no-peers", is_flag=True,
              help="Score newsarchive only (no trafilatura/newspaper4k).")
@click.option("--no-robustness", is_flag=True, help="Skip the scrambled-markup re-run.")
@click.option("--seed", type=int, default=12, show_default=True,
              help="Seed of the class/id renaming and chrome reordering.")
def eval_command(no_zyte: bool, no_peers: bool, no_robustness: bool, seed: int) -> None:
    """Score extraction: own pages, public dev sets, held-out pages, robustness, per family."""
    from newsarchive.evaluate import EvalError, run_eval

    try:
        run_eval(sys.stdout, zyte=not no_zyte, peers=not no_peers, robust=not no_robustness,
                 seed=seed)
    except EvalError as exc:
        raise ConfigError(str(exc)) from exc
