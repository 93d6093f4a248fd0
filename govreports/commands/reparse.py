"""``govreports reparse``: re-run cleaning and parsing over the archived pages, without one request."""

from __future__ import annotations

import argparse
import sys

HELP = "re-clean and re-parse every archived report page (after a parser upgrade), offline"


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--site", help="only this registry site id")
    parser.add_argument("--db", help="database path (default: $GOVREPORTS_DB or output/govreports.db)")


def run(args: argparse.Namespace) -> int:
    from govreports.page import classify
    from govreports.page.clean import clean_item
    from govreports.parser import parse_page
    from govreports.store import Store

    store = Store(args.db)
    counts = {"new": 0, "updated": 0, "unchanged": 0, "not_report": 0, "failed": 0}
    for n, item in enumerate(list(store.iter_archived(args.site)), start=1):
        try:
            page = clean_item(item, store.archived_page)  # (a split report joined with its archived parts)
            verdict = classify(page)
            if not verdict.is_report:
                store.mark_page(item["canonical_url"], kind=f"non_report:{verdict.kind}", reason=verdict.reason)
                counts["not_report"] += 1
                continue
            record = parse_page(page)
            item["report_kind"] = verdict.kind
            counts[store.save_report(item, record)] += 1
        except Exception as exc:  # one bad page must not stop the others; it is counted and named
            counts["failed"] += 1
            print(f"govreports reparse: {item['url']}: {type(exc).__name__}: {exc}", file=sys.stderr)
        if n % 200 == 0:
            print(f"  {n} pages…", file=sys.stderr)
    print("reparse: " + ", ".join(f"{k} {v}" for k, v in counts.items()))
    return 1 if counts["failed"] else 0
