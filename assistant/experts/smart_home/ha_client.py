"""A thin synchronous client of Home Assistant's documented APIs: REST (`/api/...`, states and
services) and WebSocket (`/api/websocket`: the area, floor, device and entity registries, and a
long-lived subscription to events).

Every failure is a `HomeBackendError` in plain words; the token is sent in headers only and never
appears in a message, a repr or a log line.
"""
from __future__ import annotations

import json
from contextlib import contextmanager
from typing import Any, Callable, Iterator, Protocol
from urllib.parse import urlsplit, urlunsplit

import requests
from websockets.exceptions import InvalidStatus, WebSocketException
from websockets.sync.client import connect

from assistant.experts.smart_home.backend import HomeBackendError

REGISTRIES = ("config/floor_registry/list", "config/area_registry/list",
              "config/device_registry/list", "config/entity_registry/list", "get_states")
POLL_S = 1.0  # how often a listening session checks whether it should stop
HINT_TOKEN = "check [home] token in config.toml or ASSISTANT_HA_TOKEN (a long-lived access token)"


class Transport(Protocol):
    """What the backend needs from Home Assistant (the real client, or recorded responses)."""

    def rest(self, method: str, path: str, body: dict[str, Any] | None = None) -> Any: ...

    def ws(self, commands: list[dict[str, Any]]) -> list[Any]: ...


class NotFound(HomeBackendError):
    """Home Assistant answered 404: the entity or service does not exist."""


class TokenRefused(HomeBackendError):
    """Home Assistant refused the access token."""


class HomeAssistantClient:
    """REST and WebSocket calls to one Home Assistant; one short WebSocket session per batch."""

    def __init__(self, url: str, token: str | None, timeout: float = 5.0) -> None:
        self.url = url.rstrip("/")
        self._token = token
        self.timeout = timeout

    def __repr__(self) -> str:  # never the token
        return f"HomeAssistantClient({self.url!r})"

    def _need_token(self) -> str:
        if not self._token:
            raise HomeBackendError(f"No Home Assistant token: {HINT_TOKEN}.")
        return self._token

    def rest(self, method: str, path: str, body: dict[str, Any] | None = None) -> Any:
        headers = {"Authorization": f"Bearer {self._need_token()}", "Content-Type": "application/json"}
        try:
            response = requests.request(method, f"{self.url}{path}", headers=headers, json=body,
                                        timeout=self.timeout)
        except requests.Timeout:
            raise HomeBackendError(f"Home Assistant at {self.url} did not answer in {self.timeout:g} s.") from None
        except requests.RequestException:
            raise HomeBackendError(f"Home Assistant at {self.url} cannot be reached.") from None
        if response.status_code == 401:
            raise TokenRefused(f"Home Assistant at {self.url} refused the token: {HINT_TOKEN}.")
        if response.status_code == 404:
            raise NotFound(f"Home Assistant has no {path.removeprefix('/api/')}.")
        if response.status_code >= 400:
            raise HomeBackendError(f"Home Assistant answered {response.status_code} to {method} "
                                   f"{path}: {response.text[:200].strip()}")
        try:
            return response.json() if response.content else None
        except ValueError:
            raise HomeBackendError(f"{self.url} answered {path} with something that is not Home Assistant's JSON.") from None

    def ws(self, commands: list[dict[str, Any]]) -> list[Any]:
        """Send each command (without `id`) in one authenticated session; their results in order."""
        with self._session() as socket:
            results = []
            for number, command in enumerate(commands, start=1):
                socket.send(json.dumps({**command, "id": number}))
                results.append(_result_of(socket, number, command["type"], self.timeout))
            return results

    def listen(self, event_types: tuple[str, ...], on_event: Callable[[dict], None],
               on_subscribed: Callable[[], None], keep_going: Callable[[], bool]) -> None:
        """Subscribe to each of `event_types` (`subscribe_events`) in one session, call
        `on_subscribed()` once all are, then hand every event to `on_event` while `keep_going()`
        (asked at least every `POLL_S`). Ends with a HomeBackendError when the session does."""
        with self._session() as socket:
            for number, kind in enumerate(event_types, start=1):
                socket.send(json.dumps({"id": number, "type": "subscribe_events", "event_type": kind}))
                _result_of(socket, number, f"subscribe_events {kind}", self.timeout)
            on_subscribed()
            while keep_going():
                try:
                    message = json.loads(socket.recv(timeout=POLL_S))
                except TimeoutError:
                    continue
                if message.get("type") == "event" and isinstance(message.get("event"), dict):
                    on_event(message["event"])

    @contextmanager
    def _session(self) -> Iterator[Any]:
        """An authenticated WebSocket session; its failures are HomeBackendErrors in plain words."""
        token = self._need_token()
        try:
            with connect(_ws_url(self.url), open_timeout=self.timeout, close_timeout=1,
                         max_size=None) as socket:
                _authenticate(socket, token, self.url, self.timeout)
                yield socket
        except HomeBackendError:
            raise
        except (OSError, TimeoutError, InvalidStatus, WebSocketException):
            raise HomeBackendError(f"Home Assistant at {self.url} cannot be reached.") from None
        except ValueError:  # not JSON: something else answers at that address
            raise HomeBackendError(f"{self.url} does not answer as Home Assistant's WebSocket API.") from None


def _ws_url(url: str) -> str:
    parts = urlsplit(url)
    return urlunsplit(("wss" if parts.scheme == "https" else "ws", parts.netloc,
                       parts.path.rstrip("/") + "/api/websocket", "", ""))


def _authenticate(socket, token: str, url: str, timeout: float) -> None:
    json.loads(socket.recv(timeout=timeout))  # auth_required
    socket.send(json.dumps({"type": "auth", "access_token": token}))
    if json.loads(socket.recv(timeout=timeout)).get("type") != "auth_ok":
        raise TokenRefused(f"Home Assistant at {url} refused the token: {HINT_TOKEN}.")


def _result_of(socket, number: int, kind: str, timeout: float) -> Any:
    while True:  # skip anything that is not this command's answer
        message = json.loads(socket.recv(timeout=timeout))
        if message.get("id") == number and message.get("type") == "result":
            if not message.get("success"):
                error = message.get("error") or {}
                raise HomeBackendError(f"Home Assistant refused {kind}: {error.get('message', 'unknown error')}")
            return message.get("result")
