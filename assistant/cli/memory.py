"""`assistant memory forget ID` (the listing is the memory expert's view)."""
from __future__ import annotations

import typer

from assistant.cli.common import console, friendly, open_db, service


def add_commands(app: typer.Typer) -> None:
    app.command("forget")(forget)


@friendly
def forget(fact_id: int) -> None:
    """Delete one remembered fact by id."""
    service("forget_fact")(open_db(), fact_id)
    console.print(f"Forgot fact {fact_id}.")
