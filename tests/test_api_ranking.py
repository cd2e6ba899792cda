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

    def choose_continuation(self, messages, prefill, candidates, expected=None, then=""):
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


class CharLlama:
    """A stand-in for llama.cpp: one token per character; the next-token logits favour `wanted`."""

    def __init__(self, wanted: str) -> None:
        self.wanted, self.held, self.passes = wanted, "", 0
        self._ctx = self

    def n_vocab(self) -> int:
        return 256

    def get_logits(self):
        import numpy as np

        logits = np.zeros(256, dtype=np.float32)
        for i, ch in enumerate(self.wanted):  # the wanted text's next character, after a prefix of it
            if self.held.endswith(self.wanted[:i]):
                logits[ord(ch)] = 5.0
        return logits


def char_backend(wanted: str):
    from assistant.llm.llama import LlamaBackend

    backend = LlamaBackend.__new__(LlamaBackend)
    backend.llama = CharLlama(wanted)
    backend.tokenize = lambda text: [ord(c) for c in text]
    backend._prepare_prefix = lambda messages, tokens: "off"

    def evaluate(tokens):
        backend.llama.held = "".join(map(chr, tokens))
        backend.llama.passes += 1
    backend._evaluate = evaluate
    import threading
    backend._lock = threading.Lock()
    return backend


def test_choosing_a_continuation_costs_one_pass_per_branching_point():
    from assistant.llm.backend import ChatMessage

    backend = char_backend("set_temperature")
    candidates = {n: f".{n}\",\"" for n in ("set_brightness", "set_color", "set_temperature", "turn_on")}
    chosen, scores = backend.choose_continuation([ChatMessage("user", "x")], '"api":"smart_home', candidates)
    assert chosen == "set_temperature"
    assert backend.llama.passes == 2  # '.s' vs '.t', then 'b' / 'c' / 't'; shared letters cost nothing
    assert scores["set_temperature"] > scores["turn_on"]
    assert backend.llama.held.endswith('smart_home.set_')


def test_the_fast_routers_call_of_the_chosen_api_drafts_the_arguments():
    from assistant.messages import Decision
    from assistant.routing.model_router import args_draft

    spec = default_registry().api("smart_home", "set_brightness")
    # required first, then optional by name: the order the grammar makes the model write them
    assert args_draft(spec, {"device": "desk lamp", "brightness": 30, "area": "study"}) == \
        '":{"brightness":30,"area":"study","device":"desk lamp"}}'
    seen = []

    class Recording(RankingLLM):
        def generate(self, messages, *, schema=None, **options):
            seen.append(options.get("draft", ""))
            return super().generate(messages, schema=schema, **options)

    hint = Decision(expert="timers", api="start", args={"duration": "12 minutes", "name": "pasta"})
    for draft_on, api in ((True, "start"), (True, "cancel"), (False, "start")):
        llm = Recording("timers", api, [{"duration": "12 minutes"} if api == "start" else {}])
        ModelRouter(llm, default_registry(), rank_api=True, draft=draft_on).decide(
            "set a pasta timer for 12 minutes", prior={"timers": 0.9, "none": 0.1}, hint=hint)
    assert seen == ['":{"duration":"12 minutes","name":"pasta"}}', "", ""]  # only a hint of the chosen API


def test_the_draft_is_offered_whole_only_with_a_shortfall_allowed():
    """`accept_within` reaches the backend with a draft, and only with one."""
    from assistant.messages import Decision

    seen = []

    class Recording(RankingLLM):
        def generate(self, messages, *, schema=None, **options):
            seen.append(options.get("accept_within"))
            return super().generate(messages, schema=schema, **options)

    hint = Decision(expert="timers", api="start", args={"duration": "12 minutes"})
    for within, api in ((4.0, "start"), (4.0, "cancel"), (None, "start")):
        llm = Recording("timers", api, [{"duration": "12 minutes"} if api == "start" else {}])
        ModelRouter(llm, default_registry(), rank_api=True, draft=True, accept_within=within).decide(
            "set a timer for 12 minutes", prior={"timers": 0.9, "none": 0.1}, hint=hint)
    assert seen == [4.0, None, None]
    llm = Recording("timers", "start", [{"duration": "12 minutes"}])
    ModelRouter(llm, default_registry(), rank_api=True, draft=True, accept_within=4.0).decide(
        "set a timer for 12 minutes", prior={"timers": 0.9, "none": 0.1}, hint=hint, judged=True)
    assert seen[-1] is None  # a judgement's draft is decoded, never taken whole


def test_an_idle_expert_is_not_chosen_unless_a_cue_names_it():
    """With no documents the knowledge expert is out of the choice; the next best expert wins."""
    class PrefersKnowledge(RankingLLM):
        def rank_continuations(self, messages, prefill, candidates):
            scores = {"knowledge": 0.0, "memory": -1.0}
            return {name: scores.get(name, -9.0) for name in candidates}

    answers = [{"question": "who is the kids' dentist"}] * 2
    router = ModelRouter(PrefersKnowledge("knowledge", "recall", answers), default_registry(), rank_api=True)
    prior = {"knowledge": 0.5, "memory": 0.5}
    decision, trace = router.decide("who is the kids' dentist", prior=prior, idle=("knowledge",))
    assert decision.expert == "memory" and "knowledge" not in trace.expert_scores
    decision, _ = router.decide("who is the kids' dentist", prior={"knowledge": 1.0}, idle=("knowledge",))
    assert decision.expert == "knowledge"  # a cue (a certain prior) still routes there


def test_the_knowledge_expert_is_idle_until_a_document_is_added(tmp_path):
    from assistant.storage import open_database
    registry = default_registry()
    db = open_database(tmp_path / "a.db", registry.migrations())
    assert registry.idle(db) == ("knowledge",)
    db["knowledge_documents"].insert({"name": "letter.txt", "path": "x", "kind": "text", "bytes": 1, "pages": 1,
                                      "chunks": 0, "added": "2026-11-30T08:00:00", "sha256": "0"})
    assert registry.idle(db) == ()
