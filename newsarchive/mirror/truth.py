"""Truth records for every mirror site, and the committed ``truth.jsonl`` they are written to.

Tests and benchmarks score extraction and crawling against these records.  Regenerate the file
after editing content or site modules with ``python -m newsarchive.mirror.truth``.
"""

from __future__ import annotations

import argparse
import json
import logging
from pathlib import Path
from typing import Any

from newsarchive.mirror import build_sites

LOGGER = logging.getLogger(__name__)

TRUTH_PATH = Path(__file__).parent / "truth.jsonl"


def truth_records(*, faults: bool = False) -> list[dict[str, Any]]:
    """Every site's truth records, sites in source-id order, pages in site order.

    Fault pages' records (carrying a ``"fault"`` key) are included only with ``faults=True``.
    """
    records: list[dict[str, Any]] = []
    sites = build_sites(faults=faults)
    for source_id in sorted(sites):
        for rec in sites[source_id].truth:
            if rec.get("fault") and not faults:
                continue
            records.append(rec)
    return records


def article_truth(*, faults: bool = False) -> dict[str, dict[str, Any]]:
    """Article records keyed by canonical URL."""
    return {r["url"]: r for r in truth_records(faults=faults) if r.get("is_article")}


def to_jsonl(records: list[dict[str, Any]]) -> str:
    """One JSON object per line, keys sorted, non-ASCII kept (the file is read by people too)."""
    return "".join(json.dumps(r, ensure_ascii=False, sort_keys=True) + "\n" for r in records)


def load_truth(path: Path = TRUTH_PATH) -> list[dict[str, Any]]:
    """The committed records."""
    with path.open(encoding="utf-8") as fh:
        return [json.loads(line) for line in fh if line.strip()]


def write_truth(path: Path = TRUTH_PATH) -> int:
    """Regenerate the committed file; returns the number of records written."""
    records = truth_records()
    path.write_text(to_jsonl(records), encoding="utf-8")
    return len(records)


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description="Regenerate newsarchive/mirror/truth.jsonl.")
    parser.add_argument("--output", type=Path, default=TRUTH_PATH)
    args = parser.parse_args(argv)
    logging.basicConfig(level=logging.INFO, format="%(message)s")
    n = write_truth(args.output)
    LOGGER.info("wrote %d truth records to %s", n, args.output)


if __name__ == "__main__":
    main()
