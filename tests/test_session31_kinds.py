"""Session 31's kinds (no evaluation sentence): the plural of a shared name, a name said word for word
beside a shorter one, a device asked for by its purpose when the model names the thing it serves, a
misheard name whose full form names one device, a plural word never read as a grandparent's room,
requests split where a part names a device of the home or acts on "it", "…, and X's too" as the
same request again, and thanks with nothing to confirm."""
from datetime import datetime

import pytest

from assistant.experts.smart_home import list_devices
from assistant.experts.smart_home.apis import find_targets, targets
from assistant.splitting import split_requests
from assistant.testing import FixedClassifier, confirmer, scripted_assistant
from tests.conftest import call_smart_home, smart_home_db

MORNING = datetime(2026, 12, 3, 9, 15)  # a Thursday

HOUSE = """
areas:
  - {name: Living Room, id: living}
  - {name: Nana's Room, id: nana}
  - {name: Master Bath, id: master_bath}
  - {name: Family Bath, id: family_bath}
  - {name: Garage, id: garage}
  - {name: Patio, id: patio}
  - {name: Kitchen, id: kitchen}
entities:
  - {name: Ceiling Fan, id: fan.ceiling_living, area: living, state: "off", attributes: {percentage: 0, percentage_step: 25}}
  - {name: Ceiling Fan, id: fan.ceiling_nana, area: nana, state: "off", attributes: {percentage: 0, percentage_step: 25}}
  - {name: Extractor, id: fan.extractor, area: kitchen, state: "off", attributes: {percentage: 0, percentage_step: 33}}
  - {name: Heated Rail, id: switch.rail_master, area: master_bath, state: "off"}
  - {name: Heated Rail, id: switch.rail_family, area: family_bath, state: "off"}
  - {name: Master Bath Light, id: light.master_bath, area: master_bath, state: "off"}
  - {name: Bath Light, id: light.family_bath, area: family_bath, state: "off"}
  - {name: Wall Charger, id: switch.wall_charger, area: garage, state: "off"}
  - {name: Patio Lamps, id: light.patio_lamps, area: patio, state: "off"}
  - {name: Fountain Light, id: light.fountain, area: patio, state: "off", attributes: {brightness: 100, color: white}}
  - {name: Kitchen Light, id: light.kitchen, area: kitchen, state: "off"}
"""


def _changed(db, before):
    return {d["id"] for d in list_devices(db) if d["state"] != before[d["id"]]}


def _call(tmp_path, api, said, **args):
    db = smart_home_db(HOUSE, tmp_path)
    before = {d["id"]: d["state"] for d in list_devices(db)}
    result = call_smart_home(db, api, said, **args)
    assert result.ok, result.reply
    return _changed(db, before)


@pytest.mark.parametrize("said, args", [("switch on the heated rails", {"device": "heated rails"}),
                                        ("turn the heated rails on", {"device": "heated rails"})])
def test_the_plural_of_a_shared_name_is_every_device_of_it(tmp_path, said, args):
    assert _call(tmp_path, "turn_on", said, **args) == {"switch.rail_master", "switch.rail_family"}


def test_the_singular_of_a_shared_name_still_asks(tmp_path):
    db = smart_home_db(HOUSE, tmp_path)
    devices, problem = find_targets(db, "turn_on", {"device": "heated rail"}, None, "switch on the heated rail")
    assert devices == [] and problem and problem.startswith("Which")


def test_a_plural_name_said_with_only_its_kind_written_is_those_devices(tmp_path):
    """The model wrote the kind ("fan"); the user's fuller words name the two ceiling fans, not every fan."""
    assert _call(tmp_path, "set_fan_speed", "put both ceiling fans on 2", device_type="fan", percentage=2) \
        == {"fan.ceiling_living", "fan.ceiling_nana"}


def test_a_plural_word_is_never_read_as_a_grandparents_room(tmp_path):
    """"fans" sounds like "nans": the room is not meant, so both fans are."""
    db = smart_home_db(HOUSE, tmp_path)
    devices, _ = find_targets(db, "set", {"device": "ceiling fans", "percentage": 50}, None, "set the ceiling fans to 50")
    assert {d.id for d in devices} == {"fan.ceiling_living", "fan.ceiling_nana"}
    devices, _ = find_targets(db, "turn_on", {"device": "nanas fan"}, None, "turn on nanas fan")
    assert [d.id for d in devices] == ["fan.ceiling_nana"]


def test_a_name_said_word_for_word_wins_over_a_shorter_one_like_it(tmp_path):
    assert _call(tmp_path, "turn_on", "turn on the master bath light", device="master bath light") == {"light.master_bath"}
    assert _call(tmp_path, "turn_on", "turn on the bath light", device="bath light") == {"light.family_bath"}


@pytest.mark.parametrize("said", ["start charging the car please", "could you charge the car"])
def test_a_thing_the_device_serves_written_as_the_device_is_that_device(tmp_path, said):
    assert _call(tmp_path, "turn_on", said, device="car", device_type="charger") == {"switch.wall_charger"}


def test_a_misheard_name_whose_full_form_is_one_device_is_that_device(tmp_path):
    db = smart_home_db(HOUSE, tmp_path)
    found = targets(db, "turn_on", {"device": "patio lams"}, None, "turn on the patio lams", "voice")
    assert [d.id for d in found.devices] == ["light.patio_lamps"]


@pytest.mark.parametrize("said, parts", [
    ("set the den heater to 20, and the study's too", ["set the den heater to 20", "and the study's too"]),
    ("turn on the porch light, garden lamps as well", ["turn on the porch light", "and garden lamps as well"]),
    ("mia's fan on 2, and leo's too", ["mia's fan on 2", "and leo's too"])])
def test_another_thing_named_for_the_same_request_is_a_part_that_refers_back(said, parts):
    assert split_requests(said) == parts


@pytest.mark.parametrize("said", ["remind me to ring grandad, and grandma too", "lock the door, and it too",
                                  "the party's at 8, me too"])
def test_what_is_no_thing_for_the_same_request_is_not_cut(said):
    assert split_requests(said) == [said]


def _assistant(tmp_path, expert):
    return scripted_assistant(tmp_path / "state.db", now=MORNING, classifier=FixedClassifier(expert, score=0.3))


def test_a_part_naming_a_home_device_is_a_request_of_its_own(tmp_path):
    """An unsure classifier, but the part changes a device the home has by its name."""
    db_home = tmp_path / "home.yaml"
    db_home.write_text(HOUSE)
    assistant = scripted_assistant(tmp_path / "state.db", home=db_home, now=MORNING,
                                   classifier=FixedClassifier("timers", score=0.3))
    assert assistant._routes_alone("put the extractor on high", {})
    assert not assistant._routes_alone("the lovely weather", {})


def test_a_part_acting_on_it_is_a_request_of_its_own(tmp_path):
    assistant = _assistant(tmp_path, "smart_home")
    assert assistant._routes_alone("make it pink, what a day", {})
    assert assistant._routes_alone("set them to 40", {})


@pytest.mark.parametrize("said", ["ok, thank you", "okay thanks", "alright, cheers"])
def test_thanks_with_nothing_to_confirm_is_the_chats(tmp_path, said):
    assistant = _assistant(tmp_path, "chat")
    confirmer(assistant).enqueue({"api": "chat.respond", "args": {}})
    reply = assistant.handle(said)
    assert reply.expert == "chat"


def test_a_bare_ok_with_nothing_to_confirm_still_stops(tmp_path):
    assert _assistant(tmp_path, "chat").handle("okay").expert == "system"
