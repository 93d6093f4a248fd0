"""The ``reports`` spider: find every annual report on district portals, best first, within a budget.

It only wires :mod:`govreports.discovery` (what to follow) to Scrapy requests and the store's
memory (what is already known, what failed last time); pages become items that the pipelines
clean, parse and store.

Arguments (``-a name=value``): ``site=ID[,ID…]`` registry sites; ``url=URL`` any portal (its
host becomes the allowed domain); ``sites_file=PATH`` your own registry CSV; ``refresh_days=N``
known report pages younger than N days are not fetched again (default 30); ``full=1`` fetch
everything, ignoring what is known; ``max_pages=N`` request budget per site.
"""

from __future__ import annotations

from collections import defaultdict
from datetime import UTC, datetime, timedelta
from typing import Any
from urllib.parse import urlsplit

import scrapy
from scrapy import signals
from scrapy.exceptions import DontCloseSpider

from govreports import discovery
from govreports.discovery_ajax import ApiCall
from govreports.distributed.inflight import adopt_errback_output
from govreports.distributed.keys import Keys, distributed_settings, redis_url
from govreports.failures import classify, quiet_robots_errors
from govreports.items import attachment_link_item, page_item, response_headers
from govreports.page.classify import challenge_of
from govreports.page.decode import file_kind
from govreports.page.join import part_key
from govreports.page.parts import MAX_PARTS, Parts
from govreports.sites import RegistryError, Site, load_sites, sites_for
from govreports.store.crawl import crawler_store
from govreports.urls import canonicalize, host_of, is_http, on_site, site_domain

_REPORT_KINDS = ("report_page", "report", "attachment_only")
# ``report_page`` is the archive's provisional kind: the page is kept but its outcome (report
# stored, or dropped as a non-report) was never written, e.g. the crawl was killed in between.
_PENDING = "report_page"
#: The archive's kind for the other pages of a report split over pages (read with their first).
_PART = "article_part"


def _site_of_url(url: str) -> Site:
    """The site ``-a url=`` names: its host, and its port when it has one (two portals on one
    address are two sites, as for politeness: a local portal served on another port is not the
    same site, and the URLs that failed on the old one are not retried on it)."""
    host, parts = host_of(url), urlsplit(url)
    try:
        port = parts.port
    except ValueError as exc:
        raise ArgumentError(f"-a url has a bad port: {url!r}") from exc
    if (parts.scheme, port) in (("http", 80), ("https", 443)):
        port = None  # the scheme's own port: the same site as without it
    ident = f"{host}-{port}" if port else host
    return Site(id=ident.replace(".", "-")[:40].strip("-") or "site", name=f"{host}:{port}" if port else host,
                base_url=url)


class ArgumentError(ValueError):
    """A spider argument that cannot be used; the message names it."""


class ReportsSpider(scrapy.Spider):
    name = "reports"

    @classmethod
    def from_crawler(cls, crawler, *args, **kwargs):
        spider = super().from_crawler(crawler, *args, **kwargs)
        quiet_robots_errors()  # a portal that is down: one warning line, not a traceback
        if redis_url(crawler.settings):
            # a worker serves every site in the shared frontier, not only those of its own arguments:
            # hosts are checked per request against the request's own site (AllowedHostsMiddleware)
            spider.allowed_domains = []
            spider.allowed_hosts = set()
        return spider

    @classmethod
    def update_settings(cls, settings) -> None:
        super().update_settings(settings)
        url = redis_url(settings)
        if url:  # distributed mode: the scrapy-redis profile, whether set by environment or -s
            profile = distributed_settings(url, Keys.from_settings(settings).prefix)
            profile["SPIDER_MIDDLEWARES"] = {**settings.getdict("SPIDER_MIDDLEWARES"),
                                             **profile["SPIDER_MIDDLEWARES"]}
            settings.setdict(profile, priority="spider")

    def __init__(self, site: str | None = None, url: str | None = None, sites_file: str | None = None,
                 refresh_days: str | None = None, full: str | None = None, max_pages: str | None = None,
                 **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.args = {k: v for k, v in {"site": site, "url": url, "sites_file": sites_file,
                                       "refresh_days": refresh_days, "full": full,
                                       "max_pages": max_pages}.items() if v is not None}
        self.sites = self._sites(site, url, sites_file)
        self.full = _flag("full", full)
        self.refresh_days = _int("refresh_days", refresh_days) if refresh_days is not None else None
        self.max_pages_arg = _int("max_pages", max_pages) if max_pages is not None else None
        self.allowed_hosts = {s.host for s in self.sites if s.host}
        self.allowed_domains = sorted({site_domain(h) for h in self.allowed_hosts})  # subdomains included
        self.run_site = ",".join(s.id for s in self.sites) if len(self.sites) <= 5 else None
        self._budget: dict[str, int] = defaultdict(int)
        self._variants: dict[tuple[str, str], set[str]] = defaultdict(set)
        self._known: dict[str, Any] = {}
        self._attachment_links: set[str] = set()
        self.distributed = False

    # --- arguments ----------------------------------------------------------------------------

    @staticmethod
    def _sites(site: str | None, url: str | None, sites_file: str | None) -> list[Site]:
        try:
            if url:
                if not is_http(url) or not host_of(url):
                    raise ArgumentError(f"-a url must be an http(s) URL, got {url!r}")
                return [_site_of_url(url)]
            if site:
                ids = [s.strip() for s in site.split(",") if s.strip()]
                if not ids:
                    raise ArgumentError("-a site needs at least one registry id")
                chosen = sites_for(ids, sites_file)
            else:
                chosen = load_sites(sites_file)
        except RegistryError as exc:
            raise ArgumentError(f"-a site/sites_file: {exc}") from exc
        usable = [s for s in chosen if s.base_url or s.columns]
        if not usable:
            raise ArgumentError("no site to crawl has a base_url (see `govreports sites`)")
        return usable

    # --- start ------------------------------------------------------------------------------

    async def start(self):
        settings = self.crawler.settings
        self.max_depth = settings.getint("GOVREPORTS_MAX_DEPTH", 5)
        self.max_pages = self.max_pages_arg or settings.getint("GOVREPORTS_MAX_PAGES", 3000)
        self.max_variants = settings.getint("GOVREPORTS_MAX_QUERY_VARIANTS", 60)
        self.max_list_pages = settings.getint("GOVREPORTS_MAX_LIST_PAGES", 500)
        days = self.refresh_days if self.refresh_days is not None else settings.getint("GOVREPORTS_REFRESH_DAYS", 30)
        self.refresh_days_default = days
        self.fresh_after = _fresh_after(days)
        self.store = crawler_store(self.crawler)
        self.distributed = bool(redis_url(settings))
        if self.distributed:
            self._start_distributed()
            return
        for site in self.sites:
            self._known.update(self.store.known_pages(site.id) if self.store else {})
            for req in self._seed_requests(site):
                yield req

    def _seed_requests(self, site: Site):
        """A site's start pages, then the URLs that failed last time (retried first thing)."""
        for start_url in site.start_urls:
            if start_url:
                req = self._listing(start_url, site, depth=0, priority=50)
                if req is not None:
                    yield req
        if self.store:
            for failure in self.store.failures(site.id):
                self.crawler.stats.inc_value("govreports/retried_failures")
                req = self._detail_or_listing(failure["url"], site, found_on=None, text=None)
                if req is not None:
                    req.meta["retried_failure"] = True
                    yield req

    # --- distributed mode (GOVREPORTS_REDIS_URL) -------------------------------------------------

    def _start_distributed(self) -> None:
        """Sites come from the shared seeds list; -a arguments are enqueued there first."""
        from twisted.internet import task

        from govreports.distributed.bounds import SharedBounds
        from govreports.distributed.seeds import enqueue

        self.keys = Keys.from_settings(self.crawler.settings)
        self.server = self.store.server
        self.bounds = SharedBounds(self.server, self.keys)
        self.idle_close = self.crawler.settings.getfloat("GOVREPORTS_REDIS_IDLE_CLOSE", 60)
        self._idle_since: float | None = None
        if self.sites and any(k in self.args for k in ("site", "url", "sites_file")):
            local = _local_store(self.crawler.settings.get("GOVREPORTS_DB"))
            result = enqueue(self.server, self.keys, self.sites, store=local, full=self.full,
                             refresh_days=self.refresh_days, max_pages=self.max_pages_arg)
            if local is not None:
                local.close()
            self.logger.info("enqueued %d site(s) in round %d", result.sites, result.round)
        self.crawler.signals.connect(self._on_idle, signal=signals.spider_idle)
        self._seed_loop = task.LoopingCall(self._pull_seeds)
        self._seed_loop.start(0.5, now=True)
        self.crawler.signals.connect(self._stop_seed_loop, signal=signals.spider_closed)

    def _pull_seeds(self) -> int:
        """Seeds become requests in the shared queue (any worker may then take them)."""
        from govreports.distributed.seeds import pop_seeds

        try:
            seeds = pop_seeds(self.server, self.keys, 100)
            for site in seeds:
                self.crawler.stats.inc_value("govreports/distributed/seeds_taken")
                for req in self._seed_requests(site):
                    self.crawler.engine.crawl(req)
            if self.server.zcard(self.keys.requests):
                slot = getattr(self.crawler.engine, "_slot", None)  # wake the engine now, not at its 5 s heartbeat
                if slot is not None:
                    slot.nextcall.schedule()
            return len(seeds)
        except Exception as exc:  # the loop must survive a Redis hiccup
            self.logger.warning("could not read seeds: %s", exc)
            return 0

    def _on_idle(self, spider=None) -> None:
        import time

        from govreports.distributed.state import frontier_busy

        if self._pull_seeds() or frontier_busy(self.server, self.keys):
            self._idle_since = None
            raise DontCloseSpider
        self._idle_since = self._idle_since or time.monotonic()
        if self.idle_close <= 0 or time.monotonic() - self._idle_since < self.idle_close:
            raise DontCloseSpider
        self.logger.info("frontier empty for %.0f s: worker stops", self.idle_close)

    def _stop_seed_loop(self, spider=None, reason=None) -> None:
        if self._seed_loop.running:
            self._seed_loop.stop()

    # --- per-site knowledge and options ----------------------------------------------------------

    def _known_page(self, url: str, site: Site):
        if self.distributed:
            return self.store.known_pages(site.id).get(canonicalize(url))
        return self._known.get(canonicalize(url))

    def _site_full(self, site: Site) -> bool:
        if self.distributed:
            return bool(self.store.site_options(site.id).get("full"))
        return self.full

    def _site_fresh_after(self, site: Site) -> str:
        if self.distributed:
            days = self.store.site_options(site.id).get("refresh_days")
            if days is not None:
                return _fresh_after(int(days))
        return self.fresh_after

    def _site_max_pages(self, site: Site) -> int:
        if self.distributed:
            return int(self.store.site_options(site.id).get("max_pages") or self.max_pages)
        return self.max_pages

    # --- requests ---------------------------------------------------------------------------

    def _spent(self, site: Site) -> int:
        """Requests made for the site: by this process, or in distributed mode by all workers in this round."""
        if self.distributed:
            return self.bounds.spent(site.id)
        return self._budget[site.id]

    def _spend(self, site: Site) -> None:
        self._budget[site.id] += 1
        if self.distributed:
            self.bounds.spend(site.id)

    def _admit_variant(self, netloc: str, path: str, query: str, cap: int) -> bool:
        """A query-string variant of a path under its cap (all workers together in distributed mode)."""
        if self.distributed:
            return self.bounds.admit_variant(netloc, path, query, cap)
        variants = self._variants[(netloc, path)]
        if query not in variants and len(variants) >= cap:
            return False
        variants.add(query)
        return True

    def _on_site(self, url: str, site: Site) -> bool:
        """The site's host or a subdomain of the domain it owns (its 信息公开 platform on xxgk.…)."""
        host = host_of(url)
        return on_site(host, site.host) or host in self.allowed_hosts

    def _allowed(self, url: str, site: Site, kind: str = "column") -> bool:
        """On an allowed host, within the site's budget, and not one more variant of a trap.

        ``kind``: "report" candidates are bounded by the budget only (show.jsp?id=N is how many
        portals name articles); list "page"s get a generous cap per path; other navigation
        ("column") the tight one that stops calendars, searches and filters.
        """
        if not is_http(url) or not self._on_site(url, site):
            return False
        if self._spent(site) >= self._site_max_pages(site):
            self.crawler.stats.inc_value("govreports/budget_exhausted")
            return False
        parts = urlsplit(canonicalize(url))
        if parts.query and kind != "report":
            cap = self.max_list_pages if kind == "page" else self.max_variants
            if not self._admit_variant(parts.netloc, parts.path, parts.query, cap):
                self.crawler.stats.inc_value("govreports/trap_bounded")
                return False
        return True

    def _listing(self, url: str, site: Site, *, depth: int, priority: int, report_column: bool = False):
        known = self._known_page(url, site)
        if known is not None and not self._site_full(site) \
                and (known.kind in (*_REPORT_KINDS, _PART, "redirect") or "non_report" in (known.kind or "")):
            return None  # a report (or look-alike) page is not a list; its own request handles it
        self._spend(site)
        return scrapy.Request(url, callback=self.parse_listing, errback=self.on_error, priority=priority,
                              meta={"site": site, "depth_hops": depth, "report_column": report_column})

    def _post_listing(self, call: ApiCall, site: Site, *, depth: int, report_column: bool) -> scrapy.Request:
        self._spend(site)
        content_type = "application/json; charset=utf-8" if call.json_body else \
            "application/x-www-form-urlencoded; charset=utf-8"
        return scrapy.Request(call.url, method="POST", body=call.body(), callback=self.parse_listing,
                              errback=self.on_error, priority=60,
                              headers={"Content-Type": content_type, "X-Requested-With": "XMLHttpRequest"},
                              meta={"site": site, "depth_hops": depth, "report_column": report_column,
                                    "api_call": call.as_meta()})

    def _detail_or_listing(self, url: str, site: Site, *, found_on: str | None, text: str | None):
        return self._detail(url, site, found_on=found_on, text=text) or self._listing(url, site, depth=1, priority=40)

    def _detail(self, url: str, site: Site, *, found_on: str | None, text: str | None):
        """A report candidate; skipped when known and fresh, conditional when known and stale."""
        key = canonicalize(url)
        known = self._known_page(url, site)
        full, fresh_after = self._site_full(site), self._site_fresh_after(site)
        if known is not None and known.kind == "redirect" and known.final_url and not full \
                and canonicalize(known.final_url) != key and (known.last_fetched or "") < fresh_after:
            return self._detail(known.final_url, site, found_on=found_on, text=text)  # go straight to the target
        headers: dict[str, str] = {}
        if known is not None and not full:
            if known.kind and known.kind.startswith("non_report"):
                self.crawler.stats.inc_value("govreports/skipped_known_non_reports")
                return None
            if known.kind == _PART:  # a later page of a split report: fetched with the report's first page
                self.crawler.stats.inc_value("govreports/skipped_known_parts")
                return None
            if known.kind == _PENDING:  # archived but never settled: fetch it whole, not conditionally
                self.crawler.stats.inc_value("govreports/pending_refetched")
                return self._detail_request(url, site, found_on=found_on, text=text, headers=headers)
            if known.kind in (*_REPORT_KINDS, "redirect") and (known.last_fetched or "") >= fresh_after:
                self.crawler.stats.inc_value("govreports/reports_skipped_fresh")
                return None
            if known.etag:
                headers["If-None-Match"] = known.etag
            if known.last_modified:
                headers["If-Modified-Since"] = known.last_modified
        return self._detail_request(url, site, found_on=found_on, text=text, headers=headers)

    def _detail_request(self, url: str, site: Site, *, found_on: str | None, text: str | None,
                        headers: dict[str, str]) -> scrapy.Request:
        self._spend(site)
        return scrapy.Request(url, callback=self.parse_detail, errback=self.on_error, priority=100, headers=headers,
                              meta={"site": site, "found_on": found_on, "link_text": text,
                                    "handle_httpstatus_list": [304]})

    # --- callbacks --------------------------------------------------------------------------

    def parse_listing(self, response):
        self.crawler.stats.inc_value("govreports/pages_fetched")
        site: Site = response.meta["site"]
        self._resolve(response.url, site)
        if not hasattr(response, "text") or self._challenged(response, site):
            return
        text = response.text
        depth = response.meta.get("depth_hops", 0)
        in_column = response.meta.get("report_column") or discovery.is_report_column(text, response.url)
        call = ApiCall.from_meta(response.meta.get("api_call"))
        found = discovery.read_listing(text, response.url, in_report_column=in_column, call=call)
        if found.stub and self._allowed(found.stub, site):
            if discovery.is_article_url(found.stub):
                req = self._detail(found.stub, site, found_on=response.url, text=None)
            else:
                req = self._listing(found.stub, site, depth=depth, priority=45, report_column=in_column)
            if req is not None:
                yield req
        column = discovery.column_name(text)
        for link in found.reports:
            if discovery.is_attachment_url(link.url):
                item = self._attachment_report(link, site, response, column)
                if item is not None:
                    yield item
            elif self._allowed(link.url, site, "report"):
                req = self._detail(link.url, site, found_on=response.url, text=link.text)
                if req is not None:
                    req.meta["column"] = column
                    yield req
        for page_url in found.pages:
            if self._allowed(page_url, site, "page"):
                req = self._listing(page_url, site, depth=depth, priority=60, report_column=in_column)
                if req is not None:
                    yield req
        for post in found.posts:  # list APIs that answer a POST (Jiangxi /queryList, $.ajax …)
            if self._allowed(post.get_url(), site, "page"):  # its form as the variant: bounded like ?page=N
                yield self._post_listing(post, site, depth=depth, report_column=in_column)
        if depth < self.max_depth:
            for link in found.columns:
                if self._allowed(link.url, site):
                    column = discovery.is_report_column("", link.url) or "年报" in link.text or "年度报告" in link.text
                    req = self._listing(link.url, site, depth=depth + 1, priority=int(min(link.score, 30)),
                                        report_column=column)
                    if req is not None:
                        yield req

    def _attachment_report(self, link, site: Site, response, column: str | None) -> dict[str, Any] | None:
        """A report link straight to a file: kept as an attachment-only report, the file not fetched."""
        if not is_http(link.url) or not self._on_site(link.url, site):
            return None
        key = canonicalize(link.url)
        if key in self._attachment_links:
            return None
        self._attachment_links.add(key)
        known = self._known_page(link.url, site)
        if known is not None and known.kind == "attachment_only" and not self._site_full(site):
            self.crawler.stats.inc_value("govreports/reports_skipped_fresh")
            return None
        return self._file_report(link.url, site, link_text=link.text, column=column, found_on=response.url)

    def _file_report(self, url: str, site: Site, *, link_text: str, column: str | None,
                     found_on: str | None) -> dict[str, Any]:
        self.crawler.stats.inc_value("govreports/reports_found")
        self.crawler.stats.inc_value("govreports/attachment_links")
        return attachment_link_item(url, link_text=link_text, column=column, site=site.id,
                                    region=site.region_code or None, found_on=found_on)

    def parse_detail(self, response):
        self.crawler.stats.inc_value("govreports/pages_fetched")
        site: Site = response.meta["site"]
        self._resolve(response.url, site)
        if response.status == 304:
            self.crawler.stats.inc_value("govreports/reports_unchanged")
            self.crawler.stats.inc_value("govreports/not_modified")
            if self.store:
                self.store.touch_page(response.url, status=304)
            return
        if file_kind(response.body, response_headers(response)):  # a report link answered with a file
            yield self._file_report(response.url, site, link_text=response.meta.get("link_text") or "",
                                    column=response.meta.get("column"), found_on=response.meta.get("found_on"))
            return
        if hasattr(response, "text"):
            if self._challenged(response, site):
                return
            text = response.text
            stub = discovery.location_stub(text, response.url)
            if stub and len(response.body) < 4000 and self._allowed(stub, site, "report"):
                req = self._detail(stub, site, found_on=response.meta.get("found_on"),
                                   text=response.meta.get("link_text"))
                if req is not None:
                    yield req
                return
            if not discovery.looks_like_report_page(text):
                listing = discovery.read_listing(text, response.url, in_report_column=False)
                if len(listing.reports) >= 3:  # a list page behind a report-like link: explore it instead
                    self.crawler.stats.inc_value("govreports/lists_behind_report_links")
                    response.meta["report_column"] = True
                    yield from self.parse_listing(response)
                    return
                if not response.meta.get("via_frame") and (frames := self._content_frames(text, response, site)):
                    # the article framed from a page of its own (older portals): that page is the report
                    self.crawler.stats.inc_value("govreports/reports_in_frames", len(frames))
                    yield from frames
                    return
        item = page_item(response, site=site.id, region=site.region_code or None,
                         found_on=response.meta.get("found_on"), link_text=response.meta.get("link_text"))
        parts = discovery.parts_of_html(response.text, response.url) if hasattr(response, "text") else Parts()
        if parts.total > 1:
            yield from self._split_article(item, parts, response, site)
            return
        self.crawler.stats.inc_value("govreports/reports_found")
        yield item

    # --- a report split over pages ----------------------------------------------------------------

    def _split_article(self, item: dict[str, Any], parts: Parts, response, site: Site):
        """A report split over pages is read from its first: a later part asks for the first (which
        fetches the rest), the first fetches the others one after another and carries them in its item
        (the clean pipeline joins them). Part requests are never filtered as duplicates and are not
        refused for the site's budget once the first part is fetched: an item must not be lost halfway."""
        found_on, text = response.meta.get("found_on"), response.meta.get("link_text")
        if parts.number > 1:
            first = parts.others[0]
            if self._on_site(first, site):
                self.crawler.stats.inc_value("govreports/article_parts_to_first")
                if response.meta.get("retried_failure"):  # a part that failed last time: its report is read again
                    req = self._detail_request(first, site, found_on=found_on, text=text, headers={})
                else:
                    req = self._detail(first, site, found_on=found_on, text=text)
                if req is not None:
                    req.meta["parts_fetched"] = [item]  # (this page is not asked for again)
                    yield req
                return
        fetched = [p for p in response.meta.get("parts_fetched") or () if parts.number == 1]
        have = {part_key(p[k]) for p in fetched for k in ("url", "request_url") if p.get(k)}
        others = [u for u in parts.others if self._on_site(u, site) and part_key(u) not in have] \
            if parts.number == 1 else []
        self.crawler.stats.inc_value("govreports/reports_found")
        if not others and not fetched:
            yield item  # (its warning names the parts not read)
            return
        self.crawler.stats.inc_value("govreports/split_reports")
        item["parts"] = fetched
        yield self._next_part(item, others, site)

    def _next_part(self, item: dict[str, Any], pending: list[str], site: Site):
        """The request for the next part of a split report, or the report's item once all are fetched."""
        if not pending:
            return item
        self._spend(site)
        self.crawler.stats.inc_value("govreports/article_parts_requested")
        return scrapy.Request(pending[0], callback=self.parse_part, errback=self.on_part_error, priority=110,
                              dont_filter=True, meta={"site": site, "article": item, "pending": pending[1:]})

    def parse_part(self, response):
        self.crawler.stats.inc_value("govreports/pages_fetched")
        site: Site = response.meta["site"]
        self._resolve(response.url, site)
        item, pending = response.meta["article"], list(response.meta["pending"])
        if message := self._challenged(response, site):
            item["parts"].append({"url": response.url, "error": message[:300]})
            yield self._next_part(item, pending, site)
            return
        item["parts"].append(page_item(response, site=site.id, region=site.region_code or None,
                                       found_on=item["url"], link_text=None))
        if hasattr(response, "text"):  # a pager that shows only its neighbours names more parts on later pages
            seen = {part_key(u) for u in (item["url"], *pending)}
            seen |= {part_key(u) for p in item["parts"] for u in (p["url"], p.get("request_url") or p["url"])}
            for url in discovery.parts_of_html(response.text, response.url).others:
                if part_key(url) not in seen and self._on_site(url, site) \
                        and len(item["parts"]) + len(pending) < MAX_PARTS - 1:
                    pending.append(url)
                    seen.add(part_key(url))
        yield self._next_part(item, pending, site)

    def on_part_error(self, failure):
        """A part that could not be fetched is recorded as a failure (the next crawl reads the report
        again) and named in the item; the report goes on with the parts that could."""
        request = failure.request
        self._record_error(failure)
        kind, message = classify(failure)
        item = request.meta["article"]
        item["parts"].append({"url": request.url, "error": (message or kind or "refused")[:300]})
        out = self._next_part(item, list(request.meta["pending"]), request.meta["site"])
        adopt_errback_output(self.crawler, request, out)
        return [out]

    def _content_frames(self, text: str, response, site: Site) -> list[scrapy.Request]:
        """Requests for the pages a report page frames (``<iframe src="…/content.html">``, at most two;
        never viewers, maps or video, never a file: a framed PDF is the page's attachment)."""
        if "frame" not in text:
            return []
        out = []
        root = discovery.parse_html(text)
        for url in discovery.frame_links(root, discovery.base_url(root, response.url))[:2]:
            if discovery.is_attachment_url(url) or not self._allowed(url, site, "report"):
                continue
            req = self._detail(url, site, found_on=response.meta.get("found_on"), text=response.meta.get("link_text"))
            if req is not None:
                req.meta["via_frame"] = True
                req.meta["column"] = response.meta.get("column")
                out.append(req)
        return out

    def _challenged(self, response, site: Site) -> str | None:
        """A firewall's or anti-bot page instead of the page asked for: recorded as a failure (retried
        next run) and not read — a report page answered so must not be filed as a non-report."""
        if not hasattr(response, "text"):
            return None
        what = challenge_of(response.text)
        if what is None:
            return None
        message = (f"answered with {what} instead of the page (HTTP {response.status}): not readable without a "
                   "browser or from this address; retried on the next run")
        url = response.request.meta.get("redirect_urls", [response.url])[0]
        self.crawler.stats.inc_value("govreports/errors/challenge")
        self.logger.warning("failed %s: challenge (%s)", url, message[:200])
        if self.store:
            self.store.record_failure(url, site=site.id, kind="challenge", message=message)
        return message

    def on_error(self, failure):
        try:
            self._record_error(failure)
        finally:
            frontier = getattr(self.crawler, "_govreports_frontier", None)
            token = failure.request.meta.get("_gr_token")
            if frontier is not None and token:
                frontier.done(token)  # the failure is recorded: the request is finished

    def _record_error(self, failure) -> None:
        request = failure.request
        site: Site | None = request.meta.get("site")
        kind, message = classify(failure)
        if kind is None:
            self.crawler.stats.inc_value("govreports/blocked/ignored")  # a refusal, not an error
            return
        self.crawler.stats.inc_value(f"govreports/errors/{kind}")
        self.logger.warning("failed %s: %s (%s)", request.url, kind, message[:200])
        if self.store:
            self.store.record_failure(request.url, site=site.id if site else None, kind=kind,
                                      message=message[:500])

    def _resolve(self, url: str, site: Site | None = None) -> None:
        if self.store:
            self.store.resolve_failure(url, site.id if site else None)


def _fresh_after(days: int) -> str:
    return (datetime.now(UTC) - timedelta(days=days)).replace(microsecond=0).isoformat()


def _local_store(path: str | None):
    """The local database, if this machine has one, so enqueued sites keep their incremental state."""
    from pathlib import Path

    from govreports.store import Store

    return Store(path) if path and Path(path).exists() else None


def _flag(name: str, value: str | None) -> bool:
    if value is None:
        return False
    if value.lower() in ("1", "true", "yes", "on"):
        return True
    if value.lower() in ("0", "false", "no", "off", ""):
        return False
    raise ArgumentError(f"-a {name} must be 1 or 0, got {value!r}")


def _int(name: str, value: str) -> int:
    try:
        n = int(value)
    except ValueError:
        raise ArgumentError(f"-a {name} must be a whole number, got {value!r}") from None
    if n < 0:
        raise ArgumentError(f"-a {name} must not be negative, got {n}")
    return n
