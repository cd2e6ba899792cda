"""Several requests in one utterance, on the real pipeline with scripted models (no model loads):
each part routed and carried out as its own request, one reply for all, a part's question kept."""
import pytest

from assistant import testing
from assistant.experts.smart_home import list_devices
from assistant.routing.classifier import ExpertGuess
from tests.conftest import DEV_HOME

DESK_LAMP, FRONT_DOOR, FAN = "light.office_desk_lamp_2b6d", "lock.front_door_9a7b", "fan.bedroom_ceiling_fan_37aa"


class KeywordClassifier:
    """A classifier double: the expert by a word of the request, else the smart home."""

    WORDS = {"timer": "timers", "remind": "reminders", "list": "lists", "pizza": "none"}

    def __init__(self) -> None:
        self.seen: list[str] = []

    def guess(self, text: str) -> ExpertGuess:
        self.seen.append(text)
        expert = next((e for w, e in self.WORDS.items() if w in text), "smart_home")
        return ExpertGuess(expert, 0.8, 0.3, ((expert, 0.8), ("chat", 0.5)))


def assistant(tmp_path, **routing):
    a = testing.scripted_assistant(tmp_path / "state.db", home=DEV_HOME, classifier=KeywordClassifier())
    a.roles.settings.routing = a.roles.settings.routing.model_copy(update=routing)
    return a


def state(a, device_id):
    return next(d for d in list_devices(a.db) if d["id"] == device_id)["state"]


def test_each_part_is_carried_out_and_one_reply_covers_them(tmp_path):
    a = assistant(tmp_path)
    testing.confirmer(a).enqueue({"api": "smart_home.turn_on", "args": {"device": "desk lamp"}},
                                 {"api": "timers.start", "args": {"duration": "10 minutes"}})
    reply = a.handle("turn on the desk lamp and set a timer for 10 minutes")
    assert [(p.expert, p.api) for p in reply.parts] == [("smart_home", "turn_on"), ("timers", "start")]
    assert (reply.expert, reply.api) == ("smart_home", "turn_on")  # the first part's, as before
    assert state(a, DESK_LAMP) == "on" and reply.ok
    assert reply.reply.startswith(reply.parts[0].reply) and reply.parts[1].reply in reply.reply
    assert {"first_action", "all_actions", "confirmed", "total"} <= set(reply.timings_ms)


def test_a_part_that_needs_a_yes_asks_last_and_yes_completes_it(tmp_path):
    a = assistant(tmp_path)
    testing.confirmer(a).enqueue({"api": "smart_home.turn_on", "args": {"device": "desk lamp"}})  # the unlock: asked at once
    reply = a.handle("unlock the front door and turn on the desk lamp")
    assert reply.needs_confirmation and reply.reply.endswith(reply.parts[0].reply)
    assert state(a, DESK_LAMP) == "on" and state(a, FRONT_DOOR) == "locked"
    assert a.handle("yes").api == "unlock"
    assert state(a, FRONT_DOOR) == "unlocked"


def test_only_the_last_question_waits_the_other_part_says_so(tmp_path):
    a = assistant(tmp_path)
    testing.confirmer(a).enqueue({"api": "smart_home.unlock", "args": {"device": "front door"}},
                                 {"api": "smart_home.open", "args": {"device": "garage door"}})
    reply = a.handle("unlock the front door and open the garage door")
    assert "Ask me again to unlock the front door." in reply.reply
    assert a.handle("yes").api == "open" and state(a, FRONT_DOOR) == "locked"


def test_a_declined_part_is_said_in_a_few_words(tmp_path):
    a = assistant(tmp_path)
    testing.confirmer(a).enqueue({"api": "smart_home.turn_on", "args": {"device": "desk lamp"}},
                                 {"api": "decline", "args": {}})
    reply = a.handle("turn on the desk lamp and order me a pizza")
    assert state(a, DESK_LAMP) == "on" and not reply.ok
    assert "Sorry, I can't order you a pizza." in reply.reply and a.capabilities not in reply.reply


def test_in_parallel_every_safe_part_acts_before_any_confirmer(tmp_path):
    a = assistant(tmp_path, parallel_parts=True)
    seen = []

    def rule(messages):  # the confirmer, called per part: what was on by then
        seen.append((state(a, DESK_LAMP), state(a, FAN)))
        return {"api": "smart_home.turn_on", "args": {"device": "desk lamp" if len(seen) == 1 else "ceiling fan"}}
    testing.confirmer(a)._rule = rule
    a.handle("turn on the desk lamp and turn on the ceiling fan")
    assert seen[0] == ("on", "on")


def test_sequentially_a_part_acts_after_the_confirmer_of_the_part_before(tmp_path):
    a = assistant(tmp_path, parallel_parts=False)
    seen = []

    def rule(messages):
        seen.append((state(a, DESK_LAMP), state(a, FAN)))
        return {"api": "smart_home.turn_on", "args": {"device": "desk lamp" if len(seen) == 1 else "ceiling fan"}}
    testing.confirmer(a)._rule = rule
    a.handle("turn on the desk lamp and turn on the ceiling fan")
    assert seen == [("on", "off"), ("on", "on")]


def test_a_part_that_refers_back_is_planned_after_the_part_before(tmp_path):
    a = assistant(tmp_path)
    testing.confirmer(a).enqueue({"api": "smart_home.turn_on", "args": {"device": "desk lamp"}},
                                 {"api": "smart_home.set_brightness", "args": {"device": "desk lamp", "brightness": 50}})
    reply = a.handle("turn on the desk lamp and set it to 50%")
    assert [p.api for p in reply.parts] == ["turn_on", "set_brightness"]
    second = " ".join(m.content for m in testing.confirmer(a).prompts[-1])
    assert "turn on the desk lamp" in second  # the part before, as the follow-up's context


def test_undo_takes_back_the_last_part(tmp_path):
    a = assistant(tmp_path)
    testing.confirmer(a).enqueue({"api": "smart_home.turn_on", "args": {"device": "desk lamp"}},
                                 {"api": "smart_home.turn_on", "args": {"device": "ceiling fan"}})
    a.handle("turn on the desk lamp and turn on the ceiling fan")
    a.handle("undo that")
    assert state(a, FAN) == "off" and state(a, DESK_LAMP) == "on"


def test_one_request_stays_one(tmp_path):
    a = assistant(tmp_path)
    testing.confirmer(a).enqueue({"api": "lists.add", "args": {"items": ["eggs", "milk"]}})
    reply = a.handle("add eggs and milk to the list")
    assert reply.parts is None and reply.api == "add"


def test_switched_off_the_utterance_is_one_request(tmp_path):
    a = assistant(tmp_path, several_requests=False)
    testing.confirmer(a).enqueue({"api": "smart_home.turn_on", "args": {"device": "desk lamp"}})
    assert a.handle("turn on the desk lamp and set a timer for 10 minutes").parts is None


def test_a_device_pair_with_one_verb_is_one_call_on_both(tmp_path):
    a = assistant(tmp_path)  # the model wrote only the first name: the smart home reads the second too
    testing.confirmer(a).enqueue({"api": "smart_home.turn_on", "args": {"device": "desk lamp"}})
    reply = a.handle("turn on the desk lamp and the ceiling fan")
    assert reply.parts is None and state(a, DESK_LAMP) == "on" and state(a, FAN) == "on"


def test_and_a_thing_too_is_the_previous_command_on_it(tmp_path):
    a = assistant(tmp_path)  # an ellipsis: no model pass, the previous call on another target
    testing.confirmer(a).enqueue({"api": "smart_home.set_brightness", "args": {"device": "desk lamp", "brightness": 30}})
    a.handle("set the desk lamp to 30%")
    reply = a.handle("and the bedroom too")
    assert (reply.api, reply.args) == ("set_brightness", {"brightness": 30, "area": "the bedroom", "device_type": "lamp"})
    bedroom = next(d for d in list_devices(a.db) if d["id"] == "light.bedroom_lamp_5e8f")
    assert (bedroom["state"], bedroom["attributes"]["brightness"]) == ("on", 30)


@pytest.mark.parametrize("said, item", [("also light bulbs", "light bulbs"), ("oh and a tub of grout", "tub of grout"),
                                        ("right, and some sandpaper too", "sandpaper")])
def test_also_items_go_on_the_same_list(tmp_path, said, item):
    a = assistant(tmp_path)
    testing.confirmer(a).enqueue({"api": "lists.add", "args": {"items": ["duct tape"], "list_name": "hardware"}})
    a.handle("add duct tape to the hardware list")
    reply = a.handle(said)
    assert (reply.api, reply.args["items"], reply.args["list_name"]) == ("add", [item], "hardware")


def test_the_one_in_another_room_is_the_previous_command_there(tmp_path):
    a = assistant(tmp_path)  # the kind of the previous call, in the room named; its linking words are not its name
    testing.confirmer(a).enqueue({"api": "smart_home.turn_on", "args": {"device": "lamp", "area": "living room"}})
    a.handle("turn on the lamp in the living room")
    reply = a.handle("and the one in the bedroom as well")
    assert reply.args == {"area": "bedroom", "device_type": "lamp"} and state(a, "light.bedroom_lamp_5e8f") == "on"


def test_more_than_a_thing_named_is_left_to_the_router(tmp_path):
    from assistant.routing.context import ellipsis_of_previous_turn
    from assistant.messages import Turn
    a = assistant(tmp_path)
    turn = Turn("turn on the desk lamp", "smart_home", "turn_on", {"device": "desk lamp"})
    for text in ("and set it to 40 percent", "and in French?", "and what about tomorrow", "and 5 more minutes"):
        assert ellipsis_of_previous_turn(a.registry, text, turn) is None or text == "and in French?"
    assert ellipsis_of_previous_turn(a.registry, "and the ceiling fan", turn).args == {"device": "the ceiling fan"}
