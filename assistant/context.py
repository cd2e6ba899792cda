"""What an expert API receives besides its arguments: state, time, and who is asking from where."""
from __future__ import annotations

from dataclasses import dataclass
from typing import Callable

import sqlite_utils

from assistant.clock import Clock
from assistant.messages import Utterance


@dataclass
class ExpertContext:
    db: sqlite_utils.Database
    clock: Clock
    utterance: Utterance | None = None
    compose: Callable[[str], str] | None = None  # the chat model, for experts whose job is talk

    @property
    def area(self) -> str | None:
        """The area of the input device ("it's dark in here" resolves to it)."""
        return self.utterance.area if self.utterance else None
