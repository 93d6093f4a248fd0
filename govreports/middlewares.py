"""Safety in the downloader: never a host outside the crawl's sites, never a non-http scheme,
never the same page twice under another spelling of its URL."""

from __future__ import annotations

import hashlib
import logging

from scrapy import signals
from scrapy.dupefilters import RFPDupeFilter
from scrapy.exceptions import IgnoreRequest
from scrapy.logformatter import LogFormatter

from govreports.crawl_delay import delays_of, hold_delay
from govreports.urls import canonicalize, host_of, is_http, on_site, slot_key


class PortalSlotMiddleware:
    """Politeness per portal, told apart by host *and port* (Scrapy's slots go by host name only,
    so two portals on one address would share one budget); the same key as the distributed
    mode's shared slots (:func:`govreports.urls.slot_key`). A portal whose robots.txt asks for a
    Crawl-delay keeps it: AutoThrottle does not adjust its slot (:mod:`govreports.crawl_delay`)."""

    def __init__(self, crawler=None) -> None:
        self.crawler = crawler
        self.delays = delays_of(crawler) if crawler is not None else {}

    @classmethod
    def from_crawler(cls, crawler):
        return cls(crawler)

    def process_request(self, request, spider=None):
        key = request.meta["download_slot"] = slot_key(request.url)
        delay = self.delays.get(key)
        if delay:
            request.meta["autothrottle_dont_adjust_delay"] = True
            slot = self.crawler.engine.downloader.slots.get(key) if self.crawler.engine else None
            if slot is not None:
                hold_delay(slot, delay)
        return None


class AllowedHostsMiddleware:
    """Drops any request (redirects included: they pass here again) to a host the spider does not allow."""

    def __init__(self, stats) -> None:
        self.stats = stats

    @classmethod
    def from_crawler(cls, crawler):
        mw = cls(crawler.stats)
        crawler.signals.connect(mw.spider_opened, signal=signals.spider_opened)
        mw.crawler = crawler
        return mw

    def spider_opened(self, spider) -> None:
        self.allowed = {h.lower() for h in getattr(spider, "allowed_hosts", set())}

    def process_request(self, request, spider=None):
        url = request.url
        if url.endswith("/robots.txt"):
            return None
        if not is_http(url):
            self.stats.inc_value("govreports/blocked/scheme")
            raise IgnoreRequest(f"not http(s): {url}")
        allowed = getattr(self, "allowed", None)
        if allowed is None:
            spider = spider or getattr(self.crawler, "spider", None)
            allowed = self.allowed = {h.lower() for h in getattr(spider, "allowed_hosts", set())}
        site = request.meta.get("site")
        site_host = getattr(site, "host", None)  # a distributed worker learns its sites from the requests
        host = host_of(url)
        if (allowed or site_host) and not on_site(host, site_host or "") and not any(on_site(host, h) for h in allowed):
            self.stats.inc_value("govreports/blocked/offsite")
            raise IgnoreRequest(f"outside the allowed hosts: {url}")
        return None


class CanonicalDupeFilter(RFPDupeFilter):
    """Scrapy's duplicate filter (JOBDIR-persistent), keyed on the canonical URL: tracking
    parameters, session ids, ``index.html`` variants and fragments are folded."""

    def _fingerprint(self, request) -> bytes:
        key = f"{request.method} {canonicalize(request.url)} ".encode() + (request.body or b"")
        return hashlib.sha1(key).digest()


class QuietLogFormatter(LogFormatter):
    """Dropped non-reports are logged by URL and reason, not with the whole page body."""

    def dropped(self, item, exception, response, spider=None):
        url = item.get("url") if isinstance(item, dict) else None
        return {"level": logging.INFO, "msg": "Dropped %(url)s: %(reason)s",
                "args": {"url": url, "reason": str(exception)}}
