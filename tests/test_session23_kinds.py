"""Session 23's kinds (no evaluation sentence): a question for a fact is answered, never obeyed as a
command; the user's own documents outweigh a decline cue and the classifier's settled choice."""
import pytest

from assistant import testing
from assistant.app import default_registry, open_state
from assistant.routing import cues
from assistant.routing.classifier import ExpertGuess
from assistant.routing.schema import DECLINE
from assistant.routing.settled import settled_unproposed
from assistant.words import asks_for_information
from tests.conftest import DEV_HOME


# -- a question for a fact or a value ---------------------------------------------------------------
@pytest.mark.parametrize("said", [
    "how long do the flapjacks need in the oven", "what setting should the dryer be on for wool",
    "when does the gym membership renew", "who should I call if the lift breaks down",
    "which day do the glass bottles get collected", "where do the spare fuses live",
    "so how often does the filter want changing", "at what point should I add the garlic",
    "for how long can the soup stay in the fridge", "what colour is the recycling bag for tins",
    "how many scoops of formula go in a bottle", "um when's the parents' evening",
])
def test_a_question_for_a_fact_or_value_asks_for_information(said):
    assert asks_for_information(said)


@pytest.mark.parametrize("said", [
    "can you put a timer on for the flapjacks", "what about the landing light", "how about some music",
    "why don't you dim the hall a bit", "when I say so, switch the fan off", "set the dryer to wool",
    "could I get a reminder about parents' evening", "turn the heating up when it gets cold",
    "whoever is at the door, tell them to wait", "remind me when the washing is done",
])
def test_a_request_in_a_questions_form_is_no_question_for_information(said):
    assert not asks_for_information(said)


def scripted(tmp_path, expert):
    return testing.scripted_assistant(tmp_path / "state.db", home=DEV_HOME, classifier=testing.FixedClassifier(expert))


def test_a_question_decided_as_an_action_is_decided_again_without_that_expert(tmp_path):
    a = scripted(tmp_path, "timers")
    a.roles.get("confirmer").enqueue({"api": "timers.start", "args": {"duration": "20 minutes", "name": "flapjacks"}},
                                     {"api": "chat.respond", "args": {}})
    a.roles.get("chat").enqueue("Flapjacks usually bake for about 20 minutes.")
    reply = a.handle("how long do the flapjacks need in the oven")
    assert (reply.expert, reply.api) == ("chat", "respond")
    assert a.registry.views() and not [v for v in a.registry.views() if v.noun == "timers"][0].rows(a.db, a.clock.now())


def test_a_question_answered_by_a_reading_api_stays_with_it(tmp_path):
    a = scripted(tmp_path, "smart_home")
    a.roles.get("confirmer").enqueue({"api": "smart_home.query", "args": {"device": "kitchen light"}})
    reply = a.handle("what brightness is the kitchen light at")
    assert (reply.expert, reply.api) == ("smart_home", "query")


def test_a_request_in_a_questions_form_still_acts(tmp_path):
    a = scripted(tmp_path, "timers")
    a.roles.get("confirmer").enqueue({"api": "timers.start", "args": {"duration": "20 minutes"}})
    reply = a.handle("could you start a twenty minute timer")
    assert (reply.expert, reply.api) == ("timers", "start")


def test_reading_apis_do_not_act_and_changing_ones_do():
    registry = default_registry()
    assert not registry.api("smart_home", "query").acts and not registry.api("notifications", "check").acts
    assert not registry.api("knowledge", "ask").acts and not registry.api("timers", "status").acts
    assert registry.api("timers", "start").acts and registry.api("memory", "remember").acts
    assert registry.api("smart_home", "set_temperature").acts and registry.api("reminders", "create").acts


# -- the user's own documents against a decline cue and a settled classifier -------------------------
@pytest.mark.parametrize("share, pinned", [(1.0, False), (0.9, True), (0.3, True), (0.0, True)])
def test_a_decline_cue_yields_to_the_users_own_documents(monkeypatch, share, pinned):
    registry = default_registry()
    db = open_state(registry, ":memory:")
    monkeypatch.setattr(registry.expert("knowledge"), "evidence", lambda db, text: share)
    prior = {"none": 0.6, "chat": 0.3, "knowledge": 0.1}
    leaned = cues.pin(registry, prior, "is the bakery open on mondays", db)
    if pinned:
        assert leaned == {cues.DECLINED: 1.0}
    else:
        assert leaned["knowledge"] == pytest.approx(min(share, cues.SURE)) and leaned[cues.DECLINED] < 0.6


def test_an_experts_own_cue_still_pins_beside_documents(monkeypatch):
    registry = default_registry()
    db = open_state(registry, ":memory:")
    monkeypatch.setattr(registry.expert("knowledge"), "evidence", lambda db, text: 0.9)
    assert cues.pin(registry, {"timers": 0.5, "knowledge": 0.5}, "remind me to bake the flapjacks at five", db) == \
        {"reminders": 1.0}


def test_the_classifiers_clear_lead_does_not_settle_against_the_users_evidence():
    guess = ExpertGuess("none", 0.8, 0.3, (("none", 0.8), ("chat", 0.5)))
    assert settled_unproposed(guess, 0.1) == DECLINE
    assert settled_unproposed(guess, 0.1, prior={"none": 0.3, "knowledge": 0.7}) == DECLINE  # leaning, not sure
    assert settled_unproposed(guess, 0.1, prior={"none": 0.01, "knowledge": 0.99}) is None


# -- answers to a confirmation question, as people say them -------------------------------------
@pytest.mark.parametrize("answer, unlocked", [
    ("uh-huh", True), ("mm hmm, go on", True), ("uh-uh", False), ("mm-mm", False),
    ("yes ma'am", True), ("no sir", False), ("I guess so", True), ("I suppose not", False),
    ("I don't reckon so", False), ("vâng", True), ("không", False), ("ouais", True), ("nan, laisse", False),
    ("claro que sí", True), ("go 'head then", True), ("ça va, oui", True), ("được rồi, yes", True),
    ("do it, she's waiting outside", True), ("dale", True),
])
def test_yes_and_no_as_sounds_regional_words_and_other_languages(tmp_path, answer, unlocked):
    from tests.test_session22_kinds import unlocked_by
    assert unlocked_by(tmp_path, answer) is unlocked


@pytest.mark.parametrize("said, api", [("hang on, what time is it", "system.time"), ("yo, what time you got", "system.time"),
                                       ("dude what time it is", "system.time"), ("oh and what's the date", "system.date"),
                                       ("actually what day is it", "system.date"), ("wait", None), ("and the hallway", None)])
def test_a_clock_question_after_a_lead_in(said, api):
    from assistant.routing import fastpath
    found = fastpath.match(said)
    assert (found.qualified if found else None) == api


# -- regional and clipped words -----------------------------------------------------------------
@pytest.mark.parametrize("said, plain", [
    ("cut the attic fan on", "turn the attic fan on"), ("Cut on the patio lights please", "Turn on the patio lights please"),
    ("cut the radio off at nine", "turn the radio off at nine"), ("cut 'em off", "turn them off"),
    ("switch the hall lamp of", "switch the hall lamp off"), ("leave 'em be", "leave them be"),
    ("cut the heat by two degrees", "cut the heat by two degrees"), ("cut the onions", "cut the onions"),
    ("turn on the light of the landing", "turn on the light of the landing"),
])
def test_the_souths_cut_on_and_clipped_them_read_as_plain_english(said, plain):
    from assistant.languages.dialect import plain_words
    assert plain_words(said) == plain


# -- facts about someone named, and asked back ------------------------------------------------------
@pytest.mark.parametrize("said, api", [
    ("remember Priya's gym locker is number 12", "remember"), ("note down Tom's shift starts at six", "remember"),
    ("what did I say Priya's locker number was", "recall"), ("who was the electrician I told you about", "recall"),
    ("what's the bakery I mentioned earlier", "recall"), ("remember to water the ferns", None),
])
def test_a_fact_about_someone_named_and_asking_it_back(said, api):
    from datetime import datetime
    from assistant.experts import memory
    from assistant.messages import Request
    from assistant.words import command
    proposal = memory.propose(Request(text=said, words=command(said), now=datetime(2027, 1, 5, 9, 0)))
    assert (proposal.api if proposal else None) == api


# -- a device switched for a while ------------------------------------------------------------------
@pytest.mark.parametrize("said, requests", [
    ("put the attic fan on for twenty minutes", ["turn the attic fan on", "turn the attic fan off in twenty minutes"]),
    ("run the drip irrigation for 10 mins please", ["turn the drip irrigation on", "turn the drip irrigation off in 10 mins"]),
    ("switch off the pond pump until noon", ["turn the pond pump off", "turn the pond pump on at noon"]),
    ("and keep them on till 11", ["and turn them on", "and turn them off at 11"]),
    ("leave the hall lamp on until 9:30pm", ["turn the hall lamp on", "turn the hall lamp off at 9:30pm"]),
    ("put the pond pump on for about 20 minutes, the fish look hot", ["turn the pond pump on", "turn the pond pump off in 20 minutes"]),
    ("leave the dehumidifier off for an hour while I hoover", ["turn the dehumidifier off", "turn the dehumidifier on in an hour"]),
    ("open the skylight for half an hour", ["open the skylight", "close the skylight in half an hour"]),
    ("start a timer for 15 minutes", None), ("run the bath for ten minutes", None),
    ("turn the heat up for an hour", None), ("turn the lamp on for the guests", None),
])
def test_a_switch_held_for_a_while_is_two_requests(said, requests):
    from assistant.holding import for_a_while
    assert for_a_while(said) == requests


def test_a_device_on_for_a_while_is_on_now_and_off_when_the_time_is_up(tmp_path):
    from assistant.storage.scheduled import list_scheduled
    from tests.conftest import device_states as _states
    from tests.test_session22_kinds import _assistant
    assistant = _assistant(tmp_path)
    assistant.handle("run the heated towel rail in the bathroom for an hour")
    assert _states(assistant)["switch.bathroom_rail"] == "on" and _states(assistant)["switch.flat_rail"] == "off"
    [later] = list_scheduled(assistant.db)
    assert later["api"] == "smart_home.turn_off" and later["due"] == "2026-12-05T18:00:00"
    assert later["args"] == {"device": "Heated Towel Rail", "area": "Bathroom"}  # its name is shared: its room kept


def test_my_room_is_the_speakers_room(tmp_path):
    from tests.conftest import device_states as _states
    from tests.test_session22_kinds import _assistant
    assistant = _assistant(tmp_path)
    testing.confirmer(assistant).enqueue({"api": "smart_home.turn_on", "args": {"device": "heated towel rail", "area": "my room"}})
    assistant.handle("switch on the heated towel rail in my room", area="granny_flat")
    assert _states(assistant)["switch.flat_rail"] == "on" and _states(assistant)["switch.bathroom_rail"] == "off"


@pytest.mark.parametrize("said, expert", [
    ("convert 180 celsius to fahrenheit", "chat"), ("how many grams in an ounce", "chat"),
    ("what's a 20 percent tip on 35 dollars", "chat"), ("what's 5 miles in kilometres", "chat"),
    ("how much is 40 pounds in kilos", "chat"),
    ("what's the temperature in celsius", None), ("set the oven to 180 degrees", None),
])
def test_a_conversion_or_a_tip_is_the_chats(said, expert):
    from assistant.app import default_registry
    assert cues.pinned_expert(default_registry(), said) == expert


@pytest.mark.parametrize("said, refused", [("it's 97 degrees out there, cool the house down", False),
                                           ("how much is 100 degrees fahrenheit in celsius", False),
                                           ("put the radiator on to 95 degrees", True), ("set the heat at 120 degrees", True)])
def test_a_temperature_said_is_refused_only_as_an_unsafe_setting(said, refused):
    from assistant import guardrails
    assert (guardrails.refusal(said) is not None) is refused
