"""Replay the workers' journal into SQLite: the single writer of a distributed crawl.

Events are read in order in batches; each batch is applied in one SQLite transaction and only
then removed from Redis. A crash between the two replays the batch next time, which changes
nothing (every store write is idempotent: an unchanged page or report writes nothing new).
"""

from __future__ import annotations

import json
import time
import uuid
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from govreports.distributed.journal import decode_body
from govreports.distributed.keys import Keys, as_text
from govreports.distributed.state import frontier_busy
from govreports.record import Record
from govreports.store import Store

LOCK_SECONDS = 120


class IngestBusy(RuntimeError):
    """Another ``govreports ingest`` holds the writer lock of this frontier."""


@dataclass
class IngestResult:
    events: int = 0
    batches: int = 0
    reports: Counter = field(default_factory=Counter)
    ops: Counter = field(default_factory=Counter)
    bad_events: int = 0


class Ingester:
    def __init__(self, server: Any, keys: Keys, store: Store) -> None:
        self.server = server
        self.keys = keys
        self.store = store
        self.token = uuid.uuid4().hex
        self._runs: dict[str, int] = {}

    # --- the writer lock ------------------------------------------------------------------------

    def acquire(self) -> None:
        if self.server.set(self.keys.ingest_lock, self.token, nx=True, ex=LOCK_SECONDS):
            return
        holder = self.server.get(self.keys.ingest_lock)
        if holder is not None and as_text(holder) == self.token:
            self.server.expire(self.keys.ingest_lock, LOCK_SECONDS)
            return
        raise IngestBusy(f"another ingest is writing this frontier ({self.keys.ingest_lock} is held); "
                         f"one writer at a time keeps the database consistent")

    def release(self) -> None:
        holder = self.server.get(self.keys.ingest_lock)
        if holder is not None and as_text(holder) == self.token:
            self.server.delete(self.keys.ingest_lock)

    # --- draining -------------------------------------------------------------------------------

    def drain(self, *, batch: int = 500, follow: bool = False, idle_exit: float | None = None,
              stop: Callable[[], bool] | None = None, progress: Callable[[IngestResult], None] | None = None
              ) -> IngestResult:
        """Apply journal events until it is empty (``follow``: keep waiting; ``idle_exit``: stop after
        that many seconds with an empty journal and no crawl in progress)."""
        result = IngestResult()
        self.acquire()
        idle_since: float | None = None
        try:
            while not (stop and stop()):
                self.acquire()
                raw = self.server.lrange(self.keys.journal, 0, batch - 1)
                if not raw:
                    if not follow:
                        break
                    idle_since = idle_since or time.monotonic()
                    if idle_exit is not None and time.monotonic() - idle_since >= idle_exit \
                            and not frontier_busy(self.server, self.keys):
                        break
                    time.sleep(0.2)
                    continue
                idle_since = None
                self.apply(raw, result)
                self.server.ltrim(self.keys.journal, len(raw), -1)
                result.batches += 1
                if progress:
                    progress(result)
        finally:
            self.release()
        return result

    def apply(self, raw: list[bytes], result: IngestResult) -> None:
        counts: dict[int, Counter] = {}
        with self.store.db.atomic():
            for data in raw:
                result.events += 1
                try:
                    event = json.loads(data)
                    op = event["op"]
                except (ValueError, KeyError, TypeError):
                    result.bad_events += 1
                    continue
                result.ops[op] += 1
                status = self._apply(event)
                if status:
                    result.reports[status] += 1
                    run_id = self._runs.get(event.get("run") or "")
                    if run_id is None and event.get("run"):
                        run_id = self.store.run_for_key(event["run"])
                    if run_id is not None:
                        counts.setdefault(run_id, Counter())[status] += 1
            for run_id, c in counts.items():
                self.store.add_run_counts(run_id, new=c["new"], updated=c["updated"], unchanged=c["unchanged"])

    def _apply(self, event: dict[str, Any]) -> str | None:
        op, store = event["op"], self.store
        if op == "archive":
            item = dict(event["item"])
            item["body"] = decode_body(item.get("body"))
            store.archive_page(item)
        elif op == "report":
            return store.save_report(event["item"], Record.from_dict(event["record"]))
        elif op == "redirect":
            store.remember_redirect(event["url"], event["target"], site=event.get("site"),
                                    fetched_at=event.get("fetched_at"))
        elif op == "touch":
            store.touch_page(event["url"], fetched_at=event.get("fetched_at"), status=event.get("status") or 304)
        elif op == "mark":
            store.mark_page(event["url"], kind=event["kind"], reason=event.get("reason"))
        elif op == "failure":
            store.record_failure(event["url"], site=event.get("site"), kind=event["kind"],
                                 message=event.get("message") or "", fetched_at=event.get("fetched_at"))
        elif op == "resolve":
            store.resolve_failure(event["url"])
        elif op == "run_start":
            key = event["args"].get("run_key") or event.get("run")
            run_id = store.run_for_key(key)
            if run_id is None:
                run_id = store.start_run(event.get("site"), event["args"])
            self._runs[key] = run_id
        elif op == "run_finish":
            run_id = self._runs.get(event.get("run") or "") or store.run_for_key(event.get("run") or "")
            if run_id is not None:
                store.finish_run(run_id, event.get("stats") or {}, event.get("reason"), report_counts=False)
        return None
