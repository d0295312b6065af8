"""Data for the custom pages: the home page's list of papers and the article page.

Queries run through Datasette's own connections (read-only, time-limited).  The home page's
per-paper numbers read indexes only (about 0.2 s on 1M articles) and are cached until the
archive file changes.
"""

from __future__ import annotations

import json
import logging
import time
from pathlib import Path
from typing import TYPE_CHECKING, Any

from datasette.database import QueryInterrupted

if TYPE_CHECKING:
    from datasette.database import Database

logger = logging.getLogger(__name__)

PAPERS_SQL = """
select
  s.id, s.name, s.province, s.kind, s.homepage,
  (select count(*) from articles a where a.source = s.id) as articles,
  c.id as crawl_id, c.state as crawl_state, c.started_at as crawl_started,
  c.finished_at as crawl_finished, c.new as crawl_new
from sources s
left join crawls c on c.id = (
  select id from crawls
  where crawls.source = s.id or crawls.source is null  -- null: a crawl of every paper
  order by started_at desc, id desc limit 1
)
order by s.province, s.name
"""

# First and last published day of one paper.  A paper's articles are spread through the
# published_day index, so walking that index from either end finds them after a few rows;
# "+source" keeps SQLite from reading all of a big paper's rows through the source index.
# A small paper is cheaper read through the source index (below WALK_MIN_ARTICLES rows).
WALK_SQL = (
    "select published_day from articles where +source = :source and published_day is not null"
    " order by published_day {order} limit 1"
)
SEEK_SQL = (
    "select min(published_day), max(published_day) from articles"
    " where source = :source and published_day is not null"
)
WALK_MIN_ARTICLES = 5000

#: The home page reuses its counts while the archive file is unchanged (up to an hour), and
#: for a minute even while a crawl is writing, so a running crawl does not make it slow.
PAPERS_MAX_AGE = 3600.0
PAPERS_MIN_AGE = 60.0
_papers_cache: dict[str, tuple[tuple[float, ...], float, list[dict[str, Any]]]] = {}


def file_stamp(path: str | None) -> tuple[float, ...]:
    """Modification times of the archive and its WAL: changes whenever a crawl commits."""
    if not path:
        return ()
    stamps = []
    for suffix in ("", "-wal"):
        try:
            stamps.append(Path(path + suffix).stat().st_mtime)
        except OSError:
            stamps.append(0.0)
    return tuple(stamps)


async def papers(db: Database) -> list[dict[str, Any]]:
    """Every paper with its article count, first/last published day and last crawl."""
    stamp = file_stamp(db.path)
    cached = _papers_cache.get(db.path or db.name)
    now = time.monotonic()
    if cached:
        age = now - cached[1]
        if age < PAPERS_MIN_AGE or (cached[0] == stamp and age < PAPERS_MAX_AGE):
            return cached[2]
    try:
        rows = await db.execute(PAPERS_SQL, custom_time_limit=5000)
    except QueryInterrupted:
        logger.warning("home page paper counts timed out on %s", db.name)
        return []
    result = [dict(r) for r in rows.rows]
    complete = True
    for paper in result:
        paper["first_published"] = paper["last_published"] = None
        if not paper["articles"]:
            continue
        try:
            paper["first_published"], paper["last_published"] = await _date_range(
                db, paper["id"], paper["articles"]
            )
        except QueryInterrupted:
            complete = False
            logger.warning("first/last published of %s timed out", paper["id"])
    if complete:
        _papers_cache[db.path or db.name] = (stamp, now, result)
    return result


async def _date_range(db: Database, source: str, articles: int) -> tuple[str | None, str | None]:
    params = {"source": source}
    if articles < WALK_MIN_ARTICLES:
        row = (await db.execute(SEEK_SQL, params, custom_time_limit=1000)).first()
        return (row[0], row[1]) if row else (None, None)
    first = (await db.execute(WALK_SQL.format(order="asc"), params, custom_time_limit=1000)).first()
    last = (await db.execute(WALK_SQL.format(order="desc"), params, custom_time_limit=1000)).first()
    return (first[0] if first else None, last[0] if last else None)


#: An article's photos with their captions, and whether the archive holds each photo.
CAPTIONS_SQL = (
    "select c.position, c.text, c.image_url, c.credit, m.id as media_id, m.status as media_status,"
    " m.error as media_error, m.width, m.height from captions c"
    " left join media m on m.id = c.media_id where c.article_id = :id order by c.position"
)
#: An archive from before photos were kept (migration 0008 not applied: opened read-only).
OLD_CAPTIONS_SQL = (
    "select position, text, image_url, credit, null as media_id, null as media_status,"
    " null as media_error, null as width, null as height from captions"
    " where article_id = :id order by position"
)


#: The photos it shows without a caption (migration 0010), after the captioned ones.
PHOTOS_SQL = (
    "select p.position, null as text, p.url as image_url, null as credit, m.id as media_id,"
    " m.status as media_status, m.error as media_error, m.width, m.height"
    " from article_photos p join articles a on a.url = p.article_url"
    " left join media m on m.url = p.url where a.id = :id order by p.position"
)


async def article_page(db: Database, article_id: str) -> dict[str, Any]:
    """Everything the article page shows beyond the row itself."""
    rows = await db.execute(
        "select a.*, s.name as paper, s.province, s.homepage from articles a "
        "left join sources s on s.id = a.source where a.id = :id",
        {"id": article_id},
    )
    article = dict(rows.first()) if rows.first() else None
    if article is None:
        return {}
    captions = await db.execute(CAPTIONS_SQL if await db.table_exists("media") else
                                OLD_CAPTIONS_SQL, {"id": article_id})
    photos = (await db.execute(PHOTOS_SQL, {"id": article_id})).rows if (
        await db.table_exists("article_photos") and await db.table_exists("media")) else []
    versions = await db.execute(
        "select id, version, title, published, modified, author, first_fetched, last_fetched,"
        " capture_id, content_hash from article_versions where article_id = :id"
        " order by version desc",
        {"id": article_id},
    )
    capture = None
    if article.get("capture_id") is not None:
        found = await db.execute(
            "select * from captures where id = :id", {"id": article["capture_id"]}
        )
        capture = dict(found.first()) if found.first() else None
    same_text: list[dict[str, Any]] = []
    if article.get("content_hash"):
        others = await db.execute(
            "select a.id, a.title, a.published, s.name as paper from articles a"
            " left join sources s on s.id = a.source"
            " where a.content_hash = :hash and a.id != :id order by a.published limit 20",
            {"hash": article["content_hash"], "id": article_id},
        )
        same_text = [dict(r) for r in others.rows]
    original = None
    if article.get("duplicate_of") is not None:
        found = await db.execute(
            "select a.id, a.title, a.published, s.name as paper from articles a"
            " left join sources s on s.id = a.source where a.id = :id",
            {"id": article["duplicate_of"]},
        )
        original = dict(found.first()) if found.first() else None
    try:
        tags = json.loads(article.get("tags") or "[]")
    except ValueError:
        tags = []
    return {
        "article": article,
        "captions": [dict(r) for r in captions.rows] + [dict(r) for r in photos],
        # The current text is version `article.version`; older ones are the rest.
        "versions": [
            dict(r) for r in versions.rows if r["version"] != article.get("version")
        ],
        "capture": capture,
        "same_text": same_text,
        "original": original,
        "tags": tags if isinstance(tags, list) else [],
    }


async def paper_names(db: Database) -> dict[str, str]:
    """Source id -> the paper's name (for the filters a page shows)."""
    rows = await db.execute("select id, name from sources")
    return {str(i): str(n) for i, n in rows.rows if n}
