"""Session 18's kinds (no evaluation sentence; homes written for them)."""
from datetime import datetime

import pytest

from assistant import testing
from assistant.experts.smart_home import list_devices
from assistant.routing import cues
from assistant.storage.scheduled import list_scheduled

NOW = datetime(2027, 3, 9, 17, 10)
LAUNDRY = """floors: [{name: Ground, id: ground, level: 0}]
areas:
  - {name: Laundry, id: laundry, floor: ground}
  - {name: Kitchen, id: kitchen, floor: ground}
entities:
  - {name: Tumble Dryer, id: switch.tumble_dryer, area: laundry, state: "on"}
  - {name: Slow Cooker, id: switch.slow_cooker, area: kitchen, state: "off", aliases: [crock pot]}
  - {name: Kitchen Light, id: light.kitchen_light, area: kitchen, state: "off", attributes: {brightness: 100}}
"""


@pytest.fixture
def kitchen_timer_minded(tmp_path):
    """An assistant whose classifier hears a timer in anything to do with cooking and laundry."""
    home = tmp_path / "home.yaml"
    home.write_text(LAUNDRY)
    helper = testing.scripted_assistant(tmp_path / "state.db", home=home, now=NOW,
                                        classifier=testing.FixedClassifier("timers"))
    yield helper
    helper.db.conn.close()


@pytest.mark.parametrize("said", ["switch off the tumble dryer", "start the slow cooker", "turn the crock pot on",
                                  "switch the tumble dryers off please"])
def test_a_switching_command_on_a_device_named_in_full_is_the_homes(kitchen_timer_minded, said):
    helper = kitchen_timer_minded
    assert cues.pinned_expert(helper.registry, said, helper.db) == "smart_home"


@pytest.mark.parametrize("said", ["start a timer for the slow cooker", "stop the timer", "turn off the alarm",
                                  "switch off the cooker", "turn on the kitchen"])
def test_other_words_are_not_claimed_by_a_named_device(kitchen_timer_minded, said):
    helper = kitchen_timer_minded
    assert cues.pinned_expert(helper.registry, said, helper.db) != "smart_home"


@pytest.mark.parametrize("said, api, args, due", [
    ("switch off the tumble dryer in 40 minutes", "turn_off", {"device": "tumble dryer"}, "2027-03-09T17:50:00"),
    ("in a quarter of an hour switch on the slow cooker", "turn_on", {"device": "slow cooker"}, "2027-03-09T17:25:00"),
])
def test_a_device_command_put_off_is_scheduled_whatever_the_classifier_hears(kitchen_timer_minded, said, api, args, due):
    helper = kitchen_timer_minded
    confirmer = testing.confirmer(helper)
    confirmer.enqueue({"api": f"smart_home.{api}", "args": args})
    reply = helper.handle(said)
    assert reply.ok and reply.data["scheduled"]["due"] == due, reply
    assert [(s["api"], s["due"]) for s in list_scheduled(helper.db)] == [(f"smart_home.{api}", due)]
    assert {d["id"]: d["state"] for d in list_devices(helper.db)}["switch.tumble_dryer"] == "on"  # nothing ran now


@pytest.mark.parametrize("said, parts", [
    ("roll down the porch blinds and tell me tomorrow's forecast", ["roll down the porch blinds", "tell me tomorrow's forecast"]),
    ("draw the curtains, then set a timer for ten minutes", ["draw the curtains", "set a timer for ten minutes"]),
    ("pull up the shutters and what's the news", ["pull up the shutters", "what's the news"]),
    ("roll up the shutters and the blinds", ["roll up the shutters and the blinds"]),  # one command, two targets
])
def test_a_cover_verb_opens_a_request_of_its_own(said, parts):
    from assistant.splitting import split_requests
    assert split_requests(said, lambda text: True) == parts


@pytest.mark.parametrize("said, timeless", [
    ("why do people here take their shoes off at the door", True),
    ("how come everyone round here says 'wee'", True),
    ("why do folks out here wear such big hats", True),
    ("why is it so stuffy in here", False),  # the room they are in
    ("why do people here set off fireworks tonight", False),  # tonight's
    ("what time do people here eat dinner", False),  # not a why: a place near them
])
def test_why_people_here_do_something_is_general_knowledge(said, timeless):
    from assistant.routing.timeless import timeless_question
    assert timeless_question(said) is timeless


@pytest.mark.parametrize("said, plain", [
    ("abeg on the AC", "turn on the AC"),
    ("abeg make you off the generator o", "turn off the generator"),
    ("biko, turn off the fan", "turn off the fan"),
    ("oya off the TV sha", "turn off the TV"),
    ("set a timer for 10 minutes jare", "set a timer for 10 minutes"),
    ("turn on the radio", "turn on the radio"),
])
def test_west_african_particles_ask_nothing(said, plain):
    from assistant.asides import without_particles
    assert without_particles(said) == plain


COMPOUND = """floors: [{name: Ground, id: g, level: 0}]
areas:
  - {name: Living Room, id: living, floor: g}
  - {name: Staff Room, id: staff, floor: g}
  - {name: Security Post, id: post, floor: g}
  - {name: Storage Room, id: store, floor: g}
  - {name: Garden, id: garden}
entities:
  - {name: Living Light, id: light.living, area: living, state: "off"}
  - {name: Staff Light, id: light.staff, area: staff, state: "off"}
  - {name: Post Light, id: light.post, area: post, state: "off"}
  - {name: Store Light, id: light.store, area: store, state: "off"}
  - {name: Flood Light, id: light.flood, area: garden, state: "off"}
  - {name: Generator, id: switch.generator, area: garden, state: "off"}
"""


@pytest.mark.parametrize("said, args, expected", [
    ("turn on the light in the boys quarters", {"device": "light", "area": "boys quarters"}, "light.staff"),
    ("turn on the gatehouse light", {"device": "gatehouse light"}, "light.post"),
    ("light on in the store", {"device": "light", "area": "store"}, "light.store"),
    ("switch on the compound light", {"device": "compound light"}, "light.flood"),
    ("switch on the genset", {"device": "genset"}, "switch.generator"),
])
def test_rooms_and_devices_by_their_west_african_names(tmp_path, said, args, expected):
    from tests.conftest import call_smart_home, smart_home_db
    db = smart_home_db(COMPOUND, tmp_path)
    assert call_smart_home(db, "turn_on", said, **args).ok
    assert {d["id"] for d in list_devices(db) if d["state"] == "on"} == {expected}
