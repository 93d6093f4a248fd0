"""What the page step hands to the parser: the report's content and what the chrome said."""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import Any


@dataclass
class Attachment:
    url: str
    text: str


@dataclass
class PageMetadata:
    title: str | None = None
    published_at: str | None = None  # ISO 8601, minutes precision: 2021-02-10T10:31:00
    source: str | None = None
    agency: str | None = None
    year: int | None = None
    site_name: str | None = None
    column_name: str | None = None
    url: str | None = None
    region: str | None = None
    original_script: str = "simplified"
    attachments: list[Attachment] = field(default_factory=list)
    #: The 信息公开 metadata table (索引号, 发文机关, 成文日期 …), label → value.
    doc_meta: dict[str, str] = field(default_factory=dict)

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


@dataclass
class Page:
    """The report body, chrome removed and in Simplified script.

    ``content`` is an HTML fragment (tables kept as HTML) when ``content_type`` is
    ``text/html``, clean text otherwise.
    """

    content: str
    content_type: str
    metadata: PageMetadata = field(default_factory=PageMetadata)
    #: Problems met while reading the page (decoding, missing body …).
    warnings: list[str] = field(default_factory=list)
    #: ``content`` is lxml's serialisation of the body with its non-content elements (script,
    #: style, iframe …) removed — the page step's output — so the parser reads it without parsing
    #: it again. Anything else (hand-made pages, stored content) is parsed first.
    serialized: bool = field(default=False, repr=False, compare=False)
