"""Session 32's kinds (no evaluation sentence): a level said in degrees in the Hindi/Urdu reader
keeps its unit, and a level written as a light's brightness for a thermostat the user spoke of in
degrees is its temperature."""
import pytest

from assistant.experts.smart_home import list_devices
from assistant.languages.hearing import in_english
from tests.conftest import call_smart_home, smart_home_db

FLAT = """
areas:
  - {name: Study, id: study}
  - {name: Lounge, id: lounge}
entities:
  - {name: Study Radiator, id: climate.study_radiator, area: study, state: heat,
     attributes: {temperature: 19, min_temp: 7, max_temp: 28, hvac_modes: ["off", heat]}}
  - {name: Lounge Lamp, id: light.lounge_lamp, area: lounge, state: "on", attributes: {brightness: 60}}
"""


def _state(db, entity):
    return next(d for d in list_devices(db) if d["id"] == entity)


@pytest.mark.parametrize("said, heard", [
    ("study ka radiator teen degree tez kar do", "turn up the study radiator by 3 degrees"),
    ("geyser 45 digri pe kar do", "set the geyser to 45 degrees"),
    ("lamp ki roshni 30 percent kam kar do", "by 30 percent"),
])
def test_a_level_said_in_degrees_or_percent_keeps_its_unit(said, heard):
    assert heard in in_english(said, "text", lambda: [])


def test_a_plain_level_stays_a_number():
    assert in_english("pankha do pe kar do", "text", lambda: []).endswith("to 2")


@pytest.mark.parametrize("api, said, args, expected", [
    ("adjust", "warm the study radiator up 2 degrees", {"attribute": "brightness", "delta": 2,
                                                        "device": "study radiator"}, 21),
    ("set_brightness", "put the study radiator on 22 degrees", {"brightness": 22, "device": "study radiator"}, 22),
])
def test_a_brightness_written_for_a_thermostat_said_in_degrees_is_its_temperature(tmp_path, api, said, args,
                                                                                  expected):
    db = smart_home_db(FLAT, tmp_path)
    result = call_smart_home(db, api, said, **args)
    assert result.ok, result.reply
    assert _state(db, "climate.study_radiator")["attributes"]["temperature"] == expected


def test_without_degrees_a_thermostat_takes_no_brightness(tmp_path):
    db = smart_home_db(FLAT, tmp_path)
    result = call_smart_home(db, "set_brightness", "put the study radiator on 22", brightness=22, device="study radiator")
    assert _state(db, "climate.study_radiator")["attributes"]["temperature"] == 19
    assert not result.ok


# -- command shapes read in their own clause ------------------------------------------------------

from datetime import datetime  # noqa: E402

from assistant.deferral import split_delay  # noqa: E402
from assistant.experts.memory import ASKED_FOR_A_SECRET  # noqa: E402
from assistant.experts.smart_home.colors import nearest_color  # noqa: E402
from assistant.experts.smart_home.commands import propose  # noqa: E402
from assistant.guardrails import _grounded  # noqa: E402
from assistant.messages import Request  # noqa: E402
from assistant.pipeline import _clauses  # noqa: E402
from assistant.routing.context import is_follow_up  # noqa: E402
from assistant.timeparse import parse_duration, parse_when  # noqa: E402
from assistant.words import command  # noqa: E402

EVENING = datetime(2027, 3, 10, 17, 0)


def _proposed(text):
    decision = propose(Request(text=text, words=command(text), now=EVENING))
    return decision and (decision.api, decision.args)


@pytest.mark.parametrize("text", [
    "the lamp in the study keeps flickering, switch it off",
    "shut the radio off in the den in twenty minutes, the baby is asleep",
    "there's a light on out in the shed, can you turn that off",
    "switch off the lights, heading to bed",
])
def test_a_shape_never_spans_a_clause_nor_takes_a_story_for_a_name(text):
    assert _proposed(text) is None


@pytest.mark.parametrize("text, call", [
    ("hey google, switch on the hall light", ("turn_on", {"device": "hall light"})),
    ("porch light on, cheers", ("turn_on", {"device": "porch light"})),
    ("sorry to bother you, but how cold is it outside right now? thinking of a walk",
     ("query", {"device": "outside temperature"})),
    ("is it still freezing out there", ("query", {"device": "outside temperature"})),
])
def test_the_clause_that_holds_the_shape_is_read(text, call):
    assert _proposed(text) == call


@pytest.mark.parametrize("text, call", [
    ("set the heat pump to dry mode", ("set_hvac_mode", {"mode": "dry", "device": "heat pump"})),
    ("put the bedroom ac on fan only", ("set_hvac_mode", {"mode": "fan_only", "device": "bedroom ac"})),
    ("switch the thermostat to cooling", ("set_hvac_mode", {"mode": "cool", "device": "thermostat"})),
    ("study radiator 21", ("set_temperature", {"temperature": 21, "device": "study radiator"})),
    ("set the heater to 19", ("set_temperature", {"temperature": 19, "device": "heater"})),
])
def test_modes_and_a_level_after_a_name(text, call):
    assert _proposed(text) == call


@pytest.mark.parametrize("text", ["set the fan to high", "set the lights to warm", "lamp 2", "nudge the thermostat 2 degrees"])
def test_no_mode_or_level_where_none_was_said(text):
    assert (_proposed(text) or ("",))[0] not in ("set_hvac_mode", "set_temperature", "set_brightness")


MODES = """
areas:
  - {name: Study, id: study}
entities:
  - {name: Heat Pump, id: climate.heat_pump, area: study, state: cool,
     attributes: {temperature: 22, hvac_modes: ["off", cool, heat, dry]}}
  - {name: Study Radiator, id: climate.study_radiator, area: study, state: heat,
     attributes: {temperature: 19, hvac_modes: ["off", heat]}}
"""


def test_a_mode_is_set_and_a_mode_a_device_lacks_changes_nothing(tmp_path):
    db = smart_home_db(MODES, tmp_path)
    done = call_smart_home(db, "set_hvac_mode", "put the heat pump on dry", mode="dry", device="heat pump")
    assert done.ok and _state(db, "climate.heat_pump")["state"] == "dry"
    refused = call_smart_home(db, "set_hvac_mode", "study radiator to cool", mode="cool", device="study radiator")
    assert not refused.ok and "no cool mode" in refused.reply
    assert _state(db, "climate.study_radiator")["state"] == "heat"


# -- delays ----------------------------------------------------------------------------------------

@pytest.mark.parametrize("phrase, minutes", [("in a half hour", 30), ("in a half an hour", 30), ("in half an hour", 30)])
def test_a_half_hour_is_thirty_minutes(phrase, minutes):
    assert (parse_when(phrase, EVENING).due - EVENING).seconds == minutes * 60


def test_a_half_hour_as_a_length():
    assert parse_duration("a half hour") == 1800


def test_the_one_sentence_that_commands_carries_its_delay():
    delay = split_delay("Would you be so kind as to have the hall lamp come on at nine tonight? The grandkids "
                        "are staying over.", EVENING)
    assert delay is not None and delay.due == EVENING.replace(hour=21)
    assert "grandkids" not in delay.command


@pytest.mark.parametrize("text", ["Switch the heater on. The plumber comes at 8.", "Put the kettle on. Film's at 9."])
def test_a_time_in_a_statement_sentence_is_not_the_commands(text):
    assert split_delay(text, EVENING) is None


def test_em_points_back():
    assert is_follow_up("switch em off at ten")


# -- values, secrets and words ---------------------------------------------------------------------

@pytest.mark.parametrize("said, meant", [("purpel", "purple"), ("oragne", "orange"), ("lavendar", "lavender")])
def test_a_misspelt_colour_is_the_colour_it_surely_means(said, meant):
    assert nearest_color(said) == meant


@pytest.mark.parametrize("said", ["bloo", "teal green", "dark"])
def test_no_colour_is_guessed_from_little(said):
    assert nearest_color(said) is None


@pytest.mark.parametrize("text, secret", [("what's the side gate code", True), ("what is our router password again", True),
                                          ("whats the alarm pin", True), ("what's the postcode", False),
                                          ("change the wifi password", False), ("what's the area code for cork", False)])
def test_a_household_secret_is_asked_of_memory(text, secret):
    assert bool(ASKED_FOR_A_SECRET.match(text)) is secret


def test_a_model_writing_another_form_of_the_users_word_is_grounded():
    said = {"did", "anybody", "come", "round", "today"}
    assert _grounded("somebody came round", said)
    assert not _grounded("the postman delivered a parcel", said)


@pytest.mark.parametrize("text, count", [("stop the music, call coming in", 2), ("hey, what's the weather", 1),
                                         ("lights off, please", 1)])
def test_clauses_are_counted_by_their_punctuation(text, count):
    assert _clauses(text) == count


COLOURED = """
areas:
  - {name: Den, id: den}
entities:
  - {name: Den Strip, id: light.den_strip, area: den, state: "off", attributes: {brightness: 50, color: white}}
  - {name: Recessed Lights, id: light.recessed, area: den, state: "on", attributes: {brightness: 50}, aliases: [Pot Lights]}
"""


def test_a_light_takes_a_misspelt_colour(tmp_path):
    db = smart_home_db(COLOURED, tmp_path)
    result = call_smart_home(db, "set_color", "make the den strip purpel", color="purpel", device="den strip")
    assert result.ok and _state(db, "light.den_strip")["attributes"]["color"] == "purple"


def test_a_put_off_call_keeps_the_users_own_name_for_the_device(tmp_path):
    from assistant.experts.smart_home.setters import pin
    db = smart_home_db(COLOURED, tmp_path)
    assert pin(db, "turn_off", {"device": "Recessed Lights"}, said="turn the pot lights off at 10") == \
        {"device": "Pot Lights"}
    assert pin(db, "turn_off", {"device": "Recessed Lights"}, said="recessed lights off at 10") == \
        {"device": "Recessed Lights"}


# -- answers, remarks and follow-ups --------------------------------------------------------------

from assistant.asides import without_courtesy, without_remark  # noqa: E402
from assistant.asking import LEADING_NO  # noqa: E402
from assistant.routing import fastpath  # noqa: E402
from assistant.several import REPORT  # noqa: E402
from assistant.slots import read_choice  # noqa: E402


def test_a_hedge_before_a_no_is_still_a_no():
    assert LEADING_NO.match("hmm no, leave it locked")


@pytest.mark.parametrize("text, api", [("oh, out of curiosity, what's the date today?", "date"),
                                       ("sorry, could you set everything back how it was", "undo")])
def test_system_words_behind_a_preamble(text, api):
    decision = fastpath.match(text)
    assert decision is not None and decision.api == api


def test_a_remark_that_is_a_command_is_kept():
    assert without_remark("mute the tv, baby sleeping", lambda: []) == "mute the tv, baby sleeping"
    assert without_remark("ugh, turn off the lights", lambda: []) == "turn off the lights"


@pytest.mark.parametrize("text, report", [("baby sleeping", True), ("visitors arriving now", True),
                                          ("stop recording", False), ("call grandma", False)])
def test_a_thing_and_what_it_is_doing_is_a_report(text, report):
    assert bool(REPORT.match(text)) is report


def test_master_and_primary_are_one_rooms_words():
    choices = {"fan.a": "Ceiling Fan Main Bedroom", "fan.b": "Ceiling Fan Guest Room"}
    assert read_choice("the one in the primary bedroom", choices) == "fan.a"


def test_a_thing_made_to_go_on_high_keeps_its_level():
    assert without_courtesy("get the bathroom fan to come on high") == "turn the bathroom fan on high"


FANS = """
areas:
  - {name: Den, id: den}
  - {name: Loft, id: loft}
entities:
  - {name: Ceiling Fan, id: fan.den, area: den, state: "off", attributes: {percentage: 0, percentage_step: 25}}
  - {name: Ceiling Fan, id: fan.loft, area: loft, state: "off", attributes: {percentage: 0, percentage_step: 25}}
  - {name: Heat Pump, id: climate.heat_pump, area: den, state: cool, attributes: {temperature: 70, hvac_modes: ["off", cool, fan_only]}}
"""


def test_a_fan_switched_on_high_is_set_to_its_top_speed(tmp_path):
    from assistant.experts.smart_home.apis import recast
    db = smart_home_db(FANS, tmp_path)
    assert recast(db, "turn_on", {"device": "ceiling fan"}, said="turn the ceiling fan on high") == \
        ("set_fan_speed", {"device": "ceiling fan", "percentage": 100})
    assert recast(db, "turn_on", {"device": "ceiling fan"}, said="turn on the ceiling fan") is None


def test_a_mode_written_for_a_fan_is_its_speed_and_a_said_mode_stands(tmp_path):
    from assistant.experts.smart_home.apis import recast
    db = smart_home_db(FANS, tmp_path)
    assert recast(db, "set_hvac_mode", {"mode": "fan_only", "device": "ceiling fan", "area": "den"},
                  said="put the den ceiling fan on full") == ("set_fan_speed", {"device": "ceiling fan", "area": "den",
                                                                               "percentage": 100})
    assert recast(db, "set_hvac_mode", {"mode": "fan_only", "device": "heat pump"},
                  said="heat pump to fan only") is None


def test_a_name_word_heard_as_two_words_is_joined_for_voice():
    from assistant.languages.spoken_letters import joined_words
    names = ["Daikin", "Sunroom Fan", "Patio Heater"]
    assert joined_words("put the dai kin on cool", names) == "put the Daikin on cool"
    assert joined_words("turn on the sun room fan", names) == "turn on the Sunroom fan"
    assert joined_words("set it to twenty two", names) == "set it to twenty two"


# -- reasons, pronouns and the clock ----------------------------------------------------------------

from assistant.routing import cues  # noqa: E402
from assistant.app import default_registry  # noqa: E402
from assistant.experts.notifications import _announcement, _asked_for_only as _only_asked  # noqa: E402
from assistant.experts.smart_home.apis import colour_left_out  # noqa: E402
from assistant.several import ACTS_ON_IT  # noqa: E402


@pytest.mark.parametrize("text", ["mute the tv, I have to call the landlord", "turn the radio off because I'm emailing my boss"])
def test_a_reason_after_a_home_request_never_declines_it(text):
    assert cues.pinned_expert(default_registry(), text, None) is None


@pytest.mark.parametrize("text", ["email my boss", "call the landlord about the radio"])
def test_what_no_expert_does_is_still_declined(text):
    assert cues.pinned_expert(default_registry(), text, None) == "none"


@pytest.mark.parametrize("text", ["switch the fan on and shut 'er off at noon", "put em back on at six"])
def test_slang_pronouns_point_back(text):
    assert POINTS_BACK_WORDS.search(command(text))


from assistant.words import POINTS_BACK as POINTS_BACK_WORDS  # noqa: E402


@pytest.mark.parametrize("part", ["flip em back on at 11", "then kill it in 45 minutes", "kick it back on at six"])
def test_a_part_acting_on_it_is_a_request_of_its_own(part):
    assert ACTS_ON_IT.match(command(part))


def test_a_message_asked_for_without_its_words():
    assert _only_asked("something to the family for me") and _only_asked("in the house")
    assert not _only_asked("the bins go out tonight")
    assert _announcement("broadcast something to the fam") is not None  # (no crash: "broadcast" names nobody)


@pytest.mark.parametrize("text, api", [("Hello. Um, would you tell me the time?", "time"),
                                       ("I've been napping. What's the date today?", "date")])
def test_a_clock_question_after_sentences_that_ask_nothing(text, api):
    assert fastpath.match(text).api == api


def test_a_clock_question_after_a_request_is_not_taken_alone():
    assert fastpath.match("Close the blinds. What time is it?") is None


def test_a_misspelt_colour_the_model_left_out_is_read_from_the_words():
    assert colour_left_out("set_color", {"device": "desk lamp"}, "desk lamp purpel please") == \
        ("set_color", {"device": "desk lamp", "color": "purple"})
    assert colour_left_out("set_color", {"device": "desk lamp"}, "make the desk lamp nicer") is None


@pytest.mark.parametrize("text", ["is it below 20 out there", "is it still in the 50s outside"])
def test_the_outside_temperature_asked_as_a_comparison(text):
    assert _proposed(text) == ("query", {"device": "outside temperature"})


from assistant.asides import without_story  # noqa: E402
from assistant.experts.memory import asks_for_a_secret  # noqa: E402


@pytest.mark.parametrize("text, asked", [
    ("My sister parked in the garage. Switch on the hall light.", "Switch on the hall light."),
    ("The kids are finally asleep, thank goodness. Please dim the landing light and make it warm white.",
     "Please dim the landing light and make it warm white."),
])
def test_a_story_around_the_one_request_is_left_out(text, asked):
    assert without_story(text) == asked


@pytest.mark.parametrize("text", ["I'm in the study. Turn the lamp on.", "It's freezing. Turn it up.",
                                  "Close the blinds. Lock the back door.", "Is anyone home? Turn off the lights."])
def test_a_story_that_places_the_speaker_or_gives_the_thing_stays(text):
    assert without_story(text) == text


def test_a_secret_asked_after_who_wants_it():
    assert asks_for_a_secret("my dad's asking, what's the garage code?")
    assert not asks_for_a_secret("dad's asking, what's the weather like")


@pytest.mark.parametrize("text", ["make an announcement to the whole house for me", "send everyone a msg"])
def test_more_ways_to_ask_for_a_message_without_its_words(text):
    assert _only_asked(text)


@pytest.mark.parametrize("phrase, minutes", [("in about an hour", 60), ("in roughly 20 minutes", 20),
                                             ("about 10 minutes from now", 10)])
def test_an_about_before_a_time_keeps_the_time(phrase, minutes):
    assert (parse_when(phrase, EVENING).due - EVENING).seconds == minutes * 60


@pytest.mark.parametrize("text", ["any new dms on discord", "read my slack messages"])
def test_other_peoples_apps_are_declined(text):
    assert cues.pinned_expert(default_registry(), text, None) == "none"


def test_a_question_about_a_kind_in_general_is_not_the_homes():
    from assistant.experts.smart_home.apis import ABOUT_A_KIND
    assert ABOUT_A_KIND.match("do ceiling fans ever wear out") and not ABOUT_A_KIND.match("do the fans work")


@pytest.mark.parametrize("text, offered", [("put the heat pump on dry", True), ("switch the ac to cooling", True),
                                           ("the thermostat to auto mode", True), ("turn the attic fan up to high", False),
                                           ("turn up the heat", False), ("set the heat pump", False)])
def test_a_thermostats_mode_is_offered_only_when_a_mode_is_said(text, offered):
    from assistant.experts.smart_home import EXPERT
    assert EXPERT.api("set_hvac_mode").offered(text) is offered


def test_a_mode_nobody_said_is_the_temperature_asked_for(tmp_path):
    from assistant.experts.smart_home.apis import recast
    db = smart_home_db(FANS, tmp_path)
    assert recast(db, "set_hvac_mode", {"mode": "auto", "device": "heat pump"}, said="set the heat pump") == \
        ("set_temperature", {"device": "heat pump"})


def test_a_polite_lead_before_remember_that():
    from assistant.experts.memory import CUES as MEMORY_CUES
    assert MEMORY_CUES[0].search("I'd like you to remember that the gutters were cleaned in May")


def test_spanish_and_then_a_thing_follows_on():
    assert in_english("y cilantro", "text", lambda: []) == "and cilantro too"
    assert in_english("y mañana también", "text", lambda: []) != "and mañana también too"


PORCH = """
areas:
  - {name: Porch, id: porch}
entities:
  - {name: Porch Light, id: light.porch, area: porch, state: "off", attributes: {brightness: 100}}
"""


def test_a_put_off_command_the_classifier_cannot_place_is_still_put_off(tmp_path):
    from assistant.storage.scheduled import waiting_actions
    from assistant.testing import FixedClassifier, confirmer, scripted_assistant
    path = tmp_path / "home.yaml"
    path.write_text(PORCH)
    assistant = scripted_assistant(tmp_path / "state.db", home=path, classifier=FixedClassifier("chat"))
    confirmer(assistant).enqueue({"api": "smart_home.turn_on", "args": {"device": "porch light"}})
    reply = assistant.handle("would you arrange for the porch light to come on at nine this evening")
    assert "9:00 PM" in reply.reply
    assert _state(assistant.db, "light.porch")["state"] == "off"
    assert len(waiting_actions(assistant.db)) == 1


MEDIA = """
areas:
  - {name: Lounge, id: lounge}
entities:
  - {name: Speaker, id: media_player.speaker, area: lounge, state: idle, attributes: {volume: 30}}
  - {name: TV, id: media_player.tv, area: lounge, state: "off", attributes: {volume: 20}}
"""


def test_turning_off_a_tv_that_is_off_leaves_the_speaker_alone(tmp_path):
    db = smart_home_db(MEDIA, tmp_path)
    call_smart_home(db, "turn_off", "turn the tv off", device="tv")
    assert _state(db, "media_player.speaker")["state"] == "idle"


def test_a_story_that_says_whose_stays():
    text = "Nana says her room is freezing. Turn the heater in her room up."
    assert without_story(text) == text


def test_a_reason_clause_never_swallows_a_question_after_it():
    from assistant.asides import without_reason
    text = "Oh goodness, I've been napping all afternoon. What time is it?"
    assert without_reason(text) == text
    assert without_reason("close the blinds, the sun is in my eyes.") == "close the blinds"


def test_a_word_the_user_typed_with_one_slip_grounds_the_models_word():
    assert _grounded("orange", {"porch", "light", "organge"})
    assert _grounded("yellow", {"accent", "yelow"})
    assert not _grounded("night light", {"light"})
