"""``newsarchive eval``: extraction measured where it cannot flatter.

The report (:func:`run_eval`) keeps three things apart: the project's own pages, the public dev
sets (zyte-dev and the dev pages written in the registry-evidence families) with the held-out
pages in their own block, and a robustness run on scrambled markup; then each markup family read
with the generic layers only.  newsarchive stands beside trafilatura and newspaper4k (the ``eval``
extra), compared only on the fields each produces.  The scrambler is
:mod:`newsarchive.evaluate.robustness`.
"""

from __future__ import annotations

from newsarchive.evaluate.report import ROWS, EvalError, format_table, run_eval
from newsarchive.evaluate.runner import evaluate_corpus, robustness, scramble_pages

__all__ = ["ROWS", "EvalError", "evaluate_corpus", "format_table", "robustness", "run_eval",
           "scramble_pages"]
