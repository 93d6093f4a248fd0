"""Item pipelines: thin Scrapy wrappers, in order, over the library's pure functions.

``ArchivePipeline`` (raw page kept) → ``CleanPipeline`` (page step, non-reports dropped) →
``ParsePipeline`` (record) → ``StorePipeline`` (SQLite, or the Redis journal in distributed mode).
"""

from __future__ import annotations


class CrawlerPipeline:
    """Keeps the crawler: its stats, settings and the crawl's store are all a pipeline needs."""

    def __init__(self, crawler) -> None:
        self.crawler = crawler

    @classmethod
    def from_crawler(cls, crawler):
        return cls(crawler)
