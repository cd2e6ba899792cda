"""The word module, table-tested; and the number-word cases where the stages used to disagree."""
import pytest

from assistant import words
from assistant.testing import confirmer


@pytest.mark.parametrize("text, numbers", [
    ("dim to thirty five percent", [35]), ("seventy", [70]), ("eighty eight degrees", [88]),
    ("ninety", [90]), ("twenty-five minutes", [25]), ("one hundred and five", [105]),
    ("set it to 21.5", [21.5]), ("volume down by thirty", [30]), ("turn on the lights", []),
    ("a twenty second timer", [20]), ("the second one", [1]), ("five past nine", [5, 9]),
])
def test_spoken_numbers(text, numbers):
    assert words.numbers(text) == numbers


@pytest.mark.parametrize("text, value, said", [
    ("lower the blinds to thirty percent", 30, True), ("blinds to 30%", 30, True),
    ("open the blinds halfway", 50, True), ("lower the blinds", 30, False), ("set it to 300", 30, False),
])
def test_said_number(text, value, said):
    assert words.said_number(text, value) is said


@pytest.mark.parametrize("text, quantified", [
    ("turn the heat up a couple of degrees", "turn the heat up 2 degrees"),
    ("couple of points brighter", "2 points brighter"),
    ("a few percent louder", "3 percent louder"),
    ("up twenty", "up 20"),
])
def test_vague_counts_are_numbers(text, quantified):
    assert words.quantities(text) == quantified
    assert words.said_number(text, float(words.NUMBER.findall(quantified)[0]))


@pytest.mark.parametrize("text, tokens", [
    ("twenty five minutes", {"25", "minutes"}), ("an hour", {"1", "hour"}), ("5 mins", {"5", "minutes"}),
    ("give me a 90 second timer", {"give", "me", "1", "90", "second", "timer"}),
])
def test_tokens(text, tokens):
    assert words.tokens(text) == tokens


@pytest.mark.parametrize("text, command", [
    ("Hey assistant, could you turn on the lights for me please", "turn on the lights"),
    ("um ok add milk to my list", "add milk to my list"), ("I want you to start the dishwasher now", "start the dishwasher"),
])
def test_command_words(text, command):
    assert words.command(text) == command


@pytest.mark.parametrize("word, stem", [
    ("puppies", "puppy"), ("walked", "walk"), ("dogs", "dog"), ("Daisy's", "daisy"), ("feeding", "feed"),
    ("grass", "grass"), ("bus", "bus"),
])
def test_stem(word, stem):
    assert words.stem(word) == stem


@pytest.mark.parametrize("a, b, same", [
    ("dog", "retriever", True), ("fed", "eating", True), ("wife", "spouse", True), ("dog", "cat", False),
])
def test_same_meaning(a, b, same):
    assert words.same_meaning(a, b) is same


@pytest.mark.parametrize("text, asks", [("is the door locked", True), ("can't see a thing", False)])
def test_is_question(text, asks):
    assert words.is_question(text) is asks


# -- where the stages used to disagree about numbers ------------------------------------------
def device(assistant, device_id):
    return next(d for d in assistant.registry.service("list_devices")(assistant.db) if d["id"] == device_id)


def test_lowering_blinds_to_thirty_percent_sets_thirty_not_closed(scripted_assistant):
    confirmer(scripted_assistant).enqueue({"api": "smart_home.set_position",
                                           "args": {"position": 30, "device": "blinds"}})
    scripted_assistant.handle("lower the blinds to thirty percent")
    blinds = device(scripted_assistant, "cover.living_room_blinds_e2d4")
    assert blinds["attributes"]["position"] == 30 and blinds["state"] == "open"


def test_volume_down_by_thirty_adjusts_by_thirty(scripted_assistant):
    speaker = "media_player.living_room_speaker_44aa"
    confirmer(scripted_assistant).enqueue({"api": "smart_home.set_volume",
                                           "args": {"volume": 30, "device": "speaker"}})
    before = device(scripted_assistant, speaker)["attributes"]["volume"]
    scripted_assistant.handle("volume down by thirty on the speaker")
    assert device(scripted_assistant, speaker)["attributes"]["volume"] == max(0, before - 30)


def test_a_duration_in_digits_for_spoken_words_is_grounded(scripted_assistant):
    confirmer(scripted_assistant).enqueue({"api": "timers.start", "args": {"duration": "25 minutes"}})
    reply = scripted_assistant.handle("could you time twenty five minutes")
    assert not reply.declined and reply.ok
    views = {v.noun: v for v in scripted_assistant.registry.views()}
    rows = views["timers"].rows(scripted_assistant.db, scripted_assistant.clock.now())
    assert [t["duration_s"] for t in rows] == [1500]


@pytest.mark.parametrize("said, meant", [
    ("hey olly chuck the kettle on", "chuck the kettle on"),
    ("ok google, lights off in the hall", "lights off in the hall"),
    ("Alexa what's the time", "what's the time"),
    ("computer: start a timer", "start a timer"),
    ("computer says it's broken", "computer says it's broken"),  # a word, not a wake word
    ("google the opening hours", "google the opening hours"),  # a request (declined), not a wake word
    ("olly", "olly"),  # nothing after it: left as said
])
def test_another_assistants_wake_word_is_not_part_of_the_request(said, meant):
    from assistant.words import without_wake_word
    assert without_wake_word(said) == meant
