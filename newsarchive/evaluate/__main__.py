"""``python -m newsarchive.evaluate [--no-zyte] [--no-peers]``: the eval table on stdout."""

from __future__ import annotations

import argparse
import logging
import sys

from newsarchive.evaluate import run_eval


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description="newsarchive beside trafilatura and newspaper4k.")
    parser.add_argument("--no-zyte", action="store_true", help="skip the zyte-dev body benchmark")
    parser.add_argument("--no-peers", action="store_true", help="newsarchive only")
    args = parser.parse_args(argv)
    logging.basicConfig(level=logging.ERROR, format="%(levelname)s %(name)s: %(message)s")
    run_eval(sys.stdout, zyte=not args.no_zyte, peers=not args.no_peers)


if __name__ == "__main__":
    main()
