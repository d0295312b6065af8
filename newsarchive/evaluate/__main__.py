"""``python -m newsarchive.evaluate [--no-zyte] [--no-peers] [--no-robustness]``: the report."""

from __future__ import annotations

import argparse
import logging
import sys

from newsarchive.evaluate import EvalError, run_eval


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description="newsarchive beside trafilatura and newspaper4k.")
    parser.add_argument("--no-zyte", action="store_true", help="skip the zyte-dev pages")
    parser.add_argument("--no-peers", action="store_true", help="newsarchive only")
    parser.add_argument("--no-robustness", action="store_true", help="skip the scrambled re-run")
    parser.add_argument("--seed", type=int, default=12, help="seed of the scrambler")
    args = parser.parse_args(argv)
    logging.basicConfig(level=logging.ERROR, format="%(levelname)s %(name)s: %(message)s")
    try:
        run_eval(sys.stdout, zyte=not args.no_zyte, peers=not args.no_peers,
                 robust=not args.no_robustness, seed=args.seed)
    except EvalError as exc:
        sys.exit(f"error: {exc}")


if __name__ == "__main__":
    main()
