"""A source definition's selectors (CSS, or XPath when they start with '/' or '('), compiled
once per process and run on a page."""

from __future__ import annotations

import logging
from functools import lru_cache
from typing import Any

from cssselect import GenericTranslator, SelectorError
from lxml import etree

from newsarchive.extract.cssindex import SelectorIndex, compiled_selector

LOG = logging.getLogger(__name__)


@lru_cache(maxsize=512)
def xpath(expr: str) -> etree.XPath:
    """A compiled XPath, compiled once per process."""
    return etree.XPath(expr)


@lru_cache(maxsize=512)
def css_to_xpath(selector: str) -> str | None:
    """A CSS selector as XPath (cssselect ships with Scrapy); None, with a warning, if invalid."""
    try:
        return str(GenericTranslator().css_to_xpath(selector))
    except SelectorError:
        LOG.warning("bad CSS selector in source definition: %r", selector)
        return None


def select(root: Any, selector: str, index: SelectorIndex | None = None) -> list[Any]:
    """Elements matching ``selector`` under ``root`` (itself included), in page order.

    With the page's ``index``, simple CSS selectors are answered without an XPath pass.
    """
    sel = selector.strip()
    is_xpath = sel.startswith(("/", "("))
    if index is not None and not is_xpath:
        groups = compiled_selector(sel)
        if groups is not None and (
            root is index.root or root.getroottree().getroot() is index.root
        ):
            return index.select(root, groups)
    expr = sel if is_xpath else css_to_xpath(sel)
    if not expr:
        return []
    try:
        found = xpath(expr)(root)
    except etree.XPathError:
        LOG.warning("bad selector: %r", selector)
        return []
    return [e for e in found if isinstance(getattr(e, "tag", None), str)]
