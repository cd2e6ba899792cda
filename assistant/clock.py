"""One source of time for the whole assistant.

`ASSISTANT_NOW=<ISO local time>` freezes the clock (tests, evaluation); the scheduler can
also move a clock forward in simulated time. All datetimes are naive local wall-clock times.
"""
from __future__ import annotations

import os
from datetime import datetime


class ClockError(ValueError):
    """The configured time could not be understood."""


class Clock:
    """Returns the current local time; frozen when constructed with `frozen_at`."""

    def __init__(self, frozen_at: datetime | None = None) -> None:
        self._frozen_at = frozen_at

    @classmethod
    def from_env(cls) -> "Clock":
        value = os.environ.get("ASSISTANT_NOW", "").strip()
        if not value:
            return cls()
        return cls(parse_iso(value, "ASSISTANT_NOW"))

    @property
    def frozen(self) -> bool:
        return self._frozen_at is not None

    def now(self) -> datetime:
        if self._frozen_at is not None:
            return self._frozen_at
        return datetime.now().replace(microsecond=0)

    def set(self, when: datetime) -> None:
        """Freeze (or move) the clock to `when` (used by evaluation and simulation)."""
        self._frozen_at = when


def parse_iso(value: str, what: str = "time") -> datetime:
    try:
        parsed = datetime.fromisoformat(value)
    except ValueError as exc:
        raise ClockError(f"{what}: {value!r} is not an ISO time like 2026-11-25T09:00:00") from exc
    if parsed.tzinfo is None:
        return parsed
    try:  # an offset is kept: the same instant in local wall-clock time
        return parsed.astimezone().replace(tzinfo=None)
    except (OverflowError, ValueError) as exc:
        raise ClockError(f"{what}: {value!r} is out of range") from exc
