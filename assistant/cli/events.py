"""`assistant events add` and `ingest`: record camera and sensor events (the listing is the events expert's view)."""
from __future__ import annotations

import sys

import typer

from assistant import safe_input
from assistant.clock import Clock, parse_iso
from assistant.cli.common import console, err_console, friendly, open_db, service


def add_commands(app: typer.Typer) -> None:
    """`assistant events add` and `assistant events ingest`, beside the listing."""
    app.command("add")(add)
    app.command("ingest")(ingest)


@friendly
def add(source: str = typer.Option(..., help="What saw it, e.g. kitchen-cam."),
        label: str = typer.Option(..., help="What was seen, e.g. 'dog eating'."),
        subject: str = typer.Option(None, help="Who or what it was about, e.g. Daisy."),
        at: str = typer.Option(None, metavar="ISO", help="When (local time); default now.")) -> None:
    """Record one event."""
    when = parse_iso(at, "--at") if at else Clock.from_env().now()
    try:
        for text in (source, label, subject or ""):
            safe_input.check_text(text)
        row = service("add_event")(open_db(), source, label, subject, when)
    except ValueError as exc:
        raise typer.BadParameter(str(exc)) from None
    console.print(f"Added event {row['id']}: {row['source']} saw \u201c{row['label']}\u201d at {row['at']}.")


@friendly
def ingest() -> None:
    """Read a stream of JSON lines on stdin ({source, label, subject?, at?}), storing each event as it
    arrives (default time: its arrival); bad lines (not UTF-8, too long, not JSON, not an event) are
    reported with their number and skipped."""
    add_event, event_from_json = service("add_event"), service("event_from_json")
    db, clock, added, bad = open_db(), Clock.from_env(), 0, 0
    for number, line in safe_input.lines(sys.stdin.buffer):
        if isinstance(line, str) and not line.strip():
            continue
        try:
            if isinstance(line, safe_input.InputError):
                raise line
            event = event_from_json(safe_input.parse_json(line), clock.now())
            add_event(db, event["source"], event["label"], event["subject"], event["at"], event["data"])
        except ValueError as exc:  # InputError, and the events expert's own checks
            bad += 1
            err_console.print(f"line {number}: {exc}")
            continue
        added += 1
    console.print(f"Added {added} event{'' if added == 1 else 's'}"
                  + (f"; skipped {bad} bad line{'' if bad == 1 else 's'}." if bad else "."))
    if bad:
        raise typer.Exit(1)
