"""Session 20's kinds: proposals that the confirmer had to mend, now read right by the rules and the
resolver (no evaluation sentence; a home and lines written for them)."""
from datetime import datetime

import pytest

from assistant import testing
from assistant.experts.lists import joined_items
from assistant.routing import rules
from tests.conftest import call_smart_home, smart_home_db

COTTAGE = """floors: [{name: Ground, id: ground, level: 0}, {name: Upstairs, id: up, level: 1}]
areas:
  - {name: Parlour, id: parlour, floor: ground}
  - {name: Scullery, id: scullery, floor: ground}
  - {name: Box Room, id: box_room, floor: up}
entities:
  - {name: Parlour Lamp, id: light.parlour_lamp, area: parlour, state: "on", attributes: {brightness: 100}}
  - {name: Scullery Light, id: light.scullery_light, area: scullery, state: "on", attributes: {brightness: 100}}
  - {name: Box Room Light, id: light.box_room_light, area: box_room, state: "on", attributes: {brightness: 100}}
  - {name: Box Room Heater, id: switch.box_room_heater, area: box_room, state: "off"}
  - {name: Scullery Heater, id: switch.scullery_heater, area: scullery, state: "off"}
"""


def _changed(db, before):
    from assistant.experts.smart_home import list_devices
    return {d["id"]: d["state"] for d in list_devices(db) if before[d["id"]] != d["state"]}


def _run(tmp_path, api, said, **args):
    from assistant.experts.smart_home import list_devices
    db = smart_home_db(COTTAGE, tmp_path)
    before = {d["id"]: d["state"] for d in list_devices(db)}
    reply = call_smart_home(db, api, said, **args)
    return reply, _changed(db, before)


@pytest.mark.parametrize("said, device, area, changed", [
    ("switch on the heater in the box room, the grandkids are coming", "heater",
     "box room the grandkids are coming", {"switch.box_room_heater": "on"}),
    ("turn off the light in the scullery, we're finished in there", "light",
     "scullery we're finished in there", {"light.scullery_light": "off"}),
])
def test_a_place_that_runs_on_past_a_comma_into_an_aside_is_cut_there(tmp_path, said, device, area, changed):
    api = "turn_on" if " on " in said else "turn_off"
    _, got = _run(tmp_path, api, said, device=device, area=area)
    assert got == changed


@pytest.mark.parametrize("said, device", [("kill the lights all over the house", "lights all over the house"),
                                          ("lamps off throughout the house please", "lamps throughout the house"),
                                          ("switch off the lighting everywhere", "lighting everywhere")])
def test_a_device_phrase_that_ends_in_the_whole_home_is_that_kind_everywhere(tmp_path, said, device):
    _, got = _run(tmp_path, "turn_off", said, device=device)
    want = {"light.parlour_lamp": "off"} if "lamp" in device else \
        {"light.parlour_lamp": "off", "light.scullery_light": "off", "light.box_room_light": "off"}
    assert got == want


def test_the_lighting_is_every_light_there_not_one_to_ask_about(tmp_path):
    reply, got = _run(tmp_path, "turn_off", "turn the lighting off", device="lighting")
    assert reply.ok and reply.missing is None and got == {"light.parlour_lamp": "off", "light.scullery_light": "off",
                                      "light.box_room_light": "off"}


@pytest.mark.parametrize("said, seconds", [("start a 2 hour and 15 minute and 20 second timer", 8120),
                                           ("begin my 4 minute and 30 seconds timer", 270),
                                           ("set a 1 hour 10 minute and 5 second timer", 4205)])
def test_a_duration_of_several_parts_before_timer_is_one_duration_and_no_name(said, seconds):
    from assistant.timeparse import parse_duration
    proposal = rules.propose(testing.scripted_assistant().registry, said, "timers", datetime(2026, 12, 1, 9))
    assert proposal.api == "start" and "name" not in proposal.args
    assert parse_duration(proposal.args["duration"]) == seconds


def test_a_named_timer_before_its_duration_keeps_its_name():
    proposal = rules.propose(testing.scripted_assistant().registry, "start a 20 minute fish pie timer", "timers",
                             datetime(2026, 12, 1, 9))
    assert proposal.args == {"duration": "20 minute", "name": "fish pie"}


@pytest.mark.parametrize("items, said, doubtful", [
    (["fish", "chips"], "put fish and chips on the list", True),
    (["salt", "vinegar crisps"], "add salt and vinegar crisps", True),
    (["rice", "beans", "onions"], "add rice, beans, and onions to the shopping list", False),
    (["tea"], "add tea to the list", False),
])
def test_items_said_joined_by_a_bare_and_are_a_judgement_for_the_confirmer(items, said, doubtful):
    assert joined_items("add", {"items": items}, said) == doubtful


# -- places by kind, a device_type that is a place, a setter with no device -----------------------
COMPOUND = """floors: [{name: Ground, id: ground, level: 0}]
areas:
  - {name: Lounge, id: lounge, floor: ground}
  - {name: Main Bedroom, id: main, floor: ground}
  - {name: En Suite, id: ensuite, floor: ground}
  - {name: Bathroom, id: bathroom, floor: ground}
  - {name: Esi's Room, id: esi, floor: ground}
  - {name: Kwame's Room, id: kwame, floor: ground}
  - {name: DSQ, id: dsq, floor: ground}
  - {name: Stoep, id: stoep, floor: ground}
  - {name: Driveway, id: driveway, floor: ground}
entities:
  - {name: Lounge Light, id: light.lounge, area: lounge, state: "off", attributes: {brightness: 100}}
  - {name: Main Bedroom Light, id: light.main, area: main, state: "off", attributes: {brightness: 100}}
  - {name: En Suite Light, id: light.ensuite, area: ensuite, state: "off", attributes: {brightness: 100}}
  - {name: Bathroom Light, id: light.bathroom, area: bathroom, state: "off", attributes: {brightness: 100}}
  - {name: Esi's Lamp, id: light.esi, area: esi, state: "off", attributes: {brightness: 100}}
  - {name: Kwame's Lamp, id: light.kwame, area: kwame, state: "off", attributes: {brightness: 100}}
  - {name: DSQ Bulb, id: light.dsq, area: dsq, state: "off", attributes: {brightness: 100}}
  - {name: Stoep Light, id: light.stoep, area: stoep, state: "off", attributes: {brightness: 100}}
  - {name: Driveway Floods, id: light.driveway, area: driveway, state: "off", attributes: {brightness: 100}}
  - {name: Lounge TV, id: media_player.lounge_tv, area: lounge, state: "on", attributes: {volume: 20}}
  - {name: Bedroom Radio, id: media_player.radio, area: main, state: "on", attributes: {volume: 30}}
"""


def _on(tmp_path, said, home=COMPOUND, api="turn_on", **args):
    from assistant.experts.smart_home import list_devices
    db = smart_home_db(home, tmp_path)
    before = {d["id"]: d["state"] for d in list_devices(db)}
    reply = call_smart_home(db, api, said, **args)
    return reply, sorted(_changed(db, before))


@pytest.mark.parametrize("said, args", [("put the outdoor lights on", {"device": "outdoor lights"}),
                                        ("lights on outside please", {"device": "lights", "area": "outside"})])
def test_outside_is_every_outdoor_place(tmp_path, said, args):
    _, changed = _on(tmp_path, said, **args)
    assert changed == ["light.driveway", "light.stoep"]


def test_the_bedrooms_are_every_room_people_sleep_in(tmp_path):
    _, changed = _on(tmp_path, "put on all the lights in the bedrooms", device_type="light", area="bedrooms")
    assert changed == ["light.esi", "light.kwame", "light.main"]


@pytest.mark.parametrize("args", [{"device": "lamp", "area": "kids room"}, {"device": "lamp"}])
def test_a_kids_room_in_a_home_whose_rooms_are_named_for_the_children_asks_which(tmp_path, args):
    reply, changed = _on(tmp_path, "the lamp in the children's room on", **args)
    assert changed == [] and reply.choices and "Esi's Room" in reply.reply and "Kwame's Room" in reply.reply


@pytest.mark.parametrize("said, args, changed", [
    ("light on in the staff quarters", {"device": "light", "area": "staff quarters"}, ["light.dsq"]),
    ("switch on the light in the master bathroom", {"device": "light", "device_type": "bathroom"}, ["light.ensuite"]),
    ("the bathroom light on", {"device": "light", "device_type": "bathroom"}, ["light.bathroom"]),
])
def test_a_room_by_another_name_or_written_as_the_kind(tmp_path, said, args, changed):
    assert _on(tmp_path, said, **args)[1] == changed


def test_a_setter_with_no_device_asks_which_of_those_that_can(tmp_path):
    reply, changed = _on(tmp_path, "volume to 35", api="set_volume", volume=35)
    assert changed == [] and reply.choices and "Lounge TV" in reply.reply and "Bedroom Radio" in reply.reply


# -- yes and no, alarms after a while, lists with nothing named, "do it now" ------------------------
@pytest.mark.parametrize("said, api", [("ndio", "confirm"), ("sawa", "confirm"), ("yebo", "confirm"), ("aane", "confirm"),
                                       ("okay", "confirm"), ("yes, unlock it", "confirm"), ("kao", "deny"),
                                       ("yes turn on the porch light", None)])
def test_yes_and_no_as_people_say_them(said, api):
    from assistant.routing.fastpath import match
    found = match(said)
    assert (found.api if found else None) == api


@pytest.mark.parametrize("said, timers", [("alarm in 25 minutes", True), ("an alarm to ring in an hour", True),
                                          ("arm the alarm in 25 minutes", False),
                                          ("set the security alarm in ten minutes", False)])
def test_an_alarm_after_a_while_is_the_timers(said, timers):
    from assistant.experts.timers import ALARM_AT
    assert bool(ALARM_AT.search(said)) == timers


def test_a_new_list_with_no_name_asks_its_name_and_the_answer_starts_it(scripted_assistant):
    from assistant.experts.lists import all_lists
    testing.confirmer(scripted_assistant).enqueue({"api": "lists.add", "args": {"items": [], "list_name": "new list"}})
    reply = scripted_assistant.handle("create a new list")
    assert reply.asks == "list_name" and "call" in reply.reply
    reply = scripted_assistant.handle("hiking trip")
    assert "hiking trip" in all_lists(scripted_assistant.db) and "put on it" in reply.reply


@pytest.mark.parametrize("said, items", [("put on the list", ["put on the list"]), ("add to my list", ["add to my list"])])
def test_an_add_with_no_item_asks_what(scripted_assistant, said, items):
    testing.confirmer(scripted_assistant).enqueue({"api": "lists.add", "args": {"items": items}})
    reply = scripted_assistant.handle(said)
    assert reply.asks == "items"


def test_an_item_said_with_too_is_the_item(scripted_assistant):
    from assistant.experts.lists import all_lists
    testing.confirmer(scripted_assistant).enqueue({"api": "lists.add", "args": {"items": ["candles as well"],
                                                                               "list_name": "shopping"}})
    scripted_assistant.handle("add candles as well")
    assert [i["item"] for i in all_lists(scripted_assistant.db)["shopping"]] == ["candles"]


@pytest.mark.parametrize("now_words", ["actually, do it now", "no just do it right away", "right now please"])
def test_do_it_now_after_a_call_put_off_runs_it_and_leaves_nothing_waiting(tmp_path, now_words):
    from assistant.experts.smart_home import list_devices
    from assistant.storage.scheduled import list_scheduled
    from tests.conftest import DEV_HOME
    assistant = testing.scripted_assistant(tmp_path / "s.db", home=DEV_HOME, now=datetime(2026, 11, 25, 18, 20))
    testing.confirmer(assistant).enqueue({"api": "smart_home.turn_on", "args": {"device": "office heater"}})
    assistant.handle("switch on the office heater at 9 pm")
    assert len(list_scheduled(assistant.db)) == 1
    assistant.handle(now_words)
    heater = next(d for d in list_devices(assistant.db) if d["id"] == "switch.office_heater_8e11")
    assert heater["state"] == "on" and list_scheduled(assistant.db) == []


@pytest.mark.parametrize("said, args", [("lights on in all the bedrooms", {"device": "light", "device_type": "bedroom"}),
                                        ("switch on the lights in the bedrooms", {"area": "bedroom", "device_type": "light"})])
def test_the_bedrooms_written_in_the_singular_are_still_all_of_them(tmp_path, said, args):
    assert _on(tmp_path, said, **args)[1] == ["light.esi", "light.kwame", "light.main"]


@pytest.mark.parametrize("said, args, time", [("alarm in an hour and a half thanks", {"name": "thanks"}, "in 1 hour and a half"),
                                              ("wake me in forty minutes", {}, "in 40 minutes")])
def test_an_alarm_whose_time_the_model_left_out_takes_the_while_said(said, args, time):
    from assistant.experts.timers import recast
    assert recast(None, "set_alarm", args, None, said) == ("set_alarm", {"time": time})
    assert recast(None, "set_alarm", {"time": "7 am"}, None, "set an alarm for 7 am in the kitchen") is None


def test_the_one_named_instead_is_of_the_kind_of_the_device_acted_on_not_the_models_kind():
    from assistant.experts.smart_home.commands import other_target
    assert other_target("turn_on", {"device": "Lounge Fan", "device_type": "switch"}, "the study one") == \
        {"device": "study fan", "device_type": "fan"}


def test_an_alarm_written_with_the_while_as_its_time_is_after_that_while():
    from assistant.experts.timers import recast
    assert recast(None, "set_alarm", {"time": "45 minutes"}, None, "alarm in 45 minutes") == \
        ("set_alarm", {"time": "in 45 minutes"})
