"""Write the dev pages and their truth: ``python -m tests.corpus.dev.build`` from the repository.

The dev split is for tuning the extractor.  Its pages and truth.jsonl are committed; re-run this
after editing a family module and commit what changes.
"""

from __future__ import annotations

import shutil
from pathlib import Path

from tests.corpus.dev import (
    f1_b_maincontent,
    f2_cms_body,
    f3_content_detail,
    f4_a_id,
    f5_date_folder,
    f6_dcontent,
    f7_one_offs,
)
from tests.corpus.kit import Page, write_split

ROOT = Path(__file__).resolve().parent
MODULES = (f1_b_maincontent, f2_cms_body, f3_content_detail, f4_a_id, f5_date_folder,
           f6_dcontent, f7_one_offs)


def build() -> list[Page]:
    pages: list[Page] = []
    for module in MODULES:
        pages.extend(module.pages())
    return pages


def main() -> None:
    pages = build()
    for family in {p.truth["family"] for p in pages}:
        shutil.rmtree(ROOT / family, ignore_errors=True)
    write_split(ROOT, pages)
    print(f"{len(pages)} pages written under {ROOT}")


if __name__ == "__main__":
    main()
