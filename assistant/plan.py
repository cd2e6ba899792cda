"""A Plan: one utterance worked out up to the point of acting, with no side effects.

`Assistant.plan(text)` makes it (guardrails, fast path, the fast router's proposal: a few ms);
`Assistant.confirm_ahead(plan)` adds the confirmer's decision (the model call, any thread);
`Assistant.commit(plan)` carries it out. `handle(text)` is `commit(plan(text))`. The voice loop
plans on the transcript it has at a tentative endpoint, while the user's silence is still being
timed, and commits only if the final transcript is the same text.
"""
from __future__ import annotations

import threading
from datetime import datetime
import time
from dataclasses import dataclass, field
from typing import Any, Callable

from assistant.deferral import Delay
from assistant.messages import Decision, Reply, Turn, Utterance
from assistant.routing.classifier import ExpertGuess
from assistant.routing.correction import Correction


@dataclass
class Plan:
    utterance: Utterance
    started: float = field(default_factory=time.perf_counter)
    timings: dict[str, float] = field(default_factory=dict)
    answer: Reply | None = None  # the guardrails answered: nothing to route
    decision: Decision | None = None  # the fast path's decision: final, no confirmer
    proposal: Decision | None = None  # the fast router's guess (speculation)
    confident: bool = False  # the proposal may skip the confirmer (opt-in)
    trusted: bool = False  # the proposal's expert and API are settled: its early action stands (`trust_settled`)
    asks_first: bool = False  # the proposal needs a yes: asked back at once, no confirmer (`ask_early`)
    guess: ExpertGuess | None = None  # the classifier's expert guess, reused as the confirmer's prior
    previous: Turn | None = None  # the last action still in effect, if recent
    context: str | None = None  # the previous turn for the router, when this is a follow-up
    routing_trace: dict | None = None  # how the confirmer decided (expert scores; --trace)
    confirmed: Decision | None = None  # the confirmer's decision, once made
    confirming: threading.Lock = field(default_factory=threading.Lock, repr=False)
    vetted: dict[str, "Vetted"] = field(default_factory=dict, repr=False)  # by call: checked once
    # a command put off until later: `utterance` holds its words without the time clause, which are
    # routed; a deferrable call is then scheduled, never run now (assistant/deferral.py)
    delay: Delay | None = None
    correction: Correction | None = None  # "no, I meant the bedroom": the previous call redone, corrected
    unscheduling: tuple[int, int] | None = None  # "cancel that" after a call was put off: (log id, action id)
    at_once: bool = False  # "actually, do it now": the call taken back is run now
    retimed: datetime | None = None  # "change it to 6:30": the call taken back is put off to this time instead
    # several requests in one utterance (assistant/splitting.py): each part is a plan of its own
    parts: list["Plan"] = field(default_factory=list)
    # the proposal run before any part's confirmer (parts in parallel): its `Executed`, or None
    early: Any = field(default=None, repr=False)
    ran_ahead: bool = False  # `early` was tried already (None: the proposal was not safe to run)
    # the start of the reply, said as soon as it is known (`Assistant.commit`'s `say_early`): a
    # part's plan has none, so an utterance of several requests is answered whole
    say_early: Callable[[str], None] | None = field(default=None, repr=False)
    heard: str = field(init=False)  # the words as said (`utterance` may be rewritten: a slot's answer, a deferral)

    def __post_init__(self) -> None:
        self.heard = self.utterance.text

    @property
    def needs_confirmer(self) -> bool:
        if self.parts:
            return any(part.needs_confirmer for part in self.parts)
        return self.answer is None and self.decision is None and not self.confident and not self.trusted \
            and not self.asks_first


@dataclass(frozen=True)
class Vetted:
    """A call checked against the guardrails, once per plan: its arguments in the user's words,
    the arguments the model made up, and the question to ask before running it."""

    args: dict
    ungrounded: list[str]
    question: str | None
