"""Speculative execution: run a fast proposal at once, let the confirmer decide, undo on mismatch.

Only APIs marked speculative-safe (idempotent or undoable), not sensitive, needing no confirmation
and with arguments grounded in the utterance may run before the confirmer has spoken. Every
speculation is recorded (in `--json` as `speculation` and in the `speculations` table).
"""
from __future__ import annotations

import json
import re
from dataclasses import dataclass
from datetime import datetime
from typing import Any

import sqlite_utils

from assistant.messages import Decision
from assistant.storage.db import Migration

FILLER = re.compile(r"\b(the|my|our|a|an|all|please)\b")


@dataclass
class SpeculationRecord:
    proposed: Decision | None
    confirmed: Decision | None = None
    ran: bool = False  # the proposal was executed before confirmation
    agreed: bool | None = None
    rolled_back: bool = False  # the early effect was reverted for a different one
    redone: bool = False  # undone and run again as the confirmer worded it (same or not)
    skipped_confirmer: bool = False
    fallback: bool = False  # the confirmed call could not be carried out; the proposal stood
    asked: bool = False  # the proposal needs a yes: its question was asked at once, nothing ran

    def as_json(self) -> dict[str, Any]:
        return {"proposed": _call(self.proposed), "confirmed": _call(self.confirmed),
                "ran": self.ran, "agreed": self.agreed, "rolled_back": self.rolled_back,
                "redone": self.redone, "fallback": self.fallback,
                "skipped_confirmer": self.skipped_confirmer, "asked": self.asked}


def _call(decision: Decision | None) -> dict[str, Any] | None:
    if decision is None:
        return None
    if decision.declined:
        return {"api": "decline"}
    return {"api": decision.qualified, "args": decision.args}


def _canonical(value: Any) -> Any:
    if isinstance(value, str):
        text = FILLER.sub(" ", value.lower())
        return " ".join(w.rstrip("s") if len(w) > 3 else w for w in text.split())
    if isinstance(value, float) and value.is_integer():
        return int(value)
    if isinstance(value, list):
        return sorted(_canonical(v) for v in value)
    return value


def same_call(a: Decision | None, b: Decision | None) -> bool:
    """The same API with the same arguments, up to articles, plurals and case."""
    if a is None or b is None or a.declined or b.declined:
        return False
    return a.qualified == b.qualified and (
        {k: _canonical(v) for k, v in a.args.items()} == {k: _canonical(v) for k, v in b.args.items()})


def adds_to(proposal: Decision | None, confirmed: Decision | None) -> bool:
    """The proposal is the confirmed call plus arguments the confirmer left out: the same API, and
    every argument the confirmer wrote is the proposal's too ("oven" timer: the rule kept the
    name, the model dropped it). The proposal's arguments come from the user's words."""
    if proposal is None or confirmed is None or proposal.declined or confirmed.declined:
        return False
    ours = {k: _canonical(v) for k, v in proposal.args.items()}
    return proposal.qualified == confirmed.qualified and all(
        k in ours and ours[k] == _canonical(v) for k, v in confirmed.args.items())


def _v2(db: sqlite_utils.Database) -> None:
    db.execute("""CREATE TABLE speculations (
        id INTEGER PRIMARY KEY, at TEXT NOT NULL, text TEXT, proposed TEXT, confirmed TEXT,
        ran INTEGER, agreed INTEGER, rolled_back INTEGER, skipped_confirmer INTEGER,
        first_action_ms REAL, confirmed_ms REAL)""")


MIGRATIONS = [Migration("core", 2, _v2)]


def record(db: sqlite_utils.Database, at: datetime, text: str, spec: SpeculationRecord,
           timings: dict[str, float]) -> None:
    db.execute(
        "INSERT INTO speculations (at, text, proposed, confirmed, ran, agreed, rolled_back, "
        "skipped_confirmer, first_action_ms, confirmed_ms) VALUES (?,?,?,?,?,?,?,?,?,?)",
        [at.isoformat(), text, json.dumps(_call(spec.proposed)), json.dumps(_call(spec.confirmed)),
         int(spec.ran), None if spec.agreed is None else int(spec.agreed), int(spec.rolled_back),
         int(spec.skipped_confirmer), timings.get("first_action"), timings.get("confirmed")])
