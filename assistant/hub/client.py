"""Find a running hub and ask it. `find_hub()` is None when none runs (no hub.json, a dead pid, no
answer to /health within a short timeout) or when local is forced (`ASSISTANT_HUB=off`).

A request the hub never received, or refused saying it did not act (4xx, 503), raises
`HubUnavailable`: the caller may carry on in-process. A request the hub received and then failed on
(500), or stopped answering once it was sent, raises `HubFailed`: the hub may have acted, so the
request is not repeated, here or in-process."""
from __future__ import annotations

import http.client
import json
import os
import socket
import time
from dataclasses import dataclass
from typing import Any
from urllib.parse import urlsplit

from assistant.config import HubConfig
from assistant.hub.discovery import alive, hub_token, read_address

HUB_ENV = "ASSISTANT_HUB"  # "off": never use a hub (same as --local)
HEALTH_TIMEOUT_S = 0.5
ASK_TIMEOUT_S = 300.0  # a model call may take long on a busy hub; the hub gives up on hung ones itself
KEEP_ALIVE_S = 20.0  # a connection idle this long is not reused (the hub drops idle ones after 30 s)


class HubUnavailable(RuntimeError):
    """The hub did not take the request: not reached, or refused it without acting."""


class HubFailed(RuntimeError):
    """The hub took the request and failed on it (or stopped answering): it may have acted."""


@dataclass
class HubClient:
    url: str
    token: str
    timeout: float = ASK_TIMEOUT_S

    def __post_init__(self) -> None:
        parts = urlsplit(self.url)
        self._host, self._port = parts.hostname or "127.0.0.1", parts.port or 80
        self._conn: http.client.HTTPConnection | None = None
        self._used = 0.0  # when the connection last answered

    def health(self, timeout: float = HEALTH_TIMEOUT_S) -> dict[str, Any]:
        return self._request("GET", "/health", timeout=timeout)

    def ask(self, text: str, *, session: str | None = None, area: str | None = None,
            now: str | None = None) -> dict[str, Any]:
        """The reply as `ask --json` prints it, made by the hub."""
        body = {"text": text, "session": session, "area": area, "now": now}
        return self._request("POST", "/v1/ask", {k: v for k, v in body.items() if v is not None})

    def listing(self, noun: str, limit: int | None = None) -> Any:
        return self._request("GET", f"/v1/{noun}" + (f"?limit={limit}" if limit is not None else ""))

    def _request(self, method: str, path: str, body: Any = None, timeout: float | None = None) -> Any:
        """One request on a kept-alive connection. A GET the hub dropped is sent again, once; a
        POST is never sent twice (the hub may have acted on it)."""
        data = json.dumps(body).encode() if body is not None else None
        headers = {"Authorization": f"Bearer {self.token}", "Content-Type": "application/json"}
        for attempt in (1, 2):
            try:
                conn = self._connection(timeout or self.timeout)
            except OSError as exc:
                self.close()
                raise HubUnavailable(f"the hub at {self.url} did not answer: {exc}") from None
            try:
                conn.request(method, path, body=data, headers=headers)
                response = conn.getresponse()
                payload = response.read()
                self._used = time.monotonic()
                break
            except (OSError, http.client.HTTPException) as exc:
                self.close()
                if method == "GET":  # no side effects: sent again once, then given up on
                    if attempt == 1:
                        continue
                    raise HubUnavailable(f"the hub at {self.url} did not answer: {exc}") from None
                raise HubFailed(f"the hub at {self.url} stopped answering once it had the request "
                                f"({exc or type(exc).__name__}); it may have acted") from None
        return self._answer(response.status, payload)

    def _answer(self, status: int, payload: bytes) -> Any:
        try:
            answer = json.loads(payload)
        except ValueError:
            answer = None
        message = answer.get("error") if isinstance(answer, dict) else answer
        if status == 200 and answer is not None:
            return answer
        if status >= 500 and status != 503:  # 503: busy, refused before reading the request
            raise HubFailed(f"the hub at {self.url} failed on the request ({status}: {message}); it may have acted")
        raise HubUnavailable(f"the hub at {self.url} answered {status}: {message}")

    def _connection(self, timeout: float) -> http.client.HTTPConnection:
        if self._conn is not None and (self._conn.sock is None or time.monotonic() - self._used > KEEP_ALIVE_S):
            self.close()  # closed, or idle long enough that the hub may be closing it
        if self._conn is None:
            self._conn = http.client.HTTPConnection(self._host, self._port, timeout=timeout)
            self._conn.connect()
            self._conn.sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
        self._conn.timeout = timeout
        if self._conn.sock is not None:
            self._conn.sock.settimeout(timeout)
        return self._conn

    def close(self) -> None:
        if self._conn is not None:
            self._conn.close()
            self._conn = None


def hub_wanted() -> bool:
    """False when the environment forces in-process (ASSISTANT_HUB=off, 0, no, local)."""
    return os.environ.get(HUB_ENV, "").strip().lower() not in ("off", "0", "no", "false", "local")


def find_hub(config: HubConfig | None = None) -> HubClient | None:
    """A client of the hub announced in hub.json, if it runs and answers /health; else None."""
    if not hub_wanted():
        return None
    address = read_address()
    if address is None or not alive(address.pid):
        return None
    token = hub_token(config or HubConfig())
    if token is None:
        return None
    client = HubClient(address.url, token)
    try:
        if client.health().get("pid") != address.pid:  # another process on that port
            client.close()
            return None
    except HubUnavailable:
        client.close()
        return None
    return client


def ask_running_hub(text: str, session: str | None, area: str | None, config: HubConfig | None = None) -> dict | None:
    """`ask` through a running hub: its reply (`"via": "hub"`), or None when no hub runs or it did
    not take the request (the caller then answers in-process); a failed reply when the hub failed
    on it. ASSISTANT_NOW travels as the request's time."""
    client = find_hub(config)
    if client is None:
        return None
    try:
        return client.ask(text, session=session, area=area, now=os.environ.get("ASSISTANT_NOW", "").strip() or None)
    except HubUnavailable:
        return None
    except HubFailed as exc:
        return failed_reply(exc)
    finally:
        client.close()


def failed_reply(exc: HubFailed) -> dict:
    """What `ask --json` prints when the hub failed on a request: not repeated in-process."""
    from assistant.hub.contract import reply_json
    from assistant.messages import Reply

    return reply_json(Reply(reply=f"Sorry, {exc}. Not asked again here: check before asking again.",
                            ok=False), "hub")
