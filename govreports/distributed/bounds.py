"""A site's request budget and its trap bounds, kept once for all workers of a round.

Locally the spider counts requests per site and query-string variants per path in memory; with
several workers each would count only its own, and a calendar trap or a budget would be W
times as wide. Here both live in Redis: the budget in a hash (site → requests made), the
variants of each path in a set admitted by one atomic script (a known variant always passes;
a new one only under the cap). A new round clears both (:func:`clear_round`).
"""

from __future__ import annotations

from typing import Any

from govreports.distributed.keys import Keys

_ADMIT = """
if redis.call('SISMEMBER', KEYS[1], ARGV[1]) == 1 then return 1 end
if redis.call('SCARD', KEYS[1]) >= tonumber(ARGV[2]) then return 0 end
redis.call('SADD', KEYS[1], ARGV[1])
return 1
"""


class SharedBounds:
    def __init__(self, server: Any, keys: Keys) -> None:
        self.server, self.keys = server, keys
        self._admit = server.register_script(_ADMIT)

    def spent(self, site_id: str) -> int:
        return int(self.server.hget(self.keys.budgets, site_id) or 0)

    def spend(self, site_id: str) -> None:
        self.server.hincrby(self.keys.budgets, site_id, 1)

    def admit_variant(self, netloc: str, path: str, query: str, cap: int) -> bool:
        """Whether this query-string variant of the path may be requested (all workers together)."""
        return bool(self._admit(keys=[self.keys.variants(netloc + path)], args=[query, cap]))


def clear_round(server: Any, keys: Keys) -> None:
    """A new round: budgets and variant sets start afresh."""
    server.delete(keys.budgets)
    stale = list(server.scan_iter(match=keys.variants("*"), count=1000))
    for i in range(0, len(stale), 500):
        server.delete(*stale[i:i + 500])
