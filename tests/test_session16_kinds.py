"""Session 16's kinds (no evaluation sentence; homes written for them)."""
import pytest

from assistant.experts.smart_home.apis import claims
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
