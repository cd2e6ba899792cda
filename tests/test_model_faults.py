"""Model faults: a missing, truncated or foreign model file, a model that hangs, output that is not
JSON or names an unknown API. Each gives a clear message and a safe fallback (the rules' proposal,
or an honest "I couldn't do that"), never a traceback and never a wrong action."""
import os
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest

from assistant import testing
from assistant.experts.lists import all_lists
from assistant.llm.backend import ModelError
from assistant.llm.llama import check_gguf
from assistant.llm.timeout import ModelTimeout, TimeLimited

DEV_HOME = Path(__file__).parent / "data" / "dev_home.yaml"
MODELS = Path.home() / ".local/share/assistant/models"


class HangingLLM:
    """A model that never answers (until released)."""

    name = "hanging"

    def __init__(self) -> None:
        self.release = threading.Event()

    def generate(self, *args, **kwargs):
        self.release.wait(30)
        raise ModelError("released")


def assistant_with(tmp_path, confirmer_backend=None, expert="lists"):
    a = testing.scripted_assistant(tmp_path / "state.db", home=DEV_HOME,
                                   classifier=testing.FixedClassifier(expert))
    if confirmer_backend is not None:
        a.roles._backends["confirmer"] = confirmer_backend
    return a


def actions(a) -> int:
    return a.db.execute("SELECT COUNT(*) FROM action_log").fetchone()[0]


# ------------------------------------------------------------------ model files
@pytest.mark.parametrize("content, words", [
    (None, "missing"), (b"", "truncated"), (b"GGUF\x03\x00", "truncated"),
    (b"<html>404 not found</html>" * 4, "not a GGUF model"),
    (b"GGUF" + (99).to_bytes(4, "little") + bytes(16), "GGUF version 99"),
])
def test_a_bad_model_file_is_one_clear_error(tmp_path, content, words):
    path = tmp_path / "model.gguf"
    if content is not None:
        path.write_bytes(content)
    with pytest.raises(ModelError, match=words) as caught:
        check_gguf(path)
    assert "assistant models install" in str(caught.value)


def test_a_missing_model_gives_an_answer_not_a_traceback(tmp_path):
    config = tmp_path / "config.toml"
    config.write_text(f'[roles.confirmer]\npath = "{tmp_path / "nope.gguf"}"\n'
                      f'[roles.router]\npath = "{tmp_path / "nope.gguf"}"\n')
    env = {**os.environ, "ASSISTANT_CONFIG": str(config), "ASSISTANT_HOME": str(tmp_path / "home")}
    run = subprocess.run([sys.executable, "-m", "assistant.cli.main", "ask", "what's the capital of peru"],
                         capture_output=True, text=True, env=env, timeout=120, cwd=Path(__file__).parents[1])
    out = run.stdout + run.stderr
    assert "Traceback" not in out
    assert run.returncode == 1 and "couldn't do that" in out and "is missing" in out


@pytest.mark.real_model
def test_a_truncated_real_model_is_refused_cleanly(tmp_path):
    source = next(iter(sorted(MODELS.glob("*.gguf"))), None)
    if source is None:
        pytest.skip("no model files installed")
    cut = tmp_path / "cut.gguf"
    with source.open("rb") as whole:
        cut.write_bytes(whole.read(2_000_000))
    code = ("from pathlib import Path; from assistant.llm.llama import LlamaBackend; from assistant.llm.backend import ModelError\n"
            f"try: LlamaBackend(Path({str(cut)!r}), name='cut')\nexcept ModelError as e: print('ModelError', e)")
    run = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120,
                         cwd=Path(__file__).parents[1])
    assert run.returncode == 0, run.stderr[-500:]
    assert run.stdout.startswith("ModelError") and "assistant models install" in run.stdout


# ------------------------------------------------------------------ a model that hangs
def test_a_hung_call_is_given_up_after_its_time():
    hanging = HangingLLM()
    began = time.monotonic()
    with pytest.raises(ModelTimeout, match="no answer within 0.2 s"):
        TimeLimited(hanging, 0.2).generate([])
    assert time.monotonic() - began < 2
    hanging.release.set()


def test_a_time_limited_backend_is_otherwise_the_backend():
    from assistant.llm.scripted import ScriptedLLM

    limited = TimeLimited(ScriptedLLM(outputs=["hi"]), 5)
    assert limited.generate([]).text == "hi" and limited.name == "scripted"
    limited.always_cold = True
    assert limited.backend.always_cold is True


def test_a_hung_model_falls_back_to_the_rules_proposal(tmp_path):
    hanging = HangingLLM()
    a = assistant_with(tmp_path, TimeLimited(hanging, 0.2))
    reply = a.handle("add eggs to my shopping list")
    hanging.release.set()
    assert reply.ok and [i["item"] for i in all_lists(a.db)["shopping"]] == ["eggs"]


def test_a_hung_model_with_no_proposal_is_an_honest_no(tmp_path):
    hanging = HangingLLM()
    a = assistant_with(tmp_path, TimeLimited(hanging, 0.2), expert="chat")
    before = actions(a)
    reply = a.handle("what should I cook for my grandmother's birthday")
    hanging.release.set()
    assert not reply.ok and reply.reply.startswith("Sorry, I couldn't do that") and "0.2 s" in reply.reply
    assert actions(a) == before


# ------------------------------------------------------------------ wrong output
@pytest.mark.parametrize("outputs", [
    ["this is not json", "nor is this"],
    [{"api": "smart_home.self_destruct", "args": {}}, {"api": "nope.nothing", "args": {}}],
    [{"api": "lists.add", "args": {"items": 42}}, '{"api": "lists.add", "args": {"items": ['],
])
def test_output_that_is_not_a_call_changes_nothing_without_a_proposal(tmp_path, outputs):
    a = assistant_with(tmp_path, expert="chat")
    testing.confirmer(a).enqueue(*outputs)
    before = actions(a)
    reply = a.handle("tell me about the weather on mars")
    assert not reply.ok and "Traceback" not in reply.reply and actions(a) == before


def test_output_that_is_not_a_call_keeps_a_working_proposal(tmp_path):
    a = assistant_with(tmp_path)
    testing.confirmer(a).enqueue("garbage", {"api": "lists.explode", "args": {}})
    reply = a.handle("add flour to my shopping list")
    assert reply.ok and [i["item"] for i in all_lists(a.db)["shopping"]] == ["flour"]


def test_a_failed_model_never_runs_a_sensitive_action(tmp_path):
    from assistant.experts.smart_home import list_devices

    a = assistant_with(tmp_path, expert="smart_home")  # the scripted confirmer has nothing queued
    locks = {d["id"]: d["state"] for d in list_devices(a.db) if d["id"].startswith("lock.")}
    reply = a.handle("unlock the front door")
    assert not reply.ok or reply.needs_confirmation
    assert {d["id"]: d["state"] for d in list_devices(a.db) if d["id"].startswith("lock.")} == locks


def test_a_call_given_up_on_is_known_until_it_ends():
    from assistant.llm.timeout import calls_still_running

    hanging = HangingLLM()
    with pytest.raises(ModelTimeout):
        TimeLimited(hanging, 0.1).generate([])
    assert calls_still_running()
    hanging.release.set()
    time.sleep(0.3)
    assert not calls_still_running()
