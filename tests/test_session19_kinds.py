"""Session 19's kinds (no evaluation sentence; homes and lines written for them)."""
from datetime import datetime

import pytest

from assistant import testing
from assistant.storage.scheduled import list_scheduled
from assistant.experts.lists import _without_request
from tests.conftest import device_states


def test_an_item_freed_of_the_request_verb_loses_its_article_too():
    assert _without_request("add a torch", "to do", "add a torch to the to-do list") == "torch"
    assert _without_request("put an umbrella on my to do list", "to do", "") == "umbrella"
    assert _without_request("add some batteries", "shopping", "add some batteries to the list") == "batteries"
    # a count stays: "a dozen" is the number
    assert _without_request("add a dozen eggs", "shopping", "add a dozen eggs to the list") == "a dozen eggs"


@pytest.mark.parametrize("text", ["ok now switch both of them off", "turn both off", "off both of them please",
                                  "and now the two of them off"])
def test_both_of_them_after_a_follow_up_is_both_devices(scripted_assistant, text):
    model = testing.confirmer(scripted_assistant)
    model.enqueue({"api": "smart_home.turn_on", "args": {"device": "bedroom lamp"}},
                  # ("and the desk lamp" is the previous call on it, no model) and what a model wrote for the pointer: the last device only
                  {"api": "smart_home.turn_off", "args": {"device": "both of the desk lamp"}})
    scripted_assistant.handle("switch on the bedroom lamp")
    scripted_assistant.handle("and the desk lamp")
    assert device_states(scripted_assistant)["light.office_desk_lamp_2b6d"] == "on"
    scripted_assistant.handle(text)
    states = device_states(scripted_assistant)
    assert states["light.bedroom_lamp_5e8f"] == "off" and states["light.office_desk_lamp_2b6d"] == "off"


def test_both_after_two_requests_of_their_own_is_only_what_they_said(scripted_assistant):
    model = testing.confirmer(scripted_assistant)
    model.enqueue({"api": "smart_home.turn_on", "args": {"device": "bedroom lamp"}},
                  {"api": "smart_home.turn_off", "args": {"device": "bedroom lamp"}})
    scripted_assistant.handle("turn on the desk lamp and the bedroom lamp")
    scripted_assistant.handle("now turn both off")
    states = device_states(scripted_assistant)
    assert states["light.bedroom_lamp_5e8f"] == "off" and states["light.office_desk_lamp_2b6d"] == "off"


FLAT = """floors: [{name: Flat, id: flat, level: 0}]
areas:
  - {name: Lounge, id: lounge, floor: flat}
  - {name: Study, id: study, floor: flat}
entities:
  - {name: Lounge Lamp, id: light.lounge_lamp, area: lounge, state: "off", attributes: {brightness: 100}}
  - {name: Lounge Blind, id: cover.lounge_blind, area: lounge, state: "open", attributes: {position: 100}}
  - {name: Study Fan, id: fan.study_fan, area: study, state: "on", attributes: {percentage: 40}}
  - {name: Study Heater, id: switch.study_heater, area: study, state: "off"}
  - {name: Study Speaker, id: media_player.study_speaker, area: study, state: "off", attributes: {volume: 20}}
"""


@pytest.fixture
def flat(tmp_path):
    home = tmp_path / "flat.yaml"
    home.write_text(FLAT)
    return testing.scripted_assistant(tmp_path / "state.db", home=home, now=datetime(2027, 5, 4, 18, 0))


@pytest.mark.parametrize("text, call, changed", [
    ("open the lounge lamp", ("open", {"device": "lounge lamp"}), {"light.lounge_lamp": "on"}),
    ("close the fan in the study", ("close", {"device": "fan", "area": "study"}), {"fan.study_fan": "off"}),
    ("open the heater", ("open", {"device": "heater"}), {"switch.study_heater": "on"}),
    ("open the study speaker", ("open", {"device": "study speaker"}), {"media_player.study_speaker": "on"}),
    # what opens still opens and closes
    ("close the lounge blind", ("close", {"device": "lounge blind"}), {"cover.lounge_blind": "closed"}),
])
def test_opening_what_cannot_open_switches_it(flat, text, call, changed):
    testing.confirmer(flat).enqueue({"api": f"smart_home.{call[0]}", "args": call[1]})
    before = device_states(flat)
    reply = flat.handle(text)
    after = device_states(flat)
    assert reply.ok and {k: v for k, v in after.items() if before[k] != v} == changed


def test_opening_a_light_later_is_switching_it_on_later(flat):
    testing.confirmer(flat).enqueue({"api": "smart_home.open", "args": {"device": "lounge lamp"}})
    reply = flat.handle("open the lounge lamp at 9 pm")
    waiting = list_scheduled(flat.db)
    assert reply.ok and device_states(flat)["light.lounge_lamp"] == "off"
    assert [w["api"] for w in waiting] == ["smart_home.turn_on"]


def test_a_setter_without_its_level_takes_the_fraction_said():
    from assistant.experts.smart_home.apis import with_level_said
    assert with_level_said("set_brightness", {"device": "desk lamp"}, "desk lamp to three quarters please") == \
        ("set_brightness", {"device": "desk lamp", "brightness": 75})
    assert with_level_said("set_volume", {"device": "speaker"}, "speaker at a quarter") == \
        ("set_volume", {"device": "speaker", "volume": 25})
    assert with_level_said("set_brightness", {"device": "lamp", "brightness": 40}, "lamp to a quarter") is None
    assert with_level_said("set_brightness", {"device": "lamp"}, "lamp at a quarter past six") is None


def test_written_fractions_of_a_unit_are_read_and_spelled():
    from assistant.timeparse import parse_duration, spelled_fractions
    assert parse_duration("2 1/2 minutes") == 150
    assert parse_duration("1 1/2 hours") == 5400
    assert parse_duration("3/4 of an hour") == 2700
    assert spelled_fractions("set a timer for 1 1/2 hours") == "set a timer for 1 and a half hours"
    assert spelled_fractions("a 3/4 hour timer") == "a three quarters hour timer"
    assert spelled_fractions("remind me on 12/4 at 3") == "remind me on 12/4 at 3"  # a date stays


def test_a_timer_written_with_a_fraction_keeps_it(scripted_assistant):
    testing.confirmer(scripted_assistant).enqueue({"api": "timers.start", "args": {"duration": "1 and a half hours"}})
    reply = scripted_assistant.handle("set a timer for 1 1/2 hours")
    assert reply.ok and "1 hour 30 minutes" in reply.reply


def test_an_alarm_at_a_clock_time_is_the_timers():
    from assistant.experts.timers import ALARM_AT
    assert ALARM_AT.search("alarm at twenty past six tomorrow")
    assert ALARM_AT.search("an alarm for 5:45 please")
    assert not ALARM_AT.search("arm the alarm at 11")
    assert not ALARM_AT.search("set the burglar alarm at 10")


def test_items_the_model_ran_together_are_the_users_own():
    from assistant.experts.lists import _as_said
    assert _as_said(["bread milk", "jam"], "add bread, milk and jam to the list") == ["bread", "milk", "jam"]
    assert _as_said(["peanut butter", "jam"], "add peanut butter and jam to the list") == ["peanut butter", "jam"]


@pytest.mark.parametrize("yes", ["sige", "sige po", "haan", "oui", "da"])
def test_yes_as_said_in_other_languages_confirms(scripted_assistant, yes):
    testing.confirmer(scripted_assistant).enqueue({"api": "smart_home.unlock", "args": {"device": "front door"}})
    assert scripted_assistant.handle("unlock the front door").needs_confirmation
    reply = scripted_assistant.handle(yes)
    assert reply.api == "unlock" and device_states(scripted_assistant)["lock.front_door_9a7b"] == "unlocked"


@pytest.mark.parametrize("no", ["hindi", "nahi", "non"])
def test_no_as_said_in_other_languages_declines(scripted_assistant, no):
    testing.confirmer(scripted_assistant).enqueue({"api": "smart_home.unlock", "args": {"device": "front door"}})
    scripted_assistant.handle("unlock the front door")
    scripted_assistant.handle(no)
    assert device_states(scripted_assistant)["lock.front_door_9a7b"] == "locked"


@pytest.mark.parametrize("words, named, left", [
    ("cancel the heater one", "heater", "switch off the study fan"),
    ("cancel the study fan", "fan", "turn on the study heater"),  # by the thing alone
])
def test_cancelling_a_put_off_call_by_what_it_acts_on(flat, words, named, left):
    testing.confirmer(flat).enqueue({"api": "smart_home.turn_on", "args": {"device": "study heater"}},
                                    {"api": "smart_home.turn_off", "args": {"device": "study fan"}})
    flat.handle("turn on the study heater at 7 tomorrow morning")
    flat.handle("and switch off the study fan in an hour")
    reply = flat.handle(words)
    assert named in reply.reply and [w["what"] for w in list_scheduled(flat.db)] == [left]


@pytest.mark.parametrize("words", ["actually cancel that", "oh scrap that", "cancel it please"])
def test_cancelling_what_was_just_put_off_after_a_lead_word(flat, words):
    testing.confirmer(flat).enqueue({"api": "smart_home.turn_off", "args": {"device": "study fan"}})
    flat.handle("switch off the study fan in 45 minutes")
    flat.handle(words)
    assert list_scheduled(flat.db) == []


def test_starting_a_list_by_name_makes_that_list_and_on_it_means_it(flat):
    from assistant.experts.lists import all_lists
    model = testing.confirmer(flat)
    model.enqueue({"api": "lists.add", "args": {"items": ["camping trip"], "list_name": "shopping"}},
                  {"api": "lists.add", "args": {"items": ["tent", "torch"], "list_name": "camping trip"}})
    first = flat.handle("start a new list called camping trip")
    assert "camping trip" in first.reply and not all_lists(flat.db).get("shopping")
    flat.handle("put tent and torch on it")
    assert [i["item"] for i in all_lists(flat.db)["camping trip"]] == ["tent", "torch"]


def test_an_answer_that_says_the_whole_request_completes_it(flat):
    from assistant.storage.core_tables import park_action
    park_action(flat.db, at=flat.clock.now(), expert="reminders", api="create", args={"text": "remind me"},
                question="When should I remind you?", slot="when", said="remind me")
    reply = flat.handle("to water the ferns at 8 pm")
    assert reply.api == "create" and reply.args["text"] == "water the ferns" and "8:00 PM" in reply.reply


def test_it_with_nothing_before_is_no_target_of_the_models(flat):
    testing.confirmer(flat).enqueue({"api": "smart_home.turn_on", "args": {"device": "light", "device_type": "light"}})
    reply = flat.handle("turn it on please, she's nearly home")
    assert not reply.ok and device_states(flat)["light.lounge_lamp"] == "off"


def test_a_correction_naming_a_device_by_kind_and_room_takes_back_the_first(tmp_path):
    home = tmp_path / "home.yaml"
    home.write_text("""floors: [{name: Flat, id: flat, level: 0}]
areas:
  - {name: Nana's Room, id: nana_room, floor: flat}
  - {name: Theo's Room, id: theo_room, floor: flat}
entities:
  - {name: Nana's Bedside Lamp, id: light.nana_lamp, area: nana_room, state: "off", attributes: {brightness: 100}}
  - {name: Bedside Light, id: light.theo_light, area: theo_room, state: "off", attributes: {brightness: 100}}
""")
    helper = testing.scripted_assistant(tmp_path / "state.db", home=home)
    testing.confirmer(helper).enqueue({"api": "smart_home.turn_on", "args": {"device": "nana bedside lamp"}})
    helper.handle("turn on nana's bedside lamp")
    helper.handle("no, the bedside light in theo's room")
    assert device_states(helper) == {"light.nana_lamp": "off", "light.theo_light": "on"}


HOUSE = """floors: [{name: Ground, id: ground, level: 0}]
areas:
  - {name: Hall, id: hall, floor: ground}
  - {name: Master Bedroom, id: master, floor: ground}
  - {name: Rosa's Room, id: rosa, floor: ground}
  - {name: Guest Room, id: guest, floor: ground}
  - {name: Ground Floor CR, id: cr, floor: ground}
  - {name: Utility, id: utility, floor: ground}
entities:
  - {name: Hall Light, id: light.hall, area: hall, state: "off", attributes: {brightness: 100}}
  - {name: Hall Lamp, id: light.hall_lamp, area: hall, state: "off", attributes: {brightness: 100}}
  - {name: Master Light, id: light.master, area: master, state: "off", attributes: {brightness: 100}}
  - {name: Master AC, id: climate.master_ac, area: master, state: "cool", attributes: {temperature: 24, hvac_modes: ["off", "cool"]}}
  - {name: Hall AC, id: climate.hall_ac, area: hall, state: "off", attributes: {temperature: 24, hvac_modes: ["off", "cool"]}}
  - {name: Rosa's Light, id: light.rosa, area: rosa, state: "off", attributes: {brightness: 100}}
  - {name: Guest Room Lamp, id: light.guest, area: guest, state: "off", attributes: {brightness: 100}}
  - {name: CR Light, id: light.cr, area: cr, state: "off", attributes: {brightness: 100}}
  - {name: Cistern Level, id: sensor.cistern, area: utility, state: "40", attributes: {unit_of_measurement: "%"}}
  - {name: Solar Battery, id: sensor.solar_battery, area: utility, state: "71", attributes: {unit_of_measurement: "%"}}
  - {name: Leak Sensor, id: binary_sensor.leak, area: utility, state: "off"}
"""


@pytest.fixture
def house_db(tmp_path):
    from tests.conftest import smart_home_db
    return smart_home_db(HOUSE, tmp_path)


def _changed(db, api, said, **args):
    from tests.conftest import call_smart_home
    from assistant.experts.smart_home import list_devices
    before = {d["id"]: d["state"] for d in list_devices(db)}
    reply = call_smart_home(db, api, said, **args)
    return reply, {d["id"]: d["state"] for d in list_devices(db) if before[d["id"]] != d["state"]}


@pytest.mark.parametrize("said, args, changed", [
    # the Hall is where a home without a living room lives (South and South-East Asia)
    ("switch on the living room lights", {"device": "living room lights"}, {"light.hall": "on", "light.hall_lamp": "on"}),
    ("lights on in the sala", {"device": "lights", "area": "sala"}, {"light.hall": "on", "light.hall_lamp": "on"}),
    ("turn on the comfort room light", {"device": "comfort room light"}, {"light.cr": "on"}),
    ("switch on the light in the toilet", {"device": "light", "area": "toilet"}, {"light.cr": "on"}),
    ("the light in mama and papa's room", {"device": "light", "area": "mama and papa's room"}, {"light.master": "on"}),
    ("turn on the light in mommy and daddy's room", {"device": "light", "device_type": "room"}, {"light.master": "on"}),
])
def test_rooms_by_the_names_families_give_them(house_db, said, args, changed):
    assert _changed(house_db, "turn_on", said, **args)[1] == changed


def test_a_room_word_alone_is_not_every_room_so_named(tmp_path):
    from tests.conftest import smart_home_db
    db = smart_home_db(HOUSE.replace("{name: Hall, id: hall", "{name: Den, id: hall"), tmp_path)
    # "living room" is the den here; with no living room at all nothing is every "… Room"
    reply, changed = _changed(db, "turn_on", "switch on the living room lights", device="living room lights")
    assert "light.rosa" not in changed and "light.guest" not in changed


def test_a_question_about_a_device_reads_the_room_said(house_db):
    reply, changed = _changed(house_db, "query", "is the AC in the master bedroom on?", device="AC")
    assert changed == {} and "Master AC" in reply.reply and "Hall AC" not in reply.reply
    reply, _ = _changed(house_db, "query", "is the light in rosa's room on", device="light")
    assert reply.reply.startswith("Rosa's Light is off")  # an owner's name takes no "the"


@pytest.mark.parametrize("text", ["solar battery?", "what's the solar charge at", "how much water is in the cistern",
                                  "what is the cistern at", "did the leak sensor pick anything up"])
def test_questions_naming_a_sensor_are_the_homes(house_db, text):
    from assistant.experts.smart_home.apis import claims
    assert claims(house_db, text)


@pytest.mark.parametrize("text", ["how much water should I drink", "what's a solar panel", "why is the sky blue",
                                  "how do I fix a leak"])
def test_questions_naming_no_sensor_are_not(house_db, text):
    from assistant.experts.smart_home.apis import claims
    assert not claims(house_db, text)


def test_why_people_call_a_thing_so_is_a_question_about_words(house_db):
    from assistant.experts.smart_home.apis import foreign
    assert foreign(house_db, "query", {"device": "toilet"}, "why do canadians call the couch a chesterfield")
    assert foreign(house_db, "query", {"device": "cr"}, "why does my nanay call the bathroom the CR")


@pytest.mark.parametrize("text, without", [("open the light po", "open the light"),
                                           ("close the fan naman, it's cold", "close the fan, it's cold"),
                                           ("sige po", "sige")])
def test_filipino_particles_colour_a_request(text, without):
    from assistant.asides import without_particles
    assert without_particles(text) == without


UPSTAIRS = """floors: [{name: Ground Floor, id: ground, level: 0}, {name: Upper Floor, id: upper, level: 1}]
areas:
  - {name: Kitchen, id: kitchen, floor: ground}
  - {name: Main Bedroom, id: main, floor: upper}
  - {name: Ivo's Room, id: ivo, floor: upper}
entities:
  - {name: Kitchen Light, id: light.kitchen, area: kitchen, state: "off", attributes: {brightness: 100}}
  - {name: Main Light, id: light.main, area: main, state: "off", attributes: {brightness: 100}}
  - {name: Ivo's Light, id: light.ivo, area: ivo, state: "off", attributes: {brightness: 100}}
  - {name: Ivo's Lamp, id: light.ivo_lamp, area: ivo, state: "off", attributes: {brightness: 100}}
"""


@pytest.mark.parametrize("said, args, changed", [
    ("turn on all the lights upstairs except in ivo's room", {"device": "lights", "area": "upstairs"},
     {"light.main": "on"}),
    ("every light on apart from the kitchen one", {"device_type": "light"},
     {"light.main": "on", "light.ivo": "on", "light.ivo_lamp": "on"}),
    ("switch on all the lights but ivo's lamp", {"device": "all the lights but ivo's lamp"},
     {"light.kitchen": "on", "light.main": "on", "light.ivo": "on"}),
])
def test_what_a_request_leaves_out_is_left_alone(tmp_path, said, args, changed):
    from tests.conftest import smart_home_db
    db = smart_home_db(UPSTAIRS, tmp_path)
    assert _changed(db, "turn_on", said, **args)[1] == changed


def test_common_acronyms_spoken_as_letters_are_joined():
    from assistant.languages.spoken_letters import joined_letters
    assert joined_letters("switch on the a c", ["Bedroom Aircon"]) == "switch on the AC"
    assert joined_letters("put the t v on", []) == "put the TV on"
    assert joined_letters("i see a cat", []) == "i see a cat"


@pytest.mark.parametrize("text", ["is there a typhoon signal in cebu today", "any flood warnings for galway",
                                  "are classes suspended tomorrow", "hows the traffic on the n7"])
def test_public_alerts_closures_and_traffic_are_declined(text):
    from assistant.app import default_registry
    from assistant.routing.cues import DECLINED, pinned_expert
    assert pinned_expert(default_registry(), text) == DECLINED


def test_a_reminder_about_a_closure_stays_a_reminder():
    from assistant.app import default_registry
    from assistant.routing.cues import pinned_expert
    assert pinned_expert(default_registry(), "remind me to check if school is cancelled tomorrow") == "reminders"


def test_several_timers_asked_for_at_once_are_one_request_each():
    from assistant.splitting import split_requests
    assert split_requests("set two timers, 12 minutes for the pasta and 25 minutes for the bread") == \
        ["set a timer for 12 minutes for the pasta", "set a timer for 25 minutes for the bread"]
    assert split_requests("set two timers") == ["set two timers"]


def test_it_after_a_question_is_the_device_the_question_found(flat):
    model = testing.confirmer(flat)
    model.enqueue({"api": "smart_home.query", "args": {"device": "heater", "device_type": "heating system"}},
                  {"api": "smart_home.turn_on", "args": {"device": "heater"}})
    assert "Study Heater" in flat.handle("is the heater in the study on?").reply
    flat.handle("turn it on please")
    assert device_states(flat)["switch.study_heater"] == "on"


def test_a_device_phrase_run_on_into_an_aside_is_cut_at_the_comma(flat):
    reply, changed = _changed(flat.db, "close", "close the lounge blind, the storm is coming na",
                              device="lounge blind the storm is coming")
    assert changed == {"cover.lounge_blind": "closed"}


def test_opening_one_of_several_lights_asks_which_to_switch_on(house_db):
    from assistant.experts.smart_home.apis import switched_as
    assert switched_as(house_db, "open", {"device": "light"}, said="open the light") == ("turn_on", {"device": "light",
                                                                                                    "area": None,
                                                                                                    "device_type": None})
    reply, changed = _changed(house_db, "turn_on", "open the light", device="light")
    assert changed == {} and "Which" in reply.reply


@pytest.mark.parametrize("text, said", [("have the lounge lamp come on at 9", "turn on the lounge lamp at 9"),
                                        ("get the study fan to go off in an hour", "turn off the study fan in an hour")])
def test_a_thing_made_to_switch_is_switched(text, said):
    from assistant.asides import without_particles
    assert without_particles(text) == said


def test_a_thing_made_to_switch_later_is_put_off(flat):
    testing.confirmer(flat).enqueue({"api": "smart_home.turn_on", "args": {"device": "lounge lamp"}})
    flat.handle("have the lounge lamp come on at 9")
    assert [w["api"] for w in list_scheduled(flat.db)] == ["smart_home.turn_on"]
    assert device_states(flat)["light.lounge_lamp"] == "off"
