"""The listen loop: an explicit state machine over injected audio components.

    idle ──wake word──► awake ──speech starts──► listening ──speech ends──► routing ──► speaking
     ▲  (no-wake mode: speech starts → listening)                ▲                        │
     │                                                            └── awake (follow-up) ◄─┤ the reply asked
     └──────────────────────────── speech done / "stop" (barge-in) ◄──────────────────────┘

Every chunk goes to the wake-word detector and the endpointer in every state (their streams stay
continuous); what a detection or a speech event *does* depends on the state. At a tentative
endpoint (VadEvent.PAUSE) the transcription starts in the background and, given a `Planner`, so
does routing on that transcript (audio/ahead.py, no side effects); the assistant acts only at the
confirmed endpoint (SPEECH_END), once per utterance, on the transcript of all of it: the plan
made ahead is committed only if that transcript is the same text.
While a reply is spoken, the wake word or a spoken "stop" interrupts it (barge-in). A reply that
asks something (a yes, a missing value, "which one?") leaves the microphone open for
`follow_up` seconds once it has been spoken: the answer needs no wake word (as Home Assistant's
voice satellites do); silence closes it again. Given a planner, a chat reply's first sentence is
spoken as soon as it is written and the rest once the reply is done, after it (the loop waits for
the first sentence to end, as a speaker may cut off what it plays; audio heard meanwhile is
handled then, as during routing). `run()` yields one `Heard` per
handled utterance and keeps nothing else: an hour of input costs no more memory than a minute.
"""
from __future__ import annotations

import difflib
import re
import time
from collections import deque
from dataclasses import dataclass, field
from enum import Enum
from typing import Any, Callable, Iterator

from assistant.audio.ahead import PlanAhead, Planner
from assistant.audio.errors import AudioError
from assistant.audio.sources import CHUNK_SECONDS, AudioChunk, AudioSource
from assistant.audio.stt import SpeechToText, TranscriptionStream
from assistant.audio.tts import SilentSpeaker, Speaker
from assistant.audio.vad import EndpointSettings, Endpointer, EnergyVAD, VadEvent
from assistant.audio.wake import WakeWordDetector
from assistant.messages import Reply
from assistant.streaming import remainder


class State(Enum):
    IDLE = "idle"
    AWAKE = "awake"
    LISTENING = "listening"
    ROUTING = "routing"
    SPEAKING = "speaking"


@dataclass(frozen=True)
class LoopSettings:
    """Durations in seconds."""

    pre_roll: float = 0.4  # audio kept from before speech was detected (onset, clipped starts)
    awake_timeout: float = 5.0  # after the wake word, how long to wait for a command
    follow_up: float = 6.0  # after a reply that asks something, how long to wait for the answer (0: off)
    endpoint: EndpointSettings = EndpointSettings()


@dataclass
class Heard:
    """One handled utterance: what was heard and what the assistant did."""

    transcript: str
    reply: Reply
    partials: list[str] = field(default_factory=list)
    barge_in: bool = False
    stt_early: bool = False  # the transcript was begun at a tentative endpoint
    planned_early: bool = False  # routing was begun there too, and its plan was committed
    follow_up: bool = False  # an answer to the assistant's question, heard without the wake word

    def as_json(self) -> dict[str, Any]:
        """The fields of `assistant ask --json`, plus the transcript."""
        return {**self.reply.model_dump(), "transcript": self.transcript}


def is_stop(text: str) -> bool:
    """The fast path's own notion of "stop" ("stop", "cancel", "be quiet", ...)."""
    from assistant.routing import fastpath

    decision = fastpath.match(text)
    return decision is not None and (decision.expert, decision.api) == ("system", "stop")


def wake_phrase_pattern(name: str | None) -> re.Pattern[str]:
    """Leading wake-phrase words left in a transcript ("Hey Jarvis, turn on…", "Jarvis. Turn…"),
    and whatever a few words before a whole multi-word phrase ("So, hey Jarvis, turn on…": the
    pre-roll reaches back past the phrase's start, so as not to clip it)."""
    words = [re.escape(word) for word in (name or "").replace("_", " ").split() if word.isalpha()]
    if not words:
        return re.compile(r"(?!)")  # matches nothing
    phrase = words[0]
    for word in words[1:]:  # "hey jarvis" → (?:hey\W+)?jarvis: the last word, maybe its lead-in
        phrase = rf"(?:{phrase}\W+)?{word}"
    if len(words) > 1:
        whole = r"\W+".join(words)
        phrase = rf"(?:(?:\W*[\w']+){{0,3}}?\W*{whole}|{phrase})"
    return re.compile(rf"^\W*{phrase}\b\W*", re.IGNORECASE)


def keyword_of(name: str) -> str:
    """The distinctive word of a wake phrase: "hey_jarvis" → "jarvis"."""
    words = [w for w in re.split(r"[_\s]+", name.lower()) if w.isalpha()]
    return max(words, key=len) if words else ""


def similar(word: str, keyword: str, ratio: float) -> bool:
    return difflib.SequenceMatcher(None, word.lower(), keyword).ratio() >= ratio


def strip_wake_phrase(text: str, pattern: re.Pattern[str], keyword: str, lead_words: int = 2) -> str:
    """Drop a leading wake phrase: by the pattern, else up to a word like the keyword among the
    first `lead_words` ("Hey, Jarvi, what time is it" → "what time is it")."""
    text = pattern.sub("", text).strip()
    words = text.split()
    for index, word in enumerate(words[:lead_words]):
        if keyword and similar(re.sub(r"\W", "", word), keyword, 0.75):
            return re.sub(r"^\W+", "", " ".join(words[index + 1:]))
    return text


class ListenLoop:
    """Runs `handle(text) -> Reply` on every utterance heard in an audio source. Given a
    `planner` instead, it also routes ahead at tentative endpoints (see audio/ahead.py)."""

    def __init__(self, *, handle: Callable[[str], Reply] | None = None, stt: SpeechToText,
                 planner: Planner | None = None,
                 speaker: Speaker | None = None, wake: WakeWordDetector | None = None,
                 endpointer: Endpointer | None = None, settings: LoopSettings = LoopSettings(),
                 wake_phrase: str | None = None,
                 on_state: Callable[[State, State], None] | None = None,
                 on_partial: Callable[[str], None] | None = None,
                 on_warning: Callable[[str], None] | None = None,
                 vocabulary: Callable[[], list[str]] | None = None) -> None:
        """`vocabulary`: the names the user may say (devices, rooms, lists), read afresh for each
        utterance and handed to speech-to-text to bias it towards them."""
        if handle is None and planner is None:
            raise ValueError("ListenLoop needs a handle function or a planner")
        self.handle = handle or planner.handle
        self._streams = handle is None  # the planner's handle: it says a reply's start early
        self.planner, self.stt, self.wake = planner, stt, wake
        self.speaker = speaker or SilentSpeaker()
        self.endpointer = endpointer or Endpointer(EnergyVAD(), settings.endpoint)
        self.settings = settings
        self.wake_words = wake_phrase_pattern(wake_phrase or (wake.name if wake else None))
        self.wake_keyword = keyword_of(wake_phrase or (wake.name if wake else ""))
        self.on_state, self.on_partial = on_state, on_partial
        self.on_warning = on_warning or (lambda message: None)
        self.vocabulary = vocabulary
        self.state = State.IDLE
        pre_roll = settings.pre_roll + getattr(wake, "delay", 0.0)  # a late (verified) wake word
        self._recent: deque[AudioChunk] = deque(maxlen=max(1, round(pre_roll / CHUNK_SECONDS)))
        self._stream: TranscriptionStream | None = None
        self._ahead: PlanAhead | None = None  # routing begun at the last tentative endpoint
        self._barge_in = False  # the current utterance began while a reply was being spoken
        self._awake_until = 0.0
        self._asked = False  # the last reply asked something: listen for the answer once it is spoken
        self._answering = False  # awake for an answer (no wake word), not after the wake word
        self._follow_up = False  # the current utterance is such an answer

    # ------------------------------------------------------------------ driving
    def run(self, source: AudioSource) -> Iterator[Heard]:
        if self.wake:
            self.wake.reset()  # a fresh detector per stream
        self.endpointer.reset()
        last: AudioChunk | None = None
        for chunk in source:
            last = chunk
            heard = self.step(chunk)
            if heard is not None:
                yield heard
        if self.state is State.LISTENING and last is not None:  # the input ended mid-utterance
            heard = self._finish_utterance(last)
            if heard is not None:
                yield heard
        self.speaker.wait()  # let the last reply finish
        self._set(State.IDLE)

    def step(self, chunk: AudioChunk) -> Heard | None:
        """Process one chunk; returns a Heard when an utterance was handled."""
        woke = self.wake.process(chunk) if self.wake else False
        event = self.endpointer.feed(chunk)
        self._recent.append(chunk)
        if self.state is State.SPEAKING and not self.speaker.speaking:
            self._after_reply(chunk)
        if woke and (self.state is not State.LISTENING or self._barge_in):
            self._on_wake(chunk)  # (talk over a reply that turns out to be the wake word, too)
            return None
        if self.state is State.AWAKE and chunk.end > self._awake_until:
            self._answering = False
            self._set(State.IDLE)  # woken (or asked), but nothing was said
        if self.state is State.LISTENING:
            self._stream.accept(chunk)
            if event is VadEvent.PAUSE and hasattr(self._stream, "prepare"):
                self._prepare()
            elif event is VadEvent.SPEECH_END:
                return self._finish_utterance(chunk)
        elif event is VadEvent.SPEECH_START and self._may_listen():
            self._start_utterance()
        return None

    def _prepare(self) -> None:
        """A tentative endpoint: start transcribing, and routing if there is a planner; kept only
        if speech does not resume."""
        early = self._stream.prepare()
        self._drop_ahead()
        if early is not None and self.planner is not None:
            self._ahead = PlanAhead(self.planner, early, self._clean)

    def _drop_ahead(self) -> None:
        if self._ahead is not None:
            self._ahead.drop()
            self._ahead = None

    def _clean(self, transcript: str) -> str:
        return strip_wake_phrase(transcript, self.wake_words, self.wake_keyword)

    # ------------------------------------------------------------------ transitions
    def _set(self, state: State) -> None:
        if state is not self.state:
            old, self.state = self.state, state
            if self.on_state:
                self.on_state(old, state)

    def _may_listen(self) -> bool:
        """Speech starts an utterance when awake, in no-wake mode, or (for barge-in) while speaking."""
        return self.state in (State.AWAKE, State.SPEAKING) or (self.state is State.IDLE and not self.wake)

    def _on_wake(self, chunk: AudioChunk) -> None:
        if self.speaker.speaking:
            self.speaker.stop()  # the wake word interrupts a reply
        self._stream, self._barge_in, self._asked, self._answering = None, False, False, False
        self._drop_ahead()
        self._set(State.AWAKE)
        self._awake_until = chunk.end + self.settings.awake_timeout
        self.endpointer.reset()  # the command is the speech that starts after the wake word

    def _after_reply(self, chunk: AudioChunk) -> None:
        """The reply has been spoken: if it asked something, listen for the answer for a while."""
        asked, self._asked = self._asked, False
        if not asked or self.settings.follow_up <= 0:
            self._set(State.IDLE)
            return
        self._answering = True
        self._set(State.AWAKE)
        self._awake_until = chunk.end + self.settings.follow_up
        self.endpointer.reset()  # the answer is the speech that starts now, not the reply's echo

    def _start_utterance(self) -> None:
        self._barge_in = self.state is State.SPEAKING
        self._follow_up, self._answering = self._answering and not self._barge_in, False
        names = self.vocabulary() if self.vocabulary else []
        if getattr(self.wake, "delay", 0.0) and not self._follow_up:  # the pre-roll holds the wake phrase:
            names = [self.wake.name.replace("_", " "), *names]  # biased to it, it is heard right and stripped
        self._stream = self.stt.stream(self.on_partial, names) if names else self.stt.stream(self.on_partial)
        for chunk in self._recent:  # the pre-roll: speech onset and anything just before it
            self._stream.accept(chunk)
        self._set(State.LISTENING)

    def _finish_utterance(self, chunk: AudioChunk) -> Heard | None:
        endpoint_at = time.perf_counter()
        speech_end = self.endpointer.last_speech_end or chunk.end
        self._set(State.ROUTING)
        stream, self._stream = self._stream, None
        ahead, self._ahead = self._ahead, None
        transcript = stream.finish(speech_end)
        text = self._clean(transcript.text)
        if not text or (self._barge_in and not is_stop(text)):
            if ahead is not None:
                ahead.drop()
            self._set(State.SPEAKING if self.speaker.speaking else State.IDLE)
            return None  # nothing intelligible, or talk over a reply that was not "stop"
        if self._barge_in:
            self.speaker.stop()
        # the plan made ahead, if it was made on this very text (else it is dropped: it did nothing)
        plan = ahead.plan_for(text) if ahead is not None and transcript.started_early else None
        if ahead is not None and plan is None:
            ahead.drop()
        started = time.perf_counter()
        said: list[str] = []  # the reply's start, spoken already (never over a "stop")
        say_early = None if self._barge_in else lambda start: self._say_early(start, said)
        reply = self._respond(text, plan, started, say_early)
        waited = (chunk.end - speech_end) * 1000 + (started - endpoint_at) * 1000
        _add_timings(reply, transcript.compute_ms, waited)
        heard = Heard(text, reply, transcript.partials, self._barge_in, transcript.started_early,
                      planned_early=plan is not None, follow_up=self._follow_up)
        self._asked = not self._barge_in and bool(reply.asks or reply.needs_confirmation)
        self._speak(reply.reply if not self._barge_in else "", chunk, said[0] if said else None)
        return heard

    def _respond(self, text: str, plan, started: float, say_early: Callable[[str], None] | None) -> Reply:
        try:
            if plan is not None:
                return self.planner.commit(plan, started, say_early=say_early)
            return self.planner.handle(text, say_early=say_early) if self._streams else self.handle(text)
        except Exception as exc:  # noqa: BLE001 - errors travel as data; the loop keeps listening
            return Reply(reply=f"Sorry, something went wrong: {exc}", ok=False)

    def _say_early(self, start: str, said: list[str]) -> None:
        """Speak the start of the reply while the rest is being written (from the model's thread)."""
        try:
            self.speaker.speak(start)
        except AudioError:  # the whole reply is spoken (or the speaker's failure reported) at the end
            return
        said.append(start)

    def _speak(self, text: str, chunk: AudioChunk, said: str | None = None) -> None:
        """Speak the reply, or, after its start `said`, the rest once that start has been spoken (a
        reply that does not start with it is spoken whole, instead)."""
        rest = remainder(text, said)
        if said and rest is None:
            self.speaker.stop()
        elif said:
            if rest:
                self.speaker.wait()
            text = rest
        if text:
            self._set(State.SPEAKING)
            try:
                self.speaker.speak(text)
            except AudioError as exc:
                self.on_warning(f"{exc}. Replies are printed only from now on.")
                self.speaker = SilentSpeaker()
        if self.speaker.speaking:
            self._set(State.SPEAKING)
        else:
            self._after_reply(chunk)


def _add_timings(reply: Reply, stt_ms: float, before_handle_ms: float) -> None:
    """End-of-speech latencies: hangover + speech-to-text + routing (+ the expert's action)."""
    timings = reply.timings_ms
    total = timings.get("total", 0.0)
    timings["stt"] = stt_ms
    timings["end_of_speech_to_reply"] = round(before_handle_ms + total, 1)
    if "first_action" in timings:
        timings["end_of_speech_to_first_action"] = round(before_handle_ms + timings["first_action"], 1)
    if "reply_begins" in timings:
        timings["end_of_speech_to_reply_begins"] = round(before_handle_ms + timings["reply_begins"], 1)
