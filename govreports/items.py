"""What the spider yields for every candidate report page (a plain dict; see docs in README "Crawling").

Fields: url (final URL), request_url, canonical_url, status, headers (lower-case, no cookies),
body (bytes), fetched_at (UTC ISO 8601), site, region, found_on, link_text, run_id; for the first page
of a report split over pages, parts (the other pages as fetched: each such a dict, or
``{"url", "error"}`` for one that could not be).
The pipelines add ``page`` (govreports.page.Page) and ``record`` (govreports.record.Record).
"""

from __future__ import annotations

import html
from datetime import UTC, datetime
from typing import Any

from govreports.page.html_page import REPORT_FILE_EXT
from govreports.store.store import clean_headers
from govreports.urls import canonicalize


def response_headers(response: Any) -> dict[str, str]:
    """A Scrapy response's headers as lower-case text, no cookies or credentials."""
    return clean_headers({k.decode("latin-1"): v[0].decode("latin-1") if v else ""
                          for k, v in response.headers.items()})


def _item(url: str, request_url: str, status: int, headers: dict[str, str], body: bytes, *, site: str | None,
          region: str | None, found_on: str | None, link_text: str | None) -> dict[str, Any]:
    return {
        "url": url,
        "request_url": request_url,
        "canonical_url": canonicalize(url),
        "status": status,
        "headers": headers,
        "body": body,
        "fetched_at": datetime.now(UTC).replace(microsecond=0).isoformat(),
        "site": site,
        "region": region,
        "found_on": found_on,
        "link_text": link_text,
    }


def page_item(response: Any, *, site: str | None, region: str | None, found_on: str | None,
              link_text: str | None) -> dict[str, Any]:
    return _item(response.url, response.request.meta.get("redirect_urls", [response.url])[0], response.status,
                 response_headers(response), response.body, site=site, region=region, found_on=found_on,
                 link_text=link_text)


#: Header marking an archived page govreports wrote itself (a list link straight to a file).
SYNTHESIZED = "x-govreports-synthesized"


def attachment_link_item(url: str, *, link_text: str, column: str | None, site: str | None,
                         region: str | None, found_on: str | None) -> dict[str, Any]:
    """A report published only as a file linked from a list (``/…/2022/330102.pdf``).

    The file is not downloaded (attachments are recorded, never fetched): the item is a small
    page written from the list link — its text as the title, the list's column as ColumnName,
    the file as the attachment — so the pipelines keep it as an ``attachment_only`` report and
    ``govreports reparse`` rebuilds the same record from the archive.
    """
    title = " ".join(link_text.split())
    name = url.rsplit("/", 1)[-1]
    if title.lower().endswith(REPORT_FILE_EXT):
        title = title.rsplit(".", 1)[0]
    body = ('<!DOCTYPE html><html><head><meta charset="utf-8">'
            f'<meta name="ArticleTitle" content="{html.escape(title)}">'
            f'<meta name="ColumnName" content="{html.escape(column or "")}">'
            f'<title>{html.escape(title)}</title></head><body><div class="article-content">'
            f'<p>{html.escape(title)}</p><p>附件：<a href="{html.escape(url)}" download>{html.escape(name)}</a></p>'
            '</div></body></html>')
    headers = {"content-type": "text/html; charset=utf-8", SYNTHESIZED: f"link to a file on {found_on}"}
    return _item(url, url, 200, headers, body.encode("utf-8"), site=site, region=region, found_on=found_on,
                 link_text=link_text)
