"""The interface every language-model backend implements."""
from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Callable, Literal, Protocol


class ModelError(RuntimeError):
    """A model could not be loaded or run; the message says how to fix it."""


class RankingUnavailable(ModelError):
    """This backend cannot rank continuations now (e.g. a server that returns no log-probabilities):
    the caller chooses by generation instead."""


@dataclass(frozen=True)
class ChatMessage:
    role: Literal["system", "user", "assistant"]
    content: str


@dataclass(frozen=True)
class Generation:
    text: str
    prompt_tokens: int = 0
    completion_tokens: int = 0
    elapsed_ms: float = 0.0
    prefix_cache: str = "off"  # how the stable prefix was obtained: warm, memory, disk, cold, off
    drafted: int = 0  # output tokens taken from a draft (checked in a batch, no step of their own)


class LLMBackend(Protocol):
    """Chat completion, optionally constrained to a JSON schema. Stable messages first (cacheable).
    `on_text`, if given, is called with each piece of the output as it is generated (the pieces
    make up `Generation.text`; a backend that cannot stream calls it once, with the whole text)."""

    name: str

    def generate(self, messages: list[ChatMessage], *, schema: dict[str, Any] | None = None,
                 temperature: float = 0.0, max_tokens: int = 128,
                 on_text: Callable[[str], None] | None = None) -> Generation: ...
