"""How people name places, kinds, levels and devices, on a home of this test's own (issue 19):
a place and a kind in each other's slots, the ends of a scale, part of a room's name or a synonym
for it, a device named alone, and "here"."""
from datetime import datetime

import pytest

from assistant.clock import Clock
from assistant.context import ExpertContext
from assistant.messages import Utterance
from assistant.storage.db import open_database
from assistant.experts.smart_home import EXPERT, list_devices, load_home, parse_home, requires_confirmation, resolve
from assistant.experts.smart_home.levels import End, Level, read_change, read_setting

# Floor names that say nothing about up or down: the levels do.
HOME = """
floors:
  - {name: Vault, id: vault, level: -1}
  - {name: Parkside, id: parkside, level: 0}
  - {name: Treetop, id: treetop, level: 1}
  - {name: Crows Nest, id: crows_nest, level: 2}
areas:
  - {name: Workshop, id: workshop, floor: vault}
  - {name: Family Room, id: family_room, floor: parkside}
  - {name: Galley Kitchen, id: galley_kitchen, floor: parkside}
  - {name: Study, id: study, floor: parkside}
  - {name: Front Porch, id: front_porch, floor: parkside}
  - {name: Master Bedroom, id: master_bedroom, floor: treetop}
  - {name: Guest Bedroom, id: guest_bedroom, floor: treetop}
  - {name: Kids Bathroom, id: kids_bathroom, floor: treetop}
  - {name: Main Bathroom, id: main_bathroom, floor: treetop}
  - {name: Music Room, id: music_room, floor: crows_nest}
entities:
  - {name: Study Fan, id: fan.study_fan_01, area: study, state: "on", attributes: {percentage: 40}}
  - {name: Ceiling Fan, id: fan.family_ceiling_fan_02, area: family_room, state: "on", attributes: {percentage: 60, percentage_step: 25}}
  - {name: Pedestal Fan, id: fan.guest_pedestal_fan_03, area: guest_bedroom, state: "off", attributes: {percentage: 0}}
  - {name: Desk Lamp, id: light.study_desk_lamp_04, area: study, state: "on", attributes: {brightness: 80}}
  - {name: Arc Lamp, id: light.family_arc_lamp_05, area: family_room, state: "on", attributes: {brightness: 50}}
  - {name: Pendants, id: light.kitchen_pendants_06, area: galley_kitchen, state: "off", attributes: {brightness: 100}}
  - {name: Wall Sconce, id: light.master_sconce_07, area: master_bedroom, state: "off", attributes: {brightness: 100}}
  - {name: Spotlight, id: light.music_spotlight_08, area: music_room, state: "off", attributes: {brightness: 100}}
  - {name: Porch Light, id: light.porch_light_09, area: front_porch, state: "off", attributes: {brightness: 100}}
  - {name: Vanity Light, id: light.kids_vanity_10, area: kids_bathroom, state: "off", attributes: {brightness: 100}}
  - {name: Mirror Light, id: light.main_mirror_19, area: main_bathroom, state: "off", attributes: {brightness: 100}}
  - {name: Window Blinds, id: cover.master_blinds_11, area: master_bedroom, state: open, attributes: {position: 100}}
  - {name: Roller Blind, id: cover.guest_roller_blind_12, area: guest_bedroom, state: open, attributes: {position: 100}}
  - {name: Garage Door, id: cover.workshop_garage_door_13, area: workshop, state: closed}
  - {name: Thermostat, id: climate.family_thermostat_14, area: family_room, state: heat, attributes: {temperature: 20, current_temperature: 19, min_temp: 12, max_temp: 26}}
  - {name: Hi-Fi, id: media_player.music_hifi_15, area: music_room, state: idle, attributes: {volume: 30}}
  - {name: Front Door, id: lock.front_door_16, area: front_porch, state: locked}
  - {name: Kettle, id: switch.galley_kettle_17, area: galley_kitchen, state: "off"}
  - {name: Workshop Temperature, id: sensor.workshop_temperature_18, area: workshop, state: "14", attributes: {unit_of_measurement: "°C"}}
"""


@pytest.fixture
def db():
    db = open_database(":memory:", EXPERT.migrations)
    load_home(db, parse_home(HOME))
    return db


def call(db, api_name, said=None, here=None, **args):
    """Run an API as the pipeline does, for the words `said` from the area `here`."""
    spec = EXPERT.api(api_name)
    utterance = Utterance(text=said, area=here) if said else None
    ctx = ExpertContext(db=db, clock=Clock(datetime(2026, 12, 2, 18, 30)), utterance=utterance)
    return spec.func(ctx, **spec.validate(args))


def state(db, device_id):
    found = next(d for d in list_devices(db) if d["id"] == device_id)
    return found["state"], found["attributes"]


def ids(db, device=None, area=None, device_type=None, **kwargs):
    found = resolve(db, device, area, device_type, **kwargs)
    assert found.problem is None, found.problem
    return sorted(found.device_ids)


STUDY_FAN, CEILING_FAN = "fan.study_fan_01", "fan.family_ceiling_fan_02"
DESK, ARC, PORCH = "light.study_desk_lamp_04", "light.family_arc_lamp_05", "light.porch_light_09"
MASTER_BLINDS, GUEST_BLIND = "cover.master_blinds_11", "cover.guest_roller_blind_12"
THERMOSTAT, HIFI = "climate.family_thermostat_14", "media_player.music_hifi_15"


# ------------------------------------------------------------------ 4. place and kind swapped
@pytest.mark.parametrize("device, area, device_type, expected", [
    ("fan", None, "study", [STUDY_FAN]),            # the room written as the kind
    ("study", "fan", None, [STUDY_FAN]),            # the kind written as the room
    ("fans", None, "family room", [CEILING_FAN]),
    ("lamp", None, "family room", [ARC]),
    (None, "lamps", "study", [DESK]),
    (None, "desk lamp", None, [DESK]),              # a device name in the area slot
    ("fan", "treetop", None, ["fan.guest_pedestal_fan_03"]),
])
def test_a_place_and_a_kind_are_read_for_what_they_are(db, device, area, device_type, expected):
    assert ids(db, device, area, device_type, allowed={"fan", "light"}) == expected


def test_every_fan_in_one_room_leaves_the_other_rooms_fans_alone(db):
    call(db, "turn_off", said="switch off every fan in the study", device="fan", device_type="study")
    assert state(db, STUDY_FAN)[0] == "off" and state(db, CEILING_FAN)[0] == "on"


def test_a_room_the_model_dropped_is_kept_even_with_every(db):
    call(db, "turn_off", said="kill every fan in the family room please", device_type="fan")
    assert state(db, CEILING_FAN)[0] == "off" and state(db, STUDY_FAN)[0] == "on"


def test_a_phrase_that_is_neither_a_place_nor_a_device_is_still_not_found(db):
    assert resolve(db, None, "sauna").problem == "I couldn't find a room or floor called 'sauna'."
    assert resolve(db, "hot tub").problem == "I couldn't find a device called 'hot tub'."
    assert call(db, "turn_on", said="turn on the hot tub", device="hot tub").reply == \
        "I couldn't find a device called 'hot tub'."


def test_a_device_word_the_user_never_said_gives_way_to_the_kind(db):
    """"lights on upstairs" written as device "lamp": the user's lights upstairs, not lamps."""
    call(db, "turn_on", said="lights on upstairs", device="lamp", device_type="light")
    assert state(db, "light.master_sconce_07")[0] == "on" and state(db, "light.kids_vanity_10")[0] == "on"
    assert state(db, ARC)[1]["brightness"] == 50 and state(db, PORCH)[0] == "off"


# ------------------------------------------------------------------ 6. part of a name, synonyms, floors
@pytest.mark.parametrize("area, expected", [
    ("master", [MASTER_BLINDS]),                      # part of "Master Bedroom"
    ("the master bedroom", [MASTER_BLINDS]),
    ("guest room", [GUEST_BLIND]),                    # a synonym of "Guest Bedroom"
    ("spare room", [GUEST_BLIND]),
    ("upstairs", [MASTER_BLINDS, GUEST_BLIND]),       # the floor one level above the ground
    ("second floor", [MASTER_BLINDS, GUEST_BLIND]),
])
def test_blinds_by_part_of_a_room_name_a_synonym_or_a_floor_role(db, area, expected):
    assert ids(db, None, area, "blinds", allowed={"cover"}) == sorted(expected)


@pytest.mark.parametrize("area, expected", [
    ("kitchen", ["light.kitchen_pendants_06"]),      # "Galley Kitchen"
    ("lounge", [ARC]), ("living room", [ARC]), ("sitting room", [ARC]),  # the Family Room
    ("office", [DESK]),                               # the Study
    ("porch", [PORCH]),
    ("downstairs", [ARC, "light.kitchen_pendants_06", PORCH, DESK]),
    ("first floor", [ARC, "light.kitchen_pendants_06", PORCH, DESK]),
    ("ground floor", [ARC, "light.kitchen_pendants_06", PORCH, DESK]),
    ("top floor", ["light.music_spotlight_08"]),     # the highest level
    ("music", ["light.music_spotlight_08"]),
])
def test_lights_by_a_rooms_other_names(db, area, expected):
    assert ids(db, None, area, "lights", allowed={"light"}) == sorted(expected)


def test_the_basement_is_the_floor_below_ground(db):
    assert ids(db, None, "basement", None) == ["cover.workshop_garage_door_13", "sensor.workshop_temperature_18"]


@pytest.mark.parametrize("area, device_type, question", [
    ("bedroom", "blinds", "Which bedroom: the Master Bedroom or the Guest Bedroom?"),
    ("bathroom", "light", "Which bathroom: the Kids Bathroom or the Main Bathroom?"),
    ("bath", "lights", "Which bath: the Kids Bathroom or the Main Bathroom?"),
])
def test_a_part_that_fits_several_rooms_asks_which(db, area, device_type, question):
    assert resolve(db, None, area, device_type).problem == question


def test_a_part_that_fits_several_rooms_means_the_one_with_the_device(db):
    assert ids(db, "fan", "bedroom") == ["fan.guest_pedestal_fan_03"]  # no fan in the Master Bedroom
    assert ids(db, "sconce", "bedroom") == ["light.master_sconce_07"]
    assert resolve(db, "kettle", "bedroom").problem == \
        "There is no kettle in the bedroom; the Kettle is in the Galley Kitchen."


def test_closing_the_blinds_in_the_bedroom_asks_which_and_closes_none(db):
    for args in ({"area": "bedroom", "device_type": "blinds"}, {"device": "blinds"}):
        result = call(db, "close", said="close the blinds in the bedroom", **args)
        assert (result.ok, result.reply) == (False, "Which bedroom: the Master Bedroom or the Guest Bedroom?")
    assert state(db, MASTER_BLINDS)[0] == "open" and state(db, GUEST_BLIND)[0] == "open"


def test_the_unambiguous_part_of_a_room_name_closes_its_blinds(db):
    call(db, "close", said="shut the blinds in the guest room", device_type="blinds", area="guest room")
    assert state(db, GUEST_BLIND)[0] == "closed" and state(db, MASTER_BLINDS)[0] == "open"


def test_a_device_by_part_of_its_name(db):
    assert ids(db, "the sconce") == ["light.master_sconce_07"]
    assert ids(db, "roller") == [GUEST_BLIND]


# ------------------------------------------------------------------ 5. ends of scales
@pytest.mark.parametrize("said, attribute, value, expected", [
    ("dim the desk lamp to the lowest setting", "brightness", 0, Level(value=End.LOWEST)),
    ("desk lamp at minimum brightness", "brightness", 5, Level(value=End.LOWEST)),
    ("make the arc lamp as dim as it goes", "brightness", 0, Level(value=End.LOWEST)),
    ("desk lamp brightness to 0", "brightness", 0, Level(value=0)),
    ("set the desk lamp to zero", "brightness", 0, Level(value=0)),
    ("dim the desk lamp right down", "brightness", 0, Level(value=End.LOWEST)),
    ("hi-fi volume off", "volume", 0, Level(value=0)),
    ("crank the hi-fi to max", "volume", 90, Level(value=End.HIGHEST)),
    ("ceiling fan on full blast", "percentage", 90, Level(value=End.HIGHEST)),
    ("arc lamp at full brightness", "brightness", 99, Level(value=End.HIGHEST)),
    ("heating to the highest", "temperature", 25, Level(value=End.HIGHEST)),
    ("open the roller blind halfway", "position", 70, Level(value=50)),
    ("hi-fi at half volume", "volume", 40, Level(value=50)),
    ("brighten the arc lamp a little", "brightness", 10, Level(delta=10)),
    ("make the hi-fi slightly quieter", "volume", 25, Level(delta=-10)),
    ("warm it up a touch", "temperature", 21, Level(delta=1)),
    ("turn the heat up a couple of degrees", "temperature", 2, Level(delta=2)),
    ("turn the heat up a couple of degrees", "temperature", 21, Level(delta=2)),
    ("nudge the heating down a few degrees", "temperature", 3, Level(delta=-3)),
    ("make it 3 degrees warmer", "temperature", 23, Level(delta=3)),
    ("set the heat to 22 by 6 pm", "temperature", 22, Level(value=22)),
    ("set the arc lamp to 40", "brightness", 40, Level(value=40)),
    ("set the heating to nineteen and a half", "temperature", 19.5, Level(value=19.5)),
    ("dim the arc lamp", "brightness", 30, Level(delta=-10)),  # a way, no level: one step
    ("it's far too dark in the lounge", "brightness", 100, Level(delta=10)),
    ("it is freezing in the study", "temperature", 23, Level(delta=1)),
    ("the music is too loud", "volume", 20, Level(delta=-10)),
    ("set the thermostat", "temperature", 21, Level()),  # no level said: ask
    ("change the brightness of the arc lamp", "brightness", 60, Level()),
])
def test_read_setting(said, attribute, value, expected):
    assert read_setting(said, attribute, value) == expected


@pytest.mark.parametrize("said, attribute, delta, expected", [
    ("turn the hi-fi all the way up", "volume", 30, Level(value=End.HIGHEST)),
    ("dim the arc lamp as low as it goes", "brightness", -100, Level(value=End.LOWEST)),
    ("turn the heat up a couple of degrees", "temperature", 1, Level(delta=2)),
    ("a bit cooler please", "temperature", -2, Level(delta=-1)),
    ("turn the hi-fi down a bit", "volume", -25, Level(delta=-10)),
    ("turn the hi-fi down by 25", "volume", -25, Level(delta=-25)),
    ("crank up the hi-fi", "volume", 20, Level(delta=10)),  # a way, no amount: one step
    ("lower the heating", "temperature", -3, Level(delta=-1)),
])
def test_read_change(said, attribute, delta, expected):
    assert read_change(said, attribute, delta) == expected


@pytest.mark.parametrize("api_name, said, args, device_id, expected", [
    ("set_brightness", "dim the desk lamp to the lowest setting", {"brightness": 0, "device": "desk lamp"},
     DESK, ("on", {"brightness": 1})),
    ("set_brightness", "turn the desk lamp down to 0", {"brightness": 0, "device": "desk lamp"},
     DESK, ("off", {"brightness": 0})),
    ("adjust", "dim the arc lamp all the way down",
     {"attribute": "brightness", "delta": -100, "device": "arc lamp"}, ARC, ("on", {"brightness": 1})),
    ("adjust", "dim the arc lamp", {"attribute": "brightness", "delta": -60, "device": "arc lamp"},
     ARC, ("on", {"brightness": 40})),            # one step, not the model's made-up amount
    ("set_brightness", "arc lamp to max", {"brightness": 80, "device": "arc lamp"}, ARC, ("on", {"brightness": 100})),
    ("set_fan_speed", "ceiling fan at the lowest speed", {"percentage": 0, "device": "ceiling fan"},
     CEILING_FAN, ("on", {"percentage": 25, "percentage_step": 25})),  # its own smallest step
    ("set_fan_speed", "put the ceiling fan on full blast", {"percentage": 90, "device": "ceiling fan"},
     CEILING_FAN, ("on", {"percentage": 100, "percentage_step": 25})),
    ("set_volume", "hi-fi volume to the minimum", {"volume": 0, "device": "hi-fi"}, HIFI, ("idle", {"volume": 0})),
    ("set_volume", "hi-fi all the way down", {"volume": 1, "device": "hi-fi"}, HIFI, ("idle", {"volume": 0})),
    ("set_volume", "hi-fi at half volume", {"volume": 40, "device": "hi-fi"}, HIFI, ("idle", {"volume": 50})),
    ("set_position", "open the roller blind halfway", {"position": 70, "device": "roller blind"},
     GUEST_BLIND, ("open", {"position": 50})),
    ("set_position", "lower the roller blind a bit", {"position": 50, "device": "roller blind"},
     GUEST_BLIND, ("open", {"position": 90})),
    ("set_temperature", "turn the thermostat to the max", {"temperature": 25, "device": "thermostat"},
     THERMOSTAT, ("heat", {"temperature": 26})),  # its own max_temp
    ("set_temperature", "heating to the minimum", {"temperature": 10, "device_type": "heating"},
     THERMOSTAT, ("heat", {"temperature": 12})),
    ("set_temperature", "turn the heat up a couple of degrees", {"temperature": 21, "device_type": "thermostat"},
     THERMOSTAT, ("heat", {"temperature": 22})),
    ("adjust", "bump the heating up a few degrees", {"attribute": "temperature", "delta": 1, "device_type": "heating"},
     THERMOSTAT, ("heat", {"temperature": 23})),
    ("set_brightness", "brighten the arc lamp a little", {"brightness": 10, "device": "arc lamp"},
     ARC, ("on", {"brightness": 60})),
])
def test_ends_of_scales_and_small_steps(db, api_name, said, args, device_id, expected):
    result = call(db, api_name, said=said, **args)
    assert result.ok, result.reply
    got_state, got_attributes = state(db, device_id)
    assert got_state == expected[0]
    assert {k: got_attributes[k] for k in expected[1]} == expected[1]


def test_the_maximum_is_reported_as_the_value_set(db):
    assert call(db, "set_temperature", said="thermostat to the max", temperature=30,
                device="thermostat").reply == "Set Thermostat to 26°."


# ------------------------------------------------------------------ 7. a device named alone
@pytest.mark.parametrize("api_name", ["query", "turn_on"])
def test_a_bare_name_of_a_light_turns_it_on(db, api_name):
    result = call(db, api_name, said="porch light please", device="porch light")
    assert (result.ok, result.reply) == (True, "Turned on Porch Light.")
    assert state(db, PORCH)[0] == "on"


def test_a_bare_name_of_a_light_already_on_says_so(db):
    assert call(db, "query", said="the desk lamp", device="desk lamp").reply == "The Desk Lamp is already on."


def test_a_bare_name_of_a_switch_turns_it_on_and_undo_puts_it_back(db):
    before = list_devices(db)
    result = call(db, "query", said="kettle", device="kettle")
    assert state(db, "switch.galley_kettle_17")[0] == "on"
    EXPERT.api("query").undo(ExpertContext(db=db, clock=Clock(datetime(2026, 12, 2))), result.undo)
    assert list_devices(db) == before


@pytest.mark.parametrize("api_name, said, args, reply", [
    ("query", "the front door", {"device": "front door"}, "The Front Door is locked."),
    ("turn_on", "the garage door", {"device": "garage door"}, "The Garage Door is closed."),
    ("query", "thermostat", {"device": "thermostat"}, "The Thermostat is set to 20° (19° now)."),
    ("query", "workshop temperature", {"device": "workshop temperature"}, "The Workshop Temperature is 14 °C."),
    ("query", "is the porch light on", {"device": "porch light"}, "The Porch Light is off."),
    ("query", "porch light?", {"device": "porch light"}, "The Porch Light is off."),
    ("query", "porch light status", {"device": "porch light"}, "The Porch Light is off."),
])
def test_a_bare_name_of_anything_else_or_a_question_only_tells_the_state(db, api_name, said, args, reply):
    before = list_devices(db)
    result = call(db, api_name, said=said, **args)
    assert (result.ok, result.reply) == (True, reply)
    assert list_devices(db) == before


def test_a_bare_name_never_asks_to_open_a_door(db):
    assert requires_confirmation(db, "turn_on", {"device": "garage door"}, said="the garage door") is None
    assert requires_confirmation(db, "turn_on", {"device": "garage door"},
                                 said="turn on the garage door") == "This would open Garage Door."


# ------------------------------------------------------------------ "here"
def test_here_as_a_device_or_an_area_is_the_speakers_room(db):
    assert ids(db, "here", None, "fan", here="study") == [STUDY_FAN]
    assert ids(db, "in here", None, "lights", here="family_room") == [ARC]
    assert ids(db, None, "in here", "fan", here="Study") == [STUDY_FAN]
    assert resolve(db, "here", None, "fan").problem == "Which room do you mean?"


def test_turn_on_the_fan_in_here(db):
    call(db, "turn_off", said="turn the fan off in here", here="family_room", device="fan", device_type="fan")
    assert state(db, CEILING_FAN)[0] == "off" and state(db, STUDY_FAN)[0] == "on"


def test_a_device_the_model_wrote_as_its_kind_is_the_one_the_user_named(db):
    """"put the ceiling fan on full blast" written as device_type "fan": the Ceiling Fan only."""
    call(db, "set_fan_speed", said="put the ceiling fan on full blast", percentage=100, device_type="fan")
    assert state(db, CEILING_FAN)[1]["percentage"] == 100 and state(db, STUDY_FAN)[1]["percentage"] == 40
    call(db, "turn_off", said="switch every fan off", device_type="fan")
    assert state(db, CEILING_FAN)[0] == "off" and state(db, STUDY_FAN)[0] == "off"


def test_a_named_device_from_the_turn_before_is_kept_when_the_user_says_only_its_kind(db):
    """"turn that light off" after the desk lamp: the model's "desk lamp" stands, not every light."""
    call(db, "turn_off", said="turn that light off", device="desk lamp")
    assert state(db, DESK)[0] == "off" and state(db, ARC)[0] == "on"


def test_a_switch_that_opens_the_garage_needs_a_yes_whatever_it_is_called(tmp_path):
    """Sensitivity follows what a device does: a garage door opener modelled as a switch asks first,
    either way it is switched; an ordinary switch and a garage light do not."""
    from assistant.app import default_registry, open_state
    from assistant.experts.smart_home.apis import find_targets, requires_confirmation

    registry = default_registry()
    db = open_state(registry, tmp_path / "state.db")
    spec = registry.service("load_home_file")
    home = tmp_path / "home.yaml"
    home.write_text("""
floors: [{name: Ground, id: ground, level: 0}]
areas: [{name: Garage, id: garage, floor: ground}, {name: Study, id: study, floor: ground}]
entities:
  - {name: Garage Door Opener, id: switch.gdo_1, area: garage, state: "off"}
  - {name: Side Gate Buzzer, id: switch.buzz_2, area: garage, state: "off"}
  - {name: Garage Light, id: light.garage_3, area: garage, state: "off"}
  - {name: Desk Fan Plug, id: switch.plug_4, area: study, state: "off"}
  - {name: Roller Door, id: cover.roller_5, area: garage, state: closed, attributes: {device_class: garage}}
""")
    registry.service("load_home")(db, spec(home))
    assert "Garage Door Opener" in requires_confirmation(db, "turn_on", {"device": "garage door opener"})
    assert requires_confirmation(db, "turn_off", {"device": "side gate buzzer"})
    assert requires_confirmation(db, "open", {"device": "roller door"})  # a garage door by its kind
    assert requires_confirmation(db, "turn_on", {"device": "garage light"}) is None
    assert requires_confirmation(db, "turn_on", {"device": "desk fan plug"}) is None
    everything = find_targets(db, "turn_off", {"area": "garage"})[0]  # a group leaves the opener alone
    assert [d.id for d in everything] == ["light.garage_3"]
    assert requires_confirmation(db, "turn_off", {"area": "garage"}) is None


# ------------------------------------------------------------------ 6. rooms by other names; kinds as said
HALLS = """
floors:
  - {name: Ground, id: ground, level: 0}
  - {name: Upper, id: upper, level: 1}
areas:
  - {name: Lounge, id: lounge, floor: ground}
  - {name: Foyer, id: foyer, floor: ground}
  - {name: Study, id: study, floor: ground}
  - {name: Landing, id: landing, floor: upper}
  - {name: Ensuite, id: ensuite, floor: upper}
entities:
  - {name: Arc Lamp, id: light.arc, area: lounge, state: "on", attributes: {brightness: 80}}
  - {name: Corner Lamp, id: light.corner, area: lounge, state: "on", attributes: {brightness: 80}}
  - {name: Lounge Ceiling Light, id: light.ceiling, area: lounge, state: "on", attributes: {brightness: 80}}
  - {name: Desk Lamp, id: light.desk, area: study, state: "on", attributes: {brightness: 80}}
  - {name: Foyer Light, id: light.foyer, area: foyer, state: "on", attributes: {brightness: 80}}
  - {name: Landing Light, id: light.landing, area: landing, state: "on", attributes: {brightness: 80}}
  - {name: Mirror Light, id: light.mirror, area: ensuite, state: "on", attributes: {brightness: 80}}
"""


@pytest.fixture
def halls():
    db = open_database(":memory:", EXPERT.migrations)
    load_home(db, parse_home(HALLS))
    return db


@pytest.mark.parametrize("area, expected", [
    ("entryway", ["light.foyer"]),
    ("the downstairs hall", ["light.foyer"]),   # a room named with its floor
    ("upstairs hallway", ["light.landing"]),
    ("bathroom", ["light.mirror"]),             # the only bathroom is an ensuite
    ("sitting room", ["light.arc", "light.ceiling", "light.corner"]),
])
def test_a_room_by_a_common_name_the_home_does_not_use(halls, area, expected):
    assert ids(halls, area=area, device_type="lights", allowed={"light"}, bulk={"light"}) == expected


def test_a_hall_that_may_be_the_entry_or_the_landing_asks_which(halls):
    found = resolve(halls, area="hall", device_type="light", allowed={"light"}, bulk={"light"})
    assert found.problem == "Which hall: the Foyer or the Landing?"
    assert found.which is not None and set(found.which.choices) == {"Foyer", "Landing"}


@pytest.mark.parametrize("args", [
    {"device": "light", "area": "lounge"},
    {"device_type": "lights", "area": "lounge"},
    {"device": "lights", "device_type": "light", "area": "lounge"},
])
def test_the_kind_the_user_said_wins_over_the_kind_the_model_wrote(halls, args):
    result = call(halls, "turn_off", said="switch off the lamps in the lounge", **args)
    assert result.ok, result.reply
    assert [state(halls, i)[0] for i in ("light.arc", "light.corner", "light.ceiling")] == ["off", "off", "on"]


@pytest.mark.parametrize("api_name, said, args, device_id, expected", [
    ("set_position", "desk lamp to half", {"position": 50, "device": "desk lamp"}, DESK, ("on", {"brightness": 50})),
    ("set_brightness", "hi-fi at thirty percent", {"brightness": 30, "device": "hi-fi"}, HIFI, ("idle", {"volume": 30})),
    ("set_volume", "roller blind to 40 percent", {"volume": 40, "device": "roller blind"}, GUEST_BLIND,
     ("open", {"position": 40})),
])
def test_a_percent_level_written_for_another_kind_of_device_sets_its_own_level(db, api_name, said, args,
                                                                                device_id, expected):
    result = call(db, api_name, said=said, **args)
    assert result.ok, result.reply
    got_state, got_attributes = state(db, device_id)
    assert (got_state, {k: got_attributes[k] for k in expected[1]}) == expected


def test_a_room_with_blinds_and_curtains_moves_the_kind_named(halls):
    load_home(halls, parse_home(HALLS + """
  - {name: Blackout Blind, id: cover.blind, area: ensuite, state: closed, attributes: {position: 0}}
  - {name: Ensuite Curtains, id: cover.curtains, area: ensuite, state: closed, attributes: {position: 0}}
"""))
    assert ids(halls, area="ensuite", device_type="blinds", allowed={"cover"}, bulk={"cover"}) == ["cover.blind"]
    assert ids(halls, device="curtains", allowed={"cover"}, bulk={"cover"}) == ["cover.curtains"]


@pytest.mark.parametrize("device, area, expected", [
    ("the big light", "lounge", ["light.ceiling"]), ("overhead light", "study", []),
])
def test_the_big_light_is_the_rooms_ceiling_light(halls, device, area, expected):
    found = resolve(halls, device, area, allowed={"light"}, bulk={"light"})
    assert sorted(found.device_ids) == expected and (found.problem is None) == bool(expected)


@pytest.mark.parametrize("api_name, said, args, device_id", [
    ("set_fan_speed", "Study fan.", {"percentage": 40, "device": "study fan"}, STUDY_FAN),
    ("set_brightness", "the pendants please", {"brightness": 80, "device": "pendants"}, "light.kitchen_pendants_06"),
])
def test_a_bare_name_written_as_a_setting_turns_the_device_on(db, api_name, said, args, device_id):
    call(db, "turn_off", device=args["device"])
    result = call(db, api_name, said=said, **args)
    assert result.ok and result.missing is None, result.reply
    assert state(db, device_id)[0] == "on"


def test_the_verb_before_a_kind_is_not_part_of_the_devices_name(db):
    result = call(db, "turn_on", said="switch on every lamp downstairs", area="downstairs", device_type="light")
    assert result.ok, result.reply
    assert state(db, "switch.galley_kettle_17")[0] == "off"  # a switch, not a lamp
    assert state(db, "light.kitchen_pendants_06")[0] == "off"  # a light, not a lamp


def test_a_device_named_with_a_place_that_fits_two_rooms_asks_which(halls):
    found = resolve(halls, "the hall light", allowed={"light"}, bulk={"light"})
    assert found.problem == "Which hall: the Foyer or the Landing?" and set(found.which.choices) == {"Foyer", "Landing"}
    assert ids(halls, "the hall light", area="Landing", allowed={"light"}) == ["light.landing"]
