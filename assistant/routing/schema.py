"""JSON schemas the model's output is constrained to, derived from the registry.

The output is one object `{"api": "<expert>.<name>", "args": {...}}` or `{"api": "decline"}`.
Optional arguments are simply omitted (no nulls), titles are dropped: fewer tokens to write.
"""
from __future__ import annotations

import copy
from typing import Any

from assistant.registry import ApiSpec, Registry

DECLINE = "decline"


def compact_args_schema(spec: ApiSpec) -> dict[str, Any]:
    """The API's argument schema without titles, defaults and `| None` wrappers."""
    schema = copy.deepcopy(spec.json_schema())
    defs = schema.pop("$defs", {})
    properties = {name: _simplify(prop, defs) for name, prop in schema.get("properties", {}).items()}
    out: dict[str, Any] = {"type": "object", "properties": properties}
    if schema.get("required"):
        out["required"] = schema["required"]
    return out


def _simplify(prop: dict[str, Any], defs: dict[str, Any]) -> dict[str, Any]:
    if "$ref" in prop:
        prop = copy.deepcopy(defs[prop["$ref"].split("/")[-1]])
    variants = prop.get("anyOf")
    if variants:
        non_null = [v for v in variants if v.get("type") != "null"]
        if len(non_null) == 1:
            prop = {**non_null[0]}
    prop = {k: v for k, v in prop.items() if k not in ("title", "default", "description")}
    if prop.get("type") == "array" and "items" in prop:
        prop["items"] = _simplify(prop["items"], defs)
    return prop


def decision_schema(registry: Registry, apis: list[ApiSpec] | None = None) -> dict[str, Any]:
    """A union of one object schema per API, plus the decline option."""
    options = []
    for spec in apis if apis is not None else registry.apis():
        options.append({
            "type": "object",
            "properties": {"api": {"const": spec.qualified}, "args": compact_args_schema(spec)},
            "required": ["api", "args"],
        })
    options.append({"type": "object", "properties": {"api": {"const": DECLINE}}, "required": ["api"]})
    return {"anyOf": options}


def signature_line(spec: ApiSpec) -> str:
    """`timers.start(duration, name?) - Start a countdown timer.`: the catalogue line for one API."""
    schema = spec.json_schema()
    required = set(schema.get("required", []))
    params = []
    for name, prop in schema.get("properties", {}).items():
        simple = _simplify(prop, schema.get("$defs", {}))
        label = name if name in required else f"{name}?"
        if "enum" in simple:
            label += "=" + "|".join(str(v) for v in simple["enum"])
        elif simple.get("type") in ("integer", "number"):
            label += ":number"
        elif simple.get("type") == "array":
            label += ":list"
        params.append(label)
    return f"{spec.qualified}({', '.join(params)}) - {spec.description}"
