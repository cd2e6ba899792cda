"""Session 16's kinds (no evaluation sentence; homes written for them)."""
import pytest

from assistant.experts.smart_home.apis import claims
from tests.test_session15_kinds import HOME
from assistant.experts.smart_home import list_devices
from tests.conftest import call_smart_home, smart_home_db

SENSED = """floors: [{name: Main, id: main, level: 0}]
areas: [{name: Snug, id: snug, floor: main}, {name: Yard, id: yard}]
entities:
  - {name: Snug Light, id: light.snug_light, area: snug, state: "off", attributes: {brightness: 100}}
  - {name: Exterior Temperature, id: sensor.exterior_temperature, area: yard, state: "-7",
     attributes: {unit_of_measurement: "°C"}}
  - {name: Cellar Humidity, id: sensor.cellar_humidity, area: snug, state: "61", attributes: {unit_of_measurement: "%"}}
"""


@pytest.mark.parametrize("said, claimed", [
    ("how cold is it outside", True),
    ("how chilly is it outdoors at the moment", True),
    ("how humid is it in the cellar", True),
    ("how cold will it be outside tomorrow", False),  # later: the weather's, not a sensor's
    ("is it going to be warm outside this weekend", False),
    ("how cold is the water in the pool", False),  # nothing here reads it
])
def test_a_question_of_a_quantity_a_sensor_reads_is_the_homes(tmp_path, said, claimed):
    assert claims(smart_home_db(SENSED, tmp_path), said) is claimed


def test_no_outdoor_sensor_claims_nothing(tmp_path):
    home = "\n".join(line for line in SENSED.splitlines() if "Exterior" not in line and "°C" not in line)
    assert not claims(smart_home_db(home, tmp_path), "how cold is it outside")


TWO_BATHS = """floors: [{name: Ground, id: ground, level: 0}, {name: First, id: first, level: 1}]
areas:
  - {name: Bathroom, id: fam_bath, floor: first}
  - {name: Cloakroom, id: cloak, floor: ground}
  - {name: Hall, id: hall, floor: ground}
  - {name: Den, id: den, floor: ground}
entities:
  - {name: Bathroom Light, id: light.fam_bath, area: fam_bath, state: "off", attributes: {brightness: 100}}
  - {name: Cloakroom Light, id: light.cloak, area: cloak, state: "off", attributes: {brightness: 100}}
  - {name: Hall Light, id: light.hall, area: hall, state: "off", attributes: {brightness: 100}}
  - {name: Den Light, id: light.den, area: den, state: "off", attributes: {brightness: 100}}
"""


@pytest.mark.parametrize("said, args, expected", [
    ("loo light downstairs on", {"device": "loo light", "area": "downstairs"}, {"light.cloak"}),
    ("switch on the toilet light upstairs", {"device": "toilet light", "area": "upstairs"}, {"light.fam_bath"}),
    ("turn on the washroom lights on the ground floor", {"device": "washroom lights", "area": "ground floor"},
     {"light.cloak"}),
])
def test_a_common_room_name_for_several_rooms_and_a_floor_is_the_one_on_it(tmp_path, said, args, expected):
    db = smart_home_db(TWO_BATHS, tmp_path)
    assert call_smart_home(db, "turn_on", said, **args).ok
    assert on(db) == expected


def test_a_common_room_name_for_several_rooms_alone_asks_which(tmp_path):
    db = smart_home_db(TWO_BATHS, tmp_path)
    result = call_smart_home(db, "turn_on", "turn on the washroom light", device="washroom light")
    assert not result.ok and "Bathroom" in result.reply and "Cloakroom" in result.reply
    assert on(db) == set()


def test_the_office_is_the_den_when_the_home_has_no_office(tmp_path):
    db = smart_home_db(TWO_BATHS, tmp_path)
    assert call_smart_home(db, "turn_on", "turn on the office light", device="office light").ok
    assert on(db) == {"light.den"}


def on(db):
    return {d["id"] for d in list_devices(db) if d["state"] == "on"}


@pytest.mark.parametrize("said, command, clause", [
    ("switch the telly off at half ten, no excuses", "switch the telly off", "at half ten"),
    ("fan off in twenty minutes, sweetheart", "fan off", "in twenty minutes"),
    ("put the heater on in an hour, ok", "put the heater on", "in an hour"),
])
def test_a_short_aside_after_the_time_clause_still_puts_the_command_off(said, command, clause):
    from datetime import datetime
    from assistant.deferral import split_delay
    delay = split_delay(said, datetime(2028, 5, 2, 19, 0))
    assert (delay.command, delay.clause) == (command, clause)


@pytest.mark.parametrize("said", ["turn on the heater at 7, and the lamp", "turn off the lamp at 9, then the tv",
                                  "dim the lamp at 8, to 30"])
def test_what_follows_the_time_clause_that_is_more_of_the_command_is_not_an_aside(said):
    from datetime import datetime
    from assistant.deferral import split_delay
    assert split_delay(said, datetime(2028, 5, 2, 19, 0)) is None


@pytest.mark.parametrize("said, time", [("set an alarm for 7", "7"), ("alarm for eight thirty", "eight thirty"),
                                        ("set me an alarm for 5 45", "5 45")])
def test_an_alarm_for_a_bare_number_is_proposed_as_a_clock_time(said, time):
    from datetime import datetime
    from assistant.app import default_registry
    from assistant.routing import rules
    decision = rules.propose(default_registry(), said, "timers", datetime(2028, 5, 2, 22, 0))
    assert (decision.api, decision.args) == ("set_alarm", {"time": time})


def test_an_alarm_for_a_number_that_is_no_hour_is_not_proposed():
    from datetime import datetime
    from assistant.app import default_registry
    from assistant.routing import rules
    assert rules.propose(default_registry(), "set an alarm for 45", "timers", datetime(2028, 5, 2, 22, 0)) is None


COLOURED = """areas: [{name: Nursery, id: nursery}, {name: Green Room, id: green}]
entities:
  - {name: Star Nightlight, id: light.star, area: nursery, state: "off",
     attributes: {brightness: 50, color: pink, supported_color_modes: [hs]}}
  - {name: Green Room Lamp, id: light.green_lamp, area: green, state: "off",
     attributes: {brightness: 50, color: white, supported_color_modes: [hs]}}
  - {name: Plain Lamp, id: light.plain, area: green, state: "off", attributes: {brightness: 50}}
"""


def attributes(db, device_id):
    return next(d for d in list_devices(db) if d["id"] == device_id)["attributes"]


@pytest.mark.parametrize("api, args", [("set_brightness", {"brightness": 20, "device": "star nightlight"}),
                                       ("set_color", {"color": "blue", "device": "star nightlight"})])
def test_a_colour_and_a_brightness_said_together_are_both_set(tmp_path, api, args):
    db = smart_home_db(COLOURED, tmp_path)
    assert call_smart_home(db, api, "put the star nightlight on blue at 20 percent", **args).ok
    assert (attributes(db, "light.star")["color"], attributes(db, "light.star")["brightness"]) == ("blue", 20)


def test_a_colour_word_of_a_name_is_no_colour_to_set(tmp_path):
    db = smart_home_db(COLOURED, tmp_path)
    assert call_smart_home(db, "set_brightness", "set the green room lamp to 30 percent", brightness=30,
                           device="lamp").ok
    assert (attributes(db, "light.green_lamp")["color"], attributes(db, "light.green_lamp")["brightness"]) == ("white", 30)


def test_a_colour_said_for_a_light_with_no_colour_still_sets_its_brightness(tmp_path):
    db = smart_home_db(COLOURED, tmp_path)
    assert call_smart_home(db, "set_brightness", "plain lamp red at 40 percent", brightness=40, device="plain lamp").ok
    assert attributes(db, "light.plain")["brightness"] == 40


@pytest.mark.parametrize("said, expert", [
    ("how do I get to the shopping centre from here", "none"),
    ("um how can we get to the stadium", "none"),
    ("what's the quickest way to the airport", "none"),
    ("how far is the train station from here", "none"),
    ("how do I get to sleep faster", None),  # advice, not a way somewhere
    ("how far is the timer from done", None),
])
def test_the_way_somewhere_is_declined_by_its_words(said, expert):
    from assistant.app import default_registry
    from assistant.routing.cues import pinned_expert
    assert pinned_expert(default_registry(), said) == expert


def test_the_best_way_to_do_something_is_no_way_somewhere():
    from assistant.app import default_registry
    from assistant.routing.cues import pinned_expert
    assert pinned_expert(default_registry(), "what's the best way to get grease off a pan") is None


@pytest.mark.parametrize("said, due", [
    ("switch the kettle on at 5:30 tomorrow", (5, 30)),  # an early hour put off: the morning's
    ("put the towel rail on at 6 on friday", (6, 0)),
    ("turn the porch light on at 4 tomorrow", (16, 0)),  # other hours as before: the afternoon's
    ("turn the heating on at 6 pm tomorrow", (18, 0)),
])
def test_a_device_put_off_to_five_or_six_on_a_day_is_the_mornings(said, due):
    from datetime import datetime
    from assistant.deferral import split_delay
    delay = split_delay(said, datetime(2028, 5, 2, 21, 0))  # a Tuesday evening
    assert (delay.due.hour, delay.due.minute) == due and delay.due.date() > datetime(2028, 5, 2).date()


@pytest.mark.parametrize("said, kept", [
    ("sorry to bother you, is the back door locked?", "is the back door locked?"),
    ("sorry to trouble you again but could you dim the lamp", "could you dim the lamp"),
    ("excuse me, what's the thermostat on", "what's the thermostat on"),
    ("sorry, I meant the kitchen", "sorry, I meant the kitchen"),  # a correction keeps its lead
])
def test_an_apology_for_the_bother_is_courtesy(said, kept):
    from assistant.asides import without_courtesy
    assert without_courtesy(said) == kept


def test_reading_someones_whatsapps_is_declined_by_its_words():
    from assistant.app import default_registry
    from assistant.routing.cues import pinned_expert
    assert pinned_expert(default_registry(), "read out my wife's whatsapps") == "none"
    assert pinned_expert(default_registry(), "any new text messages for me") == "none"


LOCAL_WORDS = """floors: [{name: Ground, id: ground, level: 0}]
areas:
  - {name: Scullery, id: scullery, floor: ground}
  - {name: Stoep, id: stoep}
  - {name: Granny Flat, id: granny}
entities:
  - {name: Scullery Light, id: light.scullery, area: scullery, state: "off", attributes: {brightness: 100}}
  - {name: Stoep Lights, id: light.stoep, area: stoep, state: "off", attributes: {brightness: 100}}
  - {name: Granny Flat Light, id: light.granny, area: granny, state: "off", attributes: {brightness: 100}}
"""


@pytest.mark.parametrize("said, args, expected", [
    ("turn on the light in the laundry", {"device": "light", "area": "laundry"}, {"light.scullery"}),
    ("turn on the lights on the verandah", {"device": "lights", "area": "verandah"}, {"light.stoep"}),
    ("put the patio lights on", {"device": "lights", "area": "patio"}, {"light.stoep"}),
    ("put the light on in the cottage", {"device": "light", "area": "cottage"}, {"light.granny"}),
])
def test_a_room_called_by_a_regional_word_is_found_by_its_common_name(tmp_path, said, args, expected):
    db = smart_home_db(LOCAL_WORDS, tmp_path)
    assert call_smart_home(db, "turn_on", said, **args).ok
    assert on(db) == expected


KITCHEN = """areas: [{name: Kitchen, id: kitchen}, {name: Hall, id: hall}]
entities:
  - {name: Kitchen Downlights, id: light.downlights, area: kitchen, state: "off", attributes: {brightness: 100}}
  - {name: Island Pendants, id: light.pendants, area: kitchen, state: "off", attributes: {brightness: 100}}
  - {name: Hall Light, id: light.hall, area: hall, state: "off", attributes: {brightness: 100}}
"""


@pytest.mark.parametrize("said, args, expected", [
    ("dim the kitchen downlights to thirty percent", {"device": "kitchen", "device_type": "light"},
     {"light.downlights"}),
    ("kitchen downlights on", {"area": "kitchen"}, {"light.downlights"}),
    ("turn on the kitchen lights", {"area": "kitchen", "device_type": "light"}, {"light.downlights", "light.pendants"}),
    ("turn on all the kitchen downlights and pendants", {"area": "kitchen", "device_type": "light"},
     {"light.downlights", "light.pendants"}),
])
def test_a_device_named_in_full_is_that_device_whatever_the_model_wrote(tmp_path, said, args, expected):
    db = smart_home_db(KITCHEN, tmp_path)
    api = "set_brightness" if "dim" in said else "turn_on"
    assert call_smart_home(db, api, said, **({"brightness": 30} if "dim" in said else {}), **args).ok
    assert {d["id"] for d in list_devices(db) if d["state"] == "on"} == expected


TWO_LOUNGES = """floors: [{name: Ground Floor, id: ground, level: 0}, {name: First Floor, id: first, level: 1}]
areas:
  - {name: Sitting Room, id: sitting, floor: ground}
  - {name: Family Sitting Room, id: family_sitting, floor: first}
entities:
  - {name: Sitting Room Light, id: light.sitting, area: sitting, state: "off", attributes: {brightness: 100}}
  - {name: Family Sitting Room Light, id: light.family_sitting, area: family_sitting, state: "off",
     attributes: {brightness: 100}}
"""


@pytest.mark.parametrize("said, args, expected", [
    ("turn on the upstairs sitting room light", {"device": "sitting room light"}, {"light.family_sitting"}),
    ("turn on the sitting room light upstairs", {"device": "sitting room light", "area": "upstairs"},
     {"light.family_sitting"}),
    ("turn on the downstairs sitting room light", {"device": "sitting room light"}, {"light.sitting"}),
    ("turn on the sitting room light", {"device": "sitting room light"}, {"light.sitting"}),
])
def test_a_floor_said_with_a_room_is_the_room_of_that_name_on_it(tmp_path, said, args, expected):
    db = smart_home_db(TWO_LOUNGES, tmp_path)
    assert call_smart_home(db, "turn_on", said, **args).ok
    assert on(db) == expected


def test_the_big_light_is_the_rooms_own_light_when_no_name_says_big(tmp_path):
    db = smart_home_db(HOME, tmp_path)  # the Snug Light and a Reading Lamp in the snug
    assert call_smart_home(db, "turn_on", "switch on the big light in the snug", device="big light").ok
    assert on(db) == {"light.snug_light"}


def test_a_name_that_says_main_is_that_device(tmp_path):
    db = smart_home_db(HOME.replace("Window Light", "Main Light"), tmp_path)
    assert call_smart_home(db, "turn_on", "turn on the main light in the scullery", device="main light",
                           area="scullery").ok
    assert on(db) == {"light.scullery_window"}


def test_the_ceiling_light_of_a_room_with_no_light_named_so_is_its_light(tmp_path):
    db = smart_home_db(LOCAL_WORDS, tmp_path)
    assert call_smart_home(db, "turn_on", "switch on the ceiling light in the cottage", device="ceiling light",
                           device_type="light").ok
    assert on(db) == {"light.granny"}


def test_a_kind_of_outdoor_place_is_found_before_its_family():
    from assistant.experts.smart_home.vocab import place_alternatives
    assert "lapa" in place_alternatives("braai area")[0]
    assert "stoep" in place_alternatives("verandah")[0]


@pytest.mark.parametrize("said, args", [
    ("let everyone know supper is ready", {"message": "supper is ready"}),
    ("notify sam that his lift is outside", {"message": "his lift is outside", "to": "sam"}),
    ("send a notification to mum's phone saying i'll be late", {"message": "i'll be late", "to": "mum"}),
])
def test_a_message_for_the_household_is_an_announcement(said, args):
    from datetime import datetime
    from assistant.app import default_registry
    from assistant.routing import rules
    from assistant.routing.cues import pinned_expert
    registry = default_registry()
    assert pinned_expert(registry, said) == "notifications"
    decision = rules.propose(registry, said, "notifications", datetime(2028, 5, 2, 18, 0))
    assert (decision.api, decision.args) == ("announce", args)


@pytest.mark.parametrize("said", ["notify me when the back door opens", "alert me if the garage is left open",
                                  "ping me at six to call mom", "tell me a joke"])
def test_a_message_for_me_later_is_no_announcement(said):
    from assistant.app import default_registry
    from assistant.routing.cues import pinned_expert
    assert pinned_expert(default_registry(), said) != "notifications"


def test_an_announcement_is_left_in_the_notifications_and_can_be_undone(tmp_path):
    from assistant import testing
    from assistant.experts.notifications import list_notifications
    assistant = testing.scripted_assistant(tmp_path / "state.db", classifier=testing.FixedClassifier("notifications"))
    reply = assistant.handle("notify sam that his lift is outside")
    assert reply.expert == "notifications" and "Sam" in reply.reply
    assert [n["text"] for n in list_notifications(assistant.db)] == ["For Sam: his lift is outside"]
    assistant.handle("undo that")
    assert list_notifications(assistant.db) == []


@pytest.mark.parametrize("reply, honest", [
    ("Okay, garage door is opening.", ""),
    ("Sure! Your lights are turning off now.", ""),
    ("I have read your messages to you.", ""),
    ("The museum is opening a new wing next year.", "The museum is opening a new wing next year."),
    ("Why is the sea salty? Rivers carry minerals into it.", "Why is the sea salty? Rivers carry minerals into it."),
])
def test_the_chat_never_says_a_device_is_doing_something(reply, honest):
    from assistant.experts.chat import without_claimed_actions
    assert without_claimed_actions(reply) == honest


def test_a_list_named_by_the_user_is_not_an_item_when_the_model_writes_it_as_one(tmp_path):
    from assistant import testing
    assistant = testing.scripted_assistant(tmp_path / "state.db", classifier=testing.FixedClassifier("lists"))
    testing.confirmer(assistant).enqueue({"api": "lists.add", "args": {"items": ["boerewors", "braai"]}})
    reply = assistant.handle("add boerewors to the braai list")
    assert reply.expert == "lists" and "braai list" in reply.reply
    rows = assistant.db.execute("SELECT list_name, item FROM list_items").fetchall()
    assert rows == [("braai", "boerewors")]


CLIMATES = """areas: [{name: Lounge, id: lounge}, {name: Study, id: study}]
entities:
  - {name: Lounge Aircon, id: climate.aircon, area: lounge, state: heat,
     attributes: {temperature: 22, current_temperature: 18, min_temp: 16, max_temp: 30}}
  - {name: Study Heater, id: climate.heater, area: study, state: "off",
     attributes: {temperature: 20, current_temperature: 14, min_temp: 5, max_temp: 30}}
"""


@pytest.mark.parametrize("follow_up", ["a couple more degrees", "two more degrees", "a few more"])
def test_an_amount_more_said_alone_changes_the_device_changed_last(tmp_path, follow_up):
    from assistant import testing
    home = tmp_path / "home.yaml"
    home.write_text(CLIMATES)
    assistant = testing.scripted_assistant(tmp_path / "state.db", home=home,
                                           classifier=testing.FixedClassifier("smart_home"))
    model = testing.confirmer(assistant)
    model.enqueue({"api": "smart_home.set_temperature", "args": {"temperature": 21, "device": "lounge aircon"}})
    assistant.handle("set the lounge aircon to 21")
    model.enqueue({"api": "smart_home.set_temperature", "args": {"temperature": 23, "device_type": "thermostat"}})
    assistant.handle(follow_up)
    temperatures = {d["id"]: d["attributes"]["temperature"] for d in list_devices(assistant.db)}
    assert temperatures["climate.heater"] == 20 and temperatures["climate.aircon"] > 21


def test_a_colour_the_model_wrote_into_the_device_phrase_is_still_set(tmp_path):
    db = smart_home_db(COLOURED, tmp_path)
    assert call_smart_home(db, "set_brightness", "star nightlight pink at twenty percent please", brightness=20,
                           device="star nightlight pink").ok
    assert (attributes(db, "light.star")["color"], attributes(db, "light.star")["brightness"]) == ("pink", 20)


def test_a_kind_of_two_words_said_with_a_room_is_the_device_of_that_name(tmp_path):
    db = smart_home_db(HOME + """  - {name: Snug Ceiling Fan, id: fan.snug_ceiling, area: snug, state: "off", attributes: {percentage: 0}}
  - {name: Snug Ceiling Light, id: light.snug_ceiling, area: snug, state: "off", attributes: {brightness: 100}}
""", tmp_path)
    assert call_smart_home(db, "turn_on", "snug ceiling light on", device="ceiling light", device_type="light").ok
    assert on(db) == {"light.snug_ceiling"}


@pytest.mark.parametrize("said, timeless", [
    ("how many players are on a hockey team", True),
    ("who won the world cup in 1966", True),
    ("why is it so windy in wellington", True),
    ("who won the game last night", False),
    ("what's the weather like in wellington", False),
    ("how much is a flight to tokyo", False),
    ("has my parcel been delivered", False),
    ("turn on the lamp", False),
])
def test_a_question_general_knowledge_answers_any_day_is_timeless(said, timeless):
    from assistant.routing.timeless import timeless_question
    assert timeless_question(said) is timeless


def test_a_timeless_question_the_model_declines_is_answered_by_the_chat(tmp_path):
    from assistant import testing
    assistant = testing.scripted_assistant(tmp_path / "state.db", classifier=testing.FixedClassifier("chat"))
    model = testing.confirmer(assistant)
    model.enqueue({"api": "decline"})
    reply = assistant.handle("how many players are on a hockey team")
    assert not reply.declined and reply.expert == "chat"
    model.enqueue({"api": "decline"})
    assert assistant.handle("who won the hockey game last night").declined


def test_a_name_said_in_the_plural_is_not_that_device_alone(tmp_path):
    db = smart_home_db(KITCHEN.replace("Kitchen Downlights", "Kitchen Light"), tmp_path)
    assert call_smart_home(db, "turn_on", "turn on the kitchen lights", area="kitchen", device_type="light").ok
    assert on(db) == {"light.downlights", "light.pendants"}
