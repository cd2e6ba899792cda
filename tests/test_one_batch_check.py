"""The fast router's call opened in one batch (assistant/llm/llama.py, `one_batch`): the request's
new tokens, the expected API and the call's opening are evaluated together, and the API ranking
and the decoding read that batch. The confirmer decides exactly what it decides with
separate passes, whether the proposal was right, partly right or of another API: as with any
draft, up to the near-ties that a batch's arithmetic (other kernels than one token's) can tip."""
import pytest

from assistant.app import default_registry
from assistant.messages import Decision
from assistant.routing.model_router import ModelRouter


def hint(qualified: str, **args) -> Decision:
    expert, api = qualified.split(".")
    return Decision(expert=expert, api=api, args=args, source="router")


CASES = [
    ("set a timer for 8 minutes for the rice", hint("timers.start", duration="8 minutes for the rice")),
    ("lights on in the office", hint("smart_home.turn_on", device="lights", area="office")),
    ("remind me to check the smoke alarm batteries on jan 1",
     hint("reminders.create", text="check the smoke alarm batteries", when="on jan 1")),
    ("turn off the kitchen lights", hint("smart_home.turn_on", device="kitchen lights")),  # another API
    ("put oat milk and eggs on the shopping list", hint("lists.add", items=["oat milk", "eggs"])),
]


def decide(confirmer, text: str, proposal: Decision, one_batch: bool, api_settled: bool):
    confirmer.one_batch = one_batch
    try:
        router = ModelRouter(confirmer, default_registry(), rank_api=True, draft=True)
        settled = (proposal.expert, proposal.qualified if api_settled else None)
        return router.decide(text, prior={}, hint=proposal, settled=settled)
    finally:
        confirmer.one_batch = False


@pytest.mark.real_model
def test_the_call_checked_in_one_batch_is_the_call_checked_in_passes(real_confirmer):
    """The same API and argument names every time, and the same output but where a batch's
    arithmetic tips a near-tie ("on jan 1" or "jan 1"): at most one case in five."""
    confirmer = real_confirmer
    same = 0
    runs = [(text, proposal, settled) for text, proposal in CASES for settled in (False, True)]
    for text, proposal, api_settled in runs:
        apart, apart_trace = decide(confirmer, text, proposal, one_batch=False, api_settled=api_settled)
        together, together_trace = decide(confirmer, text, proposal, one_batch=True, api_settled=api_settled)
        assert (together.qualified, sorted(together.args)) == (apart.qualified, sorted(apart.args)), text
        assert together_trace.api_scores.keys() == apart_trace.api_scores.keys()
        for name, score in apart_trace.api_scores.items():
            assert together_trace.api_scores[name] == pytest.approx(score, abs=0.5)
        same += together_trace.outputs == apart_trace.outputs
    assert same >= 0.8 * len(runs)
