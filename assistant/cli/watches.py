"""`assistant watches pause|resume|delete`: manage conditional alerts (the listing is the watches expert's view)."""
from __future__ import annotations

import typer

from assistant.clock import Clock
from assistant.cli.common import console, friendly, open_db, print_error, service, storable_id

def add_commands(app: typer.Typer) -> None:
    """`assistant watches pause|resume|delete ID`, beside the listing."""
    app.command("pause")(pause)
    app.command("resume")(resume)
    app.command("delete")(delete)


def _set_active(watch_id: int, active: bool) -> None:
    problem = (service("set_watch_active")(open_db(), watch_id, active, Clock.from_env().now())
               if storable_id(watch_id) else f"There is no watch {watch_id}.")
    if problem:
        print_error(problem)
        raise typer.Exit(1)
    console.print(f"{'Resumed' if active else 'Paused'} watch {watch_id}.")


@friendly
def pause(watch_id: int = typer.Argument(..., metavar="ID")) -> None:
    """Pause a watch by id."""
    _set_active(watch_id, False)


@friendly
def resume(watch_id: int = typer.Argument(..., metavar="ID")) -> None:
    """Resume a paused watch by id."""
    _set_active(watch_id, True)


@friendly
def delete(watch_id: int = typer.Argument(..., metavar="ID")) -> None:
    """Delete a watch by id."""
    if not (storable_id(watch_id) and service("delete_watch")(open_db(), watch_id)):
        print_error(f"There is no watch {watch_id}.")
        raise typer.Exit(1)
    console.print(f"Deleted watch {watch_id}.")
