"""Two-stage wake word: openWakeWord proposes at a low threshold, Whisper confirms.

Stage 1 (cheap, every chunk) is tuned for recall; each of its detections costs one windowed
Whisper transcription (~0.3 s; the phrase is given as Whisper's previous text, so it spells the
name right) of the last `window` seconds, which must contain the wake phrase's keyword (a word
at least `similarity` like "jarvis": "Jarvi" passes; "Travis", "Jars" or "Darvis" do not).
The detection is reported `after` seconds late (a low threshold fires before the phrase ends), on
the chunk where the verification finished. `delay` tells the loop to keep more pre-roll: the
command's transcription then starts with the wake phrase (stripped from the text afterwards),
so a command said without a pause after the phrase is not clipped.
"""
from __future__ import annotations

import re
from collections import deque
from dataclasses import dataclass

import numpy as np

from assistant.audio.loop import keyword_of, similar
from assistant.audio.sources import CHUNK_SECONDS, AudioChunk
from assistant.audio.wake import GainSettings, OpenWakeWord
from assistant.audio.whisper import WhisperSTT

PHRASE_SECONDS = 1.2  # about how long a wake phrase lasts before stage 1 fires (2.0 measured no better)
# openWakeWord score that asks Whisper. Swept by scripts/bench_voice.py: on non-wake speech the
# score stays near 0 (7 crossings of 0.005 in 10 min: 7 Whisper calls), while on varied positives
# (accents, speed, pitch, gain, noise) it is often far below 0.5 but not 0.
STAGE1_THRESHOLD = 0.005


@dataclass(frozen=True)
class VerifySettings:
    window: float = 2.0  # seconds of audio transcribed, ending `after` seconds past the detection
    after: float = 0.4  # a low threshold fires before the phrase ends: wait for its end
    similarity: float = 0.85  # difflib ratio a heard word needs to the keyword ("jarvi" 0.91, "jars" 0.8)
    hint: bool = True  # give Whisper the phrase as previous text: it then spells the name right


@dataclass
class Verification:
    at: float  # stream time of the stage-1 detection
    transcript: str
    accepted: bool


def says_keyword(transcript: str, keyword: str, similarity: float = VerifySettings.similarity) -> bool:
    words = re.findall(r"[a-z']+", transcript.lower())
    return any(similar(word, keyword, similarity) for word in words)


class VerifiedWakeWord:
    """A WakeWordDetector: stage-1 detections that Whisper heard as the wake phrase."""

    def __init__(self, detector: OpenWakeWord, stt: WhisperSTT,
                 settings: VerifySettings = VerifySettings(), keyword: str | None = None) -> None:
        self.detector, self.stt, self.settings = detector, stt, settings
        self.keyword = keyword or keyword_of(detector.name)
        self.phrase = detector.name.replace("_", " ").capitalize() + "."  # "Hey jarvis."
        self.verifications: list[Verification] = []  # the last ones, for reports and tests
        self._recent: deque[np.ndarray] = deque(maxlen=round(settings.window / CHUNK_SECONDS))
        self._pending: tuple[int, float] | None = None  # (chunks still to wait, detection time)

    @property
    def name(self) -> str:
        return self.detector.name

    @property
    def delay(self) -> float:
        """Extra pre-roll (seconds) the loop keeps: the reporting delay plus the phrase itself."""
        return self.settings.after + PHRASE_SECONDS

    def reset(self) -> None:
        self.detector.reset()
        self._recent.clear()
        self._pending = None

    def process(self, chunk: AudioChunk) -> bool:
        self._recent.append(chunk.samples)
        proposed = self.detector.process(chunk)
        if self._pending is None and proposed:
            self._pending = (round(self.settings.after / CHUNK_SECONDS), chunk.start)
        if self._pending is None:
            return False
        wait, at = self._pending
        if wait > 0:
            self._pending = (wait - 1, at)
            return False
        self._pending = None
        return self.verify(np.concatenate(self._recent), at)

    def verify(self, samples: np.ndarray, at: float = 0.0) -> bool:
        """Whether Whisper hears the keyword in `samples`."""
        transcript = self.stt.run(samples, self.phrase if self.settings.hint else "")
        accepted = says_keyword(transcript, self.keyword, self.settings.similarity)
        self.verifications = [*self.verifications[-49:], Verification(at, transcript, accepted)]
        return accepted


def two_stage_wake(name: str, stt: WhisperSTT, threshold: float = STAGE1_THRESHOLD,
                   settings: VerifySettings = VerifySettings()) -> VerifiedWakeWord:
    """The default wake word: gain-normalised openWakeWord at a low threshold, verified by Whisper."""
    return VerifiedWakeWord(OpenWakeWord(name, threshold, gain=GainSettings()), stt, settings)
