"""Words around a request that ask nothing (courtesy, a reason after it), "everything" in a room,
a request only the assistant is asked after a free text, a place's opening hours, and a number
answering "warmer or cooler?" (session 12's kinds, on the dev home; no evaluation sentence)."""
import pytest

from assistant import testing
from assistant.asides import without_courtesy, without_reason
from assistant.experts.smart_home import list_devices
from assistant.routing.cues import pinned_expert
from assistant.routing.examples import NONE as DECLINED
from assistant.splitting import split_requests
from tests.conftest import call_smart_home, smart_home_db


@pytest.mark.parametrize("said, meant", [
    ("be a darling and turn the desk lamp off", "turn the desk lamp off"),
    ("could you be an absolute gem and start the coffee maker", "start the coffee maker"),
    ("do me a favor, and open the blinds", "open the blinds"),
    ("would you mind switching the heater on", "switch the heater on"),
    ("do you mind setting a timer for 5 minutes", "set a timer for 5 minutes"),
    ("if you could dim the reading light that would be brilliant", "dim the reading light"),
    ("lock the front door when you get a chance", "lock the front door"),
    ("can you be a bit quieter", "can you be a bit quieter"),  # no "and": not courtesy
    ("would you mind if i opened the window", "would you mind if i opened the window"),
    ("that would be lovely", "that would be lovely"),
])
def test_courtesy_is_not_the_request(said, meant):
    assert without_courtesy(said) == meant


@pytest.mark.parametrize("said, meant", [
    ("switch the office heater off, the room's warm now", "switch the office heater off"),
    ("open the living room blinds, it's a lovely morning", "open the living room blinds"),
    ("turn on the coffee maker because we're up early", "turn on the coffee maker"),
    ("start a timer for 12 minutes, the lasagne is in", "start a timer for 12 minutes"),
    ("remind me to water the ferns, they look thirsty", "remind me to water the ferns, they look thirsty"),
    ("turn on the lamp, the one by the sofa", "turn on the lamp, the one by the sofa"),
    ("put the light on, I'm in the office", "put the light on, I'm in the office"),
    ("no wait, it's the bedroom I meant", "no wait, it's the bedroom I meant"),
    ("dim the lights, it's film night and play some jazz", "dim the lights, it's film night and play some jazz"),
])
def test_a_reason_after_a_command_is_not_the_request(said, meant):
    assert without_reason(said) == meant


def test_the_pipeline_reads_the_request_alone(scripted_assistant):
    model = testing.confirmer(scripted_assistant)
    model.enqueue({"api": "smart_home.turn_on", "args": {"device": "coffee maker"}})
    reply = scripted_assistant.handle("be a star and turn the coffee maker on, I'm barely awake")
    assert reply.ok and model.prompts[-1][-1].content.endswith("turn the coffee maker on")


HOME = """floors: [{name: Ground, id: ground, level: 0}]
areas: [{name: Studio, id: studio, floor: ground}]
entities:
  - {name: Studio Spots, id: light.studio_spots, area: studio, state: "on", attributes: {brightness: 100}}
  - {name: Studio Radio, id: media_player.studio_radio, area: studio, state: playing, attributes: {volume: 30}}
  - {name: Studio Fan, id: fan.studio_fan, area: studio, state: "on", attributes: {percentage: 50}}
"""


def test_everything_in_a_room_is_not_only_its_lights(tmp_path):
    db = smart_home_db(HOME, tmp_path)
    call_smart_home(db, "turn_off", "kill everything in the studio", area="studio", device_type="light")
    assert {d["id"]: d["state"] for d in list_devices(db)} == {
        "light.studio_spots": "off", "media_player.studio_radio": "off", "fan.studio_fan": "off"}


def test_everything_with_a_kind_said_is_that_kind(tmp_path):
    db = smart_home_db(HOME, tmp_path)
    call_smart_home(db, "turn_off", "switch all the lights off in the studio", area="studio", device_type="light")
    assert {d["id"]: d["state"] for d in list_devices(db)}["media_player.studio_radio"] == "playing"


@pytest.mark.parametrize("said, parts", [
    ("remember the wifi password is on the fridge and remind me to renew it on friday", 2),
    ("note down that the boiler was serviced and set a timer for 20 minutes", 2),
    ("remember that aunt jo is vegan and put tofu on the shopping list", 2),
    ("note that the painter comes monday and pay him in cash", 1),  # the note's own words
    ("remind me to water the plants and feed the fish", 1),
])
def test_a_request_only_the_assistant_is_asked_ends_a_free_text(said, parts):
    assert len(split_requests(said)) == parts


@pytest.mark.parametrize("said", ["what time does the butcher close", "is the tip open on sundays",
                                  "when does the library shut tonight", "what are the trading hours for the garden centre"])
def test_a_places_opening_hours_are_declined(scripted_assistant, said):
    assert pinned_expert(scripted_assistant.registry, said) == DECLINED


@pytest.mark.parametrize("said", ["when does the garage door close", "is the kitchen window open today",
                                  "what time does the timer go off", "when do the blinds close"])
def test_the_homes_own_things_opening_are_not_declined(scripted_assistant, said):
    assert pinned_expert(scripted_assistant.registry, said) != DECLINED


@pytest.mark.parametrize("answer, value", [("twenty one", 21), ("18 degrees please", 18)])
def test_a_number_answering_which_way_is_the_value(scripted_assistant, answer, value):
    model = testing.confirmer(scripted_assistant)
    model.enqueue({"api": "smart_home.adjust", "args": {"attribute": "temperature", "delta": 1,
                                                         "device": "thermostat"}})
    asked = scripted_assistant.handle("change the thermostat")
    assert asked.asks and "warmer" in asked.reply.lower()
    reply = scripted_assistant.handle(answer)
    thermostat = next(d for d in list_devices(scripted_assistant.db) if d["id"].startswith("climate."))
    assert reply.ok and thermostat["attributes"]["temperature"] == value


@pytest.mark.parametrize("said, fact", [("remember my bike lock code is 2231", "my bike lock code is 2231"),
                                        ("note the spare key is under the blue pot", "the spare key is under the blue pot")])
def test_a_fact_about_something_of_theirs_is_memorys(scripted_assistant, said, fact):
    from assistant.experts.memory import propose
    from assistant.messages import Request
    assert pinned_expert(scripted_assistant.registry, said) == "memory"
    assert propose(Request(text=said, words=said, now=None)).args == {"fact": fact}


@pytest.mark.parametrize("said", ["remember the milk", "remember to lock up"])
def test_remembering_to_do_something_is_not_a_fact(scripted_assistant, said):
    assert pinned_expert(scripted_assistant.registry, said) != "memory"


@pytest.mark.parametrize("said", ["what time does the co-op shut", "when's the next bus into town",
                                  "check the train times to Leeds"])
def test_public_transport_times_and_hyphenated_shops_are_declined(scripted_assistant, said):
    assert pinned_expert(scripted_assistant.registry, said) == DECLINED


def test_a_named_persons_state_and_a_trailing_would_you_are_not_the_request():
    assert without_reason("put the fan heater on, Gran's freezing") == "put the fan heater on"
    assert without_courtesy("switch the pump off, would you") == "switch the pump off"


def test_an_alarm_set_to_a_mode_is_the_alarm_panel(scripted_assistant):
    assert pinned_expert(scripted_assistant.registry, "set the alarm to night mode") == "smart_home"
    assert pinned_expert(scripted_assistant.registry, "set the alarm for 7 tomorrow") != "smart_home"


def test_never_mind_dont_bother_undoes_and_drops_a_waiting_question(tmp_path):
    from datetime import datetime

    from assistant.routing.fastpath import match
    from tests.conftest import DEV_HOME
    assert match("never mind, don't bother").qualified == "system.undo"
    assistant = testing.scripted_assistant(tmp_path / "state.db", home=DEV_HOME, now=datetime(2026, 12, 2, 18),
                                           classifier=testing.FixedClassifier("timers"))
    testing.confirmer(assistant).enqueue({"api": "timers.start", "args": {"duration": "1 minute"}})
    assert assistant.handle("start a timer").asks == "duration"
    reply = assistant.handle("never mind, don't bother")
    assert reply.reply == "OK, never mind." and reply.ok


def test_a_correction_naming_another_list_moves_the_items():
    from assistant.experts.lists import other_items
    assert other_items("add", {"items": ["twine"], "list_name": "shopping"}, "the garden list") == \
        {"items": ["twine"], "list_name": "garden"}


def test_the_one_device_named_by_the_kind_said_is_meant(tmp_path):
    home = """floors: [{name: Ground, id: ground, level: 0}]
areas: [{name: Studio, id: studio, floor: ground}, {name: Den, id: den, floor: ground}]
entities:
  - {name: Studio Radio, id: media_player.studio_radio, area: studio, state: playing, attributes: {volume: 30}}
  - {name: Den Speaker, id: media_player.den_speaker, area: den, state: playing, attributes: {volume: 30}}
"""
    db = smart_home_db(home, tmp_path)
    call_smart_home(db, "turn_off", "turn the radio off", device="radio")
    assert {d["id"]: d["state"] for d in list_devices(db)} == {"media_player.studio_radio": "off",
                                                              "media_player.den_speaker": "playing"}
