"""Shared fixtures: every test gets its own ASSISTANT_HOME; nothing touches the real home dir."""
from pathlib import Path

import pytest

from assistant import testing

DEV_HOME = Path(__file__).parent / "data" / "dev_home.yaml"
DEMO_HOME = Path(__file__).parent.parent / "assistant" / "data" / "demo_home.yaml"


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


@pytest.fixture(scope="module")
def real_confirmer():
    """The installed confirmer model, in process (real-model tests; skipped without the files)."""
    from assistant.config import Settings
    from assistant.llm.roles import ModelRoles
    roles = ModelRoles(Settings())
    if not all(row["installed"] for row in roles.describe()):
        pytest.skip("model files missing: run `assistant models install`")
    return roles.get("confirmer")


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


def smart_home_db(home_yaml: str, folder: Path):
    """A smart-home database loaded from a home file's text (written under `folder`)."""
    from assistant.experts.smart_home import EXPERT, load_home, load_home_file
    from assistant.storage.db import open_database

    path = folder / "home.yaml"
    path.write_text(home_yaml)
    db = open_database(":memory:", EXPERT.migrations)
    load_home(db, load_home_file(path))
    return db


def assistant_in_home(home_yaml: str, folder: Path, now):
    """An Assistant on scripted models, at the frozen time `now`, in the home a home file's text describes."""
    home = folder / "home.yaml"
    home.write_text(home_yaml)
    return testing.scripted_assistant(folder / "s.db", home=home, now=now)


def device_states(assistant) -> dict[str, str]:
    """Every device's state by its id."""
    from assistant.experts.smart_home import list_devices
    return {d["id"]: d["state"] for d in list_devices(assistant.db)}


def call_smart_home(db, api_name: str, said: str, here: str | None = None, **args):
    """One smart-home API called directly, as if the user had said `said` in area `here`."""
    from datetime import datetime

    from assistant.clock import Clock
    from assistant.context import ExpertContext
    from assistant.experts.smart_home import EXPERT
    from assistant.messages import Utterance

    spec = EXPERT.api(api_name)
    ctx = ExpertContext(db=db, clock=Clock(datetime(2026, 12, 1, 9)), utterance=Utterance(text=said, area=here))
    return spec.func(ctx, **spec.validate(args))


def run_real_conversations(conversations: list, now, prefix: str, home: Path = DEMO_HOME) -> list:
    """Each conversation on the real models from fresh state: a list of (said, expect) turns, or
    (home file, turns); `said` is the text, or (text, source) for a voice transcript."""
    from assistant.app import default_registry
    from assistant.config import Settings
    from assistant.evaluation.cases import EvalCase
    from assistant.evaluation.runner import run_conversation
    from assistant.llm.roles import ModelRoles
    roles, registry = ModelRoles(Settings()), default_registry()
    out = []
    for n, conversation in enumerate(conversations):
        where, turns = conversation if isinstance(conversation, tuple) else (home, conversation)
        cases = []
        for i, (said, expect) in enumerate(turns):
            text, source = said if isinstance(said, tuple) else (said, "text")
            cases.append(EvalCase(id=f"{prefix}-{n}.{i}", text=text, source=source, home=where, now=now,
                                  expect=expect))
        out += run_conversation(cases, roles, registry)
    return out


def failures(results: list) -> list:
    """What a failed turn did, for an assertion message."""
    return [(r.id, r.text, r.api, r.args, r.reply, r.problems) for r in results if not r.passed]
