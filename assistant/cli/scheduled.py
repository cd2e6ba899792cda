"""`assistant scheduled [--json]`: calls put off until later ("turn off the tv in half an hour"),
and `assistant scheduled cancel ID`. The core's own view (assistant/storage/scheduled.py)."""
from __future__ import annotations

import typer

from assistant.clock import Clock
from assistant.cli.common import console, friendly, open_db, print_error, storable_id
from assistant.registry import View
from assistant.storage.scheduled import cancel_scheduled, list_scheduled

VIEW = View("scheduled", "Actions put off until later, waiting for their time.", list_scheduled,
            ("id", "due", "what"))


def add_commands(app: typer.Typer) -> None:
    """`assistant scheduled cancel ID`, beside the listing."""
    app.command("cancel")(cancel)


@friendly
def cancel(action_id: int = typer.Argument(..., metavar="ID")) -> None:
    """Cancel a scheduled action by id."""
    action = cancel_scheduled(open_db(), action_id, Clock.from_env().now()) if storable_id(action_id) else None
    if action is None:
        print_error(f"There is no waiting scheduled action {action_id}.")
        raise typer.Exit(1)
    console.print(f"Cancelled scheduled action {action_id}: {action.what}.")
