"""A model role served by an OpenAI-compatible server (llama.cpp's llama-server, llama-cpp-python's
`llama_cpp.server`, vLLM, Ollama, LM Studio), through `requests`.

- With a `template` and `grammar` (llama.cpp's servers: llama-server, llama_cpp.server), the calls
  are the in-process ones: POST `/completions` with the prompt formatted here (the same tokens as
  in-process), the same compact GBNF grammar (framed after a prefilled answer start), greedy with no
  repeat penalty (llama_cpp.server's default is 1.1). `choose_continuation` (the API) is one
  request under a grammar of the candidates: the choice a constrained greedy decoder makes.
- Otherwise `generate` is POST `/chat/completions` (the server's own chat template) under
  `response_format`: the standard `json_schema` first; a server that refuses it (llama-cpp-python's
  accepts only `json_object` with a `schema`) is asked that way from then on; and the API is
  generated with its arguments (`choose_continuation` raises `RankingUnavailable`).
- `rank_continuations` (the expert): POST `/completions` with the top log-probabilities of the
  next token, streamed (llama-cpp-python computes them over the whole prompt otherwise). A
  candidate's score is that of its own first token, which the server's tokenizer names
  (llama-server's `/tokenize`, llama-cpp-python's `/extras/tokenize`); without one, the longest
  listed token it starts with; a candidate not listed gets the lowest listed score. A server that
  returns no log-probabilities, or refuses them, raises `RankingUnavailable` (from then on without
  asking), and the router chooses by constrained generation instead (without the classifier's prior).
- The server's own prompt cache reuses the stable system turn (llama.cpp keeps the last prompt's
  prefix; `warm_prefix` puts it there before a request arrives).
Every failure (unreachable, an HTTP error, a timeout, an answer that is not what the API
promises) is one `ModelError` line; the API key never appears in one.
"""
from __future__ import annotations

import json
import time
from dataclasses import dataclass
from typing import Any, Callable
from urllib.parse import urlsplit

import requests

from assistant.llm.backend import ChatMessage, Generation, ModelError, RankingUnavailable
from assistant.llm.llama import END_OF_TURN, chatml  # the formatting only: no native library is loaded
from assistant.llm.timeout import ModelTimeout

TOP_LOGPROBS = 20  # vLLM's default cap
TOP_LOGPROBS_LLAMA_CPP = 1000  # llama.cpp's servers allow more: few candidates scored by the floor
CONNECT_TIMEOUT_S = 5.0
# what in-process decoding does: no repeat penalty (llama_cpp.server's default is 1.1, which
# penalises the quotes and braces JSON repeats); llama-server keeps the prompt in its slot
DECODING = {"repeat_penalty": 1.0, "frequency_penalty": 0.0, "presence_penalty": 0.0, "cache_prompt": True}


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
        self.raw = self.template is not None and grammar  # the in-process prompt and grammar
        self.ranks = self.template is not None  # False once the server returned no log-probabilities
        self.top_logprobs = TOP_LOGPROBS_LLAMA_CPP if grammar else TOP_LOGPROBS
        self._tokenizer: str | None = None  # the server's tokenize API once found ("none": it has none)
        self._first_tokens: dict[tuple[str, str], str | None] = {}
        self._session = requests.Session()
        if api_key:
            self._session.headers["Authorization"] = f"Bearer {api_key}"

    # ------------------------------------------------------------------ the backend protocol
    def generate(self, messages: list[ChatMessage], *, schema: dict[str, Any] | None = None,
                 temperature: float = 0.0, max_tokens: int = 128, prefill: str = "",
                 frame: tuple[str, str] = ("", ""), lookahead: int = 0, draft: str = "",
                 accept_within: float | None = None, on_text: Callable[[str], None] | None = None) -> Generation:
        """The assistant turn after `prefill` (raw completions only), its JSON between the texts of
        `frame`. `lookahead`, `draft` and `accept_within` (in-process speed-ups) do not apply here:
        the server's greedy output is the output. This backend does not stream: `on_text` is given
        the whole text once it has come."""
        started = time.perf_counter()
        if self.raw:
            body = {**DECODING, "prompt": self.template(messages) + prefill, "temperature": temperature,
                    "max_tokens": max_tokens, "stop": [END_OF_TURN]}
            if schema is not None:
                from assistant.llm.llama import framed_json_grammar

                body["grammar"] = framed_json_grammar(schema, frame)
            data = self._post("completions", body)
            text = self._field(data, lambda d: d["choices"][0]["text"], str)
        else:
            if prefill:
                raise ModelError(f"{self.name}: a prefilled answer needs template and grammar = true")
            body = {**DECODING, "messages": [{"role": m.role, "content": m.content} for m in messages],
                    "temperature": temperature, "max_tokens": max_tokens}
            data = self._post("chat/completions", body) if schema is None else self._constrained(body, schema)
            text = self._field(data, lambda d: d["choices"][0]["message"]["content"], str)
        elapsed = (time.perf_counter() - started) * 1000
        if on_text is not None and text:
            on_text(text)
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
            data = self._request("POST", "completions", {
                "model": self.model_name(), **DECODING, "prompt": self.template(messages) + prefill,
                "max_tokens": 1, "temperature": 0.0, "logprobs": self.top_logprobs, "stream": True})
        except EndpointHTTPError as exc:
            if "logprob" not in exc.body.lower():  # e.g. llama_cpp.server started with --logits_all False
                raise
            data = {}
        top = first_top_logprobs(data)
        if not top:
            self.ranks = False
            raise RankingUnavailable(f"{self.name} returned no log-probabilities")
        floor = min(top.values())
        scores = {}
        for name, text in candidates.items():
            token = self._first_token(prefill, text)
            if token is None:  # no tokenizer: the longest listed token the candidate starts with
                token = max((t for t in top if t and text.startswith(t)), key=len, default=None)
            scores[name] = top.get(token, floor) if token is not None else floor
        return scores

    def choose_continuation(self, messages: list[ChatMessage], prefill: str, candidates: dict[str, str],
                            expected: str | None = None, then: str = "") -> tuple[str, dict[str, float]]:
        """The candidate greedy decoding under a grammar of the candidates writes after `prefill`
        (the choice the in-process ranking makes); the server gives no scores for it. `expected`
        and `then` (what the in-process model checks in one batch) change nothing here."""
        if not self.raw:
            raise RankingUnavailable(f"{self.name} chooses among continuations only with grammar = true")
        grammar = "root ::= " + " | ".join(json.dumps(text) for text in candidates.values())
        data = self._post("completions", {**DECODING, "prompt": self.template(messages) + prefill,
                                          "grammar": grammar, "temperature": 0.0, "max_tokens": 64})
        text = self._field(data, lambda d: d["choices"][0]["text"], str)
        chosen = next((name for name, option in candidates.items() if option == text), None)
        if chosen is None:
            raise ModelError(f"{self.name}: the constrained choice {text[:60]!r} is none of the candidates")
        return chosen, {chosen: 0.0}

    def warm_prefix(self, system: ChatMessage) -> str:
        """Put the system turn in the server's prompt cache before a request arrives."""
        if self.template is None:
            return "off"
        self._post("completions", {**DECODING, "prompt": self.template([system], open_assistant_turn=False),
                                   "max_tokens": 1, "temperature": 0.0})
        return "server"

    # ------------------------------------------------------------------ the server's tokenizer
    def _first_token(self, prefill: str, text: str) -> str | None:
        """The text of `text`'s first token after `prefill`, from the server's tokenizer (asked once
        per candidate); None without a tokenizer or a clean token boundary."""
        key = (prefill, text)
        if key not in self._first_tokens:
            self._first_tokens[key] = None
            base, full = self._tokenize(prefill), self._tokenize(prefill + text)
            if base is not None and full is not None and len(full) > len(base) and full[:len(base)] == base:
                self._first_tokens[key] = self._piece(full[len(base)])
        return self._first_tokens[key]

    def _tokenize(self, text: str) -> list[int] | None:
        """Token ids by llama-server's `/tokenize` or llama-cpp-python's `/extras/tokenize`, whichever
        the server has (found once); None if it has neither."""
        root = self.url.removesuffix("/v1")
        apis = {"llama-server": ("tokenize", {"content": text}),
                "llama-cpp-python": ("extras/tokenize", {"input": text})}
        for name in [self._tokenizer] if self._tokenizer else list(apis):
            if name == "none":
                return None
            path, body = apis[name]
            try:
                tokens = self._request("POST", path, body, base=root).get("tokens")
            except ModelError:
                tokens = None
            if isinstance(tokens, list) and all(isinstance(t, int) for t in tokens):
                self._tokenizer = name
                return tokens
        self._tokenizer = self._tokenizer or "none"
        return None

    def _piece(self, token: int) -> str | None:
        root = self.url.removesuffix("/v1")
        path, body = (("detokenize", {"tokens": [token]}) if self._tokenizer == "llama-server"
                      else ("extras/detokenize", {"tokens": [token]}))
        try:
            data = self._request("POST", path, body, base=root)
        except ModelError:
            return None
        text = data.get("content", data.get("text"))
        return text if isinstance(text, str) and text else None

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

    def _request(self, method: str, path: str, body: dict[str, Any] | None = None,
                 base: str | None = None) -> dict:
        """The JSON answer; of a streamed one (`"stream": true`), the first event with log-probabilities."""
        url = f"{base or self.url}/{path}"
        stream = bool(body and body.get("stream"))
        try:
            response = self._session.request(method, url, json=body, stream=stream,
                                             timeout=(min(CONNECT_TIMEOUT_S, self.timeout_s), self.timeout_s))
            if stream and response.status_code < 400 and \
                    response.headers.get("Content-Type", "").startswith("text/event-stream"):
                return self._first_event(response, path)
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

    def _first_event(self, response: requests.Response, path: str) -> dict:
        first = None
        with response:
            for payload in _events(response):
                try:
                    event = json.loads(payload)
                except ValueError:
                    raise ModelError(f"{self.name}: /{path} streamed something that is not JSON") from None
                first = first or event
                if first_top_logprobs(event):
                    return event
        return first if isinstance(first, dict) else {}

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


def _events(response: requests.Response):
    for line in response.iter_lines(decode_unicode=True):
        if line and line.startswith("data:"):
            payload = line[5:].strip()
            if payload == "[DONE]":
                return
            yield payload


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
