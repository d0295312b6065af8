"""Every shipped definition's evidence rows exist in shared/registry-evidence/sites.tsv as cited.

Reads ../shared (so it lives here, outside the default run): `make bench`.
"""

from __future__ import annotations

import csv
from typing import TYPE_CHECKING

from newsarchive.sources import load_sources

if TYPE_CHECKING:
    from pathlib import Path


def test_cited_rows_match_the_evidence_table(shared_dir: Path) -> None:
    with (shared_dir / "registry-evidence" / "sites.tsv").open(encoding="utf-8") as fh:
        rows = {r["row_id"]: r for r in csv.DictReader(fh, delimiter="\t")}
    wrong = []
    cited: set[str] = set()
    for source in load_sources().values():
        domains = set(source.all_domains)
        for ev in source.evidence:
            row = rows.get(ev["row"])
            if row is None:
                wrong.append(f"{source.id}: {ev['row']} is not in the table")
                continue
            cited.add(ev["row"])
            for key, column in (("evidence", "evidence"), ("observed_at", "observed_at"),
                                ("confidence", "confidence")):
                if ev[key] != row[column]:
                    wrong.append(f"{source.id}: {ev['row']} {key} differs from the table")
            if source.profile is None and row["domain"].removeprefix("www.") not in domains:
                wrong.append(f"{source.id}: cites {ev['row']} about {row['domain']}")
    assert wrong == []
    # every domain of the table is some definition's host or alias
    hosts = {h for s in load_sources().values() for h in s.all_domains}
    assert sorted({r["domain"] for r in rows.values()} - hosts) == []
    print(f"\n{len(cited)} of {len(rows)} evidence rows cited by the shipped registry")
