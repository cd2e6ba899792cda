"""The hub's Wyoming service: a conversation (intent-handling) service, text in, text out, so Home
Assistant's Wyoming integration (or any Wyoming client) can use this assistant as its agent; with
`speech`, speech-to-text and text-to-speech too (wyoming_speech.py). The satellites use all three.

    describe              -> info (`handle`; with speech also `asr` and `tts`; English)
    transcript {text, context?} -> handled {text, context} | not-handled {text, context}
    audio-start audio-chunk… audio-stop -> transcript {text}          (speech)
    synthesize {text}     -> audio-start audio-chunk… audio-stop       (speech)

`context.conversation_id` (else one per connection) is the session, `context.area` the room; the
reply's context carries the conversation id back, and whether the reply waits for an answer
(`continue_conversation`). Wyoming has no authentication: it listens on loopback unless the hub's
host says otherwise.
"""
from __future__ import annotations

import asyncio
import itertools
import logging
import threading
from dataclasses import dataclass

from wyoming.asr import Transcribe, Transcript
from wyoming.audio import AudioChunk, AudioStart, AudioStop
from wyoming.error import Error
from wyoming.event import Event
from wyoming.handle import Handled, NotHandled
from wyoming.info import Describe, HandleModel, HandleProgram, Info
from wyoming.server import AsyncEventHandler, AsyncTcpServer
from wyoming.tts import Synthesize

from assistant import errorlog
from assistant.hub.contract import AskRequest
from assistant.hub.engine import Engine
from assistant.hub.wyoming_speech import ATTRIBUTION, Hearing, HubSpeech

log = logging.getLogger("assistant.hub")
_connections = itertools.count(1)


def info(version: str, speech: HubSpeech | None = None) -> Info:
    model = HandleModel(name="assistant", attribution=ATTRIBUTION, installed=True,
                        description="Local experts: home, timers, reminders, lists, documents, chat",
                        version=version, languages=["en"])
    return Info(handle=[HandleProgram(name="assistant", attribution=ATTRIBUTION, installed=True,
                                      description="A local, private assistant", version=version,
                                      models=[model])],
                **(speech.programs(version) if speech else {}))


class ConversationHandler(AsyncEventHandler):
    """One Wyoming connection: each transcript is a request in its conversation; audio is heard
    and text spoken when the hub has speech."""

    def __init__(self, engine: Engine, version: str, speech: HubSpeech | None, *args) -> None:
        super().__init__(*args)
        self.engine, self.version, self.speech = engine, version, speech
        self.session = f"wyoming-{next(_connections)}"
        self.hearing: Hearing | None = None

    async def handle_event(self, event: Event) -> bool:
        try:
            await self._handle(event)
        except Exception as exc:  # noqa: BLE001 - a failed request is an answer; the connection stays
            line = errorlog.report(exc, f"hub wyoming {event.type}")
            log.error("Wyoming %s failed: %s", event.type, line)
            await self.write_event(Error(f"the hub failed: {line}", "failed").event())
        return True

    async def _handle(self, event: Event) -> None:
        kind = event.type
        if Describe.is_type(kind):
            await self.write_event(info(self.version, self.speech).event())
        elif Transcript.is_type(kind):
            await self.write_event(await self._answer(Transcript.from_event(event)))
        elif Transcribe.is_type(kind) or AudioStart.is_type(kind) or AudioChunk.is_type(kind) \
                or AudioStop.is_type(kind) or Synthesize.is_type(kind):
            await self._speech(event)

    async def _speech(self, event: Event) -> None:
        if self.speech is None:
            return await self.write_event(Error("this hub serves no speech (start it with --wyoming-speech)",
                                                "no-speech").event())
        if AudioStart.is_type(event.type):
            self.hearing = self.speech.hear()
        elif AudioChunk.is_type(event.type):
            self.hearing = self.hearing or self.speech.hear()
            self.hearing.accept(AudioChunk.from_event(event))
        elif AudioStop.is_type(event.type):
            hearing, self.hearing = self.hearing, None
            text = await asyncio.to_thread(hearing.finish) if hearing is not None else ""
            await self.write_event(Transcript(text=text).event())
        elif Synthesize.is_type(event.type):
            for spoken in await asyncio.to_thread(self.speech.spoken, Synthesize.from_event(event).text):
                await self.write_event(spoken)

    async def _answer(self, transcript: Transcript) -> Event:
        context = transcript.context if isinstance(transcript.context, dict) else {}
        session = str(context.get("conversation_id") or self.session)
        area = context.get("area") if isinstance(context.get("area"), str) else None
        request = AskRequest(text=transcript.text or "", session=session, area=area)
        answer = await asyncio.to_thread(self.engine.ask, request)  # the model call off the event loop
        back = {"conversation_id": request.conversation, **({"area": area} if area else {}),
                "continue_conversation": bool(answer["asks"] or answer["needs_confirmation"]),
                **{key: answer[key] for key in ("ok", "expert", "api", "asks", "needs_confirmation")}}
        if answer["ok"] and not answer["declined"]:
            return Handled(text=answer["reply"], context=back).event()
        return NotHandled(text=answer["reply"], context=back).event()


@dataclass
class WyomingService:
    server: AsyncTcpServer
    loop: asyncio.AbstractEventLoop
    thread: threading.Thread
    port: int

    @property
    def uri(self) -> str:
        return f"tcp://{self.server.host}:{self.port}"

    def stop(self) -> None:
        asyncio.run_coroutine_threadsafe(self.server.stop(), self.loop).result(5)
        self.loop.call_soon_threadsafe(self.loop.stop)
        self.thread.join(5)


def start_wyoming(engine: Engine, host: str = "127.0.0.1", port: int = 0, version: str = "",
                  speech: HubSpeech | None = None) -> WyomingService:
    """Serve the conversation service (and `speech`) on host:port (0: a free port) in a thread of its own."""
    server = AsyncTcpServer(host, port)
    loop = asyncio.new_event_loop()
    thread = threading.Thread(target=loop.run_forever, name="wyoming", daemon=True)
    thread.start()
    factory = lambda reader, writer: ConversationHandler(engine, version, speech, reader, writer)  # noqa: E731
    asyncio.run_coroutine_threadsafe(server.start(factory), loop).result(10)
    bound = server._server.sockets[0].getsockname()[1]  # the port chosen for port 0
    return WyomingService(server, loop, thread, bound)
