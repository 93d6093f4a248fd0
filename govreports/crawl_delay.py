"""robots.txt's ``Crawl-delay``, honoured per portal.

Scrapy reads robots.txt for its ``Disallow`` rules only. A portal that asks for a delay between
requests gets it here: its download slot keeps at least that delay, AutoThrottle does not lower
it, and in distributed mode every worker's shared slot waits as long (:mod:`~govreports.distributed.politeness`).
The delay is capped (``GOVREPORTS_MAX_CRAWL_DELAY``, 60 s): a portal asking for an hour between
pages would never be read, and the log says when the cap applies.
"""

from __future__ import annotations

import logging
from typing import Any

from scrapy import signals

from govreports.urls import slot_key

logger = logging.getLogger(__name__)


def delays_of(crawler: Any) -> dict[str, float]:
    """The delays portals asked for, by slot key (host and port); filled as robots.txt files arrive."""
    if not hasattr(crawler, "_govreports_crawl_delays"):
        crawler._govreports_crawl_delays = {}
    return crawler._govreports_crawl_delays


class CrawlDelay:
    """Extension: reads each robots.txt's ``Crawl-delay`` for this crawler's user agent."""

    def __init__(self, crawler: Any) -> None:
        self.crawler = crawler
        settings = crawler.settings
        self.user_agent = settings.get("ROBOTSTXT_USER_AGENT") or settings.get("USER_AGENT") or "*"
        self.cap = settings.getfloat("GOVREPORTS_MAX_CRAWL_DELAY", 60.0)
        self.delays = delays_of(crawler)

    @classmethod
    def from_crawler(cls, crawler: Any) -> CrawlDelay:
        ext = cls(crawler)
        if hasattr(signals, "robots_parsed"):  # (Scrapy ≥ 2.11)
            crawler.signals.connect(ext.robots_parsed, signal=signals.robots_parsed)
        return ext

    def robots_parsed(self, robotparser: Any, request: Any, **_: Any) -> None:
        asked = _crawl_delay(robotparser, self.user_agent)
        if not asked or asked <= 0:
            return
        key = slot_key(request.url)
        delay = min(asked, self.cap)
        self.delays[key] = delay
        self.crawler.stats.set_value(f"govreports/crawl_delay/{key}", delay)
        logger.info("%s asks for %.1f s between requests (robots.txt Crawl-delay)%s", key, asked,
                    f"; capped at {delay:.0f} s (GOVREPORTS_MAX_CRAWL_DELAY)" if delay < asked else "")
        engine = getattr(self.crawler, "engine", None)
        slot = engine.downloader.slots.get(key) if engine is not None else None
        if slot is not None:  # (the robots.txt request made it; later requests keep it in line)
            hold_delay(slot, delay)


def hold_delay(slot: Any, delay: float) -> None:
    """A download slot waits at least ``delay`` between requests, without random shortening."""
    slot.delay = max(slot.delay, delay)
    if hasattr(slot, "jitter"):
        slot.jitter = 0.0
    else:  # Scrapy < 2.19
        slot.randomize_delay = False


def _crawl_delay(robotparser: Any, user_agent: str) -> float | None:
    read = getattr(robotparser, "crawl_delay", None)  # Scrapy's Protego parser
    if read is None:
        read = getattr(getattr(robotparser, "rp", None), "crawl_delay", None)
    if read is None:
        return None
    try:
        value = read(user_agent)
    except Exception:  # a parser backend without the field, or a malformed value
        return None
    return float(value) if value is not None else None
