"""Scrapy spiders: the generic source-driven spider (one generated per source definition)."""
