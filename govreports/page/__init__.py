"""Response → page: decoding, body location, chrome stripping, page metadata, Traditional → Simplified."""

from govreports.page.classify import Classification, classify
from govreports.page.clean import clean_page
from govreports.page.decode import decode_body
from govreports.page.model import Attachment, Page, PageMetadata

__all__ = ["Attachment", "Classification", "Page", "PageMetadata", "classify", "clean_page", "decode_body"]
