"""Checks of the model library and the configured models, each native step in a child process."""
from __future__ import annotations

import json
import os
import re
import signal
import subprocess
import sys
from dataclasses import dataclass, field
from importlib import metadata
from pathlib import Path
from typing import Iterator

from assistant.config import Settings
from assistant.doctor import Check, fail, ok, warn
from assistant.llm import build
from assistant.llm.manifest import Manifest, ModelEntry, load_manifest
from assistant.llm.roles import model_path

LLAMA_PIN = "0.3.36"  # pyproject's pin, when the assistant runs from a checkout without metadata
REBUILD = ("rebuild with: bash scripts/setup.sh --rebuild-llama "
           "(an installed package: python3 -m assistant.llm.build install --rebuild)")
INSTALL = "run: assistant models install"


@dataclass(frozen=True)
class ProbeOutcome:
    """What a child probe printed, or why it printed nothing useful."""

    result: dict | None = None
    failure: str = ""
    crash: str = ""  # the signal that killed it (SIGSEGV, SIGILL…): the native library


def run_probe(args: list[str], timeout: float) -> ProbeOutcome:
    command = [sys.executable, "-m", "assistant.doctor.probe", *args]
    try:
        done = subprocess.run(command, capture_output=True, text=True, timeout=timeout, env=os.environ.copy())
    except subprocess.TimeoutExpired:
        return ProbeOutcome(failure=f"did not finish within {timeout:.0f} s")
    if done.returncode < 0:
        return ProbeOutcome(crash=_signal_name(-done.returncode))
    lines = done.stdout.strip().splitlines()
    try:
        result = json.loads(lines[-1])
    except (IndexError, ValueError):
        last = (done.stderr.strip().splitlines() or ["no output"])[-1]
        return ProbeOutcome(failure=f"exit code {done.returncode}: {last}")
    if "error" in result:
        return ProbeOutcome(failure=result["error"])
    return ProbeOutcome(result=result)


def _signal_name(number: int) -> str:
    try:
        return signal.Signals(number).name
    except ValueError:
        return f"signal {number}"


@dataclass
class ConfiguredModel:
    """One model file the configuration uses, with the roles it serves."""

    name: str
    path: Path
    entry: ModelEntry | None  # None for an explicit `path` (no checksum known)
    n_threads: int
    roles: list[str] = field(default_factory=list)
    prefix_n_ctx: int = 0  # the confirmer's context size when its routing prefix is cached


def configured_models(settings: Settings, manifest: Manifest) -> list[ConfiguredModel]:
    from assistant.config import ROLES

    models: dict[Path, ConfiguredModel] = {}
    for role in ROLES:
        config = settings.role(role)
        if config.backend != "llama":
            continue
        path = model_path(role, config, manifest)
        name = path.stem if config.path else (config.model or manifest.roles[role])
        model = models.setdefault(path, ConfiguredModel(
            name, path, None if config.path else manifest.model(name), config.n_threads))
        model.roles.append(role)
        if role == "confirmer" and config.prefix_cache:
            model.prefix_n_ctx = config.n_ctx
    return list(models.values())


def model_checks(settings: Settings, timeout: float) -> Iterator[Check]:
    info = run_probe(["info"], timeout)
    yield library_check(info)
    for model in configured_models(settings, load_manifest()):
        present = model_file_check(model)
        yield present
        if info.result is None or present.status == "fail":
            reason = "the model library does not load" if info.result is None else "the file is not usable"
            yield warn(f"decode {model.name}", f"not run: {reason}")
            if model.prefix_n_ctx:
                yield warn("prefix cache", f"not checked: {reason}")
            continue
        outcome = run_probe(_decode_args(model), timeout)
        yield decode_check(model, outcome)
        if model.prefix_n_ctx:
            yield prefix_check(outcome)


def _decode_args(model: ConfiguredModel) -> list[str]:
    args = ["decode", str(model.path), "--threads", str(model.n_threads)]
    return args + (["--prefix-n-ctx", str(model.prefix_n_ctx)] if model.prefix_n_ctx else [])


def pinned_llama_version() -> str:
    try:
        requirements = metadata.requires("assistant") or []
    except metadata.PackageNotFoundError:
        return LLAMA_PIN
    pins = [r.split("==", 1)[1].split(";")[0].strip() for r in requirements
            if r.startswith("llama-cpp-python==")]
    return pins[0] if pins else LLAMA_PIN


def library_check(info: ProbeOutcome) -> Check:
    name = "llama-cpp-python"
    if info.crash:
        return fail(name, f"the model library crashed on this CPU ({info.crash}) while loading", REBUILD)
    if info.result is None:
        return fail(name, f"cannot be loaded ({info.failure})", "run: bash scripts/setup.sh")
    version, system = info.result["version"], info.result["system_info"]
    variants = info.result["variants"]
    amx = [v for v in variants if build.AMX_VARIANT in v] + (["AMX_INT8 = 1"] if "AMX_INT8 = 1" in system else [])
    if amx:
        return fail(name, f"{version} was built with AMX kernels ({', '.join(amx)}), which crash on "
                    "multi-token decodes (llama.cpp #20824)", REBUILD)
    isa = " ".join(re.findall(r"(\w+) = 1", system)) or system
    kernels = f"; run-time CPU variants: {len(variants)}" if variants else ""
    detail = f"{version}, CPU backend uses: {isa}{kernels}"
    pin = pinned_llama_version()
    if version != pin:
        return warn(name, f"{detail}; expected {pin} (the prefix cache relies on its internals)",
                    "run: bash scripts/setup.sh")
    return ok(name, detail)


def model_file_check(model: ConfiguredModel) -> Check:
    name = f"model file {model.name}"
    if model.entry is None:
        if not model.path.is_file():
            return fail(name, f"{model.path} is missing", "fix the path in config.toml")
        return ok(name, f"{model.path} (set by path in config.toml: no checksum to compare)")
    problem = model.entry.problem()
    if problem:
        fix = INSTALL if not model.path.exists() else f"delete {model.path} and {INSTALL}"
        return fail(name, problem, fix)
    return ok(name, f"{model.path} ({model.path.stat().st_size / 1e9:.2f} GB, SHA-256 verified)")


def decode_check(model: ConfiguredModel, outcome: ProbeOutcome) -> Check:
    name = f"decode {model.name}"
    if outcome.crash:
        return fail(name, f"the model library crashed on this CPU ({outcome.crash}) while decoding "
                    f"with {model.name}", REBUILD)
    if outcome.result is None:
        return fail(name, f"decoding with {model.name} failed: {outcome.failure}",
                    f"{INSTALL}; if it persists, {REBUILD}")
    r = outcome.result
    return ok(name, f"{', '.join(model.roles)}: {r['prompt_tokens']}-token prompt at {r['prompt_tok_s']} tok/s, "
              f"{r['generated_tokens']} tokens generated at {r['gen_tok_s']} tok/s (load {r['load_s']} s)")


def prefix_check(outcome: ProbeOutcome) -> Check:
    if outcome.result is None:
        return warn("prefix cache", "not checked: the confirmer's model did not decode")
    if not outcome.result.get("prefix_stored"):
        return warn("prefix cache", "no KV snapshot of the confirmer's routing prefix: the first request "
                    "will take ~30 s longer", "run: assistant models warm")
    return ok("prefix cache", "the confirmer's routing prefix is stored: requests start warm")
