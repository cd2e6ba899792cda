"""Route with a language model: constrained JSON out, validated against the registry before use."""
from __future__ import annotations

import json
import math
from dataclasses import dataclass, field

from pydantic import ValidationError

from assistant.llm.backend import ChatMessage, LLMBackend
from assistant.messages import Decision, DecisionSource
from assistant.registry import Registry, RegistryError
from assistant.routing.prompt import routing_messages
from assistant.routing.schema import DECLINE, decision_schema


PRIOR_NAME = {DECLINE: "none"}  # the classifier's label for "no expert serves this"


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
    expert_scores: dict[str, float] = field(default_factory=dict)


class ModelRouter:
    def __init__(self, llm: LLMBackend, registry: Registry, source: DecisionSource = "confirmer",
                 max_tokens: int = 96, prior_weight: float = 1.0) -> None:
        self.llm = llm
        self.prior_weight = prior_weight
        self.registry = registry
        self.source = source
        self.max_tokens = max_tokens
        self._schema = decision_schema(registry)

    def decide(self, text: str, context: str | None = None,
               prior: dict[str, float] | None = None) -> tuple[Decision, RoutingTrace]:
        """Ask the model; on invalid output retry once with the error, then give up clearly.

        With a `prior` (expert → probability, e.g. from the embedding classifier; "none" for no
        expert) and a backend that can rank continuations, the expert is chosen first from the
        model's log-probabilities of every expert name plus the weighted prior (one forward
        pass), and the answer is then constrained to that expert's APIs."""
        trace = RoutingTrace()
        messages = routing_messages(self.registry, text, context)
        schema = self._schema
        if prior is not None and hasattr(self.llm, "rank_continuations"):
            expert = self._choose_expert(messages, prior, trace)
            if expert == DECLINE:
                return Decision(declined=True, source=self.source), trace
            schema = decision_schema(self.registry, list(self.registry.expert(expert).apis.values()))
        error = None
        for _ in range(2):
            generation = self.llm.generate(messages, schema=schema, temperature=0.0,
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

    def _choose_expert(self, messages: list[ChatMessage], prior: dict[str, float],
                       trace: RoutingTrace) -> str:
        names = [e.name for e in self.registry.experts()] + [DECLINE]
        ranked = self.llm.rank_continuations(messages, '{"api":"', {n: n for n in names})
        combined = {n: ranked[n] + self.prior_weight * math.log(max(prior.get(PRIOR_NAME.get(n, n), 0.0), 1e-4))
                    for n in names}
        trace.expert_scores = {n: round(v, 2) for n, v in sorted(combined.items(), key=lambda kv: -kv[1])}
        return max(combined, key=combined.get)

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
