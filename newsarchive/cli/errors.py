"""The command line's one error boundary: every failure becomes one line and a meaningful exit code.

Exit status, for every command:

- 0: done.
- 1: the command ran and failed (a crawl that could not fetch a paper, a truncated WARC, a
  database that is locked or full).
- 2: the command could not start with what it was given: a usage error, an option value, a
  source definition, an archive file or an input file that cannot be used.  Fix and run again.
- 3: `crawl` finished but a paper's extraction looks broken (see `crawling/health.py`).
- 75: `crawl` found another run of the same paper still going (EX_TEMPFAIL: try later).
- 130: interrupted (Ctrl-C / SIGTERM).

Commands raise :class:`ConfigError` or :class:`RunFailed` where they know the file involved;
:func:`explain` turns whatever else escapes (SQLite, OS, YAML, warcio, source definitions) into
one line naming the file, using the archive path the command opened (``ctx.meta``).
"""

from __future__ import annotations

import os
import sqlite3
import sys
from typing import Any

import click

#: ctx.meta key: the archive file the running command opened (for messages about it).
DB_KEY = "newsarchive.db"
#: ctx.meta key: the input file the running command is reading (WARC, source file).
FILE_KEY = "newsarchive.file"

EXIT_FAILED = 1
EXIT_USAGE = 2
EXIT_INTERRUPTED = 130


def one_line(text: str) -> str:
    """Collapse a message onto one line (YAML and SQLite messages span several)."""
    return " ".join(str(text).split())


class ConfigError(click.ClickException):
    """The command cannot start with what it was given (exit 2)."""

    exit_code = EXIT_USAGE

    def __init__(self, message: str) -> None:
        super().__init__(one_line(message))


class RunFailed(click.ClickException):
    """The command ran and failed (exit 1)."""

    exit_code = EXIT_FAILED

    def __init__(self, message: str) -> None:
        super().__init__(one_line(message))


def remember_db(path: Any) -> None:
    """Note the archive file this command works on, for error messages about it."""
    ctx = click.get_current_context(silent=True)
    if ctx is not None:
        ctx.find_root().meta[DB_KEY] = str(path)


def remember_file(path: Any) -> None:
    """Note the input file this command is reading now."""
    ctx = click.get_current_context(silent=True)
    if ctx is not None:
        ctx.find_root().meta[FILE_KEY] = str(path)


def _sqlite(exc: sqlite3.Error, db: str) -> click.ClickException:
    text = str(exc)
    low = text.lower()
    if "not a database" in low or "malformed" in low or "file is encrypted" in low:
        return ConfigError(
            f"{db} is not a readable newsarchive archive ({text}): check the --db path; "
            f"if it is a damaged copy, check it with  sqlite3 {db} 'pragma integrity_check'  "
            "and copy the archive again")
    if "no such table" in low or "no such column" in low:
        return ConfigError(
            f"{db} is not a newsarchive archive, or was made by another version ({text}): "
            "check the --db path")
    if "readonly" in low or "read-only" in low or "unable to open" in low:
        return ConfigError(
            f"{db} cannot be opened for writing ({text}): this command writes to the archive; "
            "use a writable copy, or a read command (search, stats, export, history)")
    if "locked" in low or "busy" in low:
        return RunFailed(f"{db} is locked by another process ({text}): wait for it and retry")
    if "full" in low or "i/o" in low:
        return RunFailed(f"{db}: {text}: free disk space or check the disk, then retry")
    return RunFailed(f"{db}: SQLite error: {text}")


def explain(exc: BaseException, meta: dict[str, Any]) -> click.ClickException | None:
    """The one-line error for an exception a command let escape; None: not ours to explain."""
    import yaml

    from newsarchive.archive.readonly import ArchiveFileError
    from newsarchive.sources import SourceError

    db = meta.get(DB_KEY) or "the archive"
    current = meta.get(FILE_KEY)
    if isinstance(exc, (SourceError, ArchiveFileError)):
        return ConfigError(str(exc))
    if isinstance(exc, sqlite3.Error):
        return _sqlite(exc, db)
    if isinstance(exc, yaml.YAMLError):
        return ConfigError(f"{current or 'a YAML file'}: not valid YAML: {exc}")
    if isinstance(exc, UnicodeDecodeError):
        return ConfigError(f"{current or 'an input file'} is not UTF-8 text ({exc.reason})")
    if type(exc).__module__.startswith("warcio"):
        return ConfigError(f"{current or 'a WARC file'} is not a readable WARC file ({exc})")
    if isinstance(exc, OSError) and not isinstance(exc, BrokenPipeError):
        name = exc.filename or current or db
        what = exc.strerror or str(exc)
        if isinstance(exc, (FileNotFoundError, IsADirectoryError, NotADirectoryError,
                            PermissionError, FileExistsError)):
            return ConfigError(f"{name}: {what}")
        return RunFailed(f"{name}: {what}")
    return None


def silence_stdout() -> None:
    """The reader went away (``| head``): point stdout at /dev/null so exit flushes quietly."""
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        os.close(devnull)
    except (OSError, ValueError):  # not a real file descriptor (click's test runner)
        pass


class ErrorBoundaryGroup(click.Group):
    """The top-level group: runs a command and turns what it raises into one line and a code."""

    def invoke(self, ctx: click.Context) -> Any:
        try:
            return super().invoke(ctx)
        except BrokenPipeError:
            silence_stdout()
            ctx.exit(0)
        except KeyboardInterrupt:
            click.echo("interrupted", err=True)
            ctx.exit(EXIT_INTERRUPTED)
        except click.ClickException:
            raise
        except Exception as exc:
            explained = explain(exc, ctx.meta)
            if explained is None:
                raise
            raise explained from exc

    def main(self, *args: Any, **kwargs: Any) -> Any:
        try:
            return super().main(*args, **kwargs)
        finally:
            # Flush now, so a closed pipe surfaces here and not as a traceback at exit.
            try:
                sys.stdout.flush()
            except BrokenPipeError:
                silence_stdout()
            except (OSError, ValueError):
                pass
