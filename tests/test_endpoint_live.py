"""A role on a real OpenAI-compatible server: llama-cpp-python's `llama_cpp.server`, started on a
loopback port with the smallest packaged model. Few and short prompts: the server is model-heavy."""
import json
from pathlib import Path

import pytest

from assistant import testing
from assistant.config import RoleConfig, RoutingConfig, Settings
from assistant.experts.timers import list_timers
from assistant.llm.backend import ChatMessage
from assistant.llm.llama import LlamaBackend
from assistant.llm.manifest import load_manifest
from assistant.llm.roles import ModelRoles
from assistant.llm.serve import launch

pytestmark = pytest.mark.real_model
DEV_HOME = Path(__file__).parent / "data" / "dev_home.yaml"
MODEL = load_manifest().model("qwen2.5-coder-0.5b").path
EXPERTS = {"timers": "timers", "lists": "lists", "smart_home": "smart_home"}
ASK = [ChatMessage("system", f"Name the expert for the request, one of: {', '.join(EXPERTS)}. "
                             'Answer JSON: {"api": "<expert>"}.'),
       ChatMessage("user", "set a timer for ten minutes")]


@pytest.fixture(scope="module")
def server_url():
    if not MODEL.is_file():
        pytest.skip(f"the 0.5B model is not installed at {MODEL} (run: assistant models install)")
    with launch(MODEL) as url:
        yield url


def endpoint_role(url: str, **options) -> RoleConfig:
    return RoleConfig(backend="openai", url=url, timeout_s=120, **options)


def test_output_is_constrained_to_the_schema(server_url):
    model = ModelRoles(Settings(roles={"confirmer": endpoint_role(server_url)})).get("confirmer")
    schema = {"type": "object", "properties": {"api": {"type": "string", "enum": list(EXPERTS)}},
              "required": ["api"]}
    answer = json.loads(model.generate(ASK, schema=schema, max_tokens=20).text)
    assert answer["api"] in EXPERTS
    assert model.backend.schema_format == "json_object"  # this server refuses the json_schema form


def test_the_ranking_matches_the_in_process_model(server_url):
    endpoint = ModelRoles(Settings(roles={"confirmer": endpoint_role(server_url)})).get("confirmer")
    served = endpoint.rank_continuations(ASK, '{"api":"', EXPERTS)
    local = LlamaBackend(MODEL, name="local", n_ctx=1024).rank_continuations(ASK, '{"api":"', EXPERTS)
    assert max(served, key=served.get) == max(local, key=local.get) == "timers"
    assert abs(served["timers"] - local["timers"]) < 0.1


def test_the_pipeline_routes_through_the_endpoint(server_url, tmp_path):
    # a lead too small to settle the expert (routing.settle_unproposed): the endpoint ranks the experts
    a = testing.scripted_assistant(tmp_path / "state.db", home=DEV_HOME,
                                   classifier=testing.FixedClassifier("timers", score=0.6, margin=0.05))
    a.roles._backends["confirmer"] = ModelRoles(Settings(roles={"confirmer": endpoint_role(server_url)})
                                                ).get("confirmer")
    a.roles.settings.routing = RoutingConfig(speculation=False)  # the confirmer decides
    reply = a.handle("set a timer for ten minutes")
    assert reply.ok and reply.expert == "timers", reply
    assert [t["duration_s"] for t in list_timers(a.db, a.clock.now())] == [600]
    assert set(reply.routing["expert_scores"]) >= {"timers", "smart_home"}  # ranked, with the prior


def test_with_grammar_the_server_chooses_the_api_and_writes_only_the_arguments(server_url, tmp_path):
    a = testing.scripted_assistant(tmp_path / "state.db", home=DEV_HOME,
                                   classifier=testing.FixedClassifier("timers", score=0.6, margin=0.2))
    served = a.roles._backends["confirmer"] = ModelRoles(Settings(roles={"confirmer": endpoint_role(
        server_url, grammar=True)})).get("confirmer")
    chosen, choose = [], served.backend.choose_continuation
    served.backend.choose_continuation = lambda *args: chosen.append(choose(*args)[0]) or (chosen[-1], {})
    a.roles.settings.routing = RoutingConfig(speculation=False)  # the confirmer decides
    reply = a.handle("set a timer for ten minutes")
    assert reply.ok and reply.expert == "timers", reply
    assert [t["duration_s"] for t in list_timers(a.db, a.clock.now())] == [600]
    assert chosen == [reply.api]  # chosen under the grammar of the API names, as in-process
