"""Write the held-out pages and their truth: ``python -m tests.corpus.heldout.build``.

Held-out pages are never used to tune the extractor and are reported on their own by
``newsarchive eval``; keep everything about them (markup, stories) in this folder.
"""

from __future__ import annotations

import shutil
from pathlib import Path

from tests.corpus.heldout import f1_f2, f3_f4, f5_f6_f7
from tests.corpus.kit import Page, write_split

ROOT = Path(__file__).resolve().parent
MODULES = (f1_f2, f3_f4, f5_f6_f7)


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
