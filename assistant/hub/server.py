"""The hub's HTTP API (contract.py) on the standard library's threading server: one thread per
connection, a bounded number at once, bearer-token auth compared in constant time, a request log
without secrets (no token, no request text)."""
from __future__ import annotations

import hmac
import json
import logging
import os
import socket
import threading
import time
from dataclasses import dataclass
from http.server import BaseHTTPRequestHandler
from typing import Any
from urllib.parse import parse_qs, urlsplit

from pydantic import ValidationError

from assistant.httpserving import BoundedThreadingHTTPServer
from assistant import errorlog, safe_input
from assistant.hub.contract import AskRequest
from assistant.hub.engine import Engine, UnknownView

log = logging.getLogger("assistant.hub")

MAX_BODY = 64_000  # bytes of one request
READ_TIMEOUT_S = 30.0  # a client that sends nothing for this long is dropped
MAX_CONNECTIONS = 32  # at once; more get 503 at once (the clients retry or fall back)


class HubError(RuntimeError):
    """The hub cannot listen where it was asked to (a port in use, an address not on this machine)."""


class BadRequest(ValueError):
    def __init__(self, status: int, message: str) -> None:
        super().__init__(message)
        self.status = status


class _Server(BoundedThreadingHTTPServer):
    def __init__(self, address: tuple[str, int], engine: Engine, token: str, version: str) -> None:
        super().__init__(address, _Handler, MAX_CONNECTIONS)
        self.engine, self.token, self.version = engine, token, version

    def refuse(self, request) -> None:
        request.sendall(b"HTTP/1.1 503 Service Unavailable\r\nContent-Type: application/json\r\n"
                        b"Content-Length: 26\r\nConnection: close\r\n\r\n{\"error\": \"hub is busy\"}\r\n")


class _Handler(BaseHTTPRequestHandler):
    server: _Server
    protocol_version = "HTTP/1.1"  # keep-alive: a client reuses its connection
    timeout = READ_TIMEOUT_S

    def setup(self) -> None:
        super().setup()
        self.connection.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)  # no 40 ms Nagle wait per reply

    def do_GET(self) -> None:  # noqa: N802 - the http.server naming
        self._serve(self._get)

    def do_POST(self) -> None:  # noqa: N802
        self._serve(self._post)

    def _serve(self, route) -> None:
        began, self._session = time.perf_counter(), "-"
        try:
            status, body = route(urlsplit(self.path))
        except BadRequest as exc:
            status, body = exc.status, {"error": str(exc)}
        except Exception as exc:  # noqa: BLE001 - a failed request is an answer, never a dead thread
            line = errorlog.report(exc, f"hub {self.command} {urlsplit(self.path).path}")
            log.error("request failed: %s %s: %s", self.command, urlsplit(self.path).path, line)
            status, body = 500, {"error": f"the hub failed: {line}"}
        self._reply(status, body)
        log.info("%s %s %d %.1fms session=%s", self.command, urlsplit(self.path).path, status,
                 (time.perf_counter() - began) * 1000, self._session)

    def _get(self, url) -> tuple[int, Any]:
        engine = self.server.engine
        if url.path == "/health":
            return 200, {"ok": True, "pid": os.getpid(), "version": self.server.version,
                         "uptime_s": round(time.monotonic() - engine.started, 1), "sessions": engine.session_count}
        self._authorise()
        if url.path == "/v1/views":
            return 200, sorted(engine.views)
        if url.path.startswith("/v1/"):
            try:
                return 200, engine.listing(url.path[len("/v1/"):].strip("/"), _limit(url.query))
            except UnknownView:
                raise BadRequest(404, f"no listing {url.path}; see GET /v1/views") from None
        raise BadRequest(404, "not found; see GET /health, POST /v1/ask, GET /v1/views")

    def _post(self, url) -> tuple[int, Any]:
        if url.path != "/v1/ask":
            raise BadRequest(404 if not url.path.startswith("/v1/") else 405, "POST only to /v1/ask")
        self._authorise()
        try:
            request = AskRequest.model_validate(self._body())
        except ValidationError as exc:
            problems = "; ".join(f"{'.'.join(map(str, e['loc'])) or 'body'}: {e['msg']}" for e in exc.errors())
            raise BadRequest(400, problems) from None
        self._session = request.conversation
        return 200, self.server.engine.ask(request)

    def _authorise(self) -> None:
        given = self.headers.get("Authorization", "")
        if not hmac.compare_digest(given.encode("utf-8", "replace"), f"Bearer {self.server.token}".encode()):
            raise BadRequest(401, "missing or wrong bearer token")

    def _body(self) -> Any:
        length = self.headers.get("Content-Length") or "0"
        if not (length.isascii() and length.isdigit()):
            raise BadRequest(400, "Content-Length must be a number of bytes")
        if int(length) > MAX_BODY:
            self.close_connection = True  # the body is left unread
            raise BadRequest(413, f"body larger than {MAX_BODY} bytes")
        try:
            return safe_input.parse_json(self.rfile.read(int(length)) or b"null")
        except ValueError as exc:
            raise BadRequest(400, f"the body is not JSON: {exc}") from None

    def send_error(self, code: int, message: str | None = None, explain: str | None = None) -> None:
        """http.server's own errors (an unknown method, a malformed request line) are JSON too."""
        self.close_connection = True
        self._reply(405 if code == 501 else code, {"error": message or self.responses.get(code, ("bad request",))[0]})

    def _reply(self, status: int, body: Any) -> None:
        data = json.dumps(body, ensure_ascii=False, default=str).encode()
        self.send_response_only(status)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(data)))
        if self.close_connection:
            self.send_header("Connection", "close")
        self.end_headers()
        self.wfile.write(data)

    def log_message(self, format: str, *args: Any) -> None:  # noqa: A002 - our own log line instead
        pass


def _limit(query: str) -> int | None:
    values = parse_qs(query).get("limit")
    if not values:
        return None
    if not (values[-1].isascii() and values[-1].isdigit()):
        raise BadRequest(400, "limit must be a whole number")
    return int(values[-1])


@dataclass
class Hub:
    server: _Server
    thread: threading.Thread

    @property
    def url(self) -> str:
        host, port = self.server.server_address[:2]
        host = "127.0.0.1" if host in ("0.0.0.0", "") else f"[{host}]" if ":" in host else host
        return f"http://{host}:{port}"

    def stop(self) -> None:
        self.server.shutdown()
        self.server.server_close()
        self.thread.join(5)


def start_hub(engine: Engine, token: str, host: str = "127.0.0.1", port: int = 0, version: str = "") -> Hub:
    """Serve the API on host:port (0: a free port) in a background thread."""
    if not token:
        raise HubError("the hub needs a token")
    try:
        server = _Server((host, port), engine, token, version)
    except OSError as exc:
        raise HubError(f"the hub cannot listen on {host}:{port}: {exc.strerror or exc}") from None
    thread = threading.Thread(target=server.serve_forever, name="hub", daemon=True)
    thread.start()
    return Hub(server, thread)
