"""Home Assistant's registry events, watched over one long-lived WebSocket session: an entity,
device, area or floor added, renamed or removed tells the backend its registries are stale, so the
next request reads them again.

`RegistryWatch` runs a daemon thread that subscribes to the `*_registry_updated` events and calls
`changed()` on each, and when a subscription starts or ends (events may have been missed). `live`
is true while the subscription stands; while it cannot be made, the backend falls back to its
time-to-live, and the thread tries again after a pause (never after a refused token). The
thread ends with `stop()`, or once the backend it serves is gone.
"""
from __future__ import annotations

import threading
import weakref
from typing import Callable

from assistant.experts.smart_home.backend import HomeBackendError
from assistant.experts.smart_home.ha_client import HomeAssistantClient, TokenRefused

REGISTRY_EVENTS = ("entity_registry_updated", "device_registry_updated", "area_registry_updated",
                   "floor_registry_updated")
RETRY_S = (1.0, 2.0, 5.0, 10.0, 30.0)  # pauses before reconnecting, the last one repeated


class RegistryWatch:
    def __init__(self, client: HomeAssistantClient, changed: Callable[[], None],
                 retry_s: tuple[float, ...] = RETRY_S) -> None:
        self.client, self.retry_s = client, retry_s
        # a bound method is held weakly: the watch never keeps its backend alive
        self._changed = weakref.WeakMethod(changed) if hasattr(changed, "__self__") else lambda: changed
        self.live = False
        self.events = 0  # registry events seen
        self._stopped = threading.Event()
        self._thread: threading.Thread | None = None

    def start(self) -> None:
        """Start watching (once; later calls do nothing)."""
        if self._thread is None:
            self._thread = threading.Thread(target=self._run, name="home-assistant-registry-events", daemon=True)
            self._thread.start()

    def stop(self) -> None:
        self._stopped.set()

    def _run(self) -> None:
        failures = 0
        while self._keep_going():
            try:
                self.client.listen(REGISTRY_EVENTS, self._on_event, self._on_subscribed, self._keep_going)
                failures = 0  # a session that stood ended: reconnect soon
            except TokenRefused:
                self._lost()
                return
            except HomeBackendError:
                failures += 1
            self._lost()
            self._stopped.wait(self.retry_s[min(failures, len(self.retry_s) - 1)])

    def _keep_going(self) -> bool:
        return not self._stopped.is_set() and self._changed() is not None

    def _on_subscribed(self) -> None:
        self.live = True
        self._notify()  # whatever changed before the subscription stood

    def _on_event(self, event: dict) -> None:
        self.events += 1
        self._notify()

    def _lost(self) -> None:
        if self.live:  # events may be missed from now on (a failed retry changes nothing)
            self.live = False
            self._notify()

    def _notify(self) -> None:
        changed = self._changed()
        if changed is not None:
            changed()
