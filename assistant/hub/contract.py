"""The hub's JSON contract (docs/architecture.md, "The hub").

    GET  /health              no token: {"ok": true, "pid": .., "version": .., "uptime_s": .., "sessions": ..}
    POST /v1/ask              AskRequest -> the object `assistant ask --json` prints ("via": "hub")
    GET  /v1/views            the listings' nouns
    GET  /v1/NOUN?limit=N     what `assistant NOUN --json` prints (timers, reminders, lists, devices, ...)

Every /v1 request sends `Authorization: Bearer TOKEN`. Errors are {"error": "..."} with 400 (bad
JSON or fields), 401 (token), 404, 405, 413 (body too large), 500 or 503 (busy).
"""
from __future__ import annotations

from datetime import datetime
from typing import Any

from pydantic import BaseModel, ConfigDict, Field

from assistant.messages import Reply
from assistant.safe_input import without_surrogates
from assistant.storage.conversations import DEFAULT

MAX_TEXT = 4000  # characters of one request's text


class AskRequest(BaseModel):
    """One utterance, as `assistant ask` takes it."""

    model_config = ConfigDict(extra="forbid")
    text: str = Field(max_length=MAX_TEXT)
    session: str | None = None  # the conversation: its previous turn, its waiting questions
    area: str | None = Field(None, max_length=200)  # the room the client is in
    now: datetime | None = None  # a frozen time for this request (tests; ASSISTANT_NOW on the client)

    @property
    def conversation(self) -> str:
        return conversation_id(self.session)


def conversation_id(session: str | None) -> str:
    """A session name as a conversation id (stripped, at most 64 characters); none is the default
    conversation, the one every one-shot `ask` shares."""
    name = without_surrogates((session or "").strip())[:64]
    return name or DEFAULT


def reply_json(reply: Reply, via: str) -> dict[str, Any]:
    """What `ask --json` prints, and what POST /v1/ask returns: the reply and where it was made."""
    return {**reply.model_dump(), "via": via}
