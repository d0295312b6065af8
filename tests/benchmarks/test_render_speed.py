"""Rendering cost: rendered against static pages/s in one run, and the browser's memory over
1,000 rendered pages (bounded, and flat: no growth from page to page).

Run: make bench   (or: NEWSARCHIVE_BENCH=1 .venv/bin/python -m pytest -s
tests/benchmarks/test_render_speed.py).  Needs Chromium (skips without one).

The pages are Báo Thanh Hóa's script-decoded article (the mirror's, served under 2,000 paths),
fetched and extracted first plain, then rendered through newsarchive's rendering download
handler (scrapy-playwright, one context, at most ``MAX_PAGES`` pages open) in the same process.
Memory is the Chromium processes' RSS summed (shared pages counted in each process) and their
PSS summed (what the browser really holds), sampled every 20 rendered pages; the bound and the
flatness are asserted on both.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path
from statistics import mean

import pytest

from newsarchive.mirror import build_sites
from newsarchive.mirror.model import Site
from newsarchive.mirror.server import MirrorServer
from newsarchive.render import unavailable_reason
from tests.conftest import REPO

HERE = Path(__file__).parent
N_PAGES = 1000
HOST = "bench.baothanhhoa.vn"
#: Targets.  Memory: the browser never holds more than this, and the last quarter of the run
#: averages within 15 % of the second quarter (the first warms up).  Speed: rendering may cost
#: many times a plain fetch, but a crawl must still render a few pages a second here.
MAX_BROWSER_RSS = 2_000 * 1024 * 1024
MAX_BROWSER_PSS = 1_000 * 1024 * 1024
FLAT_WITHIN = 0.15
MIN_RENDERED_PER_S = 2.0


def marker() -> str:
    """The first paragraph of the benchmark article's body (only rendering reads it)."""
    paper = build_sites()["baothanhhoa"]
    rec = next(t for t in paper.articles() if "render" in t.get("needs", []))
    return str(rec["body"]).split("\n\n")[0]


def flat(samples: list[float]) -> tuple[float, float]:
    """(second-quarter mean, last-quarter mean) of the samples."""
    q = len(samples) // 4
    return mean(samples[q:2 * q]), mean(samples[-q:])


def bench_site() -> Site:
    paper = build_sites()["baothanhhoa"]
    rec = next(t for t in paper.articles() if "render" in t.get("needs", []))
    page = paper.pages[rec["url"].removeprefix(paper.base_url)]
    pages = {"/robots.txt": paper.pages["/robots.txt"]}
    for kind in ("static", "rendered"):
        for i in range(N_PAGES):
            pages[f"/{kind}/bai-bao-{i}.htm"] = page
    return Site(source_id="bench", host=HOST, scheme="https", pages=pages, truth=[])


@pytest.mark.timeout(1800)  # 2,000 pages, half of them in a browser: about 5 minutes here
def test_rendered_vs_static_pages_per_second_and_browser_memory(tmp_path: Path) -> None:
    reason = unavailable_reason()
    if reason:
        pytest.skip(reason)
    urls = tmp_path / "urls.txt"
    urls.write_text("\n".join(f"{kind} https://{HOST}/{kind}/bai-bao-{i}.htm"
                              for kind in ("static", "rendered") for i in range(N_PAGES)),
                    encoding="utf-8")
    out = tmp_path / "out.json"
    with MirrorServer(sites={"bench": bench_site()}) as server:
        run = subprocess.run([sys.executable, str(HERE / "render_fetch.py"), server.url,
                              str(urls), str(out), marker()], cwd=REPO, capture_output=True,
                             text=True, timeout=1800)
    assert run.returncode == 0, run.stderr[-3000:]
    result = json.loads(out.read_text(encoding="utf-8"))
    static, rendered = result["static"], result["rendered"]
    mb = 1024 * 1024
    rss = [r / mb for r in result["rss"]]
    pss = [p / mb for p in result["pss"]]
    ratio = static["pages_per_s"] / rendered["pages_per_s"]
    print(f"\nstatic:   {static['pages']} pages, {static['pages_per_s']:.1f} pages/s "
          f"({static['with_body']} with the article's real body)")
    print(f"rendered: {rendered['pages']} pages, {rendered['pages_per_s']:.1f} pages/s "
          f"({rendered['with_body']} with the article's real body)")
    print(f"ratio static/rendered: {ratio:.1f}")
    for name, samples in (("RSS", rss), ("PSS", pss)):
        second, last = flat(samples)
        print(f"browser {name} over {rendered['pages']} rendered pages, MB every 20: "
              + " ".join(f"{r:.0f}" for r in samples))
        print(f"  second quarter mean {second:.0f} MB, last quarter mean {last:.0f} MB, "
              f"max {max(samples):.0f} MB")
    print(result["stats"])
    assert static["pages"] == rendered["pages"] == N_PAGES
    assert rendered["with_body"] == N_PAGES  # every rendered page decoded
    assert static["with_body"] == 0  # a plain fetch cannot read these bodies
    assert result["stats"].get("playwright/page_count/max_concurrent", 0) <= 4
    assert max(rss) * mb <= MAX_BROWSER_RSS
    assert max(pss) * mb <= MAX_BROWSER_PSS
    for samples in (rss, pss):
        second, last = flat(samples)
        assert abs(last - second) <= FLAT_WITHIN * second
    assert rendered["pages_per_s"] >= MIN_RENDERED_PER_S
