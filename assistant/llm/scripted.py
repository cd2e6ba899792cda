"""A scripted backend for tests: returns queued outputs (or a rule's answer), records every prompt;
given `on_text`, it hands the output over word by word, as a model streams it."""
from __future__ import annotations

import json
import re
from collections import deque
from typing import Any, Callable

from assistant.llm.backend import ChatMessage, Generation, ModelError

Rule = Callable[[list[ChatMessage]], str | dict]


class ScriptedLLM:
    """Goes through the same interface and role registry as the real backend."""

    def __init__(self, outputs: list[str | dict] | None = None, rule: Rule | None = None,
                 name: str = "scripted") -> None:
        self.name = name
        self._queue: deque[str | dict] = deque(outputs or [])
        self._rule = rule
        self.prompts: list[list[ChatMessage]] = []
        self.prefills: list[str] = []  # the start of the assistant turn each prompt came with
        self.drafts: list[str] = []  # the guessed output each prompt came with ("" for none)

    def enqueue(self, *outputs: str | dict) -> None:
        self._queue.extend(outputs)

    def generate(self, messages: list[ChatMessage], *, schema: dict[str, Any] | None = None,
                 temperature: float = 0.0, max_tokens: int = 128, prefill: str = "",
                 frame: tuple[str, str] = ("", ""), lookahead: int = 0, draft: str = "",
                 accept_within: float | None = None, on_text: Callable[[str], None] | None = None) -> Generation:
        self.prompts.append(list(messages))
        self.prefills.append(prefill)
        self.drafts.append(draft)
        if self._queue:
            output = self._queue.popleft()
        elif self._rule is not None:
            output = self._rule(messages)
        else:
            raise ModelError("ScriptedLLM has no output queued")
        text = output if isinstance(output, str) else frame[0] + json.dumps(output) + frame[1]
        if on_text is not None:
            for piece in re.findall(r"\s*\S+|\s+$", text):
                on_text(piece)
        return Generation(text=text, prompt_tokens=sum(len(m.content.split()) for m in messages),
                          completion_tokens=len(text.split()))
