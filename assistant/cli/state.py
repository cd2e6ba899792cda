"""Read-only views of the assistant's state: devices, reminders, timers, lists, notifications, memory."""
from __future__ import annotations

import typer

from assistant.clock import Clock
from assistant.cli.common import console, friendly, open_db, print_json, print_table

JSON = typer.Option(False, "--json", help="Print machine-readable JSON.")


def _noun_app(help_text: str) -> typer.Typer:
    return typer.Typer(help=help_text, invoke_without_command=True, no_args_is_help=False)


devices_app = _noun_app("The devices of the home and their states.")


@devices_app.callback()
@friendly
def devices(ctx: typer.Context, as_json: bool = JSON) -> None:
    if ctx.invoked_subcommand:
        return
    from assistant.experts.smart_home import list_devices

    rows = list_devices(open_db())
    if as_json:
        return print_json(rows)
    print_table("Devices", ["id", "name", "area", "state", "attributes"],
           [[d["id"], d["name"], d["area"], d["state"], d["attributes"] or ""] for d in rows])


reminders_app = _noun_app("Active reminders.")


@reminders_app.callback()
@friendly
def reminders(ctx: typer.Context, as_json: bool = JSON) -> None:
    if ctx.invoked_subcommand:
        return
    from assistant.experts.reminders import list_reminders

    rows = list_reminders(open_db())
    if as_json:
        return print_json(rows)
    print_table("Reminders", ["id", "due", "text", "recurrence"],
           [[r["id"], r["due"], r["text"], r["recurrence"]] for r in rows])


timers_app = _noun_app("Running and paused timers and alarms.")


@timers_app.callback()
@friendly
def timers(ctx: typer.Context, as_json: bool = JSON) -> None:
    if ctx.invoked_subcommand:
        return
    from assistant.experts.timers import list_timers

    rows = list_timers(open_db(), Clock.from_env().now())
    if as_json:
        return print_json(rows)
    print_table("Timers", ["id", "name", "duration_s", "remaining_s", "state"],
           [[t["id"], t["name"], t["duration_s"], t["remaining_s"], t["state"]] for t in rows])


lists_app = _noun_app("Shopping and to-do lists.")


@lists_app.callback()
@friendly
def lists(ctx: typer.Context, as_json: bool = JSON) -> None:
    if ctx.invoked_subcommand:
        return
    from assistant.experts.lists import all_lists

    data = all_lists(open_db())
    if as_json:
        return print_json(data)
    for name, items in data.items():
        print_table(f"{name} list", ["item", "done"], [[i["item"], "✓" if i["done"] else ""] for i in items])


notifications_app = _noun_app("The notification inbox.")


@notifications_app.callback()
@friendly
def notifications(ctx: typer.Context, as_json: bool = JSON) -> None:
    if ctx.invoked_subcommand:
        return
    from assistant.experts.notifications import list_notifications

    rows = list_notifications(open_db())
    if as_json:
        return print_json(rows)
    print_table("Notifications", ["id", "created", "text", "read"],
           [[n["id"], n["created"], n["text"], "yes" if n["read"] else "no"] for n in rows])


memory_app = _noun_app("Facts you asked the assistant to remember.")


@memory_app.callback()
@friendly
def memory(ctx: typer.Context, as_json: bool = JSON) -> None:
    if ctx.invoked_subcommand:
        return
    from assistant.experts.memory import list_facts

    rows = list_facts(open_db())
    if as_json:
        return print_json(rows)
    print_table("Memory", ["id", "subject", "fact", "updated"],
           [[f["id"], f["subject"], f["text"], f["updated"]] for f in rows])


@memory_app.command("forget")
@friendly
def memory_forget(fact_id: int) -> None:
    """Delete one remembered fact by id."""
    from assistant.experts.memory import delete_fact

    delete_fact(open_db(), fact_id)
    console.print(f"Forgot fact {fact_id}.")
