"""Asking for a missing value (a slot question) and reading the answer, for the pipeline.

"a timer, please" → "For how long?" → "ten minutes": the call waits in `pending_actions` with the
slot it lacks (across processes, in chat and voice alike); see assistant/slots.py for the values.
"""
from __future__ import annotations

import re
from dataclasses import replace

from pydantic import ValidationError

from assistant import slots
from assistant.asides import particles
from assistant.messages import Decision, PendingAction, Reply, Turn
from assistant.plan import Plan
from assistant.registry import ApiSpec
from assistant.routing import fastpath, rules
from assistant.routing.correction import corrected_call, correction_words
from assistant.splitting import COMMAND_VERBS, opens_as_request
from assistant.storage.core_tables import close_pending, park_action, waiting_confirmation, waiting_slot
from assistant.words import FUNCTION_WORDS, POINTS_BACK, command, is_question

NEVER_MIND = "OK, never mind."
# a yes or a no that says more ("no, leave it locked", "yes please, go on"): only while a question waits
# a word said before the answer that is none ("actually no", "oh yes", "hmm, yeah")
_LEAD = r"(?:(?:actually|oh|um|uh|erm|hmm|wait|well|sorry|ah|on second thoughts?)\W+)*"
LEADING_YES = re.compile(rf"^\W*{_LEAD}(?:{fastpath.YES_WORDS}|{fastpath.YES_PHRASES}|sure|ok|okay|correct|that's right"
                         r"|no (?:wahala|worries|problem|probs|wahala at all)"  # (a yes that opens with "no")
                         r"|carry on|proceed|why not"
                         r"|can(?=\W*$|\W*,|\s+(?:can|go ahead|do it|lah)\b))\b",
                         re.IGNORECASE)
# a run of yes and no words ("yeah nah", "no yeah, go on"): its last word is the answer, as said in
# New Zealand, Australia and elsewhere ("yeah nah" is a no)
ANSWER_RUN = re.compile(rf"^\W*(?:(?:{fastpath.YES_WORDS}|{fastpath.NO_WORDS})\b[\s,.!-]*){{2,}}", re.IGNORECASE)
# what takes back a yes said before it: "yes… no, leave it", "ok, don't", "yeah, hang on"
TAKEN_BACK = re.compile(rf"^\W*(?:{fastpath.NO_WORDS}|don't|do not|leave it|hold on|hang on|wait|never ?mind"
                        r"|not (?:now|yet)|cancel|stop)\b", re.IGNORECASE)
# an answer said as a question ("how about 6?", "what about the kitchen one?")
ANSWER_AS_QUESTION = re.compile(r"^\W*(?:what|how) about\b|^\W*(?:maybe|perhaps)\b", re.IGNORECASE)
# the rest of a no that keeps things as they are ("leave it on", "keep it locked", "leave it be"),
# not a new value or a time ("keep it at 20", "leave the lights on until ten")
KEEP_AS_IS = re.compile(r"^\W*(?:just )?(?:leave|keep)\b(?!.*(?:\d|\b(?:at|to|for|until|till|in)\b))", re.IGNORECASE)
LEADING_NO = re.compile(rf"^\W*{_LEAD}(?!no (?:wahala|worries|problem|probs)\b)(?:{fastpath.NO_WORDS}|{fastpath.NO_PHRASES}|don't|do not|leave it|never mind)\b",
                        re.IGNORECASE)


# an answer that carries the request on in its own words ("remind me" → "to buy candles at 5")
CONTINUES = re.compile(r"^\W*(?:to|that|about)\b", re.IGNORECASE)


class SlotQuestions:
    """The pipeline's slot questions (a part of `Assistant`: uses its db, clock, registry, classifier,
    conversation)."""

    def _answers_slot(self, plan: Plan) -> bool:
        """If a call is waiting for a value and these words give it, the plan is that call,
        complete. "Never mind" drops the call; a new request drops it and is routed as usual."""
        waiting = waiting_slot(self.db, self.clock.now(), plan.utterance.area, self.conversation)
        if waiting is None:
            return False
        pending_id, pending = waiting
        text = plan.utterance.text
        quick = fastpath.match(text)
        if quick is not None and quick.qualified in ("system.stop", "system.undo", "confirmation.deny"):
            close_pending(self.db, pending_id, "dropped")
            plan.answer = Reply(reply=NEVER_MIND, expert="system", api="stop")
            return True
        spec = self.registry.api(pending.expert, pending.api)
        if pending.choices:  # "which one?": "the kids room one", "the second"
            value = slots.read_choice(text, pending.choices, pending.said)
            if value is None and self._completed_with_value(plan, pending, pending_id):
                return True
        elif quick is None and self._completed_with_words(plan, pending, pending_id):
            return True
        else:
            value = slots.read_answer(spec.slots[pending.slot].kind, text, self.clock.now())
        slot = pending.slot
        if value is None and quick is None:  # "when?" → "to phone the school": the what instead, asked again
            slot, value = _other_text(spec, pending, text) or (slot, value)
        elif isinstance(value, str) and quick is None:  # "when?" → "take the medicine tomorrow morning": both
            pending = _with_rest_as_text(spec, pending, text, value)
        given_instead = slot != pending.slot  # the call's free text, not the value asked for
        # (words given instead of the value that open as another request are that request: "when?" →
        # "actually turn off the lights")
        if value is None or quick is not None or ((not given_instead or opens_as_request(text))
                                                  and self._new_request(text, spec)):
            close_pending(self.db, pending_id, "dropped")
            return False
        if isinstance(value, str) and "=" in value and value.split("=", 1)[0] in spec.properties:
            slot, value = value.split("=", 1)  # a choice of another argument ("area=Kitchen")
        try:  # the answer as the argument's type ("22" for a temperature is 22.0)
            args = spec.validate({**pending.args, slot: value})
        except ValidationError as error:
            if not _only_missing(error, spec.slots):
                close_pending(self.db, pending_id, "dropped")
                return False
            args = {**pending.args, slot: value}  # "set a reminder" → "to phone the school": "when?" next
        close_pending(self.db, pending_id, "answered")
        said = f"{pending.said or ''} {text}".strip()  # the first words stay part of what was said
        plan.utterance = plan.utterance.model_copy(update={"text": said})
        plan.decision = Decision(expert=pending.expert, api=pending.api, source="slot", args=args)
        return True

    def _completed_with_words(self, plan: Plan, pending: PendingAction, pending_id: int) -> bool:
        """An answer that says more than the value asked for ("remind me" → "when?" → "to buy
        candles at 5 pm"): the request said again with it, when the rules read that as a
        complete call of the API waiting, with the value asked for."""
        if not pending.said or len(plan.utterance.text.split()) < 3 or not CONTINUES.match(plan.utterance.text):
            return False
        said = f"{command(pending.said)} {command(plan.utterance.text)}"
        decision = rules.propose(self.registry, said, pending.expert, self.clock.now())
        if decision is None or decision.qualified != f"{pending.expert}.{pending.api}" \
                or not decision.args.get(pending.slot):
            return False
        try:
            self.registry.api(pending.expert, pending.api).validate(decision.args)
        except ValidationError:
            return False
        close_pending(self.db, pending_id, "answered")
        plan.utterance = plan.utterance.model_copy(update={"text": said})
        plan.decision = decision.model_copy(update={"source": "slot"})
        return True

    def _completed_with_value(self, plan: Plan, pending: PendingAction, pending_id: int) -> bool:
        """A number answering a question of choices ("warmer or cooler?" → "22") is the value the
        request meant: the request is read again with it ("adjust the heating to 22"), and is
        the plan when the rules read it as a call of the same expert."""
        number = slots.read_answer("number", plan.utterance.text, self.clock.now())
        if not isinstance(number, str) or not pending.said:
            return False
        said = f"{command(pending.said)} to {number}"
        decision = rules.propose(self.registry, said, pending.expert, self.clock.now())
        if decision is None or decision.expert != pending.expert:
            return False
        close_pending(self.db, pending_id, "answered")
        plan.utterance = plan.utterance.model_copy(update={"text": said})
        plan.decision = decision.model_copy(update={"source": "slot"})
        return True

    def _yes_or_no(self, plan: Plan) -> Decision | None:
        """A yes or no with more words, while a confirmation waits from this area: the answer,
        unless the rest is a request of its own ("no, turn on the porch light instead")."""
        waiting = waiting_confirmation(self.db, self.clock.now(), plan.utterance.area, self.conversation)
        if waiting is None:
            return None
        text = _last_of_run(_after_remark(fastpath.answer_words(plan.utterance.text)))
        for pattern, api in ((LEADING_NO, "deny"), (LEADING_YES, "confirm")):
            found = pattern.match(text)
            if found:
                rest = text[found.end():].strip(" ,.!")
                if api == "confirm" and TAKEN_BACK.match(rest):  # "ok, don't": no yes at all
                    return Decision(expert="confirmation", api="deny", source="confirmation")
                if rest and api == "deny" and not KEEP_AS_IS.match(rest):
                    instead = self._asked_instead(waiting, text)
                    if instead is not None:  # "no, the front one": that one's call, asked about again
                        return instead
                    if rest.split()[0].lower() in COMMAND_VERBS:  # "no, arm it for away instead"
                        return None
                if rest and not KEEP_AS_IS.match(rest):  # "no, leave it on": the no, said twice
                    other = rules.propose(self.registry, rest, self._meant_expert(rest), self.clock.now())
                    if other is not None and other.qualified != f"{waiting.expert}.{waiting.api}":
                        return None  # "yes, turn it off" restates the call asked about
                return Decision(expert="confirmation", api=api, source="confirmation")
        return None

    def _answer_and_request(self, plan: Plan) -> list[str] | None:
        """A yes and a request of its own, while a confirmation waits ("yes, and turn on the porch
        light"): the two as parts, answered and carried out in turn; else None."""
        text = fastpath.answer_words(plan.utterance.text)
        found = LEADING_YES.match(text)  # (the words first: no state read for most requests)
        if found is None:
            return None
        waiting = waiting_confirmation(self.db, self.clock.now(), plan.utterance.area, self.conversation)
        if waiting is None:
            return None
        rest = text[found.end():].strip(" ,.!")
        while (more := LEADING_YES.match(rest)) is not None and more.end() > 0:  # "ok, go ahead, and …"
            rest = rest[more.end():].strip(" ,.!")
        rest = re.sub(r"^(?:(?:and|also|plus|then|oh)\b[\s,]*)+", "", rest, flags=re.IGNORECASE)
        rest = particles.without_particles(rest)  # "yes po, and please on the porch light": its verb said
        if len(rest.split()) < 2 or TAKEN_BACK.match(rest) or KEEP_AS_IS.match(rest):
            return None
        other = rules.propose(self.registry, rest, self._meant_expert(rest), self.clock.now())
        if other is not None and other.qualified == f"{waiting.expert}.{waiting.api}":
            return None  # ("yes, unlock it": the call asked about, said again)
        verb = command(rest).split()[:1]
        if other is None and (not opens_as_request(rest) or verb == [waiting.api] or POINTS_BACK.search(rest)):
            return None  # ("yes, do it", "yes, turn it off": the call asked about, in other words)
        return [found.group(0).strip(" ,.!"), rest]

    def _asked_instead(self, waiting: PendingAction, text: str) -> Decision | None:
        """The call waiting for a yes, on the other thing a "no, …" names instead ("no, the front
        one"), or None when the words name no such thing."""
        said = correction_words(text)
        if said is None:
            return None
        asked = Turn(text=waiting.said or "", expert=waiting.expert, api=waiting.api, args=waiting.args)
        correction = corrected_call(self.registry, asked, said[1], said[0], self.clock.now(), None, self.db)
        return correction.decision if correction is not None else None

    def _drop_question(self, plan: Plan) -> None:
        """Forget the value question just asked (another call settled the request)."""
        waiting = waiting_slot(self.db, self.clock.now(), plan.utterance.area, self.conversation)
        if waiting is not None:
            close_pending(self.db, waiting[0], "dropped")

    def _new_request(self, text: str, asked: ApiSpec) -> bool:
        """Do these words make a whole other request (a command shape of another API, or a question
        of its own: "what's the weather like tomorrow" is not a time for the reminder)?"""
        if is_question(text) and not ANSWER_AS_QUESTION.match(text) and len(text.split()) >= 4:
            return True
        proposal = rules.propose(self.registry, text, self._meant_expert(text), self.clock.now())
        return proposal is not None and proposal.qualified != asked.qualified

    def _in_scope(self, plan: Plan, expert: str) -> bool:
        """Is this request the expert's, by its cues or the classifier (so a value it lacks is worth
        asking for), rather than something no expert serves that the model forced into a call?"""
        return self._meant_expert(plan.utterance.text, plan.guess) == expert

    def _ask(self, plan: Plan, call: PendingAction, question: str) -> Reply:
        """Ask for the value a call lacks (`call.slot`), and park the call until the answer."""
        utterance = plan.utterance
        park_action(self.db, at=self.clock.now(), expert=call.expert, api=call.api, args=call.args,
                    question=question, said=utterance.text, area=utterance.area, slot=call.slot,
                    choices=call.choices, conversation=self.conversation)
        return Reply(reply=question, expert=call.expert, api=call.api, args=call.args, asks=call.slot)


def _last_of_run(text: str) -> str:
    """The answer from its run of yes and no words on: "yeah nah, don't" → "nah, don't"."""
    run = ANSWER_RUN.match(text)
    if run is None:
        return text
    last = re.findall(rf"\b(?:{fastpath.YES_WORDS}|{fastpath.NO_WORDS})\b", run[0], re.IGNORECASE)[-1]
    return f"{last} {text[run.end():]}".strip()


# an exclamation before the answer ("sweet as, go for it", "brilliant. yes"): a word or two, then a comma or stop
REMARK = re.compile(r"^\W*([^\W\d_][\w']*(?: [^\W\d_][\w']*)?)\s*[,.!]+\s*(?=\w)", re.IGNORECASE)


def _after_remark(text: str) -> str:
    """The answer after an exclamation that is no yes or no of its own; else `text`."""
    found = REMARK.match(text)
    if found is None or re.search(rf"\b(?:{fastpath.YES_WORDS}|{fastpath.NO_WORDS}|{fastpath.YES_PHRASES}|not|don't)\b",
                                  found[1], re.IGNORECASE):
        return text
    return text[found.end():]


def _only_missing(error: ValidationError, slots: dict) -> bool:
    """Whether the call lacks only values it has a question for (the next one is asked in turn)."""
    return all(e["type"] == "missing" and e["loc"] and e["loc"][0] in slots for e in error.errors())


# words of an answer that say nothing of what the call is about ("tomorrow morning please")
_NO_CONTENT = frozenset("please thanks thank you ok okay yes yeah yep sure then and or so also just "
                        "um uh er it that this".split()) | FUNCTION_WORDS


def _with_rest_as_text(spec: ApiSpec, pending: PendingAction, text: str, value: str) -> PendingAction:
    """The call waiting with the answer's words besides the value as its free text, when that is
    still missing ("when?" → "take the medicine tomorrow morning": what, and when); else as it was."""
    missing = [name for name, slot in spec.slots.items() if slot.kind == "text" and name != pending.slot
               and slot.missing_in(pending.args.get(name))]
    if not missing or spec.slots[pending.slot].kind == "text":
        return pending
    rest = re.sub(rf"\b{re.escape(value)}\b", " ", text, count=1, flags=re.IGNORECASE)
    rest = CONTINUES.sub("", re.sub(r"[^\w' ]+", " ", rest)).strip()
    rest = re.sub(r"\s+", " ", rest)
    if rest == text.strip() or not set(rest.lower().split()) - _NO_CONTENT:
        return pending
    return replace(pending, args={**pending.args, missing[0]: rest})


def _other_text(spec, pending: PendingAction, text: str) -> tuple[str, str] | None:
    """(slot, words) when the answer gives the call's free text instead of the value asked for: it
    carries the request on ("to phone the school"), or the text is still unsaid; else None."""
    other = next((name for name, slot in spec.slots.items() if slot.kind == "text" and name != pending.slot), None)
    if other is None or is_question(text):
        return None
    if CONTINUES.match(text) and len(text.split()) >= 3:
        return other, CONTINUES.sub("", text).strip()
    # "make a reminder" → "when?" → "renew the car insurance": what it is about, the time still to ask
    unsaid = spec.slots[other].missing_in(pending.args.get(other)) and len(text.split()) >= 2 \
        and text.split()[0].lower() not in COMMAND_VERBS  # ("turn on the fan": a request of its own)
    return (other, text.strip(" .!")) if unsaid else None
