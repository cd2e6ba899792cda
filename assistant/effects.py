"""What a call would do, found without doing it: calls are run on copies of the database (one
SQLite backup in memory) and the states they leave are compared. Two calls have the same outcome
when, from the same state, they change the same rows the same way ("turn on the lamp at 40" and
"set the lamp's brightness to 40": the lamp is on at 40 either way).

Only for state kept in the database itself: a remote home (Home Assistant) cannot be copied, so
the caller makes no trial there.
"""
from __future__ import annotations

import json
import sqlite3
from dataclasses import replace
from typing import Any, Callable

import sqlite_utils

from assistant.clock import Clock
from assistant.context import ExpertContext

# the assistant's records of what was said and done, not the state a call acts on
RECORDS = frozenset({"action_log", "speculations", "conversation_turns", "pending_actions", "_migrations"})
RECORD_PREFIXES = ("knowledge_", "sqlite_")  # the knowledge base (large, never a call's target), SQLite's own

Run = Callable[[ExpertContext], bool]  # a call on a context; whether it worked
State = dict[str, frozenset[str]]


def trial_copy(db: sqlite_utils.Database) -> sqlite_utils.Database:
    """A private in-memory copy of `db` to try calls on."""
    conn = sqlite3.connect(":memory:", isolation_level=None, check_same_thread=False)
    db.conn.backup(conn)
    return sqlite_utils.Database(conn)


def state(db: sqlite_utils.Database) -> State:
    """Every row of every table a call may act on, as comparable text (JSON held in a column read
    as values, so the order of its keys does not count; 40.0 is 40)."""
    tables = [t for t in db.table_names() if t not in RECORDS and not t.startswith(RECORD_PREFIXES)]
    return {t: frozenset(json.dumps(_plain(row), sort_keys=True, default=str) for row in db[t].rows)
            for t in tables}


def _plain(value: Any) -> Any:
    if isinstance(value, dict):
        return {k: _plain(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_plain(v) for v in value]
    if isinstance(value, float) and value.is_integer():
        return int(value)
    if isinstance(value, str) and value[:1] in "{[":
        try:
            return _plain(json.loads(value))
        except ValueError:
            return value
    return value


def changes(before: State, after: State) -> dict[str, tuple[frozenset[str], frozenset[str]]]:
    """Per table, the rows gone and the rows new (tables with neither left out)."""
    found = {}
    for table in before.keys() | after.keys():
        old, new = before.get(table, frozenset()), after.get(table, frozenset())
        if old != new:
            found[table] = (old - new, new - old)
    return found


def same_outcome(ctx: ExpertContext, first: Run, second: Run, back_to_start: Run | None = None) -> bool:
    """Whether `first` and `second`, each run from the same state (`ctx.db`'s, or what
    `back_to_start` makes of it: the undo of a call already made), both work and change that state
    the same way, and change something (two read-only calls are compared by what they say, not
    here). The calls run on copies, with `ctx` otherwise as it is."""
    base = trial_copy(ctx.db)
    clock = Clock(ctx.clock.now())  # the same instant for both: their records carry the same times
    if back_to_start is not None and not back_to_start(replace(ctx, db=base, clock=clock)):
        return False
    start = state(base)
    outcomes = []
    for run in (first, second):
        copy = trial_copy(base)
        if not run(replace(ctx, db=copy, clock=clock)):
            return False
        outcomes.append(changes(start, state(copy)))
    return bool(outcomes[0]) and outcomes[0] == outcomes[1]
