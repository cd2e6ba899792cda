"""Model roles (router, confirmer, chat) → backends, chosen by configuration, built lazily.

Backends are created by named factories; "llama" (a GGUF file from the manifest or a path),
"openai" (an OpenAI-compatible server, assistant/llm/endpoint.py) and "scripted" (the test double)
go through the same path, so tests exercise the real wiring.
"""
from __future__ import annotations

import threading
from pathlib import Path
from typing import Callable

from assistant.config import ROLES, RoleConfig, Settings
from assistant.llm.backend import LLMBackend, ModelError
from assistant.llm.manifest import Manifest, load_manifest
from assistant.llm.scripted import ScriptedLLM
from assistant.llm.timeout import TimeLimited
from assistant.paths import prefix_cache_dir

Factory = Callable[[str, RoleConfig, Manifest], LLMBackend]


def _llama_factory(role: str, config: RoleConfig, manifest: Manifest) -> LLMBackend:
    from assistant.llm.llama import LlamaBackend  # heavy import only when a real model is used

    path = model_path(role, config, manifest)
    cache_dir = prefix_cache_dir() if config.prefix_cache else None
    backend = LlamaBackend(path, name=path.stem, n_ctx=config.n_ctx, n_threads=config.n_threads,
                           seed=config.seed, cache_dir=cache_dir)
    return TimeLimited(backend, config.timeout_s)


def _endpoint_factory(role: str, config: RoleConfig, manifest: Manifest) -> LLMBackend:
    from assistant.llm.endpoint import EndpointBackend

    backend = EndpointBackend(config.url or "", model=config.model, api_key=config.key(),
                              timeout_s=config.timeout_s, template=config.template,
                              grammar=config.grammar, role=role)
    return TimeLimited(backend, config.timeout_s + 1)  # requests' own timeouts first: their message


def _scripted_factory(role: str, config: RoleConfig, manifest: Manifest) -> LLMBackend:
    return ScriptedLLM(name=f"scripted-{role}")


FACTORIES: dict[str, Factory] = {"llama": _llama_factory, "openai": _endpoint_factory,
                                 "scripted": _scripted_factory}


def model_path(role: str, config: RoleConfig, manifest: Manifest) -> Path:
    if config.path:
        return Path(config.path).expanduser()
    return manifest.model(config.model or manifest.roles[role]).path


class ModelRoles:
    """Hands out one backend per role; two roles naming the same file share one loaded model."""

    def __init__(self, settings: Settings, manifest: Manifest | None = None) -> None:
        self.settings = settings
        self.manifest = manifest or load_manifest()
        self._backends: dict[str, LLMBackend] = {}
        self._by_key: dict[tuple, LLMBackend] = {}
        self._loading = threading.RLock()

    def get(self, role: str) -> LLMBackend:
        if role not in ROLES:
            raise ModelError(f"unknown role {role!r}; roles are {', '.join(ROLES)}")
        with self._loading:  # a prefetch thread and a request may ask at once: load once
            if role not in self._backends:
                config = self.settings.role(role)
                key = self._share_key(role, config)
                if key not in self._by_key:
                    self._by_key[key] = FACTORIES[config.backend](role, config, self.manifest)
                self._backends[role] = self._by_key[key]
            return self._backends[role]

    def loaded(self, role: str) -> bool:
        return role in self._backends

    def _share_key(self, role: str, config: RoleConfig) -> tuple:
        if config.backend in ("scripted", "openai"):  # an endpoint holds no model to share
            return (config.backend, role)
        # chat keeps its own instance: sharing would evict the router's cached prompt prefix
        return ("llama", str(model_path(role, config, self.manifest)), role == "chat")

    def describe(self) -> list[dict]:
        rows = []
        for role in ROLES:
            config = self.settings.role(role)
            path = model_path(role, config, self.manifest) if config.backend == "llama" else None
            served = config.backend == "openai"  # by a server: its model name, its URL
            rows.append({"role": role, "backend": config.backend,
                         "model": config.model or ("(first listed)" if served else self.manifest.roles.get(role)),
                         "path": str(path) if path else config.url,
                         "installed": bool(path and path.is_file()),
                         "temperature": config.temperature})
        return rows
