"""Settings, read once from `config.toml` (in ASSISTANT_HOME, or the file named by ASSISTANT_CONFIG).

Example config.toml:

    input_area = "living_room"        # the area the keyboard/microphone is in
    [routing]
    speculation = false               # confirmer only (see RoutingConfig)
    [roles.confirmer]
    model = "qwen2.5-coder-0.5b"      # any model in assistant/llm/models.yaml, or path = "/x.gguf"
    [roles.chat]
    temperature = 0.9
    [roles.router]                    # a role served by an OpenAI-compatible server instead:
    backend = "openai"                # llama.cpp's llama-server, llama-cpp-python's server, vLLM…
    url = "http://127.0.0.1:8080/v1"  # api_key: here, or in ASSISTANT_LLM_API_KEY
    model = "qwen2.5-coder-0.5b"      # the server's model name (default: the first it lists)
    [conversation]
    persona = "You are Ada, a dry-humoured butler."   # the chat's persona
    follow_up_seconds = 6             # the microphone stays open this long after a question
    [home]
    backend = "home_assistant"        # default "sqlite": the simulated home
    url = "http://127.0.0.1:8123"     # token: here, or in ASSISTANT_HA_TOKEN
    [documents]
    inbox = "~/Documents/assistant-inbox"  # new files here are added by `assistant daemon`
    [hub]
    port = 8765                       # `assistant serve`: loopback by default; token: here, in
                                      # ASSISTANT_HUB_TOKEN, else generated into hub_token
"""
from __future__ import annotations

import os
import tomllib
from pathlib import Path
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, SecretStr, ValidationError, model_validator

from assistant.paths import user_dir

ROLES = ("router", "confirmer", "chat")
LLM_KEY_ENV = "ASSISTANT_LLM_API_KEY"


class ConfigError(ValueError):
    """config.toml is unreadable or invalid; the message names the file and the field."""


class RoleConfig(BaseModel):
    """Which model serves a role, and how it is run."""

    model_config = ConfigDict(extra="forbid", protected_namespaces=())
    backend: Literal["llama", "scripted", "openai"] = "llama"
    # llama: a name from assistant/llm/models.yaml (None = the manifest's default for the role);
    # openai: the server's model name (None = the first model the server lists)
    model: str | None = None
    path: str | None = None  # an explicit .gguf path (overrides `model`)
    temperature: float = 0.0
    max_tokens: int = Field(96, ge=1, le=8192)
    n_ctx: int = Field(4096, ge=512, le=131072)  # the routing prompt alone is ~1,000 tokens
    n_threads: int = Field(2, ge=1, le=256)
    seed: int = 7
    prefix_cache: bool = True  # keep KV snapshots of the stable prompt prefix in memory and on disk
    timeout_s: float = Field(120.0, gt=0, le=3600)  # a model call that takes longer is given up (a clear answer)
    # backend "openai": an OpenAI-compatible server (assistant/llm/endpoint.py)
    url: str | None = None  # its base URL, e.g. http://127.0.0.1:8080/v1
    api_key: SecretStr | None = None  # else the environment's ASSISTANT_LLM_API_KEY; never logged or printed
    # how raw-completion prompts are formatted for the server's model (the log-probability ranking
    # of experts; with `grammar`, every call); None: the chat endpoint only (the expert is then
    # chosen by generation)
    template: Literal["chatml"] | None = "chatml"
    # llama.cpp's servers only (llama-server, llama_cpp.server): with a template, the in-process
    # calls (the same prompt tokens, the API ranked, the arguments under the in-process compact
    # GBNF grammar); without one, that grammar on the chat endpoint instead of response_format
    grammar: bool = False

    @model_validator(mode="after")
    def _endpoint_has_url(self) -> "RoleConfig":
        if self.backend == "openai" and not (self.url or "").strip():
            raise ValueError('backend "openai" needs url = "http://host:port/v1"')
        return self

    def key(self) -> str | None:
        """The endpoint's API key from config, else from the environment (never logged or printed)."""
        if self.api_key is not None and self.api_key.get_secret_value().strip():
            return self.api_key.get_secret_value().strip()
        return os.environ.get(LLM_KEY_ENV, "").strip() or None


class RoutingConfig(BaseModel):
    """Which latency techniques are on (each switchable, so the benchmark can compare them)."""

    model_config = ConfigDict(extra="forbid")
    fast_path: bool = True  # fixed commands ("stop", "what time is it") never reach a model
    speculation: bool = True  # run the fast router's safe proposal before the confirmer decides
    # Skip the confirmer when the classifier is this sure and the rules produced a proposal.
    # Off by default: scripts/bench_latency.py measures what it costs in accuracy.
    skip_confirmer: bool = False
    skip_min_score: float = 0.85
    skip_min_margin: float = 0.15
    # Choose the expert from the confirmer's log-probabilities of every expert name plus the
    # classifier's prior (weight and softmax temperature tuned by scripts/tune_prior.py).
    expert_prior: bool = True
    prior_weight: float = 1.5
    prior_temperature: float = 0.02
    # With the expert chosen, choose its API by ranking too (one pass per point where API names
    # part) and let the model write only the arguments: fewer generated tokens.
    rank_api: bool = True
    # Prompt-lookup decoding: up to this many draft tokens copied from the prompt (the user's
    # words, the examples' JSON) are checked per model step; the output is unchanged. 0 = off.
    prompt_lookup: int = 0
    # The fast router's proposal, when it calls the API the confirmer chose, is the draft of the
    # confirmer's arguments: checked in one batch and kept as far as the model agrees (the same
    # output as plain decoding, fewer sequential steps).
    draft_proposal: bool = True
    # With a draft: the draft is the confirmer's output, unchecked token by token, when summed over
    # its tokens it falls at most this far below the model's own greedy choices (log-probability,
    # one batch); None decodes as usual (the output is then the model's greedy one).
    accept_draft_within: float | None = None
    # Skip the confirmer's ranking passes for what independent evidence already settles of the
    # fast router's proposal (assistant/routing/settled.py): the expert, when the classifier's top
    # expert is the proposal's by at least `settle_margin` (at the prior's temperature and weight,
    # a lead the model's ranking could hardly overturn); the API, when the expert is settled (so, or
    # by a cue) and the nearest labelled example of that expert calls the proposal's API with no
    # rival API as near. The confirmer still writes (checks) the arguments. Together they are
    # 1.11x faster confirmed p50 on the test split at the same accuracy (scripts/bench_latency.py
    # settle-*); the expert alone saves nothing (its prompt evaluation moves to the API ranking).
    settle_expert: bool = True
    settle_margin: float = 0.1
    settle_api: bool = True
    # A line with no proposal, no follow-up: the classifier's expert by the same margin is not
    # ranked (routing/settled.py); a decline or a chat line then runs no confirmer pass at all.
    settle_unproposed: bool = True
    # A proposal of the rules whose expert and API are both settled (as above), on a line that is
    # no follow-up, stands without the confirmer once its early action has run without a question:
    # the model would only rewrite arguments the rules read from the user's words.
    trust_settled: bool = True
    # When the rules propose nothing: the nearest labelled command's API (MiniLM, the experts'
    # examples) with its arguments read from the new words by the deterministic extractors,
    # proposed only when grounded and valid (assistant/routing/retrieval.py).
    retrieval_proposer: bool = False
    # When the guessed expert's rules read nothing, the rules of an expert the classifier scores
    # within this much of its guess (it cannot tell them apart) may propose. 0 = the guess only.
    runner_up_gap: float = 0.1
    # A proposal that needs the user's yes first (unlocking, opening the garage, disarming, clearing
    # a list) is asked back at once, without the confirmer: nothing runs before the yes, and the
    # yes answers a question that says the call, so it is the user who confirms it.
    ask_early: bool = True
    # A question the rules read as one of these APIs ("is the tv on": a state query) is answered
    # from the early call alone, with no confirmer, when that call found what it names, changed
    # nothing and asked nothing (scripts/bench_proposer.py measures the cost in accuracy: none).
    answer_without_confirmer: tuple[str, ...] = ("smart_home.query",)
    # Once routed to an expert, give the request that expert's relevant state (smart home: the
    # few devices it points at), with long ids minified to short aliases (d1, d2…).
    expert_context: bool = False
    minify_ids: bool = True
    # Several requests in one utterance ("turn off the lights and set a timer"): split where the
    # structure is plain and each part routes on its own (a rule's proposal, a cue, or the
    # classifier at least this sure); with `parallel_parts`, every part's safe proposal acts
    # before any part's confirmer runs (scripts/bench_latency.py measures it).
    several_requests: bool = True
    split_min_score: float = 0.5
    parallel_parts: bool = True
    # Debug mode (`--trace`): replies carry the full prompts, raw model outputs, token counts and
    # the model's explanation of its call. Off in production: it costs one more generation.
    trace: bool = False


class ConversationConfig(BaseModel):
    """How a conversation carries on: what the chat model sees of it, and the voice follow-up."""

    model_config = ConfigDict(extra="forbid")
    persona: str | None = None  # the chat model's persona (None: assistant/chatting.py's PERSONA)
    history_tokens: int = Field(600, ge=0, le=8192)  # the recent turns the chat sees, at most
    history_turns: int = Field(12, ge=0, le=200)
    history_minutes: float = Field(30.0, ge=0)  # turns older than this are not the same conversation
    # after the assistant asks something (a yes, a value, "which one?"), the microphone stays open
    # this long for the answer, without the wake word (0: off)
    follow_up_seconds: float = Field(6.0, ge=0, le=60)
HA_TOKEN_ENV = "ASSISTANT_HA_TOKEN"


class HomeConfig(BaseModel):
    """The home the smart-home expert acts on: the simulated home in SQLite, or a Home Assistant."""

    model_config = ConfigDict(extra="forbid")
    backend: Literal["sqlite", "home_assistant"] = "sqlite"
    url: str = "http://127.0.0.1:8123"
    token: SecretStr | None = None  # a long-lived access token; else the environment's ASSISTANT_HA_TOKEN
    timeout: float = Field(5.0, gt=0, le=60)  # seconds, per request
    # how long areas/entities are reused before a re-read while HA's registry events cannot be
    # subscribed to (with them, a change is read at its event; 0: read for every request)
    registry_ttl: float = Field(10.0, ge=0, le=3600)
    alarm_code: SecretStr | None = None  # for alarm panels that need one

    def access_token(self) -> str | None:
        """The token from config, else from the environment (never logged or printed)."""
        if self.token is not None and self.token.get_secret_value().strip():
            return self.token.get_secret_value().strip()
        return os.environ.get(HA_TOKEN_ENV, "").strip() or None
class DocumentsConfig(BaseModel):
    """Your documents (assistant/knowledge/)."""

    model_config = ConfigDict(extra="forbid")
    # a folder whose new and changed files the scheduler daemon adds; default `inbox/` in the home
    inbox: str | None = None

    def inbox_path(self) -> Path:
        return Path(self.inbox).expanduser() if self.inbox else user_dir() / "inbox"


HUB_TOKEN_ENV = "ASSISTANT_HUB_TOKEN"


class HubConfig(BaseModel):
    """`assistant serve`: where its HTTP API listens, and the token its clients send."""

    model_config = ConfigDict(extra="forbid")
    host: str = "127.0.0.1"  # loopback: only this machine; another address is a deliberate choice
    port: int = Field(8765, ge=0, le=65535)  # 0: any free port (clients find it in hub.json)
    token: SecretStr | None = None  # else ASSISTANT_HUB_TOKEN, else generated into ASSISTANT_HOME/hub_token
    max_sessions: int = Field(64, ge=1, le=10000)  # conversations kept open at once (least recent closed)
    wyoming_port: int | None = Field(None, ge=0, le=65535)  # a Wyoming conversation service too (None: off)
    wyoming_speech: bool = True  # that service also does speech-to-text and text-to-speech (satellites need it)

    def configured_token(self) -> str | None:
        """The token from config, else from the environment (never logged or printed)."""
        if self.token is not None and self.token.get_secret_value().strip():
            return self.token.get_secret_value().strip()
        return os.environ.get(HUB_TOKEN_ENV, "").strip() or None


class Settings(BaseModel):
    model_config = ConfigDict(extra="forbid")
    roles: dict[str, RoleConfig] = Field(default_factory=dict)
    routing: RoutingConfig = Field(default_factory=RoutingConfig)
    conversation: ConversationConfig = Field(default_factory=ConversationConfig)
    home: HomeConfig = Field(default_factory=HomeConfig)
    documents: DocumentsConfig = Field(default_factory=DocumentsConfig)
    hub: HubConfig = Field(default_factory=HubConfig)
    input_area: str | None = None

    def role(self, name: str) -> RoleConfig:
        if name in self.roles:
            return self.roles[name]
        return RoleConfig(temperature=0.8, max_tokens=80) if name == "chat" else RoleConfig()


def config_path() -> Path:
    env = os.environ.get("ASSISTANT_CONFIG", "").strip()
    return Path(env).expanduser() if env else user_dir() / "config.toml"


def load_settings(path: Path | None = None) -> Settings:
    """The settings of `path` (default: `config_path()`); defaults when config.toml does not exist.
    A file named by ASSISTANT_CONFIG must exist."""
    named = path is not None or bool(os.environ.get("ASSISTANT_CONFIG", "").strip())
    path = path or config_path()
    if not path.is_file():
        if named:
            raise ConfigError(f"{path}: {'not a file' if path.exists() else 'no such config file'}")
        return Settings()
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
        roles = data.get("roles", {})
        for name in roles:
            if name not in ROLES:
                raise ConfigError(f"{path}: unknown role {name!r}; roles are {', '.join(ROLES)}")
        if "chat" in roles:  # chat defaults stay creative unless overridden
            roles["chat"] = {"temperature": 0.8, "max_tokens": 80, **roles["chat"]}
        return Settings.model_validate(data)
    except (tomllib.TOMLDecodeError, UnicodeDecodeError, OSError) as exc:
        raise ConfigError(f"{path}: {exc}") from exc
    except ValidationError as exc:
        problems = "; ".join(f"{'.'.join(map(str, e['loc']))}: {e['msg']}" for e in exc.errors())
        raise ConfigError(f"{path}: {problems}") from None
