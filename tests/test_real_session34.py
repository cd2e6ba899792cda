"""Session 34's kinds on the real models: the home's energy asked by what flows, the back and the front of
the property said the Australian way, a forecast asked of what the assistant thinks, a clock question with a
word of address, a mode named with no temperature, Afrikaans words. Lines written for these tests (not from
any evaluation set); each conversation runs on fresh state."""
from datetime import datetime
from pathlib import Path

import pytest

from tests.conftest import DEMO_HOME as DEMO, failures, run_real_conversations

pytestmark = pytest.mark.real_model
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
    return run_real_conversations(CONVERSATIONS, NOW, "s34")


def test_the_kinds_are_carried_out_as_meant(results):
    assert not failures(results), failures(results)
