"""Routing ahead: work an utterance out during the silence that ends it.

At a tentative endpoint the speech-to-text engine starts on the audio so far; `PlanAhead` takes
that transcript-to-come and, in a background thread, plans it (no side effects) and asks the
confirmer, while the endpointer is still timing the silence. At the endpoint the loop commits
the plan only if the final transcript is the same text; otherwise the plan is dropped (it did
nothing) and the final text is handled as usual.
"""
from __future__ import annotations

import threading
from concurrent.futures import Future
from typing import TYPE_CHECKING, Callable, Protocol

from assistant.messages import Reply

if TYPE_CHECKING:
    from assistant.pipeline import Assistant
    from assistant.plan import Plan


class Planner(Protocol):
    """Plans with no side effects, and carries a plan out later (assistant/plan.py);
    `handle(text)` does both at once. `say_early` is given the start of a reply as soon as it is
    known (`Assistant.commit`)."""

    def handle(self, text: str, say_early: Callable[[str], None] | None = None) -> Reply: ...

    def plan(self, text: str) -> Plan: ...

    def confirm_ahead(self, plan: Plan) -> None: ...

    def commit(self, plan: Plan, started: float, say_early: Callable[[str], None] | None = None) -> Reply: ...


class AssistantPlanner:
    """A `Planner` over an `Assistant`, for one input source and area."""

    def __init__(self, assistant: Assistant, *, source: str = "voice", area: str | None = None) -> None:
        self.assistant, self.source, self.area = assistant, source, area

    def handle(self, text: str, say_early: Callable[[str], None] | None = None) -> Reply:
        return self.assistant.handle(text, source=self.source, area=self.area, say_early=say_early)

    def plan(self, text: str) -> Plan:
        return self.assistant.plan(text, source=self.source, area=self.area)

    def confirm_ahead(self, plan: Plan) -> None:
        self.assistant.confirm_ahead(plan)

    def commit(self, plan: Plan, started: float, say_early: Callable[[str], None] | None = None) -> Reply:
        return self.assistant.commit(plan, started, say_early)


class PlanAhead:
    """One utterance's plan, begun on a transcript that is still being computed."""

    def __init__(self, planner: Planner, transcript: Future[str], clean: Callable[[str], str]) -> None:
        self.planner, self.transcript, self.clean = planner, transcript, clean
        self.text: str | None = None
        self.plan: Plan | None = None
        self._ready = threading.Event()
        self._dropped = threading.Event()
        threading.Thread(target=self._run, name="plan-ahead", daemon=True).start()

    def _run(self) -> None:
        try:
            self.text = self.clean(self.transcript.result())
            if self.text:
                self.plan = self.planner.plan(self.text)
        except Exception:  # noqa: BLE001 - planning ahead is an optimisation: the endpoint redoes it
            self.plan = None
        finally:
            self._ready.set()
        if self.plan is not None and not self._dropped.is_set():
            try:
                self.planner.confirm_ahead(self.plan)
            except Exception:  # noqa: BLE001 - commit asks the confirmer again and reports the error
                pass

    def plan_for(self, text: str, timeout: float = 30.0) -> Plan | None:
        """The plan, if it was made for exactly `text` (waits for the quick planning step, not
        for the confirmer); else None, and the plan is dropped."""
        if self._ready.wait(timeout) and self.plan is not None and self.text == text:
            return self.plan
        self.drop()
        return None

    def drop(self) -> None:
        """Speech resumed or the text changed: do not start the confirmer for this plan."""
        self._dropped.set()
