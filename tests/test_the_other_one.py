""""The other one" after a call on one device: the one other device of its kind that is meant
(same room, else a name sharing a word, else the only other of the kind), as a follow-up and as a
correction; None (the router's to read) when several fit."""
import dataclasses

import pytest

from assistant import testing
from assistant.experts.smart_home import list_devices
from assistant.experts.smart_home.commands import other_target
from assistant.experts.smart_home.others import the_other
from assistant.routing.context import ellipsis_of_previous_turn
from assistant.routing.correction import correction_words
from tests.conftest import smart_home_db

HOME = """floors: [{name: Ground, id: ground, level: 0}]
areas:
  - {name: Loft, id: loft, floor: ground}
  - {name: Snug, id: snug, floor: ground}
  - {name: Porch, id: porch}
  - {name: Attic, id: attic, floor: ground}
entities:
  - {name: Port Sconce, id: light.port_sconce, area: loft, state: "off", attributes: {brightness: 100}}
  - {name: Starboard Sconce, id: light.starboard_sconce, area: snug, state: "off", attributes: {brightness: 100}}
  - {name: Easel Lamp, id: light.easel_lamp, area: snug, state: "off", attributes: {brightness: 100}}
  - {name: Loft Fan, id: fan.loft_fan, area: loft, state: "off", attributes: {percentage: 0}}
  - {name: Attic Fan, id: fan.attic_fan, area: attic, state: "off", attributes: {percentage: 0}}
  - {name: Porch Lantern, id: light.porch_lantern, area: porch, state: "off", attributes: {brightness: 100}}
  - {name: Loft Blind, id: cover.loft_blind, area: loft, state: "open", attributes: {position: 100}}
  - {name: Snug Blind, id: cover.snug_blind, area: snug, state: "open", attributes: {position: 100}}
  - {name: Porch Awning, id: cover.porch_awning, area: porch, state: "open", attributes: {position: 100}}
  - {name: Left Bunk Light, id: light.left_bunk, area: attic, state: "off", attributes: {brightness: 100}}
  - {name: Right Bunk Light, id: light.right_bunk, area: attic, state: "off", attributes: {brightness: 100}}
  - {name: Attic Ceiling Light, id: light.attic_ceiling, area: attic, state: "off", attributes: {brightness: 100}}
  - {name: "Ann's Lamp", id: light.anns_lamp, area: porch, state: "off", attributes: {brightness: 100}}
  - {name: "Bo's Lamp", id: light.bos_lamp, area: porch, state: "off", attributes: {brightness: 100}}
"""


@pytest.fixture
def db(tmp_path):
    return smart_home_db(HOME, tmp_path)


@pytest.mark.parametrize("previous, phrase, meant", [
    ({"device": "easel lamp"}, "the other lamp", None),  # a lamp in the snug is only the easel lamp itself
    ({"device": "starboard sconce"}, "the other one", "Easel Lamp"),  # same room, same kind
    ({"device": "port sconce"}, "the other one", "Starboard Sconce"),  # no other light there: a name's pair
    ({"device": "porch lantern"}, "the other one", None),  # no pair, several other lights: several
    ({"device": "ann's lamp"}, "the other one", "Bo's Lamp"),  # the other lamp there, not the lantern
    ({"device": "port sconce"}, "the other sconce", "Starboard Sconce"),  # the kind said
    ({"device": "loft fan"}, "the other one", "Attic Fan"),  # the only other fan
    ({"device": "loft fan"}, "that other fan", "Attic Fan"),
    ({"device": "loft blind"}, "the other one", None),  # two other covers, neither sharing a word
    ({"device": "lights", "area": "snug"}, "the other one", None),  # the call was on two devices
    ({"device": "left bunk light"}, "the other one", "Right Bunk Light"),  # its pair, though a third is there
])
def test_the_other_device_of_its_kind(db, previous, phrase, meant):
    assert the_other(db, previous, phrase) == meant


def test_other_target_keeps_the_values_and_names_the_other(db):
    assert other_target("set_brightness", {"device": "loft fan", "percentage": 40}, "the other one", db=db) == \
        {"percentage": 40, "device": "Attic Fan"}
    assert other_target("turn_on", {"device": "loft blind"}, "the other one", db=db) is None


@pytest.mark.parametrize("text", ["and the other one", "the other one too", "oh and the other one as well",
                                  "now the other fan please", "the other fan too"])
def test_the_other_one_follows_up_as_an_ellipsis(scripted_assistant, text):
    from assistant.messages import Turn
    previous = Turn(text="turn on the ceiling fan", expert="smart_home", api="turn_on",
                    args={"device": "ceiling fan"}, action_id=1)
    decision = ellipsis_of_previous_turn(scripted_assistant.registry, text, previous, scripted_assistant.db)
    assert decision is None  # the dev home has one fan: no other one
    previous = dataclasses.replace(previous, args={"device": "living room lamp"}, text="living room lamp on")
    decision = ellipsis_of_previous_turn(scripted_assistant.registry, text.replace("fan", "light"), previous,
                                         scripted_assistant.db)
    assert decision is not None and decision.args == {"device": "Reading Light"}


@pytest.mark.parametrize("text", ["no, the other one", "not that one, the other one", "wrong one, the other lamp"])
def test_the_other_one_corrects(text):
    assert correction_words(text) is not None


def test_the_other_one_turns_on_the_other_lamp_without_the_model(scripted_assistant):
    model = testing.confirmer(scripted_assistant)
    model.enqueue({"api": "smart_home.turn_off", "args": {"device": "living room lamp"}},
                  {"api": "smart_home.turn_on", "args": {"device": "living room lamp"}},
                  {"api": "system.undo", "args": {}})  # what a model read "and the other one" as
    scripted_assistant.handle("turn off the living room lamp")  # it starts on
    scripted_assistant.handle("turn on the living room lamp")
    reply = scripted_assistant.handle("and the other one")
    states = {d["id"]: d["state"] for d in list_devices(scripted_assistant.db)}
    assert reply.ok and states["light.reading_light_0c3d"] == "on" and states["light.living_room_lamp_a19e"] == "on"


def test_no_the_other_one_moves_the_action(scripted_assistant):
    model = testing.confirmer(scripted_assistant)
    model.enqueue({"api": "smart_home.turn_off", "args": {"device": "living room lamp"}},
                  {"api": "smart_home.turn_on", "args": {"device": "living room lamp"}})
    scripted_assistant.handle("turn off the living room lamp")  # it starts on
    scripted_assistant.handle("turn on the living room lamp")
    reply = scripted_assistant.handle("no, the other one")
    states = {d["id"]: d["state"] for d in list_devices(scripted_assistant.db)}
    assert reply.ok and states["light.reading_light_0c3d"] == "on" and states["light.living_room_lamp_a19e"] == "off"
