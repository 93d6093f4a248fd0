"""Seeding the shared frontier: sites go in with what the database already knows about them.

A worker has no database, so ``enqueue`` copies, per site, the validators and freshness of its
known pages (to keep re-crawls incremental), its open failures (to retry them) and the crawl
options into one Redis hash; the seed itself only names the site. When the frontier is idle a
new round starts: the duplicate filter of the previous round is cleared so list pages are read
again.
"""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass
from typing import Any

from govreports.distributed.bounds import clear_round
from govreports.distributed.keys import Keys
from govreports.distributed.state import frontier_busy
from govreports.sites import Site
from govreports.store import Store

#: Seeds and site knowledge older than this are dropped by Redis (a forgotten frontier cleans itself).
SITE_TTL_SECONDS = 14 * 24 * 3600


@dataclass
class EnqueueResult:
    sites: int
    known_pages: int
    failures: int
    new_round: bool
    round: int


def enqueue(server: Any, keys: Keys, sites: list[Site], *, store: Store | None = None, full: bool = False,
            refresh_days: int | None = None, max_pages: int | None = None) -> EnqueueResult:
    new_round = not frontier_busy(server, keys)
    if new_round:
        server.delete(keys.dupefilter)  # a new round: every page may be read again,
        clear_round(server, keys)  # within fresh budgets and trap bounds
        round_no = int(server.incr(keys.round))
    else:
        round_no = int(server.get(keys.round) or 0)
    known_total = failures_total = 0
    pipe = server.pipeline()
    for site in sites:
        known = store.known_pages(site.id) if store is not None else {}
        failures = [f["url"] for f in store.failures(site.id)] if store is not None else []
        known_total += len(known)
        failures_total += len(failures)
        key = keys.site(site.id)
        mapping = {url: json.dumps(asdict(state), ensure_ascii=False) for url, state in known.items()}
        mapping["__options__"] = json.dumps({"full": full, "refresh_days": refresh_days, "max_pages": max_pages})
        mapping["__failures__"] = json.dumps(failures, ensure_ascii=False)
        pipe.delete(key)
        pipe.hset(key, mapping=mapping)
        pipe.expire(key, SITE_TTL_SECONDS)
        pipe.rpush(keys.seeds, json.dumps({"site": asdict(site), "round": round_no}, ensure_ascii=False))
    pipe.expire(keys.seeds, SITE_TTL_SECONDS)
    pipe.execute()
    return EnqueueResult(len(sites), known_total, failures_total, new_round, round_no)


def pop_seeds(server: Any, keys: Keys, count: int) -> list[Site]:
    raw = server.lpop(keys.seeds, count) or []
    out = []
    for data in raw:
        try:
            d = json.loads(data)["site"]
            out.append(Site(**{**d, "columns": tuple(d.get("columns") or ())}))
        except (ValueError, KeyError, TypeError):
            continue
    return out
