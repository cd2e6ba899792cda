"""A small test kit, shipped so an expert's author tests without hardware or models.

- `expert_context(*experts, now=..., said=...)`: an `ExpertContext` on an in-memory database with
  those experts' tables, a frozen clock, and optionally the words the user said.
- `undo(ctx, expert, api, result)`: run an API's undo on its result.
- `scripted_assistant(...)`: the real pipeline on scripted models (enqueue what the confirmer
  answers with `confirmer(assistant).enqueue({...})`), a fresh database, a home file loaded.
- `FixedClassifier`: a classifier double that always guesses one expert.
- `FakeWake`, `FakeSTT`, `FakeSpeaker`, `StreamClock`: the listen loop's devices, scripted.
- `speech_wav(path, *texts)`: a WAV of the texts spoken by the assistant's own voice, for the
  voice paths (a satellite, a Wyoming client) without a microphone.
"""
from __future__ import annotations

from datetime import datetime
from pathlib import Path
from typing import Any

from assistant.audio.stt import Transcript
from assistant.clock import Clock
from assistant.config import RoleConfig, RoutingConfig, Settings
from assistant.context import ExpertContext
from assistant.llm.roles import ModelRoles
from assistant.messages import ActionResult, Turn, Utterance
from assistant.pipeline import Assistant
from assistant.registry import Expert, Registry
from assistant.routing.classifier import ExpertGuess
from assistant.storage import open_database

WEDNESDAY_9AM = datetime(2026, 11, 25, 9, 0)


# ------------------------------------------------------------------------------ experts
def expert_context(*experts: Expert, now: datetime = WEDNESDAY_9AM, said: str | None = None,
                   area: str | None = None, previous: Turn | None = None, db: Any = None) -> ExpertContext:
    """A context for calling an expert's APIs directly: its tables in memory (or `db`), the clock
    frozen at `now`, and the utterance `said` (from `area`), if given."""
    db = db if db is not None else open_database(":memory:", [m for e in experts for m in e.migrations])
    utterance = Utterance(text=said, area=area) if said is not None else None
    return ExpertContext(db=db, clock=Clock(now), utterance=utterance, previous=previous)


def undo(ctx: ExpertContext, expert: Expert, api: str, result: ActionResult) -> None:
    """Reverse one API call with its expert's undo."""
    expert.api(api).undo(ctx, result.undo)


# ------------------------------------------------------------------------------ the pipeline
def scripted_roles(trust_settled: bool = False) -> ModelRoles:
    """Model roles whose backends are scripted, built through the same factory path as real ones.
    The confirmer is asked on every routed line (no settled proposal stands without it) unless
    `trust_settled`: a test's scripted answer is then the one that decides."""
    return ModelRoles(Settings(roles={r: RoleConfig(backend="scripted") for r in ("router", "confirmer", "chat")},
                               routing=RoutingConfig(trust_settled=trust_settled)))


def scripted_assistant(db_path: Path | str = ":memory:", *, home: Path | str | None = None,
                       now: datetime = WEDNESDAY_9AM, registry: Registry | None = None,
                       classifier: Any = None) -> Assistant:
    """The real pipeline with scripted models on a fresh database (`home`: a home file to load)."""
    from assistant.app import default_registry, open_state

    registry = registry or default_registry()
    db = open_state(registry, db_path)
    if home is not None:
        registry.service("load_home")(db, registry.service("load_home_file")(home))
    return Assistant(db=db, clock=Clock(now), registry=registry, roles=scripted_roles(),
                     classifier=classifier)


def confirmer(assistant: Assistant):
    """The scripted confirmer: `.enqueue({"api": "timers.start", "args": {...}})` scripts its answer."""
    return assistant.roles.get("confirmer")


class FixedClassifier:
    """A classifier double: always this expert, with this score and margin."""

    def __init__(self, expert: str, score: float = 0.9, margin: float = 0.3) -> None:
        self.expert, self.score, self.margin = expert, score, margin
        self.seen: list[str] = []

    def guess(self, text: str) -> ExpertGuess:
        self.seen.append(text)
        ranking = ((self.expert, self.score), ("none", self.score - self.margin))
        return ExpertGuess(self.expert, self.score, self.margin, ranking)


# ------------------------------------------------------------------------------ audio devices
class StreamClock:
    """Stream time as the listen loop sees it (the fakes below read it)."""

    def __init__(self) -> None:
        self.now = 0.0

    def follow(self, source):
        for chunk in source:
            self.now = chunk.start
            yield chunk


class FakeWake:
    """A wake word heard at the given stream times (seconds)."""

    name = "hey_jarvis"

    def __init__(self, at=()) -> None:
        self.at = sorted(at)
        self.pending: list[float] = []
        self.resets = 0

    def reset(self) -> None:
        self.resets += 1
        self.pending = list(self.at)

    def process(self, chunk) -> bool:
        if self.pending and chunk.start >= self.pending[0]:
            self.pending.pop(0)
            return True
        return False


class FakeStream:
    def __init__(self, text: str, on_partial) -> None:
        self.text, self.on_partial, self.chunks = text, on_partial, 0

    def accept(self, chunk) -> None:
        self.chunks += 1
        if self.on_partial and self.text and self.chunks == 3:
            self.on_partial(self.text.split()[0])

    def finish(self, speech_end=None) -> Transcript:
        return Transcript(self.text, "fake", partials=[self.text.split()[0]] if self.text else [])


class FakeSTT:
    """Speech-to-text that hears the given texts, one per utterance (or `always` the same)."""

    name = "fake"

    def __init__(self, *texts: str, always: str | None = None) -> None:
        self.texts, self.always = list(texts), always
        self.vocabularies: list[list[str]] = []  # the names each utterance was biased towards

    def load(self) -> None:
        pass

    def stream(self, on_partial=None, vocabulary=()) -> FakeStream:
        self.vocabularies.append(list(vocabulary))
        text = self.always or (self.texts.pop(0) if self.texts else "")
        return FakeStream(text, on_partial)


class FakeSpeaker:
    """A speaker that 'speaks' for `seconds` of stream time and records what it said."""

    def __init__(self, clock: StreamClock, seconds: float = 3.0) -> None:
        self.clock, self.seconds = clock, seconds
        self.said: list[str] = []
        self.stopped, self.until = 0, -1.0

    @property
    def speaking(self) -> bool:
        return self.clock.now < self.until

    def speak(self, text: str) -> None:
        self.said.append(text)
        self.until = self.clock.now + self.seconds

    def stop(self) -> None:
        self.stopped += 1
        self.until = -1.0

    def wait(self) -> None:
        self.until = -1.0

    def close(self) -> None:
        pass


# ------------------------------------------------------------------------------ speech
def speech_wav(path: Path | str, *texts: str, gap: float = 1.5, lead: float = 0.5) -> Path:
    """The texts spoken one after another by the project's TTS (pyttsx3, espeak-ng), `gap` seconds
    of silence after each, as a 16 kHz mono WAV: input for the voice paths in tests and benchmarks."""
    import wave

    import numpy as np

    from assistant.audio.sources import SAMPLE_RATE, resample
    from assistant.audio.tts import TTS_RATE, synthesize

    def silence(seconds: float) -> np.ndarray:
        return np.zeros(int(seconds * SAMPLE_RATE), np.int16)

    parts = [silence(lead)]
    for text in texts:
        spoken = resample(synthesize(text).astype(np.float32) / 32768, TTS_RATE, SAMPLE_RATE)
        parts += [(np.clip(spoken, -1, 1) * 32767).astype(np.int16), silence(gap)]
    path = Path(path)
    with wave.open(str(path), "wb") as out:
        out.setnchannels(1)
        out.setsampwidth(2)
        out.setframerate(SAMPLE_RATE)
        out.writeframes(np.concatenate(parts).tobytes())
    return path
