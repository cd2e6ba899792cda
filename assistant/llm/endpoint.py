"""A model role served by an OpenAI-compatible server (llama.cpp's llama-server, llama-cpp-python's
`llama_cpp.server`, vLLM, Ollama, LM Studio), through `requests`.

- `generate`: POST `/chat/completions`; the server applies the model's own chat template. A schema
  constrains the output through `response_format`: the standard `json_schema` first; a server that
  refuses it (llama-cpp-python's accepts only `json_object` with a `schema`) is asked that way from
  then on. With `grammar`, llama.cpp's servers get the in-process compact GBNF grammar instead (no
  optional whitespace: the same arguments as in-process, see the README's table).
- `rank_continuations`: POST `/completions` with the prompt formatted here (`template`, ChatML for
  the packaged Qwen models) and the top log-probabilities of the next token. Tokens are strings
  here, not ids: a candidate's score is the best of the listed tokens it starts with ("tim" rather
  than the unlikely "timer" for "timers"), else the lowest listed one. A server that returns no
  log-probabilities, or refuses them, raises `RankingUnavailable` (from then on without asking),
  and the router chooses by constrained generation instead (without the classifier's prior).
- The server's own prompt cache reuses the stable system turn (llama.cpp keeps the last prompt's
  prefix; `warm_prefix` puts it there before a request arrives).
Every failure (unreachable, an HTTP error, a timeout, an answer that is not what the API
promises) is one `ModelError` line; the API key never appears in one.
"""
from __future__ import annotations

import json
import time
from dataclasses import dataclass
from typing import Any
from urllib.parse import urlsplit

import requests

from assistant.llm.backend import ChatMessage, Generation, ModelError, RankingUnavailable
from assistant.llm.llama import chatml  # the formatting only: no native library is loaded
from assistant.llm.timeout import ModelTimeout

TOP_LOGPROBS = 20  # vLLM's default cap; llama.cpp's servers allow more
CONNECT_TIMEOUT_S = 5.0


@dataclass(frozen=True)
class EndpointStatus:
    """What `assistant doctor` reports of an endpoint."""

    model: str
    listed: list[str]
    latency_ms: float


TEMPLATES = {"chatml": chatml}


class EndpointBackend:
    """The LLM backend protocol over HTTP; greedy at temperature 0 where the server is."""

    def __init__(self, url: str, *, model: str | None = None, api_key: str | None = None,
                 timeout_s: float = 120.0, template: str | None = "chatml", grammar: bool = False,
                 role: str = "model") -> None:
        self.url = url.rstrip("/")
        self.model = model
        self.timeout_s = timeout_s
        self.template = TEMPLATES[template] if template else None
        self.name = f"{role} endpoint {urlsplit(self.url).netloc or self.url}"
        # how a schema is sent: "json_schema", "json_object" once the server refuses that, or
        # "grammar" (llama.cpp's own field: the in-process compact grammar)
        self.schema_format = "grammar" if grammar else "json_schema"
        self.ranks = self.template is not None  # False once the server returned no log-probabilities
        self._session = requests.Session()
        if api_key:
            self._session.headers["Authorization"] = f"Bearer {api_key}"

    # ------------------------------------------------------------------ the backend protocol
    def generate(self, messages: list[ChatMessage], *, schema: dict[str, Any] | None = None,
                 temperature: float = 0.0, max_tokens: int = 128, lookahead: int = 0) -> Generation:
        """A chat completion; `lookahead` (an in-process decoding speed-up) does not apply here."""
        body: dict[str, Any] = {"messages": [{"role": m.role, "content": m.content} for m in messages],
                                "temperature": temperature, "max_tokens": max_tokens}
        started = time.perf_counter()
        if schema is None:
            data = self._post("chat/completions", body)
        else:
            data = self._constrained(body, schema)
        elapsed = (time.perf_counter() - started) * 1000
        text = self._field(data, lambda d: d["choices"][0]["message"]["content"], str)
        usage = data.get("usage") or {}
        return Generation(text=text, prompt_tokens=int(usage.get("prompt_tokens") or 0),
                          completion_tokens=int(usage.get("completion_tokens") or 0),
                          elapsed_ms=elapsed, prefix_cache="server")

    def rank_continuations(self, messages: list[ChatMessage], prefill: str,
                           candidates: dict[str, str]) -> dict[str, float]:
        """Log-probability of each candidate's first token after `prefill` in the assistant turn."""
        if not self.ranks or self.template is None:
            raise RankingUnavailable(f"{self.name} does not rank continuations")
        try:
            data = self._post("completions", {"prompt": self.template(messages) + prefill, "max_tokens": 1,
                                              "temperature": 0.0, "logprobs": TOP_LOGPROBS})
        except EndpointHTTPError as exc:
            if "logprob" not in exc.body.lower():  # e.g. llama_cpp.server started with --logits_all False
                raise
            data = {}
        top = first_top_logprobs(data)
        if not top:
            self.ranks = False
            raise RankingUnavailable(f"{self.name} returned no log-probabilities")
        floor = min(top.values())
        return {name: max((lp for token, lp in top.items() if token and text.startswith(token)), default=floor)
                for name, text in candidates.items()}

    def warm_prefix(self, system: ChatMessage) -> str:
        """Put the system turn in the server's prompt cache before a request arrives."""
        if self.template is None:
            return "off"
        self._post("completions", {"prompt": self.template([system], open_assistant_turn=False),
                                   "max_tokens": 1, "temperature": 0.0})
        return "server"

    # ------------------------------------------------------------------ doctor
    def status(self) -> EndpointStatus:
        """The models the server lists, and the latency of a one-token chat completion."""
        listed = self.listed_models()
        started = time.perf_counter()
        self.generate([ChatMessage("user", "Say OK.")], max_tokens=1)
        return EndpointStatus(self.model_name(), listed, (time.perf_counter() - started) * 1000)

    def listed_models(self) -> list[str]:
        data = self._request("GET", "models")
        return self._field(data, lambda d: [str(m["id"]) for m in d["data"]], list)

    def model_name(self) -> str:
        """The configured model name, else the first one the server lists (asked once)."""
        if self.model is None:
            listed = self.listed_models()
            if not listed:
                raise ModelError(f"{self.name} lists no model; set model in config.toml")
            self.model = listed[0]
        return self.model

    # ------------------------------------------------------------------ HTTP
    def _constrained(self, body: dict[str, Any], schema: dict[str, Any]) -> dict:
        if self.schema_format == "grammar":
            from assistant.llm.llama import compact_json_grammar

            return self._post("chat/completions", {**body, "grammar": compact_json_grammar(
                json.dumps(schema, sort_keys=True))})
        if self.schema_format == "json_schema":
            try:
                return self._post("chat/completions", {**body, "response_format": {
                    "type": "json_schema", "json_schema": {"name": "answer", "schema": schema, "strict": True}}})
            except EndpointHTTPError as exc:
                if "json_schema" not in exc.body and "response_format" not in exc.body:
                    raise
                self.schema_format = "json_object"
        return self._post("chat/completions", {**body, "response_format": {"type": "json_object", "schema": schema}})

    def _post(self, path: str, body: dict[str, Any]) -> dict:
        return self._request("POST", path, {"model": self.model_name(), **body})

    def _request(self, method: str, path: str, body: dict[str, Any] | None = None) -> dict:
        url = f"{self.url}/{path}"
        try:
            response = self._session.request(method, url, json=body,
                                             timeout=(min(CONNECT_TIMEOUT_S, self.timeout_s), self.timeout_s))
        except requests.Timeout:
            raise ModelTimeout(f"{self.name} gave no answer within {self.timeout_s:g} s "
                               "(timeout_s in config.toml)") from None
        except requests.ConnectionError:
            raise ModelError(f"{self.name}: {self.url} cannot be reached; start the server "
                             "or fix url in config.toml") from None
        except requests.RequestException as exc:
            raise ModelError(f"{self.name}: {type(exc).__name__} on {url}") from None
        if response.status_code >= 400:
            raise EndpointHTTPError(self.name, path, response.status_code, response.text)
        try:
            data = response.json()
        except ValueError:
            raise ModelError(f"{self.name}: /{path} answered with something that is not JSON") from None
        if not isinstance(data, dict):
            raise ModelError(f"{self.name}: /{path} answered with JSON that is not an object")
        return data

    def _field(self, data: dict, get: Any, kind: type) -> Any:
        try:
            value = get(data)
        except (KeyError, IndexError, TypeError):
            value = None
        if not isinstance(value, kind):
            raise ModelError(f"{self.name}: the answer lacks what the OpenAI API promises "
                             f"({json.dumps(data)[:120]})")
        return value


class EndpointHTTPError(ModelError):
    """The server answered with an HTTP error status; the message is one line, the body is kept."""

    def __init__(self, name: str, path: str, status: int, body: str) -> None:
        self.status, self.body = status, body
        detail = " ".join(_error_message(body).split())[:160]
        hint = "; check api_key or ASSISTANT_LLM_API_KEY" if status in (401, 403) else ""
        super().__init__(f"{name}: /{path} answered HTTP {status}" + (f": {detail}" if detail else "") + hint)


def _error_message(body: str) -> str:
    """The message of an OpenAI-style error body ({"error": {"message": ...}}), else the body."""
    try:
        error = json.loads(body).get("error")
        return str(error.get("message") if isinstance(error, dict) else error or body)
    except (ValueError, AttributeError):
        return body


def first_top_logprobs(data: dict) -> dict[str, float]:
    """The top log-probabilities of the first generated token, token text → log-probability, from
    the legacy completions shape ({"top_logprobs": [{token: lp}]}) or the newer one
    ({"content": [{"top_logprobs": [{"token", "logprob"}]}]}); empty if there are none."""
    try:
        logprobs = data["choices"][0].get("logprobs") or {}
    except (KeyError, IndexError, TypeError, AttributeError):
        return {}
    if not isinstance(logprobs, dict):
        return {}
    if isinstance(logprobs.get("top_logprobs"), list) and logprobs["top_logprobs"]:
        first = logprobs["top_logprobs"][0]
        return {str(k): float(v) for k, v in first.items()} if isinstance(first, dict) else {}
    content = logprobs.get("content")
    if isinstance(content, list) and content and isinstance(content[0], dict):
        return {str(t["token"]): float(t["logprob"]) for t in content[0].get("top_logprobs") or []
                if isinstance(t, dict) and "token" in t and "logprob" in t}
    return {}
