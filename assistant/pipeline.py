"""The pipeline: utterance → guardrails → fast path / speculation + confirmer → expert → Reply."""
from __future__ import annotations

import json
import re
import threading
import time
from collections import Counter
from dataclasses import dataclass, field, replace
from datetime import timedelta
from typing import Callable

import sqlite_utils
from pydantic import ValidationError

from assistant import effects, guardrails, slots, speculation
from assistant.asking import SlotQuestions
from assistant.chatting import PERSONA, chat_messages, estimate_tokens
from assistant.clock import Clock
from assistant.config import RoutingConfig
from assistant.context import ExpertContext
from assistant.asides import request_after_story, without_courtesy, without_reason, without_remark, without_story
from assistant.timeparse import spelled_fractions
from assistant.correcting import Correcting
from assistant.deferral import without_statement
from assistant.deferring import Deferring
from assistant.several import SeveralRequests
from assistant.llm.backend import ModelError
from assistant.llm.roles import ModelRoles
from assistant.languages import hearing
from assistant.messages import ActionResult, Decision, PendingAction, Reply, Turn, Utterance
from assistant.plan import Plan, Vetted
from assistant.registry import ApiSpec, ExpertInputError, Registry, RegistryError
from assistant.routing import cues, fastpath, rules, spelling
from assistant.routing.classifier import Classifier, ExpertGuess, default_classifier
from assistant.routing.context import (JOINT, RECENT, TOGETHER, cancel_of_previous_turn, devices_together,
                                      ellipsis_of_previous_turn, is_follow_up, previous_turn, read_of_previous_turn,
                                      recent_actions, refers_within, routing_context)
from assistant.routing.model_router import ModelRouter
from assistant.routing.retrieval import retrieval_proposer
from assistant.routing.schema import DECLINE
from assistant.routing.settled import settled_api, settled_expert, settled_unproposed
from assistant.routing.timeless import timeless_question
from assistant.storage.conversations import DEFAULT, recent_turns, record_turn
from assistant.storage.core_tables import last_undoable, log_action, mark_undone, park_action, take_pending
from assistant.storage.scheduled import ScheduledAction, cancel_scheduled
from assistant.words import (CLAUSE_BREAK, POINTER, SENTENCE_BREAK, POINTS_BACK, THANKS, asks_for_information, asks_not_requests, command,
                             is_bare_change, is_question, quantities, tokens, without_wake_word)

NOT_UNDERSTOOD = "Sorry, I didn't get that. Could you say it another way?"
MAX_FOREIGN = 3  # experts a request may be decided again without (`Expert.foreign`)
NO_MODEL = "Sorry, I couldn't do that: {reason}"  # the model failed and no rule knew the request
INVALID_OUTPUT = "invalid model output"  # the start of a Decision's note when the model wrote nonsense


@dataclass
class Executed:
    """An API call that ran: its reply, and what is needed to undo it."""

    reply: Reply
    spec: ApiSpec
    result: ActionResult
    action_id: int


def _request_alone(text: str) -> str:
    """The words of the request alone: no wake word, courtesy or reason around it."""
    return spelled_fractions(without_reason(without_courtesy(without_wake_word(guardrails.clean_input(text)))))


def _clauses(text: str) -> int:
    """How many clauses of two words or more the words hold, by their punctuation."""
    return sum(len(command(part).split()) >= 2 for part in CLAUSE_BREAK.split(text))


@dataclass
class Assistant(SlotQuestions, Deferring, Correcting, SeveralRequests):
    db: sqlite_utils.Database
    clock: Clock
    registry: Registry
    roles: ModelRoles
    input_area: str | None = None
    # whose turns these are (a chat session, `ask --session`, a voice loop): the previous turn,
    # "undo that" and waiting questions are this conversation's only (assistant/storage/conversations.py)
    conversation: str = DEFAULT
    # the expert classifier (a test double through the same interface); built on first use if None
    classifier: Classifier | None = field(default=None, repr=False)
    _router: ModelRouter | None = field(default=None, init=False, repr=False)
    # a prefetch thread and a request may build the router or classifier at once: build once
    _building: threading.RLock = field(default_factory=threading.RLock, init=False, repr=False)

    @property
    def routing(self) -> RoutingConfig:
        return self.roles.settings.routing

    @property
    def router(self) -> ModelRouter:
        with self._building:
            if self._router is None:
                config = self.roles.settings.role("confirmer")
                self._router = ModelRouter(self.roles.get("confirmer"), self.registry,
                                           max_tokens=config.max_tokens,
                                           prior_weight=self.routing.prior_weight,
                                           minify=self.routing.minify_ids,
                                           rank_api=self.routing.rank_api,
                                           lookahead=self.routing.prompt_lookup,
                                           draft=self.routing.draft_proposal,
                                           accept_within=self.routing.accept_draft_within)
            return self._router

    def _classifier(self) -> Classifier:
        with self._building:
            if self.classifier is None:
                self.classifier = default_classifier(self.registry)
            return self.classifier

    @property
    def decline_reply(self) -> str:
        return f"Sorry, I can't do that. I can help with {self.capabilities}."

    @property
    def capabilities(self) -> str:
        """What the experts offer, in words: "your home's devices, timers, …, and a chat"."""
        offered = self.registry.capabilities()
        return ", ".join(offered[:-1]) + f", and {offered[-1]}" if len(offered) > 1 else "".join(offered)

    def prepare(self) -> None:
        """Prefetch while the user is still speaking: load the classifier and the confirmer and
        put the cached prompt prefix in place, so routing starts at once when the text arrives."""
        if self.routing.speculation or self.routing.expert_prior:
            self._classifier()
        if self.routing.settle_api:  # the nearest labelled examples' calls
            retrieval_proposer(self.registry, self._classifier())
        try:
            self.router.warm()
        except ModelError:  # each request reports it, and falls back (see _confirmed)
            pass

    def for_conversation(self, conversation: str, db: sqlite_utils.Database | None = None) -> "Assistant":
        """Another conversation (on `db`, by default this one's) sharing this assistant's loaded
        models, classifier and router: the hub keeps one per client session."""
        other = replace(self, conversation=conversation, db=self.db if db is None else db)
        other._router, other._building = self._router, self._building
        return other

    def handle(self, text: str, *, source: str = "text", area: str | None = None,
               say_early: Callable[[str], None] | None = None) -> Reply:
        return self.commit(self.plan(text, source=source, area=area), say_early=say_early)

    def plan(self, text: str, *, source: str = "text", area: str | None = None, defer: bool = True) -> Plan:
        """Work the utterance out up to acting, with no side effects (see assistant/plan.py).
        `defer=False`: a time clause is not split off (the words are routed as said)."""
        text = hearing.in_english(text, source, lambda: self.registry.vocabulary(self.db))  # "TV band karo"
        alone = without_remark(_request_alone(text), lambda: self.registry.vocabulary(self.db))
        alone = without_statement(alone)  # "put the porch light on my sister is coming at 7": its statement asks nothing
        alone = without_story(alone)  # "I left my glasses in the kitchen. Turn on the lamp in the office."
        alone = request_after_story(alone, lambda: self.registry.vocabulary(self.db))  # "I like the fan, but would you …"
        alone = self.registry.reworded(self.db, alone)  # "are we selling much back to the grid": the Grid Export
        utterance = Utterance(text=alone, source=source, area=area or self.input_area)
        plan = Plan(utterance)
        problem = guardrails.input_problem(utterance.text)
        # (the words as said too: an aside stripped from the request may be the attack, "…, the user already confirmed")
        names = lambda: self.registry.vocabulary(self.db)  # noqa: E731  ("the bomb shelter light": the home's)
        refusal = None if problem else guardrails.refusal(utterance.text, names) or guardrails.refusal(text, names)
        if problem or refusal:
            plan.answer = Reply(reply=problem or refusal, ok=not problem, declined=bool(refusal))
            return plan
        if self._answers_slot(plan) or self._plan_parts(plan, defer):
            return plan
        return self._plan_request(plan, defer)

    def _plan_request(self, plan: Plan, defer: bool = True) -> Plan:
        """Plan one request (the whole utterance, or one part of several): the previous turn, the
        fast path, a put-off clause, the fast router's proposal."""
        utterance = plan.utterance
        plan.previous = previous_turn(self.db, self.clock.now(), conversation=self.conversation)
        plan.context = routing_context(plan.previous, utterance.text)
        decision = fastpath.match(utterance.text) if self.routing.fast_path else None
        if decision is not None and decision.qualified == "system.undo":  # "never mind, don't bother"
            decision = self._yes_or_no(plan) or decision  # answers a question waiting for a yes or no
        decision = self._read_back(plan, decision)
        decision = decision or self._yes_or_no(plan) or self._correction(plan) or self._ellipsis(plan)
        if decision is not None and decision.qualified == "system.stop":
            decision = cancel_of_previous_turn(self.db, self.registry, utterance.text, plan.previous,
                                               self.clock.now(), self.conversation) or decision
        plan.decision = decision
        self._plan_deferral(plan, defer)
        if decision is None and (self.routing.speculation or self.routing.expert_prior):
            self._propose(plan)
        return plan

    def _read_back(self, plan: Plan, decision: Decision | None) -> Decision | None:
        """"what's on it now" after adding to a list: that list read out, also over the fast path's
        bare read of the default list ("what's on that list"); else the decision as it was."""
        read_back = read_of_previous_turn(self.registry, plan.utterance.text, plan.previous)
        if read_back is None or decision is not None and (decision.qualified != read_back.qualified or decision.args):
            return decision
        text = plan.utterance.text
        self._say_too(plan, [v for v in read_back.args.values() if isinstance(v, str) and v.lower() not in text.lower()])
        return read_back

    @staticmethod
    def _say_too(plan: Plan, words: list[str]) -> None:
        """The utterance with the words the user meant but did not say ("it": the Christmas list),
        so the call's values are checked as said."""
        plan.utterance = plan.utterance.model_copy(update={"text": " ".join([plan.utterance.text, *words])})

    def _ellipsis(self, plan: Plan) -> Decision | None:
        """"and the bedroom too": the previous call on another target, run with the values it
        keeps as said ("and the bedroom too 30": the level is the user's, from the turn before)."""
        decision = ellipsis_of_previous_turn(self.registry, plan.utterance.text, plan.previous, self.db)
        if decision is not None:
            kept = [str(value) for key, value in decision.args.items()
                    if plan.previous.args.get(key) == value and isinstance(value, (str, int, float))]
            # the thing the words pointed at, named by the home ("the other one": the Master Bedroom
            # Bedside Lamp; "in there": the Kitchen; "her fan": Grandma's fan): said, as the user meant it
            named = [value for key in ("device", "area") if isinstance(value := decision.args.get(key), str)
                     and value not in kept and value.lower() not in plan.utterance.text.lower()]
            self._say_too(plan, [*kept, *named])
        return decision

    def confirm_ahead(self, plan: Plan) -> None:
        """Make the confirmer's decision now (e.g. in a background thread while the user's
        silence is still being timed), so that `commit` finds it made."""
        for part in plan.parts:
            self.confirm_ahead(part)
        if plan.needs_confirmer and not plan.parts:
            self._confirmed(plan)

    def commit(self, plan: Plan, started: float | None = None,
               say_early: Callable[[str], None] | None = None) -> Reply:
        """Carry a plan out, and record the turn in the conversation. Timings count from `started`:
        by default when planning began; the voice loop passes the moment it commits a plan made ahead.
        `say_early` is given the start of the reply as soon as it is known (a chat reply's first
        sentence; the reply then starts with it, or else is to be given whole), and
        timings_ms["reply_begins"] says when. Only a request of one part streams."""
        begun: list[float] = []
        if say_early is not None:
            since = plan.started if started is None else started

            def said(text: str) -> None:
                begun.append(_elapsed(since))
                say_early(text)
            plan.say_early = said
        reply = self._carry_out(plan, started)
        if begun:
            reply.timings_ms["reply_begins"] = begun[0]
        record_turn(self.db, self.conversation, self.clock.now(), plan.heard, reply.reply, reply.expert,
                    reply.api, reply.ok, asks=bool(reply.asks or reply.needs_confirmation))
        return reply

    def _carry_out(self, plan: Plan, started: float | None = None) -> Reply:
        started = plan.started if started is None else started
        utterance = plan.utterance
        if plan.parts:
            reply = self._carry_out_parts(plan, started)
        elif plan.answer is not None:
            reply = plan.answer
        elif plan.correction is not None:
            reply = self._commit_correction(plan, started)
        elif plan.delay is not None or plan.unscheduling is not None:
            reply = self._commit_deferral(plan, started)
        elif plan.decision is not None:
            reply = self._act(plan, plan.decision, started)
        elif self.routing.speculation:
            reply = self._speculate(plan, started)
        else:
            reply = self._act(plan, self._confirmed(plan), started)
        reply.timings_ms = {**plan.timings, **reply.timings_ms, "total": _elapsed(started)}
        reply.routing = plan.routing_trace
        return reply

    def _confirmed(self, plan: Plan) -> Decision:
        """The confirmer's decision for a plan, made once (a second caller waits for the first)."""
        with plan.confirming:
            if plan.confirmed is None:
                try:
                    decision = self._its_own(plan, self._confirm(plan))
                except ModelError as exc:  # missing, broken, crashed or hung: never a traceback
                    decision = Decision(source="confirmer", note=f"the language model failed ({exc})")
                decision = self._faithful(plan, self._fallback(plan, decision))
                plan.confirmed = self._with_referent(plan, self._as_meant(plan, decision))
            return plan.confirmed

    def _fallback(self, plan: Plan, decision: Decision) -> Decision:
        """When the model failed or wrote no valid call: the rules' proposal if there is one (it
        is vetted like any call), else the decision as it is, answered honestly in `_act`."""
        if decision.qualified is not None or decision.declined or decision.note is None:
            return decision
        if plan.proposal is not None:
            return plan.proposal.model_copy(update={"note": decision.note})
        return decision

    def _faithful(self, plan: Plan, decision: Decision) -> Decision:
        """When the model's call and the proposal of the same expert disagree on values, the one
        whose values are the user's words: a call of the model's that leaves out or misreads a
        number the user said ("dim it by 30" as brightness 30; the previous call's values copied),
        or whose phrases or choice ("turn up the tv" as resuming it) the user never said, loses
        to a proposal without that fault. A call with the user's values stays the model's,
        whatever the proposal (its device or API may be wrong); if it drops the place the proposal
        read from the user's words, it gets that place (the call with none would act everywhere). A
        call of another expert's whose phrases the user never said at all ("whats on in the house"
        written as events.last "kids get home") loses to a proposal without fault too."""
        proposal = plan.proposal
        if proposal is None or decision.qualified is None or proposal.qualified is None:
            return decision
        text, said, now = plan.utterance.text, _said(plan), self.clock.now()

        def made_up(call: Decision) -> bool:
            try:
                spec = self.registry.api(call.expert, call.api)
            except RegistryError:
                return True
            return bool(guardrails.ungrounded_arguments(spec, guardrails.in_users_words(spec, call.args, said, now),
                                                        said, now))

        def unfaithful(call: Decision) -> bool:
            try:
                spec = self.registry.api(call.expert, call.api)
            except RegistryError:
                return True
            return guardrails.misreads_numbers(call.args, text) or guardrails.unsaid_choice(spec, call.args, text) \
                or made_up(call)
        if proposal.expert != decision.expert:
            return proposal if made_up(decision) and not unfaithful(proposal) else decision
        if unfaithful(decision) and not unfaithful(proposal):
            return proposal
        if decision.qualified == proposal.qualified and guardrails.leaves_out_place(decision.args, proposal.args, text):
            place = guardrails.PLACE_ARGUMENT  # the model's call, in the place the user said
            return decision.model_copy(update={"args": {**decision.args, place: proposal.args[place]}})
        return decision

    def _its_own(self, plan: Plan, decision: Decision) -> Decision:
        """The decision, or when its expert finds nothing its words name (`Expert.foreign`: "what's
        the capital of Norway" as a home query) or it would act on a question for a fact ("how
        long does the bread maker take" as a timer), the one made again without that expert."""
        without: tuple[str, ...] = ()
        while decision.qualified is not None and len(without) < MAX_FOREIGN:
            foreign = self.registry.expert(decision.expert).foreign
            utterance = plan.utterance
            if not self._acts_on_question(decision, utterance.text) and (foreign is None or not foreign(
                    self.db, decision.api, decision.args, utterance.text, utterance.area)):
                return decision
            without = (*without, decision.expert)  # (the clock's, then memory's: neither)
            decision = self._confirm(plan, without=without)
        return decision

    def _acts_on_question(self, decision: Decision, text: str) -> bool:
        """Whether the call would change something when the words ask for a fact or a value: a
        question is answered, never obeyed ("when should I take the chicken out" is no reminder)."""
        try:
            spec = self.registry.api(decision.expert, decision.api)
        except RegistryError:
            return False
        return spec.acts and asks_for_information(text)

    def _confirm(self, plan: Plan, without: tuple[str, ...] = ()) -> Decision:
        text = plan.utterance.text
        prior = self._prior(plan) if self.routing.expert_prior else None
        state = self._expert_state(plan.utterance) if self.routing.expert_context else None
        idle = (*self.registry.idle(self.db), *without)
        decision, trace = self.router.decide(text, plan.context, prior, state, hint=plan.proposal, idle=idle,
                                             settled=self._settled(plan, prior, idle), judged=self._doubtful(plan))
        if self.routing.trace:
            plan.routing_trace = {**trace.as_json(), "explanation": self.router.explain(trace)}
        elif trace.expert_scores:
            plan.routing_trace = {"expert_scores": trace.expert_scores, "outputs": trace.outputs}
        plan.timings.update(route=round(trace.model_ms, 1), prompt_tokens=trace.prompt_tokens,
                            completion_tokens=trace.completion_tokens, drafted_tokens=trace.drafted_tokens,
                            rank_expert=round(trace.rank_expert_ms, 1),
                            rank_api=round(trace.rank_api_ms, 1))
        return decision

    def _settled(self, plan: Plan, prior: dict[str, float] | None,
                 idle: tuple[str, ...]) -> tuple[str | None, str | None]:
        """The expert and API of the proposal that independent evidence already names, so the
        confirmer does not rank them (`routing.settle_expert`, `settle_api`; routing/settled.py)."""
        proposal = plan.proposal
        if prior is not None and proposal is None and self.routing.settle_unproposed and not plan.context \
                and not any(p >= 1.0 for p in prior.values()):  # a cue's own choice stands
            settled = settled_unproposed(plan.guess, self.routing.settle_margin, idle, prior)
            if settled == DECLINE and (self._names_own_thing(plan.utterance.text) or _clauses(plan.utterance.text) > 1):
                return None, None  # "the temperature on the sun porch", "pause music, call starting": the model ranks
            return settled, None
        if prior is None or proposal is None or proposal.qualified is None or proposal.expert in idle:
            return None, None
        pinned = prior.get(proposal.expert, 0.0) >= 1.0  # a cue made it certain: never ranked
        expert = settled_expert(proposal, plan.guess, self.routing.settle_margin) if self.routing.settle_expert else None
        if not self.routing.settle_api or not (expert or pinned):
            return expert, None
        proposer = retrieval_proposer(self.registry, self._classifier())
        nearest = proposer.nearest_api(plan.utterance.text, proposal.expert) if proposer else None
        return expert, settled_api(proposal, expert or proposal.expert, nearest)

    def _names_own_thing(self, text: str) -> bool:
        """Whether the words hold the whole name of one of the user's own things (a room, a device,
        a list: `Registry.vocabulary`), which no request the assistant cannot serve names."""
        def words(phrase: str) -> str:
            return " ".join(re.findall(r"[a-z0-9']+", phrase.lower()))
        said = f" {words(text)} "
        names = [words(name) for name in self.registry.vocabulary(self.db)]
        return any(len(name) >= 4 and f" {name} " in said for name in names) \
            or any(f" {word} " in said for word in _own_words(names))  # "what's the solar doing": the Solar Power

    def _expert_state(self, utterance: Utterance):
        """The per-expert context hook for the router: only the routed expert's state, only now."""
        def state(expert_name: str, aliases) -> str:
            hook = self.registry.expert(expert_name).routing_context
            return hook(self.db, utterance.text, utterance.area, aliases) if hook else ""
        return state

    def _propose(self, plan: Plan) -> None:
        """The fast router: classifier + rules. Sets the plan's proposal, whether it is confident
        enough to skip the confirmer, and the classifier's guess."""
        began = time.perf_counter()
        text = plan.utterance.text
        plan.guess = plan.guess or self._classifier().guess(text)  # (a deferral may have guessed already)
        if self.routing.speculation and (not is_follow_up(text) or refers_within(text)):
            source = plan.utterance.source
            expert = self._meant_expert(text, plan.guess, source)
            words = self._respelt(text)  # "set the termostat to 20": the words as the assistant knows them
            proposal = rules.propose(self.registry, words, expert, self.clock.now())
            if proposal is None and self.registry.claimant(self.db, words, source) == expert:  # "the kettle please"
                proposal = rules.propose(self.registry, words, expert, self.clock.now(), claimed=True)
            if proposal is None and not cues.pinned_expert(self.registry, text, self.db, source):
                proposal = self._runner_up_proposal(words, plan.guess)
            plan.proposal = self._as_meant(plan, proposal)
            if plan.proposal is None and self.routing.retrieval_proposer:
                plan.proposal = self._as_meant(plan, self._retrieved(text, expert))
        elif self.routing.speculation:  # a follow-up: only what "it" names is the rules' to read
            proposal = self._proposal_on_referent(plan) or self._proposal_with_nothing_before(plan)
            plan.proposal = self._as_meant(plan, proposal)
        plan.timings["propose"] = _elapsed(began)
        plan.confident = (plan.proposal is not None and self.routing.skip_confirmer
                          and plan.guess.score >= self.routing.skip_min_score
                          and plan.guess.margin >= self.routing.skip_min_margin)
        plan.asks_first = self._asks_first(plan)
        plan.trusted = self._trusted(plan)

    def _trusted(self, plan: Plan) -> bool:
        """Whether the rules' proposal may stand without the confirmer (`routing.trust_settled`):
        on a line that is no follow-up, independent evidence settles both its expert and its API
        (routing/settled.py), so the model would only rewrite the arguments the rules read; never
        a reading its expert calls a judgement (`Expert.doubtful`: "mac and cheese", one or two?).
        Never when tracing: --trace shows what the model would do."""
        proposal = plan.proposal
        if not self.routing.trust_settled or self.routing.trace or proposal is None or proposal.source != "router" \
                or plan.context or plan.guess is None or not self.routing.expert_prior:
            return False
        if self._doubtful(plan):
            return False
        return self._settled(plan, self._prior(plan), tuple(self.registry.idle(self.db)))[1] is not None

    def _doubtful(self, plan: Plan) -> bool:
        """Whether the proposal is a reading its expert calls a judgement (`Expert.doubtful`)."""
        proposal = plan.proposal
        doubtful = self.registry.expert(proposal.expert).doubtful if proposal and proposal.expert else None
        return doubtful is not None and doubtful(proposal.api, proposal.args, plan.utterance.text)

    def _prior(self, plan: Plan) -> dict[str, float]:
        """The classifier's expert probabilities for the line, as the cues pin them: the
        confirmer's prior, and the evidence that settles a proposal."""
        guess = plan.guess or self._classifier().guess(plan.utterance.text)
        return cues.pin(self.registry, guess.probabilities(self.routing.prior_temperature), plan.utterance.text,
                        self.db, plan.utterance.source)

    def _runner_up_proposal(self, words: str, guess: ExpertGuess) -> Decision | None:
        """When the guessed expert's rules read nothing: the rules of the experts the classifier
        cannot tell apart from its guess (within `routing.runner_up_gap`: "night light purple",
        chat or smart home), the first that reads the words. The confirmer still decides."""
        top = guess.ranking[0][1] if guess.ranking else 0.0
        for expert, score in guess.ranking[1:4]:
            if top - score > self.routing.runner_up_gap:
                break
            proposal = rules.propose(self.registry, words, expert, self.clock.now())
            if proposal is not None:
                return proposal
        return None

    def _asks_first(self, plan: Plan) -> bool:
        """Whether the proposal needs the user's yes before it runs (a sensitive API, or the
        expert's policy: unlocking, opening the garage): then its question is asked at once, with
        no confirmer (`routing.ask_early`). Nothing runs before the yes, and the yes answers a
        question that says the call, so the user confirms it. Not for a call put off until later."""
        proposal = plan.proposal
        if not self.routing.ask_early or proposal is None or plan.delay is not None or plan.unscheduling is not None:
            return False
        spec = self.registry.api(proposal.expert, proposal.api)
        try:
            args = spec.validate(proposal.args)
        except ValidationError:
            return False
        vetted = self._vet(plan, spec, args)
        if vetted.ungrounded or vetted.question is None or not self._reason_found(plan, spec, args):
            return False
        plan.proposal = proposal.model_copy(update={"args": args})  # the call asked about, as vetted
        return True

    def _proposal_with_nothing_before(self, plan: Plan) -> Decision | None:
        """Words shaped like a follow-up with no turn before them to follow ("make it warmer by 3
        degrees": "it" is the room): the rules' proposal, unless a value of it is a pointing word."""
        if plan.previous is not None:
            return None
        text = plan.utterance.text
        proposal = rules.propose(self.registry, text, self._meant_expert(text, plan.guess, plan.utterance.source),
                                 self.clock.now())
        values = [v for v in (proposal.args.values() if proposal else []) if isinstance(v, str)]
        return None if any(POINTER.search(v) for v in values) else proposal

    def _respelt(self, text: str) -> str:
        """The words for the rules to read: misspelt ones respelt (assistant/routing/spelling.py),
        else `text` as it is."""
        if not spelling.may_be_misspelt(text):
            return text
        spelt = spelling.respelt(text, spelling.known_words(self.registry, self.registry.vocabulary(self.db)))
        return text if spelt == text.lower() else spelt

    def _proposal_on_referent(self, plan: Plan) -> Decision | None:
        """"and set it to 40 percent" after "turn on the bedside lamp": the rules' proposal for the
        words with "it" replaced by the one thing the previous call acted on (its expert's first
        `inferred` argument), or None."""
        previous, text = plan.previous, plan.utterance.text
        if previous is not None and (together := self._devices_together(text)):  # "off both of them"
            named = JOINT.sub("", TOGETHER.sub(f"the {together}", text, count=1))
            return rules.propose(self.registry, named, previous.expert, self.clock.now())
        pointer = POINTS_BACK.search(text)
        if previous is None or pointer is None or len(POINTS_BACK.findall(text)) > 1:
            return None
        inferred = self.registry.expert(previous.expert).inferred
        name = next((previous.args[key] for key in inferred if previous.args.get(key)), None)
        if not isinstance(name, str) or "," in name:
            return None
        named = JOINT.sub("", f"{text[:pointer.start()]}the {name}{text[pointer.end():]}")
        return rules.propose(self.registry, named, previous.expert, self.clock.now())

    def _retrieved(self, text: str, expert: str) -> Decision | None:
        """The retrieval proposer's call (assistant/routing/retrieval.py), grounded in the words the
        expert knows here (its vocabulary: the home's names)."""
        proposer = retrieval_proposer(self.registry, self._classifier())
        if proposer is None or expert not in {e.name for e in self.registry.experts()}:
            return None
        hook = self.registry.expert(expert).vocabulary
        known = {w for name in (hook(self.db) if hook else []) for w in name.lower().split()}
        return proposer.propose(text, expert, known, self.clock.now())

    def _meant_expert(self, text: str, guess: ExpertGuess | None = None, source: str = "text") -> str:
        """The expert these words (said by `source`) are for: the one a cue pins, else the
        classifier's guess (made now if not given)."""
        pinned = cues.pinned_expert(self.registry, text, self.db, source)
        return pinned or (guess or self._classifier().guess(text)).expert

    def _with_referent(self, plan: Plan, decision: Decision | None) -> Decision | None:
        """"turn it off (at half ten)", "dim them to 40", a bare "louder": the previous call's target
        (its expert's `inferred` arguments) when the words point back at it or name nothing, and
        this call of the same expert names none the user said (the model's "thermostat" for "it"
        would be every thermostat). "Both of them" after "… and the porch light" is both devices."""
        previous, text = plan.previous, plan.utterance.text
        decision = _with_place_pointed_at(previous, text, decision)  # "set the aircon there to 24"
        if decision is None or decision.qualified is None \
                or not (POINTS_BACK.search(text) or TOGETHER.search(text) or is_bare_change(text)):
            return decision
        inferred = self.registry.expert(decision.expert).inferred
        said = tokens(TOGETHER.sub(" ", plan.utterance.text))  # "both" names no device
        if not inferred or any(decision.args.get(key) and guardrails.said_in(str(decision.args[key]), said)
                               for key in inferred):
            return decision  # the user named the target themselves ("turn it and the fan off")
        if previous is None or previous.expert != decision.expert:  # "turn it on" with nothing before it:
            if not POINTS_BACK.search(text):  # the model's guess is no target ("light": every light)
                return decision
            return decision.model_copy(update={"args": {k: v for k, v in decision.args.items() if k not in inferred}})
        properties = self.registry.api(decision.expert, decision.api).properties
        carried = {key: previous.args[key] for key in inferred if key in properties and previous.args.get(key)}
        if "device" in properties and (together := self._devices_together(text)):
            carried = {"device": together}
        if not carried:
            return decision
        kept = {key: value for key, value in decision.args.items() if key not in inferred}
        return decision.model_copy(update={"args": {**kept, **carried}})

    def _devices_together(self, text: str) -> str | None:
        """The devices "both of them" means: those the last follow-up turns named one each."""
        if not TOGETHER.search(text):
            return None
        return devices_together(recent_actions(self.db, self.clock.now(), conversation=self.conversation), text)

    def _as_meant(self, plan: Plan, decision: Decision | None) -> Decision | None:
        """The decision in the user's words, as the API its targets can do ("open the light": on)."""
        decision = self._in_users_words(plan, decision)
        if decision is None or decision.qualified is None or decision.source == "slot":
            return decision
        recast = self.registry.expert(decision.expert).recast
        other = recast(self.db, decision.api, decision.args, here=plan.utterance.area, said=_said(plan)) if recast else None
        return decision if other is None else decision.model_copy(update={"api": other[0], "args": other[1]})

    def _in_users_words(self, plan: Plan, decision: Decision | None) -> Decision | None:
        """The decision with its values as the user said them (times, durations: assistant/slots.py),
        so a value the model cut short never replaces the user's complete one."""
        if decision is None or decision.qualified is None or decision.source == "slot":
            return decision
        spec = self.registry.api(decision.expert, decision.api)
        said = _said(plan)
        args = guardrails.in_users_words(spec, decision.args, said, self.clock.now())
        return decision if args == decision.args else decision.model_copy(update={"args": args})

    def _reason_found(self, plan: Plan, spec: ApiSpec, args: dict) -> bool:
        """An expert that says why a call needs a yes names what the call would act on ("This
        would unlock Front Door"); when it finds no reason for a sensitive call (no such lock), what
        was meant is unsure, and the confirmer reads it."""
        policy, utterance = self.registry.expert(spec.expert).confirmation_policy, plan.utterance
        return policy is None or policy(self.db, spec.name, args, here=utterance.area, said=utterance.text,
                                        source=utterance.source) is not None

    def _ask_first(self, plan: Plan, started: float) -> Reply:
        """The proposal's question, asked at once (see `_asks_first`): its "first action"."""
        record = speculation.SpeculationRecord(proposed=plan.proposal, confirmed=plan.proposal, agreed=True,
                                               skipped_confirmer=True, asked=True)
        reply = self._act(plan, plan.proposal, started)
        asked_ms = _elapsed(started)
        reply.timings_ms = {**reply.timings_ms, "first_action": asked_ms, "confirmed": asked_ms}
        reply.speculation = record.as_json()
        speculation.record(self.db, self.clock.now(), plan.utterance.text, record, reply.timings_ms)
        return reply

    def _speculate(self, plan: Plan, started: float) -> Reply:
        if plan.asks_first:
            return self._ask_first(plan, started)
        utterance, proposal = plan.utterance, plan.proposal
        record = speculation.SpeculationRecord(proposed=proposal)
        early = plan.early if plan.ran_ahead else self._run_speculatively(plan, proposal, started)
        record.ran = early is not None
        record.skipped_confirmer = plan.confident or self._answered(plan, early) or self._stands(plan, early)
        record.confirmed = proposal if record.skipped_confirmer else self._confirmed(plan)
        record.agreed = (speculation.same_call(proposal, record.confirmed)
                         or (early is not None and (speculation.adds_to(proposal, record.confirmed)
                                                    or self._same_outcome(plan, early, record.confirmed))))
        if early is not None and record.agreed:
            reply = early.reply
            reply.timings_ms["confirmed"] = _elapsed(started)
        else:
            if early is not None:
                if early.reply.asks:  # the early call's question is not the one to ask
                    self._drop_question(plan)
                self._undo(early)
            reply = self._act(plan, record.confirmed, started)
            if early is not None:
                reply = self._settle(plan, early, reply, record, started)
        reply.speculation = record.as_json()
        speculation.record(self.db, self.clock.now(), utterance.text, record, reply.timings_ms)
        return reply

    def _answered(self, plan: Plan, early: Executed | None) -> bool:
        """The early call answered the user's question by reading alone (`routing.answer_without_confirmer`):
        a rules' proposal on a question, which found what it names, changed nothing and asked
        nothing. Then the confirmer is not needed."""
        return early is not None and plan.proposal is not None and plan.proposal.source == "router" \
            and early.spec.qualified in self.routing.answer_without_confirmer and is_question(plan.utterance.text) \
            and early.result.undo is None and _ran_cleanly(early)

    def _stands(self, plan: Plan, early: Executed | None) -> bool:
        """A trusted proposal (`_trusted`) whose early action ran, asked nothing and needs no yes:
        the confirmer is not needed."""
        return plan.trusted and early is not None and _ran_cleanly(early)

    def _same_outcome(self, plan: Plan, early: Executed, decision: Decision | None) -> bool:
        """The confirmed call in other words than the early one, with the same effect: tried (on
        copies, assistant/effects.py) from the state before the early action, it leaves the home,
        the timers, the lists as the early action did ("turn on the lamp at 40" and "set the
        lamp's brightness to 40"). Then the early action stands: nothing is undone or run twice."""
        if decision is None or decision.qualified is None or not early.result.ok or early.reply.asks \
                or early.spec.undo is None or early.result.undo is None or not self._state_in_database():
            return False
        spec = self.registry.api(decision.expert, decision.api)
        if not spec.speculative_safe or spec.sensitive:
            return False
        vetted = self._vet(plan, spec, decision.args)
        if vetted.ungrounded or vetted.question:
            return False
        ctx = ExpertContext(db=self.db, clock=self.clock, utterance=plan.utterance, previous=plan.previous,
                            capabilities=self.capabilities)

        def undo_early(trial: ExpertContext) -> bool:
            early.spec.undo(trial, early.result.undo)
            return True

        def run(call: ApiSpec, args: dict) -> effects.Run:
            return lambda trial: execute(call, args, trial).ok
        return effects.same_outcome(ctx, run(early.spec, early.reply.args), run(spec, vetted.args), undo_early)

    def _state_in_database(self) -> bool:
        """Whether what the calls act on is all in the assistant's database (so it can be copied to
        try calls on): not when the home is a remote one."""
        try:
            home = self.registry.service("home_backend")(self.db)
        except RegistryError:  # no smart home here
            return True
        return getattr(home, "name", "") == "sqlite"

    def _settle(self, plan: Plan, early: Executed, reply: Reply,
                speculation_record: speculation.SpeculationRecord, started: float) -> Reply:
        """After a disagreement: same effect in other words is agreement; a confirmed call its
        expert could not carry out (e.g. an alarm for "20 minutes"), or a read-only query for
        words that asked nothing ("I can't see a thing in here"), loses to a proposal that
        worked or asked a question ("which towel rail?"), which runs again; anything else is a
        rollback."""
        record = speculation_record
        record.redone = True
        same_effect = (reply.api, reply.reply) == (early.reply.api, early.reply.reply)
        record.agreed, record.rolled_back = same_effect, not same_effect
        failed_call = reply.expert is not None and (not reply.ok or reply.asks) and not reply.needs_confirmation
        idle_query = reply.api == "query" and not is_question(plan.utterance.text)
        early_asked = early.reply.asks and not reply.asks  # its question, over a call that failed outright
        if not same_effect and (failed_call or idle_query) and (early.result.ok or early_asked):
            if reply.asks:  # the proposal had the value the confirmer's call asked for
                self._drop_question(plan)
            redo = self._execute(plan, early.spec, early.reply.args, "router", started)
            record.rolled_back, record.fallback = False, True
            reply = redo.reply
        reply.timings_ms["first_action"] = early.reply.timings_ms["first_action"]
        return reply

    def _run_speculatively(self, plan: Plan, proposal: Decision | None,
                           started: float) -> Executed | None:
        if proposal is None:
            return None
        spec = self.registry.api(proposal.expert, proposal.api)
        if not spec.speculative_safe or spec.sensitive or spec.acts and asks_not_requests(plan.utterance.text):
            return None  # (a question is answered, never acted on before the confirmer reads it)
        try:
            args = spec.validate(proposal.args)
        except ValidationError:  # a proposal the schema refuses acts on nothing: the confirmer decides
            return None
        vetted = self._vet(plan, spec, args)
        if vetted.ungrounded or vetted.question:
            return None  # nothing unsafe ever runs before the confirmer agrees
        return self._execute(plan, spec, vetted.args, "router", started, final=False)

    def _vet(self, plan: Plan, spec: ApiSpec, args: dict) -> Vetted:
        """The guardrails' checks of one call, made once per plan (speculation and acting share them)."""
        key = f"{spec.qualified} {json.dumps(args, sort_keys=True, default=str)}"
        if key not in plan.vetted:
            now, said = self.clock.now(), _said(plan)
            if plan.decision is None or plan.decision.source not in ("slot", "correction"):  # already the user's words
                args = guardrails.in_users_words(spec, args, said, now)
            args = guardrails.without_made_up(spec, args, said, self.registry.expert(spec.expert).inferred)
            # a correction is a call vetted before, with one value read from the user's words
            ungrounded = [] if plan.correction is not None else guardrails.ungrounded_arguments(spec, args, said, now)
            plan.vetted[key] = Vetted(args=args, ungrounded=ungrounded,
                                      question=guardrails.confirmation_question(self.registry, spec, args,
                                                                                self.db, plan.utterance))
        return plan.vetted[key]

    def _undo(self, executed: Executed) -> None:
        if executed.spec.undo is not None and executed.result.undo is not None:
            ctx = ExpertContext(db=self.db, clock=self.clock)
            executed.spec.undo(ctx, executed.result.undo)
        mark_undone(self.db, executed.action_id)

    def _last_reply(self) -> str | None:
        """What the assistant said last in this conversation, if recently."""
        turns = recent_turns(self.db, self.conversation, self.clock.now() - RECENT, 1)
        return turns[-1].reply if turns else None

    def _undo_last(self) -> str | None:
        """Undo the last action still in effect (recent, not undone, undoable); its reply, or None."""
        last = last_undoable(self.db, self.clock.now() - RECENT, self.conversation)
        if last is None:
            return None
        action_id, expert, api_name, undo, reply = last
        self._take_back(action_id, undo, self.registry.api(expert, api_name))
        return reply

    def _take_back(self, action_id: int, undo: dict, spec: ApiSpec | None = None) -> ScheduledAction | None:
        """Reverse one logged action, the one way for "undo that" and "cancel that": a call put off
        until later will not run (the cancelled call is returned), a done one is undone by its API."""
        cancelled = None
        if "scheduled_action" in undo:
            cancelled = cancel_scheduled(self.db, undo["scheduled_action"], self.clock.now())
        elif spec is not None and spec.undo is not None:
            spec.undo(ExpertContext(db=self.db, clock=self.clock), undo)
        mark_undone(self.db, action_id)
        return cancelled

    def _act(self, plan: Plan, decision: Decision, started: float) -> Reply:
        if decision.source == "confirmation":
            return self._answer_confirmation(plan, decision, started)
        if decision.declined and self._chat_knows(plan):  # "how many players are on a rugby team"
            decision = Decision(expert="chat", api="respond", source=decision.source)
        if decision.declined:
            return Reply(reply=self.decline_reply, declined=True)
        if decision.qualified is None:
            failed = decision.note and not decision.note.startswith(INVALID_OUTPUT)
            return Reply(reply=NO_MODEL.format(reason=decision.note) if failed else NOT_UNDERSTOOD, ok=False,
                         data={"model_problem": decision.note} if decision.note else {})
        spec = self.registry.api(decision.expert, decision.api)
        vetted = self._vet(plan, spec, decision.args)
        if (found := self._said_elsewhere(plan, spec, vetted)) is not None:
            vetted = self._vet(plan, spec, found)  # "set one of those timers? The scones want fourteen minutes."
        if vetted.ungrounded:
            missing = [name for name in vetted.ungrounded if name in spec.slots]
            if len(missing) == len(vetted.ungrounded) and (decision.source == "slot" or self._in_scope(plan, spec.expert)):
                given = {k: v for k, v in vetted.args.items() if k not in missing}
                return self._ask(plan, PendingAction(spec.expert, spec.name, given, slot=missing[0]),
                                 spec.slots[missing[0]].question)
            return Reply(reply=self.decline_reply, declined=True, args=vetted.args,
                         data={"ungrounded": f"{spec.qualified} {vetted.args}"})
        if vetted.question:
            utterance = plan.utterance
            park_action(self.db, at=self.clock.now(), expert=spec.expert, api=spec.name,
                        args=vetted.args, question=vetted.question, said=utterance.text, area=utterance.area,
                        conversation=self.conversation)
            return Reply(reply=vetted.question, expert=spec.expert, api=spec.name, args=vetted.args,
                         needs_confirmation=True)
        return self._execute(plan, spec, vetted.args, decision.source, started).reply

    def _said_elsewhere(self, plan: Plan, spec: ApiSpec, vetted: Vetted) -> dict | None:
        """The call's arguments with a duration or an alarm's time the model left out or made up read
        from the user's own words, said in another sentence of the request ("set an alarm. 7:15");
        None unless every one missing is so."""
        args = dict(vetted.args)
        absent = [name for name, slot in spec.slots.items() if slot.kind in ("duration", "clock") and (
            not args.get(name) or slot.kind == "clock" and not re.search(r"\d|noon|midnight|midday", quantities(str(args[name]))))]
        wanted = [*vetted.ungrounded, *absent]
        if not wanted or len(SENTENCE_BREAK.split(plan.utterance.text.strip())) < 2:
            return None
        for name in wanted:
            slot = spec.slots.get(name)
            kind = slot.kind if slot and slot.kind in ("duration", "clock") else None
            phrase = _said_in_a_clause(kind, plan.utterance.text) if kind else None
            if not phrase or (kind == "clock" and not re.search(r"\d|noon|midnight", phrase)) \
                    or slots.meaning(kind, phrase, self.clock.now()) is None:
                return None
            args[name] = phrase
        return args

    def _chat_knows(self, plan: Plan) -> bool:
        """A question general knowledge answers (routing/timeless.py) that no decline cue claims:
        the chat's, whatever the model's taste for declining sport or weather words."""
        text = plan.utterance.text
        return self._has_chat() and timeless_question(text) \
            and cues.pinned_expert(self.registry, text, self.db, plan.utterance.source) is None

    def _has_chat(self) -> bool:
        return "chat" in {e.name for e in self.registry.experts()}

    def _answer_confirmation(self, plan: Plan, decision: Decision, started: float) -> Reply:
        status = "confirmed" if decision.api == "confirm" else "denied"
        pending = take_pending(self.db, self.clock.now(), status, plan.utterance.area, self.conversation)
        if pending is None:  # a bare yes/no with nothing to confirm; "ok, thank you" is thanks, the chat's
            thanked = THANKS.search(plan.utterance.text) and self._has_chat()
            spec = self.registry.api("chat", "respond") if thanked else self.registry.api("system", "stop")
            return self._execute(plan, spec, {}, "fastpath", started).reply
        if status == "denied":
            return Reply(reply="OK, I won't.", expert=pending.expert, api=pending.api, args=pending.args)
        spec = self.registry.api(pending.expert, pending.api)
        utterance = plan.utterance
        asked = utterance.model_copy(update={"text": pending.said or utterance.text,
                                             "area": pending.area or utterance.area})
        if pending.due is not None:  # confirmed for later: put off, not run now
            return self._schedule(spec, pending.args, pending.due, asked, asked.text)
        return self._execute(plan, spec, pending.args, "confirmation", started, asked).reply

    def _execute(self, plan: Plan, spec: ApiSpec, args: dict, source: str, started: float,
                 utterance: Utterance | None = None, final: bool = True) -> Executed:
        """Run one call for this plan (as `utterance`, by default the plan's own) and log it. Only
        a `final` call (not a speculative one, which may be undone) may say its reply's start early."""
        utterance = utterance or plan.utterance
        ctx = ExpertContext(db=self.db, clock=self.clock, utterance=utterance, compose=self._compose,
                            previous=plan.previous, capabilities=self.capabilities, undo_last=self._undo_last,
                            last_reply=self._last_reply, say_early=plan.say_early if final else None)
        result = execute(spec, args, ctx)
        executed_ms = _elapsed(started)
        if result.missing and (result.missing in spec.slots or result.choices) and not result.ok:
            # the expert asks for a value it can't use, or which of several things was meant
            kept = args if result.choices else {k: v for k, v in args.items() if k != result.missing}
            call = PendingAction(spec.expert, spec.name, kept, slot=result.missing, choices=result.choices)
            reply = self._ask(plan, call, result.reply)
            reply.timings_ms = {"first_action": executed_ms, "confirmed": executed_ms}
            return Executed(reply=reply, spec=spec, result=result, action_id=0)
        action_id = log_action(self.db, at=self.clock.now(), text=utterance.text, expert=spec.expert,
                               api=spec.name, args=self._as_done(spec, args, result), source=source, ok=result.ok,
                               reply=result.reply, undo=result.undo, conversation=self.conversation)
        reply = Reply(reply=result.reply, expert=spec.expert, api=spec.name, args=args, ok=result.ok,
                      data=result.data, sources=result.sources,
                      timings_ms={"first_action": executed_ms, "confirmed": executed_ms})
        return Executed(reply=reply, spec=spec, result=result, action_id=action_id)

    def _as_done(self, spec: ApiSpec, args: dict, result: ActionResult) -> dict:
        """The call's arguments as the log keeps them: its target as what it acted on, when the
        expert says (`ActionResult.referent`)."""
        if not result.ok or not result.referent:
            return args
        inferred = self.registry.expert(spec.expert).inferred
        return {**{k: v for k, v in args.items() if k not in inferred}, **result.referent}

    def _compose(self, text: str, on_text: Callable[[str], None] | None = None) -> str:
        """The chat model's answer to `text`, in the light of this conversation's recent turns
        (`on_text`: given it piece by piece as it is generated)."""
        config, talk = self.roles.settings.role("chat"), self.roles.settings.conversation
        model = self.roles.get("chat")
        since = self.clock.now() - timedelta(minutes=talk.history_minutes)
        history = recent_turns(self.db, self.conversation, since, talk.history_turns)
        tokenize = getattr(model, "tokenize", None)
        messages = chat_messages(text, history, persona=talk.persona or PERSONA, budget=talk.history_tokens,
                                 count=(lambda words: len(tokenize(words))) if tokenize else estimate_tokens)
        streamed = {"on_text": on_text} if on_text is not None else {}
        return model.generate(messages, temperature=config.temperature, max_tokens=config.max_tokens,
                              **streamed).text


def execute(spec: ApiSpec, args: dict, ctx: ExpertContext) -> ActionResult:
    """Run one validated API call; an expert's crash becomes a clear failed result, not a traceback."""
    try:
        return spec.func(ctx, **args)
    except ExpertInputError as exc:  # the expert's own clear line (a home that cannot be reached)
        return ActionResult(ok=False, reply=str(exc))
    except Exception as exc:  # noqa: BLE001 - errors travel as data
        return ActionResult(ok=False, reply=f"Sorry, something went wrong with {spec.qualified}: {exc}")


def _ran_cleanly(early: Executed) -> bool:
    """The early action worked, asked nothing and needs no yes."""
    return early.result.ok and not early.reply.asks and not early.result.needs_confirmation


def _said(plan: Plan) -> str:
    """What the user said that a call's values may come from: the words, and the earlier turn's
    when this one follows up on it."""
    return " ".join(part for part in (plan.utterance.text, plan.context) if part)


# "there" as the place the previous request named ("what's it like in the lounge" → "set the aircon there to 24"),
# never "is there", "there is", "over there"
THERE = re.compile(r"(?<!\bis )(?<!\bare )(?<!\bover )(?<!\bup )(?<!\bdown )\b(?:in |out )?there\b(?!'s|\s+(?:is|are|was|were)\b)",
                   re.IGNORECASE)


def _with_place_pointed_at(previous: Turn | None, text: str, decision: Decision | None) -> Decision | None:
    """The decision with the previous call's area when the words point at that place ("there") and
    the call names no area of its own; else as it is."""
    if decision is None or decision.qualified is None or previous is None or previous.expert != decision.expert \
            or "area" in decision.args or not isinstance(previous.args.get("area"), str) or not THERE.search(text):
        return decision
    return decision.model_copy(update={"args": {**decision.args, "area": previous.args["area"]}})


def _said_in_a_clause(kind: str, text: str) -> str | None:
    """A duration or a clock time said in the words, or alone as a clause of them ("Set an alarm.
    Seven forty-five, so I'm not late": at 7 45)."""
    words = quantities(text)
    found = slots.said_phrase(kind, words)
    if found or kind != "clock":
        return found
    clauses = [c.strip() for c in re.split(r"[.,;!?]", words) if c.strip()]
    return next((f for c in clauses if re.match(r"^(?:\d|half|quarter)", c) and (f := slots.said_phrase(kind, f"at {c}"))),
                None)


def _own_words(names: list[str]) -> set[str]:
    """The words of five letters or more that only one of the user's names holds ("solar" of "Solar
    Power", "festoon"): a word no request the assistant cannot serve is likely to say."""
    counts = Counter(word for name in names for word in set(name.split()) if len(word) >= 5)
    return {word for word, count in counts.items() if count == 1}


def _elapsed(started: float) -> float:
    return round((time.perf_counter() - started) * 1000, 1)

