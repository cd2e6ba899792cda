"""Find a running hub and ask it. `find_hub()` is None when none runs (no hub.json, a dead pid, no
answer to /health within a short timeout) or when local is forced (`ASSISTANT_HUB=off`); a hub that
fails to answer a request raises `HubUnavailable`, and the caller carries on in-process."""
from __future__ import annotations

import http.client
import json
import os
import socket
from dataclasses import dataclass
from typing import Any
from urllib.parse import urlsplit

from assistant.config import HubConfig
from assistant.hub.discovery import alive, hub_token, read_address

HUB_ENV = "ASSISTANT_HUB"  # "off": never use a hub (same as --local)
HEALTH_TIMEOUT_S = 0.5
ASK_TIMEOUT_S = 300.0  # a model call may take long on a busy hub; the hub gives up on hung ones itself


class HubUnavailable(RuntimeError):
    """The hub did not answer (refused, timed out, failed, or answered something else)."""


@dataclass
class HubClient:
    url: str
    token: str
    timeout: float = ASK_TIMEOUT_S

    def __post_init__(self) -> None:
        parts = urlsplit(self.url)
        self._host, self._port = parts.hostname or "127.0.0.1", parts.port or 80
        self._conn: http.client.HTTPConnection | None = None

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
        """One request on a kept-alive connection (reopened once if the hub closed it)."""
        data = json.dumps(body).encode() if body is not None else None
        headers = {"Authorization": f"Bearer {self.token}", "Content-Type": "application/json"}
        for attempt in (1, 2):
            reused = self._conn is not None and self._conn.sock is not None
            try:
                conn = self._connection(timeout or self.timeout)
                conn.request(method, path, body=data, headers=headers)
                response = conn.getresponse()
                payload = response.read()
                break
            except (http.client.RemoteDisconnected, BrokenPipeError, ConnectionResetError):
                self.close()  # a kept-alive connection the hub had closed: sent again, once, on a new one
                if attempt == 2 or not reused:
                    raise HubUnavailable(f"the hub at {self.url} closed the connection") from None
            except (OSError, http.client.HTTPException) as exc:
                self.close()
                raise HubUnavailable(f"the hub at {self.url} did not answer: {exc}") from None
        try:
            answer = json.loads(payload)
        except ValueError:
            raise HubUnavailable(f"the hub at {self.url} answered {response.status} with no JSON") from None
        if response.status != 200:
            message = answer.get("error") if isinstance(answer, dict) else answer
            raise HubUnavailable(f"the hub at {self.url} answered {response.status}: {message}")
        return answer

    def _connection(self, timeout: float) -> http.client.HTTPConnection:
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
    """`ask` through a running hub: its reply (`"via": "hub"`), or None when no hub runs or it
    failed to answer (the caller then answers in-process). ASSISTANT_NOW travels as the request's time."""
    client = find_hub(config)
    if client is None:
        return None
    try:
        return client.ask(text, session=session, area=area, now=os.environ.get("ASSISTANT_NOW", "").strip() or None)
    except HubUnavailable:
        return None
    finally:
        client.close()
