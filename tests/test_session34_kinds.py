"""Session 34's kinds (no evaluation sentence): the home's energy asked by what flows ("are we selling
much back to the grid": the feed-in sensor, by whatever name the home gives it)."""
from pathlib import Path

import pytest

from assistant.experts.smart_home.energy import flow_asked, reword
from tests.conftest import smart_home_db

ENERGY_HOME = (Path(__file__).parent / "data" / "energy_home.yaml").read_text()


@pytest.mark.parametrize("said, flow", [
    ("how much are we exporting to the grid right now", "export"),
    ("are we pushing much power back into the grid", "export"),
    ("are we feeding in at the moment?", "export"),
    ("how much are we drawing off the grid", "import"),
    ("are we buying much electricity from the mains right now?", "import"),
    ("how many kilowatts are the solar panels putting out", "solar"),
    ("is the sun giving us much power today", "solar"),
    ("how much energy have the panels generated today", "solar"),
    ("how much electricity is the house using at the moment", "use"),
    ("how much power are we burning right now", "use"),
])
def test_a_flow_of_energy_asked_by_what_it_does(said, flow):
    assert flow_asked(said) == flow


@pytest.mark.parametrize("said", [
    "is the sun setting yet", "is the sun making the bedroom hot", "turn the solar pump on",
    "export my shopping list", "how much is the grid paying for power these days",  # (no flow named: the chat's or none)
    "send a message to the grid team", "how much does a kilowatt hour cost",
])
def test_no_flow_without_one_asked(said):
    assert flow_asked(said) is None


@pytest.mark.parametrize("said, sensor", [
    ("how much are we exporting to the grid right now", "Feed-in Power"),
    ("are we pulling much from the grid", "Grid Import"),
    ("how much power are the panels making", "PV Production"),
    ("how much have the panels generated today", "PV Energy Today"),  # an amount over the day: the kWh sensor
    ("how much power is the house using", "House Load"),
])
def test_the_flow_is_asked_of_the_homes_own_sensor(tmp_path, said, sensor):
    db = smart_home_db(ENERGY_HOME, tmp_path)
    assert reword(db, said) == f"what's the {sensor} reading?"


def test_a_home_without_the_sensor_is_left_to_the_model(tmp_path):
    db = smart_home_db("""
areas:
  - {name: Garage, id: garage}
entities:
  - {name: Garage Light, id: light.garage, area: garage, state: "off"}
""", tmp_path)
    assert reword(db, "how much are we sending to the grid") is None


def test_the_registry_rewords_before_routing(tmp_path):
    from assistant.app import default_registry
    db = smart_home_db(ENERGY_HOME, tmp_path)
    registry = default_registry()
    assert registry.reworded(db, "are we selling much back to the grid?") == "what's the Feed-in Power reading?"
    assert registry.reworded(db, "turn on the lounge lamp") == "turn on the lounge lamp"
