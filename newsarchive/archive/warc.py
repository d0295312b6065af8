"""Raw captures as gzipped WARC files (warcio), and replay of them into the archive.

Every fetched article response goes to ``data/warc/`` with its request, one gzip member per
record, so a capture row's (file, offset, length) reads back one record without scanning.
Files rotate at ``max_bytes``.  ``reextract`` rebuilds article rows from these files with the
current extractor and no network; ``import_warc`` ingests WARCs written by other tools (wget,
Browsertrix, warcio itself).
"""

from __future__ import annotations

import gzip
import logging
import os
import secrets
import zlib
from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass
from datetime import UTC, datetime
from http import HTTPStatus
from io import BytesIO
from pathlib import Path
from typing import IO, TYPE_CHECKING, Any, NamedTuple
from urllib.parse import quote, urlsplit

from warcio.archiveiterator import ArchiveIterator
from warcio.recordloader import ArchiveLoadFailed
from warcio.statusandheaders import StatusAndHeaders
from warcio.timeutils import iso_date_to_datetime
from warcio.warcwriter import GzippingWrapper, WARCWriter

from newsarchive.archive.store import utc_now

if TYPE_CHECKING:
    from newsarchive.archive.store import Archive
    from newsarchive.items import Article, ExtractResult
    from newsarchive.sources import Source

logger = logging.getLogger(__name__)

DEFAULT_MAX_BYTES = 1_000_000_000
#: Headers that describe the wire encoding; renamed when the body given is already decoded.
_WIRE_HEADERS = ("content-encoding", "transfer-encoding")
HTML_TYPES = ("text/html", "application/xhtml+xml")
#: Content type of a rendered-DOM conversion record (page.content() is UTF-8 HTML).
RENDERED_CONTENT_TYPE = "text/html; charset=utf-8"
#: Records read past a response to find its rendered DOM (request, then conversion).
_RENDERED_LOOKAHEAD = 3
_PATH_SAFE = "/%?=&;:@!$'()*+,~-._#[]"

Headers = Mapping[str, str] | Iterable[tuple[str, str]]


class WarcLocation(NamedTuple):
    """Where a response record landed: what a captures row stores."""

    filename: str  # file name inside the writer's directory
    offset: int
    length: int
    digest: str | None  # WARC-Payload-Digest, e.g. "sha1:..."


@dataclass
class WarcResponse:
    """One HTTP response record read back from a WARC file."""

    url: str
    status: int
    headers: list[tuple[str, str]]
    body: bytes  # the payload, transfer/content encodings undone
    fetched_at: str  # ISO 8601 UTC, from WARC-Date
    content_type: str | None
    digest: str | None
    warc_file: str
    offset: int
    length: int
    record_id: str | None = None
    #: The DOM a browser rendered from this response (its conversion record), or None.
    rendered: bytes | None = None

    @property
    def page(self) -> bytes:
        """What the page says: the rendered DOM when a browser rendered it, else the payload."""
        return self.body if self.rendered is None else self.rendered

    @property
    def is_html(self) -> bool:
        ctype = (self.content_type or "").split(";")[0].strip().lower()
        return ctype in HTML_TYPES or (not ctype and self.body.lstrip()[:1] == b"<")


def _header_list(headers: Headers | None) -> list[tuple[str, str]]:
    if headers is None:
        return []
    items = headers.items() if isinstance(headers, Mapping) else headers
    out = []
    for k, v in items:
        key = k.decode("latin-1") if isinstance(k, bytes) else str(k)
        if isinstance(v, list | tuple):  # Scrapy Headers: values are lists of bytes
            for one in v:
                out.append((key, one.decode("latin-1") if isinstance(one, bytes) else str(one)))
        else:
            out.append((key, v.decode("latin-1") if isinstance(v, bytes) else str(v)))
    return out


def _warc_date(when: str | None) -> str:
    """ISO 8601 (any offset) -> WARC-Date (UTC, Z)."""
    if not when:
        dt = datetime.now(UTC)
    else:
        dt = datetime.fromisoformat(when.replace("Z", "+00:00"))
        if dt.tzinfo is None:
            dt = dt.replace(tzinfo=UTC)
    return dt.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


#: Payloads already compressed by their format: deflating them again gains nothing (measured
#: 0.2 % on JPEG) and costs about 15 MB/s of CPU in the crawl.
_PRECOMPRESSED = ("image/", "video/", "audio/")


class _RecordWriter(WARCWriter):  # type: ignore[misc]  # warcio has no type hints
    """warcio's writer, with each photo's record in a gzip member that stores its bytes without
    deflating them (level 0): as valid a .warc.gz for every reader, and no CPU spent on
    compressing JPEGs.  Other records keep warcio's level 9."""

    gzip: bool

    def _write_warc_record(self, out: Any, record: Any) -> None:
        http = record.http_headers
        kind = (http.get_header("Content-Type") or "") if http is not None else ""
        if not (self.gzip and record.rec_type == "response"
                and kind.lower().startswith(_PRECOMPRESSED)):
            super()._write_warc_record(out, record)
            return
        member = GzippingWrapper(out)
        member.compressor = zlib.compressobj(0, zlib.DEFLATED, zlib.MAX_WBITS + 16)
        self.gzip = False
        try:
            super()._write_warc_record(member, record)
        finally:
            self.gzip = True


class WarcWriter:
    """Appends request+response records to gzipped WARC files in ``directory``, rotating by size."""

    def __init__(
        self,
        directory: str | Path,
        *,
        max_bytes: int = DEFAULT_MAX_BYTES,
        prefix: str = "newsarchive",
        software: str = "newsarchive",
    ) -> None:
        self.directory = Path(directory)
        self.directory.mkdir(parents=True, exist_ok=True)
        self.max_bytes = max_bytes
        self.prefix = prefix
        self.software = software
        self._fh: IO[bytes] | None = None
        self._writer: WARCWriter | None = None
        self._serial = 0
        self.current: Path | None = None
        self.files: list[Path] = []

    def _open(self) -> None:
        self._serial += 1
        stamp = datetime.now(UTC).strftime("%Y%m%d%H%M%S")
        name = f"{self.prefix}-{stamp}-{os.getpid()}-{secrets.token_hex(3)}-{self._serial:05d}"
        path = self.directory / f"{name}.warc.gz"
        self._fh = path.open("xb")
        self._writer = _RecordWriter(self._fh, gzip=True)
        self.current = path
        self.files.append(path)
        info = self._writer.create_warcinfo_record(
            path.name, {"software": self.software, "format": "WARC File Format 1.0"}
        )
        self._writer.write_record(info)
        logger.info("writing WARC %s", path)

    def _ensure_file(self) -> WARCWriter:
        if self._fh is not None and self._fh.tell() >= self.max_bytes:
            self.close()
        if self._writer is None:
            self._open()
        assert self._writer is not None
        return self._writer

    def write_response(
        self,
        url: str,
        *,
        status: int,
        body: bytes,
        headers: Headers | None = None,
        reason: str = "",
        request_headers: Headers | None = None,
        method: str = "GET",
        fetched_at: str | None = None,
        decoded_body: bool = True,
        rendered: bytes | None = None,
    ) -> WarcLocation:
        """Write one response and its request; returns the response record's location.

        ``decoded_body``: the body is already decompressed/de-chunked (as Scrapy hands it over),
        so Content-Encoding/Transfer-Encoding are kept only as X-Archive-Orig-* headers and
        Content-Length is set to the stored length, keeping the record readable by any tool.
        ``rendered``: the DOM a browser built from this response; it follows the request as a
        ``conversion`` record (WARC 1.1: another form of a record's content) that refers to
        the response, so the archive keeps both what was served and what was read.
        """
        writer = self._ensure_file()
        assert self._fh is not None
        resp_headers = _header_list(headers)
        if decoded_body:
            fixed = []
            for k, v in resp_headers:
                low = k.lower()
                if low in _WIRE_HEADERS:
                    fixed.append((f"X-Archive-Orig-{k}", v))
                elif low == "content-length":
                    if v.strip() != str(len(body)):
                        fixed.append((f"X-Archive-Orig-{k}", v))
                else:
                    fixed.append((k, v))
            fixed.append(("Content-Length", str(len(body))))
            resp_headers = fixed
        if not reason:
            try:
                reason = HTTPStatus(status).phrase
            except ValueError:
                reason = "Unknown"
        status_line = f"{status} {reason}"
        date = _warc_date(fetched_at)
        response = writer.create_warc_record(
            url,
            "response",
            payload=BytesIO(body),
            length=len(body),
            http_headers=StatusAndHeaders(status_line, resp_headers, protocol="HTTP/1.1"),
            warc_headers_dict={"WARC-Date": date},
        )
        offset = self._fh.tell()
        writer.write_record(response)
        length = self._fh.tell() - offset
        self._write_request(writer, url, method, request_headers, date, response)
        if rendered is not None:
            self._write_rendered(writer, url, rendered, date, response)
        digest = response.rec_headers.get_header("WARC-Payload-Digest")
        return WarcLocation(self.current.name if self.current else "", offset, length, digest)

    def _write_rendered(self, writer: WARCWriter, url: str, rendered: bytes, date: str,
                        response: Any) -> None:
        """The rendered DOM of ``response`` as a conversion record referring to it."""
        assert self._fh is not None
        record = writer.create_warc_record(
            url,
            "conversion",
            payload=BytesIO(rendered),
            length=len(rendered),
            warc_content_type=RENDERED_CONTENT_TYPE,
            warc_headers_dict={
                "WARC-Date": date,
                "WARC-Refers-To": response.rec_headers.get_header("WARC-Record-ID"),
                "WARC-Refers-To-Target-URI": url,
            },
        )
        writer.write_record(record)
        self._fh.flush()

    def write_revisit(
        self,
        url: str,
        *,
        digest: str,
        refers_to_url: str,
        refers_to_date: str,
        status: int,
        headers: Headers | None = None,
        reason: str = "",
        request_headers: Headers | None = None,
        method: str = "GET",
        fetched_at: str | None = None,
    ) -> WarcLocation:
        """A revisit record (identical-payload-digest profile) and its request, for a response
        whose payload is already in an archived record (``refers_to_url`` at ``refers_to_date``,
        ISO 8601): the HTTP headers are kept, the bytes are not written again."""
        writer = self._ensure_file()
        assert self._fh is not None
        if not reason:
            try:
                reason = HTTPStatus(status).phrase
            except ValueError:
                reason = "Unknown"
        resp_headers = [
            (k, v) for k, v in _header_list(headers) if k.lower() not in _WIRE_HEADERS
        ]
        date = _warc_date(fetched_at)
        revisit = writer.create_revisit_record(
            url,
            digest,
            refers_to_url,
            _warc_date(refers_to_date),
            http_headers=StatusAndHeaders(f"{status} {reason}", resp_headers, protocol="HTTP/1.1"),
            warc_headers_dict={"WARC-Date": date},
        )
        offset = self._fh.tell()
        writer.write_record(revisit)
        length = self._fh.tell() - offset
        self._write_request(writer, url, method, request_headers, date, revisit)
        return WarcLocation(self.current.name if self.current else "", offset, length, digest)

    def _write_request(
        self,
        writer: WARCWriter,
        url: str,
        method: str,
        request_headers: Headers | None,
        date: str,
        concurrent: Any,
    ) -> None:
        """The request record of a response or revisit record, then flush the file."""
        assert self._fh is not None
        parts = urlsplit(url)
        path = (parts.path or "/") + (f"?{parts.query}" if parts.query else "")
        path = quote(path, safe=_PATH_SAFE)  # the request line is ASCII; slugs may not be
        req_headers = _header_list(request_headers)
        if not any(k.lower() == "host" for k, _ in req_headers):
            req_headers.insert(0, ("Host", parts.netloc))
        request = writer.create_warc_record(
            url,
            "request",
            payload=BytesIO(b""),
            length=0,
            http_headers=StatusAndHeaders(
                f"{method} {path} HTTP/1.1", req_headers, is_http_request=True
            ),
            warc_headers_dict={
                "WARC-Date": date,
                "WARC-Concurrent-To": concurrent.rec_headers.get_header("WARC-Record-ID"),
            },
        )
        writer.write_record(request)
        self._fh.flush()

    def close(self) -> None:
        if self._fh is not None:
            self._fh.close()
        self._fh = None
        self._writer = None

    def __enter__(self) -> WarcWriter:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


def _response_from_record(record: Any, warc_file: str, offset: int, length: int) -> WarcResponse:
    http = record.http_headers
    status = int(http.get_statuscode() or 0) if http else 0
    headers = list(http.headers) if http else []
    when = record.rec_headers.get_header("WARC-Date")
    try:
        fetched = iso_date_to_datetime(when).replace(tzinfo=UTC).isoformat(timespec="seconds")
    except (TypeError, ValueError):
        fetched = when or ""
    return WarcResponse(
        url=record.rec_headers.get_header("WARC-Target-URI") or "",
        status=status,
        headers=headers,
        body=b"",
        fetched_at=fetched,
        content_type=http.get_header("Content-Type") if http else None,
        digest=record.rec_headers.get_header("WARC-Payload-Digest"),
        warc_file=warc_file,
        offset=offset,
        length=length,
        record_id=record.rec_headers.get_header("WARC-Record-ID"),
    )


#: What warcio raises on a file cut (or damaged) inside a record's headers or gzip member.
_CUT_ERRORS = (ArchiveLoadFailed, AttributeError, EOFError, ValueError, zlib.error,
               gzip.BadGzipFile)


class WarcTruncatedError(ValueError):
    """The WARC ends in the middle of a record (an interrupted download or copy)."""

    def __init__(self, path: Path, offset: int, size: int, records: int) -> None:
        self.path, self.offset, self.size, self.records = path, offset, size, records
        self.counts: dict[str, int] = {}
        super().__init__(f"{path} is truncated: it ends inside a record at byte {offset:,} of "
                         f"{size:,}, after {records} complete records")


def check_warc(path: str | Path) -> None:
    """Raise unless ``path`` starts with a WARC record (cheap): warcio's ArchiveLoadFailed for
    another kind of file, ValueError for an empty one or one warcio only guesses is an ARC.

    warcio reads any first line of five words as an old ARC header (a one-line HTML page
    does); a real ARC file starts with its ``filedesc://`` record.
    """
    with Path(path).open("rb") as fh:
        first = next(iter(ArchiveIterator(fh)), None)
        if first is None:
            raise ValueError("it holds no WARC record")
        if first.format != "warc" and not str(
                first.rec_headers.get_header("uri") or "").startswith("filedesc://"):
            raise ValueError("it does not start with a WARC record")


def iter_responses(path: str | Path) -> Iterator[WarcResponse]:
    """Every HTTP response record of a WARC (gzipped or not), with its offset and length.

    Raises WarcTruncatedError, after yielding every complete record, when the file ends inside
    a record: warcio alone would stop there without a word.  A response a browser rendered
    carries the DOM of the conversion record that follows it (``rendered``).
    """
    path = Path(path)
    size = path.stat().st_size
    records = end = last = 0
    pending: WarcResponse | None = None  # held until its conversion record may have followed
    with path.open("rb") as fh:
        it = ArchiveIterator(fh)
        records_in = iter(it)
        while True:
            try:
                record = next(records_in)
            except StopIteration:
                break
            except _CUT_ERRORS:
                # Cut inside a record's headers: warcio trips over the half-read header block
                # (a missing WARC-Target-URI is an AttributeError deep inside it).
                if pending is not None:
                    yield pending
                raise WarcTruncatedError(path, it.offset, size, records) from None
            response = record.rec_type == "response" and record.http_headers is not None
            body = record.content_stream().read() if response else record.raw_stream.read()
            # Read first: warcio knows a record's offset only once it has been read.
            offset = it.get_record_offset()
            # A body shorter than its Content-Length, or a header block cut before its
            # WARC-Type (warcio then hands over a record of no type): the file ends here.
            if getattr(record.raw_stream, "limit", 0) or record.rec_type is None:
                if pending is not None:
                    yield pending
                raise WarcTruncatedError(path, offset, size, records)
            records += 1
            last, end = offset, offset + it.get_record_length()
            if (pending is not None and record.rec_type == "conversion"
                    and record.rec_headers.get_header("WARC-Refers-To") == pending.record_id):
                pending.rendered = body
                continue
            if not response:
                continue
            length = it.get_record_length()
            resp = _response_from_record(record, path.name, offset, length)
            resp.body = body
            if pending is not None:
                yield pending
            pending = resp
        # warcio reads a gzip member cut short as far as it goes and says nothing: the last
        # record read must sit in a whole member, or it is the cut one.
        cut_last = bool(records) and _gzipped(fh) and not _member_complete(fh, last)
        if pending is not None and not (cut_last and pending.offset == last):
            yield pending
        if cut_last:
            raise WarcTruncatedError(path, last, size, records - 1)
        # Bytes after the last whole record are a record cut short (warcio may read a gzip
        # member cut early as the end of the file and say nothing).
        if end < size and fh.seek(end) >= 0 and fh.read().strip(b"\r\n\x00"):
            raise WarcTruncatedError(path, end, size, records)


def _gzipped(fh: IO[bytes]) -> bool:
    fh.seek(0)
    return fh.read(2) == b"\x1f\x8b"


def _member_complete(fh: IO[bytes], offset: int) -> bool:
    """Whether the gzip member starting at ``offset`` ends (its end-of-stream marker is there)."""
    fh.seek(offset)
    inflater = zlib.decompressobj(31)
    try:
        while chunk := fh.read(1 << 16):
            inflater.decompress(chunk)
            if inflater.eof:
                return True
    except zlib.error:
        return False
    return inflater.eof


def read_response(warc_dir: str | Path, warc_file: str, offset: int) -> WarcResponse:
    """The response record at ``offset`` of ``warc_file`` (relative to ``warc_dir`` or absolute)."""
    path = Path(warc_dir) / warc_file
    with path.open("rb") as fh:
        fh.seek(offset)
        it = ArchiveIterator(fh)
        record = next(iter(it), None)
        if record is None or record.rec_type != "response":
            raise ValueError(f"no response record at {path}:{offset}")
        body = record.content_stream().read()
        resp = _response_from_record(record, warc_file, offset, it.get_record_length())
        resp.body = body
        resp.rendered = _rendered_after(it, resp.record_id)
        return resp


def _rendered_after(it: Any, record_id: str | None) -> bytes | None:
    """The rendered DOM written right after a response (see WarcWriter.write_response)."""
    try:
        for _, record in zip(range(_RENDERED_LOOKAHEAD), it, strict=False):
            if record.rec_type == "response":
                return None
            if (record.rec_type == "conversion" and record_id
                    and record.rec_headers.get_header("WARC-Refers-To") == record_id):
                return bytes(record.content_stream().read())
    except Exception as exc:  # a damaged or truncated tail: the served bytes still stand
        logger.debug("no rendered DOM after %s: %s", record_id, exc)
    return None


# -- replay into the archive --------------------------------------------------------------

ExtractFn = Callable[[bytes, str, "Source | None"], "ExtractResult"]
PrepareFn = Callable[["Article"], "Article | None"]


def _default_extract() -> ExtractFn:
    from newsarchive.extract import extract

    return extract


def _store_response(
    archive: Archive,
    resp: WarcResponse,
    *,
    source: Source | None,
    extract_fn: ExtractFn,
    prepare: PrepareFn | None,
    capture_id: int | None,
    crawl_id: int | None,
) -> str:
    """Extract one response and store it: "new"/"updated"/"unchanged" or "not_article"/"dropped"."""
    result = extract_fn(resp.page, resp.url, source)
    article = result.article if result.is_article else None
    if article is None:
        return "not_article"
    if source is not None and not article.source:
        article.source = source.id
    article.fetched_url = resp.url
    article.fetched_at = resp.fetched_at
    article.http_status = resp.status
    article.warc_file = resp.warc_file
    article.warc_offset = resp.offset
    article.content_digest = resp.digest
    if prepare is not None:
        prepared = prepare(article)
        if prepared is None:
            return "dropped"
        article = prepared
    return archive.store_article(article, crawl_id=crawl_id, capture_id=capture_id)


def import_warc(
    archive: Archive,
    path: str | Path,
    *,
    source: Source | None = None,
    sources: Mapping[str, Source] | None = None,
    extract_fn: ExtractFn | None = None,
    prepare: PrepareFn | None = None,
) -> dict[str, int]:
    """Ingest a WARC written by another tool: a capture row and an article per HTML response.

    Records are attributed to ``source``, or to the definition in ``sources`` whose hosts match
    the URL; responses from no known source are skipped (counted as "off_source").
    """
    from newsarchive.sources import source_for_url

    path = Path(path).resolve()
    check_warc(path)  # not a WARC at all: refused before the archive is touched
    extract_fn = extract_fn or _default_extract()
    counts: dict[str, int] = {}
    crawl_id = archive.start_crawl(source.id if source else None, f"warc-import {path}")
    state = "failed"
    try:
        for resp in iter_responses(path):
            counts["responses"] = counts.get("responses", 0) + 1
            src = source
            if src is None and sources:
                src = source_for_url(resp.url, dict(sources))
            if (source is None and sources and src is None) or (
                src is not None and not src.owns_url(resp.url)
            ):
                outcome = "off_source"
            elif resp.status != 200 or not resp.is_html:
                outcome = "not_html_200"
            else:
                capture_id = archive.record_capture(
                    crawl_id=crawl_id,
                    url=resp.url,
                    final_url=resp.url,
                    status=resp.status,
                    fetched_at=resp.fetched_at,
                    content_type=resp.content_type,
                    digest=resp.digest,
                    warc_file=str(path),
                    warc_offset=resp.offset,
                    warc_length=resp.length,
                )
                outcome = _store_response(
                    archive,
                    resp,
                    source=src,
                    extract_fn=extract_fn,
                    prepare=prepare,
                    capture_id=capture_id,
                    crawl_id=crawl_id,
                )
            counts[outcome] = counts.get(outcome, 0) + 1
        state = "finished"
    except WarcTruncatedError as exc:
        exc.counts = dict(counts)  # what was imported before the cut
        raise
    finally:
        archive.finish_crawl(crawl_id, state, {"pages": counts.get("responses", 0), **counts})
    logger.info("imported %s: %s", path, counts)
    return counts


def reextract(
    archive: Archive,
    warc_dir: str | Path,
    *,
    source_id: str | None = None,
    since: str | None = None,
    sources: Mapping[str, Source] | None = None,
    extract_fn: ExtractFn | None = None,
    prepare: PrepareFn | None = None,
    published_since: str | None = None,
    published_until: str | None = None,
) -> dict[str, int]:
    """Rebuild article rows from the latest capture of each URL with the current extractor.

    No network: only the WARC records the captures table points at are read.  ``since`` limits
    it to captures fetched on or after that day; ``published_since``/``published_until`` to
    archived articles published in that range (YYYY-MM-DD).  Unchanged articles stay
    unchanged; improved extraction shows up as "updated" (a new version when the content
    itself changed).
    """
    from newsarchive.sources import source_for_url

    extract_fn = extract_fn or _default_extract()
    sql = (
        "SELECT c.id, c.url, c.warc_file, c.warc_offset, a.source FROM captures c "
        "LEFT JOIN articles a ON a.url = c.url "
        "WHERE c.id IN (SELECT max(id) FROM captures WHERE warc_file IS NOT NULL "
        # photos (archive/media.py) are not pages to extract
        "AND status = 200 AND url NOT IN (SELECT url FROM media) GROUP BY url)"
    )
    params: list[Any] = []
    if since:
        sql += " AND c.fetched_at >= ?"
        params.append(since)
    if published_since:
        sql += " AND a.published_day >= ?"
        params.append(published_since)
    if published_until:
        sql += " AND a.published_day <= ?"
        params.append(published_until)
    sql += " ORDER BY c.id"
    counts: dict[str, int] = {}
    rows = archive.conn.execute(sql, params).fetchall()
    for capture_id, url, warc_file, offset, article_source in rows:
        src = None
        if sources:
            src = sources.get(article_source or "") or source_for_url(url, dict(sources))
        if source_id and (src.id if src else article_source) != source_id:
            continue
        try:
            resp = read_response(warc_dir, warc_file, offset)
        except (OSError, ValueError) as exc:
            logger.warning(
                "capture %s (%s): cannot read %s:%s: %s", capture_id, url, warc_file, offset, exc
            )
            counts["unreadable"] = counts.get("unreadable", 0) + 1
            continue
        outcome = _store_response(
            archive,
            resp,
            source=src,
            extract_fn=extract_fn,
            prepare=prepare,
            capture_id=capture_id,
            crawl_id=None,
        )
        counts[outcome] = counts.get(outcome, 0) + 1
    logger.info("reextract at %s: %s", utc_now(), counts)
    return counts
