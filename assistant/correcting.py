"""Committing a correction ("no, I meant the dining room", "make that half six"), for the pipeline:
the previous action is taken back (undone, or its put-off call cancelled) and its call runs again
with the corrected value. Reading what the correction means is assistant/routing/correction.py.
"""
from __future__ import annotations

import re

from assistant.messages import Decision, Reply, Turn
from assistant.plan import Plan
from assistant.routing.correction import corrected_call, correction_words
from assistant.storage.scheduled import scheduled_action


class Correcting:
    """The pipeline's corrections (a part of `Assistant`: uses its db, clock, registry)."""

    def _correction(self, plan: Plan) -> Decision | None:
        """The previous call, corrected, when the words correct it; else None (then the router
        reads them, with the previous turn as context)."""
        previous = plan.previous
        said = correction_words(plan.utterance.text) if previous is not None else None
        if said is None:
            return None
        lead, words = said
        put_off = None
        if previous.undo and "scheduled_action" in previous.undo:
            put_off = scheduled_action(self.db, previous.undo["scheduled_action"])
            if put_off is None or put_off.status != "waiting":
                return None  # it ran (or was cancelled) meanwhile: nothing to correct
        correction = corrected_call(self.registry, previous, words, lead, self.clock.now(), put_off, self.db)
        if correction is None:
            return None
        plan.correction = correction
        return correction.decision

    def _commit_correction(self, plan: Plan, started: float) -> Reply:
        correction = plan.correction
        turn, decision = correction.replaces, correction.decision
        spec = self.registry.api(decision.expert, decision.api)
        if turn.undo is not None:
            self._take_back(turn.action_id, turn.undo, spec)
        if correction.due is None:  # ("… to 100", then "the one in Mama's room": 100 there)
            plan.utterance = plan.utterance.model_copy(update={"text": _with_words_kept(turn, decision, plan.utterance.text)})
            return self._act(plan, decision, started)
        utterance = plan.utterance.model_copy(update={"text": correction.said or turn.text,
                                                      "area": correction.area or plan.utterance.area})
        return self._schedule(spec, decision.args, correction.due, utterance, plan.utterance.text)


def _with_words_kept(turn: Turn, decision: Decision, said: str) -> str:
    """The correction's words after what was said for the call it corrects, less the words of the values it
    replaces: a value kept is still said ("set the fan in the lounge to 100" → "the one in Mama's room" reads
    "set the in the to 100 the one in Mama's room"); nothing corrected is said twice."""
    replaced = [turn.args[key] for key in turn.args if decision.args.get(key) != turn.args[key]]
    words = {w.lower() for value in replaced for w in re.findall(r"[\w']+", str(value))}
    if not words:
        return said
    kept = [w for w in turn.text.split() if re.sub(r"[^\w']", "", w).lower() not in words]
    return f"{' '.join(kept)} {said}"
