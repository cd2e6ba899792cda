"""A Wyoming conversation (intent-handling) service on the hub: text in, text out, so Home
Assistant's Wyoming integration (or any Wyoming client) can use this assistant as its agent.

    describe              -> info (one `handle` program, English)
    transcript {text, context?} -> handled {text, context} | not-handled {text, context}

`context.conversation_id` (else one per connection) is the session, `context.area` the room; the
reply's context carries the conversation id back. Wyoming has no authentication: it listens on
loopback unless `--wyoming-host` says otherwise.
"""
from __future__ import annotations

import asyncio
import itertools
import logging
import threading
from dataclasses import dataclass

from wyoming.asr import Transcript
from wyoming.event import Event
from wyoming.handle import Handled, NotHandled
from wyoming.info import Attribution, Describe, HandleModel, HandleProgram, Info
from wyoming.server import AsyncEventHandler, AsyncTcpServer

from assistant import errorlog
from assistant.hub.contract import AskRequest
from assistant.hub.engine import Engine

ATTRIBUTION = Attribution(name="assistant", url="https://localhost/assistant")
_connections = itertools.count(1)


def info(version: str) -> Info:
    model = HandleModel(name="assistant", attribution=ATTRIBUTION, installed=True,
                        description="Local experts: home, timers, reminders, lists, documents, chat",
                        version=version, languages=["en"])
    return Info(handle=[HandleProgram(name="assistant", attribution=ATTRIBUTION, installed=True,
                                      description="A local, private assistant", version=version,
                                      models=[model])])


class ConversationHandler(AsyncEventHandler):
    """One Wyoming connection: each transcript is a request in its conversation."""

    def __init__(self, engine: Engine, version: str, *args) -> None:
        super().__init__(*args)
        self.engine, self.version = engine, version
        self.session = f"wyoming-{next(_connections)}"

    async def handle_event(self, event: Event) -> bool:
        if Describe.is_type(event.type):
            await self.write_event(info(self.version).event())
        elif Transcript.is_type(event.type):
            try:
                reply = await self._answer(Transcript.from_event(event))
            except Exception as exc:  # noqa: BLE001 - a failed request is an answer, never a dropped connection
                line = errorlog.report(exc, "hub wyoming transcript")
                logging.getLogger("assistant.hub").error("wyoming transcript failed: %s", line)
                reply = NotHandled(text=f"Sorry, that failed: {line}").event()
            await self.write_event(reply)
        return True

    async def _answer(self, transcript: Transcript) -> Event:
        context = transcript.context if isinstance(transcript.context, dict) else {}
        session = str(context.get("conversation_id") or self.session)
        area = context.get("area") if isinstance(context.get("area"), str) else None
        request = AskRequest(text=transcript.text or "", session=session, area=area)
        answer = await asyncio.to_thread(self.engine.ask, request)  # the model call off the event loop
        back = {"conversation_id": request.conversation}
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


def start_wyoming(engine: Engine, host: str = "127.0.0.1", port: int = 0, version: str = "") -> WyomingService:
    """Serve the conversation service on host:port (0: a free port) in a thread of its own."""
    server = AsyncTcpServer(host, port)
    loop = asyncio.new_event_loop()
    thread = threading.Thread(target=loop.run_forever, name="wyoming", daemon=True)
    thread.start()
    factory = lambda reader, writer: ConversationHandler(engine, version, reader, writer)  # noqa: E731
    asyncio.run_coroutine_threadsafe(server.start(factory), loop).result(10)
    bound = server._server.sockets[0].getsockname()[1]  # the port chosen for port 0
    return WyomingService(server, loop, thread, bound)
