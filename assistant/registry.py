"""The one registry of experts and their APIs.

An expert module declares its APIs as plain typed functions decorated with `@api`; the JSON
schema of each API's arguments is derived from the signature (pydantic), its description from
the docstring's first line. Routing, prompting, validation and guardrails are built on this
registry, never per expert.
"""
from __future__ import annotations

import inspect
from dataclasses import dataclass, field
from typing import Any, Callable, get_type_hints

from pydantic import BaseModel, ConfigDict, ValidationError, create_model

from assistant.storage.db import Migration


class RegistryError(LookupError):
    """An unknown expert or API, or a duplicate registration."""


@dataclass(frozen=True)
class ApiSpec:
    expert: str
    name: str
    description: str
    func: Callable[..., Any]
    args_model: type[BaseModel]
    speculative_safe: bool = False  # idempotent or undoable: may run before confirmation
    sensitive: bool = False  # needs an explicit confirmation turn (locks, alarms, delete all)
    undo: Callable[..., Any] | None = None
    # arguments that are the user's own words (a question to answer from memory): when the
    # model's phrase is not taken from the utterance, the utterance itself is passed
    verbatim: tuple[str, ...] = ()

    @property
    def qualified(self) -> str:
        return f"{self.expert}.{self.name}"

    def json_schema(self) -> dict[str, Any]:
        return self.args_model.model_json_schema()

    def validate(self, args: dict[str, Any]) -> dict[str, Any]:
        """Return the validated arguments (None values dropped) or raise ValidationError."""
        model = self.args_model.model_validate(args)
        return model.model_dump(exclude_none=True)


@dataclass
class Expert:
    name: str
    description: str
    apis: dict[str, ApiSpec] = field(default_factory=dict)
    migrations: list[Migration] = field(default_factory=list)
    # (db, api_name, validated_args) -> a reason to ask for confirmation, or None
    confirmation_policy: Callable[..., str | None] | None = None
    # (db, text, here, aliases) -> the state this request needs in its prompt (e.g. the few
    # devices it points at), or "" — asked only once the request is routed to this expert
    routing_context: Callable[..., str] | None = None

    def api(self, name: str) -> ApiSpec:
        try:
            return self.apis[name]
        except KeyError:
            known = ", ".join(sorted(self.apis))
            raise RegistryError(f"expert {self.name!r} has no API {name!r} (known: {known})") from None


def api(*, speculative_safe: bool = False, sensitive: bool = False, undo: Callable | None = None,
        verbatim: tuple[str, ...] = ()):
    """Mark a function `f(ctx, **args) -> ActionResult` as an expert API."""

    def mark(func: Callable) -> Callable:
        func.__api__ = {"speculative_safe": speculative_safe, "sensitive": sensitive, "undo": undo,
                        "verbatim": verbatim}
        return func

    return mark


def build_expert(name: str, description: str, module_functions: list[Callable],
                 migrations: list[Migration] | None = None,
                 confirmation_policy: Callable[..., str | None] | None = None,
                 routing_context: Callable[..., str] | None = None) -> Expert:
    """Turn a module's `@api` functions into an Expert with derived schemas."""
    expert = Expert(name=name, description=description, migrations=list(migrations or []),
                    confirmation_policy=confirmation_policy, routing_context=routing_context)
    for func in module_functions:
        spec = _spec_from_function(name, func)
        if spec.name in expert.apis:
            raise RegistryError(f"duplicate API {spec.qualified}")
        expert.apis[spec.name] = spec
    return expert


def _spec_from_function(expert: str, func: Callable) -> ApiSpec:
    flags = getattr(func, "__api__", None)
    if flags is None:
        raise RegistryError(f"{func.__qualname__} is not decorated with @api")
    hints = get_type_hints(func)
    fields: dict[str, Any] = {}
    for pname, param in list(inspect.signature(func).parameters.items())[1:]:  # skip ctx
        default = ... if param.default is inspect.Parameter.empty else param.default
        fields[pname] = (hints.get(pname, Any), default)
    model = create_model(
        f"{expert}_{func.__name__}_args", __config__=ConfigDict(extra="forbid"), **fields
    )
    doc = inspect.getdoc(func) or func.__name__
    return ApiSpec(expert=expert, name=func.__name__, description=doc.splitlines()[0],
                   func=func, args_model=model, **flags)


class Registry:
    """All experts, by name. Raises on duplicates, explains misses."""

    def __init__(self, experts: list[Expert] | None = None) -> None:
        self._experts: dict[str, Expert] = {}
        for expert in experts or []:
            self.add(expert)

    def add(self, expert: Expert) -> None:
        if expert.name in self._experts:
            raise RegistryError(f"duplicate expert {expert.name!r}")
        self._experts[expert.name] = expert

    def expert(self, name: str) -> Expert:
        try:
            return self._experts[name]
        except KeyError:
            known = ", ".join(sorted(self._experts))
            raise RegistryError(f"no expert {name!r} (known: {known})") from None

    def api(self, expert: str, name: str) -> ApiSpec:
        return self.expert(expert).api(name)

    def experts(self) -> list[Expert]:
        return list(self._experts.values())

    def apis(self) -> list[ApiSpec]:
        return [spec for expert in self._experts.values() for spec in expert.apis.values()]

    def migrations(self) -> list[Migration]:
        return [m for expert in self._experts.values() for m in expert.migrations]


__all__ = ["ApiSpec", "Expert", "Registry", "RegistryError", "ValidationError", "api", "build_expert"]
