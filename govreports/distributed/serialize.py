"""JSON serialisation of requests for the shared frontier (``SCHEDULER_SERIALIZER``).

scrapy-redis pickles by default; a frontier shared between machines should not run pickle on
whatever is in Redis. Requests are plain data here: bytes and the ``Site`` in ``meta`` are
tagged, anything else must already be JSON (our spider puts nothing else in ``meta``).
"""

from __future__ import annotations

import base64
import json
from dataclasses import asdict
from typing import Any

from govreports.sites import Site


def _encode(obj: Any) -> Any:
    if isinstance(obj, bytes):
        return {"__b": base64.b64encode(obj).decode("ascii")}
    if isinstance(obj, Site):
        return {"__site": asdict(obj)}
    if isinstance(obj, dict):
        if all(isinstance(k, str) for k in obj):
            return {k: _encode(v) for k, v in obj.items()}
        return {"__map": [[_encode(k), _encode(v)] for k, v in obj.items()]}
    if isinstance(obj, list | tuple | set | frozenset):
        return [_encode(v) for v in obj]
    return obj


def _decode(obj: Any) -> Any:
    if isinstance(obj, dict):
        if len(obj) == 1:
            if "__b" in obj:
                return base64.b64decode(obj["__b"])
            if "__site" in obj:
                d = obj["__site"]
                return Site(**{**d, "columns": tuple(d.get("columns") or ())})
            if "__map" in obj:
                return {_decode(k): _decode(v) for k, v in obj["__map"]}
        return {k: _decode(v) for k, v in obj.items()}
    if isinstance(obj, list):
        return [_decode(v) for v in obj]
    return obj


def dumps(obj: Any) -> bytes:
    return json.dumps(_encode(obj), ensure_ascii=False, separators=(",", ":")).encode("utf-8")


def loads(data: bytes | str) -> Any:
    return _decode(json.loads(data))
