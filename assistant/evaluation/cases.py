"""The evaluation file format: one JSON object a line (see shared/dev-eval/README.md)."""
from __future__ import annotations

from datetime import datetime
from pathlib import Path
from typing import Any

from pydantic import BaseModel, ConfigDict, Field, ValidationError

from assistant import safe_input


class EvalFileError(ValueError):
    """A line of the evaluation file is not valid; the message names the file and line."""


class ReminderExpectation(BaseModel):
    text_contains: str
    due: datetime | None = None
    recurrence_contains: str | None = None


class TimerExpectation(BaseModel):
    duration_s: int | None = None
    name: str | None = None


class ScheduledExpectation(BaseModel):
    api: str  # "turn_off" (or "smart_home.turn_off")
    due: datetime | None = None  # local time, exact to the minute
    args_contain: str | None = None  # a word that must appear in the JSON of the stored arguments


class SourceExpectation(BaseModel):
    document: str  # the file name, as `docs list` shows it
    page: int | None = None


class Expectation(BaseModel):
    model_config = ConfigDict(extra="allow")
    expert: str | None = None
    declined: bool | None = None
    asks: bool | None = None  # the reply asks the user something (a value, or a yes)
    devices: dict[str, dict[str, Any]] | None = None
    reminders: list[ReminderExpectation] | None = None
    timers: list[TimerExpectation] | None = None
    lists: dict[str, list[str]] | None = None
    scheduled: list[ScheduledExpectation] | None = None  # waiting scheduled actions; [] = none may wait
    # the reply has at least one of these words (whole words, any case): a chat answer in context
    reply_contains_any: list[str] | None = None
    sources: list[SourceExpectation] | None = None  # documents the reply cites; [] = it cites none
    reply_contains: list[str] | None = None  # words the reply must have (any case), e.g. the answer
    # several requests in one utterance: the expert of each part, in order ("none" for a part
    # declined); a single request is one part
    parts: list[str] | None = None


class EvalCase(BaseModel):
    model_config = ConfigDict(extra="allow")
    id: str
    text: str
    home: Path | None = None
    now: datetime | None = None
    area: str | None = None
    source: str = "text"  # "voice": the text is a speech recogniser's transcript
    session: str | None = None  # the conversation the turn is said in (None: the default one)
    expect: Expectation = Field(default_factory=Expectation)
    documents: list[Path] = Field(default_factory=list)  # added to the fresh state first (relative to the file)


def _read(path: Path) -> str:
    try:
        return safe_input.read_text(path)
    except safe_input.InputError as exc:
        raise EvalFileError(str(exc)) from None


def load_cases(path: Path) -> list[EvalCase]:
    cases = []
    for number, line in enumerate(_read(path).splitlines(), start=1):
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        try:
            case = EvalCase.model_validate(safe_input.parse_json(line))
        except (safe_input.InputError, ValidationError) as exc:
            raise EvalFileError(f"{path} line {number}: {exc}") from None
        _resolve(case, path.parent)
        cases.append(case)
    return cases


def load_conversations(path: Path) -> list[list[EvalCase]]:
    """Multi-turn conversations (YAML: [{id, home, now, area?, turns: [{text, expect, session?}]}]);
    a turn's `session` says it in another conversation (as `ask --session NAME`) on the same state."""
    import yaml

    try:
        items = safe_input.load_yaml(_read(path)) or []
    except safe_input.InputError as exc:
        raise EvalFileError(f"{path}: {exc}") from None
    except yaml.YAMLError as exc:
        raise EvalFileError(f"{path} is not valid YAML: {exc}") from None
    if not isinstance(items, list):
        raise EvalFileError(f"{path}: expected a list of conversations")
    conversations = []
    for number, item in enumerate(items, start=1):
        try:
            shared = {k: item[k] for k in ("home", "now", "area", "source", "documents") if k in item}
            turns = [EvalCase.model_validate({**shared, "id": f"{item['id']}.{i}", **turn})
                     for i, turn in enumerate(item["turns"], start=1)]
        except (KeyError, TypeError, ValidationError) as exc:
            raise EvalFileError(f"{path} conversation {number}: {exc}") from None
        for case in turns:
            _resolve(case, path.parent)
        conversations.append(turns)
    return conversations


def _resolve(case: EvalCase, folder: Path) -> None:
    """The case's home and documents, relative to its file's folder."""
    if case.home is not None and not case.home.is_absolute():
        case.home = (folder / case.home).resolve()
    case.documents = [p if p.is_absolute() else (folder / p).resolve() for p in case.documents]
