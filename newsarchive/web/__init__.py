"""Datasette as the archive's reading room: config, templates, plugins and how to start it.

Everything Datasette needs lives beside this module and is passed to it explicitly
(`--metadata`, `--template-dir`, `--plugins-dir`, `--static`, `--setting`), so the same files
drive `newsarchive serve`, a plain `datasette` command line and the in-process tests.
"""

from __future__ import annotations

import logging
import tempfile
from pathlib import Path
from typing import TYPE_CHECKING, Any

from newsarchive.web.config import (
    DATABASE_NAME,
    PLUGINS_DIR,
    STATIC_DIR,
    STATIC_MOUNT,
    TEMPLATES_DIR,
    datasette_metadata,
    load_settings,
    metadata_path,
)

if TYPE_CHECKING:
    from datasette.app import Datasette

__all__ = ["DATABASE_NAME", "datasette_args", "make_datasette", "serve"]

logger = logging.getLogger(__name__)


def _named_archive(db_path: Path) -> Path:
    """A path whose file name is ``archive.db``, so URLs are always ``/archive/...``.

    Datasette names a database after its file; the templates and URLs the project documents
    say ``archive``.  Any other file name gets a symlink in a private temp dir (SQLite resolves
    the link, so its WAL and shared-memory files stay beside the real file).
    """
    db_path = db_path.resolve()
    if db_path.stem == DATABASE_NAME:
        return db_path
    link = Path(tempfile.mkdtemp(prefix="newsarchive-web-")) / f"{DATABASE_NAME}.db"
    link.symlink_to(db_path)
    return link


def datasette_args(
    db_path: Path,
    host: str = "127.0.0.1",
    port: int = 8001,
    *,
    immutable: bool = False,
) -> list[str]:
    """Arguments for the ``datasette`` CLI (after the program name) serving the archive.

    Run as ``[sys.executable, "-m", "datasette", *datasette_args(path)]``.  The archive is
    opened read-only (``mode=ro``) because crawls may be writing to it; pass ``immutable=True``
    only for a frozen copy that nothing writes to (SQLite then skips locking entirely).
    """
    if not Path(db_path).exists():
        raise FileNotFoundError(f"no archive at {db_path}")
    path = _named_archive(Path(db_path))
    args = ["serve"]
    args += ["--immutable", str(path)] if immutable else [str(path)]
    args += ["--host", host, "--port", str(port)]
    args += ["--metadata", str(metadata_path())]
    args += ["--template-dir", str(TEMPLATES_DIR), "--plugins-dir", str(PLUGINS_DIR)]
    args += ["--static", f"{STATIC_MOUNT}:{STATIC_DIR}"]
    for name, value in load_settings().items():
        args += ["--setting", name, _setting_text(value)]
    return args


def _setting_text(value: Any) -> str:
    if isinstance(value, bool):
        return "on" if value else "off"
    return str(value)


def make_datasette(db_path: Path) -> Datasette:
    """An in-process Datasette on the archive, configured exactly like ``serve`` (for tests)."""
    from datasette.app import Datasette

    path = Path(db_path)
    if not path.exists():
        raise FileNotFoundError(f"no archive at {path}")
    return Datasette(
        files=[str(_named_archive(path))],
        metadata=datasette_metadata(),
        template_dir=str(TEMPLATES_DIR),
        plugins_dir=str(PLUGINS_DIR),
        static_mounts=[(STATIC_MOUNT, str(STATIC_DIR))],
        settings=load_settings(),
    )


def serve(db_path: Path, host: str = "127.0.0.1", port: int = 8001) -> int:
    """Run Datasette in the foreground until interrupted; returns the exit status."""
    from datasette.cli import cli

    args = datasette_args(Path(db_path), host=host, port=port)
    if host not in ("127.0.0.1", "localhost", "::1"):
        logger.warning("serving the archive on %s: other machines can reach it", host)
    try:
        cli.main(args=args, prog_name="datasette", standalone_mode=False)
    except KeyboardInterrupt:
        return 0
    except SystemExit as exc:  # click's exit codes
        return int(exc.code or 0)
    return 0
