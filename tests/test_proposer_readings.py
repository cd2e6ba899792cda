"""The proposer's general readings: questions about the home's state (read, nothing changes) and
command words misspelt by a letter."""
import pytest

from assistant.app import default_registry
from assistant.experts.smart_home.commands import propose
from assistant.messages import Request
from assistant.routing.spelling import english_words, known_words, respelt
from assistant.words import command


def proposed(text):
    decision = propose(Request(text=text, words=command(text), now=None))
    return decision and (decision.api, decision.args)


@pytest.mark.parametrize(("text", "args"), [
    ("is the porch light on", {"device": "porch light"}),
    ("are the bedroom curtains still closed", {"device": "bedroom curtains"}),
    ("is the heater in the study running", {"device": "heater", "area": "study"}),
    ("which fans are on", {"device_type": "fans"}),
    ("is anything on downstairs", {"area": "downstairs"}),
    ("what's on in the whole house", {}),
    ("what's the temperature in the study", {"device": "temperature", "area": "study"}),
])
def test_a_question_about_the_homes_state_is_read(text, args):
    assert proposed(text) == ("query", args)


def test_warmer_with_nothing_named_is_the_heating():
    assert proposed("make it cooler by 2 degrees") == (
        "adjust", {"attribute": "temperature", "delta": -2, "device_type": "thermostat"})


@pytest.mark.parametrize("text", ["is it on", "is the timer running", "what is on the shopping list",
                                  "turn on the porch light"])
def test_other_words_are_no_state_question(text):
    found = proposed(text)
    assert found is None or found[0] != "query"


@pytest.mark.skipif(not english_words(), reason="the MiniLM package's word list is missing")
def test_a_command_word_misspelt_by_a_letter_is_respelt_and_english_words_are_not():
    known = known_words(default_registry(), ["Porch Light"])
    assert respelt("set the thermostst to 19", known) == "set the thermostat to 19"
    assert respelt("start a timmer for 12 minutes", known) == "start a timer for 12 minutes"
    assert respelt("swich off the porch ligth", known) == "switch off the porch light"
    for text in ("chuck the porch light on", "shout it out", "crack on"):  # words of their own
        assert respelt(text, known) == text


@pytest.mark.parametrize(("text", "args"), [
    ("set the heating to 19 degrees celsius", {"temperature": 19, "device": "heating"}),
    ("thermostat to 70 degrees fahrenheit", {"temperature": 70, "device": "thermostat"}),
])
def test_a_temperature_with_its_scale_named(text, args):
    assert proposed(text) == ("set_temperature", args)


@pytest.mark.parametrize(("text", "api", "args"), [
    ("set an alarm for 6:15 tomorrow morning", "set_alarm", {"time": "6 15 tomorrow morning"}),
    ("when is my alarm going off", "status", {}),
    ("what time does the bread timer end", "status", {}),
])
def test_alarm_times_with_a_day_and_its_part_and_when_an_alarm_goes_off(text, api, args):
    from assistant.experts.timers import propose as propose_timer
    decision = propose_timer(Request(text=text, words=command(text), now=None))
    assert decision is not None and (decision.api, decision.args) == (api, args)


def test_a_clock_time_by_a_day_keeps_its_part_of_the_day():
    from datetime import datetime

    from assistant.timeparse import parse_clock_time
    now = datetime(2026, 12, 2, 21, 0)
    assert parse_clock_time("6 15 tomorrow morning", now) == datetime(2026, 12, 3, 6, 15)
    assert parse_clock_time("5 tomorrow evening", now) == datetime(2026, 12, 3, 17, 0)
    assert parse_clock_time("5 45 tomorrow", now) == datetime(2026, 12, 3, 17, 45)  # 1..6 by a day: pm
