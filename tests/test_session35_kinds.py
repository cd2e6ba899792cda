"""Session 35's kinds (no evaluation sentence)."""
import pytest

from assistant.languages import regional


# -- each language's words are read only when that language is there -------------------------------------------
@pytest.mark.parametrize("said", [
    "set a timer for um 10 minutes", "remind me at um 7 to feed the cat", "wake me up um 6 tomorrow",
    "put the oven on at um 4 please", "sit down and set um a 5 minute timer",
])
def test_an_english_um_before_a_number_is_a_pause_not_german(said):
    assert not regional.is_mixed(said) and regional.in_english(said) == said


@pytest.mark.parametrize("said, english", [
    ("bitte das Licht um 7 aus", "please das light at 7 aus"),  # German beside it: "um 7" is "at 7"
    ("stell den Wecker um 7 Uhr", "stell den alarm at 7"),
    ("herinner my om 7 oor die vullis", "remind me at 7 oor the vullis"),
])
def test_a_number_after_um_or_om_is_a_time_beside_that_language(said, english):
    assert regional.in_english(said).lower() == english.lower()


@pytest.mark.parametrize("said, english", [
    ("the plant will die if ye dinnae water it", "the plant will die if you don't water it"),  # Scots: "die" stays
    ("och, the sa box is aff", "oh, the sa box is off"),  # Tagalog "sa" stays English beside Scots
    ("Paki-open the gate for Ma'am", "please open the gate for Ma'am"),  # Scots "ma" not read in a Tagalog line
])
def test_words_shared_with_english_are_read_only_in_their_own_language(said, english):
    assert regional.in_english(said) == english


# -- one test of whether a sentence opens as a request, for the fast path and the stories ---------------------------
@pytest.mark.parametrize("said, requests", [
    ("Go ahead and arm the alarm", True), ("oh, and could you maybe switch the fan on", True),
    ("Kindly draw the curtains", True), ("alexa, dim the hall light", True), ("and then put the kettle on", True),
    ("the days all run together", False), ("my sister turned up yesterday", False), ("so it is cold again", False),
])
def test_a_sentence_opens_as_a_request_after_its_softeners(said, requests):
    from assistant.splitting import opens_as_request
    assert opens_as_request(said) is requests


def test_a_clock_question_before_a_request_is_not_answered_alone():
    from assistant.routing import fastpath
    assert fastpath.match("What's the time? And draw the curtains.") is None
    assert fastpath.match("What's the time? It's been a long day.") is not None


# -- a thing switched at one time and back at another -----------------------------------------------------------
@pytest.mark.parametrize("said, parts", [
    ("switch the pool pump off at 5 and back on at 9", ["switch the pool pump off at 5", "switch it on at 9"]),
    ("put the heater on at 6am and off again at 7:30", ["put the heater on at 6am", "turn it off at 7:30"]),
    ("turn the water heater off at 7 tomorrow morning, then back on at noon",
     ["turn the water heater off at 7 tomorrow morning", "turn it on at noon tomorrow"]),
    ("turn the garden lights on at sunset and off at 11 pm", ["turn the garden lights on at sunset", "turn it off at 11 pm"]),
    ("turn the fan off in 10 minutes and back on in an hour", ["turn the fan off in 10 minutes", "turn it on in an hour"]),
])
def test_a_switch_timed_and_back_at_another_time_is_two_requests(said, parts):
    from assistant.splitting import split_requests
    assert split_requests(said) == parts


@pytest.mark.parametrize("said", [
    "turn the lights on in the kitchen and off in the lounge at 9",  # two places, not two times
    "turn the light on at the front and off at 10",
])
def test_a_place_after_the_first_switch_is_not_a_time(said):
    from assistant.splitting import _switched_back
    assert _switched_back(said) == said


# -- a time said before the next request's verb belongs to that request ----------------------------------------
@pytest.mark.parametrize("said, parts", [
    ("switch off the radio and then, in twenty minutes, remind me to check the oven",
     ["switch off the radio", "in twenty minutes, remind me to check the oven"]),
    ("close the blinds, and tomorrow morning remind me to water the plants",
     ["close the blinds", "tomorrow morning remind me to water the plants"]),
    ("put eggs on the list and at 6 remind me to go shopping", ["put eggs on the list", "at 6 remind me to go shopping"]),
    ("dim the hall light and then, switch on the porch light", ["dim the hall light", "switch on the porch light"]),
])
def test_a_time_before_a_requests_verb_opens_that_request(said, parts):
    from assistant.splitting import split_requests
    assert split_requests(said) == parts


def test_a_time_opening_the_whole_utterance_is_not_cut_from_its_requests():
    from assistant.splitting import split_requests
    said = "at 10 turn off the lights and lock the back door"  # both at 10, or the whole is asked
    assert split_requests(said) == [said]


# -- a thing named first, then the request pointing back at it -------------------------------------------------
_NAMES = lambda: ["Sprinklers", "Porch Light", "Reading Lamp", "Ceiling Fan", "Study", "Garage Door"]  # noqa: E731


@pytest.mark.parametrize("said, asked", [
    ("The sprinklers, switch them off", "switch the sprinklers off"),
    ("that reading lamp in the study — turn it on please", "turn that reading lamp in the study on please"),
    ("My ceiling fan, could you turn it down a bit", "could you turn my ceiling fan down a bit"),
    ("the porch light: kill it", "kill the porch light"),
])
def test_a_thing_named_before_the_request_is_what_its_pronoun_means(said, asked):
    from assistant.asides.stories import request_after_topic
    assert request_after_topic(said, _NAMES) == asked


@pytest.mark.parametrize("said", [
    "the porch light is flickering, turn it off",  # a story, not a name
    "the recital, remind me about it at 5",  # no thing of the home
    "the weather, what is it like",  # a question
    "the garage door keeps sticking, can you check it",
])
def test_a_phrase_before_the_request_that_is_no_thing_of_the_home_is_left(said):
    from assistant.asides.stories import request_after_topic
    assert request_after_topic(said, _NAMES) == said


def test_arranging_for_a_thing_is_a_request_after_a_story():
    from assistant.asides import request_after_story
    said = "I don't really know how this thing works, but could you arrange for the hall lamp to go off at ten tonight?"
    assert request_after_story(said, lambda: ["Hall Lamp"]) == "arrange for the hall lamp to go off at ten tonight?"


# -- a device told by what it is beside ---------------------------------------------------------------------------
LANDMARK_HOME = """
areas:
  - {name: Kitchen, id: kitchen}
  - {name: Dining Room, id: dining_room}
  - {name: Lounge, id: lounge}
entities:
  - {name: Downlights, id: light.kitchen_downlights, area: kitchen, state: "off"}
  - {name: Bench Pendants, id: light.bench_pendants, area: kitchen, state: "off"}
  - {name: Pendant, id: light.dining_pendant, area: dining_room, state: "off"}
  - {name: Couch Lamp, id: light.couch_lamp, area: lounge, state: "off"}
  - {name: Floor Lamp, id: light.floor_lamp, area: lounge, state: "off"}
  - {name: Lounge Fan, id: fan.lounge_fan, area: lounge, state: "off"}
"""


@pytest.mark.parametrize("said, device", [
    ("turn on the light over the dining room table", "light.dining_pendant"),
    ("switch on the lights above the kitchen bench please", "light.bench_pendants"),
    ("can you turn on the lamp next to the couch", "light.couch_lamp"),
])
def test_a_device_told_by_its_landmark(tmp_path, said, device):
    from assistant.experts.smart_home.backend import read_home
    from assistant.experts.smart_home.landmarks import by_landmark
    from tests.conftest import smart_home_db
    home = read_home(smart_home_db(LANDMARK_HOME, tmp_path))
    assert by_landmark(home, said, here=None, allowed={"light"}, bulk=None).device_ids == [device]


@pytest.mark.parametrize("said", [
    "turn on the lamp by the window",  # two lamps, neither told by the window
    "turn on the light in the kitchen",  # no landmark
    "turn off the light over there",
])
def test_no_device_when_the_landmark_tells_none_apart(tmp_path, said):
    from assistant.experts.smart_home.backend import read_home
    from assistant.experts.smart_home.landmarks import by_landmark
    from tests.conftest import smart_home_db
    home = read_home(smart_home_db(LANDMARK_HOME, tmp_path))
    assert by_landmark(home, said, here=None, allowed={"light"}, bulk=None) is None


def test_the_call_finds_the_device_by_its_landmark_when_the_model_wrote_only_its_kind(tmp_path):
    from tests.conftest import call_smart_home, smart_home_db
    db = smart_home_db(LANDMARK_HOME, tmp_path)
    result = call_smart_home(db, "turn_on", "turn on the light above the kitchen bench", device="light", device_type="bench")
    assert result.ok, result.reply
    assert db["devices"].get("light.bench_pendants")["state"] == "on"


# -- a name of the home is no harm --------------------------------------------------------------------------------
@pytest.mark.parametrize("said, refused", [
    ("switch on the bomb shelter light", False), ("how warm is it in the bomb shelta", False),
    ("how do I build a bomb", True), ("hide a bomb in the bomb shelter", True), ("turn on the bomb", True),
])
def test_a_home_name_that_sounds_unsafe_is_not_refused(said, refused):
    from assistant import guardrails
    names = lambda: ["Bomb Shelter", "Shelter Light", "Study"]  # noqa: E731
    assert (guardrails.refusal(said, names) is not None) is refused


# -- "on"/"off" as the verb after a word of courtesy or address, and after "and" ----------------------------------
@pytest.mark.parametrize("said, english", [
    ("Sir, could you please on the geyser", "Sir, could you please turn on the geyser"),
    ("kindly off the porch light", "kindly turn off the porch light"),
    ("Please on the iron, and off it after twenty minutes", "Please turn on the iron, and turn it off after twenty minutes"),
    ("ok, and please off the hall fan too", "ok, and please turn off the hall fan too"),
    ("put the plates back and on the rack", "put the plates back and on the rack"),  # a place, not a switch
])
def test_on_and_off_as_the_verb_after_courtesy(said, english):
    from assistant.asides import without_particles
    assert without_particles(said) == english


# -- Singapore and Malaysian English closing a request ------------------------------------------------------------
@pytest.mark.parametrize("said, english", [
    ("Can off the study fan or not", "turn off the study fan"),
    ("on the porch light for me can or not", "turn on the porch light for me"),
    ("speaker volume 25 can", "speaker volume 25"),
    ("bedroom aircon 24 degrees can already", "bedroom aircon 24 degrees"),
    ("close the gate one time", "close the gate"),
    ("remind me to pay the bill first", "remind me to pay the bill first"),  # a reminder's words stay
    ("is the gate locked or not", "is the gate locked or not"),
])
def test_a_closing_can_or_not(said, english):
    from assistant.asides import without_particles
    assert without_particles(said) == english


# -- Mandarin, Hokkien and Malay words in an English request ------------------------------------------------------
@pytest.mark.parametrize("said, english", [
    ("wake me up mingtian zao shang qi dian", "wake me up tomorrow at 7 am"),
    ("remind me jintian xia wu si dian ban to call the plumber", "remind me today at 4:30 pm to call the plumber"),
    ("mingtian wan shang nine o'clock remind me to pack", "tomorrow at nine pm remind me to pack"),
    ("guan the corridor light", "turn off the corridor light"),
    ("kai deng in the study", "turn on the light in the study"),
    ("make the bedroom light lan se", "make the bedroom light blue"),
    ("tolong on the kipas", "please on the fan"),
    ("remind me pukul tujuh to water the plants", "remind me at 7 to water the plants"),
])
def test_mandarin_hokkien_and_malay_words(said, english):
    assert regional.in_english(said) == english


@pytest.mark.parametrize("said", ["Guan Yu is my favourite character", "set a timer for san francisco", "the kai is off"])
def test_chinese_words_alone_that_are_names_or_english(said):
    assert regional.in_english(said) == said


@pytest.mark.parametrize("said, volume", [
    ("ugh the speaker is so loud, volume 15", 15), ("kitchen radio louder, volume to 60", 60),
    ("turn the volume up by 10", None), ("volume up 5 on the tv", None),
])
def test_a_volume_said_as_a_level_is_set_not_stepped(said, volume):
    from assistant.experts.smart_home.apis import volume_said_as_level
    found = volume_said_as_level("adjust", {"attribute": "volume", "delta": 10.0, "device": "speaker"}, said)
    assert (found and found[1]["volume"]) == volume


@pytest.mark.parametrize("said, pinned", [
    ("who invented the microwave", "chat"), ("when was the electric kettle invented", "chat"),
    ("when's the next 52 bus", "decline"), ("is the northern line down", "decline"),
    ("what were the lotto numbers last night", "decline"),
])
def test_history_is_the_chats_and_transport_and_draws_are_declined(said, pinned):
    from assistant.experts.chat import HISTORY
    from assistant.routing import cues
    if pinned == "chat":
        assert HISTORY.search(said)
    else:
        assert any(p.search(said) for p in cues.DECLINE_CUES)


@pytest.mark.parametrize("said", ["remind me", "remind me about something", "could you remind me of something"])
def test_a_reminder_with_nothing_to_remind_of_asks_what(said):
    from assistant.testing import scripted_assistant
    reply = scripted_assistant().handle(said)
    assert "remind you" in reply.reply.lower() and reply.reply.endswith("?"), reply.reply


@pytest.mark.parametrize("said, duration, name", [
    ("set a timer called pasta for 9 minutes", "called pasta for 9 minutes", "pasta"),
    ("start a timer named laundry for half an hour", "half an hour", "laundry"),
    ("timer labelled rice 20 minutes", "20 minutes", "rice"),
])
def test_a_timer_given_a_name(said, duration, name):
    from assistant.experts import timers
    from assistant.testing import expert_context
    result = timers.start(expert_context(timers.EXPERT, said=said), duration=duration)
    assert result.ok, result.reply
    assert result.data["name"] == name


@pytest.mark.parametrize("said, colour", [
    ("turn on the deck lights purple, party tonight", "purple"), ("switch on the desk lamp green", "green"),
    ("turn on the kitchen light", None), ("turn on the porch light, it's dark", None),
])
def test_a_colour_said_after_the_thing_switched_on(said, colour):
    from assistant.experts.smart_home.apis import coloured_as_said
    found = coloured_as_said("turn_on", {"device": "x"}, said)
    assert (found and found[1]["color"]) == colour


@pytest.mark.parametrize("said, english", [
    ("off the fan later 11 o'clock", "turn off the fan at 11 o'clock"), ("switch on the heater later 6pm", "switch on the heater at 6pm"),
    ("I will do it later", "I will do it later"), ("later 3 people are coming", "later 3 people are coming"),
])
def test_later_before_a_clock_time_is_at(said, english):
    from assistant.asides import without_particles
    assert without_particles(said) == english


@pytest.mark.parametrize("said, asked", [
    ("Why is the porch light still on? Off it please", "turn the porch light off please"),
    ("How come the water heater is off? Switch it on now.", "Switch the water heater on now."),
    ("Why is the porch light on? Is it broken?", "Why is the porch light on? Is it broken?"),  # two questions: no request
])
def test_a_complaint_asked_as_why_before_the_request_that_mends_it(said, asked):
    from assistant.asides import request_after_story, without_particles
    assert request_after_story(without_particles(said), lambda: ["Porch Light", "Water Heater"]) == asked


@pytest.mark.parametrize("heard, meant", [
    ("dis arm the house alarm", "disarm the house alarm"), ("un lock the side gate", "unlock the side gate"),
    ("re start the speaker", "restart the speaker"), ("arm the alarm", "arm the alarm"),
])
def test_a_verb_heard_as_two_words_is_one(heard, meant):
    from assistant.languages import hearing
    assert hearing.in_english(heard, "voice", lambda: ["Side Gate", "House Alarm"]) == meant


@pytest.mark.parametrize("reply, kept", [
    ("I just did that.", ""), ("I've done it. Anything else?", "Anything else?"),
    ("I did not catch that.", "I did not catch that."), ("I did some reading on that once.", "I did some reading on that once."),
])
def test_the_chat_never_says_it_did_what_it_cannot(reply, kept):
    from assistant.experts.chat import without_claimed_actions
    assert without_claimed_actions(reply) == kept


@pytest.mark.parametrize("said, asked", [
    ("the dishwasher finish already or not", "is the dishwasher finished?"), ("back gate locked or not", "is back gate locked?"),
    ("is the porch light on or not", "is the porch light on or not"),
])
def test_a_state_asked_with_or_not(said, asked):
    from assistant.asides import without_particles
    assert without_particles(said) == asked


def test_a_rooms_alias_and_a_kind_beat_a_nearer_spelling(tmp_path):
    from assistant.experts.smart_home.resolve import resolve
    from tests.conftest import smart_home_db
    db = smart_home_db("""
areas:
  - {name: Lounge, id: lounge, aliases: [Hall]}
  - {name: Laundry, id: laundry}
entities:
  - {name: Ceiling Fan, id: fan.lounge_ceiling, area: lounge, state: "off"}
  - {name: Wall Fan, id: fan.laundry_wall, area: laundry, state: "off"}
""", tmp_path)
    assert resolve(db, "hall fan").device_ids == ["fan.lounge_ceiling"]
    assert resolve(db, "wall fan").device_ids == ["fan.laundry_wall"]


def test_a_kind_said_there_is_that_kind_where_the_device_named_before_is(tmp_path):
    from tests.conftest import call_smart_home, smart_home_db
    db = smart_home_db("""
areas:
  - {name: Patio, id: patio}
  - {name: Den, id: den}
entities:
  - {name: Patio Light, id: light.patio, area: patio, state: "on"}
  - {name: Den Light, id: light.den, area: den, state: "off"}
  - {name: Ceiling Fan, id: fan.patio, area: patio, state: "off"}
  - {name: Ceiling Fan, id: fan.den, area: den, state: "off"}
""", tmp_path)
    result = call_smart_home(db, "turn_on", "and the fan there too", device="Patio Light", device_type="light")
    assert result.ok, result.reply
    assert db["devices"].get("fan.patio")["state"] == "on"
    assert db["devices"].get("light.den")["state"] == "off" and db["devices"].get("fan.den")["state"] == "off"


# -- a new time for what was just put off ---------------------------------------------------------------------------
@pytest.mark.parametrize("said, due", [
    ("Change to 6:30", "2026-11-25T18:30:00"), ("actually, make it 7 am instead", "2026-11-26T07:00:00"),
    ("move it to 9 o'clock", "2026-11-25T21:00:00"),
])
def test_what_was_just_put_off_is_put_off_to_the_new_time(tmp_path, said, due):
    from assistant import testing
    from assistant.storage.scheduled import list_scheduled
    from tests.test_deferral import DEV_HOME, NOW
    helper = testing.scripted_assistant(tmp_path / "state.db", home=DEV_HOME, now=NOW,
                                        classifier=testing.FixedClassifier("smart_home"))
    testing.confirmer(helper).enqueue({"api": "smart_home.turn_on", "args": {"device": "office heater"}})
    assert helper.handle("switch on the office heater in 20 minutes").ok
    reply = helper.handle(said)
    assert reply.ok, reply.reply
    assert [(a["due"], a["api"], a["args"]) for a in list_scheduled(helper.db)] == \
        [(due, "smart_home.turn_on", {"device": "Office Heater"})]


@pytest.mark.parametrize("said", ["make it 22", "set it to 25"])
def test_a_level_after_a_put_off_call_is_no_new_time(said):
    from datetime import datetime
    from assistant.deferral import retimed
    assert retimed(said, datetime(2026, 11, 25, 18, 20)) is None


@pytest.mark.parametrize("said", ["Alarm tomorrow at 6:30 am", "alarm for 7 tomorrow", "wake up alarm at 6"])
def test_an_alarm_with_a_time_is_never_the_panel_put_off(said):
    from datetime import datetime
    from assistant.deferral import split_delay
    assert split_delay(said, datetime(2026, 12, 3, 21, 0)) is None
