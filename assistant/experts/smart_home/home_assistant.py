"""The smart-home backend on a real Home Assistant: the home read from its registries and states,
the planned states made so by its services, each read back after the call.

The registries (floors, areas, devices, entities with their aliases) are re-read after Home
Assistant's registry event says they changed (`ha_events.RegistryWatch`, a long-lived WebSocket
subscription), or at once when an entity turns out to be gone, so entities added, renamed or
removed in Home Assistant are seen without a restart. While no subscription stands (it failed, or
the connection dropped), they are re-read when older than `registry_ttl` seconds; with one, after
`LIVE_REGISTRY_TTL` at the latest. States are read fresh for every request
(kept for `STATE_TTL` within one). A write checks every entity first and changes nothing if one is
gone or a state cannot be reached by a service; a call that fails midway puts back those before it.
"""
from __future__ import annotations

import time
from typing import TYPE_CHECKING, Any, Callable

from assistant.experts.smart_home import ha_import, ha_services
from assistant.experts.smart_home.backend import HomeBackendError
from assistant.experts.smart_home.ha_client import REGISTRIES, NotFound, Transport
from assistant.experts.smart_home.store import Device, Home

if TYPE_CHECKING:
    from assistant.experts.smart_home.ha_events import RegistryWatch

STATE_TTL = 1.0  # seconds: one request reads the home several times (resolve, confirm, act)
LIVE_REGISTRY_TTL = 600.0  # seconds: a safety net while registry events arrive
READ_BACK_S = 3.0  # how long a state may take to show a call's effect (template entities follow helpers)


class HomeAssistantHome:
    name = "home_assistant"

    def __init__(self, transport: Transport, registry_ttl: float = 10.0, alarm_code: str | None = None,
                 clock: Callable[[], float] = time.monotonic) -> None:
        self.transport, self.registry_ttl, self.clock = transport, registry_ttl, clock
        self._alarm_code = alarm_code
        self._registries: tuple[list, list, list, list] | None = None
        self._registries_at = float("-inf")
        self._registries_changed = False  # set by a registry event (from the watch's thread)
        self.watch: RegistryWatch | None = None  # set by connect_home, started by the first read
        self._states: list[dict] | None = None
        self._states_at = float("-inf")

    # ------------------------------------------------------------------ reading
    def refresh(self) -> None:
        """Forget what was read: the next read asks Home Assistant again."""
        self._registries, self._states = None, None

    def registries_changed(self) -> None:
        """Home Assistant says a registry changed: the next read asks for them again."""
        self._registries_changed = True

    def close(self) -> None:
        if self.watch is not None:
            self.watch.stop()

    def read_home(self) -> Home:
        floors, areas, devices, entities = self._current_registries()
        return ha_import.build_home(floors, areas, devices, entities, self._current_states())

    def read_devices(self, ids: list[str] | None = None) -> list[Device]:
        devices = self.read_home().devices
        return devices if ids is None else [d for d in devices if d.id in set(ids)]

    def _current_registries(self) -> tuple[list, list, list, list]:
        if self.watch is not None:
            self.watch.start()
        if self._registries is None or self._registries_changed or self.clock() - self._registries_at > self._ttl():
            self._registries_changed = False  # before reading: an event during the read counts
            try:
                floors, areas, devices, entities, states = self.transport.ws([{"type": kind} for kind in REGISTRIES])
                entities = self._with_aliases(entities)
            except HomeBackendError:
                self._registries_changed = True  # still to be read
                raise
            self._registries = (floors, areas, devices, entities)
            self._registries_at = self.clock()
            self._states, self._states_at = states, self.clock()
        return self._registries

    def _ttl(self) -> float:
        """How long the registries read are trusted: `registry_ttl`, longer while events arrive."""
        if self.watch is not None and self.watch.live and self.registry_ttl > 0:
            return max(self.registry_ttl, LIVE_REGISTRY_TTL)
        return self.registry_ttl

    def _with_aliases(self, entities: list[dict]) -> list[dict]:
        """The entries in full (the list leaves out aliases), for the entities the expert can use."""
        wanted = [e["entity_id"] for e in entities if ha_import.ha_domain(e["entity_id"]) in ha_import.KINDS]
        if not wanted:
            return entities
        full = self.transport.ws([{"type": "config/entity_registry/get_entries", "entity_ids": wanted}])[0]
        return [full.get(e["entity_id"]) or e for e in entities]

    def _current_states(self) -> list[dict]:
        if self._states is None or self.clock() - self._states_at > STATE_TTL:
            self._states, self._states_at = self.transport.rest("GET", "/api/states"), self.clock()
        return self._states

    def _fresh(self, entity_id: str) -> Device:
        """The entity as it is now, placed and aliased by the registries; gone: nothing changes."""
        known = {d.id: d for d in self.read_home().devices}
        try:
            state = self.transport.rest("GET", f"/api/states/{entity_id}")
        except NotFound:
            self.refresh()
            name = known[entity_id].name if entity_id in known else entity_id
            raise HomeBackendError(f"{name} ({entity_id}) is no longer in Home Assistant; "
                                   "nothing was changed.") from None
        before = known.get(entity_id)
        return ha_import.device(state, before.area_id if before else None, before.aliases if before else ())

    def status(self) -> str:
        version = (self.transport.rest("GET", "/api/config") or {}).get("version", "?")
        found = self.read_home()
        return (f"Home Assistant {version} at {getattr(self.transport, 'url', '?')}: {len(found.floors)} floors, "
                f"{len(found.areas)} areas, {len(found.devices)} devices")

    # ------------------------------------------------------------------ writing
    def write_states(self, states: list[dict[str, Any]]) -> None:
        """Make every `{id, state, attributes}` so through services, or change nothing."""
        plans = []
        for item in states:
            device = self._fresh(item["id"])
            try:
                plans.append((device, item, ha_services.calls(device, item["state"], item["attributes"])))
            except ha_services.CannotPlan as exc:
                raise HomeBackendError(f"{exc}; nothing was changed.") from None
        done: list[tuple[Device, dict]] = []
        try:
            for device, item, planned in plans:
                for call in planned:
                    self._call(device.id, call)
                done.append((device, item))
        except HomeBackendError as exc:
            undone = self._put_back([d for d, _ in done] + [device])
            raise HomeBackendError(f"{exc} {'Nothing was changed.' if undone else 'Some devices may have changed.'}") from None
        finally:
            self._states = None
        self._read_back([(d, item) for d, item, planned in plans if planned])

    def _call(self, entity_id: str, call: ha_services.ServiceCall) -> None:
        body = call.body(entity_id)
        if call.domain == "alarm_control_panel" and self._alarm_code:
            body["code"] = self._alarm_code
        self.transport.rest("POST", f"/api/services/{call.domain}/{call.service}", body)

    def _put_back(self, devices: list[Device]) -> bool:
        """Restore each device's state as read before the write; whether that worked."""
        try:
            for before in devices:
                now = self._fresh(before.id)
                for call in ha_services.calls(now, before.state, dict(before.attributes)):
                    self._call(before.id, call)
        except (HomeBackendError, ha_services.CannotPlan):
            return False
        return True

    def _read_back(self, written: list[tuple[Device, dict]]) -> None:
        """Wait (briefly) until each entity shows its planned state, or another than before (a
        media player turned on may say "on" or "playing"): entities that follow others (a template
        light following its switch) change a moment after the service returns."""
        deadline = time.monotonic() + READ_BACK_S
        pending = {item["id"]: device.state for device, item in written if item["state"] != device.state}
        while pending and time.monotonic() < deadline:
            self._states = None
            current = {d.id: d.state for d in self.read_devices(list(pending))}
            pending = {i: before for i, before in pending.items() if current.get(i) == before}
            if pending:
                time.sleep(0.05)
        self._states = None


def connect_home(url: str, token: str | None, timeout: float = 5.0, registry_ttl: float = 10.0,
                 alarm_code: str | None = None) -> HomeAssistantHome:
    from assistant.experts.smart_home.ha_client import HomeAssistantClient
    from assistant.experts.smart_home.ha_events import RegistryWatch

    client = HomeAssistantClient(url, token, timeout)
    home = HomeAssistantHome(client, registry_ttl, alarm_code)
    home.watch = RegistryWatch(client, home.registries_changed)
    return home
