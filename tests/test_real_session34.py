"""Session 34's kinds on the real models: the home's energy asked by what flows, the back and the front of
the property said the Australian way, a forecast asked of what the assistant thinks, a clock question with a
word of address, a mode named with no temperature, Afrikaans words. Lines written for these tests (not from
any evaluation set); each conversation runs on fresh state."""
from datetime import datetime
from pathlib import Path

import pytest

from assistant.app import default_registry
from assistant.config import Settings
from assistant.evaluation.cases import EvalCase
from assistant.evaluation.runner import run_conversation
from assistant.llm.roles import ModelRoles

pytestmark = pytest.mark.real_model
DEMO = Path(__file__).parent.parent / "assistant" / "data" / "demo_home.yaml"
ENERGY = Path(__file__).parent / "data" / "energy_home.yaml"
NOW = datetime(2026, 12, 3, 13, 15)  # a Thursday afternoon

CONVERSATIONS = [
    (ENERGY, [("how much power are we feeding back into the grid at the moment?", {"expert": "smart_home",
                                                                                  "reply_contains": ["1.7"]})]),
    (ENERGY, [("is the sun making much electricity right now", {"expert": "smart_home", "reply_contains": ["3.8"]})]),
    (DEMO, [("d'you reckon it'll bucket down this arvo?", {"declined": True, "devices": {}})]),
    (DEMO, [("what's the date pal, I've lost track", {"expert": "system"})]),
    (DEMO, [("sit asseblief die kombuis lig aan", {"devices": {"light.kitchen_ceiling_1a2b": {"state": "on"}}})]),
]


@pytest.fixture(scope="module")
def results():
    roles, registry = ModelRoles(Settings()), default_registry()
    out = []
    for n, (home, turns) in enumerate(CONVERSATIONS):
        cases = [EvalCase(id=f"s34-{n}.{i}", text=said, home=home, now=NOW, expect=expect)
                 for i, (said, expect) in enumerate(turns)]
        out += run_conversation(cases, roles, registry)
    return out


def test_the_kinds_are_carried_out_as_meant(results):
    failed = [(r.id, r.text, r.api, r.args, r.reply, r.problems) for r in results if not r.passed]
    assert not failed, failed
