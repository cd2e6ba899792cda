"""Read-only views of the assistant's state, one sub-app per expert view (`Expert.views`):
`assistant devices`, `assistant reminders --json`, ... Nouns with commands of their own (events,
watches, memory) add them to the app made here."""
from __future__ import annotations

from typing import Any

import typer

from assistant.clock import Clock
from assistant.cli.common import friendly, open_db, print_json, print_table
from assistant.registry import View

JSON = typer.Option(False, "--json", help="Print machine-readable JSON.")
LIMIT = typer.Option(None, min=0, help="Show at most this many (newest or first ones).")


def view_app(view: View) -> typer.Typer:
    """`assistant NOUN [--json] [--limit N]`: the view as tables, or its JSON shape."""
    app = typer.Typer(help=view.help, invoke_without_command=True, no_args_is_help=False)

    @app.callback()
    @friendly
    def show(ctx: typer.Context, as_json: bool = JSON, limit: int = LIMIT) -> None:
        if ctx.invoked_subcommand:
            return
        data = view.rows(open_db(), Clock.from_env().now())
        if limit is not None and isinstance(data, list):
            data = data[:limit]
        if as_json:
            return print_json(data)
        for title, columns, rows in tables(view, data):
            print_table(title, columns, rows)

    return app


def tables(view: View, data: Any) -> list[tuple[str, list[str], list[list]]]:
    if view.tables is not None:
        return view.tables(data)
    rows = [[_cell(row.get(column)) for column in view.columns] for row in data]
    return [(view.noun.capitalize(), list(view.columns), rows)]


def _cell(value: Any) -> Any:
    if isinstance(value, bool):
        return "yes" if value else "no"
    return value if value not in ({}, []) else ""
