"""Canonical URLs and report ids: one page, one URL, one id — however a portal links to it.

Tracking and session parameters, fragments, default ports, ``index.html`` variants and
letter case of scheme/host are folded, so nothing is fetched or stored twice. Traditional
gateway copies (``…/gate/big5/www.x.gov.cn/…``, the site seen through a 繁體 converter) fold
into the Simplified origin they copy: :func:`ungate`.
"""

from __future__ import annotations

import hashlib
import re
from urllib.parse import parse_qsl, urlencode, urljoin, urlsplit, urlunsplit

TRACKING = frozenset({
    "spm", "from", "share", "share_from", "timestamp", "_t", "t", "_", "jsessionid", "sid", "phpsessid",
    "sessionid", "aspsessionid", "fbclid", "gclid", "isappinstalled", "scene", "clicktime", "enterid",
    "wfr", "from_source", "source", "ref", "refer", "referer", "random", "rand", "r", "v", "ver", "ts",
})
_INDEX = re.compile(r"/(?:index|default)\.(?:s?html?|jsp|php|aspx?)$", re.I)
_SESSION_PATH = re.compile(r";(?:jsessionid|phpsessid|sid)=[^/?#]*", re.I)


_GATEWAY = re.compile(r"^(https?)://[^/?#]+/gate/(?:big5|gb|b5|ft)/((?:[a-z0-9\-]+\.)+[a-z]{2,}(?::\d+)?|"
                      r"\d{1,3}(?:\.\d{1,3}){3}(?::\d+)?)(/[^#]*)?$", re.I)


def ungate(url: str) -> str:
    """The origin a gateway copy shows: ``http://big5.x.gov.cn/gate/big5/www.x.gov.cn/a/t1.html`` →
    ``http://www.x.gov.cn/a/t1.html``; any other URL unchanged."""
    m = _GATEWAY.match(url.strip())
    if not m:
        return url
    return f"{m.group(1)}://{m.group(2)}{m.group(3) or '/'}"


def canonicalize(url: str) -> str:
    """The canonical form used for deduplication and as the key of a stored page."""
    url = ungate(url.strip())
    parts = urlsplit(url)
    scheme = (parts.scheme or "http").lower()
    host = (parts.hostname or "").lower().rstrip(".")
    port = parts.port if parts.port and (scheme, parts.port) not in (("http", 80), ("https", 443)) else None
    netloc = f"{host}:{port}" if port else host
    path = _SESSION_PATH.sub("", parts.path) or "/"
    path = re.sub(r"/{2,}", "/", path)
    path = _INDEX.sub("/", path)
    query = [(k, v) for k, v in parse_qsl(parts.query, keep_blank_values=True)
             if k.lower() not in TRACKING and not k.lower().startswith("utm_")]
    query.sort()
    return urlunsplit((scheme, netloc, path, urlencode(query, doseq=True), ""))


def report_id(url: str) -> str:
    """The stable id of a report: the first 16 hex digits of sha1(canonical URL)."""
    return hashlib.sha1(canonicalize(url).encode("utf-8")).hexdigest()[:16]


def host_of(url: str) -> str:
    return (urlsplit(url).hostname or "").lower()


def slot_key(url: str) -> str:
    """A portal's key for politeness: its host *with* the port (two portals on one address are two sites)."""
    parts = urlsplit(url)
    return (parts.netloc or parts.hostname or "").lower()


def is_http(url: str) -> bool:
    return urlsplit(url).scheme.lower() in ("http", "https")


_IP = re.compile(r"^\d{1,3}(?:\.\d{1,3}){3}$|^\[?[0-9a-f:]+\]?$", re.I)
#: Second-level suffixes under which a name is one organisation's (x.gov.cn), not the suffix itself.
_SHARED_SUFFIXES = ("gov.cn", "com.cn", "org.cn", "net.cn", "edu.cn", "ac.cn")


def site_domain(host: str) -> str:
    """The domain a portal owns: its host without a leading ``www.`` (``www.bjmtg.gov.cn`` →
    ``bjmtg.gov.cn``), so its 信息公开 platform on ``xxgk.bjmtg.gov.cn`` is the same site. An IP
    address, or a host whose remainder would be a shared suffix (``www.gov.cn``), stays itself."""
    host = (host or "").lower().rstrip(".")
    if not host.startswith("www.") or _IP.match(host):
        return host
    rest = host[4:]
    if rest.count(".") < 1 or rest in _SHARED_SUFFIXES:
        return host
    return rest


def on_site(host: str, site_host: str) -> bool:
    """Whether ``host`` belongs to the portal at ``site_host`` (the host itself or a subdomain of
    the domain it owns)."""
    host, site_host = (host or "").lower(), (site_host or "").lower()
    if not host or not site_host:
        return False
    if host == site_host:
        return True
    domain = site_domain(site_host)
    return host == domain or (not _IP.match(domain) and host.endswith("." + domain))


def document_base(url: str | None, base_href: str | None) -> str | None:
    """The address a page's relative links resolve against, as a browser resolves them: its first
    ``<base href>`` (itself resolved against the page's address), else the page's address. A
    ``javascript:`` or empty base changes nothing."""
    href = (base_href or "").strip()
    if not href or href.lower().startswith(("javascript:", "data:", "mailto:", "#")):
        return url
    return urljoin(url, href) if url else href if is_http(href) else url

