"""Session 25's kinds (no evaluation sentence): chat shorthand and a number's homophones; a device's
word taken for a misspelt place; a room named by the head of its compound name; a call that drops the
place the user said; wake-ups from now; a reminder's text beside its time; fan speeds said as words;
alerts on a change to come; yes in other words; clock questions with an aside after them; corrections
with a filler; taking back a fact; questions whether something is there; fixtures' everyday names."""
from datetime import datetime

import pytest

from assistant import guardrails, testing
from assistant.languages import shorthand
from assistant.experts import memory, reminders, timers, watches
from assistant.experts.smart_home.apis import with_level_said
from assistant.experts.smart_home.vocab import words_within
from assistant.routing import fastpath
from assistant.routing.correction import correction_words
from assistant.words import asks_for_information
from tests.conftest import assistant_in_home, call_smart_home, device_states, smart_home_db

HOME = """
floors:
  - {name: Ground Floor, id: ground, level: 0}
  - {name: Upstairs, id: up, level: 1}
areas:
  - {name: Den, id: den, floor: ground}
  - {name: Woodshop, id: woodshop, floor: ground}
  - {name: Kitchen, id: kitchen, floor: ground}
  - {name: Garden, id: garden}
  - {name: Ava's Room, id: ava, floor: up}
  - {name: Landing, id: landing, floor: up}
entities:
  - {name: Moon Lamp, id: light.moon_lamp, area: ava, state: "off", attributes: {brightness: 100}}
  - {name: Ava's Ceiling Light, id: light.ava_ceiling, area: ava, state: "off", attributes: {brightness: 100}}
  - {name: Landing Light, id: light.landing, area: landing, state: "off", attributes: {brightness: 100}}
  - {name: Bench Light, id: light.bench, area: woodshop, state: "off", attributes: {brightness: 100}}
  - {name: Recessed Lights, id: light.recessed, area: kitchen, state: "off", attributes: {brightness: 100}}
  - {name: Island Pendants, id: light.pendants, area: kitchen, state: "off", attributes: {brightness: 100}}
  - {name: LED Strip, id: light.strip, area: den, state: "on", attributes: {brightness: 100}}
  - {name: Den Lamp, id: light.den_lamp, area: den, state: "off", attributes: {brightness: 100}}
  - {name: Garden Lights, id: light.garden, area: garden, state: "off", attributes: {brightness: 100}}
  - {name: Front Door, id: lock.front_door, area: den, state: locked}
  - {name: Coffee Maker, id: switch.coffee, area: kitchen, state: "off"}
"""


@pytest.fixture
def home_db(tmp_path):
    return smart_home_db(HOME, tmp_path)


def _on(db):
    from assistant.experts.smart_home.store import read_home
    return {d.id for d in read_home(db).devices if d.state == "on"}


# -- chat shorthand and homophones ----------------------------------------------------------------------
@pytest.mark.parametrize("said, source, plain", [
    ("nvm", "text", "never mind"),
    ("turn the fan off plz", "text", "turn the fan off please"),
    ("remind me tmrw to call the bank", "text", "remind me tomorrow to call the bank"),
    ("dim it too 30", "text", "dim it to 30"),
    ("raise the heat too degrees", "text", "raise the heat two degrees"),
    ("set the heater 2 64", "voice", "set the heater to 64"),
    ("a timer for for minutes", "voice", "a timer for four minutes"),
    ("lights out downstairs", "text", "turn off the lights downstairs"),
])
def test_shorthand_and_homophones_are_read_out(said, source, plain):
    assert shorthand.in_full(said, source) == plain


@pytest.mark.parametrize("said, source", [
    ("wake me at 2 45", "voice"), ("buy 2 24 packs of water", "voice"), ("what's 30 fahrenheit to degrees celsius", "voice"),
    ("set a timer for 5 minutes", "voice"), ("the lights are out in the den", "text"),
])
def test_words_that_are_no_shorthand_stay_as_said(said, source):
    assert shorthand.in_full(said, source) == said


def test_a_word_of_the_homes_names_is_never_read_as_shorthand():
    assert shorthand.in_full("turn on ur lamp", names=lambda: ["UR Lamp"]) == "turn on ur lamp"


# -- places ---------------------------------------------------------------------------------------------
def test_a_devices_word_is_not_a_misspelt_place(home_db):
    # "moons" is a spelling of no place; "landing" stays the Landing
    assert call_smart_home(home_db, "turn_on", "turn on my moons", device="moons").ok
    assert _on(home_db) == {"light.strip", "light.moon_lamp"}


@pytest.mark.parametrize("place, compound", [("shop", True), ("den", False), ("house", False), ("stairs", False)])
def test_the_head_of_a_compound_room_name_names_the_room(place, compound):
    assert words_within(place, {"shop": "Woodshop", "den": "Garden", "house": "Greenhouse",
                                "stairs": "Upstairs"}[place]) == compound


def test_a_kind_in_the_shortened_room_is_found(home_db):
    assert call_smart_home(home_db, "turn_on", "flip the light on in the shop", device="light", device_type="shop").ok
    assert _on(home_db) == {"light.strip", "light.bench"}


def test_a_call_that_drops_the_place_the_user_said_loses_to_the_proposal():
    said = "switch on the lamps in the sitting room"
    assert guardrails.leaves_out_place({"device": "lamps"}, {"device": "lamps", "area": "sitting room"}, said)
    assert not guardrails.leaves_out_place({"device": "Reading Lamp"}, {"device": "lamp", "area": "sitting room"},
                                           said)  # a device the model found by its own name
    assert not guardrails.leaves_out_place({"device": "lamps", "area": "lounge"},
                                           {"device": "lamps", "area": "sitting room"}, said)


@pytest.mark.parametrize("device, expected", [("pot lights", "light.recessed"), ("can lights", "light.recessed"),
                                              ("leds", "light.strip")])
def test_fixtures_are_found_by_their_everyday_names(home_db, device, expected):
    api = "turn_off" if expected == "light.strip" else "turn_on"
    assert call_smart_home(home_db, api, f"{api.replace('_', ' ')} the {device}", device=device).ok
    assert (expected in _on(home_db)) == (api == "turn_on")


# -- levels ---------------------------------------------------------------------------------------------
@pytest.mark.parametrize("said, value", [("put the fans in the den on high", 100), ("box fan to low speed", 1),
                                         ("ceiling fan to medium", 50)])
def test_a_fan_speed_said_as_a_word_is_the_speed(said, value):
    assert with_level_said("set_fan_speed", {"device": "fan"}, said)[1]["percentage"] == value


def test_high_and_low_are_no_brightness():
    assert with_level_said("set_brightness", {"device": "lamp"}, "the lamp on low") is None


# -- timers and reminders -------------------------------------------------------------------------------
def test_a_wake_up_from_now_late_in_the_evening_is_from_now():
    ctx = testing.expert_context(timers.EXPERT, now=datetime(2026, 12, 2, 22, 50), said="wake me in 40 minutes")
    result = timers.set_alarm(ctx, time="in 40 minutes")
    assert result.ok and result.data["duration_s"] == 40 * 60


@pytest.mark.parametrize("said, when, text", [
    ("reminder monday 10am vet for the cat", "monday 10am", "vet for the cat"),
    ("set a reminder for 6 pm recycling out", "for 6 pm", "recycling out"),
])
def test_a_reminders_text_beside_its_time_is_read_when_the_model_left_it_out(said, when, text):
    assert reminders.recast(None, "create", {"when": when}, said=said) == ("create", {"when": when, "text": text})


def test_a_reminders_text_in_the_users_words_stands():
    assert reminders.recast(None, "create", {"when": "at 5", "text": "feed the fish"},
                            said="remind me to feed the fish at 5") is None


# -- cues and answers -----------------------------------------------------------------------------------
@pytest.mark.parametrize("said, watch", [
    ("tell me if the freezer door opens", True), ("tell me if the smoke alarm goes off", True),
    ("give me a heads up when the washer stops", True), ("tell me if the porch light is on", False),
    ("tell me if the timer goes off in 10 minutes", False),
])
def test_an_alert_on_a_change_to_come_is_a_watch(said, watch):
    assert any(cue.search(said) for cue in watches.CUES) == watch


@pytest.mark.parametrize("said", ["you betcha", "absolutely", "you got it", "for sure", "roger that"])
def test_yes_in_everyday_phrases_confirms(said):
    decision = fastpath.match(said)
    assert decision is not None and decision.api == "confirm"


@pytest.mark.parametrize("said, api", [("oh what time is it anyway", "time"), ("what day is it again", "date"),
                                       ("what's the date today by the way", "date")])
def test_a_clock_question_with_an_aside_after_it_is_the_clocks(said, api):
    decision = fastpath.match(said)
    assert decision is not None and decision.api == api


def test_a_correction_with_a_filler_names_the_value():
    assert correction_words("no like the green one") == ("no like ", "the green one")


def test_taking_back_what_was_told_is_memorys():
    assert any(cue.search("please forget what i said about the bike lock code") for cue in memory.CUES)


@pytest.mark.parametrize("said, asks", [("is there smoke in the kitchen", True), ("are there any doors open", True),
                                        ("is there a way to dim the den lamp", False)])
def test_a_question_whether_something_is_there_asks_for_a_fact(said, asks):
    assert asks_for_information(said) == asks


# -- through the pipeline, on scripted models ----------------------------------------------------------
def _assistant(tmp_path, now=datetime(2026, 12, 5, 17, 0)):
    return assistant_in_home(HOME, tmp_path, now)


def test_a_yes_with_a_request_of_its_own_answers_and_carries_it_out(tmp_path):
    assistant = _assistant(tmp_path)
    assert assistant.handle("unlock the front door").needs_confirmation  # (the rules' call, asked back)
    testing.confirmer(assistant).enqueue({"api": "smart_home.turn_on", "args": {"device": "landing light"}})
    assistant.handle("yep, and switch on the landing light")
    states = device_states(assistant)
    assert states["lock.front_door"] == "unlocked" and states["light.landing"] == "on"


def test_another_thing_for_a_call_just_put_off_is_put_off_to_the_same_time(tmp_path):
    from assistant.storage.scheduled import waiting_actions
    assistant = _assistant(tmp_path)
    testing.confirmer(assistant).enqueue({"api": "smart_home.turn_on", "args": {"device": "coffee maker"}})
    assistant.handle("turn on the coffee maker at 9 pm")
    testing.confirmer(assistant).enqueue({"api": "smart_home.turn_on", "args": {"device": "den lamp"}})
    assistant.handle("and the den lamp too")
    waiting = waiting_actions(assistant.db)
    assert len(waiting) == 2 and waiting[0].due == waiting[1].due
    assert device_states(assistant)["light.den_lamp"] == "off"  # not now


def test_a_call_that_drops_the_place_said_gets_it_back(tmp_path):
    assistant = _assistant(tmp_path)
    testing.confirmer(assistant).enqueue({"api": "smart_home.turn_on", "args": {"device": "lights"}})
    assistant.handle("turn on the lights in the kitchen")
    states = device_states(assistant)
    assert states["light.recessed"] == states["light.pendants"] == "on" and states["light.garden"] == "off"


# -- follow-ups, corrections and several requests -------------------------------------------------------
@pytest.mark.parametrize("said, asked", [("start a timer for the roast", True), ("can you set a tea timer", True),
                                         ("set a reminder to check the timer", False), ("start the timer", False),
                                         ("set a tea timer for 4 minutes", False)])
def test_a_timer_asked_for_with_no_length_is_the_timers(said, asked):
    assert bool(timers.TIMER_ASKED.search(said)) == asked


def test_a_thing_named_with_too_and_no_and_is_the_previous_call_on_it(home_db):
    from assistant.app import default_registry
    from assistant.messages import Turn
    from assistant.routing.context import ellipsis_of_previous_turn
    previous = Turn(text="turn on the den lamp", expert="smart_home", api="turn_on", args={"device": "den lamp"})
    decision = ellipsis_of_previous_turn(default_registry(), "the kitchen ones too", previous, home_db)
    assert decision is not None and decision.api == "turn_on" and "kitchen" in str(decision.args).lower()


def test_a_message_just_left_is_left_for_someone_else_named_too():
    from assistant.app import default_registry
    from assistant.messages import Turn
    from assistant.routing.context import ellipsis_of_previous_turn
    previous = Turn(text="tell the boys the car is here", expert="notifications", api="announce",
                    args={"message": "the car is here", "to": "the boys"})
    decision = ellipsis_of_previous_turn(default_registry(), "and tell Auntie too", previous)
    assert decision.args == {"message": "the car is here", "to": "Auntie"}


@pytest.mark.parametrize("said, named", [("actually just do it now", None), ("no wait, um, the den", "the den")])
def test_now_instead_is_no_correction_and_a_hesitation_is_no_command(said, named):
    from assistant.pipeline import _request_alone
    found = correction_words(_request_alone(said))
    assert (found[1] if found else None) == named


def test_a_question_typed_without_its_apostrophe_is_a_request_of_its_own():
    from assistant.splitting import split_requests
    assert split_requests("whats the score and dim the den lamp") == ["whats the score", "dim the den lamp"]


def test_a_colour_named_in_a_correction_is_the_colour_meant():
    from assistant.experts.smart_home import other_target
    assert other_target("set_color", {"device": "den lamp", "color": "blue"}, "light blue") == \
        {"device": "den lamp", "color": "light blue"}
    assert other_target("set_color", {"device": "den lamp", "color": "blue"}, "the kitchen")["color"] == "blue"


def test_fans_switched_on_at_a_speed_word_get_that_speed(tmp_path):
    home = HOME + "  - {name: Den Fan, id: fan.den, area: den, state: \"off\", attributes: {percentage: 0, percentage_step: 25}}\n"
    db = smart_home_db(home, tmp_path)
    assert call_smart_home(db, "turn_on", "the den fan on medium", device="den fan", area="medium").ok
    from assistant.experts.smart_home.store import read_home
    fan = next(d for d in read_home(db).devices if d.id == "fan.den")
    assert fan.state == "on" and fan.attributes["percentage"] == 50
