"""One lock around every model call: the hub serves many clients on one loaded model (and two
cores), so a model call waits for the one before it, while parsing, auth and listings do not."""
from __future__ import annotations

import functools
import threading
from typing import Any


class Guarded:
    """`target` with each of its methods called while holding `lock` (a re-entrant one: a guarded
    router's `decide` calls its guarded model)."""

    def __init__(self, target: Any, lock: threading.RLock) -> None:
        self._target, self._lock = target, lock

    def __getattr__(self, name: str) -> Any:
        value = getattr(self._target, name)
        if not callable(value):
            return value

        @functools.wraps(value)
        def locked(*args: Any, **kwargs: Any) -> Any:
            with self._lock:
                return value(*args, **kwargs)

        return locked


class GuardedRoles:
    """Model roles handing out guarded backends (the router's confirmer and the chat model)."""

    def __init__(self, roles: Any, lock: threading.RLock) -> None:
        self._roles, self._lock = roles, lock
        self._handed: dict[str, Guarded] = {}

    def __getattr__(self, name: str) -> Any:  # settings, manifest, loaded, describe
        return getattr(self._roles, name)

    def get(self, role: str) -> Guarded:
        with self._lock:
            if role not in self._handed:
                self._handed[role] = Guarded(self._roles.get(role), self._lock)
            return self._handed[role]
