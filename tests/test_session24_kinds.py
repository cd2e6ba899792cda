"""Session 24's kinds (no evaluation sentence): a device called by words its name does not use;
durations, clock times and follow-ups said in Spanish or French; two timers or two reminders in one
request; time put on a timer when none runs; a word left for someone of the household; the light
of a room called by another name."""
from datetime import datetime

import pytest

from assistant import testing
from assistant.languages import abroad
from assistant.routing import fastpath
from assistant.experts import notifications, timers, watches
from assistant.experts.smart_home.apis import requires_confirmation, targets
from assistant.languages.foreign_time import in_english
from assistant.languages.foreign_time import in_english as foreign_in_english
from assistant.messages import Request
from assistant.splitting import split_requests
from assistant.timeparse import parse_duration
from assistant.words import command
from tests.conftest import smart_home_db

HOME = """
floors:
  - {name: Ground Floor, id: ground, level: 0}
  - {name: Upstairs, id: up, level: 1}
areas:
  - {name: Kitchen, id: kitchen, floor: ground}
  - {name: Scullery, id: scullery, floor: ground}
  - {name: Snug, id: snug, floor: ground}
  - {name: Garage, id: garage}
  - {name: Garden, id: garden}
  - {name: Study, id: study, floor: up}
  - {name: Bathroom, id: bath, floor: up}
entities:
  - {name: Beverage Fridge, id: switch.bev_fridge, area: kitchen, state: "on"}
  - {name: Kitchen Fridge, id: switch.kitchen_fridge, area: kitchen, state: "on"}
  - {name: Chest Freezer, id: switch.chest_freezer, area: garage, state: "on"}
  - {name: Espresso Machine, id: switch.espresso, area: kitchen, state: "off"}
  - {name: Tumble Dryer, id: switch.dryer, area: scullery, state: "off"}
  - {name: Washing Machine, id: switch.washer, area: scullery, state: "off"}
  - {name: Sump Pump, id: switch.sump, area: garage, state: "off"}
  - {name: Pond Pump, id: switch.pond_pump, area: garden, state: "off"}
  - {name: Aquarium Light, id: light.aquarium, area: snug, state: "off", attributes: {brightness: 100}}
  - {name: Reading Lamp, id: light.reading, area: snug, state: "off", attributes: {brightness: 100}}
  - {name: Heated Towel Rail, id: switch.towel_rail, area: bath, state: "off"}
  - {name: Christmas Lights, id: light.xmas, area: garden, state: "off", attributes: {brightness: 100}}
  - {name: Path Lights, id: light.path, area: garden, state: "off", attributes: {brightness: 100}}
  - {name: Study Lamp, id: light.study, area: study, state: "off", attributes: {brightness: 100}}
  - {name: Left Bunk Light, id: light.bunk_left, area: study, state: "off", attributes: {brightness: 100}}
  - {name: Right Bunk Light, id: light.bunk_right, area: study, state: "off", attributes: {brightness: 100}}
  - {name: Bike Padlock, id: lock.bike_padlock, area: garden, state: locked}
"""


@pytest.fixture
def home_db(tmp_path):
    return smart_home_db(HOME, tmp_path)


def _meant(db, device, api="turn_on"):
    said = f"{api.replace('_', ' ')} the {device}"
    found = targets(db, api, {"device": device}, said=said)
    return found, requires_confirmation(db, api, {"device": device}, said=said)


# -- a device called by words its name does not use -------------------------------------------------
@pytest.mark.parametrize("device, meant", [
    ("drinks fridge", "switch.bev_fridge"), ("soda fridge", "switch.bev_fridge"),
    ("fish light", "light.aquarium"), ("xmas lights", "light.xmas"), ("towel warmer", "switch.towel_rail"),
])
def test_a_modifier_that_means_one_devices_own_words_acts_on_it(home_db, device, meant):
    found, asked = _meant(home_db, device)
    assert [d.id for d in found.devices] == [meant] and asked is None


def test_a_likely_but_unsure_meaning_asks_did_you_mean(home_db):
    found, asked = _meant(home_db, "coffee maker")  # espresso is near coffee, but washing is not far
    assert [d.id for d in found.devices] == ["switch.espresso"]
    assert asked == "did you mean the Espresso Machine"


def test_a_phrase_whose_head_the_home_never_uses_is_only_offered(home_db):
    found, asked = _meant(home_db, "washer")
    assert asked == "did you mean the Washing Machine"


def test_two_equally_near_devices_ask_which(home_db):
    found, _ = _meant(home_db, "bunk bed light")
    assert not found.devices and found.which is not None
    assert set(found.which.choices) == {"light.bunk_left", "light.bunk_right"}


def test_nothing_near_stays_a_missing_device(home_db):
    found, asked = _meant(home_db, "porch light")
    assert not found.devices and "porch light" in found.problem and asked is None


def test_a_lock_called_by_another_word_asks_before_it_unlocks(home_db):
    found, asked = _meant(home_db, "bicycle padlock", api="unlock")
    assert [d.id for d in found.devices] == ["lock.bike_padlock"]
    assert asked is not None


def test_a_meant_device_is_switched_after_the_yes(tmp_path):
    path = tmp_path / "home.yaml"
    path.write_text(HOME)
    assistant = testing.scripted_assistant(tmp_path / "state.db", home=path,
                                           classifier=testing.FixedClassifier("smart_home"))
    testing.confirmer(assistant).enqueue({"api": "smart_home.turn_on", "args": {"device": "coffee maker"}})
    reply = assistant.handle("switch on the coffee maker")
    assert reply.needs_confirmation and "Espresso Machine" in reply.reply
    assistant.handle("yes")
    devices = {d["id"]: d["state"] for d in assistant.registry.service("list_devices")(assistant.db)}
    assert devices["switch.espresso"] == "on"


# -- durations in Spanish and French ------------------------------------------------------------------
@pytest.mark.parametrize("said, seconds", [
    ("doce minutos", 720), ("tres horas", 10800), ("cuarenta y cinco segundos", 45), ("media hora", 1800),
    ("dos horas y media", 9000), ("neuf minutes", 540), ("une heure et quart", 4500),
    ("trente-cinq secondes", 35), ("un quart d'heure", 900), ("7 minutos", 420),
])
def test_spanish_and_french_durations_parse(said, seconds):
    assert parse_duration(said) == seconds


@pytest.mark.parametrize("said, english", [
    ("turn the heater off en veinte minutos", "turn the heater off in 20 minutes"),
    ("put a timer on for onze minutes", "put a timer on for 11 minutes"),
    ("remind me dans deux heures to move the car", "remind me in 2 hours to move the car"),
])
def test_a_foreign_duration_inside_an_english_request_is_read_as_english(said, english):
    assert in_english(said) == english


@pytest.mark.parametrize("said", ["once a day remind me to stretch", "what's la hora", "dos and don'ts",
                                  "set a timer for nine minutes"])
def test_english_and_words_without_a_number_stay_as_said(said):
    assert in_english(said).replace("9", "nine") == said


# -- two timers or two reminders in one request ------------------------------------------------------
@pytest.mark.parametrize("said, parts", [
    ("start a bread timer for 40 minutes and a soup timer for 15",
     ["start a bread timer for 40 minutes", "start a soup timer for 15 minutes"]),
    ("set a timer for the eggs, 6 minutes, and one for the toast, 3 minutes",
     ["set a timer for the eggs, 6 minutes", "set a timer for the toast, 3 minutes"]),
    ("start a pasta timer for 9 minutes and a garlic bread one for 6", None),
    ("set an alarm for 6 and one for 6:20", ["set an alarm for 6", "set an alarm for 6:20"]),
])
def test_a_second_timer_said_without_its_verb_is_a_request_of_its_own(said, parts):
    got = split_requests(said)
    assert len(got) == 2 if parts is None else got == parts


def test_two_reminders_each_with_its_own_time_are_two_requests():
    assert split_requests("remind me to water the ferns at 4 and to lock the shed at 9") == [
        "remind me to water the ferns at 4", "remind me to lock the shed at 9"]
    assert split_requests("remind me on monday to renew the permit and on friday to pay rent") == [
        "remind me on monday to renew the permit", "remind me on friday to pay rent"]


def test_a_reminder_with_one_time_for_two_things_stays_one():
    said = "remind me to feed the dog and to walk her at 5"
    assert split_requests(said) == [said]


# -- time put on a timer when none runs ---------------------------------------------------------------
def test_time_put_on_the_timer_when_none_runs_starts_one_whatever_name_the_model_wrote():
    ctx = testing.expert_context(timers.EXPERT, said="throw 12 minutes on the timer, the rice needs it")
    result = timers.add_time(ctx, duration="12 minutes", name="rice")
    assert result.ok and result.data["duration_s"] == 720


def test_time_put_on_a_named_timer_that_is_not_there_is_not_made_up():
    ctx = testing.expert_context(timers.EXPERT, said="add 5 minutes to the rice timer")
    assert not timers.add_time(ctx, duration="5 minutes", name="rice").ok


# -- clock times and days said in Spanish or French ----------------------------------------------------
@pytest.mark.parametrize("said, english", [
    ("wake me a las seis y cuarto", "wake me at 6:15"),
    ("remind me to water the tomatoes a las nueve menos cuarto", "remind me to water the tomatoes at 8:45"),
    ("set an alarm for cinq heures et demie", "set an alarm for 5:30"),
    ("turn the porch light on demain à huit heures", "turn the porch light on tomorrow at 8"),
    ("remind me pasado mañana to renew the car rego", "remind me the day after tomorrow to renew the car rego"),
    ("put the kettle on a las once de la noche", "put the kettle on at 11 pm"),
])
def test_a_foreign_clock_time_or_day_is_read_as_english(said, english):
    assert in_english(said) == english


def test_hours_and_a_quarter_on_a_timer_stay_a_duration():
    assert parse_duration(in_english("a timer for trois heures et quart")[len("a timer for "):]) == 11700


# -- a follow-up said in Spanish or French ---------------------------------------------------------------
@pytest.mark.parametrize("said, english", [
    ("y la lámpara del comedor también", "and the dining room lamp too"),
    ("et le ventilateur de la cuisine aussi", "and the kitchen fan too"),
    ("y las persianas de la sala también", "and the living room blinds too"),
    ("et la lumière de la chambre des enfants aussi", "and the kids bedroom light too"),
    ("y el calentador de agua también", "and the water heater too"),
    ("et les rideaux aussi", "and the curtains too"),
])
def test_and_the_thing_too_in_spanish_or_french_is_read_as_english(said, english):
    assert abroad.in_english(said) == english


@pytest.mark.parametrize("said", ["y mañana también", "et la voiture aussi", "and radio too",
                                  "and the porch light too", "y que más"])
def test_other_words_and_english_follow_ups_stay_as_said(said):
    assert abroad.in_english(said) == said


# -- a word left for someone of the household ---------------------------------------------------------
@pytest.mark.parametrize("said, who", [
    ("tell Priya the plumber rang back", "priya"), ("let grandpa know lunch is at one", "grandpa"),
    ("could you tell my brother the car keys are on the hook", "my brother"),
    ("leave a note for Tomas: feed the cat before school", "tomas"),
])
def test_a_message_for_someone_in_the_household_is_an_announcement(said, who):
    decision = notifications.propose(Request(said, command(said), datetime(2027, 1, 5, 9)))
    assert decision is not None and decision.api == "announce" and decision.args.get("to") == who


def test_a_message_for_everyone_after_a_colon_is_an_announcement():
    said = "send a message to everyone: the water is off until noon"
    decision = notifications.propose(Request(said, command(said), datetime(2027, 1, 5, 9)))
    assert decision.args == {"message": "the water is off until noon"}


@pytest.mark.parametrize("said", ["tell me a joke", "tell me the time", "let me know when the door opens",
                                  "tell him I said hi", "tell a story about dragons"])
def test_telling_the_assistant_or_a_pronoun_is_no_announcement(said):
    assert notifications.propose(Request(said, command(said), datetime(2027, 1, 5, 9))) is None


# -- "the <room> light" is the room's own light, not every light there -----------------------------------
def test_the_light_of_a_room_called_by_another_name_is_its_own_light(tmp_path):
    db = smart_home_db("""
areas:
  - {name: Verandah, id: verandah}
entities:
  - {name: Verandah Light, id: light.verandah_light, area: verandah, state: "off", attributes: {brightness: 100}}
  - {name: Fairy Lights, id: light.fairy_lights, area: verandah, state: "off", attributes: {brightness: 100}}
""", tmp_path)
    found = targets(db, "turn_on", {"device": "porch light"}, said="switch the porch light on")
    assert [d.id for d in found.devices] == ["light.verandah_light"]
    both = targets(db, "turn_on", {"device": "porch lights"}, said="switch the porch lights on")
    assert {d.id for d in both.devices} == {"light.verandah_light", "light.fairy_lights"}


# -- a short home request said in Spanish or French -------------------------------------------------------
@pytest.mark.parametrize("said, english", [
    ("allume la lampe du bureau", "turn on the office lamp"),
    ("éteins les lumières en bas", "turn off the lights downstairs"),
    ("ouvre les stores de la cuisine", "open the blinds in the kitchen"),
    ("ferme la lumière du couloir", "turn off the hallway light"),
    ("enciende el ventilador del dormitorio", "turn on the bedroom fan"),
    ("apaga la tele de la sala", "turn off the living room tv"),
    ("baisse le chauffage à 18", "set the heating to 18"),
    ("prende las luces aquí", "turn on the lights here"),
])
def test_a_short_spanish_or_french_command_is_read_as_english(said, english):
    assert abroad.in_english(said) == english


@pytest.mark.parametrize("said, english", [
    ("quelle heure est-il", "what time is it"), ("¿qué hora es?", "what time is it"),
    ("on est quel jour", "what's the date today"),
    ("switch off el calentador please", "switch off the heater please"),
])
def test_clock_questions_and_things_named_inside_english_are_read_as_english(said, english):
    assert abroad.in_english(said) == english


@pytest.mark.parametrize("said", ["allume", "La Niña is coming", "le chat est là", "apaga todo ya",
                                  "open the garage door"])
def test_what_is_no_such_frame_stays_as_said(said):
    assert abroad.in_english(said) == said


# -- a thing of the home written as the place -----------------------------------------------------------
def test_a_thing_written_as_the_area_is_the_device(home_db):
    found = targets(home_db, "turn_on", {"area": "the espresso machine", "device_type": "heater"},
                    said="and the espresso machine too")
    assert [d.id for d in found.devices] == ["switch.espresso"]
    found = targets(home_db, "turn_on", {"area": "the garden pump"}, said="and the garden pump too")
    assert [d.id for d in found.devices] == ["switch.pond_pump"]


def test_a_family_room_is_a_den_not_the_living_room_when_both_are_there(tmp_path):
    db = smart_home_db("""
areas:
  - {name: Front Room, id: front_room}
  - {name: Family Room, id: family_room}
entities:
  - {name: Front Room Light, id: light.front, area: front_room, state: "off", attributes: {brightness: 100}}
  - {name: Family Room Light, id: light.family, area: family_room, state: "off", attributes: {brightness: 100}}
""", tmp_path)
    found = targets(db, "turn_on", {"device_type": "light", "area": "living room"}, said="lights on in the living room")
    assert [d.id for d in found.devices] == ["light.front"]


@pytest.mark.parametrize("said, english", [
    ("rappelle-moi d'appeler le garagiste demain", "remind me to appeler le garagiste tomorrow"),
    ("recuérdame regar las plantas", "remind me to regar las plantas"),
    ("souviens-toi que la clé est sous le pot", "remember that la clé est sous le pot"),
    ("mets une minuterie de 8 minutes", "set a timer for 8 minutes"),
    ("oublie ça", "never mind"), ("repite por favor", "say that again"),
    ("déverrouille la porte d'en avant", "unlock the front door"),
    ("éteins la télé et allume la lampe du salon", "turn off the tv and turn on the living room lamp"),
])
def test_reminders_facts_timers_and_two_commands_said_in_spanish_or_french(said, english):
    assert abroad.in_english(foreign_in_english(said)) == english


# -- an alert on something to come is a watch -------------------------------------------------------------
@pytest.mark.parametrize("said, watch", [
    ("let me know if the shed door opens", True), ("notify me when the dryer finishes", True),
    ("tell me when it drops below zero outside", True), ("can you alert me as soon as the kids get home", True),
    ("tell me if the back door is locked", False), ("let me know when 10 minutes are up", False),
    ("tell me when is the bin day", False),
])
def test_an_alert_on_something_to_come_is_cued_as_a_watch(said, watch):
    assert any(cue.search(said) for cue in watches.CUES) == watch


# -- yes and no in Quebec French, Haitian Creole and Spanish ------------------------------------------------
@pytest.mark.parametrize("said, api", [
    ("ouin, vas-y", "confirm"), ("ben oui", "confirm"), ("wi, tanpri", "confirm"), ("bien sûr", "confirm"),
    ("allez-y", "confirm"), ("sí, adelante", "confirm"), ("non merci", "deny"), ("pantoute", "deny"),
    ("ben non", "deny"),
])
def test_yes_and_no_in_french_creole_and_spanish_answer_a_confirmation(said, api):
    decision = fastpath.match(said)
    assert decision is not None and decision.source == "confirmation" and decision.api == api


def test_words_a_model_leaves_in_a_device_phrase_are_dropped_without_a_question(home_db):
    found, asked = _meant(home_db, "bike padlock then", api="lock")
    assert [d.id for d in found.devices] == ["lock.bike_padlock"] and asked is None


def test_a_question_about_a_thing_only_offered_by_meaning_stays_unknown(home_db):
    found = targets(home_db, "query", {"device": "coffee maker"}, said="is the coffee maker on")
    assert not found.devices and found.problem
    sure = targets(home_db, "query", {"device": "drinks fridge"}, said="is the drinks fridge on")
    assert [d.id for d in sure.devices] == ["switch.bev_fridge"]
