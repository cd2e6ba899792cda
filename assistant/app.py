"""Assemble the assistant from configuration: registry, database, clock, model roles."""
from __future__ import annotations

from pathlib import Path

from assistant.clock import Clock
from assistant.config import HomeConfig, Settings, load_settings
from assistant.llm.roles import ModelRoles
from assistant.paths import database_path, demo_home_path
from assistant.pipeline import Assistant
from assistant.registry import Registry
from assistant.storage import open_database
from assistant.speculation import MIGRATIONS as SPECULATION_MIGRATIONS
from assistant.storage.conversations import DEFAULT
from assistant.storage.core_tables import MIGRATIONS as CORE_MIGRATIONS


def default_registry() -> Registry:
    """Every expert, in catalogue order (most used first): one line each. The only place that
    imports the experts."""
    from assistant.experts import chat, events, knowledge, lists, memory, notifications, reminders, smart_home
    from assistant.experts import system, timers, watches

    return Registry([
        smart_home.EXPERT,
        timers.EXPERT,
        reminders.EXPERT,
        lists.EXPERT,
        notifications.EXPERT,
        memory.EXPERT,
        watches.EXPERT,
        events.EXPERT,
        system.EXPERT,
        knowledge.EXPERT,
        chat.EXPERT,
    ])


def open_state(registry: Registry, path: Path | str | None = None, home: HomeConfig | None = None):
    """The database with every expert's tables, and a home: the simulated one (the demo home by
    default) or, when `home` says so, a Home Assistant."""
    db = open_database(path or database_path(), [*CORE_MIGRATIONS, *SPECULATION_MIGRATIONS, *registry.migrations()])
    registry.service("ensure_home")(db, demo_home_path())
    if home is not None and home.backend == "home_assistant":
        registry.service("attach_home")(db, home.backend, url=home.url, token=home.access_token(),
                                        timeout=home.timeout, registry_ttl=home.registry_ttl,
                                        alarm_code=home.alarm_code.get_secret_value() if home.alarm_code else None)
    return db


def build_assistant(settings: Settings | None = None, *, db_path: Path | str | None = None,
                    clock: Clock | None = None, roles: ModelRoles | None = None,
                    conversation: str = DEFAULT) -> Assistant:
    """`conversation`: whose turns these are (a chat session, `ask --session`, a voice loop)."""
    settings = settings or load_settings()
    registry = default_registry()
    return Assistant(db=open_state(registry, db_path, settings.home), clock=clock or Clock.from_env(),
                     registry=registry, roles=roles or ModelRoles(settings),
                     input_area=settings.input_area, conversation=conversation)


def new_conversation(kind: str) -> str:
    """A fresh conversation id for one chat session or voice loop: "chat-20261130-021500-4f2a"."""
    import secrets
    from datetime import datetime

    return f"{kind}-{datetime.now():%Y%m%d-%H%M%S}-{secrets.token_hex(2)}"
