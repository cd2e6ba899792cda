"""Session 15's kinds (no evaluation sentence; homes written for them): the light of a room when
one device is named for it."""
import pytest

from assistant.experts.smart_home import list_devices
from tests.conftest import call_smart_home, smart_home_db

HOME = """floors: [{name: Main, id: main, level: 0}]
areas: [{name: Snug, id: snug, floor: main}, {name: Scullery, id: scullery, floor: main}]
entities:
  - {name: Snug Light, id: light.snug_light, area: snug, state: "off", attributes: {brightness: 100}}
  - {name: Reading Lamp, id: light.reading_lamp, area: snug, state: "off", attributes: {brightness: 60}}
  - {name: Scullery Strip Lights, id: light.scullery_strip, area: scullery, state: "off", attributes: {brightness: 100}}
  - {name: Window Light, id: light.scullery_window, area: scullery, state: "off", attributes: {brightness: 100}}
"""


def on(db):
    return {d["id"] for d in list_devices(db) if d["state"] == "on"}


@pytest.mark.parametrize("said, args, expected", [
    ("turn on the light in the snug", {"device": "light", "area": "snug"}, {"light.snug_light"}),
    ("switch the snug light on", {"device": "light", "area": "snug"}, {"light.snug_light"}),
    ("turn on the lights in the snug", {"device": "lights", "area": "snug"}, {"light.snug_light", "light.reading_lamp"}),
    ("turn on the lights in the snug", {"device": "light", "area": "snug"}, {"light.snug_light", "light.reading_lamp"}),
    ("turn on all the light in the snug", {"device": "light", "area": "snug"}, {"light.snug_light", "light.reading_lamp"}),
    # two named for it: the light of the room is all of them
    ("turn on the light in the scullery", {"device": "light", "area": "scullery"},
     {"light.scullery_strip", "light.scullery_window"}),
])
def test_the_light_of_a_room_is_the_one_named_for_it(tmp_path, said, args, expected):
    db = smart_home_db(HOME, tmp_path)
    assert call_smart_home(db, "turn_on", said, **args).ok
    assert on(db) == expected


SOUND = """areas: [{name: Rec Room, id: rec}, {name: Kitchen, id: kitchen}, {name: Loft, id: loft}]
entities:
  - {name: JBL Soundbar, id: media_player.jbl_soundbar, area: rec, state: idle, attributes: {volume: 30}}
  - {name: Kitchen Radio, id: media_player.kitchen_radio, area: kitchen, state: idle, attributes: {volume: 20}}
  - {name: "Nia's Speaker", id: media_player.nias_speaker, area: loft, state: playing, attributes: {volume: 50}}
"""


@pytest.mark.parametrize("said, args, changed", [
    ("set the jbl to 25", {"volume": 25, "device_type": "music"}, {"media_player.jbl_soundbar"}),
    ("jbl volume 25", {"volume": 25, "device_type": "speaker"}, {"media_player.jbl_soundbar"}),
    ("set the speakers to 25", {"volume": 25, "device_type": "speaker"},
     {"media_player.jbl_soundbar", "media_player.kitchen_radio", "media_player.nias_speaker"}),
])
def test_a_brand_said_names_its_device(tmp_path, said, args, changed):
    db = smart_home_db(SOUND, tmp_path)
    before = {d["id"]: d["attributes"].get("volume") for d in list_devices(db)}
    assert call_smart_home(db, "set_volume", said, **args).ok
    after = {d["id"]: d["attributes"].get("volume") for d in list_devices(db)}
    assert {i for i in after if after[i] != before[i]} == changed


@pytest.mark.parametrize("said, expert", [
    ("remember the window cleaner comes every other tuesday", "memory"),
    ("remember our neighbour's dog likes carrots", "memory"),
    ("please remember the bins go out on wednesday nights", "memory"),
    ("remember the recycling centre closes at four on sundays", "memory"),
])
def test_remembering_what_something_does_is_memory(said, expert):
    from assistant.app import default_registry
    from assistant.routing.cues import pinned_expert
    assert pinned_expert(default_registry(), said) == expert


@pytest.mark.parametrize("said", ["remember the milk", "remind me the plumber comes on friday"])
def test_other_words_about_remembering_are_not_pinned_to_memory(said):
    from assistant.app import default_registry
    from assistant.routing.cues import pinned_expert
    assert pinned_expert(default_registry(), said) != "memory"


@pytest.mark.parametrize("said, now, due", [
    ("half five tomorrow", "2027-04-01T21:00", "2027-04-02T05:30"),
    ("ten to six", "2027-04-01T22:15", "2027-04-02T05:50"),
    ("6 pm", "2027-04-01T22:15", "2027-04-02T18:00"),         # said: the evening's
    ("five in the afternoon", "2027-04-01T09:00", "2027-04-01T17:00"),
    ("6", "2027-04-01T07:30", "2027-04-01T18:00"),            # the morning's is nearly a day away
    ("8", "2027-04-01T22:15", "2027-04-02T08:00"),
    ("4", "2027-04-01T09:00", "2027-04-01T16:00"),            # not a waking hour
    ("6pm", "2027-04-01T09:00", "2027-04-01T18:00"), ("tomorrow at 6", "2027-04-01T09:00", "2027-04-02T06:00"),
])
def test_an_alarm_at_five_or_six_is_the_mornings_unless_said(said, now, due):
    from datetime import datetime
    from assistant.timeparse import alarm_time
    assert alarm_time(said, datetime.fromisoformat(now)) == datetime.fromisoformat(due)


SPLIT_LEVEL = """floors: [{name: Lower Floor, id: lower, level: 0}, {name: Main Floor, id: main, level: 1}]
areas: [{name: Games Room, id: games, floor: lower}, {name: Lounge, id: lounge, floor: main}]
entities:
  - {name: Games Room TV, id: media_player.games_tv, area: games, state: "off", attributes: {volume: 20}}
  - {name: Lounge TV, id: media_player.lounge_tv, area: lounge, state: "off", attributes: {volume: 20}}
  - {name: Games Room Lamp, id: light.games_lamp, area: games, state: "off", attributes: {brightness: 50}}
"""


@pytest.mark.parametrize("said, args, expected", [
    ("put the basement tv on", {"device": "basement tv"}, {"media_player.games_tv"}),
    ("basement lights on", {"area": "basement", "device_type": "light"}, {"light.games_lamp"}),
    ("turn on the tv downstairs", {"device": "tv", "area": "downstairs"}, {"media_player.games_tv"}),
])
def test_a_lower_floor_at_ground_level_is_the_basement_too(tmp_path, said, args, expected):
    db = smart_home_db(SPLIT_LEVEL, tmp_path)
    assert call_smart_home(db, "turn_on", said, **args).ok
    assert on(db) == expected


@pytest.mark.parametrize("said", ["how cold is it outside right now", "what's the temperature outdoors",
                                  "how warm is it out there", "how's the temperature outside at the moment"])
def test_how_cold_it_is_outside_is_the_outdoor_sensors(tmp_path, said):
    from datetime import datetime
    from assistant.experts.smart_home.commands import propose
    from assistant.messages import Request
    from assistant.words import command
    decision = propose(Request(text=said, words=command(said), now=datetime(2027, 1, 5, 9, 0)))
    assert (decision.api, decision.args) == ("query", {"device": "outside temperature"})
    db = smart_home_db(HOME + """  - {name: Outdoor Temperature, id: sensor.outdoor_temperature, area: snug, state: "-3",
     attributes: {unit_of_measurement: "°C"}}
""", tmp_path)
    assert "-3" in call_smart_home(db, "query", said, **decision.args).reply


def test_the_speaker_said_of_several_in_other_rooms_asks_which(tmp_path):
    db = smart_home_db(SOUND, tmp_path)
    result = call_smart_home(db, "set_volume", "set the speaker to 30", volume=30, device_type="speaker")
    assert not result.ok and result.reply.startswith("Which speaker")
    assert call_smart_home(db, "set_volume", "set the speakers to 30", volume=30, device_type="speaker").ok


def test_the_speaker_said_in_a_room_with_one_is_that_one(tmp_path):
    db = smart_home_db(SOUND, tmp_path)
    assert call_smart_home(db, "set_volume", "set the speaker to 33", here="loft", volume=33, device_type="speaker").ok
    assert {d["id"] for d in list_devices(db) if d["attributes"].get("volume") == 33} == {"media_player.nias_speaker"}


@pytest.mark.parametrize("said", ["say that again", "sorry, what did you say", "could you repeat that please",
                                  "pardon", "I didn't catch that", "come again"])
def test_say_that_again_repeats_the_last_reply(tmp_path, said):
    from assistant import testing
    from tests.conftest import DEV_HOME
    helper = testing.scripted_assistant(tmp_path / "state.db", home=DEV_HOME,
                                        classifier=testing.FixedClassifier("chat"))
    assert helper.handle(said).reply == "I haven't said anything yet."
    first = helper.handle("what time is it")
    again = helper.handle(said)
    assert (again.expert, again.api, again.reply) == ("system", "repeat", first.reply)
    assert testing.confirmer(helper).prompts == []  # no model for either


@pytest.mark.parametrize("said", ["repeat after me", "say something funny", "what did you say about the weather yesterday"])
def test_other_words_are_not_a_repeat(said):
    from assistant.routing import fastpath
    decision = fastpath.match(said)
    assert decision is None or decision.api != "repeat"
