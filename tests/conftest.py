"""Shared fixtures: every test gets its own ASSISTANT_HOME; nothing touches the real home dir."""
from datetime import datetime
from pathlib import Path

import pytest

from assistant.app import default_registry, open_state
from assistant.clock import Clock
from assistant.config import RoleConfig, Settings
from assistant.llm.roles import ModelRoles
from assistant.pipeline import Assistant

DEV_HOME = Path(__file__).parent / "data" / "dev_home.yaml"
WEDNESDAY_9AM = datetime(2026, 11, 25, 9, 0)


@pytest.fixture(scope="session", autouse=True)
def session_cache_dir(tmp_path_factory):
    """One prefix-cache dir for the whole run: real-model tests share warm prefixes, and nothing
    is written to the user's own cache."""
    path = tmp_path_factory.mktemp("cache")
    patcher = pytest.MonkeyPatch()
    patcher.setenv("ASSISTANT_CACHE_DIR", str(path))
    yield path
    patcher.undo()


@pytest.fixture(autouse=True)
def isolated_home(tmp_path, monkeypatch):
    monkeypatch.setenv("ASSISTANT_HOME", str(tmp_path / "home"))
    monkeypatch.delenv("ASSISTANT_NOW", raising=False)
    monkeypatch.delenv("ASSISTANT_CONFIG", raising=False)
    return tmp_path / "home"


def scripted_roles() -> ModelRoles:
    """Model roles whose backends are scripted, built through the same factory path as real ones."""
    return ModelRoles(Settings(roles={r: RoleConfig(backend="scripted") for r in ("router", "confirmer", "chat")}))


@pytest.fixture
def scripted_assistant(tmp_path):
    """An Assistant on a real SQLite file with the dev home loaded and scripted models."""
    from assistant.experts.smart_home import load_home, load_home_file

    registry = default_registry()
    db = open_state(registry, tmp_path / "state.db")
    load_home(db, load_home_file(DEV_HOME))
    return Assistant(db=db, clock=Clock(WEDNESDAY_9AM), registry=registry, roles=scripted_roles())


def has_microphone() -> bool:
    """Whether sounddevice finds an input device here (the no-microphone tests skip if so)."""
    try:
        import sounddevice as sd
        sd.query_devices(kind="input")
    except Exception:  # noqa: BLE001 - any failure means: no usable microphone here
        return False
    return True
