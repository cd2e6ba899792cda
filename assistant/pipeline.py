"""The pipeline: utterance → guardrails → fast path or model routing → confirmation → expert → Reply."""
from __future__ import annotations

import time
from dataclasses import dataclass, field

import sqlite_utils

from assistant import guardrails
from assistant.clock import Clock
from assistant.context import ExpertContext
from assistant.llm.backend import ChatMessage
from assistant.llm.roles import ModelRoles
from assistant.messages import ActionResult, Decision, Reply, Utterance
from assistant.registry import ApiSpec, Registry
from assistant.routing import fastpath
from assistant.routing.model_router import ModelRouter
from assistant.storage.core_tables import log_action, park_action, take_pending

DECLINE_REPLY = ("Sorry, I can't do that. I can help with your home's devices, timers, reminders, "
                 "lists, notifications, things to remember, and a chat.")
NOT_UNDERSTOOD = "Sorry, I didn't get that. Could you say it another way?"
CHAT_PERSONA = ("You are a warm, witty voice assistant in the user's home. Reply in one or two short "
                "spoken sentences. Never claim to have done anything in the home.")


@dataclass
class Assistant:
    db: sqlite_utils.Database
    clock: Clock
    registry: Registry
    roles: ModelRoles
    input_area: str | None = None
    _router: ModelRouter | None = field(default=None, init=False, repr=False)

    @property
    def router(self) -> ModelRouter:
        if self._router is None:
            config = self.roles.settings.role("confirmer")
            self._router = ModelRouter(self.roles.get("confirmer"), self.registry,
                                       max_tokens=config.max_tokens)
        return self._router

    def handle(self, text: str, *, source: str = "text", area: str | None = None) -> Reply:
        started = time.perf_counter()
        utterance = Utterance(text=guardrails.clean_input(text), source=source,
                              area=area or self.input_area)
        problem = guardrails.input_problem(utterance.text)
        if problem:
            return Reply(reply=problem, ok=False, timings_ms=_since(started))
        timings: dict[str, float] = {}
        decision = fastpath.match(utterance.text)
        if decision is None:
            decision, trace = self.router.decide(utterance.text)
            timings.update(route=trace.model_ms, prompt_tokens=trace.prompt_tokens,
                           completion_tokens=trace.completion_tokens)
        reply = self._act(utterance, decision, started, timings)
        reply.timings_ms = {**timings, **reply.timings_ms, "total": _since(started)["total"]}
        return reply

    def _act(self, utterance: Utterance, decision: Decision, started: float,
             timings: dict[str, float]) -> Reply:
        if decision.source == "confirmation":
            return self._answer_confirmation(utterance, decision, started)
        if decision.declined:
            return Reply(reply=DECLINE_REPLY, declined=True)
        if decision.qualified is None:
            return Reply(reply=NOT_UNDERSTOOD, ok=False)
        spec = self.registry.api(decision.expert, decision.api)
        if guardrails.ungrounded_arguments(spec, decision.args, utterance.text):
            return Reply(reply=DECLINE_REPLY, declined=True, args=decision.args,
                         data={"ungrounded": f"{spec.qualified} {decision.args}"})
        question = guardrails.confirmation_question(self.registry, spec, decision.args, self.db)
        if question:
            park_action(self.db, at=self.clock.now(), expert=spec.expert, api=spec.name,
                        args=decision.args, question=question)
            return Reply(reply=question, expert=spec.expert, api=spec.name, args=decision.args,
                         needs_confirmation=True)
        return self._run(utterance, spec, decision.args, decision.source, started)

    def _answer_confirmation(self, utterance: Utterance, decision: Decision, started: float) -> Reply:
        status = "confirmed" if decision.api == "confirm" else "denied"
        pending = take_pending(self.db, self.clock.now(), status)
        if pending is None:
            spec = self.registry.api("system", "stop")  # a bare yes/no with nothing to confirm
            return self._run(utterance, spec, {}, "fastpath", started)
        if status == "denied":
            return Reply(reply="OK, I won't.", expert=pending["expert"], api=pending["api"],
                         args=pending["args"])
        spec = self.registry.api(pending["expert"], pending["api"])
        return self._run(utterance, spec, pending["args"], "confirmation", started)

    def _run(self, utterance: Utterance, spec: ApiSpec, args: dict, source: str,
             started: float) -> Reply:
        ctx = ExpertContext(db=self.db, clock=self.clock, utterance=utterance, compose=self._compose)
        result = execute(spec, args, ctx)
        executed = _since(started)["total"]
        log_action(self.db, at=self.clock.now(), text=utterance.text, expert=spec.expert,
                   api=spec.name, args=args, source=source, ok=result.ok, reply=result.reply,
                   undo=result.undo)
        return Reply(reply=result.reply, expert=spec.expert, api=spec.name, args=args, ok=result.ok,
                     data=result.data, timings_ms={"first_action": executed, "confirmed": executed})

    def _compose(self, text: str) -> str:
        config = self.roles.settings.role("chat")
        messages = [ChatMessage("system", CHAT_PERSONA), ChatMessage("user", text)]
        return self.roles.get("chat").generate(messages, temperature=config.temperature,
                                               max_tokens=config.max_tokens).text


def execute(spec: ApiSpec, args: dict, ctx: ExpertContext) -> ActionResult:
    """Run one validated API call; an expert's crash becomes a clear failed result, not a traceback."""
    try:
        return spec.func(ctx, **args)
    except Exception as exc:  # noqa: BLE001 - errors travel as data
        return ActionResult(ok=False, reply=f"Sorry, something went wrong with {spec.qualified}: {exc}")


def _since(started: float) -> dict[str, float]:
    return {"total": round((time.perf_counter() - started) * 1000, 1)}
