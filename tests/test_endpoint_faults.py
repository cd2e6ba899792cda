"""A role on an OpenAI-compatible endpoint, against a tiny fake server (the standard library's):
connection refused, HTTP errors, answers that are not JSON or not the API's shape, a timeout, a
server without `json_schema` or without log-probabilities. Each is one clear line and an honest
reply that changed nothing; the API key is sent but never shown."""
import json
import socket
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Callable

import pytest

from assistant import testing
from assistant.config import ConfigError, RoleConfig, Settings, load_settings
from assistant.experts.lists import all_lists
from assistant.llm.backend import ChatMessage, ModelError, RankingUnavailable
from assistant.llm.endpoint import EndpointBackend, first_top_logprobs
from assistant.llm.roles import ModelRoles
from assistant.llm.timeout import ModelTimeout

DEV_HOME = Path(__file__).parent / "data" / "dev_home.yaml"
SECRET = "sk-test-do-not-print-0123456789"
Answer = tuple[int, object]  # (HTTP status, a JSON-able body or raw bytes)


def chat_answer(content: str) -> Answer:
    return 200, {"choices": [{"message": {"role": "assistant", "content": content}}],
                 "usage": {"prompt_tokens": 10, "completion_tokens": 3}}


class FakeServer:
    """Answers each request with `respond(path, body)`; records what it was sent."""

    def __init__(self, respond: Callable[[str, dict], Answer], delay: float = 0.0) -> None:
        self.respond, self.delay = respond, delay
        self.requests: list[tuple[str, dict, dict]] = []  # (path, JSON body, headers)
        server = self

        class Handler(BaseHTTPRequestHandler):
            def do_GET(self) -> None:
                self._answer({})

            def do_POST(self) -> None:
                length = int(self.headers.get("Content-Length") or 0)
                self._answer(json.loads(self.rfile.read(length) or b"{}"))

            def _answer(self, body: dict) -> None:
                server.requests.append((self.path, body, dict(self.headers)))
                time.sleep(server.delay)
                status, payload = server.respond(self.path, body)
                data = payload if isinstance(payload, bytes) else json.dumps(payload).encode()
                kind = "text/event-stream" if data.startswith(b"data:") else "application/json"
                try:
                    self.send_response(status)
                    self.send_header("Content-Type", kind)
                    self.send_header("Content-Length", str(len(data)))
                    self.end_headers()
                    self.wfile.write(data)
                except OSError:  # the client gave up (the timeout test)
                    pass

            def log_message(self, *args) -> None:
                pass

        self.httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.httpd.daemon_threads = True
        self.url = f"http://127.0.0.1:{self.httpd.server_address[1]}/v1"
        threading.Thread(target=self.httpd.serve_forever, daemon=True).start()

    def close(self) -> None:
        self.httpd.shutdown()
        self.httpd.server_close()


@pytest.fixture
def serve():
    servers = []

    def start(respond, delay: float = 0.0) -> FakeServer:
        servers.append(FakeServer(respond, delay))
        return servers[-1]

    yield start
    for server in servers:
        server.close()


def refused_url() -> str:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    return f"http://127.0.0.1:{port}/v1"  # nothing listens there now


def backend(url: str, **options) -> EndpointBackend:
    return EndpointBackend(url, model="tiny", api_key=SECRET, **options)


HELLO = [ChatMessage("user", "hello")]


# ------------------------------------------------------------------ one clear line per fault
@pytest.mark.parametrize("answer, words", [
    ((500, {"error": {"message": "boom\nat line 3"}}), "answered HTTP 500: boom at line 3"),
    ((401, {"error": "bad key"}), "HTTP 401: bad key; check api_key"),
    ((200, b"<html>not json</html>"), "not JSON"),
    ((200, {"choices": []}), "lacks what the OpenAI API promises"),
    ((200, [1, 2]), "not an object"),
])
def test_a_faulty_answer_is_one_clear_line_without_the_key(serve, answer, words):
    server = serve(lambda path, body: answer)
    with pytest.raises(ModelError, match=words) as caught:
        backend(server.url).generate(HELLO)
    assert "\n" not in str(caught.value) and SECRET not in str(caught.value)
    assert server.requests[0][2]["Authorization"] == f"Bearer {SECRET}"


def test_an_unreachable_server_is_one_clear_line():
    with pytest.raises(ModelError, match="cannot be reached; start the server or fix url"):
        backend(refused_url()).generate(HELLO)


def test_a_server_slower_than_timeout_s_is_given_up(serve):
    server = serve(lambda path, body: chat_answer("late"), delay=2.0)
    began = time.monotonic()
    with pytest.raises(ModelTimeout, match="no answer within 0.3 s"):
        backend(server.url, timeout_s=0.3).generate(HELLO)
    assert time.monotonic() - began < 1.5


# ------------------------------------------------------------------ what the server supports
def test_json_schema_refused_is_asked_as_json_object_with_the_schema_from_then_on(serve):
    def respond(path, body):
        if body.get("response_format", {}).get("type") == "json_schema":
            return 500, {"error": {"message": "response_format.type: Input should be 'text' or 'json_object'"}}
        return chat_answer('{"a": 1}')

    server = serve(respond)
    model = backend(server.url)
    schema = {"type": "object", "properties": {"a": {"type": "integer"}}}
    assert model.generate(HELLO, schema=schema).text == '{"a": 1}'
    assert model.generate(HELLO, schema=schema).text == '{"a": 1}'
    formats = [body["response_format"]["type"] for _, body, _ in server.requests]
    assert formats == ["json_schema", "json_object", "json_object"]
    assert server.requests[-1][1]["response_format"]["schema"] == schema


def completion(text: str) -> Answer:
    return 200, {"choices": [{"text": text}], "usage": {"prompt_tokens": 10, "completion_tokens": 3}}


def test_with_grammar_the_schema_is_sent_as_the_compact_grammar(serve):
    server = serve(lambda path, body: chat_answer('{"a":1}'))
    backend(server.url, grammar=True, template=None).generate(
        HELLO, schema={"type": "object", "properties": {"a": {"type": "integer"}}})
    body = server.requests[0][1]
    assert "response_format" not in body and 'space ::= ""' in body["grammar"]
    assert body["repeat_penalty"] == 1.0  # greedy as in-process (llama_cpp.server's default is 1.1)


def test_with_grammar_and_template_the_prompt_and_grammar_are_the_in_process_ones(serve):
    from assistant.llm.llama import chatml, framed_json_grammar

    server = serve(lambda path, body: completion('":{"a":1}}'))
    schema = {"type": "object", "properties": {"a": {"type": "integer"}}}
    answer = backend(server.url, grammar=True).generate(HELLO, schema=schema, prefill='{"api":"x.y","args',
                                                        frame=('":', "}"), draft='":{"a":1}}')
    path, body, _ = server.requests[0]
    assert answer.text == '":{"a":1}}' and path == "/v1/completions"
    assert body["prompt"] == chatml(HELLO) + '{"api":"x.y","args'
    assert body["grammar"] == framed_json_grammar(schema, ('":', "}"))
    assert body["temperature"] == 0.0 and body["repeat_penalty"] == 1.0 and body["stop"] == ["<|im_end|>"]


def test_the_api_is_chosen_under_a_grammar_of_the_candidates(serve):
    server = serve(lambda path, body: completion('.turn_off","'))
    options = {"turn_on": '.turn_on","', "turn_off": '.turn_off","'}
    chosen, _ = backend(server.url, grammar=True).choose_continuation(HELLO, '{"api":"smart_home', options)
    body = server.requests[0][1]
    assert chosen == "turn_off" and body["grammar"] == 'root ::= ".turn_on\\",\\"" | ".turn_off\\",\\""'
    assert body["prompt"].endswith('<|im_start|>assistant\n{"api":"smart_home')
    with pytest.raises(RankingUnavailable):  # the chat API cannot continue a prefilled answer
        backend(server.url).choose_continuation(HELLO, '{"api":"smart_home', options)


def test_the_model_name_defaults_to_the_first_the_server_lists(serve):
    def respond(path, body):
        return (200, {"data": [{"id": "qwen-a"}, {"id": "qwen-b"}]}) if path.endswith("/models") else chat_answer("hi")

    server = serve(respond)
    model = EndpointBackend(server.url)
    assert model.generate(HELLO).text == "hi" and server.requests[-1][1]["model"] == "qwen-a"
    assert "Authorization" not in server.requests[-1][2]


@pytest.mark.parametrize("logprobs", [
    {"top_logprobs": [{"tim": -0.5, "smart": -1.0, "t": -2.0, "timer": -2.5, "x": -3.0}]},
    {"content": [{"token": "tim", "top_logprobs": [{"token": "tim", "logprob": -0.5},
                  {"token": "smart", "logprob": -1.0}, {"token": "t", "logprob": -2.0},
                  {"token": "x", "logprob": -3.0}]}]},
])
def test_ranking_reads_the_first_tokens_log_probabilities(serve, logprobs):
    server = serve(lambda path, body: (200, {"choices": [{"text": "tim", "logprobs": logprobs}]}))
    scores = backend(server.url).rank_continuations(HELLO, '{"api":"', {
        "timers": "timers", "smart_home": "smart_home", "lists": "lists"})
    # no tokenizer: the longest listed token a candidate starts with; not listed: the lowest
    assert scores == {"timers": -2.5 if "timer" in json.dumps(logprobs) else -0.5, "smart_home": -1.0,
                      "lists": -3.0}
    path, body, _ = server.requests[0]
    assert path == "/v1/completions" and body["prompt"].endswith('<|im_start|>assistant\n{"api":"')
    assert body["stream"] is True  # llama-cpp-python computes them for the generated token only


def test_ranking_scores_each_candidates_own_first_token_from_the_servers_tokenizer(serve):
    vocab = {'{"api":"': [1], '{"api":"timers': [1, 7, 8], '{"api":"lists': [1, 9]}
    pieces = {7: "tim", 8: "ers", 9: "lists"}
    events = b"".join(b"data: " + json.dumps(event).encode() + b"\n\n" for event in [
        {"choices": [{"text": "tim", "logprobs": {"top_logprobs": [{"tim": -0.5, "timer": -0.1, "lists": -2.0}]}}]},
        {"choices": [{"text": "", "logprobs": None}]}]) + b"data: [DONE]\n\n"

    def respond(path, body):
        if path == "/extras/tokenize":  # llama-cpp-python's (llama-server's /tokenize is not here)
            return 200, {"tokens": vocab[body["input"]]}
        if path == "/extras/detokenize":
            return 200, {"text": pieces[body["tokens"][0]]}
        return (200, events) if path == "/v1/completions" else (404, {"error": "not found"})

    server = serve(respond)
    model = backend(server.url)
    for _ in range(2):
        assert model.rank_continuations(HELLO, '{"api":"', {"timers": "timers", "lists": "lists"}) == \
            {"timers": -0.5, "lists": -2.0}  # "tim", the first token, not the likelier "timer"
    tokenizer_calls = [p for p, _, _ in server.requests if "tokenize" in p]
    assert tokenizer_calls.count("/tokenize") == 1 and len(tokenizer_calls) == 7  # asked once per candidate


@pytest.mark.parametrize("answer", [
    (200, {"choices": [{"text": "x", "logprobs": None}]}),
    (500, {"error": {"message": "logprobs is not supported for models created with logits_all=False"}}),
])
def test_a_server_without_log_probabilities_is_asked_once(serve, answer):
    server = serve(lambda path, body: answer)
    model = backend(server.url)
    for _ in range(2):
        with pytest.raises(RankingUnavailable):
            model.rank_continuations(HELLO, "", {"a": "a"})
    assert len(server.requests) == 1
    assert first_top_logprobs({"choices": "garbage"}) == {}


# ------------------------------------------------------------------ the pipeline's honest reply
def endpoint_assistant(tmp_path, url: str, expert: str, margin: float = 0.3):
    a = testing.scripted_assistant(tmp_path / "state.db", home=DEV_HOME,
                                   classifier=testing.FixedClassifier(expert, margin=margin))
    settings = Settings(roles={"confirmer": RoleConfig(backend="openai", url=url, model="tiny", timeout_s=2)})
    a.roles._backends["confirmer"] = ModelRoles(settings).get("confirmer")
    return a


def actions(a) -> int:
    return a.db.execute("SELECT COUNT(*) FROM action_log").fetchone()[0]


def test_an_unreachable_confirmer_is_an_honest_no_that_changes_nothing(tmp_path):
    a = endpoint_assistant(tmp_path, refused_url(), "chat", margin=0.05)  # a lead too small to settle it
    before = actions(a)
    reply = a.handle("what should I cook for my grandmother's birthday")
    assert not reply.ok and reply.reply.startswith("Sorry, I couldn't do that")
    assert "cannot be reached" in reply.reply and actions(a) == before


def test_a_garbage_confirmer_falls_back_to_the_rules_proposal(tmp_path, serve):
    server = serve(lambda path, body: (200, b"garbage"))
    a = endpoint_assistant(tmp_path, server.url, "lists")
    reply = a.handle("add eggs to my shopping list")
    assert reply.ok and [i["item"] for i in all_lists(a.db)["shopping"]] == ["eggs"]


def test_without_log_probabilities_the_router_generates_the_call(tmp_path, serve):
    def respond(path, body):
        if path.endswith("/completions") and "prompt" in body:
            return 200, {"choices": [{"text": "x"}]}  # no logprobs
        return chat_answer('{"api":"lists.add","args":{"items":["milk"],"list_name":"shopping"}}')

    server = serve(respond)
    a = endpoint_assistant(tmp_path, server.url, "lists", margin=0.05)  # the guess alone settles nothing
    reply = a.handle("put milk on it")
    assert reply.ok and [i["item"] for i in all_lists(a.db)["shopping"]] == ["milk"]
    schema = json.dumps(server.requests[-1][1]["response_format"])
    assert "timers." in schema and "lists.add" in schema  # every expert's APIs: nothing was ranked


def test_an_endpoint_that_ranks_experts_but_not_apis_generates_the_experts_call(tmp_path, serve):
    def respond(path, body):
        if path == "/v1/completions":
            return 200, {"choices": [{"text": "lists", "logprobs": {"top_logprobs": [{"lists": -0.1, "tim": -3.0}]}}]}
        if path == "/v1/chat/completions":
            return chat_answer('{"api":"lists.add","args":{"items":["milk"],"list_name":"shopping"}}')
        return 404, {"error": "not found"}

    server = serve(respond)
    a = endpoint_assistant(tmp_path, server.url, "lists", margin=0.05)  # the guess alone settles nothing
    reply = a.handle("put milk on it")
    assert reply.ok and [i["item"] for i in all_lists(a.db)["shopping"]] == ["milk"]
    schema = json.dumps(server.requests[-1][1]["response_format"])
    assert "lists.add" in schema and "timers." not in schema  # the ranked expert's APIs only


# ------------------------------------------------------------------ configuration and doctor
def test_the_config_needs_a_url_and_keeps_the_key_secret(tmp_path, monkeypatch):
    config = tmp_path / "config.toml"
    config.write_text('[roles.confirmer]\nbackend = "openai"\n')
    with pytest.raises(ConfigError, match="needs url"):
        load_settings(config)
    config.write_text(f'[roles.confirmer]\nbackend = "openai"\nurl = "http://h:1/v1"\napi_key = "{SECRET}"\n')
    role = load_settings(config).role("confirmer")
    assert role.key() == SECRET and SECRET not in repr(role) and SECRET not in role.model_dump_json()
    monkeypatch.setenv("ASSISTANT_LLM_API_KEY", "from-env")
    assert RoleConfig(backend="openai", url="http://h:1/v1").key() == "from-env"


def test_doctor_reports_the_endpoint_and_never_the_key(serve, monkeypatch):
    from assistant.doctor.endpoints import endpoint_checks

    monkeypatch.setenv("ASSISTANT_LLM_API_KEY", SECRET)
    server = serve(lambda path, body: (200, {"data": [{"id": "tiny"}]}) if path.endswith("/models")
                   else chat_answer("OK"))
    roles = {"confirmer": RoleConfig(backend="openai", url=server.url, model="tiny"),
             "chat": RoleConfig(backend="openai", url=refused_url())}
    checks = list(endpoint_checks(Settings(roles=roles)))
    assert [c.status for c in checks] == ["ok", "fail"]
    assert "model tiny" in checks[0].detail and " ms " in checks[0].detail
    assert "key from ASSISTANT_LLM_API_KEY" in checks[0].detail
    assert "cannot be reached" in checks[1].detail
    assert all(SECRET not in c.detail + c.fix for c in checks)
