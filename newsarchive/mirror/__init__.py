"""The bundled mirror: realistic offline copies of provincial news sites, served over real HTTP.

``build_sites()`` renders every site from its content file; ``server.MirrorServer`` serves them
on 127.0.0.1, choosing the site by the request's Host header.
"""

from __future__ import annotations

import importlib
import inspect
import logging

from newsarchive.mirror.model import Page, Site

__all__ = ["SITE_MODULES", "Page", "Site", "build_sites"]

LOGGER = logging.getLogger(__name__)

#: One module per mirrored paper, each exposing ``build() -> Site``.
SITE_MODULES = [
    "newsarchive.mirror.sites.baodienbienphu",
    "newsarchive.mirror.sites.baolaichau",
    "newsarchive.mirror.sites.baotuyenquang",
    "newsarchive.mirror.sites.baotayninh",
    "newsarchive.mirror.sites.baocantho",
    "newsarchive.mirror.sites.dongkhoi",
    "newsarchive.mirror.sites.baothanhhoa",
    "newsarchive.mirror.sites.baoquangngai",
    "newsarchive.mirror.sites.hanoimoi",
    "newsarchive.mirror.sites.baogialai",
    "newsarchive.mirror.sites.baohungyen",
]

_CACHE: dict[bool, dict[str, Site]] = {}


def build_sites(*, faults: bool = False, cached: bool = True) -> dict[str, Site]:
    """Every site keyed by source id.  A site module that fails to import or build is logged and
    skipped so the others still serve.  ``faults`` adds the fault pages and broken photos
    (baodienbienphu only).

    Results are cached per ``faults`` value (pages are immutable in practice); pass
    ``cached=False`` to rebuild.
    """
    if cached and faults in _CACHE:
        return _CACHE[faults]
    sites: dict[str, Site] = {}
    for name in SITE_MODULES:
        try:
            module = importlib.import_module(name)
        except ModuleNotFoundError as exc:
            if exc.name != name:
                LOGGER.exception("mirror site %s could not be imported; skipping it", name)
            else:
                LOGGER.warning("mirror site %s is missing; skipping it", name)
            continue
        except Exception:  # a broken site must not take the others down
            LOGGER.exception("mirror site %s could not be imported; skipping it", name)
            continue
        try:
            build = module.build
            if "faults" in inspect.signature(build).parameters:
                site = build(faults=faults)
            else:
                site = build()
        except Exception:
            LOGGER.exception("mirror site %s could not be built; skipping it", name)
            continue
        sites[site.source_id] = site
    if cached:
        _CACHE[faults] = sites
    return sites
