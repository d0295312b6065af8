"""Archive speed: ingest rate, search latency (vs a LIKE scan), bytes per article, WARC, reextract.

Run:  .venv/bin/python -m pytest -q -s tests/benchmarks/test_archive_speed.py
      NEWSARCHIVE_BENCH_N=1000000 ... for the million-article search figure (default 100,000).
The corpus is synthetic Vietnamese (seeded, generated here): provincial-news vocabulary, both
tone styles, place names, so the word frequencies look like a provincial archive's.
"""

from __future__ import annotations

import os
import random
import statistics
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from newsarchive.archive import Archive
from newsarchive.archive.warc import WarcWriter, reextract
from newsarchive.items import Article, Caption

SEARCH_N = int(os.environ.get("NEWSARCHIVE_BENCH_N", "100000"))
INGEST_N = int(os.environ.get("NEWSARCHIVE_BENCH_INGEST_N", "5000"))

PROVINCES = {
    "baodienbienphu": ["Điện Biên", "Điện Biên Phủ", "Mường Nhé", "Tủa Chùa", "Mường Chà"],
    "baolaichau": ["Lai Châu", "Mường Tè", "Tam Đường", "Sìn Hồ", "Phong Thổ"],
    "baosonla": ["Sơn La", "Mộc Châu", "Yên Châu", "Mường La", "Thuận Châu"],
    "baolaocai": ["Lào Cai", "Sa Pa", "Bát Xát", "Bắc Hà", "Si Ma Cai"],
    "baohagiang": ["Hà Giang", "Đồng Văn", "Mèo Vạc", "Yên Minh", "Quản Bạ"],
    "baoyenbai": ["Yên Bái", "Mù Cang Chải", "Văn Chấn", "Trạm Tấu", "Lục Yên"],
    "baohoabinh": ["Hòa Bình", "Mai Châu", "Lạc Sơn", "Đà Bắc", "Kim Bôi"],
    "baothainguyen": ["Thái Nguyên", "Đại Từ", "Định Hóa", "Phú Lương", "Võ Nhai"],
}
TOPICS = {
    "Thời sự": "Tỉnh ủy HĐND UBND hội nghị nghị quyết Bí thư Chủ tịch đồng chí kỳ họp đại biểu "
    "chỉ đạo triển khai sơ kết tổng kết nhiệm kỳ cán bộ đảng viên",
    "Kinh tế": "kinh tế đầu tư dự án doanh nghiệp hợp tác xã sản xuất tiêu thụ thị trường giá "
    "cà phê chè xoài nhãn mận sắn ngô lúa chăn nuôi xuất khẩu",
    "Nông nghiệp": "nông thôn mới nông dân vụ xuân gieo mạ thủy lợi kênh mương khuyến nông giống "
    "cây trồng phân bón thu hoạch năng suất",
    "Thiên tai": "mưa lũ sạt lở thiên tai lũ quét di dời khắc phục thiệt hại cứu hộ thủy điện "
    "hồ chứa xả lũ giao thông chia cắt",
    "Văn hóa": "văn hóa lễ hội xòe chiêng khèn bản sắc dân tộc đồng bào Thái Mông Dao di tích "
    "du lịch du khách hòa mình hoà nhạc",
    "Giáo dục": "giáo dục học sinh giáo viên trường học bán trú năm học tựu trường khai giảng "
    "sách giáo khoa tiếng Việt mầm non thi tốt nghiệp",
    "Y tế": "y tế bệnh viện bác sĩ khám chữa bệnh tiêm chủng sức khỏe sức khoẻ dinh dưỡng trạm "
    "y tế xã bảo hiểm",
}
FILLER = (
    "và của các những được trong cho với là có đã đang sẽ này đó để theo từ tại trên về khi "
    "người dân địa phương huyện xã bản thôn tổ chức thực hiện phát triển nâng cao hiệu quả "
    "chất lượng tích cực kịp thời đời sống nhân dân năm tháng ngày mới hơn nhiều toàn tỉnh "
    "công tác phong trào mô hình cộng đồng thuận lợi khó khăn hỗ trợ bảo đảm an toàn hòa thuận "
    "khỏe mạnh quý báu thủy chung"
).split()

QUERIES: list[tuple[str, dict[str, str]]] = [
    ("Điện Biên", {}),
    ("nông thôn mới", {}),
    ('"nông thôn mới"', {}),
    ("thủy lợi", {}),
    ("hoà nhạc", {}),
    ("Mường Tè", {}),
    ("sức khỏe", {}),
    ("Tỉnh ủy kỳ họp", {}),
    ("lễ hội xòe", {}),
    ("cà phê xuất khẩu", {}),
    ("dien bien phu", {}),
    ("nong thon moi", {}),
    ("thuy dien xa lu", {}),
    ("muong nhe", {}),
    ("sat lo", {}),
    ("dong van", {}),
    ('"dien bien phu"', {}),
    ('"Bí thư Tỉnh ủy"', {}),
    ("Mộc Châu du lịch", {}),
    ("xoài -nhãn", {}),
    ("tựu*", {}),
    ("Sơn La", {"source": "baosonla"}),
    ("mưa lũ", {"since": "2024-06-01"}),
    ("giáo viên", {"province": "Lai Châu"}),
]


def synthetic_articles(n: int, seed: int = 20240701, start: int = 0) -> Iterator[Article]:
    rng = random.Random(seed + start)
    sources = list(PROVINCES)
    topics = list(TOPICS)
    topic_words = {t: w.split() for t, w in TOPICS.items()}
    for i in range(start, start + n):
        src = sources[i % len(sources)]
        places = PROVINCES[src]
        topic = rng.choice(topics)
        words = topic_words[topic]

        def sentence(length: int) -> str:
            out = []
            for _ in range(length):
                r = rng.random()
                if r < 0.08:
                    out.append(rng.choice(places))
                elif r < 0.40:
                    out.append(rng.choice(words))
                else:
                    out.append(rng.choice(FILLER))
            s = " ".join(out)
            return s[0].upper() + s[1:] + "."

        title = sentence(rng.randint(8, 14))[:-1]
        sapo = sentence(rng.randint(20, 35))
        body = "\n\n".join(
            " ".join(sentence(rng.randint(12, 25)) for _ in range(rng.randint(3, 5)))
            for _ in range(rng.randint(3, 6))
        )
        day = 1 + (i * 7919) % (365 * 4)
        year, doy = 2021 + day // 365, day % 365
        month, mday = 1 + doy // 31 % 12, 1 + doy % 28
        yield Article(
            url=f"https://{src}.vn/{topic[:3].lower()}/bai-{i}.html",
            source=src,
            title=title,
            sapo=sapo,
            body=body,
            captions=[Caption(sentence(8), f"https://{src}.vn/img/{i}.jpg", "Ảnh: PV")],
            published=f"{year:04d}-{month:02d}-{mday:02d}T08:00:00+07:00",
            author=rng.choice(["Hoàng Châu", "Minh Thư", None, "Lò Thị Hoa"]),
            category=topic,
            tags=[rng.choice(words)],
            fetched_at="2024-12-01T00:00:00+00:00",
        )


def report(label: str, value: str) -> None:
    print(f"  {label:<48} {value}")  # benchmark output, read with -s


@pytest.fixture(scope="module")
def bench_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("archive-bench")


def test_ingest_rate(bench_dir: Path) -> None:
    """store_article, one transaction per article (as the crawl pipeline calls it), then batched."""
    arts = list(synthetic_articles(INGEST_N, start=10_000_000))
    with Archive(bench_dir / "ingest.db") as archive:
        t0 = time.perf_counter()
        for a in arts:
            archive.store_article(a)
        per_call = len(arts) / (time.perf_counter() - t0)
        t0 = time.perf_counter()
        with archive.transaction():
            for a in arts:
                archive.store_article(a)  # same content again: "unchanged"
        unchanged = len(arts) / (time.perf_counter() - t0)
        more = list(synthetic_articles(INGEST_N, start=20_000_000))
        t0 = time.perf_counter()
        for k in range(0, len(more), 500):
            with archive.transaction():
                for a in more[k : k + 500]:
                    archive.store_article(a)
        batched = len(more) / (time.perf_counter() - t0)
    print()
    report(f"ingest, new, 1 commit/article (n={len(arts)})", f"{per_call:,.0f} articles/s")
    report("ingest, new, 500 articles/commit", f"{batched:,.0f} articles/s")
    report("re-store unchanged (last_seen only)", f"{unchanged:,.0f} articles/s")
    assert per_call >= 2000, "target: >= 2,000 articles/s through store_article"


def _build_search_corpus(path: Path) -> float:
    t0 = time.perf_counter()
    with Archive(path) as archive:
        gen = synthetic_articles(SEARCH_N)
        while True:
            batch = [a for _, a in zip(range(2000), gen, strict=False)]
            if not batch:
                break
            with archive.transaction():
                for a in batch:
                    archive.store_article(a)
        archive.conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    return time.perf_counter() - t0


def test_search_latency_and_size(bench_dir: Path) -> None:
    path = bench_dir / f"search-{SEARCH_N}.db"
    build = _build_search_corpus(path)
    size = path.stat().st_size
    with Archive(path, readonly=True) as archive:
        conn = archive.conn
        for q, kw in QUERIES[:3]:  # warm the page cache
            archive.search(q, **kw)  # type: ignore[arg-type]
        times, hits = [], []
        for q, kw in QUERIES:
            runs = []
            for _ in range(3):
                t0 = time.perf_counter()
                res = archive.search(q, **kw)  # type: ignore[arg-type]
                runs.append(time.perf_counter() - t0)
            times.append(statistics.median(runs) * 1000)
            hits.append(len(res))
        like_times, fts_times = [], []
        for term in ("Mường Tè", "thủy lợi", "Bí thư Tỉnh ủy", "xuất khẩu"):
            t0 = time.perf_counter()
            conn.execute(
                "select id from articles where title like ? or sapo like ? or body like ? "
                "limit 20",
                (f"%{term}%",) * 3,
            ).fetchall()
            like_times.append((time.perf_counter() - t0) * 1000)
            t0 = time.perf_counter()
            archive.search(f'"{term}"')
            fts_times.append((time.perf_counter() - t0) * 1000)
        # a LIKE that has to look at every row (no match), the cost of a rare word
        t0 = time.perf_counter()
        conn.execute(
            "select count(*) from articles where title like ? or body like ?", ("%Hà Nội%",) * 2
        ).fetchone()
        like_full = (time.perf_counter() - t0) * 1000
        t0 = time.perf_counter()
        archive.search('"Hà Nội"')
        fts_rare = (time.perf_counter() - t0) * 1000
        try:
            parts = dict(
                conn.execute(
                    "select name, sum(pgsize) from dbstat group by name order by 2 desc"
                ).fetchall()
            )
        except Exception:  # dbstat is not compiled into every SQLite
            parts = {}
    ordered = sorted(times)
    p95 = ordered[max(0, int(round(0.95 * len(ordered))) - 1)]
    print()
    report(f"search corpus: {SEARCH_N:,} synthetic articles", f"built in {build:,.0f} s")
    report("database bytes per article", f"{size / SEARCH_N:,.0f} B ({size / 1e6:,.0f} MB)")
    if parts:
        fts = sum(v for k, v in parts.items() if k.startswith("articles_fts"))
        report("  of which FTS index + its content", f"{fts / SEARCH_N:,.0f} B/article")
        report("  articles table", f"{parts.get('articles', 0) / SEARCH_N:,.0f} B/article")
    for (q, kw), t, h in zip(QUERIES, times, hits, strict=True):
        report(f"  {q} {kw or ''}".rstrip(), f"{t:7.1f} ms  ({h} hits)")
    report(f"search latency over {len(QUERIES)} queries: median", f"{statistics.median(times):.1f} ms")
    report("search latency p95", f"{p95:.1f} ms")
    report(
        "phrase LIKE scan (limit 20) vs FTS, median",
        f"{statistics.median(like_times):.1f} ms vs {statistics.median(fts_times):.1f} ms "
        f"= {statistics.median(like_times) / statistics.median(fts_times):.1f}x",
    )
    report(
        "rare phrase: full LIKE scan vs FTS",
        f"{like_full:.1f} ms vs {fts_rare:.2f} ms = {like_full / fts_rare:,.0f}x",
    )
    assert all(h > 0 for h in hits[:-1])


def test_warc_bytes_and_reextract_rate(bench_dir: Path) -> None:
    n = 500
    chrome = "\n".join(
        f'<li><a href="/chuyen-muc/{i}">Chuyên mục {i} - Tin tức tổng hợp</a></li>'
        for i in range(150)
    )
    warc_dir = bench_dir / "warc"
    pages = []
    for a in synthetic_articles(n, start=30_000_000):
        paras = "".join(f"<p>{p}</p>\n" for p in a.body.split("\n\n"))
        html = (
            f'<!DOCTYPE html><html lang="vi"><head><meta charset="utf-8"><title>{a.title}</title>'
            f'<meta property="og:type" content="article"><meta property="og:title" '
            f'content="{a.title}"><meta property="article:published_time" '
            f'content="{a.published}"></head><body><nav><ul>{chrome}</ul></nav><article>'
            f'<h1>{a.title}</h1><p class="sapo">{a.sapo}</p>{paras}</article>'
            f"<footer>{chrome}</footer></body></html>"
        ).encode()
        pages.append((a.url, html))
    with Archive(bench_dir / "reextract.db") as archive, WarcWriter(warc_dir) as writer:
        for url, html in pages:
            loc = writer.write_response(
                url, status=200, body=html, headers={"Content-Type": "text/html; charset=utf-8"}
            )
            archive.record_capture(
                crawl_id=None,
                url=url,
                final_url=url,
                status=200,
                fetched_at="2024-12-01T00:00:00+00:00",
                content_type="text/html",
                digest=loc.digest,
                warc_file=loc.filename,
                warc_offset=loc.offset,
                warc_length=loc.length,
            )
        warc_bytes = sum(p.stat().st_size for p in writer.files)
        t0 = time.perf_counter()
        counts = reextract(archive, warc_dir)
        rate = n / (time.perf_counter() - t0)
    html_avg = sum(len(h) for _, h in pages) / n
    print()
    report("WARC bytes per article (gzip, request+response)", f"{warc_bytes / n:,.0f} B "
           f"(page {html_avg:,.0f} B)")
    report(f"reextract rate (n={n}, extract + store)", f"{rate:,.0f} articles/s  {counts}")
