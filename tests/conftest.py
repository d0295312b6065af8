"""Shared fixtures: the real mirror server on 127.0.0.1 and real crawl subprocesses."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]

# Benchmarks run only through `make bench` (NEWSARCHIVE_BENCH=1), never in the default test run.
collect_ignore = [] if os.environ.get("NEWSARCHIVE_BENCH") else ["benchmarks"]


def run_cli(*args: str, cwd: Path | None = None, timeout: float = 600,
            env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    """Run `newsarchive ARGS` as a real subprocess."""
    full_env = {**os.environ, "PYTHONUNBUFFERED": "1", **(env or {})}
    return subprocess.run(
        [sys.executable, "-m", "newsarchive.cli", *args],
        cwd=cwd or REPO, capture_output=True, text=True, timeout=timeout, env=full_env,
    )
