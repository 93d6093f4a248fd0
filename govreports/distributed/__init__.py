"""Distributed crawling on scrapy-redis: one shared frontier, many workers, one SQLite writer.

Opt-in with ``GOVREPORTS_REDIS_URL``. Workers (``scrapy crawl reports``) share the request queue
and duplicate filter of scrapy-redis; instead of writing SQLite they append every store write
to a journal list in Redis, and ``govreports ingest`` replays that journal into the database
with a single writer. ``govreports enqueue`` seeds sites (with what the database already knows,
so re-crawls stay incremental). Requests a worker has taken but not finished are kept in an
in-flight hash; when the worker dies, the others put them back in the queue.
"""

from govreports.distributed.keys import Keys, redis_url

__all__ = ["Keys", "redis_url"]
