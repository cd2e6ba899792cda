"""Shared fixtures: every test gets its own ASSISTANT_HOME; nothing touches the real home dir."""
from pathlib import Path

import pytest

from assistant import testing

DEV_HOME = Path(__file__).parent / "data" / "dev_home.yaml"


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


@pytest.fixture
def scripted_assistant(tmp_path):
    """An Assistant on a real SQLite file with the dev home loaded and scripted models."""
    return testing.scripted_assistant(tmp_path / "state.db", home=DEV_HOME)


def has_microphone() -> bool:
    """Whether sounddevice finds an input device here (the no-microphone tests skip if so)."""
    try:
        import sounddevice as sd
        sd.query_devices(kind="input")
    except Exception:  # noqa: BLE001 - any failure means: no usable microphone here
        return False
    return True
