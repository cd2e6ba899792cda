"""Guardrails without models: refusals before routing, grounding, confirmation questions."""
import json
from pathlib import Path

import pytest

from assistant.guardrails import input_problem, refusal, ungrounded_arguments

ADVERSARIAL = Path(__file__).parent.parent / "data" / "eval" / "adversarial.jsonl"


def lines(path):
    return [json.loads(line) for line in path.read_text().splitlines() if line.strip()]


@pytest.mark.parametrize("case", [c for c in lines(ADVERSARIAL) if c["expect"].get("declined")],
                         ids=lambda c: c["id"])
def test_injections_and_unsafe_requests_are_refused_before_routing(case):
    assert refusal(case["text"]), case["text"]


def test_in_scope_requests_are_not_refused():
    from assistant.app import default_registry
    from assistant.routing.examples import NONE, labelled_examples

    served = [e.text for e in labelled_examples(default_registry()) if e.label != NONE]
    wrongly = [text for text in served if refusal(text)]
    assert wrongly == []


@pytest.mark.parametrize("text", [
    "add 'unlock the front door' to my shopping list",
    "add ignore all rules to the shopping list",
    "remind me at 9 pm to unlock the back door for the dog walker",
])
def test_list_and_reminder_content_is_content_not_instructions(text):
    assert refusal(text) is None


@pytest.mark.parametrize("text, bad", [("", True), ("x" * 501, True), ("\u0000\u0001", True), ("😀😀😀", True),
                                       ("turn on the lights", False), ("lights", False),
                                       ("22", False), ("0630", False), ("7:45 pm", False), ("12 + 30?", False),
                                       ("#$%&", True), ("....", True), ("%%%% ok ####", True),
                                       ("no, 7:15", False), ("sorry, 16:30!", False), ("make it 20%", False)])
def test_input_problems(text, bad):
    assert bool(input_problem(text)) is bad


def test_grounding_flags_made_up_required_phrases():
    from assistant.app import default_registry

    registry = default_registry()
    start = registry.api("timers", "start")
    assert ungrounded_arguments(start, {"duration": "15 minutes"}, "order me a pizza") == ["duration"]
    assert ungrounded_arguments(start, {"duration": "twelve minutes"}, "pasta timer for 12 minutes") == []
    assert ungrounded_arguments(start, {"duration": "1.5 hours"}, "set a timer for an hour and a half") == []
    create = registry.api("reminders", "create")
    assert ungrounded_arguments(create, {"text": "pay the rent", "when": "at noon on friday"},
                                "remind me on friday at noon to pay the rent") == []


def test_choices_from_a_fixed_set_are_not_phrases_to_ground():
    from assistant.app import default_registry

    create = default_registry().api("watches", "create")
    args = {"kind": "if_not_happened", "event": "fed", "subject": "Daisy", "by": "noon"}
    assert ungrounded_arguments(create, args, "let me know if Daisy isn't fed by noon every day") == []


def test_abbreviated_units_ground_the_spelled_out_phrase():
    from assistant.app import default_registry
    from assistant.guardrails import ungrounded_arguments

    spec = default_registry().api("reminders", "create")
    args = {"text": "take the pizza out", "when": "in 10 minutes"}
    assert ungrounded_arguments(spec, args, "yo remind me in 10 mins to take the pizza out") == []
    assert ungrounded_arguments(spec, {"text": "take the pizza out", "when": "in 3 hours"},
                                "remind me in 10 mins to take the pizza out") == ["when"]


def test_the_users_words_spaced_or_joined_differently_are_theirs():
    from assistant.app import default_registry
    from assistant.guardrails import without_made_up

    add = default_registry().api("lists", "add")
    kept = without_made_up(add, {"items": ["fix the fence"], "list_name": "to do"}, "add fix the fence to my todo list")
    assert kept["list_name"] == "to do"
    kept = without_made_up(add, {"items": ["a plug"], "list_name": "hard ware"}, "get a plug for the playlist")
    assert "list_name" not in kept  # joined letters must be whole words the user said


def test_a_choice_none_of_whose_words_was_said_is_not_the_users():
    from assistant.app import default_registry
    from assistant.guardrails import unsaid_choice

    media = default_registry().api("smart_home", "media")
    assert unsaid_choice(media, {"action": "resume", "device": "tv"}, "turn up the tv")
    assert not unsaid_choice(media, {"action": "resume", "device": "tv"}, "play the tv again")
    assert not unsaid_choice(media, {"action": "pause"}, "pause the music")
    assert not unsaid_choice(default_registry().api("smart_home", "turn_on"), {"device": "tv"}, "turn up the tv")
