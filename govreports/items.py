"""What the spider yields for every candidate report page (a plain dict; see docs in README "Crawling").

Fields: url (final URL), request_url, canonical_url, status, headers (lower-case, no cookies),
body (bytes), fetched_at (UTC ISO 8601), site, region, found_on, link_text, run_id.
The pipelines add ``page`` (govreports.page.Page) and ``record`` (govreports.record.Record).
"""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from govreports.store.store import clean_headers
from govreports.urls import canonicalize


def page_item(response: Any, *, site: str | None, region: str | None, found_on: str | None,
              link_text: str | None) -> dict[str, Any]:
    headers = {k.decode("latin-1"): v[0].decode("latin-1") if v else ""
               for k, v in response.headers.items()}
    return {
        "url": response.url,
        "request_url": response.request.meta.get("redirect_urls", [response.url])[0],
        "canonical_url": canonicalize(response.url),
        "status": response.status,
        "headers": clean_headers(headers),
        "body": response.body,
        "fetched_at": datetime.now(UTC).replace(microsecond=0).isoformat(),
        "site": site,
        "region": region,
        "found_on": found_on,
        "link_text": link_text,
    }
