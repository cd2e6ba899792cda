"""Voice-activity detection: which chunks hold speech, and where an utterance ends.

`EnergyVAD` classifies each chunk by its loudness against an adaptive noise floor (numpy only,
no model; webrtcvad was not verified on this machine). `Endpointer` turns those per-chunk
decisions into speech-start / pause / speech-end events, with an onset (a click is not speech)
and a hangover (a short pause is not the end). PAUSE, a *tentative* endpoint, comes when the
trailing silence is `tentative` long: work on the utterance can start then, to be kept only if
SPEECH_END follows without speech in between.
"""
from __future__ import annotations

from collections import deque
from dataclasses import dataclass
from enum import Enum
from typing import Protocol

import numpy as np

from assistant.audio.sources import CHUNK_SECONDS, AudioChunk


class SpeechDetector(Protocol):
    def is_speech(self, chunk: AudioChunk) -> bool: ...


class EnergyVAD:
    """A chunk is speech when its level (dBFS) is above `min_db` and `margin_db` above the noise
    floor: the quietest chunk of the last `window` seconds (minimum tracking; during the first
    second at most `prior_floor_db`, so speech at the very start of a stream counts)."""

    def __init__(self, min_db: float = -50.0, margin_db: float = 12.0, window: float = 5.0,
                 prior_floor_db: float = -70.0) -> None:
        self.min_db, self.margin_db, self.prior_floor_db = min_db, margin_db, prior_floor_db
        self.levels: deque[float] = deque(maxlen=int(window / CHUNK_SECONDS))

    @property
    def floor_db(self) -> float:
        if not self.levels:
            return self.prior_floor_db
        floor = min(self.levels)
        return floor if len(self.levels) * CHUNK_SECONDS >= 1 else min(floor, self.prior_floor_db)

    def is_speech(self, chunk: AudioChunk) -> bool:
        level = chunk_db(chunk.samples)
        self.levels.append(level)
        return level > max(self.min_db, self.floor_db + self.margin_db)


def chunk_db(samples: np.ndarray) -> float:
    rms = float(np.sqrt(np.mean(np.square(samples.astype(np.float32))))) / 32768
    return 20 * np.log10(rms + 1e-7)


class VadEvent(Enum):
    SPEECH_START = "speech_start"
    PAUSE = "pause"  # a tentative endpoint: speech may resume before SPEECH_END
    SPEECH_END = "speech_end"


@dataclass(frozen=True)
class EndpointSettings:
    """Durations in seconds (rounded up to whole 80 ms chunks)."""

    onset: float = 0.16  # this much speech in a row starts an utterance
    hangover: float = 0.56  # this much silence after speech ends it
    tentative: float = 0.16  # this much silence after speech is a PAUSE (0: none)
    max_utterance: float = 15.0  # an utterance is cut here even if speech goes on

    def chunks(self, seconds: float) -> int:
        return max(1, int(np.ceil(round(seconds / CHUNK_SECONDS, 6))))


class Endpointer:
    """Feed chunks; get SPEECH_START when speech begins, PAUSE when trailing silence begins
    (once per pause) and SPEECH_END when it ends.

    `last_speech_end` is the stream time (seconds) where the last speech chunk ended: the
    user's end of speech, from which latency is measured."""

    def __init__(self, detector: SpeechDetector, settings: EndpointSettings = EndpointSettings()) -> None:
        self.detector = detector
        self.settings = settings
        self.in_speech = False
        self.last_speech_end: float | None = None
        self._run = 0  # consecutive speech (before onset) or silence (after onset) chunks
        self._length = 0

    def reset(self) -> None:
        self.in_speech, self._run, self._length, self.last_speech_end = False, 0, 0, None

    def feed(self, chunk: AudioChunk) -> VadEvent | None:
        speech = self.detector.is_speech(chunk)
        if not self.in_speech:
            self._run = self._run + 1 if speech else 0
            if self._run >= self.settings.chunks(self.settings.onset):
                self.in_speech, self._run, self._length = True, 0, self._run
                self.last_speech_end = chunk.end
                return VadEvent.SPEECH_START
            return None
        self._length += 1
        if speech:
            self._run, self.last_speech_end = 0, chunk.end
        else:
            self._run += 1
        too_long = self._length >= self.settings.chunks(self.settings.max_utterance)
        if self._run >= self.settings.chunks(self.settings.hangover) or too_long:
            self.in_speech, self._run = False, 0
            if too_long:
                self.last_speech_end = chunk.end
            return VadEvent.SPEECH_END
        if self.settings.tentative and self._run == self.settings.chunks(self.settings.tentative):
            return VadEvent.PAUSE
        return None
