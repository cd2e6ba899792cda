"""A satellite's connection to the hub's Wyoming service (wyoming_service.py): one TCP connection,
the `wyoming` package's events, used in turn by the satellite's listen loop for speech-to-text,
the conversation and text-to-speech. Blocking: the listen loop is."""
from __future__ import annotations

import socket
from dataclasses import dataclass
from typing import Any
from urllib.parse import urlsplit

import numpy as np
from wyoming.asr import Transcribe, Transcript
from wyoming.audio import AudioChunk, AudioStart, AudioStop
from wyoming.error import Error
from wyoming.event import Event, read_event, write_event
from wyoming.handle import Handled, NotHandled
from wyoming.info import Describe, Info
from wyoming.tts import Synthesize

from assistant.audio.sources import SAMPLE_RATE, AudioChunk as Chunk, resample
from assistant.audio.tts import TTS_RATE
from assistant.hub.wyoming_speech import as_chunk

CONNECT_TIMEOUT_S = 5.0
ANSWER_TIMEOUT_S = 300.0  # a transcription or a model call on a busy hub


class LinkError(RuntimeError):
    """The hub cannot be reached, closed the connection, or answered with an error."""


@dataclass(frozen=True)
class Answer:
    """The hub's reply to one transcript: its text and what the context says about it."""

    text: str
    handled: bool
    context: dict[str, Any]


class WyomingLink:
    def __init__(self, uri: str, timeout: float = ANSWER_TIMEOUT_S) -> None:
        self.uri = uri
        host, port = parse_uri(uri)
        try:
            self._socket = socket.create_connection((host, port), timeout=CONNECT_TIMEOUT_S)
        except OSError as exc:
            raise LinkError(f"no hub answers at {uri} ({exc.strerror or exc}); start one with "
                            "`assistant serve --wyoming-port PORT`") from None
        self._socket.settimeout(timeout)
        self._file = self._socket.makefile("rwb")

    def describe(self) -> Info:
        self._send(Describe().event())
        return Info.from_event(self._receive(Info.is_type))

    def start_hearing(self) -> None:
        """A new utterance: its audio follows (`hear`), then `transcript()`."""
        self._send(Transcribe(language="en").event())
        self._send(AudioStart(rate=SAMPLE_RATE, width=2, channels=1).event())

    def hear(self, chunk: Chunk) -> None:
        self._send(as_chunk(chunk))

    def transcript(self) -> str:
        self._send(AudioStop().event())
        return Transcript.from_event(self._receive(Transcript.is_type)).text

    def ask(self, text: str, session: str, area: str | None) -> Answer:
        context = {"conversation_id": session, **({"area": area} if area else {})}
        self._send(Transcript(text=text, context=context).event())
        event = self._receive(lambda kind: Handled.is_type(kind) or NotHandled.is_type(kind))
        return Answer(event.data.get("text") or "", Handled.is_type(event.type), event.data.get("context") or {})

    def synthesize(self, text: str) -> np.ndarray:
        """`text` spoken by the hub, as int16 samples at TTS_RATE."""
        self._send(Synthesize(text=text).event())
        start = AudioStart.from_event(self._receive(AudioStart.is_type))
        blocks = []
        while not AudioStop.is_type((event := self._receive(lambda kind: True)).type):
            if AudioChunk.is_type(event.type):
                blocks.append(np.frombuffer(AudioChunk.from_event(event).audio, "<i2"))
        samples = np.concatenate(blocks) if blocks else np.zeros(0, np.int16)
        if start.rate != TTS_RATE and len(samples):
            samples = np.clip(resample(samples.astype(np.float32), start.rate, TTS_RATE), -32768, 32767)
        return samples.astype(np.int16)

    def close(self) -> None:
        self._file.close()
        self._socket.close()

    def _send(self, event: Event) -> None:
        try:
            write_event(event, self._file)
        except OSError as exc:
            raise LinkError(f"the hub at {self.uri} closed the connection ({exc})") from None

    def _receive(self, wanted) -> Event:
        """The next event of a wanted type (others, e.g. a late transcript, are skipped)."""
        while True:
            try:
                event = read_event(self._file)
            except OSError as exc:
                raise LinkError(f"the hub at {self.uri} did not answer ({exc})") from None
            if event is None:
                raise LinkError(f"the hub at {self.uri} closed the connection")
            if Error.is_type(event.type):
                raise LinkError(f"the hub at {self.uri}: {Error.from_event(event).text}")
            if wanted(event.type):
                return event


def parse_uri(uri: str) -> tuple[str, int]:
    """tcp://HOST:PORT (or HOST:PORT) as (host, port)."""
    parts = urlsplit(uri if "://" in uri else f"tcp://{uri}")
    if parts.scheme != "tcp" or not parts.hostname or parts.port is None:
        raise LinkError(f"a hub's Wyoming address looks like tcp://127.0.0.1:10700, not {uri!r}")
    return parts.hostname, parts.port
