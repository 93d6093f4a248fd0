"""Page → content + metadata (chrome stripped, Simplified); non-reports dropped with their reason."""

from __future__ import annotations

from scrapy.exceptions import DropItem

from govreports.page import classify, clean_page
from govreports.page.clean import content_type_of
from govreports.pipelines import CrawlerPipeline


class NotAReport(DropItem):
    def __init__(self, kind: str, reason: str) -> None:
        super().__init__(f"not a report ({kind}): {reason}")
        self.kind = kind


class CleanPipeline(CrawlerPipeline):
    def process_item(self, item):
        page = clean_page(item["body"], content_type=content_type_of(item), url=item["url"],
                          headers=item.get("headers"))
        if item.get("region"):
            page.metadata.region = item["region"]
        verdict = classify(page)
        if not verdict.is_report:
            self.crawler.stats.inc_value("govreports/non_reports_dropped")
            self.crawler.stats.inc_value(f"govreports/non_reports/{verdict.kind}")
            raise NotAReport(verdict.kind, verdict.reason)
        item["page"] = page
        item["report_kind"] = verdict.kind
        return item
