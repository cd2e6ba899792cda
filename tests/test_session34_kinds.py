"""Session 34's kinds (no evaluation sentence): the home's energy asked by what flows ("are we selling
much back to the grid": the feed-in sensor, by whatever name the home gives it)."""
import re
from pathlib import Path

import pytest

from assistant.asides import without_story
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


ENDS_HOME = """
areas:
  - {name: Front Room, id: front_room}
  - {name: Back Deck, id: back_deck}
  - {name: Rear Lawn, id: rear_lawn}
  - {name: Front Porch, id: front_porch}
  - {name: Shed, id: shed}
entities:
  - {name: Front Room Lamp, id: light.front_room_lamp, area: front_room, state: "on"}
  - {name: Deck Lights, id: light.deck_lights, area: back_deck, state: "on"}
  - {name: Lawn Spots, id: light.lawn_spots, area: rear_lawn, state: "on"}
  - {name: Porch Light, id: light.porch_light, area: front_porch, state: "on"}
  - {name: Shed Light, id: light.shed_light, area: shed, state: "off"}
"""


@pytest.mark.parametrize("said, plain", [
    ("switch the lights off out the back, ta", "switch the lights off out back, ta"),
    ("turn the hose on down the back please", "turn the hose on out back please"),
    ("lights on round the front", "lights on out front"),
    ("leave the key out the back door", "leave the key out the back door"),  # a door of the back: as said
    ("put the bins out the front of the house", "put the bins out the front of the house"),
])
def test_the_back_and_the_front_of_the_property_said_the_australian_way(said, plain):
    from assistant.languages.dialect import plain_words
    assert plain_words(said) == plain


@pytest.mark.parametrize("said, args, off", [
    ("turn the lights off out back", {"device": "lights", "area": "out back"}, {"light.deck_lights", "light.lawn_spots"}),
    ("kill the lights out back", {"device": "lights out back"}, {"light.deck_lights", "light.lawn_spots"}),
    ("lights off out front", {"device_type": "light", "area": "out front"}, {"light.porch_light"}),  # not the Front Room's
])
def test_out_back_and_out_front_are_the_outdoor_places_at_that_end(tmp_path, said, args, off):
    from tests.conftest import call_smart_home
    db = smart_home_db(ENDS_HOME, tmp_path)
    result = call_smart_home(db, "turn_off", said, **args)
    assert {d["id"] for d in result.data["devices"]} == off


def test_a_thing_named_in_full_out_back_is_where_it_is(tmp_path):
    from tests.conftest import call_smart_home
    db = smart_home_db(ENDS_HOME, tmp_path)
    result = call_smart_home(db, "turn_on", "turn on the shed light out back", device="shed light", area="out back")
    assert result.ok and [d["id"] for d in result.data["devices"]] == ["light.shed_light"]


SPLITS_HOME = """
areas:
  - {name: Lounge, id: lounge}
  - {name: Studio, id: studio}
entities:
  - {name: Heat Pump, id: climate.lounge_hp, area: lounge, state: cool,
     attributes: {temperature: 22, hvac_modes: ["off", heat, cool, dry, fan_only]}}
  - {name: Heat Pump, id: climate.studio_hp, area: studio, state: cool, attributes: {temperature: 22, hvac_modes: ["off", heat, cool]}}
"""


def test_a_kind_after_for_is_the_thing_itself_not_a_purpose(tmp_path):
    from tests.conftest import call_smart_home
    db = smart_home_db(SPLITS_HOME, tmp_path)
    result = call_smart_home(db, "set_hvac_mode", "dry mode for the lounge heat pump please", mode="dry",
                             device_type="heat pump")
    assert result.ok and [d["id"] for d in result.data["devices"]] == ["climate.lounge_hp"]


@pytest.mark.parametrize("said, recast", [
    ("put the lounge heat pump on the fan-only setting, it's cold", ("set_hvac_mode", "fan_only")),
    ("switch the heat pump to drying please", ("set_hvac_mode", "dry")),
    ("put the heat pump on 19, dry is too cold", None),  # a temperature given: the model's call stands
    ("warm the lounge up a bit", None),
])
def test_a_mode_named_without_a_temperature_is_the_mode(tmp_path, said, recast):
    from assistant.experts.smart_home.apis import recast as recast_call
    db = smart_home_db(SPLITS_HOME, tmp_path)
    found = recast_call(db, "set_temperature", {"temperature": 21, "device": "lounge heat pump"}, None, said)
    assert (found[0], found[1].get("mode")) == recast if recast else found is None


@pytest.mark.parametrize("said, asked", [
    ("Forgive me, I'm new here and I don't want to mess anything up, but could you maybe switch on the desk lamp?",
     "switch on the desk lamp?"),
    ("The study is like an icebox, so would you perhaps put the heater on in there?", "put the heater on in there?"),
])
def test_a_hedged_request_after_a_story(said, asked):
    from assistant.asides import request_after_story
    assert request_after_story(said, lambda: ["Desk Lamp", "Heater"]) == asked


def test_a_hedge_after_could_you_is_politeness():
    from assistant.words import command
    assert command("could you maybe turn the fan on") == "turn the fan on"


@pytest.mark.parametrize("said, declined", [
    ("do you reckon it's going to bucket down tonight?", True),
    ("d'you think it'll snow on the weekend", True),
    ("I was wondering, could you tell me what's on the tv tomorrow night?", True),
    ("is tomorrow a good day for a picnic", True),
    ("are there any decent waves at the point", True),
    ("it's going to pour later, bring the washing in", False),  # a forecast told, and a request
    ("do you know if the porch light is on", False),
])
def test_forecasts_asked_of_what_you_know_are_declined(said, declined):
    from assistant.routing.cues import WORLD_OUTSIDE
    assert bool(re.search(WORLD_OUTSIDE, said, re.IGNORECASE)) is declined


@pytest.mark.parametrize("said, api", [
    ("what's the time love, I've got the roast in", "time"),
    ("what day is it today bro, lost track on this holiday", "date"),
    ("whats the date pal", "date"),
    ("what time is it, switch the oven off", None),  # a request after it: not the clock alone
    ("what's the date, and add milk to the list", None),
])
def test_a_clock_question_with_a_word_of_address_and_a_clause_that_tells(said, api):
    from assistant.routing import fastpath
    found = fastpath.match(said)
    assert (found.api if found else None) == api


@pytest.mark.parametrize("said, english", [
    ("sit asseblief die waaier aan", "please turn the fan on"),
    ("maak die venster toe in die slaapkamer", "close the window in the bedroom"),
    ("skakel die yskas af vanaand", "switch the fridge off tonight"),
    ("wake me om half ses môre", "wake me at 5:30 tomorrow"),
    ("remind me kwart voor nege to call the plumber", "remind me at 8:45 to call the plumber"),
    ("ndicela you close the garage door, enkosi", "please close the garage door, thanks"),
    ("die hard is on tonight", "die hard is on tonight"),  # an English word alone stays
    ("turn on the lights at half 7", "turn on the lights at half 7"),  # British half seven stays for the clock
])
def test_afrikaans_and_isixhosa_words_in_an_english_request(said, english):
    from assistant.languages.hearing import in_english
    assert in_english(said, "text", lambda: ["Garage Door"]) == english


def test_now_now_is_now():
    from assistant.languages.dialect import plain_words
    assert plain_words("switch the kettle on now now") == "switch the kettle on now"


@pytest.mark.parametrize("said, seconds", [
    ("6 and a 1/2 minutes", 390), ("3 and 1/4 hours", 11700), ("a 1/2 hour", 1800),
])
def test_a_written_half_after_and_a(said, seconds):
    from assistant.timeparse import parse_duration, spelled_fractions
    assert parse_duration(said) == seconds
    assert "a a " not in spelled_fractions(said)


@pytest.mark.parametrize("said, command", [
    ("and a new toothbrush for Mia, hers is worn out", "and a new toothbrush for Mia"),
    ("switch the heater on in the den, mine's broken", "switch the heater on in the den"),
])
def test_a_reason_whose_subject_is_a_possessive(said, command):
    from assistant.asides import without_reason
    assert without_reason(said) == command


@pytest.mark.parametrize("said, english", [
    ("start a timer vir vyftien minute asseblief", "start a timer for 15 minutes please"),
    ("skakel die waaier af oor ses-en-dertig minute", "switch the fan off in 36 minutes"),
    ("wake me vir kwart voor sewe", "wake me at 6:45"),
    ("maak die lamp blou en sit die radio aan", "make the lamp blue and turn the radio on"),
    ("ag nee, los dit", "never mind"),
])
def test_afrikaans_numbers_colours_and_joining_words(said, english):
    from assistant.languages.hearing import in_english
    assert in_english(said, "text", lambda: []) == english


@pytest.mark.parametrize("said, asked", [
    ("Shame, the cat is lying there panting, turn the study fan on high.", "turn the study fan on high."),
    ("ugh, I keep forgetting, switch the heater off at eleven tonight, hey.", "switch the heater off at eleven tonight"),
    ("eish, it's so dark in the study, turn on the lamp", "eish, it's so dark in the study, turn on the lamp"),  # the place
    ("the baby is asleep, turn it down", "the baby is asleep, turn it down"),  # "it": the story names it
])
def test_a_request_after_clauses_that_only_tell(said, asked):
    assert without_story(said) == asked


@pytest.mark.parametrize("said, english", [
    ("Nee, ek bedoel die een in die kombuis.", "No, I mean the one in the kitchen."),
    ("Maak dit kwart oor sewe eerder.", "Make it at 7:15 instead."),
    ("En melk en brood, asseblief.", "And melk and brood, please."),  # an item is kept as said
    ("Sê vir haar dinner is ready.", "tell her dinner is ready."),
    ("a brood of ducklings", "a brood of ducklings"),
])
def test_afrikaans_in_a_conversations_short_turns(said, english):
    from assistant.languages.hearing import in_english
    assert in_english(said, "text", lambda: []).rstrip(".") == english.rstrip(".")


@pytest.mark.parametrize("said, declined", [
    ("could you play Kfm on the kitchen speaker", True), ("put on 94.5 fm please", True),
    ("tune into the local radio station", True), ("by what time does the pharmacy close tonight", True),
    ("turn on the radio in the kitchen", False), ("play some music", False),
])
def test_radio_stations_and_closing_times_are_declined(said, declined):
    from assistant.routing.cues import OPENING_HOURS
    assert bool(re.search(OPENING_HOURS, said, re.IGNORECASE)) is declined


@pytest.mark.parametrize("said, api", [
    ("Good evening. Could you kindly tell me the date? I seem to have lost a day somewhere.", "date"),
    ("Hi there. What's the time? The clock in the kitchen stopped.", "time"),
    ("Hello. What time is it? Switch the kettle on.", None),  # a request after it
])
def test_a_clock_question_between_sentences_that_only_tell(said, api):
    from assistant.routing import fastpath
    found = fastpath.match(said)
    assert (found.api if found else None) == api


def test_an_afrikaans_item_put_on_a_list_keeps_its_word():
    from assistant.languages.hearing import in_english
    assert in_english("Sit eiers op die shopping list, asseblief.", "text", lambda: []) == \
        "Put eiers on the shopping list, please."


@pytest.mark.parametrize("said, english", [
    ("set a timer for one minute", "set a timer for one minute"),  # "minute" is English: no marker
    ("wait a minute, put the net on the die", "wait a minute, put the net on the die"),
    ("turn the heater aff in oor room", "turn the heater off in our room"),  # Scots "oor" is "our", as before
    ("sit doon and switch aff the telly", "sit down and switch off the telly"),  # Scots "sit doon": no "put"
])
def test_afrikaans_words_do_not_read_english_or_scots(said, english):
    from assistant.languages.hearing import in_english
    assert in_english(said, "text", lambda: []) == english
