"""The report record of SCHEMA.md: the only thing that crosses from parsing into storage and export."""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass, field, is_dataclass
from typing import Any

SCHEMA_VERSION = 1

Number = int | float | None
TableData = dict[str, dict[str, Number]]


@dataclass
class Record:
    title: str | None = None
    agency: str | None = None
    year: int | None = None
    edition: str | None = None
    published_at: str | None = None
    source: str | None = None
    original_script: str = "simplified"
    text: str = ""
    sections: dict[str, str | None] = field(
        default_factory=lambda: {"overview": None, "problems": None, "other": None}
    )
    active_disclosure: TableData = field(default_factory=dict)
    applications: TableData = field(default_factory=dict)
    reviews_litigation: TableData = field(default_factory=dict)
    checks: list[dict[str, Any]] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    #: Page facts beyond SCHEMA.md's core (url, site name, attachments, document metadata…).
    page: dict[str, Any] = field(default_factory=dict)
    schema_version: int = SCHEMA_VERSION

    def to_dict(self) -> dict[str, Any]:
        """A JSON-ready copy (fast: the record is two levels deep at most, no dataclass walk)."""
        def table(t: TableData) -> TableData:
            return {row: dict(cols) for row, cols in t.items()}

        return {
            "schema_version": self.schema_version, "title": self.title, "agency": self.agency, "year": self.year,
            "edition": self.edition, "published_at": self.published_at, "source": self.source,
            "original_script": self.original_script, "text": self.text, "sections": dict(self.sections),
            "active_disclosure": table(self.active_disclosure), "applications": table(self.applications),
            "reviews_litigation": table(self.reviews_litigation), "checks": [dict(c) for c in self.checks],
            "warnings": list(self.warnings), "page": json.loads(json.dumps(self.page, default=_plain)),
        }

    @property
    def failed_checks(self) -> int:
        return sum(1 for c in self.checks if c.get("ok") is False)

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> Record:
        known = {k: v for k, v in d.items() if k in cls.__dataclass_fields__}
        return cls(**known)


def _plain(obj: Any) -> Any:
    return asdict(obj) if is_dataclass(obj) and not isinstance(obj, type) else str(obj)
