"""Response → page: decoding, body location, chrome stripping, page metadata, Traditional → Simplified."""

from govreports.page.model import Attachment, Page, PageMetadata

__all__ = ["Attachment", "Page", "PageMetadata"]
