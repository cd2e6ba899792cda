"""`assistant doctor`: a model library that crashes in its child is reported, not fatal; model files
are checked against the manifest; `--json` is a list of checks; all green on this machine."""
import hashlib
import json
import os
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest
from typer.testing import CliRunner

from assistant.cli.main import app
from assistant.doctor.models import ConfiguredModel, LLAMA_PIN, model_file_check
from assistant.llm import digests
from assistant.llm.manifest import Manifest

REPO = Path(__file__).resolve().parent.parent
runner = CliRunner()

FAKE_LLAMA = '''
import ctypes, time
__version__ = "0.3.36"

def llama_print_system_info():
    return b"{system_info}"

class Llama:
    def __init__(self, **kwargs):
        pass

    def tokenize(self, text, *args, **kwargs):
        return list(range(40))

    def reset(self):
        pass

    def eval(self, tokens):
        {eval}
'''


def fake_library(tmp_path, monkeypatch, eval_body: str,
                 system_info: str = "CPU : SSE3 = 1 | AVX = 1 | AVX2 = 1 | AVX512 = 1 | ") -> None:
    """A `llama_cpp` package first on the child's PYTHONPATH, whose decode does `eval_body`."""
    package = tmp_path / "fake" / "llama_cpp"
    package.mkdir(parents=True)
    source = textwrap.dedent(FAKE_LLAMA).replace("{eval}", eval_body).replace("{system_info}", system_info)
    (package / "__init__.py").write_text(source)
    (package / "_logger.py").write_text("def set_verbose(verbose):\n    pass\n")  # native.py quiets it
    monkeypatch.setenv("PYTHONPATH", os.pathsep.join([str(package.parent), str(REPO)]))


def configure_roles(tmp_path, monkeypatch, model: Path) -> None:
    """Every role on one explicit model file (no manifest checksum to compare)."""
    config = tmp_path / "config.toml"
    config.write_text("".join(f'[roles.{role}]\npath = "{model}"\n' for role in ("router", "confirmer", "chat")))
    monkeypatch.setenv("ASSISTANT_CONFIG", str(config))


def doctor_json(*args) -> tuple[int, dict]:
    result = runner.invoke(app, ["doctor", "--json", *args])
    checks = json.loads(result.stdout)
    return result.exit_code, {check["name"]: check for check in checks}


def test_a_model_library_that_segfaults_in_the_child_is_reported_with_the_fix(tmp_path, monkeypatch):
    fake_library(tmp_path, monkeypatch, "ctypes.string_at(0)  # a real segfault, as AMX kernels do")
    model = tmp_path / "tiny.gguf"
    model.write_bytes(b"GGUF" + bytes(100))
    configure_roles(tmp_path, monkeypatch, model)
    code, checks = doctor_json()
    assert code == 1
    decode = checks["decode tiny"]
    assert decode["status"] == "fail"
    assert decode["detail"] == "the model library crashed on this CPU (SIGSEGV) while decoding with tiny"
    assert decode["fix"] == "rebuild with: bash scripts/setup.sh --rebuild-llama"
    assert checks["llama-cpp-python"]["status"] == "ok"  # loading alone does not crash: only a decode does
    assert checks["prefix cache"]["status"] == "warn"
    assert checks["database"]["status"] == "ok"  # the doctor itself carried on

    text = runner.invoke(app, ["doctor"])
    assert text.exit_code == 1
    assert ("the model library crashed on this CPU (SIGSEGV) while decoding with tiny → rebuild with: "
            "bash scripts/setup.sh --rebuild-llama") in text.stdout


def test_a_decode_that_hangs_is_stopped_by_the_timeout(tmp_path, monkeypatch):
    fake_library(tmp_path, monkeypatch, "time.sleep(60)")
    model = tmp_path / "tiny.gguf"
    model.write_bytes(b"GGUF")
    configure_roles(tmp_path, monkeypatch, model)
    code, checks = doctor_json("--timeout", "3")
    assert code == 1
    assert checks["decode tiny"]["detail"] == "decoding with tiny failed: did not finish within 3 s"


def test_an_amx_build_fails_the_library_check(tmp_path, monkeypatch):
    fake_library(tmp_path, monkeypatch, "pass", system_info="CPU : AVX512 = 1 | AMX_INT8 = 1 | ")
    monkeypatch.setenv("ASSISTANT_MODELS_DIR", str(tmp_path / "no-models"))
    code, checks = doctor_json()
    assert code == 1
    build = checks["llama-cpp-python"]
    assert build["status"] == "fail" and "AMX_INT8 = 1" in build["detail"]
    assert build["fix"] == "rebuild with: bash scripts/setup.sh --rebuild-llama"


def test_missing_model_files_fail_with_the_install_command(tmp_path, monkeypatch):
    fake_library(tmp_path, monkeypatch, "pass")
    monkeypatch.setenv("ASSISTANT_MODELS_DIR", str(tmp_path / "no-models"))
    code, checks = doctor_json()
    assert code == 1
    for name in ("qwen2.5-coder-0.5b", "qwen2.5-coder-1.5b"):
        check = checks[f"model file {name}"]
        assert check["status"] == "fail" and check["detail"].endswith("is missing")
        assert check["fix"] == "run: assistant models install"
        assert checks[f"decode {name}"] == {"name": f"decode {name}", "status": "warn",
                                            "detail": "not run: the file is not usable", "fix": ""}


def _entry(tmp_path, data: bytes, sha: str):
    manifest = Manifest.model_validate({"roles": {}, "models": {"m": {
        "file": "m.gguf", "size": len(data), "sha256": sha,
        "parts": {"package": "p{n}", "module": "p{n}", "path": "x", "count": 1}}}})
    (tmp_path / "m.gguf").write_bytes(data)
    entry = manifest.model("m")
    return ConfiguredModel("m", entry.path, entry, n_threads=2)


def test_a_model_file_with_a_bad_checksum_fails(tmp_path, monkeypatch):
    monkeypatch.setenv("ASSISTANT_MODELS_DIR", str(tmp_path))
    model = _entry(tmp_path, b"GGUF-corrupt", hashlib.sha256(b"GGUF-correct").hexdigest())
    check = model_file_check(model)
    assert check.status == "fail" and "wrong SHA-256" in check.detail
    assert check.fix == f"delete {model.path} and run: assistant models install"


def test_a_verified_digest_is_remembered_until_the_file_changes(tmp_path, monkeypatch):
    monkeypatch.setenv("ASSISTANT_MODELS_DIR", str(tmp_path))
    model = _entry(tmp_path, b"GGUF-correct", hashlib.sha256(b"GGUF-correct").hexdigest())
    assert model_file_check(model).status == "ok"
    stat = model.path.stat()
    model.path.write_bytes(b"GGUF-corrupt")  # same size; mtime put back: the cache cannot tell
    os.utime(model.path, ns=(stat.st_atime_ns, stat.st_mtime_ns))
    assert digests.sha256(model.path) == hashlib.sha256(b"GGUF-correct").hexdigest()
    os.utime(model.path, ns=(stat.st_atime_ns, stat.st_mtime_ns + 1))  # touched: hashed again
    assert model_file_check(model).status == "fail"


def test_json_is_a_list_of_checks_and_headless_voice_only_warns(tmp_path, monkeypatch):
    fake_library(tmp_path, monkeypatch, "pass")
    monkeypatch.setenv("ASSISTANT_MODELS_DIR", str(tmp_path / "no-models"))
    result = runner.invoke(app, ["doctor", "--json"])
    checks = json.loads(result.stdout)
    assert isinstance(checks, list) and len(checks) >= 12
    for check in checks:
        assert set(check) == {"name", "status", "detail", "fix"} and check["status"] in ("ok", "warn", "fail")
        assert check["status"] == "ok" or check["fix"] or check["detail"].startswith("not ")
    by_name = {c["name"]: c for c in checks}
    for voice in ("microphone", "speaker", "espeak-ng", "wake word", "speech-to-text"):
        assert by_name[voice]["status"] in ("ok", "warn")


def test_the_llama_pin_matches_pyproject():
    assert f'"llama-cpp-python=={LLAMA_PIN}"' in (REPO / "pyproject.toml").read_text()


@pytest.mark.real_model
def test_all_green_on_this_machine():
    """The real library and models: every decode runs in a child; only voice hardware may warn."""
    result = subprocess.run([sys.executable, "-m", "assistant.cli.main", "doctor", "--json"],
                            capture_output=True, text=True, timeout=900)
    checks = json.loads(result.stdout)
    assert [c for c in checks if c["status"] == "fail"] == [] and result.returncode == 0, result.stdout
    decodes = [c for c in checks if c["name"].startswith("decode ")]
    assert decodes and all(c["status"] == "ok" for c in decodes)
