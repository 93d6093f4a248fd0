"""Keeps the raw page (compressed) and its validators before anything else can drop it; a report
split over pages keeps each of its other pages too (kind ``article_part``)."""

from __future__ import annotations

from govreports.pipelines import CrawlerPipeline
from govreports.store.crawl import crawler_store
from govreports.urls import canonicalize


class ArchivePipeline(CrawlerPipeline):
    def process_item(self, item):
        store = crawler_store(self.crawler)
        result = store.archive_page(item)
        self._remember_redirect(store, item)
        for part in item.get("parts") or ():  # the other pages of a split report, kept for reparse
            if "body" in part:
                store.archive_page({**part, "kind": "article_part"})
                self._remember_redirect(store, part)
        item["page_changed"] = result.changed
        self.crawler.stats.inc_value("govreports/pages_changed" if result.changed else "govreports/pages_same")
        return item

    @staticmethod
    def _remember_redirect(store, item) -> None:
        if item.get("request_url") and canonicalize(item["request_url"]) != item.get("canonical_url"):
            store.remember_redirect(item["request_url"], item["url"], site=item.get("site"),
                                    fetched_at=item.get("fetched_at"))
