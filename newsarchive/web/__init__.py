"""Datasette as the archive's reading room: the plugin, its config and how to start it.

This package is a Datasette plugin, installed through the ``datasette`` entry point: Datasette
loads its hooks (``hooks.py``, re-exported below), its ``templates/`` and its ``static/`` on its
own.  The table options and canned queries live in ``datasette.yaml`` and the descriptions in
``metadata.yaml``.  ``newsarchive serve`` runs Datasette in this process on the archive, under
the name ``archive`` whatever the file is called, and writes nothing anywhere.
"""

from __future__ import annotations

import logging
import os
import signal
import sqlite3
from pathlib import Path
from typing import TYPE_CHECKING, Any

from newsarchive.web.config import (
    DATABASE_NAME,
    datasette_metadata,
    load_settings,
    metadata_path,
)
from newsarchive.web.hooks import (
    asgi_wrapper,
    extra_css_urls,
    extra_template_vars,
    filters_from_request,
    get_metadata,
    prepare_connection,
    prepare_jinja2_environment,
    register_facet_classes,
    register_routes,
    render_cell,
)

if TYPE_CHECKING:
    from datasette.app import Datasette

__all__ = [
    "DATABASE_NAME",
    "asgi_wrapper",
    "datasette_args",
    "extra_css_urls",
    "extra_template_vars",
    "filters_from_request",
    "get_metadata",
    "make_datasette",
    "prepare_connection",
    "prepare_jinja2_environment",
    "read_only_place",
    "register_facet_classes",
    "register_routes",
    "render_cell",
    "serve",
    "tidy_side_files",
]

logger = logging.getLogger(__name__)


def read_only_place(db_path: Path) -> bool:
    """True for an archive in a read-only place (read-only media, or a folder or file nobody may
    write): SQLite cannot keep its shared-memory file there, so only immutable mode opens it.

    The permission bits count too, so a folder made read-only on purpose is treated as such
    even by a user (root) whom the system would let write.
    """
    path = Path(db_path).resolve()
    return not all(
        os.access(p, os.W_OK) and p.stat().st_mode & 0o222 for p in (path.parent, path)
    )


def _sqlite_side_files(path: Path) -> list[Path]:
    return [Path(f"{path}{suffix}") for suffix in ("-wal", "-shm")]


def tidy_side_files(path: Path) -> None:
    """Remove the -wal and -shm files read-only connections left beside a closed archive.

    SQLite deletes them when the last connection closes, but only if that connection may
    write; Datasette's are read-only.  So one ordinary connection is opened and closed: SQLite
    itself removes the files if, and only if, no other process (a crawl) has the archive open.
    Nothing in the archive changes (the log is empty).
    """
    conn = sqlite3.connect(path, timeout=1)
    try:
        conn.execute("SELECT 1 FROM sqlite_master LIMIT 1").fetchall()
    except sqlite3.Error as exc:  # pragma: no cover - left as it is
        logger.debug("could not tidy %s: %s", path, exc)
    finally:
        conn.close()


def datasette_args(
    db_path: Path,
    host: str = "127.0.0.1",
    port: int = 8001,
    *,
    immutable: bool = False,
) -> list[str]:
    """Arguments for a plain ``datasette`` command line (after the program name) on the archive.

    Run as ``[sys.executable, "-m", "datasette", *datasette_args(path)]``.  The plugin, its
    templates and styles come with the installed package; only the descriptions file and the
    settings are passed.  Datasette names a database after its file, so the file must be called
    ``archive.db`` (``newsarchive serve`` has no such rule).  The archive is opened read-only
    (``mode=ro``) because crawls may be writing to it; ``immutable=True`` only for a frozen copy.
    """
    path = Path(db_path)
    if not path.exists():
        raise FileNotFoundError(f"no archive at {db_path}")
    if path.stem != DATABASE_NAME:
        raise ValueError(
            f"{path.name}: a plain datasette command serves a database under its file name; "
            f"name the file {DATABASE_NAME}.db or use `newsarchive serve --db {path}`"
        )
    args = ["serve"]
    args += ["--immutable", str(path.resolve())] if immutable else [str(path.resolve())]
    args += ["--host", host, "--port", str(port)]
    args += ["--metadata", str(metadata_path())]
    for name, value in load_settings().items():
        args += ["--setting", name, _setting_text(value)]
    return args


def _setting_text(value: Any) -> str:
    if isinstance(value, bool):
        return "on" if value else "off"
    return str(value)


def make_datasette(
    db_path: Path,
    *,
    warc_dir: str | Path | None = None,
    immutable: bool | None = None,
) -> Datasette:
    """Datasette on the archive, named ``archive``, configured exactly as ``serve`` runs it.

    ``immutable``: None decides by the place (read-only directory or file: immutable, since
    SQLite cannot open a WAL database there otherwise; else ``mode=ro``, crawls may write).
    """
    from datasette.app import Datasette
    from datasette.database import Database

    path = Path(db_path)
    if not path.exists():
        raise FileNotFoundError(f"no archive at {path}")
    if immutable is None:
        immutable = read_only_place(path)
    ds = Datasette(metadata=datasette_metadata(warc_dir), settings=load_settings())
    ds.add_database(
        Database(ds, path=str(path.resolve()), is_mutable=not immutable), name=DATABASE_NAME
    )
    return ds


def _exit_quietly(signum: int, frame: Any) -> None:
    raise SystemExit(0)


def serve(
    db_path: Path,
    host: str = "127.0.0.1",
    port: int = 8001,
    *,
    warc_dir: str | Path | None = None,
    immutable: bool | None = None,
) -> int:
    """Run the reading room in the foreground until interrupted; returns the exit status."""
    import uvicorn

    path = Path(db_path).resolve()
    if immutable is None:
        immutable = read_only_place(path)
    absent = [p for p in _sqlite_side_files(path) if not p.exists()]
    ds = make_datasette(path, warc_dir=warc_dir, immutable=immutable)
    if host not in ("127.0.0.1", "localhost", "::1"):
        logger.warning("serving the archive on %s: other machines can reach it", host)
    config = uvicorn.Config(ds.app(), host=host, port=port, log_level="warning", lifespan="on")
    server = uvicorn.Server(config)
    # uvicorn stops on SIGINT and SIGTERM, then raises the signal again with the handler that
    # was there before: for SIGTERM (systemd, kill) make that a clean exit, so the files are
    # tidied below instead of the process dying on the spot.
    previous = signal.signal(signal.SIGTERM, _exit_quietly)
    try:
        server.run()
    except (KeyboardInterrupt, SystemExit):
        pass
    finally:
        signal.signal(signal.SIGTERM, previous)
        for db in ds.databases.values():
            db.close()
        if absent and not immutable and any(p.exists() for p in absent):
            tidy_side_files(path)
    return 0 if server.started else 1
