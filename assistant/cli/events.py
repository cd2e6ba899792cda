"""`assistant events`: list, add and ingest camera and sensor events."""
from __future__ import annotations

import json
import sys

import typer

from assistant.clock import Clock, parse_iso
from assistant.cli.common import console, err_console, friendly, open_db, print_json, print_table

app = typer.Typer(help="Camera and sensor events (what watches look at).", invoke_without_command=True,
                  no_args_is_help=False)


@app.callback()
@friendly
def events(ctx: typer.Context, as_json: bool = typer.Option(False, "--json", help="Print machine-readable JSON."),
           limit: int = typer.Option(100, help="Show at most this many, newest first.")) -> None:
    if ctx.invoked_subcommand:
        return
    from assistant.experts.events import query_events

    rows = query_events(open_db(), limit=limit)
    if as_json:
        return print_json(rows)
    print_table("Events", ["id", "at", "source", "label", "subject"],
                [[r["id"], r["at"], r["source"], r["label"], r["subject"]] for r in rows])


@app.command("add")
@friendly
def add(source: str = typer.Option(..., help="What saw it, e.g. kitchen-cam."),
        label: str = typer.Option(..., help="What was seen, e.g. 'dog eating'."),
        subject: str = typer.Option(None, help="Who or what it was about, e.g. Daisy."),
        at: str = typer.Option(None, metavar="ISO", help="When (local time); default now.")) -> None:
    """Record one event."""
    from assistant.experts.events import add_event

    when = parse_iso(at, "--at") if at else Clock.from_env().now()
    try:
        row = add_event(open_db(), source, label, subject, when)
    except ValueError as exc:
        raise typer.BadParameter(str(exc)) from None
    console.print(f"Added event {row['id']}: {row['source']} saw \u201c{row['label']}\u201d at {row['at']}.",
                  highlight=False)


@app.command("ingest")
@friendly
def ingest() -> None:
    """Read a stream of JSON lines on stdin ({source, label, subject?, at?}), storing each event as it
    arrives (default time: its arrival); bad lines are reported with their number and skipped."""
    from assistant.experts.events import add_event, event_from_json

    db, clock, added, bad = open_db(), Clock.from_env(), 0, 0
    for number, line in enumerate(iter(sys.stdin.readline, ""), start=1):
        if not line.strip():
            continue
        try:
            event = event_from_json(json.loads(line), clock.now())
        except ValueError as exc:
            bad += 1
            problem = f"not valid JSON ({exc.msg})" if isinstance(exc, json.JSONDecodeError) else str(exc)
            err_console.print(f"line {number}: {problem}", highlight=False)
            continue
        add_event(db, event["source"], event["label"], event["subject"], event["at"], event["data"])
        added += 1
    console.print(f"Added {added} event{'' if added == 1 else 's'}"
                  + (f"; skipped {bad} bad line{'' if bad == 1 else 's'}." if bad else "."), highlight=False)
    if bad:
        raise typer.Exit(1)
