"""The assistant as an installed package: the wheel holds every data file it reads, and a wheel
installed into a fresh virtual environment answers `assistant ask` from an unrelated directory."""
import json
import os
import shutil
import subprocess
import sys
import tomllib
import zipfile
from pathlib import Path

import pytest

from assistant.paths import models_dir
from tests.test_real_models import requires_models

REPO = Path(__file__).resolve().parent.parent
NOT_SHIPPED = ("__pycache__", ".md", ".pyc")  # prose and byte code: never read at run time


@pytest.fixture(scope="module")
def wheel(tmp_path_factory) -> Path:
    """A wheel built from a copy of the tree (the build writes build/ and *.egg-info next to its source),
    as `pip install .` builds it: in an isolated build environment (setuptools from the index or pip's
    cache; the machine's own setuptools may be too old to build wheels without the `wheel` package)."""
    work = tmp_path_factory.mktemp("wheel")
    source = work / "src"
    shutil.copytree(REPO, source, ignore=shutil.ignore_patterns(
        ".git", "__pycache__", "*.egg-info", "build", "dist", ".pytest_cache", "tests"))
    subprocess.run([sys.executable, "-m", "pip", "wheel", "--quiet", "--no-deps",
                    "-w", str(work / "dist"), str(source)], check=True, capture_output=True, timeout=600)
    (built,) = (work / "dist").glob("assistant-*.whl")
    return built


def test_the_wheel_holds_every_data_file_of_its_packages(wheel):
    names = set(zipfile.ZipFile(wheel).namelist())
    packages = {name.split("/")[0] for name in names if "/" in name and ".dist-info" not in name}
    assert "assistant" in packages
    for package in packages:
        data = [path.relative_to(REPO).as_posix() for path in (REPO / package).rglob("*")
                if path.is_file() and not path.name.endswith(NOT_SHIPPED) and "__pycache__" not in path.parts
                and path.suffix != ".py"]
        assert sorted(set(data) - names) == [], f"{package}: data files missing from the wheel"
    assert "assistant/llm/models.yaml" in names and "assistant/data/demo_home.yaml" in names
    assert any(name.startswith("assistant/routing/data/") and name.endswith(".jsonl") for name in names)


def test_the_models_extra_lists_the_model_part_packages():
    extra = tomllib.loads((REPO / "pyproject.toml").read_text())["project"]["optional-dependencies"]["models"]
    listed = [line.strip() for line in (REPO / "models" / "requirements.txt").read_text().splitlines()
              if line.strip() and not line.startswith("#")]
    assert extra == listed


@pytest.mark.real_model
@requires_models
def test_the_installed_wheel_answers_from_an_unrelated_directory(wheel, tmp_path):
    venv = tmp_path / "venv"
    subprocess.run([sys.executable, "-m", "venv", "--system-site-packages", str(venv)], check=True, timeout=300)
    subprocess.run([str(venv / "bin" / "python"), "-m", "pip", "install", "--quiet", "--no-deps", "--no-index",
                    str(wheel)], check=True, timeout=300)
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    env = {key: value for key, value in os.environ.items() if key not in ("PYTHONPATH", "ASSISTANT_CONFIG")}
    env.update(ASSISTANT_HOME=str(tmp_path / "home"), ASSISTANT_MODELS_DIR=str(models_dir()))

    def run(*command):
        return subprocess.run(command, capture_output=True, text=True, env=env, cwd=elsewhere, timeout=600)

    where = run(str(venv / "bin" / "python"), "-c", "import assistant; print(assistant.__file__)")
    assert Path(where.stdout.strip()).is_relative_to(venv), where.stdout + where.stderr
    assert run(str(venv / "bin" / "assistant"), "--version").stdout.startswith("assistant ")
    asked = run(str(venv / "bin" / "assistant"), "ask", "--json", "turn on the kitchen lights")
    assert asked.returncode == 0, asked.stderr
    reply = json.loads(asked.stdout)
    assert (reply["expert"], reply["api"], reply["ok"]) == ("smart_home", "turn_on", True)
