"""Connecting the distributed commands to the frontier's Redis, with a clear message when it fails."""

from __future__ import annotations

import argparse
import sys
from typing import Any

from govreports.distributed.keys import Keys, redis_url


def add_redis_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--redis", help="Redis URL of the frontier (default: $GOVREPORTS_REDIS_URL)")
    parser.add_argument("--prefix", help="key prefix of the frontier (default: $GOVREPORTS_REDIS_PREFIX or govreports)")


def connect(args: argparse.Namespace, command: str) -> tuple[Any, Keys] | None:
    url = args.redis or redis_url(None)
    if not url:
        print(f"govreports {command}: no Redis given: pass --redis redis://HOST:6379/0 or set GOVREPORTS_REDIS_URL",
              file=sys.stderr)
        return None
    try:
        import redis
    except ImportError:
        print(f"govreports {command}: distributed mode needs the redis extra: pip install 'govreports[redis]'",
              file=sys.stderr)
        return None
    server = redis.Redis.from_url(url, socket_connect_timeout=10, socket_timeout=60)
    try:
        server.ping()
    except redis.RedisError as exc:
        print(f"govreports {command}: cannot reach Redis at {url}: {exc}", file=sys.stderr)
        return None
    keys = Keys(args.prefix) if args.prefix else Keys.from_settings(None)
    return server, keys
