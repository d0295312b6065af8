"""`newsarchive` command line: thin wrappers over the library, one error boundary.

Commands live by group: :mod:`.crawl` (crawl, ingest, demo), :mod:`.reading` (search, stats,
export, history), :mod:`.captures` (reextract, warc-import), :mod:`.pages` (extract,
normalize), :mod:`.sources`, :mod:`.mirror`, :mod:`.media`, :mod:`.web` (serve),
:mod:`.evaluate` (eval).
:mod:`.errors` turns every failure into one line and an exit status (documented there).
"""

from __future__ import annotations

import click

from newsarchive.cli.captures import reextract, warc_import
from newsarchive.cli.crawl import crawl, demo, ingest
from newsarchive.cli.errors import ErrorBoundaryGroup
from newsarchive.cli.evaluate import eval_command
from newsarchive.cli.media import media
from newsarchive.cli.mirror import mirror
from newsarchive.cli.pages import extract, normalize
from newsarchive.cli.reading import export, history, search, stats
from newsarchive.cli.sources import sources
from newsarchive.cli.web import serve


@click.group(cls=ErrorBoundaryGroup, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="newsarchive")
def main() -> None:
    """Crawl Vietnam's provincial press into a searchable SQLite archive.

    Exit status: 0 done; 1 the command ran and failed; 2 a usage or configuration error
    (nothing was changed); crawl also uses 3 (a paper's extraction looks broken), 75 (a run of
    the same paper is still going) and 130 (interrupted).
    """


for _command in (crawl, ingest, demo, search, stats, export, history, reextract, warc_import,
                 extract, eval_command, normalize, sources, mirror, media, serve):
    main.add_command(_command)

__all__ = ["main"]
