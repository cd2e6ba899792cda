"""The simulated home in SQLite: floors, areas, devices (state + JSON attributes)."""
from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import sqlite_utils

from assistant.storage.db import Migration
from assistant.experts.smart_home.home_file import HomeSpec, load_home_file


@dataclass(frozen=True)
class Floor:
    id: str
    name: str
    level: int | None = None
    aliases: tuple[str, ...] = ()


@dataclass(frozen=True)
class Area:
    id: str
    name: str
    floor_id: str | None = None
    aliases: tuple[str, ...] = ()


@dataclass
class Device:
    id: str
    name: str
    area_id: str | None
    domain: str
    state: str
    attributes: dict[str, Any] = field(default_factory=dict)
    aliases: tuple[str, ...] = ()

    def as_dict(self) -> dict[str, Any]:
        return {"id": self.id, "name": self.name, "area": self.area_id, "state": self.state,
                "attributes": dict(self.attributes)}


@dataclass(frozen=True)
class Home:
    """A read-only snapshot of the whole home, what target resolution works on."""
    floors: list[Floor]
    areas: list[Area]
    devices: list[Device]

    def area(self, area_id: str | None) -> Area | None:
        return next((a for a in self.areas if a.id == area_id), None)

    def floor_id_of(self, area_id: str | None) -> str | None:
        area = self.area(area_id)
        return area.floor_id if area else None


def _migrate_v1(db: sqlite_utils.Database) -> None:
    db.execute("CREATE TABLE floors (id TEXT PRIMARY KEY, name TEXT NOT NULL, level INTEGER, "
               "aliases TEXT NOT NULL DEFAULT '[]')")
    db.execute("CREATE TABLE areas (id TEXT PRIMARY KEY, name TEXT NOT NULL, floor_id TEXT, "
               "aliases TEXT NOT NULL DEFAULT '[]')")
    db.execute("CREATE TABLE devices (id TEXT PRIMARY KEY, name TEXT NOT NULL, area_id TEXT, "
               "domain TEXT NOT NULL, state TEXT NOT NULL, attributes TEXT NOT NULL DEFAULT '{}', "
               "aliases TEXT NOT NULL DEFAULT '[]')")
    db.execute("CREATE TABLE home_source (id INTEGER PRIMARY KEY CHECK (id = 1), source TEXT)")


MIGRATIONS = [Migration("smart_home", 1, _migrate_v1)]


def load_home(db: sqlite_utils.Database, spec: HomeSpec, source: str | None = None) -> None:
    """Replace the whole home with `spec`, in one transaction."""
    with db.conn:
        db.execute("BEGIN IMMEDIATE")
        _replace_home(db, spec, source)


def _replace_home(db: sqlite_utils.Database, spec: HomeSpec, source: str | None) -> None:
    for table in ("devices", "areas", "floors", "home_source"):
            db.execute(f"DELETE FROM {table}")
    for f in spec.floors:
        db.execute("INSERT INTO floors VALUES (?, ?, ?, ?)",
                   [f.id, f.name, f.level, json.dumps(f.aliases)])
    for a in spec.areas:
        db.execute("INSERT INTO areas VALUES (?, ?, ?, ?)",
                   [a.id, a.name, a.floor, json.dumps(a.aliases)])
    for e in spec.entities:
        db.execute("INSERT INTO devices VALUES (?, ?, ?, ?, ?, ?, ?)",
                   [e.id, e.name, e.area, e.domain, e.state, json.dumps(e.attributes),
                    json.dumps(e.aliases)])
    db.execute("INSERT INTO home_source VALUES (1, ?)", [source])


def ensure_home(db: sqlite_utils.Database, default_path: Path | str) -> bool:
    """Load the home file at `default_path` unless a home is already loaded; True if it loaded."""
    if db.execute("SELECT 1 FROM home_source").fetchone():
        return False
    spec = load_home_file(default_path)
    with db.conn:
        db.execute("BEGIN IMMEDIATE")
        if db.execute("SELECT 1 FROM home_source").fetchone():  # another process loaded one meanwhile
            return False
        _replace_home(db, spec, str(default_path))
    return True


def home_source(db: sqlite_utils.Database) -> str | None:
    row = db.execute("SELECT source FROM home_source").fetchone()
    return row[0] if row else None


def read_home(db: sqlite_utils.Database) -> Home:
    floors = [Floor(r[0], r[1], r[2], tuple(json.loads(r[3])))
              for r in db.execute("SELECT id, name, level, aliases FROM floors ORDER BY rowid")]
    areas = [Area(r[0], r[1], r[2], tuple(json.loads(r[3])))
             for r in db.execute("SELECT id, name, floor_id, aliases FROM areas ORDER BY rowid")]
    return Home(floors, areas, read_devices(db))


def read_devices(db: sqlite_utils.Database, ids: list[str] | None = None) -> list[Device]:
    """Devices in file order (all of them, or those with `ids`)."""
    rows = db.execute("SELECT id, name, area_id, domain, state, attributes, aliases "
                      "FROM devices ORDER BY rowid").fetchall()
    devices = [Device(r[0], r[1], r[2], r[3], r[4], json.loads(r[5]), tuple(json.loads(r[6])))
               for r in rows]
    return devices if ids is None else [d for d in devices if d.id in set(ids)]


def write_states(db: sqlite_utils.Database, states: list[dict[str, Any]]) -> None:
    """Set `state` and `attributes` of each `{id, state, attributes}` in one transaction."""
    with db.conn:
        db.execute("BEGIN IMMEDIATE")
        for item in states:
            db.execute("UPDATE devices SET state = ?, attributes = ? WHERE id = ?",
                       [item["state"], json.dumps(item["attributes"]), item["id"]])


def list_devices(db: sqlite_utils.Database) -> list[dict[str, Any]]:
    """Every device as `{id, name, area (area id), state, attributes}`, in file order."""
    return [device.as_dict() for device in read_devices(db)]


@dataclass(frozen=True)
class HomeSummary:
    """Names only, for prompt context: floors, areas (with floor name), devices (domain, area name)."""
    floors: list[str]
    areas: list[dict[str, str | None]]
    devices: list[dict[str, str | None]]

    def as_dict(self) -> dict[str, Any]:
        return {"floors": self.floors, "areas": self.areas, "devices": self.devices}

    def prompt_text(self) -> str:
        """One line per area: `Kitchen (Ground Floor): Kitchen Ceiling Light [light], ...`."""
        lines = []
        for area in [*self.areas, {"name": None, "floor": None}]:
            names = [f"{d['name']} [{d['domain']}]" for d in self.devices if d["area"] == area["name"]]
            if names:
                label = area["name"] or "No area"
                label += f" ({area['floor']})" if area["floor"] else ""
                lines.append(f"{label}: {', '.join(names)}")
        return "\n".join(lines)


def home_summary(db: sqlite_utils.Database) -> HomeSummary:
    home = read_home(db)
    floor_names = {f.id: f.name for f in home.floors}
    area_names = {a.id: a.name for a in home.areas}
    return HomeSummary(
        floors=[f.name for f in home.floors],
        areas=[{"name": a.name, "floor": floor_names.get(a.floor_id)} for a in home.areas],
        devices=[{"name": d.name, "domain": d.domain, "area": area_names.get(d.area_id)}
                 for d in home.devices],
    )
