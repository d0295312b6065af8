"""The installed layout: spiders/ and pipelines/ ship inside newsarchive, nothing else top-level."""

from __future__ import annotations

import importlib
import tomllib
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]


def _declared() -> tuple[list[str], dict[str, str]]:
    config = tomllib.loads((REPO / "pyproject.toml").read_text(encoding="utf-8"))
    setuptools = config["tool"]["setuptools"]
    return list(setuptools["packages"]), dict(setuptools["package-dir"])


def test_every_package_folder_is_declared_and_nothing_installs_top_level() -> None:
    packages, mapping = _declared()
    on_disk = {
        ".".join(p.parent.relative_to(REPO).parts)
        for p in (REPO / "newsarchive").rglob("__init__.py")
    }
    on_disk |= {f"newsarchive.{name}" for name in ("spiders", "pipelines")}
    assert set(packages) == on_disk
    assert {p.split(".")[0] for p in packages} == {"newsarchive"}
    assert mapping == {"newsarchive.spiders": "spiders", "newsarchive.pipelines": "pipelines"}


def test_spiders_and_pipelines_import_under_newsarchive() -> None:
    spiders = importlib.import_module("newsarchive.spiders.source")
    pipelines = importlib.import_module("newsarchive.pipelines.store")
    assert Path(spiders.__file__ or "").parent == REPO / "spiders"
    assert Path(pipelines.__file__ or "").parent == REPO / "pipelines"
