"""Page → content + metadata (chrome stripped, Simplified, a split report's parts joined); non-reports
dropped with their reason."""

from __future__ import annotations

from scrapy.exceptions import DropItem

from govreports.page import classify
from govreports.page.clean import clean_item
from govreports.pipelines import CrawlerPipeline


class NotAReport(DropItem):
    def __init__(self, kind: str, reason: str) -> None:
        super().__init__(f"not a report ({kind}): {reason}")
        self.kind = kind


class CleanPipeline(CrawlerPipeline):
    def process_item(self, item):
        page = clean_item(item)  # (a report split over pages: its parts the spider fetched joined)
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
