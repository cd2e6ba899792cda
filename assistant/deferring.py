"""Committing a plan whose command is put off until later ("turn off the tv in half an hour"),
for the pipeline: the call is scheduled (assistant/storage/scheduled.py), never run now, and
"cancel that" right after takes it back. Finding the time clause is assistant/deferral.py.
"""
from __future__ import annotations

from datetime import datetime

from assistant import deferral
from assistant.messages import Decision, Reply, Utterance
from assistant.plan import Plan
from assistant.registry import ApiSpec, ValidationError
from assistant.routing import cues
from assistant.routing.context import RECENT
from assistant.storage.core_tables import log_action, park_action
from assistant.storage.scheduled import last_scheduling, schedule_action, scheduled_action, scheduling_named
from assistant.timeparse import describe_due
from assistant.words import POINTS_BACK, normalise


# what the classifier makes of a command it cannot place ("could you arrange for the porch light to come
# on"): routed without its time all the same, never run at once
UNSURE_OF_THE_COMMAND = ("none", "chat")


class Deferring:
    """The pipeline's deferred calls (a part of `Assistant`: uses its db, clock, registry, router)."""

    def _plan_deferral(self, plan: Plan, defer: bool) -> None:
        """A command with a time clause ("turn off the tv in half an hour") is routed without it;
        "cancel that" right after one was put off takes it back."""
        text, now = plan.utterance.text, self.clock.now()
        words = normalise(text)
        named = deferral.named_undo(words)
        if named and (found := scheduling_named(self.db, named)) is not None:  # "cancel the generator one"
            plan.decision, plan.unscheduling = Decision(expert="system", api="stop", source="fastpath"), found
            return
        stopping = plan.decision is None or plan.decision.qualified == "system.stop"
        plan.at_once = plan.decision is None and deferral.is_now_instead(words)  # "actually, do it now"
        plan.retimed = deferral.retimed(text, now) if plan.decision is None or plan.decision.source == "router" else None
        if (stopping and deferral.is_undo(words)) or plan.at_once or plan.retimed:  # "cancel that", "change it to 7"
            plan.unscheduling = last_scheduling(self.db, now - RECENT, self.conversation)
            if plan.unscheduling is not None:
                stop = Decision(expert="system", api="stop", source="fastpath")
                plan.decision = stop if plan.retimed else plan.decision or stop  # (a router's read of "change to 7" dropped)
            plan.retimed = plan.retimed if plan.unscheduling is not None else None
        if defer and self._adds_to_last_put_off(plan, words, now):  # "and the porch light too"
            return
        if plan.decision is not None:
            return
        delay = deferral.split_delay(text, now) if defer else None
        if delay is None:
            return
        # "remind me … at 7", "an alarm at 7": the time is the call's own argument. The command
        # alone says whose it is ("turn off the tv" is a device's), not the whole request ("… in
        # half an hour" sounds like a timer)
        guess = self._classifier().guess(delay.command)
        pinned = cues.pinned_expert(self.registry, text, self.db, plan.utterance.source) or self._pointed_at(plan, delay)
        meant = pinned or self._meant_expert(delay.command, guess, plan.utterance.source)
        if not self._defers(meant) and not (pinned is None and meant in UNSURE_OF_THE_COMMAND):
            return  # ("remind me at 7 …": the time is the call's own; a command read as chat or none is
            # still routed without its time, and the whole is routed again if its call cannot wait)
        plan.delay, plan.guess = delay, guess  # the command is what the fast router routes: guessed once
        plan.utterance = plan.utterance.model_copy(update={"text": delay.command})

    def _pointed_at(self, plan: Plan, delay: deferral.Delay) -> str | None:
        """The expert of the call just made when the command points back at its thing ("… and put it
        back on at 6", "kill it in 45 minutes": the home's, whatever "put it on" sounds like alone)."""
        previous = plan.previous
        if previous is None or not POINTS_BACK.search(delay.command) or not previous.expert:
            return None
        return previous.expert if self._defers(previous.expert) else None

    def _adds_to_last_put_off(self, plan: Plan, words: str, now: datetime) -> bool:
        """Another thing for the call this conversation just put off ("turn off the kitchen lights at
        10" → "and the hall light too"): put off to the same time, said as its own call (the
        follow-up's call when it was read already: "turn off the hall light"). False if not so."""
        if not deferral.adds_a_thing(words) or plan.decision is not None and plan.decision.source != "router":
            return False
        delay = self._with_last_delay(plan.utterance.text, now)
        if delay is None:
            return False
        plan.delay, decision = delay, plan.decision
        if decision is not None and decision.qualified:
            thing = next((str(decision.args[k]) for k in ("device", "area", "name") if decision.args.get(k)), "")
            said = f"{decision.api.replace('_', ' ')} {thing}".strip()
            plan.utterance = plan.utterance.model_copy(update={"text": said})
        return True

    def _with_last_delay(self, text: str, now: datetime) -> deferral.Delay | None:
        """The words as a command put off to the time of the call this conversation just put off
        ("turn off the kitchen lights at 10" → "and the hall light too": at 10 as well), or None."""
        last = last_scheduling(self.db, now - RECENT, self.conversation)
        action = scheduled_action(self.db, last[1]) if last is not None else None
        if action is None or action.due <= now:
            return None
        return deferral.Delay(said=text, command=text, clause="", due=action.due)

    def _defers(self, expert: str) -> bool:
        known = {e.name: e for e in self.registry.experts()}
        return expert in known and any(spec.deferrable for spec in known[expert].apis.values())

    def _commit_deferral(self, plan: Plan, started: float) -> Reply:
        """Schedule the decided call for its time (asking first when it needs a yes), never run it
        now, not even speculatively; a call that is not deferrable routes the whole utterance."""
        if plan.unscheduling is not None:
            return self._unschedule(plan, started)
        decision = plan.decision or (plan.proposal if plan.confident else self._confirmed(plan))
        spec = self._deferrable(decision)
        if spec is None:  # "wake me up at 7": the time is the call's own argument
            utterance = plan.utterance
            whole = self.plan(plan.delay.said, source=utterance.source, area=utterance.area, defer=False)
            whole.say_early = plan.say_early
            return self._carry_out(whole, started)
        spec, decision, problem = self._call_to_defer(plan, spec, decision)
        vetted, utterance, due = self._vet(plan, spec, decision.args), plan.utterance, plan.delay.due
        if vetted.ungrounded:
            return Reply(reply=self.decline_reply, declined=True, args=vetted.args,
                         data={"ungrounded": f"{spec.qualified} {vetted.args}"})
        if problem:  # said now, not when it comes due
            return Reply(reply=problem, ok=False, expert=spec.expert, api=spec.name, args=vetted.args)
        if vetted.question:
            park_action(self.db, at=self.clock.now(), expert=spec.expert, api=spec.name, args=vetted.args,
                        question=vetted.question, said=utterance.text, area=utterance.area, due=due,
                        conversation=self.conversation)
            return Reply(reply=f"That's for {describe_due(due, self.clock.now())}. {vetted.question}",
                         expert=spec.expert, api=spec.name, args=vetted.args, needs_confirmation=True)
        return self._schedule(spec, self._pinned(spec, vetted.args, utterance), due, utterance, plan.delay.said)

    def _pinned(self, spec: ApiSpec, args: dict, utterance: Utterance) -> dict:
        pin = self.registry.expert(spec.expert).pin
        return pin(self.db, spec.name, args, here=utterance.area, said=utterance.text) if pin else args

    def _deferrable(self, decision: Decision | None) -> ApiSpec | None:
        if decision is None or decision.declined or not decision.qualified or decision.source == "confirmation":
            return None
        spec = self.registry.api(decision.expert, decision.api)
        return spec if spec.deferrable else None

    def _call_to_defer(self, plan: Plan, spec: ApiSpec, decision: Decision) -> tuple[ApiSpec, Decision, str | None]:
        """The decided call, and why it could not be carried out (or None); when it could not and
        the fast router's proposal could, the proposal (as `_settle` keeps a proposal that worked)."""
        problem = self._preflight(plan, spec, decision)
        other = self._deferrable(plan.proposal)
        if problem is None or other is None or plan.proposal == decision:
            return spec, decision, problem
        try:
            proposal = plan.proposal.model_copy(update={"args": other.validate(plan.proposal.args)})
        except ValidationError:
            return spec, decision, problem
        return (other, proposal, None) if self._preflight(plan, other, proposal) is None else (spec, decision, problem)

    def _preflight(self, plan: Plan, spec: ApiSpec, decision: Decision) -> str | None:
        """Why the expert could not carry the call out (checked without running it), or None."""
        check = self.registry.expert(spec.expert).preflight
        args = self._vet(plan, spec, decision.args).args
        return check(self.db, spec.name, args, here=plan.utterance.area, said=plan.utterance.text) if check else None

    def _schedule(self, spec: ApiSpec, args: dict, due: datetime, utterance: Utterance, said: str) -> Reply:
        """Store the call to run at `due` (with the words and area it resolves its targets by) and
        log the turn, so that "cancel that" right after takes it back."""
        now = self.clock.now()
        reply = deferral.scheduled_reply(utterance.text, due, now)
        with self.db.conn:
            self.db.execute("BEGIN IMMEDIATE")
            action_id = schedule_action(self.db, at=now, due=due, expert=spec.expert, api=spec.name, args=args,
                                        said=utterance.text, area=utterance.area,
                                        what=deferral.promise(utterance.text))
            log_action(self.db, at=now, text=said, expert=spec.expert, api=spec.name, args=args,
                       source="scheduled", ok=True, reply=reply, undo={"scheduled_action": action_id},
                       conversation=self.conversation)
        return Reply(reply=reply, expert=spec.expert, api=spec.name, args=args,
                     data={"scheduled": {"id": action_id, "due": due.isoformat(timespec="seconds")}})

    def _unschedule(self, plan: Plan, started: float) -> Reply:
        log_id, action_id = plan.unscheduling
        now = self.clock.now()
        action = self._take_back(log_id, {"scheduled_action": action_id})
        if action is None:  # it ran or was cancelled meanwhile
            return Reply(reply="OK.", expert="system", api="stop")
        if plan.at_once or plan.retimed:  # the call as it was put off: now ("actually, do it now") or at the new time
            spec = self.registry.api(action.expert, action.api.rpartition(".")[2])
            utterance = plan.utterance.model_copy(update={"text": action.said or action.what, "area": action.area})
            if plan.retimed:  # "change it to 6:30"
                return self._schedule(spec, action.args, plan.retimed, utterance, plan.utterance.text)
            return self._execute(plan, spec, action.args, "router", started, utterance=utterance).reply
        reply = f"OK, I won't {action.what}."
        log_action(self.db, at=now, text=plan.utterance.text, expert="system", api="stop",
                   args={"scheduled_action": action_id}, source="fastpath", ok=True, reply=reply, undo=None,
                   conversation=self.conversation)
        return Reply(reply=reply, expert="system", api="stop", data={"cancelled": {"scheduled_action": action_id}})
