"""Options that mean one thing everywhere: publication-date ranges, formats by file name, unknown
ids as errors, search words starting with '-', URL variants in history, run health in stats,
and help text on every option."""

from __future__ import annotations

import csv
import io
import json
import sqlite3
from typing import TYPE_CHECKING, Any

import click
import pytest

from newsarchive.cli import main
from newsarchive.mirror.server import MirrorServer
from newsarchive.vietnamese import fold
from tests.cli_support import dead_url, digest, error_line, invoke
from tests.conftest import run_cli

if TYPE_CHECKING:
    from pathlib import Path


@pytest.fixture(scope="module")
def mirror() -> Any:
    with MirrorServer() as server:
        yield server


@pytest.fixture(scope="module")
def archive(tmp_path_factory: pytest.TempPathFactory, mirror: MirrorServer) -> dict[str, Any]:
    work = tmp_path_factory.mktemp("options")
    flags = ["--db", str(work / "a.db"), "--warc-dir", str(work / "warc"),
             "--sources-dir", str(work / "src")]
    res = run_cli("crawl", "baotayninh", "baolaichau", "--mirror", mirror.url, *flags)
    assert res.returncode == 0, res.stderr[-2000:]
    return {"db": work / "a.db", "flags": flags, "work": work}


def query(db: Path, sql: str, *params: Any) -> list[tuple[Any, ...]]:
    conn = sqlite3.connect(db)
    try:
        return conn.execute(sql, params).fetchall()
    finally:
        conn.close()


# ---- --since / --until: the publication day, in every command ---------------------------------
def test_export_since_until_filter_by_publication_day(archive: dict[str, Any],
                                                      tmp_path: Path) -> None:
    db = archive["db"]
    out = tmp_path / "range.jsonl"
    res = invoke("export", "--db", str(db), "-o", str(out), "--since", "2020-01-01",
                 "--until", "31/12/2023")  # ISO and day-first both
    assert res.exit_code == 0, res.output
    days = [json.loads(line)["published_day"] for line in out.read_text("utf-8").splitlines()]
    expected = query(db, "select count(*) from articles where published_day "
                         "between '2020-01-01' and '2023-12-31'")[0][0]
    assert len(days) == expected > 0
    assert all("2020-01-01" <= d <= "2023-12-31" for d in days)


def test_search_since_until_filter_by_publication_day(archive: dict[str, Any]) -> None:
    db = str(archive["db"])
    everything = invoke("search", "tinh", "--db", db, "--json", "--limit", "500")
    ranged = invoke("search", "tinh", "--db", db, "--json", "--limit", "500",
                    "--since", "1/1/2020", "--until", "2023-12-31")
    assert everything.exit_code == ranged.exit_code == 0
    all_hits = [json.loads(line) for line in everything.stdout.splitlines()]
    in_range = [h["url"] for h in all_hits if "2020-01-01" <= h["published"][:10] <= "2023-12-31"]
    got = [json.loads(line)["url"] for line in ranged.stdout.splitlines()]
    assert got
    assert sorted(got) == sorted(in_range)


def test_reextract_since_until_filter_by_publication_day(archive: dict[str, Any]) -> None:
    db = archive["db"]
    expected = query(db, "select count(*) from articles where published_day "
                         "between '2024-01-01' and '2026-12-31'")[0][0]
    res = run_cli("reextract", *archive["flags"], "--since", "2024-01-01", "--until",
                  "2026-12-31")
    assert res.returncode == 0, res.stderr
    assert f"re-extracted {expected} captures" in res.stdout
    assert expected > 0


@pytest.mark.parametrize("command", [("search", "tinh"), ("export",), ("reextract",)],
                         ids=lambda c: c[0])
def test_a_date_that_is_no_date_is_a_usage_error(archive: dict[str, Any],
                                                 command: tuple[str, ...]) -> None:
    res = invoke(*command, "--db", str(archive["db"]), "--since", "31/2/2024")
    assert res.exit_code == 2
    assert "'31/2/2024' is not a date like 2019-01-01 (or day-first 1/7/2019)" in res.stderr


def test_crawl_back_to_is_the_backfill_limit_and_since_still_works(
        tmp_path: Path, mirror: MirrorServer) -> None:
    urls = {}
    for flag in ("--back-to", "--since"):
        db = tmp_path / f"{flag.strip('-')}.db"
        res = run_cli("crawl", "baotayninh", flag, "2024-01-01", "--mirror", mirror.url,
                      "--db", str(db), "--warc-dir", str(tmp_path / "warc"),
                      "--sources-dir", str(tmp_path / "src"))
        assert res.returncode in (0, 3), res.stderr[-2000:]
        deprecated = "warning: crawl --since is now called --back-to" in res.stderr
        assert deprecated == (flag == "--since")
        urls[flag] = {u for (u,) in query(db, "select url from articles")}
    assert urls["--back-to"] == urls["--since"]
    assert urls["--back-to"]


# ---- export formats ---------------------------------------------------------------------------
@pytest.mark.parametrize("name", ["bai.csv", "bai.jsonl", "bai.parquet"])
def test_export_format_follows_the_file_name(archive: dict[str, Any], tmp_path: Path,
                                             name: str) -> None:
    out = tmp_path / name
    res = invoke("export", "--db", str(archive["db"]), "-o", str(out), "--source", "baolaichau")
    assert res.exit_code == 0, res.output
    n = query(archive["db"], "select count(*) from articles where source = 'baolaichau'")[0][0]
    if name.endswith(".csv"):
        rows = list(csv.DictReader(io.StringIO(out.read_text(encoding="utf-8"))))
    elif name.endswith(".jsonl"):
        rows = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    else:
        rows = pytest.importorskip("pyarrow.parquet").read_table(out).to_pylist()
    assert len(rows) == n
    assert {r["source"] for r in rows} == {"baolaichau"}


@pytest.mark.parametrize(("args", "message"), [
    (["-o", "{dir}/bai.csv", "--format", "jsonl"],
     "bai.csv is named as CSV but --format is jsonl: name the file .jsonl, or drop --format"),
    (["-o", "{dir}/bai.txt"], "cannot tell the format of {dir}/bai.txt from its name"),
    (["-o", "{dir}/bai.jsonl", "--excel"], "--excel applies to CSV exports only"),
])
def test_export_refuses_a_format_that_does_not_fit(archive: dict[str, Any], tmp_path: Path,
                                                   args: list[str], message: str) -> None:
    res = invoke("export", "--db", str(archive["db"]),
                 *[a.format(dir=tmp_path) for a in args])
    assert res.exit_code == 2
    assert message.format(dir=tmp_path) in error_line(res.stderr)
    assert list(tmp_path.iterdir()) == []  # no file, not even a partial one


def test_export_excel_csv_starts_with_a_byte_order_mark(archive: dict[str, Any],
                                                        tmp_path: Path) -> None:
    plain, excel = tmp_path / "plain.csv", tmp_path / "excel.csv"
    for out, extra in ((plain, []), (excel, ["--excel"])):
        res = invoke("export", "--db", str(archive["db"]), "-o", str(out), *extra)
        assert res.exit_code == 0, res.output
    assert excel.read_bytes().startswith(b"\xef\xbb\xbfid,url,")
    assert not plain.read_bytes().startswith(b"\xef\xbb\xbf")
    assert excel.read_text(encoding="utf-8-sig") == plain.read_text(encoding="utf-8")
    assert "Lai Châu" in excel.read_text(encoding="utf-8-sig")


def test_export_never_overwrites_the_archive(archive: dict[str, Any]) -> None:
    db = archive["db"]
    before = digest(db)
    res = invoke("export", "--db", str(db), "-o", str(db), "--format", "csv")
    assert res.exit_code == 2
    assert "is the archive itself" in error_line(res.stderr)
    assert digest(db) == before


# ---- unknown ids ------------------------------------------------------------------------------
@pytest.mark.parametrize("command", [("search", "tinh"), ("export",), ("reextract",)],
                         ids=lambda c: c[0])
def test_an_unknown_source_in_the_archive_is_an_error(archive: dict[str, Any],
                                                      command: tuple[str, ...]) -> None:
    db = archive["db"]
    before = digest(db)
    extra = ["--sources-dir", str(archive["work"] / "src")] if command[0] == "reextract" else []
    res = invoke(*command, "--db", str(db), "--source", "baolaichua", *extra)
    assert res.exit_code == 2
    line = error_line(res.stderr)
    assert f"unknown source 'baolaichua' in {db} (known: " in line
    assert "baolaichau" in line
    assert digest(db) == before


@pytest.mark.parametrize("command", [("crawl", "baolaichua"), ("sources", "check", "baolaichua"),
                                     ("extract", "PAGE", "--source", "baolaichua"),
                                     ("warc-import", "PAGE", "--source", "baolaichua")],
                         ids=lambda c: " ".join(c[:2]))
def test_an_unknown_source_definition_is_an_error(tmp_path: Path,
                                                  command: tuple[str, ...]) -> None:
    page = tmp_path / "page.html"
    page.write_text("<html><body><p>Tin vắn</p></body></html>", encoding="utf-8")
    args = [str(page) if a == "PAGE" else a for a in command]
    db_flag = ["--db", str(tmp_path / "a.db")] if command[0] in ("crawl", "warc-import") else []
    res = invoke(*args, *db_flag, "--sources-dir", str(tmp_path / "src"))
    assert res.exit_code == 2
    assert "unknown source 'baolaichua': not in the shipped registry or " in \
        error_line(res.stderr)
    assert not (tmp_path / "a.db").exists()


def test_an_unknown_province_is_an_error(archive: dict[str, Any]) -> None:
    res = invoke("search", "tinh", "--db", str(archive["db"]), "--province", "Lai Chau Moi")
    assert res.exit_code == 2
    assert "no paper of province 'Lai Chau Moi'" in error_line(res.stderr)
    found = invoke("search", "tinh", "--db", str(archive["db"]), "--province", "lai chau")
    assert found.exit_code == 0
    assert found.stdout != "no matches\n"


# ---- search words ---------------------------------------------------------------------------
def _texts(db: Path) -> dict[str, str]:
    return {u: fold(" ".join(x or "" for x in rest)).lower() for u, *rest in query(
        db, "select url, title, sapo, body, (select group_concat(text, ' ') from captions c "
            "where c.article_id = a.id) from articles a")}


def test_search_words_may_start_with_a_minus(archive: dict[str, Any]) -> None:
    db = str(archive["db"])
    texts = _texts(archive["db"])
    res = invoke("search", "nong", "thon", "-moi", "--db", db, "--json", "--limit", "100")
    assert res.exit_code == 0, res.output
    urls = [json.loads(line)["url"] for line in res.stdout.splitlines()]
    assert urls
    assert all(" moi " not in f" {texts[u]} ".replace(",", " ").replace(".", " ") for u in urls)
    quoted = invoke("search", "nong thon -moi", "--db", db, "--json", "--limit", "100")
    assert quoted.stdout == res.stdout  # unquoted words are the same query
    both = invoke("search", "nong", "thon", "--db", db, "--json", "--limit", "100")
    assert len(both.stdout.splitlines()) > len(urls)


def test_search_after_double_dash_and_typos(archive: dict[str, Any]) -> None:
    db = str(archive["db"])
    only_minus = invoke("search", "--db", db, "--", "-dien")
    assert only_minus.exit_code == 2
    assert "the query only excludes words" in error_line(only_minus.stderr)
    typo = invoke("search", "dien", "--limt", "3", "--db", db)
    assert typo.exit_code == 2
    assert "No such option '--limt'" in typo.stderr


# ---- history ---------------------------------------------------------------------------------
def test_history_finds_the_article_under_any_spelling_of_its_url(archive: dict[str, Any]) -> None:
    db = str(archive["db"])
    url = query(archive["db"], "select url from articles where source = 'baotayninh' "
                               "order by url limit 1")[0][0]
    assert url.startswith("https://baotayninh.vn/")
    canonical = invoke("history", url, "--db", db, "--json")
    assert canonical.exit_code == 0
    rest = url.removeprefix("https://baotayninh.vn")
    for variant in (f"http://baotayninh.vn{rest}", f"https://www.baotayninh.vn{rest}",
                    f"{url}/", f"{url}?utm_source=zalo&utm_medium=social&fbclid=IwAR0x",
                    f"http://www.baotayninh.vn{rest}/?utm_campaign=tet"):
        res = invoke("history", variant, "--db", db, "--json")
        assert res.exit_code == 0, (variant, res.stderr)
        assert res.stdout == canonical.stdout
        assert f"note: archived as {url}" in res.stderr
    missing = invoke("history", "https://baotayninh.vn/khong-co-bai-nay-a1.html", "--db", db)
    assert missing.exit_code == 1
    assert "is not in" in error_line(missing.stderr)


# ---- stats -------------------------------------------------------------------------------------
def test_stats_shows_each_papers_last_run_and_health(archive: dict[str, Any],
                                                     tmp_path: Path) -> None:
    import shutil

    db = tmp_path / "copy.db"
    shutil.copy(archive["db"], db)
    res = invoke("stats", "--db", str(db), "--json")
    rows = {r["id"]: r for r in json.loads(res.stdout)}
    assert rows["baotayninh"]["last_run_state"] == "finished"
    assert rows["baotayninh"]["health"] == "ok"
    assert rows["baotayninh"]["last_run_pages"] > 0
    failed = run_cli("crawl", "baotayninh", "--refresh", "--mirror", dead_url(), "--db", str(db),
                     "--warc-dir", str(tmp_path / "warc"), "--sources-dir", str(tmp_path / "s"),
                     "-s", "RETRY_TIMES=0")
    assert failed.returncode == 1
    text = invoke("stats", "--db", str(db))
    header = text.stdout.splitlines()[0].split()
    assert header[-6:] == ["last", "run", "state", "pages", "new", "health"]
    line = next(r.split() for r in text.stdout.splitlines() if r.startswith("baotayninh"))
    assert line[-4:] == ["failed", "0", "0", "failed"]
    assert next(r.split() for r in text.stdout.splitlines()
                if r.startswith("baolaichau"))[-1] == "ok"


# ---- every option says what it does -----------------------------------------------------------
def _options(group: click.Group, prefix: str = "") -> list[tuple[str, str]]:
    found = []
    for name, cmd in group.commands.items():
        if isinstance(cmd, click.Group):
            found.extend(_options(cmd, f"{prefix}{name} "))
            continue
        for param in cmd.params:
            if isinstance(param, click.Option):
                found.append((f"{prefix}{name}", param.opts[0]))
    return found


@pytest.mark.parametrize(("command", "option"), _options(main))
def test_every_option_has_help_text(command: str, option: str) -> None:
    cmd: Any = main
    for part in command.split():
        cmd = cmd.commands[part]
    param = next(p for p in cmd.params if isinstance(p, click.Option) and p.opts[0] == option)
    assert param.help, f"{command} {option}"
    assert len(param.help) > 10, f"{command} {option}"
