"""Exports: JSONL/CSV round-trip every article with every field, NFC text, and a manifest."""

from __future__ import annotations

import csv
import importlib.util
import io
import json
import unicodedata
from typing import TYPE_CHECKING

import pytest

from newsarchive.archive import Archive
from newsarchive.archive.export import FIELDS, ExportError, export_articles
from newsarchive.archive.fixtures import EDITED_URL, build_fixture_archive
from newsarchive.items import Article

if TYPE_CHECKING:
    from collections.abc import Iterator
    from pathlib import Path


@pytest.fixture(scope="module")
def archive(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Archive]:
    path = build_fixture_archive(tmp_path_factory.mktemp("export") / "archive.db")
    with Archive(path) as a:
        # one article arrives decomposed (NFD), as some sites serve it
        a.store_article(
            Article(
                url="https://baosonla.vn/xa-hoi/nfd-1.html",
                source="baosonla",
                title=unicodedata.normalize("NFD", "Thủy điện Sơn La vận hành an toàn"),
                body=unicodedata.normalize("NFD", "Nhà máy thủy điện bảo đảm an toàn hồ đập."),
                published="2024-06-01",
                fetched_at="2024-12-10T01:00:00+00:00",
            )
        )
        # and one row written by an older tool, bypassing store_article's NFC step
        with a.transaction() as conn:
            conn.execute(
                "update articles set author = ? where url = ?",
                (
                    unicodedata.normalize("NFD", "Lường Thị Thủy"),
                    "https://baosonla.vn/xa-hoi/nfd-1.html",
                ),
            )
        yield a


def db_rows(archive: Archive) -> dict[str, dict[str, object]]:
    return {r["url"]: r for r in archive.db["articles"].rows}


def test_jsonl_round_trip(archive: Archive, tmp_path: Path) -> None:
    out = tmp_path / "articles.jsonl"
    manifest = export_articles(archive, "jsonl", out)
    lines = out.read_text(encoding="utf-8").splitlines()
    records = [json.loads(line) for line in lines]
    stored = db_rows(archive)
    assert len(records) == manifest["rows"] == len(stored) == 13
    for rec in records:
        assert list(rec) == list(FIELDS)
        row = stored[rec["url"]]
        for name, value in row.items():
            if name == "tags":
                assert rec["tags"] == json.loads(str(value))
            elif isinstance(value, str):
                assert rec[name] == unicodedata.normalize("NFC", value), name
            else:
                assert rec[name] == value, name
        for value in rec.values():
            if isinstance(value, str):
                assert unicodedata.is_normalized("NFC", value)
    nfd = next(r for r in records if r["url"] == "https://baosonla.vn/xa-hoi/nfd-1.html")
    assert nfd["author"] == "Lường Thị Thủy"
    assert nfd["title"] == "Thủy điện Sơn La vận hành an toàn"
    edited = next(r for r in records if r["url"] == EDITED_URL)
    assert edited["version"] == 2
    assert edited["province"] == "Điện Biên"
    assert edited["captions"] == [
        {
            "text": "Du khách tham quan Di tích Đồi A1.",
            "image_url": "https://baodienbienphu.info.vn/uploads/2024/09/doi-a1.jpg",
            "credit": "Hoàng Châu",
        }
    ]


def test_manifest_describes_the_file(archive: Archive, tmp_path: Path) -> None:
    out = tmp_path / "dienbien.jsonl"
    manifest = export_articles(archive, "jsonl", out, province="dien bien", since="1/7/2024")
    on_disk = json.loads((tmp_path / "dienbien.jsonl.manifest.json").read_text("utf-8"))
    assert on_disk["rows"] == manifest["rows"] == 3  # nông thôn mới, lễ hội, du lịch
    assert on_disk["filters"] == {"province": "dien bien", "since": "2024-07-01"}
    assert on_disk["schema_version"] == archive.schema_version
    assert on_disk["tool"] == "newsarchive"
    assert on_disk["tool_version"]
    assert on_disk["format"] == "jsonl"
    assert on_disk["file"] == "dienbien.jsonl"
    assert len(on_disk["sha256"]) == 64
    windows = {w["source"]: w for w in on_disk["crawl_windows"]}
    assert windows["baodienbienphu"]["first_started"] == "2024-12-12T01:00:00+00:00"
    assert windows[None]["crawls"] == 1


def test_csv_round_trip(archive: Archive, tmp_path: Path) -> None:
    out = tmp_path / "articles.csv"
    export_articles(archive, "csv", out, source="baodienbienphu")
    with out.open(encoding="utf-8", newline="") as fh:
        rows = list(csv.DictReader(fh))
    stored = {u: r for u, r in db_rows(archive).items() if r["source"] == "baodienbienphu"}
    assert len(rows) == len(stored) == 4
    assert list(rows[0]) == list(FIELDS)
    for row in rows:
        assert row["body"] == stored[row["url"]]["body"]  # multi-paragraph text survives
        assert json.loads(row["tags"]) == json.loads(str(stored[row["url"]]["tags"]))
        json.loads(row["captions"])


def test_stream_to_stdout_like_object(archive: Archive) -> None:
    buf = io.StringIO()
    manifest = export_articles(archive, "jsonl", stream=buf, category="giao duc")
    assert manifest["file"] is None
    titles = {json.loads(line)["title"] for line in buf.getvalue().splitlines()}
    assert len(titles) == manifest["rows"] == 3


def test_bad_requests_get_clear_errors(archive: Archive, tmp_path: Path) -> None:
    with pytest.raises(ExportError, match="unknown export format"):
        export_articles(archive, "xlsx", tmp_path / "x.xlsx")
    with pytest.raises(ExportError, match="not a date"):
        export_articles(archive, "jsonl", tmp_path / "x.jsonl", since="tuần trước")
    if importlib.util.find_spec("pyarrow") is None:
        with pytest.raises(ExportError, match="pyarrow"):
            export_articles(archive, "parquet", tmp_path / "x.parquet")


@pytest.mark.skipif(importlib.util.find_spec("pyarrow") is None, reason="pyarrow not installed")
def test_parquet_round_trip(archive: Archive, tmp_path: Path) -> None:
    import pyarrow.parquet as pq

    out = tmp_path / "articles.parquet"
    manifest = export_articles(archive, "parquet", out)
    table = pq.read_table(out)
    assert table.num_rows == manifest["rows"] == 13
    assert table.column_names == list(FIELDS)
    jsonl = tmp_path / "articles.jsonl"
    export_articles(archive, "jsonl", jsonl)
    expected = [json.loads(line) for line in jsonl.read_text("utf-8").splitlines()]
    assert table.to_pylist() == expected
