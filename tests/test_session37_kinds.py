"""Session 37's kinds (no evaluation sentence; lines written for them)."""
from datetime import datetime

import pytest

from assistant.experts import knowledge
from assistant.knowledge.answer import content_words


# -- a question's own framing names nothing the documents must have ---------------------------------------
@pytest.mark.parametrize("said, named", [
    ("what does F22 mean on the boiler", {"f22", "boiler"}),
    ("what's wrong with the tumble dryer", {"tumble", "dryer"}),
    ("the oven keeps saying E3", {"oven", "keep", "e3"}),
    ("have we got anything to bring to the picnic", {"bring", "picnic"}),
])
def test_the_words_a_question_asks_with_are_no_content(said, named):
    assert set(content_words(said)) == named


# -- a question said as "have we got", or after what the user tells ---------------------------------------
@pytest.mark.parametrize("said", [
    "has Tom got football practice this week", "have we got to bring anything to the picnic",
    "have I got the dentist on friday", "the boiler's showing F22, what does that mean",
    "the dog's been sick again; when's his next jab", "washing machine says E3 - what do I do",
])
def test_a_question_is_heard_as_one(said):
    assert knowledge.asks(said) and knowledge.about_papers(said)


@pytest.mark.parametrize("said", ["have you got a timer on", "turn the lamp off, please", "have the heating on at six",
                                  "have we paid the gas bill", "did we book the hall"])
def test_requests_and_what_the_user_did_are_not_questions_of_the_papers(said):
    assert not (knowledge.asks(said) and knowledge.about_papers(said))


# -- a line that points at a table's row, which has what the question asks for --------------------------------
MUSIC_SCHOOL = """Northgate Music School: spring term

Your pupils: Ada Marsh, Grade 4 piano on Wednesdays, account NM-4410, £96.00 for the term; Felix Marsh, Grade 2 violin on Saturdays, account NM-4411, £84.00.

Grade | Instrument | Day | Time | Room | Tutor
2 | violin | Wednesday | 16:00-16:30 | Room 3 | Mr Oduya
2 | violin | Saturday | 10:30-11:00 | Room 3 | Ms Varga
4 | piano | Wednesday | 17:15-18:00 | Room 1 | Ms Varga
4 | piano | Saturday | 11:00-11:45 | Room 1 | Mr Oduya
"""


@pytest.fixture
def music(tmp_path):
    from assistant.knowledge import MIGRATIONS, add_document
    from assistant.storage import open_database
    from tests.knowledge_kit import WordsEmbedder

    db = open_database(":memory:", MIGRATIONS)
    (tmp_path / "northgate_music.txt").write_text(MUSIC_SCHOOL)
    add_document(db, tmp_path / "northgate_music.txt", WordsEmbedder(), datetime(2027, 1, 11, 8, 0))
    return db


@pytest.mark.parametrize("said, wanted, not_wanted", [
    ("what time does Ada have piano", "17:15", "11:00"),
    ("what time does Felix have violin", "10:30", "16:00"),
    ("who is Felix's tutor", "Ms Varga", "Mr Oduya"),
])
def test_a_line_that_points_at_a_row_is_read_with_that_row(music, said, wanted, not_wanted):
    from assistant.knowledge.answer import answer
    from tests.knowledge_kit import WordsEmbedder

    reply = answer(music, said, WordsEmbedder(), datetime(2027, 1, 11, 8, 0)).reply
    assert wanted in reply and not_wanted not in reply, reply


@pytest.mark.parametrize("row, line, said", [
    ("Grade: 4 | Day: Wednesday | Time: 17:15", "Ada Marsh, Grade 4 piano on Wednesdays", 2),
    ("Grade: 4 | Day: Saturday | Time: 11:00", "Ada Marsh, Grade 4 piano on Wednesdays", 1),
    ("Grade: 2 | Day: Wednesday | Time: 16:00", "Ada Marsh, Grade 4 piano on Wednesdays, £96.00 for 2 terms", 1),
])
def test_the_cells_of_a_row_a_line_says(row, line, said):
    from assistant.knowledge.answer import keys_said
    assert keys_said(row, line) == said


def test_a_price_is_no_clock_time():
    from assistant.knowledge.answer import answer_shape
    shape = answer_shape("what time is the lesson")
    assert not shape.search("£96.00 for the term") and shape.search("starts at 17.15") and shape.search("at 9:05")


# -- French as Quebec mixes it: asides after a comma, 24-hour times, "pis", a room's things, corrections ------
QUEBEC_HOME = lambda: ["Mudroom Light", "Pantry", "Patio Door", "Woodstove", "Poêle", "Radio", "Sunroom Blinds", "Sunroom",
                       "Benoît's Lamp", "Benoît's Room", "TV", "Ventilo"]


@pytest.mark.parametrize("said, english", [
    ("Allume le poêle, on gèle icitte", "turn on the poêle"),
    ("Barre la patio door, s'il vous plaît, on part", "lock the patio door please"),
    ("Éteins la radio, merci", "turn off the radio"),
    ("Monte les stores de la sunroom", "open the sunroom blinds"),
    ("baisse les stores de la cuisine", "close the blinds in the kitchen"),
    ("éteins les lumières du garage", "turn off the lights in the garage"),
    ("éteins la lumière du garage", "turn off the garage light"),
    ("Éteins la télé pis set a timer for 20 minutes", "turn off the tv and set a timer for 20 minutes"),
    ("Rappelle-moi à 7h30 d'appeler le garage", "remind me at 7:30 to appeler le garage"),
    ("Turn on the radio, s'il vous plaît", "Turn on the radio please"),
    ("Non, dans la pantry", "no, in the pantry"),
    ("Oops, remettez-la comme c'était", "undo that"),
    ("à 19 degrés", "19 degrees"),
    ("ferme le ventilo, pis éteins la radio", "turn off the ventilo and turn off the radio"),
    ("Pis celles de Benoît aussi", "and the ones in Benoît's room too"),
    ("et celui du garage", "and the one in the garage too"),
])
def test_quebec_french_in_a_request(said, english):
    from assistant.languages import hearing
    assert hearing.in_english(said, "text", QUEBEC_HOME) == english


@pytest.mark.parametrize("said", ["apaga todo ya", "the patio is nice ahora"])
def test_spanish_closings_alone_are_left_to_the_model(said):
    from assistant.languages import hearing
    assert hearing.in_english(said, "text", QUEBEC_HOME) == said


# -- a circumstance to get ahead of is no part of the request ---------------------------------------------------
@pytest.mark.parametrize("said, command", [
    ("switch on the pipe heater before the pipes freeze", "switch on the pipe heater"),
    ("close the skylight in case it rains", "close the skylight"),
    ("turn the porch light on before my sister gets here", "turn the porch light on"),
    ("turn on the heating before 7", "turn on the heating before 7"),
    ("put the lamp on before dinner", "put the lamp on before dinner"),
])
def test_a_circumstance_to_get_ahead_of(said, command):
    from assistant.asides import without_reason
    assert without_reason(said) == command


# -- messages for people whose names have accents, and "leave X a message" --------------------------------------
@pytest.mark.parametrize("said, who, message", [
    ("tell zoé to feed the cat", "zoé", "to feed the cat"),
    ("leave a message for andré: the plumber is coming at ten", "andré", "the plumber is coming at ten"),
    ("leave maëlle a note saying the bus is at eight", "maëlle", "the bus is at eight"),
])
def test_a_message_for_someone_named_with_any_letters(said, who, message):
    from assistant.experts import notifications
    decision = notifications._announcement(said)
    assert decision.args == {"message": message, "to": who}


def test_leaving_someone_a_message_without_its_words_asks_for_them():
    from assistant.experts import notifications
    assert any(cue.match("could you leave rené a message") for cue in notifications.CUES)
    assert notifications._asked_for_only("could you leave rené a message")


# -- a shade said before a colour ---------------------------------------------------------------------------
@pytest.mark.parametrize("color, said, device, shaded", [
    ("green", "turn the strip light green, light green I mean", "strip", "lightgreen"),
    ("pink", "make the bedside lamp hot pink", "bedside lamp", "hotpink"),
    ("blue", "make the porch light blue", "porch light", "blue"),
    ("red", "set the lamp to red", "lamp", "red"),
])
def test_a_shade_said_before_a_colour(color, said, device, shaded):
    from assistant.experts.smart_home.setters import _shade_said
    assert _shade_said(color, said, device) == shaded


# -- the world outside: a transit network's service, what was just released -------------------------------------
@pytest.mark.parametrize("said, declined", [
    ("is the subway running on the yellow line", True), ("are the streetcars delayed", True),
    ("what's the latest album by adele", True), ("what's the new episode of the bear about", True),
    ("is the dryer running", False), ("what's new on the shopping list", False),
])
def test_transit_service_and_new_releases_are_the_world_outside(said, declined):
    import re
    from assistant.routing import cues
    found = any(re.search(pattern, said, re.IGNORECASE) for pattern in (cues.OPENING_HOURS, cues.PUBLIC_NEWS))
    assert found == declined


# -- a level set on a name several devices of another kind share: that kind's setter, asked which ---------------
FLOORS = """
areas:
  - {name: Ensuite, id: ensuite}
  - {name: Guest Bathroom, id: guest_bath}
  - {name: Den, id: den}
entities:
  - {name: Heated Floor, id: climate.floor_ensuite, area: ensuite, state: heat, attributes: {temperature: 25, current_temperature: 23, min_temp: 5, max_temp: 35}}
  - {name: Heated Floor, id: climate.floor_guest, area: guest_bath, state: heat, attributes: {temperature: 22, current_temperature: 21, min_temp: 5, max_temp: 35}}
  - {name: Floor Lamp, id: light.den_floor_lamp, area: den, state: "off", attributes: {brightness: 100}}
"""


def test_a_level_for_a_shared_name_of_another_kind_is_that_kinds_setting(tmp_path):
    from assistant.experts.smart_home.apis import recast
    from tests.conftest import smart_home_db
    db = smart_home_db(FLOORS, tmp_path)
    said = "set the heated floor to 28"
    assert recast(db, "set_brightness", {"device": "heated floor", "brightness": 28}, None, said) == \
        ("set_temperature", {"device": "heated floor", "temperature": 28})
    assert recast(db, "set_brightness", {"device": "floor lamp", "brightness": 40}, None, "floor lamp to 40") is None


# -- a device's own name beats a place the same word could mean ---------------------------------------------
def test_a_devices_alias_is_that_device_not_a_place_it_could_mean(tmp_path):
    from tests.conftest import call_smart_home, smart_home_db
    db = smart_home_db("""
areas:
  - {name: Entry, id: entry, aliases: [Front Hall]}
  - {name: Den, id: den}
entities:
  - {name: Entry Light, id: light.entry, area: entry, state: "off", attributes: {brightness: 100}}
  - {name: Gas Insert, id: switch.gas_insert, area: den, state: "off", aliases: [Foyer]}
""", tmp_path)
    assert call_smart_home(db, "turn_on", "turn on the foyer", device="foyer").reply == "Turned on Gas Insert."
    assert call_smart_home(db, "turn_on", "turn on the entry light", device="entry light").reply == "Turned on Entry Light."


# -- one more thing named bare with "too" after a list add --------------------------------------------------
@pytest.mark.parametrize("said, items", [("firelighters too", ["firelighters"]), ("Windshield washer fluid as well",
                                                                                 ["Windshield washer fluid"])])
def test_a_bare_thing_too_after_a_list_add_is_another_item(said, items):
    from assistant.app import default_registry
    from assistant.routing.context import ellipsis_of_previous_turn
    from assistant.messages import Turn
    previous = Turn(text="add kindling to the cabin list", expert="lists", api="add",
                    args={"items": ["kindling"], "list_name": "cabin"})
    decision = ellipsis_of_previous_turn(default_registry(), said, previous)
    assert (decision.expert, decision.api, decision.args) == ("lists", "add", {"items": items, "list_name": "cabin"})


@pytest.mark.parametrize("said", ["you too", "thanks too", "i love you too", "tomorrow too", "turn it off too"])
def test_pronouns_courtesies_and_times_with_too_are_no_thing_named(said):
    from assistant.app import default_registry
    from assistant.routing.context import ellipsis_of_previous_turn
    from assistant.messages import Turn
    previous = Turn(text="add kindling to the cabin list", expert="lists", api="add",
                    args={"items": ["kindling"], "list_name": "cabin"})
    assert ellipsis_of_previous_turn(default_registry(), said, previous) is None
