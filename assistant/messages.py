"""Typed messages passed between the pipeline's stages."""
from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any, Literal

from pydantic import BaseModel, Field

DecisionSource = Literal["fastpath", "router", "confirmer", "confirmation", "guardrail", "slot", "correction"]


class Utterance(BaseModel):
    """What the user said or typed, and where it came from."""

    text: str
    source: str = "text"
    area: str | None = None  # the area the input device sits in ("it's dark in here")


class Decision(BaseModel):
    """Which expert API to run with which arguments (or a decline)."""

    expert: str | None = None
    api: str | None = None
    args: dict[str, Any] = Field(default_factory=dict)
    declined: bool = False
    source: DecisionSource = "confirmer"
    note: str | None = None  # why declined / what went wrong, for the reply

    @property
    def qualified(self) -> str | None:
        return f"{self.expert}.{self.api}" if self.expert and self.api else None


class SourceRef(BaseModel):
    """Where an answer came from: a document of the user's, and its page."""

    document: str
    page: int


class ActionResult(BaseModel):
    """What an expert API did. `undo` holds what its undo function needs to reverse it."""

    reply: str
    ok: bool = True
    data: Any = None
    undo: dict[str, Any] | None = None
    needs_confirmation: bool = False
    # the argument the call lacks or could not use (a slot of the API): the reply asks for it
    missing: str | None = None
    # for a "which one?" question: the values `missing` may take, each with the words that name it
    choices: dict[str, str] | None = None
    sources: list[SourceRef] = Field(default_factory=list)  # the documents an answer quotes
    # what the call acted on, in the expert's own terms (devices by id): it replaces the call's
    # inferred target arguments in the action log, so "it", "the same for …" and "no, I meant …"
    # next refer to what was done, not to the model's words for it (an alarm: the time it was set for)
    referent: dict[str, Any] | None = None


class Reply(BaseModel):
    """The answer to one utterance, as printed by `ask --json`."""

    reply: str
    expert: str | None = None
    api: str | None = None
    args: dict[str, Any] = Field(default_factory=dict)
    declined: bool = False
    ok: bool = True
    needs_confirmation: bool = False
    asks: str | None = None  # the argument the reply asks the user for (a slot question)
    timings_ms: dict[str, float] = Field(default_factory=dict)
    speculation: dict[str, Any] | None = None
    routing: dict[str, Any] | None = None  # how the decision was reached (expert scores), for --trace
    data: Any = None
    sources: list[SourceRef] = Field(default_factory=list)  # the documents the reply quotes, by page
    # several requests in one utterance: each part's own reply (expert, api, args, ...) in the order
    # said; the fields above are then the first part's, `reply` covers them all
    parts: list[Reply] | None = None


@dataclass(frozen=True)
class Request:
    """What an expert's `propose` hook sees: the words as said, the words a command shape is
    matched on (lower-cased, politeness dropped: see `assistant.words.command`), and the time;
    `claimed`: the words name the expert's own things and nothing else (its `claims` hook)."""

    text: str
    words: str
    now: datetime
    claimed: bool = False


@dataclass(frozen=True)
class Turn:
    """One earlier action still in effect: what was said, and the call it made."""

    text: str
    expert: str
    api: str
    args: dict[str, Any]
    action_id: int | None = None  # its row in the action log, and how to take it back
    undo: dict[str, Any] | None = None

    @property
    def qualified(self) -> str:
        return f"{self.expert}.{self.api}"


@dataclass(frozen=True)
class PendingAction:
    """An action waiting for "yes": the call, and the words and area it was asked with."""

    expert: str
    api: str
    args: dict[str, Any]
    said: str | None = None
    area: str | None = None
    slot: str | None = None  # waiting for this argument's value, not for a yes
    due: datetime | None = None  # put off until then (a deferred call): schedule it on "yes"
    choices: dict[str, str] | None = None  # the slot's possible values and their words ("which one?")
