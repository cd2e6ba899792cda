"""`assistant home`: load a home file (Home Assistant fixture layout) or show the loaded one."""
from __future__ import annotations

from pathlib import Path

import typer

from assistant.cli.common import console, friendly, open_db, service
from assistant.display import styled

app = typer.Typer(help="The home: floors, areas and devices.", no_args_is_help=True)


@app.command("load")
@friendly
def load(path: Path = typer.Argument(..., help="A home YAML file")) -> None:
    """Replace the home with the one in PATH (checked first: nothing changes if it is invalid)."""
    spec = service("load_home_file")(path)
    db = open_db()
    service("load_home")(db, spec)
    console.print(f"Loaded {len(spec.entities)} devices in {len(spec.areas)} areas from {path}.")
    if service("home_backend")(db).name != "sqlite":
        console.print("Note: [home] backend is home_assistant in config.toml: requests act on Home "
                      "Assistant, not on this simulated home.")


@app.command("show")
@friendly
def show() -> None:
    """Print the loaded home's areas and devices."""
    by_area: dict[str, list[str]] = {}
    for device in service("list_devices")(open_db()):
        by_area.setdefault(device["area"] or "-", []).append(f"{device['name']} ({device['state']})")
    for area, names in by_area.items():
        console.print(styled((area, "bold"), ": " + ", ".join(names)))
