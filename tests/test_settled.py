"""The confirmer's ranking passes skipped for what independent evidence settles of the proposal, or
of a line with no proposal (assistant/routing/settled.py; RoutingConfig.settle_expert, settle_api,
settle_unproposed): scripted models only."""
from __future__ import annotations

import pytest

from assistant import testing
from assistant.app import default_registry
from assistant.config import RoutingConfig
from assistant.messages import Decision
from assistant.routing.classifier import ExpertGuess
from assistant.routing.model_router import ModelRouter
from assistant.routing.schema import DECLINE
from assistant.routing.settled import settled_api, settled_expert, settled_unproposed
from tests.conftest import DEV_HOME
from tests.test_api_ranking import RankingLLM
from tests.test_retrieval_proposer import NearestDouble, _example

TIMER = Decision(expert="timers", api="start", args={"duration": "12 minutes"}, source="router")


def guess(expert: str, margin: float) -> ExpertGuess:
    return ExpertGuess(expert, 0.8, margin, ((expert, 0.8), ("none", 0.8 - margin)))


class CountingLLM(RankingLLM):
    """Counts the ranking passes it is asked for."""

    def __init__(self, expert: str, api: str, outputs=()) -> None:
        super().__init__(expert, api, outputs)
        self.expert_rankings = 0

    def rank_continuations(self, messages, prefill, candidates):
        self.expert_rankings += 1
        return super().rank_continuations(messages, prefill, candidates)


class PoolClassifier(NearestDouble):
    """A classifier double with a pool of examples (the retrieval proposer's) and a fixed guess."""

    def __init__(self, registry, expert: str, margin: float) -> None:
        super().__init__(registry)
        self.fixed = guess(expert, margin)

    def guess(self, text: str) -> ExpertGuess:
        return self.fixed


@pytest.mark.parametrize("expert, margin, settled", [("timers", 0.2, "timers"), ("timers", 0.1, "timers"),
                                                      ("timers", 0.05, None), ("reminders", 0.4, None)])
def test_the_expert_is_settled_only_when_the_classifier_leads_with_the_proposals_expert(expert, margin, settled):
    assert settled_expert(TIMER, guess(expert, margin), 0.1) == settled


def test_nothing_is_settled_without_a_proposal_or_a_guess():
    assert settled_expert(None, guess("timers", 0.5), 0.1) is None
    assert settled_expert(TIMER, None, 0.1) is None
    assert settled_api(None, "timers", "start") is None


@pytest.mark.parametrize("expert, nearest, settled", [("timers", "start", "timers.start"), ("timers", "set_alarm", None),
                                                      ("timers", None, None), (None, "start", None),
                                                      ("reminders", "start", None)])
def test_the_api_is_settled_when_the_nearest_example_calls_the_proposals_api(expert, nearest, settled):
    assert settled_api(TIMER, expert, nearest) == settled


def route(llm, settled):
    router = ModelRouter(llm, default_registry(), rank_api=True, draft=True)
    return router.decide("set a pasta timer for 12 minutes", prior={"timers": 0.6, "reminders": 0.4},
                         hint=TIMER, settled=settled)


def test_a_settled_expert_is_not_ranked_but_its_api_is():
    llm = CountingLLM("reminders", "start", [{"duration": "12 minutes"}])  # its ranking would say reminders
    decision, trace = route(llm, ("timers", None))
    assert decision.qualified == "timers.start" and llm.expert_rankings == 0
    assert [prefill for prefill, _ in llm.choices] == ['{"api":"timers']
    assert trace.expert_scores == {"timers": 0.0} and trace.rank_expert_ms == 0.0


def test_a_settled_api_is_not_ranked_and_the_proposal_drafts_the_arguments():
    llm = CountingLLM("timers", "cancel", [{"duration": "12 minutes"}])  # its choice would be cancel
    decision, trace = route(llm, ("timers", "timers.start"))
    assert decision.qualified == "timers.start" and llm.expert_rankings == 0 and llm.choices == []
    assert llm.prefills == ['{"api":"timers.start","args'] and '"duration":"12 minutes"' in llm.drafts[0]
    assert trace.api_scores == {}


def test_an_api_settled_for_another_expert_than_the_chosen_one_is_ranked():
    llm = CountingLLM("reminders", "create", [{"text": "pasta", "when": "in 12 minutes"}])
    decision, _ = route(llm, (None, "timers.start"))
    assert llm.expert_rankings == 1 and decision.qualified == "reminders.create"
    assert [prefill for prefill, _ in llm.choices] == ['{"api":"reminders']


def test_without_evidence_both_are_ranked_and_timed():
    llm = CountingLLM("timers", "start", [{"duration": "12 minutes"}])
    decision, trace = route(llm, (None, None))
    assert decision.qualified == "timers.start" and llm.expert_rankings == 1 and len(llm.choices) == 1
    assert trace.as_json()["rank_expert_ms"] >= 0.0 and "rank_api_ms" in trace.as_json()


TEXT = "set a pasta timer for 12 minutes"


def pipeline(tmp_path, margin: float, nearest_api: str | None, **routing):
    registry = default_registry()
    classifier = PoolClassifier(registry, "timers", margin)
    assistant = testing.scripted_assistant(tmp_path / "state.db", home=DEV_HOME, registry=registry,
                                           classifier=classifier)
    assistant.roles.settings.routing = RoutingConfig(**{"trust_settled": False, **routing})
    llm = CountingLLM("timers", "set_alarm", [{"duration": "12 minutes", "name": "pasta"}])
    assistant._router = ModelRouter(llm, registry, rank_api=True, draft=True)
    if nearest_api:  # the pool's example nearest to the words calls this API
        from assistant.routing.retrieval import retrieval_proposer
        proposer = retrieval_proposer(registry, classifier)
        spans = {"duration", "name"} if nearest_api == "start" else {"time"}
        try:
            example = _example(proposer, f"timers.{nearest_api}", spans)
        except StopIteration:
            example = next(t for f, t in zip(proposer.frames, classifier.texts)
                           if f and f.call.qualified == f"timers.{nearest_api}")
        classifier.near(TEXT, example)
    return assistant, llm


def test_the_pipeline_skips_both_passes_when_the_evidence_agrees(tmp_path):
    assistant, llm = pipeline(tmp_path, 0.3, "start", settle_expert=True, settle_api=True)
    reply = assistant.handle(TEXT)
    assert reply.expert == "timers" and reply.api == "start"
    assert llm.expert_rankings == 0 and llm.choices == []
    assert "rank_expert" in reply.timings_ms and "rank_api" in reply.timings_ms


def test_a_settled_proposal_stands_without_the_confirmer(tmp_path):
    assistant, llm = pipeline(tmp_path, 0.3, "start", trust_settled=True)
    reply = assistant.handle(TEXT)
    assert reply.expert == "timers" and reply.api == "start" and reply.ok
    assert reply.speculation["skipped_confirmer"] and reply.speculation["agreed"]
    assert llm.expert_rankings == 0 and llm.choices == [] and llm.prefills == []  # no model pass at all


@pytest.mark.parametrize("margin, nearest_api", [(0.3, "set_alarm"), (0.02, "start")])
def test_a_proposal_the_evidence_does_not_settle_is_confirmed(tmp_path, margin, nearest_api):
    assistant, llm = pipeline(tmp_path, margin, nearest_api, trust_settled=True)
    reply = assistant.handle(TEXT)
    assert llm.prefills and not reply.speculation["skipped_confirmer"]


@pytest.mark.parametrize("ok, asks, needs_yes, stands", [(True, False, False, True), (False, False, False, False),
                                                        (True, True, False, False), (True, False, True, False)])
def test_a_trusted_proposal_stands_only_when_its_early_action_ran_and_asked_nothing(tmp_path, ok, asks, needs_yes, stands):
    from assistant.messages import ActionResult, Reply, Utterance
    from assistant.pipeline import Executed
    from assistant.plan import Plan

    assistant, _ = pipeline(tmp_path, 0.3, "start", trust_settled=True)
    plan = Plan(Utterance(text=TEXT))
    plan.trusted = True
    result = ActionResult(reply="", ok=ok, needs_confirmation=needs_yes)
    early = Executed(reply=Reply(reply="", asks="items" if asks else None), spec=assistant.registry.api("timers", "start"),
                     result=result, action_id=1)
    assert assistant._stands(plan, early) == stands
    plan.trusted = False
    assert not assistant._stands(plan, early)


def test_the_pipeline_ranks_the_api_when_the_nearest_example_calls_another(tmp_path):
    assistant, llm = pipeline(tmp_path, 0.3, "set_alarm", settle_expert=True, settle_api=True)
    assistant.handle(TEXT)
    assert llm.expert_rankings == 0 and len(llm.choices) == 1


def test_the_pipeline_ranks_the_expert_when_the_classifiers_lead_is_small(tmp_path):
    assistant, llm = pipeline(tmp_path, 0.02, "start", settle_expert=True, settle_api=True)
    assistant.handle(TEXT)
    assert llm.expert_rankings == 1 and len(llm.choices) == 1  # no settled expert: no settled API either


def test_the_switches_off_rank_both(tmp_path):
    assistant, llm = pipeline(tmp_path, 0.3, "start", settle_expert=False, settle_api=False)
    assistant.handle(TEXT)
    assert llm.expert_rankings == 1 and len(llm.choices) == 1


@pytest.mark.parametrize("expert, margin, idle, settled", [("chat", 0.3, (), "chat"), ("none", 0.1, (), DECLINE),
                                                            ("chat", 0.05, (), None), ("knowledge", 0.4, ("knowledge",), None),
                                                            ("none", 0.3, (DECLINE,), None)])
def test_a_line_with_no_proposal_settles_on_the_classifiers_clear_lead_over_a_serving_expert(expert, margin, idle, settled):
    assert settled_unproposed(guess(expert, margin), 0.1, idle) == settled
    assert settled_unproposed(None, 0.1) is None


def unproposed(tmp_path, expert: str, margin: float, **routing):
    registry = default_registry()
    tmp_path.mkdir(exist_ok=True)
    classifier = PoolClassifier(registry, expert, margin)
    assistant = testing.scripted_assistant(tmp_path / "state.db", home=DEV_HOME, registry=registry,
                                           classifier=classifier)
    assistant.roles.settings.routing = RoutingConfig(**routing)
    llm = CountingLLM("smart_home", "turn_on", [{"device": "desk lamp"}])  # its ranking would say the home
    assistant._router = ModelRouter(llm, registry, rank_api=True, draft=True)
    return assistant, llm


@pytest.mark.parametrize("expert, api, said", [("chat", "respond", "what rhymes with orange"),
                                              ("none", None, "what's on tv tonight")])
def test_a_line_with_no_proposal_and_a_clear_guess_runs_no_confirmer_pass(tmp_path, expert, api, said):
    assistant, llm = unproposed(tmp_path, expert, 0.3)
    reply = assistant.handle(said)
    assert llm.expert_rankings == 0 and llm.choices == [] and llm.prefills == []
    assert reply.api == api and reply.declined == (api is None)


def test_a_close_guess_a_follow_up_or_the_switch_off_ranks_the_expert(tmp_path):
    assistant, llm = unproposed(tmp_path, "chat", 0.05)
    assistant.handle("what rhymes with orange")
    assert llm.expert_rankings == 1
    assistant, llm = unproposed(tmp_path / "off", "chat", 0.3, settle_unproposed=False)
    assistant.handle("what rhymes with orange")
    assert llm.expert_rankings == 1
    assistant, llm = unproposed(tmp_path / "follow", "chat", 0.3)
    assistant.handle("turn on the desk lamp")
    llm.expert_rankings = 0
    assistant.handle("and the other one")  # a follow-up: the classifier reads only the new words
    assert llm.expert_rankings == 1
