"""Read a home file (Home Assistant fixture layout: floors, areas, entities) into a checked HomeSpec.

Every problem is reported as `HomeFileError("<file> line <n>: <what>")`; the line comes from the
composed YAML node of the offending entity or key.
"""
from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import yaml
from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator

from assistant import safe_input
from assistant.registry import ExpertInputError
from assistant.experts.smart_home.colors import css_color

DOMAINS = ("light", "switch", "fan", "cover", "climate", "lock", "media_player",
           "alarm_control_panel", "sensor", "binary_sensor")
STATES: dict[str, set[str] | None] = {
    "light": {"on", "off"}, "switch": {"on", "off"}, "fan": {"on", "off"},
    "binary_sensor": {"on", "off"},
    "cover": {"open", "closed", "opening", "closing"},
    "lock": {"locked", "unlocked", "jammed"},
    "climate": {"heat", "cool", "off", "auto", "heat_cool", "dry", "fan_only"},
    "media_player": {"idle", "playing", "paused", "off", "on"},
    "alarm_control_panel": {"disarmed", "armed_home", "armed_away", "armed_night", "triggered"},
    "sensor": None,
}
PERCENT_ATTRIBUTES = ("brightness", "volume", "position", "percentage")
NUMBER_ATTRIBUTES = ("temperature", "current_temperature", "min_temp", "max_temp")
ENTITY_ID = re.compile(r"^([a-z_]+)\.[a-z0-9_]+$")


class HomeFileError(ExpertInputError):
    """The home file is missing, not YAML, or does not describe a consistent home."""


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid")


class FloorSpec(_Strict):
    name: str = Field(min_length=1)
    id: str = Field(min_length=1)
    level: int | None = None
    aliases: list[str] = Field(default_factory=list)


class AreaSpec(_Strict):
    name: str = Field(min_length=1)
    id: str = Field(min_length=1)
    floor: str | None = None
    aliases: list[str] = Field(default_factory=list)


class EntitySpec(_Strict):
    name: str = Field(min_length=1)
    id: str = Field(min_length=1)
    area: str | None = None
    state: str
    attributes: dict[str, Any] = Field(default_factory=dict)
    aliases: list[str] = Field(default_factory=list)

    @field_validator("state", mode="before")
    @classmethod
    def _yaml_booleans(cls, value: Any) -> Any:
        """YAML 1.1 reads an unquoted `on`/`off` as a boolean; numbers come from sensors."""
        if isinstance(value, bool):
            return "on" if value else "off"
        return str(value) if isinstance(value, (int, float)) else value

    @property
    def domain(self) -> str:
        return self.id.split(".", 1)[0]


class HomeSpec(_Strict):
    floors: list[FloorSpec] = Field(default_factory=list)
    areas: list[AreaSpec] = Field(default_factory=list)
    entities: list[EntitySpec] = Field(default_factory=list)


def load_home_file(path: Path | str) -> HomeSpec:
    """Read and check a home file; raise HomeFileError naming the file and line of a problem."""
    try:
        text = safe_input.read_text(path)
    except safe_input.InputError as exc:
        raise HomeFileError(str(exc)) from None
    return parse_home(text, str(path))


def parse_home(text: str, source: str = "home.yaml") -> HomeSpec:
    """Parse and check the YAML text of a home file (`source` names it in error messages)."""
    try:
        safe_input.check_yaml(text)  # depth and expanded size first: nothing is built beyond them
        root = yaml.compose(text, Loader=yaml.SafeLoader)
        data = yaml.safe_load(text)
        safe_input.check_value(data)
    except safe_input.InputError as exc:
        raise HomeFileError(f"{source}: {exc}") from None
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f" line {mark.line + 1}" if mark else ""
        problem = getattr(exc, "problem", None) or str(exc)
        raise HomeFileError(f"{source}{where}: not valid YAML ({problem})") from exc
    if not isinstance(data, dict):
        raise HomeFileError(f"{source} line 1: expected a mapping with floors, areas and entities")
    try:
        spec = HomeSpec.model_validate(data)
    except ValidationError as exc:
        raise _schema_error(exc, data, root, source) from None
    problems = _consistency_problems(spec)
    if problems:
        loc, what = problems[0]
        more = f" (and {len(problems) - 1} more problems)" if len(problems) > 1 else ""
        raise HomeFileError(f"{source} line {_line(root, loc)}: {what}{more}")
    return spec


def _schema_error(exc: ValidationError, data: dict, root: yaml.Node, source: str) -> HomeFileError:
    errors = sorted(exc.errors(), key=lambda e: e["type"] != "extra_forbidden")  # typos first
    first = errors[0]
    loc = tuple(first["loc"])
    more = f" (and {len(errors) - 1} more problems)" if len(errors) > 1 else ""
    if first["type"] == "extra_forbidden":
        problem = f"unknown key '{loc[-1]}'"
    elif first["type"] == "missing":
        problem = f"'{loc[-1]}' is required"
    else:
        problem = f"{'.'.join(str(part) for part in loc[2:]) or loc[-1]}: {first['msg']}"
    what = f"{_describe_item(data, loc)}: {problem}" if len(loc) > 2 or (
        len(loc) == 2 and first["type"] != "extra_forbidden") else problem
    return HomeFileError(f"{source} line {_line(root, loc)}: {what}{more}")


def _describe_item(data: dict, loc: tuple) -> str:
    section, index = loc[0], loc[1] if len(loc) > 1 else None
    kind = {"floors": "floor", "areas": "area", "entities": "entity"}.get(str(section), str(section))
    try:
        item_id = data[section][index].get("id")
    except (KeyError, IndexError, TypeError, AttributeError):
        item_id = None
    return f"{kind} '{item_id}'" if item_id else f"{kind} #{index + 1 if isinstance(index, int) else index}"


def _consistency_problems(spec: HomeSpec) -> list[tuple[tuple, str]]:
    problems = _duplicates("floors", "floor", spec.floors) + _duplicates("areas", "area", spec.areas)
    problems += _duplicates("entities", "entity", spec.entities)
    floor_ids = {floor.id for floor in spec.floors}
    for i, area in enumerate(spec.areas):
        if area.floor is not None and area.floor not in floor_ids:
            problems.append((("areas", i, "floor"),
                             f"area '{area.id}' has floor '{area.floor}', which is not defined"))
    area_ids = {area.id for area in spec.areas}
    for i, entity in enumerate(spec.entities):
        problems += _entity_problems(i, entity, area_ids)
    return problems


def _duplicates(section: str, kind: str, items: list) -> list[tuple[tuple, str]]:
    seen: set[str] = set()
    problems = []
    for i, item in enumerate(items):
        if item.id in seen:
            problems.append(((section, i, "id"), f"{kind} id '{item.id}' is used more than once"))
        seen.add(item.id)
    return problems


def _entity_problems(i: int, entity: EntitySpec, area_ids: set[str]) -> list[tuple[tuple, str]]:
    where, name = ("entities", i), f"entity '{entity.id}'"
    match = ENTITY_ID.match(entity.id)
    if not match:
        return [((*where, "id"), f"{name}: an entity id looks like 'light.kitchen_ceiling'")]
    if match.group(1) not in DOMAINS:
        return [((*where, "id"), f"{name}: unknown domain '{match.group(1)}' "
                 f"(known: {', '.join(DOMAINS)})")]
    problems = []
    if entity.area is not None and entity.area not in area_ids:
        problems.append(((*where, "area"), f"{name} has area '{entity.area}', which is not defined"))
    allowed = STATES[entity.domain]
    if allowed is not None and entity.state not in allowed:
        problems.append(((*where, "state"), f"{name} has state '{entity.state}' "
                         f"(a {entity.domain} is one of: {', '.join(sorted(allowed))})"))
    for key, value in entity.attributes.items():
        what = _attribute_problem(key, value)
        if what:
            problems.append(((*where, "attributes", key), f"{name}: {what}"))
    return problems


def _attribute_problem(key: str, value: Any) -> str | None:
    is_number = isinstance(value, (int, float)) and not isinstance(value, bool)
    if key in PERCENT_ATTRIBUTES and not (is_number and 0 <= value <= 100):
        return f"{key} must be a number from 0 to 100, not {value!r}"
    if key in NUMBER_ATTRIBUTES and not is_number:
        return f"{key} must be a number, not {value!r}"
    if key == "color" and not (isinstance(value, str) and css_color(value)):
        return f"color {value!r} is not a CSS colour name"
    return None


def _line(root: yaml.Node | None, loc: tuple) -> int:
    """The 1-based line of the deepest node along `loc` (mapping keys and sequence indexes)."""
    node, line = root, (root.start_mark.line + 1 if root is not None else 1)
    for i, part in enumerate(loc):
        node = _child(node, part, last=i == len(loc) - 1)
        if node is None:
            break
        line = node.start_mark.line + 1
    return line


def _child(node: yaml.Node | None, part: Any, last: bool) -> yaml.Node | None:
    """The value under a mapping key (its key node if it is the last part) or a sequence item."""
    if isinstance(node, yaml.MappingNode):
        for key, value in node.value:
            if key.value == str(part):
                return key if last else value
        return None
    if isinstance(node, yaml.SequenceNode) and isinstance(part, int) and part < len(node.value):
        return node.value[part]
    return None
