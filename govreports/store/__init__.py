"""SQLite store: reports, cells, checks, the raw page archive, crawl runs and failures."""

from govreports.store.store import ArchiveResult, PageState, Store, default_db_path

__all__ = ["ArchiveResult", "PageState", "Store", "default_db_path"]
