"""Archive commands end to end: reextract, history, export, warc-import — real crawl, real files."""

from __future__ import annotations

import copy
import io
import json
import sqlite3
from pathlib import Path
from typing import Any

import pytest

from newsarchive.mirror import build_sites
from newsarchive.mirror.server import MirrorServer
from tests.conftest import run_cli

FIELDS = "url, source, title, sapo, body, published, author, credit, category, tags"


@pytest.fixture(scope="module")
def crawled(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Any]:
    work = tmp_path_factory.mktemp("arch")
    flags = ["--db", str(work / "a.db"), "--warc-dir", str(work / "warc"),
             "--sources-dir", str(work / "src")]
    with MirrorServer() as mirror:
        res = run_cli("crawl", "baolaichau", "--mirror", mirror.url, *flags)
    assert res.returncode == 0, res.stderr[-2000:]
    return {"work": work, "db": work / "a.db", "flags": flags}


def snapshot(db: Path) -> list[tuple[Any, ...]]:
    conn = sqlite3.connect(db)
    try:
        return conn.execute(f"select {FIELDS} from articles order by url").fetchall()
    finally:
        conn.close()


def test_reextract_reproduces_the_crawled_rows_without_network(crawled: dict[str, Any]) -> None:
    db = crawled["db"]
    before = snapshot(db)
    # No mirror is running now: everything must come from the WARC files.
    res = run_cli("reextract", *crawled["flags"])
    assert res.returncode == 0, res.stderr[-2000:]
    assert f"unchanged {len(before)}" in res.stdout
    assert snapshot(db) == before


def test_export_jsonl_round_trip_with_manifest(crawled: dict[str, Any], tmp_path: Path) -> None:
    out = tmp_path / "laichau.jsonl"
    res = run_cli("export", "--db", str(crawled["db"]), "--format", "jsonl", "-o", str(out),
                  "--source", "baolaichau")
    assert res.returncode == 0, res.stderr
    rows = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    manifest = json.loads((tmp_path / "laichau.jsonl.manifest.json").read_text(encoding="utf-8"))
    assert manifest["rows"] == len(rows) == len(snapshot(crawled["db"]))
    assert manifest["filters"] == {"source": "baolaichau"}
    assert {"url", "title", "body", "captions", "published", "author"} <= set(rows[0])
    # What an analyst does: the JSONL straight into pandas, same rows and fields.
    pandas = pytest.importorskip("pandas")
    frame = pandas.read_json(out, lines=True, dtype=False)
    assert len(frame) == len(rows)
    assert set(frame.columns) == set(rows[0])
    assert list(frame["title"]) == [r["title"] for r in rows]
    pyarrow = pytest.importorskip("pyarrow.parquet")
    pq = tmp_path / "laichau.parquet"
    assert run_cli("export", "--db", str(crawled["db"]), "--format", "parquet", "-o",
                   str(pq)).returncode == 0
    assert pyarrow.read_table(pq).num_rows == len(rows)


def test_history_shows_versions_and_word_diff(tmp_path: Path) -> None:
    sites = build_sites()
    site = copy.deepcopy(sites["baotayninh"])
    rec = site.articles()[0]
    path = rec["url"].removeprefix(site.base_url)
    old_title = rec["title"]
    new_title = old_title + " (cập nhật)"
    page = site.pages[path]
    page.body = page.body.replace(old_title.encode(), new_title.encode())
    flags = ["--db", str(tmp_path / "a.db"), "--warc-dir", str(tmp_path / "warc"),
             "--sources-dir", str(tmp_path / "src")]
    with MirrorServer() as mirror:
        assert run_cli("crawl", "baotayninh", "--mirror", mirror.url, *flags).returncode == 0
    with MirrorServer(sites={**sites, "baotayninh": site}) as mirror:
        again = run_cli("crawl", "baotayninh", "--refresh", "--mirror", mirror.url, *flags)
    assert again.returncode in (0, 3), again.stderr[-2000:]
    res = run_cli("history", rec["url"], "--db", str(tmp_path / "a.db"), "--json")
    assert res.returncode == 0, res.stderr
    data = json.loads(res.stdout)
    assert [v["version"] for v in data["versions"]] == [1, 2]
    assert data["versions"][1]["title"].endswith("(cập nhật)")
    title_ops = data["diffs"][0]["fields"]["title"]
    inserted = " ".join(" ".join(op[1]) if isinstance(op[1], list) else str(op[1])
                        for op in title_ops if op[0] in ("insert", "+", "added"))
    assert "cập nhật" in inserted or "cập nhật" in json.dumps(title_ops, ensure_ascii=False)
    text = run_cli("history", rec["url"], "--db", str(tmp_path / "a.db"))
    assert "version 2" in text.stdout


def test_warc_import_of_a_warcio_written_file(tmp_path: Path) -> None:
    from warcio.statusandheaders import StatusAndHeaders
    from warcio.warcwriter import WARCWriter

    site = build_sites()["baotuyenquang"]
    rec = site.articles()[1]
    body = site.pages[rec["url"].removeprefix(site.base_url)].body
    warc = tmp_path / "other-tool.warc.gz"
    with warc.open("wb") as fh:
        writer = WARCWriter(fh, gzip=True)
        headers = StatusAndHeaders("200 OK", [("Content-Type", "text/html; charset=utf-8")],
                                   protocol="HTTP/1.1")
        record = writer.create_warc_record(rec["url"], "response", payload=io.BytesIO(body),
                                           http_headers=headers)
        writer.write_record(record)
        record.raw_stream.close()
    db = tmp_path / "a.db"
    res = run_cli("warc-import", str(warc), "--db", str(db), "--sources-dir", str(tmp_path / "s"))
    assert res.returncode == 0, res.stderr[-2000:]
    conn = sqlite3.connect(db)
    row = conn.execute("select title, source, capture_id from articles").fetchone()
    conn.close()
    assert row[0] == rec["title"] and row[1] == "baotuyenquang" and row[2]


def test_warc_import_of_a_missing_file_is_a_usage_error(tmp_path: Path) -> None:
    res = run_cli("warc-import", str(tmp_path / "none.warc.gz"), "--db", str(tmp_path / "a.db"))
    assert res.returncode == 2 and "Traceback" not in res.stderr
