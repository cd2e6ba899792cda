"""The one registry of experts and their APIs.

An expert module declares its APIs as plain typed functions decorated with `@api`; the JSON
schema of each API's arguments is derived from the signature (pydantic), its description from
the docstring's first line. Routing, prompting, validation and guardrails are built on this
registry, never per expert.
"""
from __future__ import annotations

import copy
import inspect
import re
from dataclasses import dataclass, field
from datetime import datetime
from functools import cached_property
from pathlib import Path
from typing import Any, Callable, get_type_hints

from pydantic import BaseModel, ConfigDict, ValidationError, create_model

from assistant.messages import Decision, Request
from assistant.slots import Slot
from assistant.storage.db import Database, Migration


class RegistryError(LookupError):
    """An unknown expert or API, or a duplicate registration."""


class ExpertInputError(ValueError):
    """Something given to an expert's service (a file, a value) is unusable: one clear line to the user."""


@dataclass(frozen=True)
class ApiSpec:
    expert: str
    name: str
    description: str
    func: Callable[..., Any]
    args_model: type[BaseModel]
    speculative_safe: bool = False  # idempotent or undoable: may run before confirmation
    sensitive: bool = False  # needs an explicit confirmation turn (locks, alarms, delete all)
    # may be put off ("… in 20 minutes"): stored as a scheduled action and run at its time
    # (assistant/deferral.py); a sensitive one is confirmed first, when it is asked for
    deferrable: bool = False
    undo: Callable[..., Any] | None = None
    reads: bool = False  # it answers from the state (a question's API), whatever its undo restores
    # arguments that are the user's own words (a question to answer from memory): when the
    # model's phrase is not taken from the utterance, the utterance itself is passed
    verbatim: tuple[str, ...] = ()
    # arguments made of the user's words only (a fact to remember): one content word the user
    # never said ("… is Whiskers" for "what's a good name for a cat") and the call is not theirs
    exact: tuple[str, ...] = ()
    # arguments that are values the user says (assistant/slots.py): compared by meaning, kept in
    # the user's words, and asked for when missing
    slots: dict[str, Slot] = field(default_factory=dict)
    # a choice argument's values and the words that ask for each ({"action": {"pause": "pause
    # hold", …}}): a call whose choice none of the user's words asks for is not the user's reading
    said_by: dict[str, dict[str, str]] = field(default_factory=dict)
    # words without one of which the model is never offered this API ("dry", "fan only", "… mode":
    # a thermostat's mode), so a rarer API never wins a request it was not asked for
    offered_when: re.Pattern | None = None

    def offered(self, text: str) -> bool:
        """Whether the model may choose this API for these words (`offered_when`)."""
        return self.offered_when is None or bool(self.offered_when.search(text))

    @property
    def qualified(self) -> str:
        return f"{self.expert}.{self.name}"

    @property
    def acts(self) -> bool:
        """Whether a call changes something (it has an undo) rather than answering."""
        return self.undo is not None and not self.reads

    @cached_property
    def _schema(self) -> dict[str, Any]:
        return self.args_model.model_json_schema()

    def json_schema(self) -> dict[str, Any]:
        """The arguments' JSON schema (a copy: callers may extend it)."""
        return copy.deepcopy(self._schema)

    @property
    def required(self) -> tuple[str, ...]:
        """The names of the arguments a call must have, in the signature's order."""
        return tuple(self._schema.get("required", ()))

    @property
    def properties(self) -> dict[str, Any]:
        """The arguments' schemas by name (read-only)."""
        return self._schema.get("properties", {})

    def validate(self, args: dict[str, Any]) -> dict[str, Any]:
        """Return the validated arguments (None values dropped) or raise ValidationError. A
        whole-number argument given with a fraction (18.5 % brightness, worked out from "halve it")
        is rounded, not refused."""
        model = self.args_model.model_validate({key: _whole(value) if self._is_integer(key) else value
                                                for key, value in args.items()})
        return model.model_dump(exclude_none=True)

    def _is_integer(self, name: str) -> bool:
        schema = self.properties.get(name, {})
        return schema.get("type") == "integer" or any(o.get("type") == "integer" for o in schema.get("anyOf", ()))


def _whole(value: Any) -> Any:
    """A float as the nearest whole number (halves away from zero: 18.5 → 19); anything else as it is."""
    if isinstance(value, float) and value == value and abs(value) != float("inf"):
        return int(value + 0.5) if value >= 0 else -int(-value + 0.5)
    return value


@dataclass(frozen=True)
class View:
    """A listing of an expert's state: `assistant NOUN` prints it as a table, `--json` as `rows`."""

    noun: str  # the CLI sub-command: "devices", "reminders", ...
    help: str
    rows: Callable[[Database, datetime], Any]  # (db, now) -> the --json shape
    columns: tuple[str, ...] = ()  # the table's columns: keys of each row
    # for a shape that is not a list of rows: the data -> [(title, columns, rows)]
    tables: Callable[[Any], list[tuple[str, list[str], list[list]]]] | None = None


@dataclass
class Expert:
    """One domain. Everything the core knows of it comes through these fields (all optional but
    the name, the description and the APIs)."""

    name: str
    description: str
    apis: dict[str, ApiSpec] = field(default_factory=dict)
    migrations: list[Migration] = field(default_factory=list)
    # (db, api_name, validated_args, here=, said=, source=) -> a reason to ask for confirmation, or None
    confirmation_policy: Callable[..., str | None] | None = None
    # (db, api_name, validated_args, here, said) -> why the call could not be carried out (no such
    # device there), or None: asked before a call is put off, so the user hears it now, not later
    preflight: Callable[..., str | None] | None = None
    # (db, api_name, args as written, here, said) -> (api_name, args) that mean the call as said: for
    # things that cannot do its API but do another's ("open the light": on), or with a value the
    # words give that the model left out ("the lamp to three quarters"); None when it is as meant
    recast: Callable[..., tuple[str, dict[str, Any]] | None] | None = None
    # (db, api_name, validated_args, here, said) -> the args naming what they resolve to now, so a
    # call put off acts later on what was meant when it was said ("the den heater", not "heater")
    pin: Callable[..., dict[str, Any]] | None = None
    # (api_name, args, said) -> whether the rules' reading of the words is a judgement a model may
    # make otherwise (items joined by "and" that may be one thing: "mac and cheese"): such a
    # proposal is always confirmed, however settled its expert and API (RoutingConfig.trust_settled)
    doubtful: Callable[[str, dict[str, Any], str], bool] | None = None
    # (db, text, here, aliases) -> the state this request needs in its prompt (e.g. the few
    # devices it points at), or "" — asked only once the request is routed to this expert
    routing_context: Callable[..., str] | None = None
    capability: str = ""  # what it offers, in a few words, for the decline reply ("timers")
    # its deterministic command shapes: the request -> a proposal, or None (checked by the confirmer)
    propose: Callable[[Request], Decision | None] | None = None
    cues: tuple[re.Pattern[str], ...] = ()  # phrasings whose meaning is this expert, whatever a model thinks
    frames: bool = False  # its cues wrap another request ("remind me to turn off …"): checked first
    cancellable: tuple[str, ...] = ()  # APIs whose result "cancel it" may mean (undone by its `cancel`)
    # (api_name, the previous call's args, a phrase, db=…) -> that call's arguments for what the
    # phrase names instead ("turn on the kitchen lights" → "and the bedroom too"), or None
    ellipsis: Callable[..., dict[str, Any] | None] | None = None
    scheduler_sources: Callable[[], list[Any]] = list  # () -> what it has due (scheduler Sources)
    # work the running scheduler does between firings, every few seconds: (db, now) -> lines to
    # notify (the documents inbox); never inside a firing's transaction
    chores: tuple[Callable[..., list[str]], ...] = ()
    views: tuple[View, ...] = ()
    services: dict[str, Callable[..., Any]] = field(default_factory=dict)  # functions the core calls by name
    # (db) -> the names people say to it (devices, rooms, lists): speech-to-text is biased towards them
    vocabulary: Callable[[Database], list[str]] | None = None
    # (db, text) -> the words as this expert's own plain request when they ask for it in other words
    # (a sensor asked by what it measures: "are we selling much back to the grid" → "what's the Grid
    # Export reading?"), or None; read before routing, so every stage sees the plain words
    reword: Callable[[Database, str], str | None] | None = None
    # (db, text, source) -> whether the words are nothing but names of this expert's own things
    # ("the telly" said alone; `source` "voice" for speech): pinned like a cue, by what the user
    # has rather than by fixed words
    claims: Callable[[Database, str, str], bool] | None = None
    # (db, api_name, args, said, here) -> the call finds nothing and the words name nothing of this
    # expert's ("the capital of Norway" as a home query): the request is decided again without it
    foreign: Callable[..., bool] | None = None
    # (db, text) -> how strongly the user's own things say the words are for this expert, 0..1 (a
    # question its documents answer): its share of the routing prior is raised to that, the model
    # still choosing (routing/cues.py `lean`)
    evidence: Callable[[Database, str], float] | None = None
    examples: Path | None = None  # its labelled utterances (JSON lines), for the classifier and prompt
    # optional arguments the model may infer beyond the user's words (a device type from "it's
    # dark in here"); any other optional text argument the user did not say is dropped
    inferred: tuple[str, ...] = ()
    # (db) -> whether it has anything to serve yet (documents to read); an expert that has not is
    # left out of the model's choice unless a cue names it (None: always serves)
    serves_now: Callable[[Database], bool] | None = None

    def api(self, name: str) -> ApiSpec:
        try:
            return self.apis[name]
        except KeyError:
            known = ", ".join(sorted(self.apis))
            raise RegistryError(f"expert {self.name!r} has no API {name!r} (known: {known})") from None


def api(*, speculative_safe: bool = False, sensitive: bool = False, undo: Callable | None = None,
        verbatim: tuple[str, ...] = (), exact: tuple[str, ...] = (), slots: dict[str, Slot] | None = None,
        deferrable: bool = False, said_by: dict[str, dict[str, str]] | None = None, reads: bool = False,
        offered_when: str | None = None):
    """Mark a function `f(ctx, **args) -> ActionResult` as an expert API."""

    def mark(func: Callable) -> Callable:
        func.__api__ = {"speculative_safe": speculative_safe, "sensitive": sensitive, "undo": undo, "reads": reads,
                        "verbatim": verbatim, "exact": exact, "slots": dict(slots or {}),
                        "deferrable": deferrable, "said_by": dict(said_by or {}),
                        "offered_when": re.compile(offered_when, re.IGNORECASE) if offered_when else None}
        return func

    return mark


def build_expert(name: str, description: str, module_functions: list[Callable],
                 migrations: list[Migration] | None = None, **hooks: Any) -> Expert:
    """Turn a module's `@api` functions into an Expert with derived schemas; `hooks` are the
    Expert's optional fields (confirmation_policy, propose, cues, views, ...)."""
    expert = Expert(name=name, description=description, migrations=list(migrations or []), **hooks)
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

    def cues(self) -> list[tuple[re.Pattern[str], str]]:
        """(pattern, expert) for every cue: framing experts' first, then in catalogue order."""
        ordered = sorted(self._experts.values(), key=lambda e: not e.frames)
        return [(cue, expert.name) for expert in ordered for cue in expert.cues]

    def claimant(self, db: Database, text: str, source: str = "text") -> str | None:
        """The expert whose own things the words name and nothing else (`Expert.claims`), or None."""
        return next((e.name for e in self._experts.values() if e.claims is not None and e.claims(db, text, source)),
                    None)

    def evidence(self, db: Database, text: str) -> dict[str, float]:
        """Each expert's evidence from the user's state that the words are for it (`Expert.evidence`), where any."""
        found = {e.name: e.evidence(db, text) for e in self._experts.values() if e.evidence is not None}
        return {name: share for name, share in found.items() if share > 0.0}

    def idle(self, db: Database) -> tuple[str, ...]:
        """The experts with nothing to serve yet (`Expert.serves_now`), e.g. no documents added."""
        return tuple(e.name for e in self._experts.values() if e.serves_now is not None and not e.serves_now(db))

    def capabilities(self) -> list[str]:
        return [expert.capability for expert in self._experts.values() if expert.capability]

    def scheduler_sources(self) -> list[Any]:
        return [source for expert in self._experts.values() for source in expert.scheduler_sources()]

    def chores(self) -> list[Callable[..., list[str]]]:
        return [chore for expert in self._experts.values() for chore in expert.chores]

    def vocabulary(self, db: Database) -> list[str]:
        """Every expert's names (see `Expert.vocabulary`), each once, in catalogue order."""
        names = [name for expert in self._experts.values() if expert.vocabulary for name in expert.vocabulary(db)]
        return list(dict.fromkeys(names))

    def reworded(self, db: Database, text: str) -> str:
        """The words as the first expert that rewords them says them plainly (`Expert.reword`), else as they are."""
        return next((said for expert in self._experts.values() if expert.reword and (said := expert.reword(db, text))),
                    text)

    def views(self) -> list[View]:
        return [view for expert in self._experts.values() for view in expert.views]

    def service(self, name: str) -> Callable[..., Any]:
        """The function some expert offers the core under `name` ("notify", "add_events", ...)."""
        offered = {key: func for expert in self._experts.values() for key, func in expert.services.items()}
        try:
            return offered[name]
        except KeyError:
            raise RegistryError(f"no expert offers {name!r} (offered: {', '.join(sorted(offered))})") from None

    def add(self, expert: Expert) -> None:
        if expert.name in self._experts:
            raise RegistryError(f"duplicate expert {expert.name!r}")
        clash = set(expert.services) & {k for e in self._experts.values() for k in e.services}
        if clash:
            raise RegistryError(f"duplicate services {sorted(clash)} from {expert.name!r}")
        self._experts[expert.name] = expert


__all__ = ["ApiSpec", "Expert", "ExpertInputError", "Registry", "RegistryError", "ValidationError", "View", "api", "build_expert"]
