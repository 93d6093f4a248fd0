"""Every Redis key govreports uses, in one place (all under one prefix, ``govreports`` by default)."""

from __future__ import annotations

import os
import socket
import uuid
from dataclasses import dataclass
from typing import Any


def as_text(value: bytes | str) -> str:
    """Redis answers bytes (the clients here do not decode, request data stays binary)."""
    return value.decode() if isinstance(value, bytes) else str(value)


def redis_url(settings: Any = None) -> str | None:
    """The Redis URL of distributed mode, from settings or the environment; None when off."""
    value = settings.get("GOVREPORTS_REDIS_URL") if settings is not None else None
    return value or os.environ.get("GOVREPORTS_REDIS_URL") or None


def worker_id(crawler: Any) -> str:
    """One id per crawl process, shared by the frontier, the journal and the portal slots."""
    wid = getattr(crawler, "_govreports_worker", None)
    if wid is None:
        wid = f"{socket.gethostname()}-{os.getpid()}-{uuid.uuid4().hex[:6]}"
        crawler._govreports_worker = wid
    return wid


@dataclass(frozen=True)
class Keys:
    prefix: str = "govreports"

    @classmethod
    def from_settings(cls, settings: Any = None) -> Keys:
        prefix = (settings.get("GOVREPORTS_REDIS_PREFIX") if settings is not None else None) \
            or os.environ.get("GOVREPORTS_REDIS_PREFIX") or "govreports"
        return cls(prefix)

    @property
    def requests(self) -> str:
        """The shared frontier: scrapy-redis priority queue (sorted set of serialised requests)."""
        return f"{self.prefix}:requests"

    @property
    def dupefilter(self) -> str:
        """Fingerprints of every request scheduled in this round (set)."""
        return f"{self.prefix}:dupefilter"

    @property
    def seeds(self) -> str:
        """Sites waiting to be started by a worker (list of JSON seeds)."""
        return f"{self.prefix}:seeds"

    @property
    def journal(self) -> str:
        """Store writes from workers, in order, waiting for ``govreports ingest`` (list of JSON events)."""
        return f"{self.prefix}:journal"

    @property
    def workers(self) -> str:
        """Ids of workers that have run in this frontier (set)."""
        return f"{self.prefix}:workers"

    @property
    def ingest_lock(self) -> str:
        return f"{self.prefix}:ingest:lock"

    @property
    def round(self) -> str:
        """Counter of crawl rounds: a new round starts when ``enqueue`` finds the frontier idle."""
        return f"{self.prefix}:round"

    def heartbeat(self, worker: str) -> str:
        """Exists while the worker lives (short expiry, refreshed by the worker)."""
        return f"{self.prefix}:heartbeat:{worker}"

    def inflight(self, worker: str) -> str:
        """Requests the worker has taken and not finished: field "<score>:<token>" → request (hash)."""
        return f"{self.prefix}:inflight:{worker}"

    @property
    def budgets(self) -> str:
        """Requests made per site in this round, all workers together (hash site id → count)."""
        return f"{self.prefix}:budgets"

    def variants(self, netloc_path: str) -> str:
        """Query-string variants of one path requested in this round, all workers together (set)."""
        return f"{self.prefix}:variants:{netloc_path}"

    def host_slots(self, host: str) -> str:
        """Requests in flight to a host across all workers: token → lease expiry (sorted set)."""
        return f"{self.prefix}:host:{host}:slots"

    def host_next(self, host: str) -> str:
        """When the next request to a host may start (Redis time, seconds; expires by itself)."""
        return f"{self.prefix}:host:{host}:next"

    def site(self, site_id: str) -> str:
        """What the database knew of a site when it was enqueued, and the crawl options (hash)."""
        return f"{self.prefix}:site:{site_id}"


def distributed_settings(url: str, prefix: str) -> dict[str, Any]:
    """The scrapy-redis profile a worker runs with (applied by the spider's ``update_settings``)."""
    return {
        "REDIS_URL": url,
        "SCHEDULER": "govreports.distributed.frontier.Frontier",
        "DUPEFILTER_CLASS": "govreports.distributed.frontier.CanonicalRedisDupeFilter",
        "SCHEDULER_PERSIST": True,
        "SCHEDULER_QUEUE_CLASS": "scrapy_redis.queue.PriorityQueue",
        "SCHEDULER_QUEUE_KEY": f"{prefix}:requests",
        "SCHEDULER_DUPEFILTER_KEY": f"{prefix}:dupefilter",
        "SCHEDULER_SERIALIZER": "govreports.distributed.serialize",
        "SPIDER_MIDDLEWARES": {"govreports.distributed.frontier.InflightMiddleware": 5},
        # (the portal-slot budget, SharedPolitenessMiddleware, is in the base settings: it keeps its
        # slots in Redis by itself when REDIS_URL is set)
    }
