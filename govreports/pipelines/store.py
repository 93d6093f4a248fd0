"""Record → SQLite (report, cells and checks in one transaction; unchanged reports write nothing)."""

from __future__ import annotations

from govreports.pipelines import CrawlerPipeline
from govreports.store.crawl import crawler_store


class StorePipeline(CrawlerPipeline):
    def process_item(self, item):
        store = crawler_store(self.crawler)
        status = store.save_report(item, item["record"])
        self.crawler.stats.inc_value(f"govreports/reports_{status}")
        # the item leaves the pipeline small: no body, page or record objects in feeds or logs
        out = {"url": item["url"], "site": item.get("site"), "status": status,
               "title": item["record"].title, "failed_checks": item["record"].failed_checks}
        if "_gr_parent" in item:  # distributed mode: lets the frontier know the item is safe
            out["_gr_parent"] = item["_gr_parent"]
        return out
