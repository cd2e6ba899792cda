"""Speech-to-text and text-to-speech on the hub's Wyoming service, backed by the project's own
engines (assistant/audio/), for Home Assistant, any Wyoming client, and the satellites:

    transcribe? audio-start audio-chunk… audio-stop   -> transcript {text}
    synthesize {text}                                  -> audio-start audio-chunk… audio-stop

Audio comes in any rate, width and channel count (converted to 16 kHz mono 16-bit); speech goes
out as the TTS writes it (22,050 Hz mono 16-bit). A transcription is biased towards the home's
names; at most `MAX_SECONDS` of one utterance is kept; one synthesis runs at a time (espeak-ng
is one library state).
"""
from __future__ import annotations

import threading
from dataclasses import dataclass, field
from typing import Callable, Iterator

import numpy as np
from wyoming.audio import AudioChunk as WyomingChunk
from wyoming.audio import AudioChunkConverter, AudioStart, AudioStop
from wyoming.event import Event
from wyoming.info import AsrModel, AsrProgram, Attribution, TtsProgram, TtsVoice

from assistant.audio.sources import CHUNK_SAMPLES, SAMPLE_RATE, AudioChunk, chunked
from assistant.audio.stt import SpeechToText, TranscriptionStream
from assistant.audio.tts import TTS_RATE, synthesize

MAX_SECONDS = 30.0  # of one utterance; the rest is dropped
SAMPLES_PER_EVENT = 2048  # samples of reply audio per audio-chunk event
ATTRIBUTION = Attribution(name="assistant", url="https://localhost/assistant")


@dataclass
class HubSpeech:
    """The hub's speech engines: `stt` (Whisper or vosk) and the TTS (pyttsx3/espeak-ng)."""

    stt: SpeechToText
    vocabulary: Callable[[], list[str]] = list  # the home's names, read afresh per utterance
    _speaking: threading.Lock = field(default_factory=threading.Lock)

    def load(self) -> None:
        """Load both engines now; raise AudioError naming what is missing."""
        self.stt.load()
        self.synthesize("ok")

    def hear(self) -> "Hearing":
        return Hearing(self.stt.stream(None, self.vocabulary()))

    def synthesize(self, text: str) -> np.ndarray:
        with self._speaking:
            return synthesize(text)

    def spoken(self, text: str) -> list[Event]:
        """`text` as Wyoming audio events (start, chunks, stop)."""
        return list(audio_events(self.synthesize(text), TTS_RATE))

    def programs(self, version: str) -> dict:
        """This service's `asr` and `tts` entries of the Wyoming `info`."""
        model = AsrModel(name=self.stt.name, attribution=ATTRIBUTION, installed=True, version=version,
                         description=f"the assistant's speech-to-text ({self.stt.name})", languages=["en"])
        voice = TtsVoice(name="espeak-ng", attribution=ATTRIBUTION, installed=True, version=version,
                         description="the assistant's voice (pyttsx3, espeak-ng)", languages=["en"])
        return {"asr": [AsrProgram(name="assistant-stt", attribution=ATTRIBUTION, installed=True,
                                   description="Speech-to-text", version=version, models=[model])],
                "tts": [TtsProgram(name="assistant-tts", attribution=ATTRIBUTION, installed=True,
                                   description="Text-to-speech", version=version, voices=[voice])]}


class Hearing:
    """One utterance arriving over Wyoming, fed to a transcription stream in 80 ms chunks."""

    def __init__(self, stream: TranscriptionStream) -> None:
        self.stream = stream
        self.converter = AudioChunkConverter(rate=SAMPLE_RATE, width=2, channels=1)
        self.left = np.zeros(0, np.int16)  # samples short of a whole chunk
        self.heard = 0  # samples fed so far

    def accept(self, chunk: WyomingChunk) -> None:
        samples = np.frombuffer(self.converter.convert(chunk).audio, "<i2")
        room = int(MAX_SECONDS * SAMPLE_RATE) - self.heard - len(self.left)
        self.left = np.concatenate([self.left, samples[:max(room, 0)]])
        whole = len(self.left) // CHUNK_SAMPLES * CHUNK_SAMPLES
        if whole:
            self._feed(self.left[:whole])
            self.left = self.left[whole:]

    def finish(self) -> str:
        """The transcript of everything heard (blocking: run it off the event loop)."""
        if len(self.left):
            self._feed(self.left)
            self.left = np.zeros(0, np.int16)
        return self.stream.finish(self.heard / SAMPLE_RATE).text.strip()

    def _feed(self, samples: np.ndarray) -> None:
        for block in chunked(samples, self.heard / SAMPLE_RATE):
            self.stream.accept(block)
        self.heard += len(samples)


def audio_events(samples: np.ndarray, rate: int) -> Iterator[Event]:
    """16-bit mono samples as audio-start, audio-chunk…, audio-stop."""
    yield AudioStart(rate=rate, width=2, channels=1).event()
    for offset in range(0, len(samples), SAMPLES_PER_EVENT):
        block = samples[offset:offset + SAMPLES_PER_EVENT].astype("<i2").tobytes()
        yield WyomingChunk(rate=rate, width=2, channels=1, audio=block,
                           timestamp=offset * 1000 // rate).event()
    yield AudioStop(timestamp=len(samples) * 1000 // rate).event()


def as_chunk(chunk: AudioChunk) -> Event:
    """One of the satellite's 80 ms microphone chunks as an audio-chunk event."""
    return WyomingChunk(rate=SAMPLE_RATE, width=2, channels=1, audio=chunk.pcm,
                        timestamp=int(chunk.start * 1000)).event()
