"""Session 14's kinds (no evaluation sentence; a home written for them): the way a verb moves a
cover ("draw the curtains"), two devices named before the verb's particle, a kind word that is
not a verb there."""
import pytest

from assistant.experts.smart_home import list_devices, vocab
from datetime import datetime

from assistant.experts.smart_home.commands import propose
from assistant.messages import Request
from assistant.words import command
from tests.conftest import call_smart_home, smart_home_db

HOME = """floors: [{name: Ground, id: ground, level: 0}]
areas: [{name: Parlour, id: parlour, floor: ground}, {name: Nook, id: nook, floor: ground},
        {name: Carport, id: carport, floor: ground}]
entities:
  - {name: Parlour Drapes, id: cover.parlour_drapes, area: parlour, state: open, attributes: {position: 100}}
  - {name: Nook Shutters, id: cover.nook_shutters, area: nook, state: closed, attributes: {position: 0}}
  - {name: Carport Door, id: cover.carport_door, area: carport, state: closed, attributes: {device_class: garage}}
  - {name: "Ada's Lamp", id: light.adas_lamp, area: nook, state: "off", attributes: {brightness: 50}}
  - {name: Nook Ceiling Light, id: light.nook_ceiling, area: nook, state: "off", attributes: {brightness: 100}}
  - {name: Reading Lamp, id: light.reading_lamp, area: parlour, state: "off", attributes: {brightness: 50}}
"""


def propose_text(text):
    return propose(Request(text=text, words=command(text), now=datetime(2027, 1, 5, 9, 0)))


def state(db, device_id):
    return next(d for d in list_devices(db) if d["id"] == device_id)["state"]


@pytest.mark.parametrize("said, way", [
    ("draw the drapes", "closed"), ("could you draw the parlour drapes please", "closed"),
    ("draw back the drapes", "open"), ("draw the shutters open", "open"), ("pull the shutters up", "open"),
    ("pull the drapes down", "closed"), ("let the shutters down", "closed"), ("roll the drapes up", "open"),
    ("open the drapes", "open"), ("shut the drapes", "closed"), ("set the drapes to 40", None),
    ("open the shutters on the lower floor", None),
])
def test_the_verb_says_which_way_a_cover_moves(said, way):
    assert vocab.cover_direction(said) == way


@pytest.mark.parametrize("api, said, device, expected", [
    ("open", "draw the parlour drapes", "cover.parlour_drapes", "closed"),  # the model's open loses
    ("close", "draw back the nook shutters", "cover.nook_shutters", "open"),
    ("open", "open the parlour drapes", "cover.parlour_drapes", "open"),
])
def test_the_users_verb_wins_over_the_models_direction(tmp_path, api, said, device, expected):
    db = smart_home_db(HOME, tmp_path)
    assert call_smart_home(db, api, said, device=device.split(".")[1].replace("_", " ")).ok
    assert state(db, device) == expected


def test_a_garage_door_is_never_opened_by_the_verb_alone(tmp_path):
    db = smart_home_db(HOME, tmp_path)
    call_smart_home(db, "close", "pull the carport door up", device="carport door")
    assert state(db, "cover.carport_door") == "closed"


@pytest.mark.parametrize("text, api", [("draw the parlour drapes", "close"), ("draw back the drapes", "open"),
                                       ("draw the shutters back", "open")])
def test_the_rules_propose_drawing_curtains(text, api):
    proposal = propose_text(text)
    assert proposal is not None and proposal.api == api


def test_the_rules_never_draw_a_lamp():
    proposal = propose_text("draw the lamp")
    assert proposal is None or proposal.api not in ("open", "close")


@pytest.mark.parametrize("said, device", [
    ("switch Ada's lamp and the nook ceiling light on", "lamp"),
    ("switch Ada's lamp and the nook ceiling light on", "ada's lamp"),
    ("turn Ada's lamp and the nook ceiling light on please", "adas lamp"),
])
def test_two_devices_named_before_the_particle_are_both_meant(tmp_path, said, device):
    db = smart_home_db(HOME, tmp_path)
    assert call_smart_home(db, "turn_on", said, device=device).ok
    assert (state(db, "light.adas_lamp"), state(db, "light.nook_ceiling")) == ("on", "on")


def test_one_kind_said_once_with_two_there_still_asks_which(tmp_path):
    db = smart_home_db(HOME.replace("Reading Lamp, id: light.reading_lamp, area: parlour",
                                    "Reading Lamp, id: light.reading_lamp, area: nook"), tmp_path)
    result = call_smart_home(db, "turn_on", "turn on the lamp in the nook", device="lamp", area="nook")
    assert not result.ok and "Which lamp" in result.reply


def test_a_light_before_on_is_a_light_not_a_verb():
    words = [tw.word for tw, _ in vocab.kinds_said("the nook ceiling light on")]
    assert words == ["ceiling light"] or words == ["light"]
    assert [tw.word for tw, _ in vocab.kinds_said("light on the candles")] == []


# -- a question that says nothing of the home is not the home's ------------------------------------
@pytest.mark.parametrize("said, args, foreign", [
    ("what's the capital of Norway", {"device": "capital", "device_type": "country"}, True),
    ("how tall is Ben Nevis", {"device": "ben nevis"}, True),
    ("is the hot tub on", {"device": "hot tub"}, False),  # a home's word: "I couldn't find …"
    ("what's the temperature in the attic", {"area": "attic"}, False),
    ("is Ada's lamp on", {"device": "ada's lamp"}, False),  # it finds the lamp
])
def test_a_question_naming_nothing_of_the_home_is_foreign(tmp_path, said, args, foreign):
    from assistant.experts.smart_home import EXPERT
    db = smart_home_db(HOME, tmp_path)
    assert EXPERT.foreign(db, "query", args, said) is foreign
    assert EXPERT.foreign(db, "turn_on", args, said) is False  # only questions are given away


def test_a_foreign_home_question_is_decided_again_without_the_home(tmp_path):
    from assistant import testing
    from tests.conftest import DEV_HOME
    a = testing.scripted_assistant(tmp_path / "state.db", home=DEV_HOME,
                                   classifier=testing.FixedClassifier("smart_home"))
    a.roles.get("confirmer").enqueue({"api": "smart_home.query", "args": {"device": "capital", "device_type": "country"}},
                                     {"api": "chat.respond", "args": {}})
    a.roles.get("chat").enqueue("Oslo is the capital of Norway.")
    reply = a.handle("what's the capital of Norway")
    assert (reply.expert, reply.reply) == ("chat", "Oslo is the capital of Norway.")


# -- asking back what the user told the assistant ------------------------------------------------
@pytest.mark.parametrize("text", ["what did I tell you about the boiler", "did I mention anything about the plumber",
                                  "have I told you about my knee", "what do you know about my sister",
                                  "so what have I said about the garden party"])
def test_asking_back_what_was_told_is_a_memory_question(text):
    from assistant.experts import memory
    proposal = memory.propose(Request(text=text, words=command(text), now=datetime(2027, 1, 5, 9, 0)))
    assert proposal is not None and proposal.qualified == "memory.recall"
    assert any(cue.search(text) for cue in memory.EXPERT.cues)


@pytest.mark.parametrize("text", ["tell me about the boiler", "what did you say about the weather",
                                  "what did the plumber say"])
def test_other_questions_are_not_asked_back(text):
    from assistant.experts import memory
    assert not memory.ASKED_BACK.match(text)


# -- "it" after a request that named a list --------------------------------------------------------
@pytest.mark.parametrize("text, parts", [
    ("start a ski list and put goggles on it", ["put goggles on the ski list"]),  # adding starts the list
    ("make a new barbecue list, add charcoal to it", ["add charcoal to the barbecue list"]),
    ("add flour to the baking list and put sugar on it", ["add flour to the baking list", "put sugar on the baking list"]),
    ("start a ski list and set a timer for 5 minutes", ["start a ski list", "set a timer for 5 minutes"]),
    ("turn on the fan and set it to 50", ["turn on the fan", "set it to 50"]),  # "it" is no list
])
def test_it_after_a_named_list_is_that_list(text, parts):
    from assistant.splitting import split_requests
    assert split_requests(text) == parts
