"""Checks of the roles served by an OpenAI-compatible server: reachable, which model, how fast."""
from __future__ import annotations

from typing import Iterator

from assistant.config import LLM_KEY_ENV, ROLES, Settings
from assistant.doctor import Check, fail, ok, warn
from assistant.llm.backend import ModelError


def endpoint_checks(settings: Settings) -> Iterator[Check]:
    """One check per role with backend "openai" (the API key is never shown, only where it is from)."""
    from assistant.llm.endpoint import EndpointBackend

    for role in ROLES:
        config = settings.role(role)
        if config.backend != "openai":
            continue
        name, url = f"endpoint {role}", config.url or ""
        backend = EndpointBackend(url, model=config.model, api_key=config.key(),
                                  timeout_s=min(config.timeout_s, 30.0), template=config.template, role=role)
        in_config = config.api_key is not None and config.api_key.get_secret_value().strip()
        key = "key from config" if in_config else f"key from {LLM_KEY_ENV}" if config.key() else "no key"
        try:
            status = backend.status()
        except ModelError as exc:
            yield fail(name, str(exc), f"start the server at {url}, or fix [roles.{role}] url, model and "
                                       f"api_key (or {LLM_KEY_ENV}) in config.toml")
            continue
        detail = f"{url}: model {status.model}, a one-token request took {status.latency_ms:.0f} ms ({key})"
        if config.model and status.listed and config.model not in status.listed:
            yield warn(name, f"{detail}; the server lists {', '.join(status.listed[:3])}, not {config.model}",
                       f"set [roles.{role}] model to one the server lists")
        else:
            yield ok(name, detail)
