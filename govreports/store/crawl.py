"""One Store per crawl, shared by the spider, the pipelines and the run recorder."""

from __future__ import annotations

from typing import Any

from govreports.store.store import Store


def crawler_store(crawler: Any) -> Store:
    store = getattr(crawler, "_govreports_store", None)
    if store is None:
        path = crawler.settings.get("GOVREPORTS_DB") or None
        store = Store(path)
        crawler._govreports_store = store
    return store
