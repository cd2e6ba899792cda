"""The API chosen by ranking too, only the arguments generated (RoutingConfig.rank_api)."""
from assistant.app import default_registry
from assistant.config import RoutingConfig, Settings
from assistant.llm.scripted import ScriptedLLM
from assistant.routing.model_router import ModelRouter
from assistant.routing.schema import compact_args_schema


class RankingLLM(ScriptedLLM):
    """Ranks expert names and chooses API names the way the real backend does, from fixed picks."""

    def __init__(self, expert: str, api: str | None = None, outputs=()) -> None:
        super().__init__(list(outputs))
        self.expert, self.api = expert, api
        self.schemas: list[dict | None] = []
        self.choices: list[tuple[str, dict]] = []

    def rank_continuations(self, messages, prefill, candidates):
        return {name: (0.0 if name == self.expert else -9.0) for name in candidates}

    def choose_continuation(self, messages, prefill, candidates):
        self.choices.append((prefill, candidates))
        return self.api, {name: (0.0 if name == self.api else -5.0) for name in candidates}

    def generate(self, messages, *, schema=None, **options):
        self.schemas.append(schema)
        return super().generate(messages, schema=schema, **options)


def route(llm, text="set a pasta timer for 12 minutes", rank_api=True, lookahead=0):
    router = ModelRouter(llm, default_registry(), rank_api=rank_api, lookahead=lookahead)
    return router.decide(text, prior={llm.expert: 0.9, "none": 0.1})


def test_the_api_is_ranked_and_the_model_writes_only_its_arguments():
    llm = RankingLLM("timers", "start", [{"duration": "12 minutes", "name": "pasta"}])
    decision, trace = route(llm)
    assert (decision.expert, decision.api) == ("timers", "start")
    assert decision.args["duration"] == "12 minutes" and decision.args["name"] == "pasta"
    prefill, candidates = llm.choices[0]
    assert prefill == '{"api":"timers' and candidates["set_alarm"] == '.set_alarm","'
    assert llm.prefills == ['{"api":"timers.start","args']
    registry = default_registry()
    assert llm.schemas == [compact_args_schema(registry.api("timers", "start"))]
    assert trace.outputs[-1].startswith('{"api":"timers.start","args":{"') and trace.api_scores["start"] == 0.0


def test_an_api_that_takes_no_arguments_needs_no_generation():
    llm = RankingLLM("notifications", "check")
    decision, trace = route(llm, "anything new for me")
    assert decision.qualified == "notifications.check" and decision.args == {}
    assert llm.prompts == [] and trace.completion_tokens == 0


def test_invalid_arguments_fall_back_to_writing_the_whole_call():
    llm = RankingLLM("timers", "start", ['{"name": 5}', {"api": "timers.start", "args": {"duration": "5 minutes"}}])
    decision, _ = route(llm, "five minute timer")
    assert decision.qualified == "timers.start" and decision.args["duration"] == "5 minutes"
    assert llm.prefills == ['{"api":"timers.start","args', ""]


def test_without_rank_api_the_model_writes_the_whole_call():
    llm = RankingLLM("timers", "start", [{"api": "timers.start", "args": {"duration": "12 minutes"}}])
    decision, _ = route(llm, rank_api=False)
    assert decision.qualified == "timers.start" and llm.choices == [] and llm.prefills == [""]


def test_prompt_lookup_is_passed_to_the_backend():
    seen = []

    class Recording(RankingLLM):
        def generate(self, messages, *, schema=None, **options):
            seen.append(options.get("lookahead", 0))
            return super().generate(messages, schema=schema, **options)

    route(Recording("timers", "start", [{"duration": "1 minute"}]), lookahead=6)
    assert seen == [6]


def test_routing_config_switches_reach_the_router():
    from assistant.testing import scripted_assistant

    assistant = scripted_assistant()
    assistant.roles.settings = Settings(roles=assistant.roles.settings.roles,
                                        routing=RoutingConfig(rank_api=True, prompt_lookup=4))
    assert assistant.router.rank_api and assistant.router.lookahead == 4
