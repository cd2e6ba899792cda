"""Progress bars go to stderr, never into --json stdout; `--version`; shell completion is on."""
import json
import os
import subprocess
import sys
from importlib import metadata
from pathlib import Path

from typer.testing import CliRunner

import assistant
from assistant.cli.main import app

REPO = Path(__file__).resolve().parent.parent


def test_eval_json_stdout_stays_json_while_the_bar_draws_on_stderr(tmp_path):
    cases = tmp_path / "cases.jsonl"
    cases.write_text("".join(json.dumps({"id": f"t{n}", "text": "what time is it", "now": "2026-11-25T09:00:00",
                                         "expect": {"expert": "system"}}) + "\n" for n in range(3)))
    config = tmp_path / "config.toml"
    config.write_text("".join(f'[roles.{r}]\nbackend = "scripted"\n' for r in ("router", "confirmer", "chat")))
    env = {**os.environ, "ASSISTANT_CONFIG": str(config), "FORCE_COLOR": "1", "PYTHONPATH": str(REPO)}
    done = subprocess.run([sys.executable, "-m", "assistant.cli.main", "eval", str(cases), "--json"],
                          capture_output=True, text=True, env=env, timeout=300, cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    assert json.loads(done.stdout)["n"] == 3  # nothing but the report on stdout
    assert "eval cases.jsonl" in done.stderr  # the bar, drawn on a (forced) terminal stderr


def test_version_comes_from_the_package():
    result = CliRunner().invoke(app, ["--version"])
    assert result.exit_code == 0
    try:
        expected = metadata.version("assistant")
    except metadata.PackageNotFoundError:
        expected = assistant.__version__
    assert result.stdout.strip() == f"assistant {expected}"


def test_shell_completion_is_offered():
    result = CliRunner().invoke(app, ["--help"])
    assert "--install-completion" in result.stdout and "doctor" in result.stdout
