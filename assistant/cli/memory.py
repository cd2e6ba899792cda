"""`assistant memory forget ID` (the listing is the memory expert's view)."""
from __future__ import annotations

import typer

from assistant.cli.common import console, friendly, open_db, print_error, service, storable_id


def add_commands(app: typer.Typer) -> None:
    app.command("forget")(forget)


@friendly
def forget(fact_id: int = typer.Argument(..., metavar="ID")) -> None:
    """Delete one remembered fact by id."""
    if not (storable_id(fact_id) and service("forget_fact")(open_db(), fact_id)):
        print_error(f"There is no fact {fact_id}.")
        raise typer.Exit(1)
    console.print(f"Forgot fact {fact_id}.")
