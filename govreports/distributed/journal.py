"""The worker's store: every write becomes an event appended to the Redis journal.

Workers never open SQLite. They read what the database knew (put in Redis by ``enqueue``) and
append what they learn; ``govreports ingest`` replays the events, in order, through the real
:class:`govreports.store.Store`. Replaying an event twice is harmless (every store write is
idempotent), so a crash anywhere loses nothing and duplicates nothing.
"""

from __future__ import annotations

import base64
import hashlib
import json
import time
import uuid
import zlib
from typing import Any

from govreports.distributed.keys import Keys, as_text
from govreports.record import Record
from govreports.store.store import ArchiveResult, PageState, clean_headers, now
from govreports.urls import canonicalize

#: How long a worker trusts its copy of a site's knowledge before reading Redis again.
SITE_CACHE_SECONDS = 60.0
#: Item fields that travel with an archived page (the body is compressed separately).
_ITEM_FIELDS = ("url", "request_url", "canonical_url", "status", "headers", "fetched_at", "site", "region",
                "found_on", "link_text", "report_kind", "kind")


def encode_body(body: bytes) -> str:
    return base64.b64encode(zlib.compress(body, 6)).decode("ascii")


def decode_body(data: str | None) -> bytes:
    return zlib.decompress(base64.b64decode(data)) if data else b""


def item_event(item: dict[str, Any], *, with_body: bool) -> dict[str, Any]:
    out = {k: item.get(k) for k in _ITEM_FIELDS if item.get(k) is not None}
    if "headers" in out:
        out["headers"] = clean_headers(out["headers"])
    if with_body:
        out["body"] = encode_body(item.get("body") or b"")
    return out


class JournalStore:
    """Stands in for :class:`Store` inside a worker (the spider, pipelines and run recorder use it)."""

    is_journal = True

    def __init__(self, server: Any, keys: Keys, worker: str | None = None) -> None:
        self.server = server
        self.keys = keys
        self.worker = worker or f"w-{uuid.uuid4().hex[:12]}"
        self.run_key: str | None = None
        self._sites: dict[str, tuple[float, dict[str, PageState], dict[str, Any], set[str]]] = {}
        self._resolved: set[str] = set()

    def close(self) -> None:
        pass

    def push(self, op: str, **data: Any) -> None:
        event = {"op": op, "run": self.run_key, "worker": self.worker, "at": now(), **data}
        self.server.rpush(self.keys.journal, json.dumps(event, ensure_ascii=False, default=str))

    # --- what the database knew (read from Redis) ------------------------------------------------

    def _site(self, site: str) -> tuple[dict[str, PageState], dict[str, Any], set[str]]:
        cached = self._sites.get(site)
        if cached and time.monotonic() - cached[0] < SITE_CACHE_SECONDS:
            return cached[1], cached[2], cached[3]
        raw = self.server.hgetall(self.keys.site(site)) or {}
        known: dict[str, PageState] = {}
        options: dict[str, Any] = {}
        failures: set[str] = set()
        for key, value in raw.items():
            key = as_text(key)
            data = json.loads(value)
            if key == "__options__":
                options = data
            elif key == "__failures__":
                failures = set(data)
            else:
                known[key] = PageState(**data)
        self._sites[site] = (time.monotonic(), known, options, failures)
        return known, options, failures

    def known_pages(self, site: str | None = None) -> dict[str, PageState]:
        return self._site(site)[0] if site else {}

    def site_options(self, site: str) -> dict[str, Any]:
        return self._site(site)[1]

    def failures(self, site: str | None = None, *, unresolved: bool = True) -> list[dict[str, Any]]:
        return [{"url": u} for u in sorted(self._site(site)[2])] if site else []

    # --- writes (appended to the journal) ---------------------------------------------------------

    def archive_page(self, item: dict[str, Any]) -> ArchiveResult:
        body: bytes = item.get("body") or b""
        digest = hashlib.sha256(body).hexdigest()
        key = canonicalize(item.get("canonical_url") or item["url"])
        known = self.known_pages(item.get("site")).get(key) if item.get("site") else None
        self.push("archive", item=item_event(item, with_body=True))
        return ArchiveResult(known is None or known.content_hash != digest, digest, known is None)

    def remember_redirect(self, url: str, target: str, *, site: str | None, fetched_at: str | None = None) -> None:
        self.push("redirect", url=url, target=target, site=site, fetched_at=fetched_at or now())

    def touch_page(self, url: str, *, fetched_at: str | None = None, status: int = 304) -> None:
        self.push("touch", url=url, fetched_at=fetched_at or now(), status=status)

    def mark_page(self, url: str, *, kind: str, reason: str | None = None) -> None:
        self.push("mark", url=url, kind=kind, reason=reason)

    def save_report(self, item: dict[str, Any], record: Record) -> str:
        self.push("report", item=item_event(item, with_body=False), record=record.to_dict())
        return "queued"

    def record_failure(self, url: str, *, site: str | None, kind: str, message: str,
                       fetched_at: str | None = None) -> None:
        self.push("failure", url=url, site=site, kind=kind, message=message, fetched_at=fetched_at or now())

    def resolve_failure(self, url: str, site: str | None = None) -> None:
        """Only URLs that had an open failure when the site was enqueued produce an event."""
        key = canonicalize(url)
        if not site or key in self._resolved or key not in self._site(site)[2]:
            return
        self._resolved.add(key)
        self.push("resolve", url=key)

    def start_run(self, site: str | None, args: dict[str, Any]) -> str:
        self.run_key = f"{self.worker}-{uuid.uuid4().hex[:8]}"
        self.push("run_start", site=site, args={**args, "worker": self.worker, "run_key": self.run_key})
        return self.run_key

    def finish_run(self, run_id: Any, stats: dict[str, Any], reason: str | None = None) -> None:
        self.push("run_finish", stats=stats, reason=reason)
