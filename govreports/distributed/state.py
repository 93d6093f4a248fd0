"""What the shared frontier holds right now: whether a crawl is in progress, and a summary of it."""

from __future__ import annotations

from typing import Any

from govreports.distributed.keys import Keys, as_text


def frontier_busy(server: Any, keys: Keys) -> bool:
    """Requests or seeds waiting, or requests in flight on a live worker."""
    if server.zcard(keys.requests) or server.llen(keys.seeds):
        return True
    for raw in server.smembers(keys.workers):
        worker = as_text(raw)
        if server.exists(keys.heartbeat(worker)) and server.hlen(keys.inflight(worker)):
            return True
    return False


def status(server: Any, keys: Keys) -> dict[str, Any]:
    """What the frontier holds right now (for ``enqueue --status`` and the tests)."""
    workers = []
    for raw in server.smembers(keys.workers):
        w = as_text(raw)
        workers.append({"worker": w, "alive": bool(server.exists(keys.heartbeat(w))),
                        "in_flight": int(server.hlen(keys.inflight(w)))})
    return {"round": int(server.get(keys.round) or 0), "seeds": int(server.llen(keys.seeds)),
            "requests": int(server.zcard(keys.requests)), "seen": int(server.scard(keys.dupefilter)),
            "journal": int(server.llen(keys.journal)), "workers": sorted(workers, key=lambda w: w["worker"])}
