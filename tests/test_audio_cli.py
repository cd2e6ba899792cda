"""`assistant listen --input FILE.wav` end to end: real wake word, real Whisper, the real pipeline;
assertions on the JSON it prints and on the state it leaves (ASSISTANT_HOME is per test)."""
import json
import os
import subprocess
import sys
import wave

import pytest

from tests.conftest import has_microphone
from typer.testing import CliRunner

from assistant.cli.main import app
from tests.test_audio_speech import speech  # noqa: F401 - the session fixture
from tests.test_real_models import requires_models

NOW = {"ASSISTANT_NOW": "2026-11-25T09:00:00"}
ASK_FIELDS = {"reply", "expert", "api", "args", "declined", "ok", "needs_confirmation", "timings_ms"}
runner = CliRunner()


def listen(path, *args):
    """Run `assistant listen --input path --json ...`; returns (exit code, JSON lines, stderr)."""
    result = runner.invoke(app, ["listen", "--input", str(path), "--json", *args], env=NOW)
    lines = [json.loads(line) for line in result.stdout.splitlines() if line.strip()]
    return result.exit_code, lines, result.stderr


def state(*command):
    result = runner.invoke(app, [*command, "--json"])
    assert result.exit_code == 0, result.output
    return json.loads(result.stdout)


def apis(lines):
    return [f"{line['expert']}.{line['api']}" for line in lines]


# ------------------------------------------------------------------ fast path (no language model)
def test_wake_word_then_question(speech):
    code, lines, _ = listen(speech("hey jarvis, what time is it", lead=1.0, trail=1.5))
    assert code == 0 and len(lines) == 1
    heard = lines[0]
    assert ASK_FIELDS | {"transcript"} <= set(heard)
    assert heard["reply"] == "It's 9:00 AM." and apis(lines) == ["system.time"]
    assert "jarvis" not in heard["transcript"].lower() and "time" in heard["transcript"].lower()
    assert heard["timings_ms"]["end_of_speech_to_first_action"] > 0


def test_without_the_wake_word_nothing_happens(speech):
    code, lines, _ = listen(speech("what time is it", lead=1.0, trail=1.0))
    assert code == 0 and lines == []


def test_no_wake_mode_without_leading_or_trailing_silence(speech):
    code, lines, _ = listen(speech("what time is it", lead=0.0, trail=0.0), "--no-wake")
    assert code == 0 and apis(lines) == ["system.time"]


def test_several_utterances_only_the_woken_ones_count(speech):
    path = speech.join(speech("hey jarvis, what time is it", lead=1.0, trail=1.5),
                       speech("what time is it", trail=1.5),
                       speech("hey jarvis, stop", lead=0.5, trail=2.0))
    code, lines, _ = listen(path)
    assert code == 0 and apis(lines) == ["system.time", "system.stop"]


def test_no_wake_mode_handles_each_utterance(speech):
    path = speech.join(speech("what time is it", lead=0.3, trail=1.0), speech("stop", speed=140, trail=2.0))
    code, lines, _ = listen(path, "--no-wake")
    assert code == 0 and apis(lines) == ["system.time", "system.stop"]


def test_real_process_json_lines_and_reply_wav(speech, tmp_path):
    """A separate process: stdout carries nothing but JSON lines (the libraries' own prints are
    kept off it), and the spoken reply is written to --output."""
    reply = tmp_path / "reply.wav"
    env = {**os.environ, **NOW}
    result = subprocess.run([sys.executable, "-m", "assistant.cli.main", "listen", "--input",
                             str(speech("hey jarvis, what time is it", lead=1.0)), "--json",
                             "--output", str(reply)], capture_output=True, text=True, env=env, timeout=300)
    assert result.returncode == 0, result.stderr
    lines = result.stdout.splitlines()
    assert len(lines) == 1 and json.loads(lines[0])["reply"] == "It's 9:00 AM."
    with wave.open(str(reply)) as wav:
        assert wav.getnframes() / wav.getframerate() > 0.5


# ------------------------------------------------------------------ clear errors, never a traceback
def test_no_microphone_is_a_clear_error():
    if has_microphone():
        pytest.skip("this machine has a microphone")
    result = runner.invoke(app, ["listen"])
    assert result.exit_code == 1
    assert "microphone" in result.stderr.lower() and "--input" in result.stderr
    assert result.exception is None or isinstance(result.exception, SystemExit)


@pytest.mark.parametrize("args, message", [
    (["--input", "nowhere.wav"], "not found"),
    (["--wake-word", "ok_computer"], "hey_jarvis"),
    (["--engine", "vosk"], "vosk"),
    (["--engine", "kaldi"], "unknown speech-to-text engine"),
])
def test_bad_options_are_clear_errors(speech, args, message):
    path = speech("what time is it")
    full = ["listen", "--input", str(path), *args] if args[0] != "--input" else ["listen", *args]
    result = runner.invoke(app, full, env={**NOW, "ASSISTANT_MODELS_DIR": "/nonexistent"})
    assert result.exit_code == 1 and message in result.stderr
    assert result.exception is None or isinstance(result.exception, SystemExit)


# ------------------------------------------------------------------ real language model
@pytest.mark.real_model
@requires_models
def test_wake_word_turns_on_the_kitchen_lights(speech):
    before = {d["id"]: d["state"] for d in state("devices") if d["id"].startswith("light.kitchen")}
    assert before and set(before.values()) == {"off"}
    code, lines, _ = listen(speech("hey jarvis, turn on the kitchen lights", lead=1.0, trail=1.5))
    assert code == 0 and apis(lines) == ["smart_home.turn_on"]
    after = {d["id"]: d["state"] for d in state("devices") if d["id"] in before}
    assert set(after.values()) == {"on"}


@pytest.mark.real_model
@requires_models
def test_timer_and_shopping_list_by_voice(speech):
    path = speech.join(speech("set a timer for five minutes", lead=0.8, trail=1.2),
                       speech("add milk to the shopping list", trail=1.5))
    code, lines, _ = listen(path, "--no-wake")
    assert code == 0 and apis(lines) == ["timers.start", "lists.add"]
    timers = state("timers")
    assert [t["duration_s"] for t in timers] == [300]
    assert [i["item"] for i in state("lists")["shopping"]] == ["milk"]
