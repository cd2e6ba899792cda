"""Home files: checking with line numbers, loading into SQLite, the CLI helpers."""
from pathlib import Path

import pytest

from assistant.storage.db import open_database
from assistant.experts.smart_home import (EXPERT, HomeFileError, ensure_home, home_source, home_summary,
                                list_devices, load_home, load_home_file)

DATA = Path(__file__).parent / "data"
DEMO = Path(__file__).parent.parent / "assistant" / "data" / "demo_home.yaml"

GOOD = """\
floors:
  - {name: Ground Floor, id: ground}
areas:
  - {name: Kitchen, id: kitchen, floor: ground}
entities:
  - {name: Kitchen Light, id: light.kitchen_1, area: kitchen, state: "off", attributes: {brightness: 40}}
  - {name: Kettle, id: switch.kettle_2, area: kitchen, state: off}
"""


def write(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "home.yaml"
    path.write_text(text)
    return path


def error_for(tmp_path: Path, text: str) -> str:
    with pytest.raises(HomeFileError) as caught:
        load_home_file(write(tmp_path, text))
    return str(caught.value)


def test_good_file_loads_and_reads_unquoted_off_as_a_state(tmp_path):
    spec = load_home_file(write(tmp_path, GOOD))
    assert [e.id for e in spec.entities] == ["light.kitchen_1", "switch.kettle_2"]
    assert spec.entities[1].state == "off"
    assert spec.entities[0].domain == "light"


BAD = [  # (replace this, with that, expected line, words the message must contain)
    ("area: kitchen, state: off", "area: attic, state: off", 7,
     "entity 'switch.kettle_2' has area 'attic', which is not defined"),
    ("floor: ground}", "floor: cellar}", 4, "area 'kitchen' has floor 'cellar', which is not defined"),
    ("id: switch.kettle_2", "id: light.kitchen_1", 7, "entity id 'light.kitchen_1' is used more than once"),
    ("id: switch.kettle_2", "id: kettle", 7, "an entity id looks like"),
    ("id: switch.kettle_2", "id: toaster.kettle_2", 7, "unknown domain 'toaster'"),
    ("brightness: 40", "brightness: 140", 6, "brightness must be a number from 0 to 100"),
    ("brightness: 40", "color: blurple", 6, "not a CSS colour name"),
    ("state: off}", "state: open}", 7, "has state 'open'"),
    ("{name: Kettle, ", "{", 7, "name"),
    ("{name: Kettle, ", "{nmae: Kettle, ", 7, "nmae"),
    ("entities:", "entites:", 5, "entites"),
]


@pytest.mark.parametrize("old, new, line, words", BAD)
def test_errors_name_the_file_and_line(tmp_path, old, new, line, words):
    assert old in GOOD
    message = error_for(tmp_path, GOOD.replace(old, new, 1))
    assert message.startswith(f"{tmp_path / 'home.yaml'} line {line}: "), message
    assert words in message


def test_block_style_attribute_error_points_at_the_key(tmp_path):
    text = GOOD + "  - name: Lamp\n    id: light.lamp_3\n    state: 'on'\n    attributes:\n" \
                  "      color: white\n      brightness: -5\n"
    assert " line 13: entity 'light.lamp_3': brightness" in error_for(tmp_path, text)


def test_malformed_yaml_names_the_line(tmp_path):
    message = error_for(tmp_path, "floors:\n  - {name: A, id: a}\nareas: [\n  {name: B\n")
    assert "home.yaml line" in message and "not valid YAML" in message


def test_not_a_mapping_and_missing_file(tmp_path):
    assert "line 1: expected a mapping" in error_for(tmp_path, "- just a list\n")
    with pytest.raises(HomeFileError, match="cannot read"):
        load_home_file(tmp_path / "nope.yaml")


@pytest.fixture
def db():
    return open_database(":memory:", EXPERT.migrations)


def test_demo_home_covers_every_domain(db):
    spec = load_home_file(DEMO)
    domains = {e.domain for e in spec.entities}
    assert {"light", "switch", "fan", "cover", "climate", "lock", "media_player"} <= domains
    assert len(spec.floors) == 2 and len(spec.areas) >= 7 and len(spec.entities) >= 20


def test_ensure_home_loads_the_default_only_once(db, tmp_path):
    assert ensure_home(db, DEMO) is True
    assert home_source(db) == str(DEMO)
    load_home(db, load_home_file(DATA / "dev_home.yaml"), "dev")
    assert ensure_home(db, DEMO) is False
    assert home_source(db) == "dev"
    assert len(list_devices(db)) == 16


def test_load_home_replaces_the_whole_home(db, tmp_path):
    load_home(db, load_home_file(DATA / "dev_home.yaml"))
    load_home(db, load_home_file(write(tmp_path, GOOD)))
    assert list_devices(db) == [
        {"id": "light.kitchen_1", "name": "Kitchen Light", "area": "kitchen", "state": "off",
         "attributes": {"brightness": 40}},
        {"id": "switch.kettle_2", "name": "Kettle", "area": "kitchen", "state": "off", "attributes": {}},
    ]
    assert db.execute("SELECT count(*) FROM areas").fetchone()[0] == 1


def test_home_summary_has_names_only(db):
    load_home(db, load_home_file(DATA / "dev_home.yaml"))
    summary = home_summary(db)
    assert summary.floors == ["Ground Floor", "Upstairs"]
    assert {"name": "Kids Room", "floor": "Upstairs"} in summary.areas
    assert {"name": "Night Light", "domain": "light", "area": "Kids Room"} in summary.devices
    text = summary.prompt_text()
    assert "Kitchen (Ground Floor): Kitchen Ceiling Light [light], Kitchen Counter Strip [light], " \
           "Coffee Maker [switch]" in text
    assert "4f2a9c" not in text
    assert summary.as_dict()["floors"] == ["Ground Floor", "Upstairs"]
