"""Route with a language model: constrained JSON out, validated against the registry before use."""
from __future__ import annotations

import json
import math
import time
from dataclasses import dataclass, field
from typing import Callable

from pydantic import ValidationError

from assistant.llm.backend import ChatMessage, LLMBackend, RankingUnavailable
from assistant.messages import Decision, DecisionSource
from assistant.registry import ApiSpec, Registry, RegistryError
from assistant.routing.aliases import AliasTable
from assistant.routing.prompt import routing_messages
from assistant.routing.schema import DECLINE, compact_args_schema, decision_schema


PRIOR_NAME = {DECLINE: "none"}  # the classifier's label for "no expert serves this"
# (expert, alias table or None) -> the state that expert's request needs in its prompt, or ""
ExpertContext = Callable[[str, AliasTable | None], str]


class InvalidModelOutput(ValueError):
    """The model's output is not a valid call of a registered API."""


@dataclass
class RoutingTrace:
    """What routing cost: for timings, token accounting and the --trace mode."""

    prompt_tokens: int = 0
    completion_tokens: int = 0
    drafted_tokens: int = 0
    model_ms: float = 0.0
    rank_expert_ms: float = 0.0  # the expert-ranking pass (0 when a cue or the evidence settled it)
    rank_api_ms: float = 0.0  # the API-ranking passes (0 when one API or the evidence settled it)
    attempts: int = 0
    outputs: list[str] = field(default_factory=list)
    expert_scores: dict[str, float] = field(default_factory=dict)
    api_scores: dict[str, float] = field(default_factory=dict)
    messages: list[ChatMessage] = field(default_factory=list)

    def as_json(self) -> dict:
        return {"prompt": [{"role": m.role, "content": m.content} for m in self.messages],
                "outputs": self.outputs, "expert_scores": self.expert_scores, "api_scores": self.api_scores,
                "prompt_tokens": self.prompt_tokens, "completion_tokens": self.completion_tokens,
                "drafted_tokens": self.drafted_tokens,
                "attempts": self.attempts, "model_ms": round(self.model_ms, 1),
                "rank_expert_ms": round(self.rank_expert_ms, 1), "rank_api_ms": round(self.rank_api_ms, 1)}


def args_draft(spec: ApiSpec, args: dict) -> str:
    """The text the model would write for these arguments after `"args`: minified JSON with the
    required arguments first, then the optional ones by name (the grammar's order)."""
    required = [name for name in spec.required if name in args]
    optional = sorted(name for name in args if name not in spec.required)
    ordered = {name: args[name] for name in [*required, *optional] if args[name] is not None}
    return '":' + json.dumps(ordered, separators=(",", ":"), ensure_ascii=False) + "}"


class ModelRouter:
    def __init__(self, llm: LLMBackend, registry: Registry, source: DecisionSource = "confirmer",
                 max_tokens: int = 96, prior_weight: float = 1.0, minify: bool = True,
                 rank_api: bool = False, lookahead: int = 0, draft: bool = False,
                 accept_within: float | None = None) -> None:
        self.llm = llm
        self.draft = draft  # a hinted call of the chosen API drafts the arguments
        self.accept_within = accept_within  # a draft this close to the model's choices is its output
        self.rank_api = rank_api  # choose the API by ranking too; the model writes only the args
        self.lookahead = lookahead  # prompt-lookup draft tokens per step (0: plain decoding)
        self.minify = minify
        self.prior_weight = prior_weight
        self.registry = registry
        self.source = source
        self.max_tokens = max_tokens
        self._schema = decision_schema(registry)

    def decide(self, text: str, context: str | None = None, prior: dict[str, float] | None = None,
               expert_context: ExpertContext | None = None,
               hint: Decision | None = None, idle: tuple[str, ...] = (),
               settled: tuple[str | None, str | None] = (None, None),
               judged: bool = False) -> tuple[Decision, RoutingTrace]:
        """Ask the model; on invalid output retry once with the error, then give up clearly.

        With a `prior` (expert → probability, e.g. from the embedding classifier; "none" for no
        expert) and a backend that can rank continuations, the expert is chosen first from the
        model's log-probabilities of every expert name plus the weighted prior (one forward
        pass), and the answer is then constrained to that expert's APIs. Only then does the
        request get that expert's state (`expert_context`, e.g. the devices it points at), with
        ids minified to aliases that are restored in the output. With `rank_api`, the API too
        is chosen by ranking, and the model writes only its arguments; a `hint` (the fast
        router's call) of that API is the draft of those arguments. `idle` experts (nothing to
        serve yet) are not among the choices unless the prior is certain of one. `settled`: the
        expert and the qualified API that independent evidence already names (routing/settled.py),
        or None each: that one is not ranked. `judged`: the hint is a judgement its expert leaves to
        the model ("mac and cheese": one item or two?), so its draft is never taken whole."""
        trace = RoutingTrace()
        messages = routing_messages(self.registry, text, context)
        trace.messages = messages
        schema = self._schema
        aliases = AliasTable() if self.minify else None
        certain = self._certain(prior) if prior is not None else None  # a lexical cue decided
        if certain == DECLINE:  # what no expert can do: no model at all
            trace.expert_scores = {DECLINE: 0.0}
            return Decision(declined=True, source=self.source), trace
        only = self._only_call(certain) if certain else None
        if only is not None:  # a cue chose an expert whose one call takes nothing: no model to run
            trace.expert_scores = {certain: 0.0}
            return only, trace
        expert = None
        if prior is not None and hasattr(self.llm, "rank_continuations"):
            if certain or settled[0]:  # no forward pass to choose the expert
                expert = certain or settled[0]
                trace.expert_scores = {expert: 0.0}
            else:
                expert = self._choose_expert(messages, prior, trace, idle)
        if expert is not None:
            if expert == DECLINE:
                return Decision(declined=True, source=self.source), trace
            schema = decision_schema(self.registry, list(self.registry.expert(expert).apis.values()))
            state = expert_context(expert, aliases) if expert_context else ""
            if state:
                together = "\n".join(part for part in (state, context) if part)
                messages = trace.messages = routing_messages(self.registry, text, together)
            if self.rank_api and hasattr(self.llm, "choose_continuation"):
                decision = self._decide_args(messages, expert, aliases, trace, hint, settled[1], judged, text)
                if decision is not None:
                    return decision, trace
        error = None
        for _ in range(2):
            generation = self._generate(messages, schema, trace)
            try:
                return self.parse(generation.text, aliases), trace
            except InvalidModelOutput as exc:
                error = exc
                messages = messages + [ChatMessage("assistant", generation.text),
                                       ChatMessage("user", f"Invalid: {exc}. Answer again.")]
        return Decision(source=self.source, note=f"invalid model output: {error}"), trace

    def _decide_args(self, messages: list[ChatMessage], expert: str, aliases: AliasTable | None,
                     trace: RoutingTrace, hint: Decision | None = None, settled: str | None = None,
                     judged: bool = False, text: str = "") -> Decision | None:
        """The expert's API chosen by ranking its names after '{"api":"<expert>' (or the `settled`
        qualified API of this expert, unranked), then only the arguments generated (constrained to
        that API's argument schema); None if invalid, or if the backend cannot choose among
        continuations (the whole call is then generated)."""
        began = time.perf_counter()
        try:
            known = settled is not None and settled.partition(".")[0] == expert
            spec = self.registry.api(*settled.split(".", 1)) if known \
                else self._choose_api(messages, expert, trace, hint, text)
        except RankingUnavailable:
            return None
        finally:
            trace.rank_api_ms += (time.perf_counter() - began) * 1000
        call = f'{{"api":"{spec.qualified}","args'  # the model's own next token is '":{"'
        if not spec.json_schema().get("properties"):  # nothing to write
            trace.outputs.append(call + '":{}}')
        else:
            draft = args_draft(spec, hint.args) if self.draft and hint and hint.qualified == spec.qualified else ""
            generation = self._generate(messages, compact_args_schema(spec), trace, prefill=call,
                                        frame=('":', "}"), draft=draft, whole=not judged)
            trace.outputs[-1] = call + generation.text
        try:
            return self.parse(trace.outputs[-1], aliases)
        except InvalidModelOutput:
            return None

    def _choose_api(self, messages: list[ChatMessage], expert: str, trace: RoutingTrace,
                    hint: Decision | None = None, text: str = "") -> ApiSpec:
        """The expert's API by ranking; the `hint`'s API of this expert is what the backend
        expects, so it evaluates that API and the call's opening with the request in one batch
        where it can. (Not the arguments' draft: decoded after the model's first token agrees with
        it, never evaluated on speculation; scripts/bench_latency.py, session 22.)"""
        apis = {name: spec for name, spec in self.registry.expert(expert).apis.items() if spec.offered(text)}
        if len(apis) == 1:
            return next(iter(apis.values()))
        candidates = {name: f'.{name}","' for name in apis}
        expected = hint.api if hint is not None and hint.expert == expert and hint.api in apis else None
        if expected is None:
            chosen, scores = self.llm.choose_continuation(messages, f'{{"api":"{expert}', candidates)
        else:
            chosen, scores = self.llm.choose_continuation(messages, f'{{"api":"{expert}', candidates,
                                                          expected=expected, then="args")
        trace.api_scores = {n: round(v, 2) for n, v in sorted(scores.items(), key=lambda kv: -kv[1])}
        return apis[chosen]

    def _generate(self, messages: list[ChatMessage], schema: dict, trace: RoutingTrace,
                  prefill: str = "", frame: tuple[str, str] = ("", ""), draft: str = "", whole: bool = True):
        options = {"prefill": prefill, "frame": frame} if prefill else {}
        if self.lookahead:
            options["lookahead"] = self.lookahead
        if draft:
            options["draft"] = draft
            if self.accept_within is not None and whole:
                options["accept_within"] = self.accept_within
        generation = self.llm.generate(messages, schema=schema, temperature=0.0,
                                       max_tokens=self.max_tokens, **options)
        trace.attempts += 1
        trace.prompt_tokens += generation.prompt_tokens
        trace.completion_tokens += generation.completion_tokens
        trace.drafted_tokens += generation.drafted
        trace.model_ms += generation.elapsed_ms
        trace.outputs.append(generation.text)
        return generation

    def warm(self) -> str:
        """Prefetch: load the model and restore the stable prompt prefix before a request comes."""
        if not hasattr(self.llm, "warm_prefix"):
            return "off"
        return self.llm.warm_prefix(routing_messages(self.registry, "")[0])

    def explain(self, trace: RoutingTrace, max_tokens: int = 60) -> str:
        """Debug mode only: the model's one-sentence reason for the call it made. Asked after the
        decision, so tracing never changes what runs."""
        if not trace.outputs:
            return ""
        messages = trace.messages + [ChatMessage("assistant", trace.outputs[-1]),
                                     ChatMessage("user", "In one short sentence: why this call?")]
        return self.llm.generate(messages, temperature=0.0, max_tokens=max_tokens).text.strip()

    def _choose_expert(self, messages: list[ChatMessage], prior: dict[str, float],
                       trace: RoutingTrace, idle: tuple[str, ...] = ()) -> str | None:
        """The expert the ranking plus the prior choose, never an `idle` one; None when the backend
        cannot rank (an endpoint without log-probabilities): the call is then generated against every API."""
        names = [name for name in self._names() if name not in idle]
        began = time.perf_counter()
        try:
            ranked = self.llm.rank_continuations(messages, '{"api":"', {n: n for n in names})
        except RankingUnavailable:
            return None
        finally:
            trace.rank_expert_ms += (time.perf_counter() - began) * 1000
        combined = {n: ranked[n] + self.prior_weight * math.log(max(prior.get(PRIOR_NAME.get(n, n), 0.0), 1e-4))
                    for n in names}
        trace.expert_scores = {n: round(v, 2) for n, v in sorted(combined.items(), key=lambda kv: -kv[1])}
        return max(combined, key=combined.get)

    def _only_call(self, expert: str) -> Decision | None:
        """The call of an expert with one API that takes no arguments (chat.respond), else None."""
        apis = list(self.registry.expert(expert).apis.values())
        if len(apis) != 1 or apis[0].properties:
            return None
        return Decision(expert=expert, api=apis[0].name, args={}, source=self.source)

    def _certain(self, prior: dict[str, float]) -> str | None:
        """The expert (or DECLINE) a prior is certain of, if any (routing/cues.py)."""
        return next((n for n in self._names() if prior.get(PRIOR_NAME.get(n, n), 0.0) >= 1.0), None)

    def _names(self) -> list[str]:
        """What the expert choice is between: every expert, and declining."""
        return [e.name for e in self.registry.experts()] + [DECLINE]

    def parse(self, text: str, aliases: AliasTable | None = None) -> Decision:
        try:
            data = json.loads(text)
            if aliases is not None:
                data = aliases.restore(data)
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
