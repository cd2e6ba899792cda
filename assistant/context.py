"""What an expert API receives besides its arguments: state, time, who is asking from where, and
the turn before (experts never read routing state themselves)."""
from __future__ import annotations

from dataclasses import dataclass
from typing import Callable, Protocol

import sqlite_utils

from assistant.clock import Clock
from assistant.messages import Turn, Utterance


class Compose(Protocol):
    """The chat model's answer to `text`; `on_text` is given it piece by piece as it is generated."""

    def __call__(self, text: str, on_text: Callable[[str], None] | None = None) -> str: ...


class Aliases(Protocol):
    """Short stand-ins for long ids in a prompt (see `assistant.routing.aliases.AliasTable`)."""

    def alias(self, identifier: str) -> str: ...


@dataclass
class ExpertContext:
    db: sqlite_utils.Database
    clock: Clock
    utterance: Utterance | None = None
    compose: Compose | None = None  # the chat model, for experts whose job is talk
    previous: Turn | None = None  # the last action still in effect, if recent ("add eggs too")
    capabilities: str = "your home"  # what the assistant offers, in words (for "help")
    # undoes the last action still in effect and returns what it had said it did (None: nothing to undo)
    undo_last: Callable[[], str | None] | None = None
    # what the assistant said last in this conversation (None: nothing recent)
    last_reply: Callable[[], str | None] | None = None
    # says the start of the reply at once (a chat reply's first sentence, assistant/streaming.py);
    # given only to a call whose reply is final, never to a speculative one that may be undone
    say_early: Callable[[str], None] | None = None

    @property
    def area(self) -> str | None:
        """The area of the input device ("it's dark in here" resolves to it)."""
        return self.utterance.area if self.utterance else None

    @property
    def said(self) -> str:
        """The words the user said ("" for a direct call)."""
        return self.utterance.text if self.utterance else ""
