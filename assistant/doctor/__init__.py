"""`assistant doctor`: everything a user needs, checked one line each, with how to fix what fails.

Each check is a small function returning a `Check` (or yielding one per model). Whatever touches the
native model library runs in a child process (`assistant/doctor/probe.py`), so a library that
crashes on this CPU is reported instead of killing the doctor. Voice checks only warn: typing still
works without a microphone, a speaker or speech models.
"""
from __future__ import annotations

from dataclasses import asdict, dataclass
from typing import Iterator, Literal

Status = Literal["ok", "warn", "fail"]


@dataclass(frozen=True)
class Check:
    name: str
    status: Status
    detail: str
    fix: str = ""  # what to run or do when the status is not ok

    def as_json(self) -> dict:
        return asdict(self)


def ok(name: str, detail: str) -> Check:
    return Check(name, "ok", detail)


def warn(name: str, detail: str, fix: str = "") -> Check:
    return Check(name, "warn", detail, fix)


def fail(name: str, detail: str, fix: str = "") -> Check:
    return Check(name, "fail", detail, fix)


def run_checks(settings=None, timeout: float = 180.0) -> Iterator[Check]:
    """Every check, in order, as each finishes. `timeout`: seconds allowed to each child process."""
    from assistant.config import load_settings
    from assistant.doctor import system
    from assistant.doctor.endpoints import endpoint_checks
    from assistant.doctor.models import model_checks

    settings = settings or load_settings()
    yield system.python_version()
    yield from model_checks(settings, timeout)
    yield from endpoint_checks(settings)
    yield system.database()
    yield system.home(settings.home)
    yield system.audio_device("input")
    yield system.audio_device("output")
    yield system.espeak()
    yield system.wake_word_models()
    yield system.speech_to_text_model()
