"""A DNS resolver for crawl tests: every ``*.test`` name is 127.0.0.1 (RFC 2606 reserves .test).

Lets an end-to-end test serve one portal under several host names (www.x.test, xxgk.x.test,
www.other.test) from one loopback server. Set with ``-s DNS_RESOLVER=tests.loopback_dns.LoopbackResolver``.
"""

from __future__ import annotations

from collections.abc import Sequence

from scrapy.resolver import CachingThreadedResolver
from twisted.internet import defer


class LoopbackResolver(CachingThreadedResolver):
    def getHostByName(self, name: str, timeout: Sequence[int] = ()) -> defer.Deferred[str]:  # noqa: N802
        if name == "test" or name.endswith(".test"):
            return defer.succeed("127.0.0.1")
        return super().getHostByName(name, timeout)
