"""What a failed request was, in the words a user reads: its kind (stored and counted) and what it means.

Scrapy ≥ 2.19 wraps Twisted's download errors in its own (``DownloadConnectionRefusedError``,
``CannotResolveHostError`` …); older versions raise Twisted's. Both are read here, so a failure
is ``connection_refused`` or ``dns`` whichever Scrapy raised it.
"""

from __future__ import annotations

import logging

import scrapy.exceptions as scrapy_exceptions
from scrapy.exceptions import IgnoreRequest
from scrapy.spidermiddlewares.httperror import HttpError
from twisted.internet.error import ConnectionLost, DNSLookupError, TCPTimedOutError, TimeoutError
from twisted.internet.error import ConnectionRefusedError as TxConnectionRefused
from twisted.web._newclient import ResponseFailed
from twisted.web.client import PotentialDataLoss


def _scrapy(*names: str) -> tuple[type[BaseException], ...]:
    """Scrapy's own exception classes of these names, where this Scrapy version has them."""
    return tuple(getattr(scrapy_exceptions, n) for n in names if hasattr(scrapy_exceptions, n))


_DNS = (DNSLookupError, *_scrapy("CannotResolveHostError"))
_TIMEOUT = (TimeoutError, TCPTimedOutError, *_scrapy("DownloadTimeoutError"))
_REFUSED = (TxConnectionRefused, *_scrapy("DownloadConnectionRefusedError"))
_LOST = (ResponseFailed, ConnectionLost, PotentialDataLoss, *_scrapy("DownloadFailedError", "ResponseDataLossError"))

#: What an HTTP refusal means on a government portal, in the words the failure is recorded with.
HTTP_MEANING = {
    403: "HTTP 403 refused: the portal may block this address (many block datacenter or foreign IPs) "
         "or the path; retried on the next run",
    404: "HTTP 404 not found: the page is gone or the link is wrong; retried on the next run",
    412: "HTTP 412: an anti-bot JavaScript challenge (瑞数-style protection); the page cannot be fetched "
         "without a browser; retried on the next run",
    521: "HTTP 521: an anti-bot JavaScript cookie challenge (加速乐-style protection, or the origin server is "
         "down behind its CDN); the page cannot be fetched without a browser; retried on the next run",
    429: "HTTP 429 rate-limited: lower GOVREPORTS_CONCURRENCY or raise GOVREPORTS_DELAY; retried on the next run",
    500: "HTTP server error, still failing after the retries; retried on the next run",
}
#: What a network failure means, before the library's own words.
NETWORK_MEANING = {
    "dns": "the host name does not resolve (no network or DNS on this machine, or the portal moved or its domain lapsed)",
    "timeout": "no answer in time, after the retries (the portal is slow or drops this address)",
    "connection_refused": "nothing answers at this address (the portal is down, or refuses this address)",
    "connection_lost": "the connection broke off mid-page, after the retries",
    "too_large": "the response is larger than DOWNLOAD_MAXSIZE allows",
}


def classify(failure) -> tuple[str | None, str]:
    """``(kind, message)`` of a failed request; ``kind`` is ``None`` for a refusal that is not an
    error (robots.txt, a host outside the allowed ones, a non-http link)."""
    message = str(failure.value)
    if failure.check(HttpError):  # (a subclass of IgnoreRequest: test it first)
        status = failure.value.response.status
        return f"http_{status}", HTTP_MEANING.get(status, HTTP_MEANING.get(status // 100 * 100, message))
    if failure.check(IgnoreRequest):
        if "robots.txt" in message or "allowed hosts" in message or "not http" in message:
            return None, message
        return ("redirect_loop" if "redirect" in message else "ignored"), message
    if failure.check(*_DNS):
        kind = "dns"
    elif failure.check(*_TIMEOUT):
        kind = "timeout"
    elif failure.check(*_REFUSED):
        kind = "connection_refused"
    elif "max size" in message or "maxsize" in message or "larger than download" in message:
        kind = "too_large"
    elif failure.check(*_LOST):
        kind = "connection_lost"
    else:
        return type(failure.value).__name__, message
    return kind, f"{NETWORK_MEANING[kind]}; retried on the next run — {message}"


class QuietRobotsErrors(logging.Filter):
    """Scrapy logs a robots.txt it could not fetch as an ERROR with a traceback. For a portal that
    is down that says nothing the page failures after it do not say better: one warning line."""

    def filter(self, record: logging.LogRecord) -> bool:
        if record.levelno >= logging.ERROR and record.exc_info and str(record.msg).startswith("Error downloading"):
            record.exc_info = record.exc_text = None
            record.levelno, record.levelname = logging.WARNING, "WARNING"
            record.msg = "robots.txt not fetched before %(request)s (%(f_exception)s): crawling as if it allowed all"
        return True


def quiet_robots_errors() -> None:
    """Install :class:`QuietRobotsErrors` on Scrapy's robots.txt logger (once)."""
    logger = logging.getLogger("scrapy.downloadermiddlewares.robotstxt")
    if not any(isinstance(f, QuietRobotsErrors) for f in logger.filters):
        logger.addFilter(QuietRobotsErrors())
