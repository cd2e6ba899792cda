"""`assistant doctor`: check what the assistant needs on this machine, one line each."""
from __future__ import annotations

import time

import typer
from rich.text import Text

from assistant.cli.common import console, friendly, print_json
from assistant.display import styled

MARKS = {"ok": ("✓", "green"), "warn": ("!", "yellow"), "fail": ("✗", "red")}


def render(check) -> Text:
    """One line; device names, paths and messages are plain text, never rich markup."""
    mark, colour = MARKS[check.status]
    return styled((f"{mark} ", colour), (f"{check.name:<30} ", "bold"), check.detail,
                  (f" → {check.fix}" if check.fix else "", colour))


@friendly
def doctor(as_json: bool = typer.Option(False, "--json", help="Print the checks as one JSON list."),
           timeout: float = typer.Option(180.0, help="Seconds allowed to each model-loading child process.")
           ) -> None:
    """Check Python, the model library, every configured model (a real decode in a child process),
    the prefix cache, the database and the voice parts. Non-zero exit when anything fails."""
    from assistant.doctor import run_checks

    started = time.perf_counter()
    checks = []
    for check in run_checks(timeout=timeout):
        checks.append(check)
        if not as_json:
            console.print(render(check), soft_wrap=True)
    failed = [c for c in checks if c.status == "fail"]
    if as_json:
        print_json([c.as_json() for c in checks])
    else:
        warned = sum(c.status == "warn" for c in checks)
        console.print(f"{len(checks)} checks: {len(failed)} failed, {warned} warnings "
                      f"({time.perf_counter() - started:.1f} s)")
    if failed:
        raise typer.Exit(1)
