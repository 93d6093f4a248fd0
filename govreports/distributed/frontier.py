"""The shared frontier: scrapy-redis's scheduler and duplicate filter, made safe against dying workers.

scrapy-redis pops a request from Redis and forgets it: if the worker dies before finishing it,
the request is lost (and its fingerprint stays in the duplicate filter, so nobody fetches it
again). Here a popped request is also written, in the same atomic step, to the worker's
in-flight hash, and removed only when everything it produced is safe: the requests it yielded
are in the shared queue and its items are in the journal. A worker refreshes a heartbeat key;
when one stops beating, any live worker moves its in-flight requests back to the queue.
"""

from __future__ import annotations

import hashlib
import itertools
import logging
from typing import Any

from scrapy import Request, signals
from scrapy_redis.dupefilter import RFPDupeFilter
from scrapy_redis.scheduler import Scheduler
from twisted.internet import task

from govreports.distributed.inflight import PARENT, TOKEN, mark_child
from govreports.distributed.keys import Keys, as_text, worker_id
from govreports.distributed.politeness import release_worker_slots
from govreports.urls import canonicalize

logger = logging.getLogger(__name__)

#: Seconds between heartbeats; a worker silent for three of them is taken for dead.
HEARTBEAT_SECONDS = 5.0

_POP = """
local r = redis.call('ZPOPMIN', KEYS[1])
if #r == 0 then return false end
redis.call('HSET', KEYS[2], r[2] .. ':' .. ARGV[1], r[1])
return {r[1], r[2]}
"""
_REQUEUE = """
local all = redis.call('HGETALL', KEYS[1])
local n = 0
for i = 1, #all, 2 do
  local score = string.match(all[i], '^(.-):[^:]*$')
  redis.call('ZADD', KEYS[2], score, all[i + 1])
  n = n + 1
end
redis.call('DEL', KEYS[1])
return n
"""


class CanonicalRedisDupeFilter(RFPDupeFilter):
    """The shared duplicate filter, keyed like the local one on the canonical URL."""

    def request_fingerprint(self, request) -> str:
        key = f"{request.method} {canonicalize(request.url)} ".encode() + (request.body or b"")
        return hashlib.sha1(key).hexdigest()

    def close(self, reason: str = "") -> None:
        """Keep the fingerprints: the frontier belongs to every worker, not to this one."""


class Frontier(Scheduler):
    """scrapy-redis ``Scheduler`` plus in-flight tracking, heartbeats and recovery of dead workers."""

    @classmethod
    def from_crawler(cls, crawler):
        import redis

        try:
            instance = super().from_crawler(crawler)
        except redis.RedisError as exc:
            raise RuntimeError(f"distributed mode: cannot reach Redis at {crawler.settings.get('REDIS_URL')}: {exc} "
                               "(unset GOVREPORTS_REDIS_URL to crawl locally)") from exc
        instance.crawler = crawler
        instance.keys = Keys.from_settings(crawler.settings)
        instance.worker = worker_id(crawler)
        instance.heartbeat_seconds = crawler.settings.getfloat("GOVREPORTS_REDIS_HEARTBEAT", HEARTBEAT_SECONDS)
        instance._tokens = itertools.count(1)
        instance._fields: dict[str, str] = {}
        instance._open: dict[str, list] = {}  # token → [children not yet safe, callback finished]
        crawler._govreports_frontier = instance
        for handler, signal in ((instance._item_safe, signals.item_scraped),
                                (instance._item_safe, signals.item_dropped),
                                (instance._item_safe, signals.item_error)):
            crawler.signals.connect(handler, signal=signal)
        return instance

    # --- life --------------------------------------------------------------------------------

    def open(self, spider):
        super().open(spider)
        self._pop = self.server.register_script(_POP)
        self._requeue = self.server.register_script(_REQUEUE)
        self.server.sadd(self.keys.workers, self.worker)
        self._beat()
        self._loop = task.LoopingCall(self._beat)
        self._loop.start(self.heartbeat_seconds, now=False)
        logger.info("worker %s joined the frontier %s (%d requests waiting)",
                    self.worker, self.keys.prefix, len(self.queue))

    def close(self, reason):
        if getattr(self, "_loop", None) is not None and self._loop.running:
            self._loop.stop()
        back = self._requeue(keys=[self.keys.inflight(self.worker), self.keys.requests])
        if back:
            logger.info("worker %s leaves %d unfinished requests to the others", self.worker, back)
        release_worker_slots(self.server, self.keys, self.worker)  # nothing of ours is in flight any more
        self.server.delete(self.keys.heartbeat(self.worker))
        self.server.srem(self.keys.workers, self.worker)
        super().close(reason)

    def _beat(self) -> None:
        """Refresh this worker's heartbeat; give back the requests of workers that stopped beating."""
        try:
            self.server.set(self.keys.heartbeat(self.worker), "1", ex=max(1, int(self.heartbeat_seconds * 3)))
            self.recover()
        except Exception as exc:  # a Redis hiccup must not kill the heartbeat loop
            logger.warning("frontier heartbeat failed: %s", exc)

    def recover(self) -> int:
        moved = 0
        for raw in self.server.smembers(self.keys.workers):
            other = as_text(raw)
            if other == self.worker or self.server.exists(self.keys.heartbeat(other)):
                continue
            n = int(self._requeue(keys=[self.keys.inflight(other), self.keys.requests]) or 0)
            freed = release_worker_slots(self.server, self.keys, other)
            self.server.srem(self.keys.workers, other)
            if freed:
                logger.warning("worker %s stopped; %d portal slot(s) it held are free again", other, freed)
            if n:
                logger.warning("worker %s stopped; %d of its unfinished requests are back in the queue", other, n)
                if self.stats:
                    self.stats.inc_value("govreports/distributed/recovered_requests", n)
            moved += n
        return moved

    # --- queue ---------------------------------------------------------------------------------

    def next_request(self):
        token = f"{self.worker}.{next(self._tokens)}"
        popped = self._pop(keys=[self.keys.requests, self.keys.inflight(self.worker)], args=[token])
        if not popped:
            return None
        data, score = popped
        field = f"{as_text(score)}:{token}"
        self._fields[token] = field
        request = self.queue._decode_request(data)
        request.meta[TOKEN] = token
        if self.stats:
            self.stats.inc_value("scheduler/dequeued/redis")
        return request

    def enqueue_request(self, request: Request) -> bool:
        parent = request.meta.pop(PARENT, None)
        own = request.meta.pop(TOKEN, None)  # a retry or redirect of a request this worker holds
        try:  # scrapy-redis's enqueue_request, minus its deprecated per-spider stats call
            if not request.dont_filter and self.df.request_seen(request):
                self.df.log(request, self.spider)
                return False
            if self.stats:
                self.stats.inc_value("scheduler/enqueued/redis")
            self.queue.push(request)
            return True
        finally:
            if own:
                self.done(own)
            if parent:
                self.child_safe(parent)

    def has_pending_requests(self):
        return len(self) > 0

    # --- in-flight accounting --------------------------------------------------------------------

    def done(self, token: str) -> None:
        """Everything the request produced is safe: it leaves the in-flight hash."""
        self._open.pop(token, None)
        field = self._fields.pop(token, None)
        if field is not None:
            self.server.hdel(self.keys.inflight(self.worker), field)

    def callback_started(self, token: str) -> None:
        self._open.setdefault(token, [0, False])

    def child_added(self, token: str) -> None:
        self._open.setdefault(token, [0, False])[0] += 1

    def child_safe(self, token: str) -> None:
        state = self._open.get(token)
        if state is None:
            return
        state[0] -= 1
        if state[0] <= 0 and state[1]:
            self.done(token)

    def callback_finished(self, token: str) -> None:
        state = self._open.setdefault(token, [0, False])
        state[1] = True
        if state[0] <= 0:
            self.done(token)

    def _item_safe(self, item, *args, **kwargs) -> None:
        token = item.get(PARENT) if isinstance(item, dict) else None
        if token:
            self.child_safe(token)


def frontier_of(crawler: Any) -> Frontier | None:
    return getattr(crawler, "_govreports_frontier", None)


class InflightMiddleware:
    """Spider middleware (outermost): marks what each callback yields with its request's token."""

    def __init__(self, crawler) -> None:
        self.crawler = crawler

    @classmethod
    def from_crawler(cls, crawler):
        return cls(crawler)

    def process_spider_output(self, response, result, spider=None):
        frontier, token = frontier_of(self.crawler), response.meta.get(TOKEN)
        if frontier is None or token is None:
            yield from result
            return
        frontier.callback_started(token)
        try:
            for out in result:
                mark_child(frontier, token, out)
                yield out
        finally:
            frontier.callback_finished(token)

    async def process_spider_output_async(self, response, result, spider=None):
        frontier, token = frontier_of(self.crawler), response.meta.get(TOKEN)
        if frontier is None or token is None:
            async for out in result:
                yield out
            return
        frontier.callback_started(token)
        try:
            async for out in result:
                mark_child(frontier, token, out)
                yield out
        finally:
            frontier.callback_finished(token)
