"""Scrapy settings: polite by default; deployment knobs come from environment variables.

GOVREPORTS_DB          database path (default output/govreports.db)
GOVREPORTS_CONTACT     contact named in the User-Agent (an e-mail or URL)
GOVREPORTS_CONCURRENCY requests in flight per domain (default 2)
GOVREPORTS_DELAY       base download delay in seconds (default 1.0)
GOVREPORTS_LOG_LEVEL   Scrapy log level (default INFO)
GOVREPORTS_REDIS_URL   distributed mode: the Redis of the shared frontier (see govreports.distributed)
GOVREPORTS_REDIS_PREFIX  key prefix in that Redis (default govreports): one prefix, one frontier
GOVREPORTS_REDIS_IDLE_CLOSE  a worker stops after this many seconds with nothing to do (default 60; 0 never)
"""

from __future__ import annotations

import os

BOT_NAME = "govreports"
SPIDER_MODULES = ["govreports.spiders"]
NEWSPIDER_MODULE = "govreports.spiders"

_CONTACT = os.environ.get("GOVREPORTS_CONTACT", "https://github.com/govreports/govreports")
USER_AGENT = f"govreports/0.1 (research crawler of disclosure annual reports; +{_CONTACT})"

ROBOTSTXT_OBEY = True
COOKIES_ENABLED = False
TELNETCONSOLE_ENABLED = False
CONCURRENT_REQUESTS = 32
CONCURRENT_REQUESTS_PER_DOMAIN = int(os.environ.get("GOVREPORTS_CONCURRENCY", "2"))
DOWNLOAD_DELAY = float(os.environ.get("GOVREPORTS_DELAY", "1.0"))
# distributed mode: one budget per portal shared by all workers (None: the two settings above)
GOVREPORTS_HOST_CONCURRENCY = os.environ.get("GOVREPORTS_HOST_CONCURRENCY")
GOVREPORTS_HOST_DELAY = os.environ.get("GOVREPORTS_HOST_DELAY")
GOVREPORTS_SHARED_POLITENESS = os.environ.get("GOVREPORTS_SHARED_POLITENESS", "1").lower() not in ("0", "false", "no")
# delays vary ±50% around DOWNLOAD_DELAY (Scrapy default: DOWNLOAD_DELAY_JITTER, formerly RANDOMIZE_DOWNLOAD_DELAY)
AUTOTHROTTLE_ENABLED = True
AUTOTHROTTLE_START_DELAY = DOWNLOAD_DELAY
AUTOTHROTTLE_MAX_DELAY = 60.0
AUTOTHROTTLE_TARGET_CONCURRENCY = 1.0
DOWNLOAD_TIMEOUT = 30
DOWNLOAD_MAXSIZE = 20 * 1024 * 1024
DOWNLOAD_WARNSIZE = 5 * 1024 * 1024
RETRY_ENABLED = True
RETRY_TIMES = 3
RETRY_HTTP_CODES = [500, 502, 503, 504, 522, 524, 408, 429]
REDIRECT_MAX_TIMES = 5
DEPTH_LIMIT = 0  # the spider keeps its own navigation depth and page budget per site
HTTPCACHE_ENABLED = False
LOG_LEVEL = os.environ.get("GOVREPORTS_LOG_LEVEL", "INFO")
FEED_EXPORT_ENCODING = "utf-8"
CLOSESPIDER_ERRORCOUNT = 0  # errors are recorded per URL and retried next run, not fatal
CLOSESPIDER_TIMEOUT = 0

DUPEFILTER_CLASS = "govreports.middlewares.CanonicalDupeFilter"
LOG_FORMATTER = "govreports.middlewares.QuietLogFormatter"
DOWNLOADER_MIDDLEWARES = {
    "govreports.middlewares.PortalSlotMiddleware": 40,
    "govreports.middlewares.AllowedHostsMiddleware": 50,
    # at the downloader's end: each HTTP exchange holds one of its portal's slots
    # (in memory on one machine, in Redis for all workers in distributed mode)
    "govreports.distributed.politeness.SharedPolitenessMiddleware": 950,
}
ITEM_PIPELINES = {
    "govreports.pipelines.archive.ArchivePipeline": 100,
    "govreports.pipelines.clean.CleanPipeline": 200,
    "govreports.pipelines.parse.ParsePipeline": 300,
    "govreports.pipelines.store.StorePipeline": 400,
}
EXTENSIONS = {
    "govreports.store.extension.RunRecorder": 500,
    "govreports.crawl_delay.CrawlDelay": 510,
}
#: robots.txt Crawl-delays are honoured up to this many seconds.
GOVREPORTS_MAX_CRAWL_DELAY = float(os.environ.get("GOVREPORTS_MAX_CRAWL_DELAY", "60"))

GOVREPORTS_DB = os.environ.get("GOVREPORTS_DB", "output/govreports.db")
#: Navigation hops from a start URL toward the report columns.
GOVREPORTS_MAX_DEPTH = 5
#: Requests per site in one crawl (the -a max_pages argument overrides it).
GOVREPORTS_MAX_PAGES = 3000
#: Distinct query strings followed per URL path (bounds calendars, searches and other traps).
GOVREPORTS_MAX_QUERY_VARIANTS = 60
#: Pages of one paginated list followed (?page=N, dataproxy.jsp ranges …).
GOVREPORTS_MAX_LIST_PAGES = 500
#: Known report pages younger than this are not fetched again (the -a refresh_days argument overrides it).
GOVREPORTS_REFRESH_DAYS = 30

#: Distributed mode (off unless set; ``-s GOVREPORTS_REDIS_URL=…`` works too): the spider's
#: ``update_settings`` switches scheduler, duplicate filter and store to the shared frontier.
GOVREPORTS_REDIS_URL = os.environ.get("GOVREPORTS_REDIS_URL", "")
GOVREPORTS_REDIS_PREFIX = os.environ.get("GOVREPORTS_REDIS_PREFIX", "govreports")
GOVREPORTS_REDIS_IDLE_CLOSE = float(os.environ.get("GOVREPORTS_REDIS_IDLE_CLOSE", "60"))
