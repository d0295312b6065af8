"""Scrapy-side components: spider loading, mirror routing, raw capture, run log, the shared
archive handle."""
