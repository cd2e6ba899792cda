"""A small local HTTP webhook for camera and sensor events, run by the daemon.

POST /events with `Authorization: Bearer <token>` and a JSON body: one event object
{source, label, subject?, at?, data?} or a list of them. The token lives in
ASSISTANT_HOME/webhook_token (created on first use, readable by the owner only). Loopback only
unless the daemon is told otherwise.
"""
from __future__ import annotations

import hmac
import json
import logging
import secrets
import threading
from dataclasses import dataclass
from http.server import BaseHTTPRequestHandler
from pathlib import Path
from typing import Any

from assistant.httpserving import BoundedThreadingHTTPServer
from assistant import errorlog, safe_input
from assistant.clock import Clock
from assistant.paths import user_dir
from assistant.storage.follow import FollowedDatabase

MAX_BODY = 1_000_000  # bytes
READ_TIMEOUT_S = 10.0  # a caller that sends nothing for this long is dropped
MAX_CONNECTIONS = 32  # at once; more are closed at once (the callers retry)


class WebhookError(RuntimeError):
    """The webhook cannot listen where it was asked to (a bad port, a port in use, a foreign address)."""


def webhook_token(home: Path | None = None) -> str:
    """The shared secret callers must send; created (0600) on first use."""
    path = (home or user_dir()) / "webhook_token"
    if not path.exists():
        path.touch(mode=0o600)
        path.write_text(secrets.token_urlsafe(32) + "\n")
    return path.read_text().strip()


class _Server(BoundedThreadingHTTPServer):
    def __init__(self, address: tuple[str, int], db_path: Path | str, clock: Clock, token: str) -> None:
        from assistant.app import default_registry, open_state

        super().__init__(address, _Handler, MAX_CONNECTIONS)
        registry = default_registry()
        self.follow = FollowedDatabase(Path(db_path), lambda path: open_state(registry, path))
        self.lock = threading.Lock()
        self.clock, self.token = clock, token
        self.services = registry.service  # "event_from_json", "add_events": the events expert's


class _Handler(BaseHTTPRequestHandler):
    server: _Server
    timeout = READ_TIMEOUT_S  # per read on the socket: an idle or trickling caller is dropped

    def do_POST(self) -> None:  # noqa: N802 - the http.server naming
        try:
            self._post()
        except (ConnectionError, TimeoutError):
            raise  # the caller went away: nobody to answer
        except Exception as exc:  # noqa: BLE001 - a failed request is an answer, never a dead thread
            line = errorlog.report(exc, "webhook POST /events")
            logging.getLogger("assistant.webhook").error("POST /events failed: %s", line)
            self._reply(500, {"error": line})

    def _post(self) -> None:
        if self.path.rstrip("/") != "/events":
            return self._reply(404, {"error": "not found; POST events to /events"})
        given = self.headers.get("Authorization", "")
        if not hmac.compare_digest(given.encode(), f"Bearer {self.server.token}".encode()):
            return self._reply(401, {"error": "missing or wrong bearer token"})
        length = self.headers.get("Content-Length") or "0"
        if not (length.isascii() and length.isdigit()):
            return self._reply(400, {"error": "Content-Length must be a number of bytes"})
        if int(length) > MAX_BODY:
            return self._reply(413, {"error": f"body larger than {MAX_BODY} bytes"})
        try:
            body = safe_input.parse_json(self.rfile.read(int(length)) or b"null")
            items = body if isinstance(body, list) else [body]
            now = self.server.clock.now()
            parsed = [self.server.services("event_from_json")(item, now) for item in items]
        except ValueError as exc:  # InputError, and the events expert's own checks
            return self._reply(400, {"error": str(exc)})
        with self.server.lock:
            added = self.server.services("add_events")(self.server.follow.current()[0], parsed)
        self._reply(201, {"added": [event["id"] for event in added]})

    def do_GET(self) -> None:  # noqa: N802
        self._reply(405, {"error": "use POST /events"})

    def send_error(self, code: int, message: str | None = None, explain: str | None = None) -> None:
        """http.server's own errors (a method it has no handler for, a malformed request line,
        headers too long) are JSON like every other answer."""
        self.close_connection = True
        if code == 501:  # a method other than GET and POST
            return self._reply(405, {"error": "use POST /events"})
        self._reply(code, {"error": message or self.responses.get(code, ("bad request",))[0]})

    def _reply(self, status: int, body: dict[str, Any]) -> None:
        data = json.dumps(body).encode()
        self.send_response(status)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)

    def log_message(self, format: str, *args: Any) -> None:  # noqa: A002 - quiet by default
        pass


@dataclass
class Webhook:
    server: _Server
    thread: threading.Thread

    @property
    def url(self) -> str:
        host, port = self.server.server_address[:2]
        return f"http://{host}:{port}/events"

    def stop(self) -> None:
        self.server.shutdown()
        self.server.server_close()
        self.thread.join(5)
        self.server.follow.close()


def start_webhook(db_path: Path | str, clock: Clock, port: int, host: str = "127.0.0.1",
                  token: str | None = None) -> Webhook:
    """Serve POST /events on host:port (port 0 picks a free one) in a background thread."""
    if not 0 <= port <= 65535:
        raise WebhookError(f"--webhook-port {port} is not a port (0 to 65535; 0 picks a free one)")
    try:
        server = _Server((host, port), db_path, clock, token or webhook_token())
    except OSError as exc:  # in use, an address not on this machine, a name that does not resolve
        reason = exc.strerror or str(exc)
        raise WebhookError(f"the webhook cannot listen on {host}:{port}: {reason}") from None
    thread = threading.Thread(target=server.serve_forever, name="webhook", daemon=True)
    thread.start()
    return Webhook(server, thread)
