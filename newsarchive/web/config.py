"""The two Datasette config files in this package, read once and handed to Datasette 0.65.

``datasette.yaml`` uses Datasette 1.0's layout (``settings``, ``databases``/``tables``/``queries``,
``plugins``); ``metadata.yaml`` holds the descriptive part (title, description, licence).
Datasette 0.65 reads table options and canned queries from metadata, so the plugin's
``get_metadata`` hook serves the ``databases`` section and ``settings`` become ``--setting`` flags.
"""

from __future__ import annotations

import copy
from functools import cache
from pathlib import Path
from typing import Any

import yaml

WEB_DIR = Path(__file__).resolve().parent
CONFIG_PATH = WEB_DIR / "datasette.yaml"
METADATA_PATH = WEB_DIR / "metadata.yaml"
#: The plugin's name in Datasette (its distribution): its templates/ and static/ are this
#: package's own, found by Datasette through the ``datasette`` entry point; the stylesheet is
#: served at /-/static-plugins/newsarchive/newsarchive.css.
PLUGIN_NAME = "newsarchive"
TEMPLATES_DIR = WEB_DIR / "templates"
STATIC_DIR = WEB_DIR / "static"
#: Datasette names a database after its file; the archive is always served as /archive.
DATABASE_NAME = "archive"
#: Query arguments of the reader facets (all start with "_", so Datasette leaves them alone).
FILTER_ARGS = ("_province", "_year", "_month")


@cache
def _read_yaml(path: Path) -> dict[str, Any]:
    data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    if not isinstance(data, dict):
        raise ValueError(f"{path}: expected a mapping at the top level")
    return data


def load_config() -> dict[str, Any]:
    """The parsed datasette.yaml (a fresh copy: callers may mutate it)."""
    return copy.deepcopy(_read_yaml(CONFIG_PATH))


def load_settings() -> dict[str, Any]:
    """Datasette settings from datasette.yaml (sql_time_limit_ms, suggest_facets, ...)."""
    return dict(load_config().get("settings") or {})


def config_metadata() -> dict[str, Any]:
    """The part of datasette.yaml that Datasette 0.65 expects inside metadata."""
    config = load_config()
    return {key: config[key] for key in ("databases", "plugins") if key in config}


def metadata_path() -> Path:
    return METADATA_PATH


def datasette_metadata(warc_dir: str | Path | None = None) -> dict[str, Any]:
    """metadata.yaml merged with the table/query config: everything Datasette 0.65 reads.

    ``warc_dir``: where the archive's WARC files (and so its photos) are, as the plugin's
    ``warc_dir`` setting; without it the plugin looks in ``warc/`` beside the archive.
    """
    merged = copy.deepcopy(_read_yaml(METADATA_PATH))
    _merge(merged, config_metadata())
    if warc_dir is not None:
        plugins = merged.setdefault("plugins", {})
        plugins.setdefault(PLUGIN_NAME, {})["warc_dir"] = str(Path(warc_dir).resolve())
    return merged


def _merge(into: dict[str, Any], update: dict[str, Any]) -> None:
    for key, value in update.items():
        if isinstance(value, dict) and isinstance(into.get(key), dict):
            _merge(into[key], value)
        else:
            into[key] = value


def table_config(table: str) -> dict[str, Any]:
    """One table's options from datasette.yaml (facets, sort, fts_table, ...)."""
    databases = load_config().get("databases") or {}
    tables = (databases.get(DATABASE_NAME) or {}).get("tables") or {}
    return dict(tables.get(table) or {})
