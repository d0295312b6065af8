"""Shim for scrapyd-deploy, which builds the Scrapyd egg through ``setup.py``.

Everything (packages, the spiders/ and pipelines/ mapping, the Scrapy entry point) is read from
pyproject.toml; without this file scrapyd-deploy would write its own setup.py that packs
spiders/ and pipelines/ as top-level packages.
"""

from setuptools import setup

setup()
