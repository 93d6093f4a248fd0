"""Records each crawl run (site, start, finish, all ``govreports/*`` and downloader counts) in ``crawl_runs``."""

from __future__ import annotations

from scrapy import signals

from govreports.store.crawl import crawler_store


class RunRecorder:
    def __init__(self, crawler) -> None:
        self.crawler = crawler
        self.run_id: int | None = None

    @classmethod
    def from_crawler(cls, crawler):
        ext = cls(crawler)
        crawler.signals.connect(ext.spider_opened, signal=signals.spider_opened)
        crawler.signals.connect(ext.spider_closed, signal=signals.spider_closed)
        crawler.signals.connect(ext.item_dropped, signal=signals.item_dropped)
        return ext

    def spider_opened(self, spider) -> None:
        store = crawler_store(self.crawler)
        self.run_id = store.start_run(getattr(spider, "run_site", None), getattr(spider, "args", {}))
        spider.run_id = self.run_id

    def item_dropped(self, item, response, exception, spider=None) -> None:
        url = item.get("canonical_url") or item.get("url") if isinstance(item, dict) else None
        kind = getattr(exception, "kind", None)
        if url and kind:
            crawler_store(self.crawler).mark_page(url, kind=f"non_report:{kind}", reason=str(exception)[:500])

    def spider_closed(self, spider, reason) -> None:
        store = crawler_store(self.crawler)
        stats = self.crawler.stats.get_stats()
        keep = {k: v for k, v in stats.items()
                if k.startswith(("govreports/", "downloader/", "item_", "response_received", "retry/", "offsite/",
                                 "dupefilter/", "robotstxt/", "log_count/ERROR", "elapsed"))}
        if self.run_id is not None:
            store.finish_run(self.run_id, keep, reason)
        store.close()
        spider.logger.info("govreports run %s finished (%s): %s", self.run_id, reason,
                           {k: v for k, v in sorted(keep.items()) if k.startswith("govreports/")})
