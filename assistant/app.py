"""Assemble the assistant from configuration: registry, database, clock, model roles."""
from __future__ import annotations

from pathlib import Path

from assistant.clock import Clock
from assistant.config import Settings, load_settings
from assistant.llm.roles import ModelRoles
from assistant.paths import database_path, demo_home_path
from assistant.pipeline import Assistant
from assistant.registry import Registry
from assistant.storage import open_database
from assistant.speculation import MIGRATIONS as SPECULATION_MIGRATIONS
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


def open_state(registry: Registry, path: Path | str | None = None):
    """The database with every expert's tables, and a home loaded (the demo home by default)."""
    db = open_database(path or database_path(), [*CORE_MIGRATIONS, *SPECULATION_MIGRATIONS, *registry.migrations()])
    registry.service("ensure_home")(db, demo_home_path())
    return db


def build_assistant(settings: Settings | None = None, *, db_path: Path | str | None = None,
                    clock: Clock | None = None, roles: ModelRoles | None = None) -> Assistant:
    settings = settings or load_settings()
    registry = default_registry()
    return Assistant(db=open_state(registry, db_path), clock=clock or Clock.from_env(),
                     registry=registry, roles=roles or ModelRoles(settings),
                     input_area=settings.input_area)
