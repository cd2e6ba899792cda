"""`assistant watches`: list, pause, resume and delete conditional alerts."""
from __future__ import annotations

import typer

from assistant.clock import Clock
from assistant.cli.common import console, err_console, friendly, open_db, print_json, print_table

app = typer.Typer(help="Conditional alerts ('tell me if Daisy isn't fed by noon').", invoke_without_command=True,
                  no_args_is_help=False)


@app.callback()
@friendly
def watches(ctx: typer.Context, as_json: bool = typer.Option(False, "--json", help="Print machine-readable JSON.")) -> None:
    if ctx.invoked_subcommand:
        return
    from assistant.experts.watches import list_watches

    rows = list_watches(open_db())
    if as_json:
        return print_json(rows)
    print_table("Watches", ["id", "description", "recurrence", "message", "active"],
                [[r["id"], r["description"], r["recurrence"], r["message"], "yes" if r["active"] else "no"]
                 for r in rows])


def _set_active(watch_id: int, active: bool) -> None:
    from assistant.experts.watches import set_active

    problem = set_active(open_db(), watch_id, active, Clock.from_env().now())
    if problem:
        err_console.print(f"[red]error:[/red] {problem}", highlight=False)
        raise typer.Exit(1)
    console.print(f"{'Resumed' if active else 'Paused'} watch {watch_id}.")


@app.command("pause")
@friendly
def pause(watch_id: int = typer.Argument(..., metavar="ID")) -> None:
    """Pause a watch by id."""
    _set_active(watch_id, False)


@app.command("resume")
@friendly
def resume(watch_id: int = typer.Argument(..., metavar="ID")) -> None:
    """Resume a paused watch by id."""
    _set_active(watch_id, True)


@app.command("delete")
@friendly
def delete(watch_id: int = typer.Argument(..., metavar="ID")) -> None:
    """Delete a watch by id."""
    from assistant.experts.watches import delete_watch

    if not delete_watch(open_db(), watch_id):
        err_console.print(f"[red]error:[/red] There is no watch {watch_id}.", highlight=False)
        raise typer.Exit(1)
    console.print(f"Deleted watch {watch_id}.")
