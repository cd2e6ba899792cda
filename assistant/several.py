"""Several requests in one utterance, for the pipeline: "lock the door, close the garage and turn
off the downstairs lights". Finding the parts is assistant/splitting.py; here each part is planned
and carried out as a request of its own (fast path, put-off clause, speculation, confirmer, undo,
a question it asks), and one short reply covers them all.

With `routing.parallel_parts`, every part's safe proposal acts first, before any confirmer: the
model is one instance, so the confirmers run one after another either way, and what overlapping
buys is that the last part's action no longer waits for the earlier parts' confirmers. A part that
refers back ("… and set it to 50%") is planned and carried out after the part before it.
"""
from __future__ import annotations

import re

from assistant.asides import without_remark
from assistant.deferral import promise
from assistant.holding import for_a_while
from assistant.messages import Reply
from assistant.plan import Plan
from assistant.routing import cues, rules
from assistant.routing.classifier import ExpertGuess
from assistant.routing.context import is_follow_up
from assistant.splitting import COMMAND_VERBS, split_requests
from assistant.words import command, is_question


# a thing and what it is doing, as a reason is said ("call starting", "guests arriving"): no request
REPORT = re.compile(r"^(?!(?:stop|start|keep|quit|finish|begin|resume|continue|try|go|get)\b)[a-z']+ [a-z]+ing"
                    r"(?: (?:in|now|soon|up))?$")  # ("stop playing" is a request: a verb that takes a doing)
# a command on what the part before named ("make it pink", "set them to 40", "turn it off again")
ACTS_ON_IT = re.compile(rf"^(?:(?:and |then |and then )?(?:{'|'.join(sorted(COMMAND_VERBS))}) (?:it|them|'?em)\b"
                        r"|(?:and |then |and then )?[a-z]+ (?:it|them|'?em) (?:back )?(?:on|off|up|down)\b)")  # "kick it back on"


class SeveralRequests:
    """The pipeline's several-request utterances (a part of `Assistant`)."""

    def _plan_parts(self, plan: Plan, defer: bool) -> bool:
        """Split the utterance when it holds several requests, and plan each; False if it is one."""
        if not self.routing.several_requests:
            return False
        guesses: dict[str, ExpertGuess] = {}
        held = for_a_while(plan.utterance.text)  # "run the sprinklers for 15 minutes": on now, off in 15
        texts = held or self._answer_and_request(plan) \
            or split_requests(plan.utterance.text, lambda text: self._routes_alone(text, guesses))
        if len(texts) == 1 and texts[0] != plan.utterance.text:  # "start a packing list and put X on it"
            plan.utterance = plan.utterance.model_copy(update={"text": texts[0]})
            plan.guess = guesses.get(texts[0])
        if len(texts) < 2:
            return False
        parts = [self._plan_request(self._part(plan, text, guesses.get(text)), defer) for text in texts]
        if not held and self._put_off_together(parts):
            return False
        plan.parts = parts
        return True

    def _routes_alone(self, text: str, guesses: dict[str, ExpertGuess]) -> bool:
        """Is `text` a request of its own: a cue pins it, a rule proposes a call for it, or the
        classifier is sure whose it is (a sure "none" too: a part no expert serves is declined)?"""
        text = without_remark(text, lambda: self.registry.vocabulary(self.db))  # "make it pink, pool party innit"
        if REPORT.match(command(text)):  # "…, call starting": what is happening, asking nothing
            return False
        if cues.pinned_expert(self.registry, text, self.db):  # (the home's claims too: "put the hood on high")
            return True
        if ACTS_ON_IT.match(command(text)):  # "… and make it pink": the part before's thing, changed again
            return True
        guess = guesses[text] = self._classifier().guess(text)
        if rules.propose(self.registry, text, guess.expert, self.clock.now()) is not None:
            return True
        return guess.score >= self.routing.split_min_score

    def _part(self, plan: Plan, text: str, guess: ExpertGuess | None = None) -> Plan:
        part = Plan(plan.utterance.model_copy(update={"text": text}), started=plan.started)
        part.guess = guess
        return part

    def _put_off_together(self, parts: list[Plan]) -> bool:
        """A time clause closing the last part may be meant for the parts before it too ("turn
        off the tv and close the blinds in ten minutes"): unsure, so one request; not when the
        last part points back at the one before ("turn the heater on and switch it off at noon")."""
        delay = parts[-1].delay
        if delay is None or not delay.said.rstrip(" .!?").lower().endswith(delay.clause.lower()):
            return False
        if is_follow_up(delay.command):  # "… and switch it off at noon": the time is that part's alone
            return False
        return any(part.delay is None and part.decision is None and part.answer is None
                   and self._defers(self._meant_expert(part.utterance.text, part.guess)) for part in parts[:-1])

    def _carry_out_parts(self, plan: Plan, started: float) -> Reply:
        follows = [i > 0 and is_follow_up(part.heard) for i, part in enumerate(plan.parts)]
        if self.routing.parallel_parts and self.routing.speculation:
            for part, after in zip(plan.parts, follows):
                if not after:
                    self._act_ahead(part, started)
        replies = []
        for i, part in enumerate(plan.parts):
            if follows[i]:  # "… and set it to 50%": planned once the part it refers to is done
                part = plan.parts[i] = self._plan_request(self._part(plan, part.heard))
            replies.append(self._carry_out(part, started))
        return self._combined(plan, replies)

    def _act_ahead(self, part: Plan, started: float) -> None:
        """Run a part's safe proposal now, before any confirmer (what speculation would run)."""
        if part.answer is None and part.decision is None and part.delay is None and part.unscheduling is None:
            part.early = self._run_speculatively(part, part.proposal, started)
            part.ran_ahead = True

    def _combined(self, plan: Plan, replies: list[Reply]) -> Reply:
        """One reply for all parts: what was done, in order; a part declined or not understood in a
        few words; the question a part asks last (the one "yes" or the value answers)."""
        if all(reply.declined for reply in replies):
            return Reply(reply=self.decline_reply, declined=True, parts=replies)
        asking = [i for i, reply in enumerate(replies) if reply.asks or reply.needs_confirmation]
        lines, later = [], []
        for i, (part, reply) in enumerate(zip(plan.parts, replies)):
            if i in asking[:-1]:  # only one question can wait for its answer: the last one asked
                later.append(f"Ask me again to {promise(part.utterance.text)}.")
            elif i not in asking:
                lines.append(_part_line(part, reply))
        lines += later + [replies[i].reply for i in asking[-1:]]
        question = replies[asking[-1]] if asking else None
        timings = [reply.timings_ms for reply in replies]
        acted = [t["first_action"] for t in timings if "first_action" in t]
        confirmed = [t["confirmed"] for t in timings if "confirmed" in t]
        return replies[0].model_copy(update={
            "reply": " ".join(lines), "parts": replies, "declined": False,
            "ok": all(reply.ok and not reply.declined for reply in replies),
            "asks": question.asks if question else None,
            "needs_confirmation": question.needs_confirmation if question else False,
            "timings_ms": {**({"first_action": min(acted), "all_actions": max(acted)} if acted else {}),
                           **({"confirmed": max(confirmed)} if confirmed else {})}})


def _part_line(part: Plan, reply: Reply) -> str:
    """A part's reply, short: a refusal or a "didn't get that" names the part instead of
    listing what the assistant can do."""
    if reply.declined and is_question(part.utterance.text):  # "who won the match"
        return f"Sorry, I can't answer \"{part.utterance.text.rstrip(' .!?')}\"."
    if reply.declined:
        return f"Sorry, I can't {promise(part.utterance.text).rstrip(' .!?')}."
    if reply.expert is None and not reply.ok:
        return f"Sorry, I didn't get \"{part.utterance.text.rstrip(' .!?')}\"."
    return reply.reply
