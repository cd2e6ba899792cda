"""Where a fired notification goes besides the inbox: the terminal, the desktop, a callback (speech)."""
from __future__ import annotations

import logging
import shutil
import subprocess
from dataclasses import dataclass
from datetime import datetime
from typing import Callable

from rich.console import Console

from assistant.display import SafeConsole, styled

log = logging.getLogger("assistant.scheduler")


@dataclass(frozen=True)
class Delivered:
    """A notification the scheduler has just written to the inbox."""
    notification_id: int
    text: str
    created: datetime  # when it fired (simulated time when simulating); the due time when late
    late: bool  # came due while no scheduler was running
    source: str  # 'reminder:3', 'timer:7', 'watch:1'


Deliver = Callable[[Delivered], None]


def terminal_delivery(console: Console | None = None) -> Deliver:
    """Print each notification with its time; its text is plain and safe (assistant/display.py)."""
    out = console or SafeConsole()

    def show(item: Delivered) -> None:
        late = (" (late)" if item.late else "", "yellow")
        out.print(styled((f"\U0001f514 {item.created:%Y-%m-%d %H:%M}", "bold magenta"), " ", item.text, late),
                  soft_wrap=True)
    return show


def desktop_delivery() -> Deliver | None:
    """A desktop notification through `notify-send`, when it is on PATH."""
    command = shutil.which("notify-send")
    if command is None:
        return None

    def send(item: Delivered) -> None:
        subprocess.run([command, "Assistant", item.text], timeout=5, check=False,
                       stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    return send


def fan_out(*deliverers: Deliver | None) -> Deliver:
    """One deliverer calling each given one; a failing one is logged and does not stop the others."""
    chosen = [d for d in deliverers if d is not None]

    def deliver(item: Delivered) -> None:
        for target in chosen:
            try:
                target(item)
            except Exception:  # noqa: BLE001 - a broken output must not stop the scheduler
                log.exception("delivering notification %s failed", item.notification_id)
    return deliver
