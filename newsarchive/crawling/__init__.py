"""Scrapy-side components: spider loading, mirror routing, raw capture, run log, shared archive handle."""
