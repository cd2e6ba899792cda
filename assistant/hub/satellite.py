"""A satellite: a microphone (or WAV files) in one room, the hub elsewhere.

The wake word and the end of speech are found here, by the listen loop (audio/loop.py) and its
wake-word detector and endpointer; each utterance's audio streams to the hub as it is heard; the
hub transcribes it, routes it in this satellite's own conversation and area ("turn on the lights"
means this room's lights) and speaks the reply, which is played or written here. A reply that asks
something leaves the microphone open for the answer, as `assistant listen` does.
"""
from __future__ import annotations

import time
from typing import Callable, Sequence

from assistant.audio.loop import ListenLoop, LoopSettings
from assistant.audio.sources import AudioChunk
from assistant.audio.stt import PartialCallback, Transcript, elapsed_ms
from assistant.audio.tts import Speaker
from assistant.audio.wake import WakeWordDetector
from assistant.hub.link import WyomingLink
from assistant.messages import Reply


class HubSTT:
    """Speech-to-text on the hub: the audio of each utterance streams there while it is heard."""

    name = "hub"

    def __init__(self, link: WyomingLink) -> None:
        self.link = link

    def load(self) -> None:
        pass

    def stream(self, on_partial: PartialCallback | None = None, vocabulary: Sequence[str] = ()) -> "HubStream":
        return HubStream(self.link)


class HubStream:
    def __init__(self, link: WyomingLink) -> None:
        self.link = link
        link.start_hearing()

    def accept(self, chunk: AudioChunk) -> None:
        self.link.hear(chunk)

    def finish(self, speech_end: float | None = None) -> Transcript:
        began = time.perf_counter()
        text = self.link.transcript()
        return Transcript(text, "hub", compute_ms=elapsed_ms(began))


def hub_handler(link: WyomingLink, session: str, area: str | None) -> Callable[[str], Reply]:
    """Each transcript asked of the hub in this satellite's conversation and area; the round trip
    is the reply's `total` (the listen loop adds it to the end-of-speech latency)."""

    def handle(text: str) -> Reply:
        began = time.perf_counter()
        answer = link.ask(text, session, area)
        said = answer.context
        return Reply(reply=answer.text, ok=bool(said.get("ok", answer.handled)), expert=said.get("expert"),
                     api=said.get("api"), asks=said.get("asks"),
                     needs_confirmation=bool(said.get("needs_confirmation")),
                     timings_ms={"total": elapsed_ms(began)})

    return handle


def satellite_loop(link: WyomingLink, *, session: str, area: str | None, speaker: Speaker,
                   wake: WakeWordDetector | None, wake_phrase: str | None = None,
                   settings: LoopSettings = LoopSettings()) -> ListenLoop:
    """The listen loop of a satellite: wake word and endpoints here, the rest on the hub."""
    return ListenLoop(handle=hub_handler(link, session, area), stt=HubSTT(link), speaker=speaker,
                      wake=wake, wake_phrase=wake_phrase, settings=settings)


def hub_offers_speech(link: WyomingLink) -> str | None:
    """None when the hub offers what a satellite needs; else what it lacks, in words."""
    info = link.describe()
    lacking = [name for name, programs in (("conversation", info.handle), ("speech-to-text", info.asr),
                                           ("text-to-speech", info.tts)) if not programs]
    return ", ".join(lacking) or None
