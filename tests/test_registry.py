from typing import Literal

import pytest
from pydantic import ValidationError

from assistant.context import ExpertContext
from assistant.messages import ActionResult
from assistant.registry import Registry, RegistryError, api, build_expert
from assistant.routing.schema import DECLINE, compact_args_schema, decision_schema, signature_line


@api(speculative_safe=True)
def start(ctx: ExpertContext, duration: str, name: str | None = None) -> ActionResult:
    """Start a countdown timer."""
    return ActionResult(reply=f"{duration} {name}")


@api(sensitive=True)
def unlock(ctx: ExpertContext, device: str, mode: Literal["fast", "slow"] = "slow", level: int | None = None) -> ActionResult:
    """Unlock a lock."""
    return ActionResult(reply="unlocked")


def make_registry():
    return Registry([build_expert("timers", "countdown timers", [start]),
                     build_expert("home", "devices", [unlock])])


def test_schema_is_derived_from_the_signature():
    spec = make_registry().api("timers", "start")
    schema = spec.json_schema()
    assert schema["required"] == ["duration"]
    assert set(schema["properties"]) == {"duration", "name"}
    assert spec.description == "Start a countdown timer."
    assert spec.speculative_safe and not spec.sensitive


def test_validation_drops_nones_and_rejects_unknown_or_wrong_arguments():
    spec = make_registry().api("home", "unlock")
    assert spec.validate({"device": "front door", "level": None}) == {"device": "front door", "mode": "slow"}
    with pytest.raises(ValidationError):
        spec.validate({"device": "front door", "colour": "red"})
    with pytest.raises(ValidationError):
        spec.validate({"device": "front door", "mode": "sideways"})
    with pytest.raises(ValidationError):
        spec.validate({})


def test_misses_are_explained_and_duplicates_refused():
    registry = make_registry()
    with pytest.raises(RegistryError, match="known: home, timers"):
        registry.expert("lights")
    with pytest.raises(RegistryError, match="known: start"):
        registry.api("timers", "stop")
    with pytest.raises(RegistryError):
        registry.add(build_expert("timers", "again", []))
    with pytest.raises(RegistryError):
        build_expert("x", "y", [start, start])


def test_compact_schema_has_no_nulls_titles_or_defaults():
    spec = make_registry().api("home", "unlock")
    schema = compact_args_schema(spec)
    assert schema["properties"]["level"] == {"type": "integer"}
    assert schema["properties"]["mode"]["enum"] == ["fast", "slow"]
    assert "title" not in str(schema) and "null" not in str(schema)


def test_decision_schema_is_a_union_with_decline():
    schema = decision_schema(make_registry())
    consts = [option["properties"]["api"]["const"] for option in schema["anyOf"]]
    assert consts == ["timers.start", "home.unlock", DECLINE]


def test_signature_line_marks_optional_and_typed_parameters():
    registry = make_registry()
    assert signature_line(registry.api("timers", "start")) == "timers.start(duration, name?) - Start a countdown timer."
    assert signature_line(registry.api("home", "unlock")) == "home.unlock(device, mode?=fast|slow, level?:number) - Unlock a lock."


def test_a_whole_number_given_with_a_fraction_is_rounded_not_refused():
    spec = make_registry().api("home", "unlock")
    assert spec.validate({"device": "front door", "level": 18.5})["level"] == 19
    assert spec.validate({"device": "front door", "level": 3.2})["level"] == 3
    with pytest.raises(ValidationError):
        spec.validate({"device": 2.5})  # a string argument is not rounded into one
