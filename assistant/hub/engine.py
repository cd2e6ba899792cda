"""The hub's work: one conversation per client session on shared, warm models; the listings.

Each session has its own `Assistant` (its conversation, its own database connection) and its own
lock (a client's requests run in order); the models, the classifier and the router are the
prototype's, behind one lock (guard.py). Listings read through a small pool of connections and
never wait for a model.
"""
from __future__ import annotations

import queue
import threading
import time
from datetime import datetime
from collections import OrderedDict
from dataclasses import dataclass, field
from typing import Any, Callable

import sqlite_utils

from assistant.clock import Clock
from assistant.hub.contract import AskRequest, reply_json
from assistant.hub.guard import Guarded, GuardedRoles
from assistant.llm.backend import ModelError
from assistant.pipeline import Assistant
from assistant.registry import View

OpenDb = Callable[[], sqlite_utils.Database]


class UnknownView(LookupError):
    """No listing has that noun."""


@dataclass
class Session:
    assistant: Assistant
    lock: threading.Lock = field(default_factory=threading.Lock)
    closed: bool = False  # closed for being least recent: a request that found it takes a new one


class Engine:
    """Serve `AskRequest`s and listings, concurrently, on one prototype assistant's models."""

    def __init__(self, prototype: Assistant, open_db: OpenDb, views: list[View], max_sessions: int = 64) -> None:
        self.prototype, self.open_db = prototype, open_db
        self.views = {view.noun: view for view in views}
        self.max_sessions = max_sessions
        self.clock = prototype.clock
        self.model_lock = threading.RLock()
        self.started = time.monotonic()
        self._sessions: OrderedDict[str, Session] = OrderedDict()
        self._sessions_lock = threading.Lock()
        self._readers: queue.LifoQueue[sqlite_utils.Database] = queue.LifoQueue()
        self._guard_models()

    def _guard_models(self) -> None:
        """Every model call of every session holds `model_lock`; the classifier has a lock of its own."""
        proto = self.prototype
        proto.roles = GuardedRoles(proto.roles, self.model_lock)
        if proto.classifier is not None:
            proto.classifier = Guarded(proto.classifier, threading.RLock())

    def warm(self) -> None:
        """Load the models and put the prompt prefix in place before the first client comes."""
        self.prototype.prepare()  # builds the classifier (if routing uses it) and the router
        if self.prototype.classifier is not None and not isinstance(self.prototype.classifier, Guarded):
            self.prototype.classifier = Guarded(self.prototype.classifier, threading.RLock())

    # ---------------------------------------------------------------------------- asking
    def ask(self, request: AskRequest) -> dict[str, Any]:
        """The reply to one utterance in the request's own conversation, as `ask --json` prints it."""
        while True:
            session = self._session_for(request.conversation)
            with session.lock:  # one client's turns in order; other sessions go on meanwhile
                if session.closed:
                    continue
                assistant = session.assistant
                assistant.clock = Clock(_local(request.now)) if request.now else self.clock
                reply = assistant.handle(request.text, area=request.area)
            return reply_json(reply, "hub")

    def _session_for(self, conversation: str) -> Session:
        with self._sessions_lock:
            session = self._sessions.get(conversation)
            if session is None:
                self._build_router()
                assistant = self.prototype.for_conversation(conversation, db=self.open_db())
                session = self._sessions[conversation] = Session(assistant)
                self._close_least_recent()
            self._sessions.move_to_end(conversation)
            return session

    def _build_router(self) -> None:
        """Built once (the first time, the model loads), before any session: every session shares it."""
        try:
            self.prototype.router
        except ModelError:  # no model: each request answers as the pipeline does without one
            pass

    def _close_least_recent(self) -> None:
        """Past `max_sessions`, the least recent idle sessions are closed (their turns stay in the
        database: a client coming back carries on where it was)."""
        for name in list(self._sessions)[: max(0, len(self._sessions) - self.max_sessions)]:
            session = self._sessions[name]
            if session.lock.acquire(blocking=False):
                del self._sessions[name]
                session.closed = True
                session.assistant.db.conn.close()
                session.lock.release()

    @property
    def session_count(self) -> int:
        return len(self._sessions)

    # ---------------------------------------------------------------------------- listings
    def listing(self, noun: str, limit: int | None = None) -> Any:
        """What `assistant NOUN --json` prints, read on a pooled connection (no model lock)."""
        view = self.views.get(noun)
        if view is None:
            raise UnknownView(noun)
        db = self._reader()
        try:
            data = view.rows(db, self.clock.now())
        finally:
            self._readers.put(db)
        return data[:limit] if limit is not None and isinstance(data, list) else data

    def vocabulary(self) -> list[str]:
        """The home's names (devices, rooms, lists): what speech-to-text is biased towards."""
        db = self._reader()
        try:
            return self.prototype.registry.vocabulary(db)
        finally:
            self._readers.put(db)

    def _reader(self) -> sqlite_utils.Database:
        try:
            return self._readers.get_nowait()
        except queue.Empty:
            return self.open_db()

    def close(self) -> None:
        with self._sessions_lock:
            for session in self._sessions.values():
                session.assistant.db.conn.close()
            self._sessions.clear()
        while not self._readers.empty():
            self._readers.get_nowait().conn.close()


def _local(when: datetime) -> datetime:
    """A request's time as local wall-clock time (an offset is kept: the same instant), as ASSISTANT_NOW reads."""
    return when.astimezone().replace(tzinfo=None) if when.tzinfo else when
