"""Session 29's kinds (no evaluation sentence): a question about when a person of the household's
life comes, or who they are, is memory's (only the user can have said it)."""
import pytest

from assistant.experts import memory
from assistant.messages import Request


@pytest.mark.parametrize("text", ["what day does the window washer come", "when is the nanny coming",
                                  "what time does the piano teacher get here", "is the handyman coming today",
                                  "when's the tree surgeon due", "how often does the pest control guy visit",
                                  "who's our electrician", "who is my accountant"])
def test_when_a_person_of_theirs_comes_is_recalled(text):
    decision = memory.propose(Request(text=text, words=text, now=None))
    assert decision is not None and (decision.expert, decision.api) == ("memory", "recall")
    assert decision.args == {"question": text}


def test_when_the_plumber_comes_is_pinned_to_memory():
    """Session 15 left it unpinned; only the user can have said it (no reminder is a timetable)."""
    from assistant.app import default_registry
    from assistant.routing.cues import pinned_expert
    assert pinned_expert(default_registry(), "what time does the plumber come") == "memory"


@pytest.mark.parametrize("text", ["when will my lyft driver arrive", "when is the food delivery guy coming",
                                  "when does the boiler come on", "who is the manager of chelsea",
                                  "when does the train arrive", "when did the romans come to britain",
                                  "when does the dishwasher finish"])
def test_rides_deliveries_machines_and_the_world_are_not(text):
    assert memory.ASKED_ABOUT_THEIR_PEOPLE.match(text) is None


REGULATED = """
areas:
  - {name: Study, id: study}
  - {name: Loft, id: loft}
entities:
  - {name: Study Fan, id: fan.study, area: study, state: "on", attributes: {percentage: 20, percentage_step: 20}}
  - {name: Loft Fan, id: fan.loft, area: loft, state: "off", attributes: {percentage: 0, percentage_step: 33.33}}
  - {name: Desk Fan, id: fan.desk, area: study, state: "off", attributes: {percentage: 0}}
"""


def _percent(db, device_id):
    from assistant.experts.smart_home import list_devices
    return next(d for d in list_devices(db) if d["id"] == device_id)["attributes"]["percentage"]


@pytest.mark.parametrize("said, device, value, want", [
    ("put the study fan on speed 3", "study fan", 3, 60), ("study fan on 5", "study fan", 5, 100),
    ("loft fan to 2", "loft fan", 2, 67), ("loft fan to speed 3", "loft fan", 3, 100),
    ("study fan to 4 percent", "study fan", 4, 4), ("study fan to 40", "study fan", 40, 40),
    ("desk fan to 3", "desk fan", 3, 3)])
def test_a_regulator_number_is_that_speed_of_a_fan_with_speeds(tmp_path, said, device, value, want):
    from tests.conftest import call_smart_home, smart_home_db
    db = smart_home_db(REGULATED, tmp_path)
    result = call_smart_home(db, "set_fan_speed", said, device=device, percentage=value)
    assert result.ok, result.reply
    assert _percent(db, f"fan.{device.split()[0]}") == want


TWO_SHADES = """
areas:
  - {name: Den, id: den}
  - {name: Nursery, id: nursery}
  - {name: Upstairs, id: upstairs_floor}
entities:
  - {name: Shades, id: cover.shades_den, area: den, state: open, attributes: {position: 100}}
  - {name: Shades, id: cover.shades_nursery, area: nursery, state: open, attributes: {position: 100}}
  - {name: Den Lamp, id: light.den_lamp, area: den, state: "off", attributes: {brightness: 0}}
"""


def _covers(db):
    from assistant.experts.smart_home import list_devices
    return {d["id"]: d["state"] for d in list_devices(db) if d["id"].startswith("cover.")}


def test_a_name_two_rooms_share_said_alone_asks_which(tmp_path):
    from tests.conftest import call_smart_home, smart_home_db
    db = smart_home_db(TWO_SHADES, tmp_path)
    result = call_smart_home(db, "close", "lower the shades", device="shades")
    assert not result.ok and "Which" in result.reply and "Den" in result.reply and "Nursery" in result.reply
    assert set(_covers(db).values()) == {"open"}


@pytest.mark.parametrize("said", ["lower all the shades", "close both shades", "close the shades in the den and nursery"])
def test_a_shared_name_with_a_quantifier_or_a_place_means_them(tmp_path, said):
    from tests.conftest import call_smart_home, smart_home_db
    db = smart_home_db(TWO_SHADES, tmp_path)
    result = call_smart_home(db, "close", said, device="shades")
    assert result.ok, result.reply
    assert set(_covers(db).values()) == {"closed"}


HEADS = """
areas:
  - {name: Scullery, id: scullery}
  - {name: Porch, id: porch}
entities:
  - {name: Scullery Extractor, id: fan.extractor, area: scullery, state: "off", attributes: {percentage: 0}}
  - {name: Extractor Light, id: light.extractor_light, area: scullery, state: "off", attributes: {brightness: 0}}
  - {name: Patio Heater, id: switch.patio_heater, area: porch, state: "off"}
  - {name: Heater Light, id: light.heater_light, area: porch, state: "off", attributes: {brightness: 0}}
  - {name: Left Bedside Lamp, id: light.left, area: porch, state: "off", attributes: {brightness: 0}}
  - {name: Right Bedside Lamp, id: light.right, area: porch, state: "off", attributes: {brightness: 0}}
"""


@pytest.mark.parametrize("said, device, want", [("switch on the extractor", "extractor", "fan.extractor"),
                                                ("heater on please", "heater", "switch.patio_heater")])
def test_a_word_is_the_device_whose_name_it_ends(tmp_path, said, device, want):
    assert _switched_on(HEADS, tmp_path, said, device=device) == {want}


def _switched_on(home: str, tmp_path, said: str, **args) -> set[str]:
    """The devices on after the user said `said`, called as turn_on with `args`."""
    from assistant.experts.smart_home import list_devices
    from tests.conftest import call_smart_home, smart_home_db
    db = smart_home_db(home, tmp_path)
    result = call_smart_home(db, "turn_on", said, **args)
    assert result.ok, result.reply
    return {d["id"] for d in list_devices(db) if d["state"] == "on"}


def test_two_names_that_both_end_in_the_word_still_ask(tmp_path):
    from tests.conftest import call_smart_home, smart_home_db
    db = smart_home_db(HEADS, tmp_path)
    result = call_smart_home(db, "turn_on", "turn on the bedside lamp", device="bedside lamp")
    assert not result.ok and "Which" in result.reply


TWO_GLOBES = """
areas:
  - {name: Nook, id: nook}
  - {name: Attic, id: attic}
entities:
  - {name: Glow Globe, id: light.globe_nook, area: nook, state: "off", attributes: {brightness: 0, color: teal}}
  - {name: Glow Globe, id: light.globe_attic, area: attic, state: "off", attributes: {brightness: 0, color: pink}}
"""


@pytest.mark.parametrize("said, want", [("turn on the pink glow globe", "light.globe_attic"),
                                        ("switch on the teal glow globe", "light.globe_nook")])
def test_one_of_two_alike_is_picked_by_its_colour(tmp_path, said, want):
    assert _switched_on(TWO_GLOBES, tmp_path, said, device=said.split(" the ")[1]) == {want}


def test_a_colour_neither_has_still_asks(tmp_path):
    from tests.conftest import call_smart_home, smart_home_db
    db = smart_home_db(TWO_GLOBES, tmp_path)
    result = call_smart_home(db, "turn_on", "turn on the green glow globe", device="green glow globe")
    assert not result.ok and "Which" in result.reply


@pytest.mark.parametrize("phrase, now, due", [
    ("at 2 in the night", "2027-10-08T22:00", "2027-10-09T02:00"), ("at 1 at night", "2027-10-08T21:30", "2027-10-09T01:00"),
    ("at 4:30 in the night", "2027-10-08T12:00", "2027-10-09T04:30"), ("at 11 at night", "2027-10-08T12:00", "2027-10-08T23:00"),
    ("at 10 in the night", "2027-10-08T12:00", "2027-10-08T22:00"), ("tonight at 3", "2027-10-08T20:00", "2027-10-09T03:00"),
    ("tonight at 9", "2027-10-08T20:00", "2027-10-08T21:00")])
def test_an_hour_of_the_night_is_the_small_hours_up_to_five(phrase, now, due):
    from datetime import datetime
    from assistant.timeparse import parse_when
    assert parse_when(phrase, datetime.fromisoformat(now)).due == datetime.fromisoformat(due)


JOINED = """
areas:
  - {name: Yard, id: yard}
  - {name: Utility, id: utility}
entities:
  - {name: Yard Pump, id: switch.yard_pump, area: yard, state: "on"}
  - {name: Tank Heater, id: switch.tank_heater, area: utility, state: "on"}
  - {name: Gate Light, id: light.gate, area: yard, state: "on", attributes: {brightness: 100}}
  - {name: Shed Light, id: light.shed, area: yard, state: "on", attributes: {brightness: 100}}
"""


@pytest.mark.parametrize("said, device, off", [
    ("turn off the yard pump and the tank heater", "yard pump and the tank heater", {"switch.yard_pump", "switch.tank_heater"}),
    ("switch off the gate light and the shed light also", "gate light and the shed light also", {"light.gate", "light.shed"}),
    ("turn off the tank heater and the gate light as well", "tank heater and the gate light as well",
     {"switch.tank_heater", "light.gate"})])
def test_each_thing_named_with_and_is_meant(tmp_path, said, device, off):
    from assistant.experts.smart_home import list_devices
    from tests.conftest import call_smart_home, smart_home_db
    db = smart_home_db(JOINED, tmp_path)
    result = call_smart_home(db, "turn_off", said, device=device)
    assert result.ok, result.reply
    assert {d["id"] for d in list_devices(db) if d["state"] == "off"} == off


@pytest.mark.parametrize("said, expert", [("ping me if anyone's at the back gate", "watches"),
                                          ("nudge me if the garage door opens", "watches"),
                                          ("ping me at six to water the plants", "reminders")])
def test_ping_me_if_is_a_watch_and_ping_me_at_a_reminder(said, expert):
    from assistant.app import default_registry
    from assistant.routing.cues import pinned_expert
    assert pinned_expert(default_registry(), said) == expert


@pytest.mark.parametrize("said, plain", [("lowkey switch the porch light on", "switch the porch light on"),
                                         ("sorta gloomy in the den tbh", "sort of gloomy in the den"),
                                         ("fr turn the heat up", "turn the heat up")])
def test_a_hedge_opening_or_closing_a_request_is_no_part_of_it(said, plain):
    from assistant.languages import shorthand
    assert shorthand.in_full(said) == plain


def test_a_hedge_that_is_a_word_of_a_name_stays():
    from assistant.languages import shorthand
    assert shorthand.in_full("turn on honestly", names=lambda: ["Honestly"]) == "turn on honestly"
    assert shorthand.in_full("turn on honestly") == "turn on"


@pytest.mark.parametrize("said, english", [
    ("store room ka pankha teen pe kar do", "set the store room fan to 3"),
    ("nani ke kamre ki batti jala do", "turn on nani's room light"),
    ("chhat ka darwaza band kar do", "close the terrace door"),
    ("das minute ka timer laga do, pasta ubal raha hai", "set a timer for 10 minutes"),
    ("kal subah saat baje ka alarm laga do", "set an alarm for tomorrow at 7 am"),
    ("raat ko 2 baje cooler band kar dena", "turn off the cooler at 2 am"),
    ("aadhe ghante baad geyser band kar dena", "turn off the geyser in half an hour"),
    ("shaam 6 baje yaad dila dena ki dhobi ko kapde dene hain", "remind me at 6 pm to give dhobi ko kapde"),
    ("grocery list mein anda aur bread daal do", "add anda and bread to the grocery list"),
    ("Tanu ko bol dena ki khana fridge mein hai", "tell Tanu that khana fridge mein hai"),
    ("kitne baje hain", "what time is it"), ("haan ji, kar do", "yes"), ("rehne do", "never mind"),
    ("woh cancel kar do", "cancel that"), ("aur dahi bhi", "and the dahi too"), ("laal wali", "red"),
    ("nahi nahi, balcony wala", "no, I meant the balcony one"), ("Pinky ka phone number kya hai", "what is Pinky's phone number"),
    ("TV ki awaaz pandrah kar do", "set the TV volume to 15"),
    ("pankha band karo aur paanch minute ka timer laga do", "turn off the fan and set a timer for 5 minutes")])
def test_hindi_requests_are_read_as_english(said, english):
    from assistant.languages import hinglish
    assert hinglish.in_english(said) == english


def test_a_hindi_word_that_names_a_thing_of_the_home_stays():
    from assistant.languages import hinglish
    assert hinglish.in_english("chhat light band kar do", ["Chhat Light"]) == "turn off the chhat light"


TWO_ROOMS_COOLED = """
areas:
  - {name: Loft, id: loft}
  - {name: Snug, id: snug}
entities:
  - {name: Aircon, id: climate.aircon_loft, area: loft, state: "off", attributes: {temperature: 22, hvac_modes: ["off", "cool"]}}
  - {name: Aircon, id: climate.aircon_snug, area: snug, state: "off", attributes: {temperature: 22, hvac_modes: ["off", "cool"]}}
  - {name: Ceiling Fan, id: fan.fan_loft, area: loft, state: "off", attributes: {percentage: 0}}
  - {name: Ceiling Fan, id: fan.fan_snug, area: snug, state: "off", attributes: {percentage: 0}}
"""


def test_a_second_thing_named_is_the_one_in_the_speakers_room(tmp_path):
    from assistant.experts.smart_home import list_devices
    from tests.conftest import call_smart_home, smart_home_db
    db = smart_home_db(TWO_ROOMS_COOLED, tmp_path)
    result = call_smart_home(db, "turn_on", "switch on the aircon and the fan also", here="snug", device="aircon")
    assert result.ok, result.reply
    assert {d["id"] for d in list_devices(db) if d["state"] not in ("off",)} == {"climate.aircon_snug", "fan.fan_snug"}


@pytest.mark.parametrize("said, plain", [("do one thing, switch off the geyser", "switch off the geyser"),
                                         ("nah make it blue", "no make it blue")])
def test_openers_that_ask_nothing_are_read(said, plain):
    from assistant.languages import shorthand
    assert shorthand.in_full(said) == plain


def test_switch_said_as_the_verb_is_no_kind():
    from assistant.experts.smart_home import vocab
    assert vocab.first_type_word("switch off the in vertor") is None
    assert vocab.first_type_word("switch on the lamp") == "lamp"
    assert vocab.first_type_word("turn off the wall switch") == "switch"


def test_a_follow_up_opening_with_also_opens_with_and():
    from assistant.languages import shorthand
    assert shorthand.in_full("also the heater to 19") == "and the heater to 19"
    assert shorthand.in_full("also, milk") == "also, milk"


def test_a_message_asked_for_with_no_word_yet_asks_what_it_says(tmp_path):
    from datetime import datetime

    from assistant.clock import Clock
    from assistant.context import ExpertContext
    from assistant.experts.notifications import EXPERT
    from assistant.storage import open_database
    db = open_database(tmp_path / "n.db", EXPERT.migrations)
    ctx = ExpertContext(db=db, clock=Clock(datetime(2027, 5, 3, 9)))
    asked = EXPERT.api("announce").func(ctx, message="leave a message for Neha", to="Neha")
    assert not asked.ok and asked.missing == "message"
    left = EXPERT.api("announce").func(ctx, message="dinner is in the oven", to="Neha")
    assert left.ok and "dinner is in the oven" in left.reply


def test_which_one_may_be_answered_by_its_colour(tmp_path):
    from assistant import slots
    from tests.conftest import call_smart_home, smart_home_db
    db = smart_home_db(TWO_GLOBES, tmp_path)
    asked = call_smart_home(db, "turn_on", "turn on the glow globe", device="glow globe")
    assert not asked.ok and asked.choices
    assert slots.read_choice("the pink one", asked.choices) == "light.globe_attic"


def test_night_said_apart_from_the_hour_keeps_it_in_the_evening():
    from datetime import datetime
    from assistant.timeparse import parse_when
    assert parse_when("night on thursday at 4", datetime(2027, 2, 1, 9)).due == datetime(2027, 2, 4, 16)
