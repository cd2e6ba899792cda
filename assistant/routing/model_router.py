"""Route with a language model: constrained JSON out, validated against the registry before use."""
from __future__ import annotations

import json
from dataclasses import dataclass, field

from pydantic import ValidationError

from assistant.llm.backend import ChatMessage, LLMBackend
from assistant.messages import Decision, DecisionSource
from assistant.registry import Registry, RegistryError
from assistant.routing.prompt import routing_messages
from assistant.routing.schema import DECLINE, decision_schema


class InvalidModelOutput(ValueError):
    """The model's output is not a valid call of a registered API."""


@dataclass
class RoutingTrace:
    """What routing cost: for timings, token accounting and the --trace mode."""

    prompt_tokens: int = 0
    completion_tokens: int = 0
    model_ms: float = 0.0
    attempts: int = 0
    outputs: list[str] = field(default_factory=list)


class ModelRouter:
    def __init__(self, llm: LLMBackend, registry: Registry, source: DecisionSource = "confirmer",
                 max_tokens: int = 96) -> None:
        self.llm = llm
        self.registry = registry
        self.source = source
        self.max_tokens = max_tokens
        self._schema = decision_schema(registry)

    def decide(self, text: str, context: str | None = None) -> tuple[Decision, RoutingTrace]:
        """Ask the model; on invalid output retry once with the error, then give up clearly."""
        trace = RoutingTrace()
        messages = routing_messages(self.registry, text, context)
        error = None
        for _ in range(2):
            generation = self.llm.generate(messages, schema=self._schema, temperature=0.0,
                                           max_tokens=self.max_tokens)
            trace.attempts += 1
            trace.prompt_tokens += generation.prompt_tokens
            trace.completion_tokens += generation.completion_tokens
            trace.model_ms += generation.elapsed_ms
            trace.outputs.append(generation.text)
            try:
                return self.parse(generation.text), trace
            except InvalidModelOutput as exc:
                error = exc
                messages = messages + [ChatMessage("assistant", generation.text),
                                       ChatMessage("user", f"Invalid: {exc}. Answer again.")]
        return Decision(source=self.source, note=f"invalid model output: {error}"), trace

    def parse(self, text: str) -> Decision:
        try:
            data = json.loads(text)
        except json.JSONDecodeError as exc:
            raise InvalidModelOutput(f"not JSON ({exc.msg})") from None
        if not isinstance(data, dict) or not isinstance(data.get("api"), str):
            raise InvalidModelOutput('expected an object with "api"')
        if data["api"] == DECLINE:
            return Decision(declined=True, source=self.source)
        expert, _, name = data["api"].partition(".")
        try:
            spec = self.registry.api(expert, name)
            args = spec.validate(data.get("args") or {})
        except RegistryError as exc:
            raise InvalidModelOutput(str(exc)) from None
        except ValidationError as exc:
            first = exc.errors()[0]
            raise InvalidModelOutput(f"{data['api']} argument {first['loc']}: {first['msg']}") from None
        return Decision(expert=expert, api=name, args=args, source=self.source)
