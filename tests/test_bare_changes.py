"""A change said with nothing named ("louder", "a bit dimmer") means the thing acted on last; a
number the user said is never traded for the previous call's values; a media action nobody said
is not what "put the tv on" means."""
import pytest

from assistant import guardrails, testing
from assistant.experts.smart_home import list_devices
from assistant.experts.smart_home.apis import claims
from assistant.routing.context import is_follow_up
from assistant.words import is_bare_change

SPEAKER = "media_player.living_room_speaker_44aa"
LAMP, READING = "light.living_room_lamp_a19e", "light.reading_light_0c3d"


def device(assistant, device_id):
    return next(d for d in list_devices(assistant.db) if d["id"] == device_id)


@pytest.mark.parametrize("text", ["louder", "a bit dimmer", "way too bright!", "turn up", "ok, quieter please",
                                  "hmm, a little warmer", "up a bit more", "that's too loud",
                                  "warmer by a couple of degrees", "down by 10 percent", "up two notches",
                                  "a bit more", "bit more", "a little more please", "slightly less", "even more"])
def test_a_change_said_alone_is_bare_and_follows_up(text):
    assert is_bare_change(text) and is_follow_up(text)


@pytest.mark.parametrize("text", ["more", "more please", "one more", "tell me more", "a bit more milk", "louder in the kitchen", "too dark in here",
                                  "I'm cold", "turn off the lights", "faster horses", "two degrees", "ok cool", "cool thanks",
                                  "set a timer for two minutes"])
def test_words_that_name_something_are_not_bare(text):
    assert not is_bare_change(text)


def test_a_bare_change_is_the_smart_homes(scripted_assistant):
    assert claims(scripted_assistant.db, "faster")
    assert not claims(scripted_assistant.db, "tell me more")


def test_louder_turns_up_what_was_acted_on_last(scripted_assistant):
    model = testing.confirmer(scripted_assistant)
    model.enqueue({"api": "smart_home.set_volume", "args": {"volume": 20, "device": "living room speaker"}},
                  {"api": "smart_home.set_volume", "args": {"volume": 100}})  # no device: the model's guess
    scripted_assistant.handle("living room speaker to 20")
    reply = scripted_assistant.handle("louder")
    assert reply.ok and reply.args["device"] == "Living Room Speaker"
    assert 20 < device(scripted_assistant, SPEAKER)["attributes"]["volume"] < 100  # one step, not "100"
    assert 'Previous request: "living room speaker to 20"' in model.prompts[-1][-1].content


def test_a_bare_change_replaces_a_target_the_model_made_up(scripted_assistant):
    model = testing.confirmer(scripted_assistant)
    model.enqueue({"api": "smart_home.turn_on", "args": {"device": "lights", "area": "living room"}},
                  {"api": "smart_home.set_brightness", "args": {"brightness": 30, "device": "kitchen light"}})
    scripted_assistant.handle("lights on in the living room")
    scripted_assistant.handle("a bit dimmer")
    assert device(scripted_assistant, LAMP)["attributes"]["brightness"] < 60
    assert device(scripted_assistant, "light.kitchen_ceiling_4f2a9c")["state"] == "off"


def test_them_means_every_device_acted_on(scripted_assistant):
    """The previous call acted on two lights: "them" is both, named apart by a comma."""
    model = testing.confirmer(scripted_assistant)
    model.enqueue({"api": "smart_home.turn_on", "args": {"device": "lights", "area": "living room"}},
                  {"api": "smart_home.set_brightness", "args": {"brightness": 10}})
    scripted_assistant.handle("lights on in the living room")
    scripted_assistant.handle("now set them to 10 percent")
    assert [device(scripted_assistant, d)["attributes"]["brightness"] for d in (LAMP, READING)] == [10, 10]


def test_a_number_said_is_never_traded_for_the_previous_calls_values(scripted_assistant):
    """"and set it to 40 percent": the model copies the colour call before; the rules' reading of
    the words with "it" as the lamp holds the 40, and wins."""
    model = testing.confirmer(scripted_assistant)
    model.enqueue({"api": "smart_home.turn_on", "args": {"device": "reading light"}},
                  {"api": "smart_home.turn_off", "args": {"device": "Reading Light"}})
    scripted_assistant.handle("turn on the reading light")
    reply = scripted_assistant.handle("and set it to 40 percent")
    assert (reply.api, reply.args["brightness"]) == ("set_brightness", 40)
    assert device(scripted_assistant, READING) == {**device(scripted_assistant, READING), "state": "on"}
    assert device(scripted_assistant, READING)["attributes"]["brightness"] == 40


@pytest.mark.parametrize(("args", "text", "leaves_out"), [
    ({"color": "blue", "device": "lamp"}, "and set it to 40 percent", True),
    ({"brightness": 40, "device": "lamp"}, "and set it to forty percent", False),
    ({"duration": "2 hours 15 minutes"}, "a timer for two hours fifteen minutes", False),
    ({"device": "lamp"}, "turn on the lamp", False),  # nothing said to leave out
])
def test_numbers_left_out(args, text, leaves_out):
    assert guardrails.leaves_out_numbers(args, text) is leaves_out


def test_put_the_tv_on_is_a_switch_whatever_media_action_was_chosen():
    from assistant.experts.smart_home.apis import _switched_instead
    assert _switched_instead("put the tv on", "pause") is True
    assert _switched_instead("switch the telly off", "stop") is False
    assert _switched_instead("pause the tv", "pause") is None
    assert _switched_instead("turn the tv on and play", "resume") is None  # the action was said too
