"""The home the smart-home expert acts on, behind one interface: the devices, areas and floors it
reads, and the states it writes (an action, or an undo putting back the states read before).

`SqliteHome` (the simulated home, the default) and `HomeAssistantHome` (`home_assistant.py`)
implement it. The APIs compute every new state themselves (`changes.py`); a backend only reads
and writes, so resolution, speculation, undo and confirmation are the same on both.
"""
from __future__ import annotations

import weakref
from typing import Any, Protocol

import sqlite_utils

from assistant.registry import ExpertInputError
from assistant.experts.smart_home import store
from assistant.experts.smart_home.store import Device, Home


class HomeBackendError(ExpertInputError):
    """The home cannot be read or changed (unreachable, refused, a device gone); nothing was changed."""


class HomeBackend(Protocol):
    name: str

    def read_home(self) -> Home:
        """Floors, areas and devices with their current states."""

    def read_devices(self, ids: list[str] | None = None) -> list[Device]:
        """The devices (all, or those with `ids`), states read now."""

    def write_states(self, states: list[dict[str, Any]]) -> None:
        """Make each `{id, state, attributes}` so, all or nothing; raises HomeBackendError."""

    def status(self) -> str:
        """One line on what the home is and what it holds (reaching it, for a remote one)."""


class SqliteHome:
    """The simulated home in the assistant's own database."""

    name = "sqlite"

    def __init__(self, db: sqlite_utils.Database) -> None:
        self.db = db

    def read_home(self) -> Home:
        return store.read_home(self.db)

    def read_devices(self, ids: list[str] | None = None) -> list[Device]:
        return store.read_devices(self.db, ids)

    def write_states(self, states: list[dict[str, Any]]) -> None:
        store.write_states(self.db, states)

    def status(self) -> str:
        found = self.read_home()
        return f"the simulated home: {len(found.areas)} areas, {len(found.devices)} devices"


_ATTACHED: weakref.WeakKeyDictionary[sqlite_utils.Database, HomeBackend] = weakref.WeakKeyDictionary()


def attach(db: sqlite_utils.Database, backend: HomeBackend | None) -> None:
    """Make `backend` the home of everything using `db` (None: back to the simulated home)."""
    if backend is None:
        _ATTACHED.pop(db, None)
    else:
        _ATTACHED[db] = backend


def backend_for(db: sqlite_utils.Database) -> HomeBackend:
    return _ATTACHED.get(db) or SqliteHome(db)


def read_home(db: sqlite_utils.Database) -> Home:
    return backend_for(db).read_home()


def read_devices(db: sqlite_utils.Database, ids: list[str] | None = None) -> list[Device]:
    return backend_for(db).read_devices(ids)


def write_states(db: sqlite_utils.Database, states: list[dict[str, Any]]) -> None:
    backend_for(db).write_states(states)


def home_status(db: sqlite_utils.Database) -> str:
    """The expert's service for `assistant doctor`: what the home is; raises HomeBackendError."""
    return backend_for(db).status()


def list_devices(db: sqlite_utils.Database) -> list[dict[str, Any]]:
    """Every device as `{id, name, area (area id), state, attributes}`, in the home's order."""
    return [device.as_dict() for device in read_devices(db)]


def attach_home(db: sqlite_utils.Database, backend: str = "sqlite", *, url: str = "", token: str | None = None,
                timeout: float = 5.0, registry_ttl: float = 10.0, alarm_code: str | None = None) -> HomeBackend:
    """The expert's service: act on `backend` ("sqlite" or "home_assistant") for everything using `db`."""
    if backend == "sqlite":
        attach(db, None)
        return SqliteHome(db)
    from assistant.experts.smart_home.home_assistant import connect_home
    home = connect_home(url, token, timeout, registry_ttl, alarm_code)
    attach(db, home)
    return home
