"""One store per crawl, shared by the spider, the pipelines and the run recorder.

A local crawl writes SQLite directly; in distributed mode (``GOVREPORTS_REDIS_URL``) the
worker's store is the Redis journal that ``govreports ingest`` replays into SQLite.
"""

from __future__ import annotations

from typing import Any

from govreports.store.store import Store


def crawler_store(crawler: Any) -> Any:
    store = getattr(crawler, "_govreports_store", None)
    if store is None:
        from govreports.distributed.keys import redis_url

        if redis_url(crawler.settings):
            from scrapy_redis.connection import get_redis_from_settings

            from govreports.distributed.journal import JournalStore
            from govreports.distributed.keys import Keys, worker_id

            store = JournalStore(get_redis_from_settings(crawler.settings), Keys.from_settings(crawler.settings),
                                 worker_id(crawler))
        else:
            store = Store(crawler.settings.get("GOVREPORTS_DB") or None)
        crawler._govreports_store = store
    return store
