"""newsarchive: crawl Vietnam's provincial press into a searchable SQLite archive."""

__version__ = "0.1.0"
