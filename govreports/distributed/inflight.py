"""What a request's callback yields, marked as its children (no scrapy-redis needed to import this).

The frontier (:mod:`govreports.distributed.frontier`) keeps a popped request in flight until
everything it produced is safe; outputs are marked with the request's token. Scrapy passes a
callback's output through the spider middlewares, where :class:`InflightMiddleware` marks it, but
an errback's output only for some failures (an HTTP error, not a download error): an errback that
yields marks its output itself with :func:`adopt_errback_output`, and marking twice is harmless.
"""

from __future__ import annotations

from typing import Any

from scrapy import Request

#: request.meta key: the in-flight token of a request this worker popped.
TOKEN = "_gr_token"
#: request.meta / item key: the token of the request whose callback produced it.
PARENT = "_gr_parent"


def mark_child(frontier: Any, token: str, out: Any) -> None:
    """``out`` (a request or an item) is a child of the request holding ``token`` (once only)."""
    if isinstance(out, Request):
        if out.meta.get(PARENT) != token:
            out.meta[PARENT] = token
            frontier.child_added(token)
    elif isinstance(out, dict) and out.get(PARENT) != token:
        out[PARENT] = token
        frontier.child_added(token)


def adopt_errback_output(crawler: Any, request: Request, out: Any) -> None:
    """Marks what an errback yields as ``request``'s child, in distributed mode (else nothing)."""
    frontier, token = getattr(crawler, "_govreports_frontier", None), request.meta.get(TOKEN)
    if frontier is None or token is None:
        return
    frontier.callback_started(token)
    try:
        mark_child(frontier, token, out)
    finally:
        frontier.callback_finished(token)
