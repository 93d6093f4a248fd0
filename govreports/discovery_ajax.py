"""List requests a page makes from script: Zhejiang's ``/api-gateway`` tags, ``$.ajax`` / ``$.post`` calls.

Some portals ship a list page without its list: a script fetches it. Zhejiang's column pages
carry a tag such as ``<script url="/api-gateway/jpaas-publish-server/front/page/build/unit"
querydata="{'paramJson':'{&quot;pageNo&quot;:1,&quot;pageSize&quot;:15}'}" webid="…">`` and
the answer is JSON (``{"data":{"html":"<ul>…"}}``); Jiangxi's pages post a form to
``/queryList``; many others call ``$.ajax({url: …, type: "post", data: {…}})``. These become
list requests (GET or POST) whose answers :func:`govreports.discovery.read_listing` reads.

Only literal values are used (a URL built from variables is not guessed), only list-like
endpoints are called (never counters, searches or logins), and the spider's budget bounds
them. Pure functions of (page, URL).
"""

from __future__ import annotations

import html as htmllib
import json
import re
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import urlencode, urljoin, urlsplit

from govreports.discovery_json import PAGE_KEYS, next_params

_CALL = re.compile(r"(?:\$|jQuery)\s*\.\s*(ajax|post|get|getJSON)\s*\(|axios\s*\.\s*(post|get)\s*\(", re.I)
_STATIC = re.compile(r"\.(?:js|css|png|jpe?g|gif|svg|ico|woff2?|ttf|mp[34]|pdf|docx?|xlsx?)(?:$|\?)", re.I)
NOT_A_LIST = re.compile(r"count|visit|click|hits|stat|log(?:in)?\b|comment|vote|weather|user|captcha|verify|"
                         r"search|sousuo|jiucuo|correct|share|upload|favorite|register|sso|token", re.I)
_LIST_PATH = re.compile(r"list|query|column|channel|catalog|gkml|xxgk|article|info|doc|api-gateway|"
                        r"build/unit|dataproxy|page", re.I)
#: Attributes of a tag that are HTML, not parameters of the request it names.
_HTML_ATTRS = frozenset({"type", "src", "id", "class", "style", "language", "charset", "url", "data-url",
                         "querydata", "data-querydata", "data-query", "async", "defer", "method", "nonce",
                         "crossorigin", "integrity", "referrerpolicy", "name", "title", "lang"})


@dataclass(frozen=True)
class ApiCall:
    """One list request: GET (``params`` in the query) or POST (a form, or a JSON body)."""

    method: str
    url: str
    params: dict[str, str] = field(default_factory=dict)
    json_body: bool = False

    def get_url(self) -> str:
        if not self.params:
            return self.url
        sep = "&" if urlsplit(self.url).query else "?"
        return self.url + sep + urlencode(self.params)

    def body(self) -> bytes:
        if self.json_body:
            return json.dumps(_unflatten(self.params), ensure_ascii=False, separators=(",", ":")).encode("utf-8")
        return urlencode(self.params).encode("utf-8")

    def following(self, found: int, lists: list[int], totals: list[int]) -> list[ApiCall]:
        """The requests for the next pages of this list (see :func:`next_params`)."""
        return [ApiCall(self.method, self.url, p, self.json_body) for p in next_params(self.params, found, lists, totals)]

    def as_meta(self) -> dict[str, Any]:
        return {"method": self.method, "url": self.url, "params": dict(self.params), "json_body": self.json_body}

    @classmethod
    def from_meta(cls, meta: dict[str, Any] | None) -> ApiCall | None:
        if not meta:
            return None
        return cls(meta["method"], meta["url"], dict(meta.get("params") or {}), bool(meta.get("json_body")))


def api_calls(page: str, scripts: str, base_url: str) -> list[ApiCall]:
    """The list requests of a page (its raw text and its scripts' text): tags naming an
    endpoint, and ajax calls in its scripts."""
    out: dict[tuple, ApiCall] = {}
    if "url" not in page and "ajax" not in scripts and "post" not in scripts.lower():
        return []
    for call in [*_tag_calls(page, base_url), *_script_calls(scripts, base_url)]:
        if _wanted(call, base_url):
            out.setdefault((call.method, call.url, tuple(sorted(call.params.items())), call.json_body), call)
    return list(out.values())


def _wanted(call: ApiCall, base_url: str) -> bool:
    parts = urlsplit(call.url)
    if parts.scheme not in ("http", "https") or parts.hostname != urlsplit(base_url).hostname:
        return False
    if _STATIC.search(parts.path) or NOT_A_LIST.search(parts.path):
        return False
    return bool(_LIST_PATH.search(parts.path)) or _has_page_key(call.params)


def _has_page_key(params: dict[str, str]) -> bool:
    if any(k in params for k in PAGE_KEYS):
        return True
    return any(isinstance(v, str) and '"page' in v.lower() for v in params.values())


# --- tags naming an endpoint (Zhejiang jpaas) ----------------------------------------------------

_URL_ATTR = re.compile(r"""\s(?:data-)?url\s*=\s*["']""", re.I)
_TAG_NAME = re.compile(r"<([a-z][\w-]*)\s", re.I)
_SKIP_TAGS = frozenset({"a", "link", "img", "iframe", "form", "input", "area", "base", "meta"})
_ATTR = re.compile(r"""([\w:-]+)\s*=\s*(?:"((?:\\.|[^"\\])*)"|'((?:\\.|[^'\\])*)'|([^\s>"']+))""")
_MAX_TAG = 4000


def _tags_with_url(page: str) -> list[str]:
    """The text of each tag carrying a ``url`` attribute (bounded: at most ``_MAX_CALLS`` tags,
    each read up to ``_MAX_TAG`` characters, so no page can make this slow)."""
    out: list[str] = []
    seen: set[int] = set()
    for n, m in enumerate(_URL_ATTR.finditer(page)):
        if n >= _MAX_CALLS:
            break
        lt = page.rfind("<", max(0, m.start() - _MAX_TAG), m.start())
        if lt < 0 or lt in seen:
            continue
        seen.add(lt)
        name = _TAG_NAME.match(page, lt)
        if not name or name.group(1).lower() in _SKIP_TAGS:
            continue
        quote, i, stop = "", lt + 1, min(len(page), lt + _MAX_TAG)
        while i < stop:  # to the tag's closing ">", quotes (and backslash escapes in them) respected
            c = page[i]
            if quote:
                if c == "\\":
                    i += 1
                elif c == quote:
                    quote = ""
            elif c in "\"'":
                quote = c
            elif c == ">":
                out.append(page[lt:i + 1])
                break
            i += 1
    return out


def _tag_calls(page: str, base_url: str) -> list[ApiCall]:
    """Tags whose ``url`` attribute names a list endpoint, read from the raw page.

    Read as text, not through an HTML parser: attribute names keep their case (``webId``), and
    values written with backslash-escaped quotes (``querydata="{'paramJson':'{\\"pageNo\\":1}'}"``),
    which an HTML parser would cut short, are read whole.
    """
    calls = []
    for tag in _tags_with_url(page):
        attrs = {}
        for a in _ATTR.finditer(tag[tag.index(" "):] if " " in tag else tag):
            value = a.group(2) if a.group(2) is not None else a.group(3) if a.group(3) is not None else a.group(4)
            attrs[a.group(1)] = htmllib.unescape(value.replace('\\"', '"').replace("\\'", "'"))
        lower = {k.lower(): v for k, v in attrs.items()}
        target = lower.get("url") or lower.get("data-url")
        if not target or target.strip().lower().startswith(("javascript:", "#")):
            continue
        params = {k: v for k, v in attrs.items() if k.lower() not in _HTML_ATTRS and not k.lower().startswith("on")}
        raw = lower.get("querydata") or lower.get("data-querydata") or lower.get("data-query")
        if raw:
            data = parse_js_literal(raw)
            if isinstance(data, dict):
                params.update(_flatten(data))
        method = "POST" if lower.get("method", "").lower() == "post" else "GET"
        calls.append(ApiCall(method, urljoin(base_url, target.strip()), params))
    return calls


# --- ajax calls in scripts ------------------------------------------------------------------

def _script_calls(scripts: str, base_url: str) -> list[ApiCall]:
    calls = []
    for n, m in enumerate(_CALL.finditer(scripts[:2_000_000])):
        if n >= _MAX_CALLS:
            break
        kind = (m.group(1) or m.group(2)).lower()
        args, _ = _arguments(scripts[m.end():m.end() + _MAX_CALL_TEXT], 0)  # a call is short; bound the read
        if not args:
            continue
        if kind == "ajax":
            options = args[0] if isinstance(args[0], dict) else None
            if isinstance(args[0], str) and len(args) > 1 and isinstance(args[1], dict):
                options = {**args[1], "url": args[0]}  # $.ajax(url, {…})
            if not options or not isinstance(options.get("url"), str):
                continue
            method = str(options.get("type") or options.get("method") or "GET").upper()
            data, json_body = options.get("data"), False
            if isinstance(data, _Stringified):
                data, json_body = data.value, True
            url = options["url"]
        else:
            if not isinstance(args[0], str):
                continue
            url, method = args[0], ("POST" if kind == "post" else "GET")
            data = args[1] if len(args) > 1 else None
            json_body = m.group(2) is not None and method == "POST"  # axios posts JSON
            if isinstance(data, _Stringified):
                data, json_body = data.value, True
        params = _flatten(data) if isinstance(data, dict) else {}
        if isinstance(data, str) and "=" in data:
            params = dict(p.split("=", 1) for p in data.split("&") if "=" in p)
        calls.append(ApiCall("POST" if method == "POST" else "GET", urljoin(base_url, url), params,
                             json_body and method == "POST"))
    return calls


def _flatten(data: dict[str, Any]) -> dict[str, str]:
    """Parameter values as strings: nested objects as JSON (what a browser would send)."""
    out = {}
    for k, v in data.items():
        if v is _EXPR:
            continue
        if isinstance(v, dict | list):
            out[str(k)] = json.dumps(v, ensure_ascii=False, separators=(",", ":"))
        elif isinstance(v, bool):
            out[str(k)] = "true" if v else "false"
        elif v is None:
            out[str(k)] = ""
        else:
            out[str(k)] = str(v)
    return out


def _unflatten(params: dict[str, str]) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for k, v in params.items():
        if v.isdigit() and len(v) < 12:
            out[k] = int(v)
        elif v[:1] in "{[":
            try:
                out[k] = json.loads(v)
            except ValueError:
                out[k] = v
        else:
            out[k] = v
    return out


# --- a lenient reader of JavaScript literals ------------------------------------------------

class _Expr:
    """A value that is not a literal (a variable, a call, a concatenation): not guessed."""

    def __repr__(self) -> str:
        return "<expr>"


_EXPR = _Expr()


@dataclass(frozen=True)
class _Stringified:
    """``JSON.stringify({...})``: the object, to be sent as a JSON body."""

    value: Any


_WS = re.compile(r"(?:\s+|//[^\n]*|/\*.*?\*/)*", re.S)
_NUMBER = re.compile(r"-?\d+(?:\.\d+)?")
_IDENT = re.compile(r"[A-Za-z_$][\w$]*")
_MAX_DEPTH = 20
_MAX_CALLS = 200
_MAX_CALL_TEXT = 4000


def parse_js_literal(text: str) -> Any:
    """A JS object/array/string/number literal (single quotes and bare keys allowed), or ``None``."""
    try:
        value, _ = _value(text, 0, 0)
    except (IndexError, ValueError):
        return None
    return None if value is _EXPR else value


def _arguments(text: str, i: int) -> tuple[list[Any], int]:
    """The literal arguments of a call whose ``(`` ends just before ``i``."""
    args: list[Any] = []
    try:
        while True:
            i = _WS.match(text, i).end()
            if text[i] == ")":
                return args, i + 1
            value, i = _value(text, i, 0)
            args.append(value)
            i = _WS.match(text, i).end()
            if text[i] == ",":
                i += 1
            elif text[i] == ")":
                return args, i + 1
            else:
                return args, i
    except (IndexError, ValueError):
        return args, i


def _value(text: str, i: int, depth: int) -> tuple[Any, int]:
    if depth > _MAX_DEPTH:
        raise ValueError("too deep")
    i = _WS.match(text, i).end()
    c = text[i]
    if c == "{":
        return _object(text, i + 1, depth + 1)
    if c == "[":
        return _array(text, i + 1, depth + 1)
    if c in "\"'":
        s, i = _string(text, i)
        return _maybe_concat(s, text, i)
    m = _NUMBER.match(text, i)
    if m:
        return _maybe_concat(float(m.group()) if "." in m.group() else int(m.group()), text, m.end())
    if text.startswith("JSON.stringify(", i):
        args, end = _arguments(text, i + len("JSON.stringify("))
        return (_Stringified(args[0]) if args and isinstance(args[0], dict) else _EXPR), end
    m = _IDENT.match(text, i)
    if m and m.group() in ("true", "false", "null", "undefined"):
        j = _WS.match(text, m.end()).end()
        if j >= len(text) or text[j] in ",}])":
            return {"true": True, "false": False}.get(m.group()), m.end()
    return _EXPR, _skip_expression(text, i)


def _maybe_concat(value: Any, text: str, i: int) -> tuple[Any, int]:
    j = _WS.match(text, i).end()
    if j < len(text) and text[j] in "+-*/?.(":  # "/list?id=" + id, a ternary, a method call
        return _EXPR, _skip_expression(text, i)
    return value, i


def _skip_expression(text: str, i: int) -> int:
    """Past a non-literal value: up to the next ``,`` ``}`` ``]`` or ``)`` at its own depth."""
    depth = 0
    n = len(text)
    while i < n:
        c = text[i]
        if c in "\"'`":
            i = _string(text, i)[1]
            continue
        if c in "([{":
            depth += 1
        elif c in ")]}":
            if depth == 0:
                return i
            depth -= 1
        elif c == "," and depth == 0:
            return i
        i += 1
    return i


def _string(text: str, i: int) -> tuple[str, int]:
    quote, i, out = text[i], i + 1, []
    while True:
        c = text[i]
        if c == "\\":
            nxt = text[i + 1]
            out.append({"n": "\n", "t": "\t", "r": "\r"}.get(nxt, nxt))
            i += 2
            continue
        if c == quote:
            return "".join(out), i + 1
        out.append(c)
        i += 1


def _object(text: str, i: int, depth: int) -> tuple[Any, int]:
    obj: dict[str, Any] = {}
    while True:
        i = _WS.match(text, i).end()
        if text[i] == "}":
            return obj, i + 1
        if text[i] in "\"'":
            key, i = _string(text, i)
        else:
            m = _IDENT.match(text, i) or _NUMBER.match(text, i)
            if not m:
                raise ValueError("bad key")
            key, i = m.group(), m.end()
        i = _WS.match(text, i).end()
        if text[i] != ":":
            raise ValueError("no colon")
        value, i = _value(text, i + 1, depth)
        obj[key] = value
        i = _WS.match(text, i).end()
        if text[i] == ",":
            i += 1
        elif text[i] == "}":
            return obj, i + 1
        else:
            raise ValueError("bad object")


def _array(text: str, i: int, depth: int) -> tuple[Any, int]:
    arr: list[Any] = []
    while True:
        i = _WS.match(text, i).end()
        if text[i] == "]":
            return arr, i + 1
        value, i = _value(text, i, depth)
        arr.append(value)
        i = _WS.match(text, i).end()
        if text[i] == ",":
            i += 1
        elif text[i] == "]":
            return arr, i + 1
        else:
            raise ValueError("bad array")
