"""Spider loader that gives every source definition its own spider name.

`scrapy list` shows one spider per source and `scrapy crawl <id>` runs the generic spider for it,
with definitions read from the shipped registry plus NEWSARCHIVE_SOURCES_DIR.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from scrapy.spiderloader import SpiderLoader

from newsarchive.sources import load_sources

if TYPE_CHECKING:
    from scrapy import Spider
    from scrapy.settings import BaseSettings


class SourceSpiderLoader(SpiderLoader):
    """Project spiders from SPIDER_MODULES, plus a generated spider per source definition."""

    def __init__(self, settings: BaseSettings) -> None:
        super().__init__(settings)
        from newsarchive.spiders.source import spider_class_for

        extra = settings.get("NEWSARCHIVE_SOURCES_DIR")
        sources = load_sources([Path(extra)] if extra else [])
        for source_id, source in sources.items():
            if source_id not in self._spiders:
                self._spiders[source_id] = spider_class_for(source)

    def load(self, spider_name: str) -> type[Spider]:
        try:
            return self._spiders[spider_name]
        except KeyError:
            raise KeyError(
                f"Spider not found: {spider_name} (no source definition with that id)") from None
