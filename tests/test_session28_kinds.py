"""Session 28's kinds (no evaluation sentence): a second thing named in the same call as the first,
found in the room the call names; a qualifier a document question says too is no other of its kind."""
import pytest

from assistant.experts.smart_home import list_devices
from tests.conftest import call_smart_home, smart_home_db

TWO_BATHS = """
areas:
  - {name: Wet Room, id: wet}
  - {name: En Suite, id: ensuite}
entities:
  - {name: Heated Rail, id: switch.rail_wet, area: wet, state: "off"}
  - {name: Heated Rail, id: switch.rail_ensuite, area: ensuite, state: "off"}
  - {name: Vent Fan, id: fan.vent_wet, area: wet, state: "off"}
  - {name: Vent Fan, id: fan.vent_ensuite, area: ensuite, state: "off"}
  - {name: Spot Lights, id: light.spots_wet, area: wet, state: "off", attributes: {brightness: 0}}
  - {name: Mirror Light, id: light.mirror_ensuite, area: ensuite, state: "off", attributes: {brightness: 0}}
"""


def _on(db) -> set[str]:
    return {d["id"] for d in list_devices(db) if d["state"] == "on"}


def test_a_second_name_is_found_in_the_room_the_call_names(tmp_path):
    db = smart_home_db(TWO_BATHS, tmp_path)
    said = "switch the heated rail and the vent fan on in the wet room"
    result = call_smart_home(db, "turn_on", said, device="heated rail", area="wet room")
    assert result.ok, result.reply
    assert _on(db) == {"switch.rail_wet", "fan.vent_wet"}


def test_a_second_name_of_a_kind_is_found_in_the_room_too(tmp_path):
    db = smart_home_db(TWO_BATHS, tmp_path)
    result = call_smart_home(db, "turn_on", "turn on the vent fan and the light in the wet room",
                             device="vent fan", area="wet room")
    assert result.ok, result.reply
    assert _on(db) == {"fan.vent_wet", "light.spots_wet"}


def test_without_a_room_an_ambiguous_second_name_is_not_joined(tmp_path):
    db = smart_home_db(TWO_BATHS, tmp_path)
    result = call_smart_home(db, "turn_on", "turn on the spot lights and the vent fan", device="spot lights")
    assert _on(db) == {"light.spots_wet"}, result.reply


def test_a_qualifier_the_question_says_too_is_no_other_of_its_kind():
    from assistant.knowledge.answer import _contrasted
    from tests.knowledge_kit import WordsEmbedder

    context = "Fees Winter subs: 40 GBP per player, due by 1 December."
    assert not _contrasted("hockey", "how much are the hockey subs for the winter", context, WordsEmbedder())
    assert _contrasted("hockey", "how much are the hockey subs for the summer", context, WordsEmbedder())


def test_a_thing_meant_instead_is_the_one_in_the_room_of_the_thing_before(tmp_path):
    from assistant.experts.smart_home.commands import other_target
    db = smart_home_db(TWO_BATHS, tmp_path)
    assert other_target("turn_on", {"device": "spot lights", "area": "wet room"}, "the vent fan", db) == \
        {"device": "fan.vent_wet"}
    assert other_target("turn_on", {"device": "spot lights"}, "the vent fan", db) == {"device": "fan.vent_wet"}
    # a thing the room has not is the user's words, wherever it is
    assert other_target("turn_on", {"device": "spot lights"}, "the mirror light", db) == {"device": "the mirror light"}


def test_minutes_past_or_to_with_no_hour_are_of_the_corrected_times_hour():
    from datetime import datetime

    from assistant.routing.correction import corrected_time

    was, now = datetime(2026, 12, 11, 7, 0), datetime(2026, 12, 10, 21, 10)
    assert corrected_time(was, "quarter past", now) == datetime(2026, 12, 11, 7, 15)
    assert corrected_time(was, "ten to", now) == datetime(2026, 12, 11, 6, 50)
    assert corrected_time(was, "twenty five minutes past", now) == datetime(2026, 12, 11, 7, 25)
    assert corrected_time(datetime(2026, 12, 11, 6, 30), "quarter to", now) == datetime(2026, 12, 11, 6, 45)
    # today's time gone by: tomorrow's
    assert corrected_time(datetime(2026, 12, 10, 21, 30), "quarter past", datetime(2026, 12, 10, 21, 20)) \
        == datetime(2026, 12, 11, 21, 15)
    assert corrected_time(was, "half to", now) is None


PANEL_HOME = """
areas:
  - {name: Hall, id: hall}
entities:
  - {name: Security Panel, id: alarm_control_panel.panel, area: hall, state: disarmed}
  - {name: Hall Light, id: light.hall, area: hall, state: "off"}
"""


def test_whether_the_alarm_is_set_is_the_homes_alarm_panel_but_my_alarm_is_the_wake_up_one(tmp_path):
    from assistant.experts.smart_home import apis
    db = smart_home_db(PANEL_HOME, tmp_path)
    for asked in ("is the alarm set", "is the security panel armed?", "is the alarm on"):
        assert apis.claims(db, asked), asked
    for other in ("is my alarm set", "is the timer set", "is the table set", "is the alarm set for 7"):
        assert not apis.claims(db, other), other


@pytest.mark.parametrize("said, meant", [("buzz the courier in", "unlock the door"),
                                         ("could you buzz in the plumber please", "could you unlock the door"),
                                         ("ok buzz her in", "ok unlock the door")])
def test_someone_buzzed_in_is_the_door_unlocked(said, meant):
    from assistant.languages.dialect import plain_words
    assert plain_words(said) == meant


@pytest.mark.parametrize("said", ["my phone will buzz in my pocket", "there's a buzz in the kitchen",
                                  "the doorbell buzzed in the night"])
def test_a_buzz_that_lets_nobody_in_stays(said):
    from assistant.languages.dialect import plain_words
    assert plain_words(said) == said


@pytest.mark.parametrize("said, meant", [
    ("súbele al ventilador al máximo", "set the fan to max"),
    ("bájale a la tele", "turn down the tv"),
    ("ponle el calentador a veintiuno", "set the heater to 21"),
    ("prende la chimenea ahorita", "turn on the fireplace now"),
    ("enciende la luz del cuarto de Sofía por favor", "turn on Sofía's room light please"),
    ("apaga todas las luces del comedor", "turn off all the lights in the dining room"),
    ("pon la tele", "turn on the tv"),
])
def test_a_spanish_command_with_its_pronoun_number_words_owner_and_closing_words(said, meant):
    from assistant.languages.abroad import in_english
    assert in_english(said) == meant


@pytest.mark.parametrize("said, meant", [
    ("uy, qué frío hace en la sala", "it's cold in the living room"),
    ("qué oscuro está aquí", "it's dark in here"),
    ("dile a Tomás que ya llegué", "tell Tomás that ya llegué"),
    ("avísale a Nico que la comida está lista", "let Nico know that la comida está lista"),
    ("quita el pan de la lista de compras", "remove el pan from the shopping list"),
    ("agrega café y azúcar a la lista del mandado", "add café and azúcar to the shopping list"),
    ("cancela la alarma", "cancel the alarm"),
])
def test_spanish_feelings_messages_lists_and_cancelling(said, meant):
    from assistant.languages.abroad import in_english
    assert in_english(said) == meant


def test_a_spanish_reminder_says_how_often_and_its_time_before_what():
    from assistant.languages.abroad import in_english
    from assistant.languages.foreign_time import in_english as times_in_english
    said = times_in_english("recuérdame cada jueves a las siete sacar la basura")
    assert in_english(said) == "remind me every thursday at 7 to sacar la basura"
    assert times_in_english("todas las noches a las diez") == "every night at 10"


@pytest.mark.parametrize("said", ["my phone will buzz in my pocket", "the patio is nice ahora"])
def test_english_with_a_spanish_word_stays(said):
    from assistant.languages.abroad import in_english
    assert in_english(said) == said


POOL_HOME = """
areas:
  - {name: Pool, id: pool}
entities:
  - {name: Pool Temperature, id: sensor.pool_temperature, area: pool, state: "81", attributes: {unit_of_measurement: °F}}
  - {name: Pool Light, id: light.pool, area: pool, state: "off", attributes: {brightness: 0, color: aqua}}
"""


def test_what_a_thing_of_the_home_reads_is_the_smart_homes(tmp_path):
    from assistant.experts.smart_home import apis
    db = smart_home_db(POOL_HOME, tmp_path)
    assert apis.claims(db, "what's the pool at") and apis.claims(db, "what is the pool temperature reading now")
    for other in ("what's the score at", "what's the timer at", "what's the stock market at"):
        assert not apis.claims(db, other), other


def test_a_misheard_colour_is_the_colour_it_sounds_like(tmp_path):
    from assistant.clock import Clock
    from assistant.context import ExpertContext
    from assistant.experts.smart_home import EXPERT
    from assistant.messages import Utterance
    from datetime import datetime
    db = smart_home_db(POOL_HOME, tmp_path)
    spec = EXPERT.api("set_color")
    said = Utterance(text="set the pool light to read", source="voice")
    result = spec.func(ExpertContext(db=db, clock=Clock(datetime(2027, 3, 1, 20)), utterance=said),
                       **spec.validate({"color": "read", "device": "pool light"}))
    assert result.ok, result.reply
    assert next(d for d in list_devices(db) if d["id"] == "light.pool")["attributes"]["color"] == "red"


@pytest.mark.parametrize("heard, colour", [("blew", "blue"), ("reed", "red"), ("grin", "green"), ("bread", None),
                                           ("rainbow", None)])
def test_a_colour_is_heard_only_when_one_sounds_alike_and_no_other_comes_close(heard, colour):
    from assistant.experts.smart_home.sounds_like import heard_colour
    assert heard_colour(heard) == colour


def test_a_change_asked_of_a_device_named_in_full_is_the_smart_homes(tmp_path):
    from assistant.experts.smart_home import apis
    db = smart_home_db(POOL_HOME, tmp_path)
    assert apis.claims(db, "make the pool light rainbow") and apis.claims(db, "could you turn the pool light purple")
    for other in ("put the pool light on my shopping list", "make the pool light", "make the bed",
                  "turn the page"):
        assert not apis.changes_a_named_device(db, other), other


@pytest.mark.parametrize("asked", ["was there motion on the porch tonight", "were the pool lights on last night",
                                   "was the gate open earlier"])
def test_what_was_so_at_a_time_gone_by_is_a_question_of_the_past(asked):
    from assistant.experts.smart_home.vocab import PAST_QUESTION
    assert PAST_QUESTION.search(asked)


def test_what_is_so_now_is_no_question_of_the_past():
    from assistant.experts.smart_home.vocab import PAST_QUESTION
    assert not PAST_QUESTION.search("is there motion on the porch") and not PAST_QUESTION.search("was that the gate")


@pytest.mark.parametrize("said, colour", [("make the pool light blew", "blew"), ("turn the pool light to purple", "purple"),
                                          ("set the pool light reed please", "reed")])
def test_a_colour_said_after_the_light_is_set_however_the_model_switched_it(said, colour):
    from assistant.experts.smart_home.apis import coloured_as_said
    assert coloured_as_said("turn_off", {"device": "pool light"}, said) == \
        ("set_color", {"device": "pool light", "color": colour})


@pytest.mark.parametrize("said", ["turn the pool light off", "make the pool light warm", "turn the pool light cold",
                                  "turn the pool light on please", "switch the pool light off"])
def test_no_colour_is_heard_in_a_switch_or_a_white(said):
    from assistant.experts.smart_home.apis import coloured_as_said
    assert coloured_as_said("turn_off", {"device": "pool light"}, said) is None


@pytest.mark.parametrize("said, meant", [
    ("sí, papi", "yes"), ("claro", "yes"), ("no, mija", "no"), ("uy, deshazlo", "undo that"),
    ("mejor ahora mismo", "do it now"), ("ponme una alarma", "set an alarm"),
    ("y apaga la de la cocina", "and turn off the one in the kitchen"),
    ("y también aguacates", "and aguacates too"),
    ("súbele el volumen a treinta", "turn it up to 30"), ("ponme un recordatorio", "set a reminder"),
])
def test_spanish_answers_and_follow_ups(said, meant):
    from assistant.languages.abroad import in_english
    assert in_english(said) == meant


def test_a_games_score_is_live_news_this_assistant_lacks_but_a_reminder_about_it_is_a_reminder():
    from assistant.app import default_registry
    from assistant.routing.cues import pinned_expert
    from assistant.routing.examples import NONE
    registry = default_registry()
    assert pinned_expert(registry, "whats the rangers score rn") == NONE
    assert pinned_expert(registry, "remind me to check the scores at 9") == "reminders"
    assert pinned_expert(registry, "add score cards to the shopping list") != NONE


def test_what_is_to_come_that_no_camera_saw_is_not_the_events():
    from datetime import datetime
    from assistant.experts import events, memory
    from assistant.storage import open_database
    db = open_database(":memory:", [*events.EXPERT.migrations, *memory.EXPERT.migrations])
    assert events.foreign(db, "last", {"what": "pool guy comes"}, "when does the pool guy come")
    assert not events.foreign(db, "last", {"what": "pool guy"}, "when did the pool guy come")
    events.add_event(db, "camera.gate", "pool guy arrived", None, datetime(2027, 3, 1, 10))
    assert not events.foreign(db, "last", {"what": "pool guy"}, "when does the pool guy come")


def test_the_words_of_to_the_lists_name_are_no_items_and_stuff_alone_is_asked(tmp_path):
    from assistant.experts.lists import EXPERT
    from assistant.clock import Clock
    from assistant.context import ExpertContext
    from assistant.messages import Utterance
    from assistant.storage import open_database
    from datetime import datetime
    db = open_database(":memory:", EXPERT.migrations)
    spec = EXPERT.api("add")
    ctx = ExpertContext(db=db, clock=Clock(datetime(2027, 3, 1, 9)),
                        utterance=Utterance(text="add stuff to the garden centre list"))
    result = spec.func(ctx, **spec.validate({"items": ["stuff", "to", "garden", "centre"], "list_name": "garden centre"}))
    assert not result.ok and result.missing == "items"
    ctx = ExpertContext(db=db, clock=Clock(datetime(2027, 3, 1, 9)),
                        utterance=Utterance(text="add compost and garden twine to the garden centre list"))
    result = spec.func(ctx, **spec.validate({"items": ["compost", "garden twine"], "list_name": "garden centre"}))
    assert result.ok and result.data["added"] == ["compost", "garden twine"]


def test_a_thing_of_which_the_home_has_one_is_that_one_whatever_room_came_before(tmp_path):
    from assistant.experts.smart_home.commands import other_target
    db = smart_home_db(TWO_BATHS, tmp_path)
    assert other_target("turn_on", {"device": "vent fan", "area": "en suite"}, "the spot lights", db) == \
        {"device": "the spot lights"}


def test_a_word_of_the_homes_names_is_its_own_in_a_spanish_request():
    from assistant.languages.abroad import in_english
    names = lambda: ["Foyer Light", "Florida Room", "Lanai Fan"]  # noqa: E731
    assert in_english("y prende la del foyer", names) == "and turn on the one in the foyer"
    assert in_english("apaga la luz del florida room", names) == "turn off the florida room light"
    assert in_english("apaga el ventilador del lanai", names) == "turn off the lanai fan"
    assert not in_english("apaga el ventilador del lanai").startswith("turn off")  # (no such home word)


def test_a_call_of_another_expert_with_words_nobody_said_loses_to_the_rules_proposal(tmp_path):
    from assistant import testing
    from assistant.messages import Decision, Utterance
    from assistant.plan import Plan
    from tests.conftest import DEV_HOME
    assistant = testing.scripted_assistant(tmp_path / "s.db", home=DEV_HOME)
    plan = Plan(Utterance(text="what's on in the house right now"))
    plan.proposal = Decision(expert="smart_home", api="query", args={}, source="router")
    made_up = Decision(expert="events", api="last", args={"what": "kids get home"}, source="confirmer")
    assert assistant._faithful(plan, made_up) == plan.proposal
    said = Decision(expert="events", api="last", args={"what": "house"}, source="confirmer")
    assert assistant._faithful(plan, said) == said  # (the user's words: the model's call stands)


@pytest.mark.parametrize("said, command", [("open the close door for the pizza guy", "open the close door"),
                                           ("can you unlock the gate for my mum please", "can you unlock the gate"),
                                           ("buy a gift for the delivery guy", "buy a gift for the delivery guy"),
                                           ("set a timer for the kids", "set a timer for the kids")])
def test_whom_a_door_is_opened_for_is_no_part_of_the_command(said, command):
    from assistant.asides import without_reason
    assert without_reason(said) == command


def test_the_one_in_a_room_is_its_kind_there(tmp_path):
    db = smart_home_db(TWO_BATHS, tmp_path)
    result = call_smart_home(db, "turn_on", "and turn on the one in the wet room", device="one",
                             device_type="light", area="wet room")
    assert result.ok, result.reply
    assert _on(db) == {"light.spots_wet"}


def test_in_law_is_one_word_whose_in_is_no_preposition():
    from assistant.experts.smart_home.vocab import tokens
    assert tokens("the in-law apartment") == ["the", "inlaw", "apartment"]
    assert tokens("the light in lawn") == ["the", "light", "in", "lawn"]


def test_spanish_is_no_creole():
    from assistant.languages.dialect import looks_creole
    assert not looks_creole("pon la chimenea por favor") and not looks_creole("pon un timer")
    assert looks_creole("put rice pon di list")
