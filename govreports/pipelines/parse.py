"""Content → record; a report that lives only in an attachment is kept as such, with a warning."""

from __future__ import annotations

from govreports.parser import parse_page
from govreports.pipelines import CrawlerPipeline


class ParsePipeline(CrawlerPipeline):
    def process_item(self, item):
        record = parse_page(item["page"])
        if item.get("report_kind") == "attachment_only":
            record.edition = None
            urls = ", ".join(a["url"] for a in record.page.get("attachments", []))
            record.warnings.append(f"page: the report's tables are in the attachment ({urls}), not on the page")
        item["record"] = record
        return item
