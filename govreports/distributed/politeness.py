"""One politeness budget per portal, shared by every worker of the frontier.

Scrapy's per-domain concurrency and delay are per process: four workers on one portal would
each open their two connections and keep their own delay — four times the load a portal was
promised. Here each request first takes a *slot* of its host in Redis: at most
``GOVREPORTS_HOST_CONCURRENCY`` requests in flight per host across all workers, and starts at
least ``GOVREPORTS_HOST_DELAY`` seconds apart. The clock is Redis's own (``TIME`` inside the
script), so machines with skewed clocks agree. A slot is a lease: a worker that dies holding
one loses it when the others see it dead (its heartbeat stops), or at the latest when the lease
runs out (``DOWNLOAD_TIMEOUT`` + 30 s).

A request whose host is busy waits a moment; when the host stays busy it goes back to the
shared queue (its in-flight token handed over like a retry) so this worker serves other
portals meanwhile, instead of holding its downloader on one slow site.
"""

from __future__ import annotations

import asyncio
import logging
import uuid
from typing import Any
from urllib.parse import urlsplit

from govreports.crawl_delay import delays_of
from govreports.distributed.keys import Keys, as_text, redis_url, worker_id
from govreports.urls import slot_key

logger = logging.getLogger(__name__)

_ACQUIRE = """
local t = redis.call('TIME')
local now = tonumber(t[1]) + tonumber(t[2]) / 1000000
redis.call('ZREMRANGEBYSCORE', KEYS[1], '-inf', now)
if redis.call('ZCARD', KEYS[1]) >= tonumber(ARGV[2]) then return 'busy' end
local nxt = tonumber(redis.call('GET', KEYS[2]) or '0')
if now < nxt then return tostring(nxt - now) end
redis.call('ZADD', KEYS[1], now + tonumber(ARGV[3]), ARGV[1])
redis.call('EXPIRE', KEYS[1], math.ceil(tonumber(ARGV[3])) + 60)
local delay = tonumber(ARGV[4])
if delay > 0 then
  redis.call('SET', KEYS[2], tostring(now + delay), 'PX', math.ceil(delay * 1000) + 1000)
end
return 'ok'
"""

#: request.meta: (host, token) of the slot the request holds.
SLOT = "_gr_slot"
#: request.meta: how many times the request went back to the queue because its host was busy.
DEFERRALS = "_gr_deferred"
_WAIT_STEP = 0.02  # seconds between tries while the host is busy (a Redis round trip each)
_WAIT_MAX = 1.5  # then the request goes back to the queue


class HostSlots:
    """Acquire and release a host's shared slots (pure Redis; no Scrapy)."""

    def __init__(self, server: Any, keys: Keys, *, concurrency: int, delay: float, lease: float) -> None:
        self.server, self.keys = server, keys
        self.concurrency, self.delay, self.lease = max(1, concurrency), max(0.0, delay), max(1.0, lease)
        self._acquire = server.register_script(_ACQUIRE)

    def acquire(self, host: str, token: str, delay: float | None = None) -> float | None:
        """``None`` when the slot is taken; else seconds to wait (0: go — the slot is held).
        ``delay``: this host's own, when it asks for more than the budget's (robots.txt)."""
        delay = max(self.delay, delay or 0.0)
        answer = as_text(self._acquire(keys=[self.keys.host_slots(host), self.keys.host_next(host)],
                                       args=[token, self.concurrency, self.lease, delay]))
        if answer == "ok":
            return 0.0
        if answer == "busy":
            return None
        return max(float(answer), 0.001)

    def release(self, host: str, token: str) -> None:
        self.server.zrem(self.keys.host_slots(host), token)

    def in_flight(self, host: str) -> int:
        return int(self.server.zcard(self.keys.host_slots(host)))


class LocalHostSlots:
    """The same budget kept in memory, for a crawl on one machine.

    Scrapy 2.19 does not hold ``CONCURRENT_REQUESTS_PER_DOMAIN`` when ``DOWNLOAD_DELAY`` is 0 (a
    burst of queued requests all start at once); this does. Spacing stays Scrapy's (its delay and
    AutoThrottle act per download slot), so ``delay`` is 0 here.
    """

    def __init__(self, *, concurrency: int) -> None:
        self.concurrency = max(1, concurrency)
        self.delay = 0.0
        self._held: dict[str, set[str]] = {}

    def acquire(self, host: str, token: str, delay: float | None = None) -> float | None:
        held = self._held.setdefault(host, set())
        if len(held) >= self.concurrency:
            return None
        held.add(token)
        return 0.0

    def release(self, host: str, token: str) -> None:
        held = self._held.get(host)
        if held is not None:
            held.discard(token)
            if not held:
                del self._held[host]

    def in_flight(self, host: str) -> int:
        return len(self._held.get(host, ()))


def release_worker_slots(server: Any, keys: Keys, worker: str) -> int:
    """Free every slot a dead worker held (its tokens start with its id), instead of making
    its portals wait for the leases to run out."""
    freed = 0
    for key in server.scan_iter(match=keys.host_slots("*"), count=500):
        mine = [m for m in server.zrange(key, 0, -1) if as_text(m).startswith(f"{worker}|")]
        if mine:
            freed += int(server.zrem(key, *mine))
    return freed


class SharedPolitenessMiddleware:
    """Downloader middleware: every request holds a slot of its portal — in Redis for all workers
    in distributed mode, in memory on one machine."""

    def __init__(self, crawler: Any, slots: HostSlots | LocalHostSlots) -> None:
        self.crawler, self.slots = crawler, slots
        self.delays = delays_of(crawler)  # robots.txt Crawl-delays, by host
        self.worker = worker_id(crawler)  # in each token, so a dead worker's slots can be freed at once
        self._released: dict[str, asyncio.Event] = {}  # host → set when this worker frees one of its slots

    @classmethod
    def from_crawler(cls, crawler: Any) -> SharedPolitenessMiddleware:
        from scrapy.exceptions import NotConfigured

        settings = crawler.settings
        if not settings.getbool("GOVREPORTS_SHARED_POLITENESS", True):
            raise NotConfigured("GOVREPORTS_SHARED_POLITENESS is off")
        url = redis_url(settings)
        if not url:  # one machine: the budget in memory
            return cls(crawler, LocalHostSlots(concurrency=settings.getint("CONCURRENT_REQUESTS_PER_DOMAIN")))
        import redis  # the [redis] extra: only distributed mode needs it

        server = redis.Redis.from_url(url)
        concurrency = settings.get("GOVREPORTS_HOST_CONCURRENCY")
        delay = settings.get("GOVREPORTS_HOST_DELAY")
        slots = HostSlots(
            server, Keys.from_settings(settings),
            concurrency=int(concurrency) if concurrency not in (None, "") else
            settings.getint("CONCURRENT_REQUESTS_PER_DOMAIN"),
            delay=float(delay) if delay not in (None, "") else settings.getfloat("DOWNLOAD_DELAY"),
            lease=settings.getfloat("DOWNLOAD_TIMEOUT", 180) + 30)
        logger.info("one politeness budget per portal for all workers: %d at a time, %.2f s apart",
                    slots.concurrency, slots.delay)
        return cls(crawler, slots)

    async def process_request(self, request: Any, spider: Any = None) -> Any:
        if SLOT in request.meta or urlsplit(request.url).path == "/robots.txt":
            return None
        host, token = slot_key(request.url), f"{self.worker}|{uuid.uuid4().hex}"
        waited, backoff = 0.0, _WAIT_STEP
        while True:
            wait = self.slots.acquire(host, token, self.delays.get(host))
            if wait == 0.0:
                request.meta[SLOT] = (host, token)
                return None
            if wait is None:  # busy: ask again later, less often the longer it stays busy
                step, backoff = backoff, min(backoff * 2, 0.1)
            else:  # free after the delay: come back exactly then
                step = wait
            if waited + step > _WAIT_MAX:
                return self._defer(request)
            began = asyncio.get_running_loop().time()
            released = self._released.setdefault(host, asyncio.Event())
            try:  # a slot freed by this worker wakes its waiters at once; other workers' are seen by polling
                await asyncio.wait_for(released.wait(), timeout=step)
            except TimeoutError:
                pass
            waited += asyncio.get_running_loop().time() - began
            self.crawler.stats.inc_value("govreports/politeness/waits")

    def _defer(self, request: Any) -> Any:
        """Back to the shared queue (a retry-like copy: the frontier takes over its token)."""
        self.crawler.stats.inc_value("govreports/politeness/deferred")
        again = request.replace(dont_filter=True, priority=request.priority - 1)
        again.meta[DEFERRALS] = request.meta.get(DEFERRALS, 0) + 1
        return again

    def _release(self, request: Any) -> None:
        held = request.meta.pop(SLOT, None)
        if held:
            try:
                self.slots.release(*held)
            except Exception as exc:  # the lease frees it anyway
                logger.warning("could not release the slot of %s: %s", held[0], exc)
            event = self._released.pop(held[0], None)
            if event is not None:
                event.set()

    def process_response(self, request: Any, response: Any, spider: Any = None) -> Any:
        self._release(request)
        return response

    def process_exception(self, request: Any, exception: Any, spider: Any = None) -> None:
        self._release(request)
        return None
