"""A real HTTP server on 127.0.0.1 for a generated portal: conditional GET, a request log, live edits.

``with PortalServer(build_portal()) as server: server.url`` — a random free port unless one is
given; every request is logged (method, path, headers, status). ``server.set(path, body)``
changes a page while it runs. ``python -m govreports.demo.server --port 8000`` serves the demo.
"""

from __future__ import annotations

import argparse
import json
import threading
import time
from dataclasses import dataclass
from email.utils import formatdate
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import urlsplit

from govreports.demo.portal import Portal, Resource, build_portal, parse_query


@dataclass
class FaultPlan:
    """Make the portal fail like real ones: a share of responses fail, each URL at most ``max_per_path``
    times (so a page eventually succeeds unless ``max_per_path`` exceeds the crawler's retries).

    kinds: ``500`` ``502`` ``503`` (status), ``reset`` (connection closed mid-body), ``timeout`` (no answer
    for ``hang`` seconds).
    """

    rate: float = 0.2
    seed: int = 0
    kinds: tuple[str, ...] = ("500", "502", "503", "reset", "timeout")
    max_per_path: int = 2
    hang: float = 3.0
    only_prefix: str = "/"

    def __post_init__(self) -> None:
        import random

        self._rng = random.Random(self.seed)
        self._lock = threading.Lock()
        self.failed: dict[str, int] = {}

    def pick(self, path: str) -> str | None:
        if not path.startswith(self.only_prefix) or path == "/robots.txt":
            return None
        with self._lock:
            if self.failed.get(path, 0) >= self.max_per_path or self._rng.random() >= self.rate:
                return None
            self.failed[path] = self.failed.get(path, 0) + 1
            return self._rng.choice(self.kinds)


@dataclass(frozen=True)
class Hit:
    method: str
    path: str
    status: int
    headers: dict[str, str]
    at: float
    form: dict[str, list[str]] | None = None  # a POST's parameters (form or JSON body)
    started: float = 0.0  # when the request arrived (``at``: when its answer went out)


class PortalServer:
    def __init__(self, portal: Portal, *, host: str = "127.0.0.1", port: int = 0,
                 faults: FaultPlan | None = None, latency: float = 0.0) -> None:
        self.portal = portal
        self.faults = faults
        self.latency = latency  # seconds each response waits: a slow portal, for tests that kill mid-crawl
        self.log: list[Hit] = []
        self._lock = threading.Lock()
        self._modified: dict[str, float] = {}
        handler = self._handler()
        self.httpd = ThreadingHTTPServer((host, port), handler)
        self.httpd.daemon_threads = True
        self.thread = threading.Thread(target=self.httpd.serve_forever, daemon=True)

    @property
    def url(self) -> str:
        host, port = self.httpd.server_address[:2]
        return f"http://{host}:{port}/"

    def __enter__(self) -> PortalServer:
        self.thread.start()
        return self

    def __exit__(self, *exc) -> None:
        self.httpd.shutdown()
        self.httpd.server_close()

    def set(self, path: str, body: bytes) -> None:
        """Change a page's content while serving (its ETag and Last-Modified change with it)."""
        with self._lock:
            old = self.portal.resources[path]
            self.portal.resources[path] = Resource(body, old.status, old.content_type, dict(old.headers))
            self._modified[path] = time.time()

    def hits(self, path_prefix: str = "") -> list[Hit]:
        with self._lock:
            return [h for h in self.log if h.path.startswith(path_prefix)]

    def _handler(self):
        server = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def log_message(self, *args) -> None:  # quiet: the log is kept in memory
                pass

            def do_HEAD(self) -> None:
                self._quietly(head=True)

            def do_GET(self) -> None:
                self._quietly()

            def do_POST(self) -> None:
                self._quietly()

            def _form(self) -> dict[str, list[str]] | None:
                """A POST's parameters: a urlencoded form or a JSON object (values as strings)."""
                if self.command != "POST":
                    return None
                raw = self.rfile.read(int(self.headers.get("Content-Length") or 0)).decode("utf-8", "replace")
                if "json" in (self.headers.get("Content-Type") or ""):
                    try:
                        data = json.loads(raw)
                    except ValueError:
                        return {}
                    return {str(k): [v if isinstance(v, str) else json.dumps(v)] for k, v in data.items()} \
                        if isinstance(data, dict) else {}
                return parse_query(raw)

            def _quietly(self, head: bool = False) -> None:
                try:
                    self._serve(head=head)
                except (BrokenPipeError, ConnectionResetError):  # the client gave up (a cancelled download)
                    self.close_connection = True

            def _fault(self, kind: str) -> None:
                with server._lock:
                    server.log.append(Hit(self.command, self.path, -1 if kind in ("reset", "timeout") else int(kind),
                                          dict(self.headers.items()), time.time()))
                if kind == "timeout":
                    time.sleep(server.faults.hang)
                    self.close_connection = True
                    return
                if kind == "reset":
                    body = b"<html><body>" + b"x" * 2000
                    self.send_response(200)
                    self.send_header("Content-Type", "text/html; charset=utf-8")
                    self.send_header("Content-Length", str(len(body) * 10))
                    self.end_headers()
                    self.wfile.write(body)
                    self.wfile.flush()
                    self.close_connection = True
                    try:
                        self.connection.shutdown(2)
                    except OSError:
                        pass
                    return
                body = f"<html><body>{kind} Server Error</body></html>".encode()
                self.send_response(int(kind))
                self.send_header("Content-Type", "text/html; charset=utf-8")
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)

            def _serve(self, head: bool = False) -> None:
                started = time.time()
                parts = urlsplit(self.path)
                form = self._form()
                if server.latency and parts.path != "/robots.txt":
                    time.sleep(server.latency)
                if server.faults is not None:
                    kind = server.faults.pick(self.path)
                    if kind:
                        self._fault(kind)
                        return
                key = parts.path + (f"?{parts.query}" if parts.query else "")
                res = server.portal.resources.get(key) or server.portal.resources.get(parts.path)
                if res is None and parts.path.endswith(("/index.html", "/index.htm")):
                    res = server.portal.resources.get(parts.path.rsplit("/", 1)[0] + "/")
                if res is None and parts.path.endswith("/"):
                    res = server.portal.resources.get(parts.path + "index.html")
                status, body, headers = 404, b"<html><body>404 Not Found</body></html>", {
                    "Content-Type": "text/html; charset=utf-8"}
                if res is not None and res.post_only and form is None:
                    status, body = 405, b"<html><body>405 Method Not Allowed</body></html>"
                elif res is not None:
                    status, headers = res.status, {"Content-Type": res.content_type, **res.headers}
                    body = res.render({**parse_query(parts.query), **(form or {})}) if status == 200 else b""
                    if status == 200 and res.validators:
                        etag = res.etag(body)
                        stamp = server._modified.get(parts.path, 1700000000.0)
                        headers["ETag"] = etag
                        headers["Last-Modified"] = formatdate(stamp, usegmt=True)
                        if self.headers.get("If-None-Match") == etag:
                            status, body = 304, b""
                headers["Content-Length"] = str(len(body))
                with server._lock:
                    server.log.append(Hit(self.command, self.path, status, dict(self.headers.items()), time.time(),
                                          form, started))
                self.send_response(status)
                for k, v in headers.items():
                    self.send_header(k, v)
                self.end_headers()
                if not head and body:
                    self.wfile.write(body)

        return Handler


def main() -> None:
    ap = argparse.ArgumentParser(description="Serve the generated demo portal on 127.0.0.1")
    ap.add_argument("--port", type=int, default=8000)
    ap.add_argument("--seed", type=int, default=2024)
    args = ap.parse_args()
    with PortalServer(build_portal(args.seed), port=args.port) as server:
        print(f"serving {len(server.portal.resources)} resources at {server.url} (Ctrl-C to stop)")
        try:
            while True:
                time.sleep(3600)
        except KeyboardInterrupt:
            pass


if __name__ == "__main__":
    main()
