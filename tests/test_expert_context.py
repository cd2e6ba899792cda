"""Per-expert context: the routed expert's relevant state only, with ids minified and restored."""
from assistant.app import default_registry, open_state
from assistant.llm.scripted import ScriptedLLM
from assistant.routing.model_router import ModelRouter
from assistant.experts.smart_home import load_home, load_home_file, resolve
from assistant.experts.smart_home.home_file import parse_home
from assistant.experts.smart_home.slice import device_lines, relevant_devices, routing_context
from assistant.experts.smart_home.store import read_home
from tests.conftest import DEV_HOME


class RankingLLM(ScriptedLLM):
    """A scripted model that also ranks expert names (as the real backend does in one pass)."""

    def __init__(self, best: str, outputs) -> None:
        super().__init__(outputs)
        self.best = best

    def rank_continuations(self, messages, prefill, candidates):
        self.prompts.append(list(messages))
        return {name: (0.0 if name == self.best else -9.0) for name in candidates}


def dev_db(tmp_path):
    db = open_state(default_registry(), tmp_path / "state.db")
    load_home(db, load_home_file(DEV_HOME))
    return db


def route(db, text, best, output, minify=True):
    llm = RankingLLM(best, [output])
    router = ModelRouter(llm, default_registry(), minify=minify)
    registry = router.registry

    def state(expert, aliases):
        hook = registry.expert(expert).routing_context
        return hook(db, text, None, aliases) if hook else ""

    decision, trace = router.decide(text, prior={best: 1.0}, expert_context=state)
    return decision, llm.prompts[-1][-1].content


def test_the_routed_smart_home_request_sees_its_devices_as_aliases_and_ids_come_back(tmp_path):
    db = dev_db(tmp_path)
    decision, prompt = route(db, "switch on the kitchen counter strip", "smart_home",
                             {"api": "smart_home.turn_on", "args": {"device": "d1"}})
    assert "d1 Kitchen Counter Strip (Kitchen, light)" in prompt
    assert "light.kitchen_counter_strip_77b1" not in prompt and prompt.endswith(
        "Request: switch on the kitchen counter strip")
    assert decision.args == {"device": "light.kitchen_counter_strip_77b1"}
    assert resolve(db, decision.args["device"], allowed={"light"}).device_ids == \
        ["light.kitchen_counter_strip_77b1"]


def test_without_minification_the_prompt_carries_full_ids(tmp_path):
    db = dev_db(tmp_path)
    decision, prompt = route(db, "switch on the kitchen counter strip", "smart_home",
                             {"api": "smart_home.turn_on", "args": {"device": "light.kitchen_counter_strip_77b1"}},
                             minify=False)
    assert "light.kitchen_counter_strip_77b1 Kitchen Counter Strip" in prompt
    assert decision.args == {"device": "light.kitchen_counter_strip_77b1"}


def test_other_experts_get_no_device_list(tmp_path):
    db = dev_db(tmp_path)
    decision, prompt = route(db, "set a kitchen timer for 5 minutes", "timers",
                             {"api": "timers.start", "args": {"duration": "5 minutes", "name": "kitchen"}})
    assert "Devices" not in prompt and decision.api == "start"


def test_a_device_that_only_shares_a_kind_is_never_offered(tmp_path):
    home = read_home(dev_db(tmp_path))
    assert relevant_devices(home, "turn on the sauna light") == []
    assert relevant_devices(home, "switch on the den lamp") == []
    here = [d.id for d in relevant_devices(home, "it looks dark in here", here="living_room")]
    assert here and all(i.startswith("light.") for i in here)


def big_home(rooms: int = 60) -> str:
    lines = ["areas:"] + [f"  - {{id: room_{n}, name: Room {n}}}" for n in range(rooms)] + ["entities:"]
    for n in range(rooms):
        for kind, domain, state in (("Ceiling Light", "light", "off"), ("Lamp", "light", "off"),
                                    ("Fan", "fan", "off"), ("Blinds", "cover", "open"),
                                    ("Speaker", "media_player", "idle")):
            ident = f"{domain}.room_{n}_{kind.lower().replace(' ', '_')}"
            lines.append(f"  - {{name: Room {n} {kind}, id: {ident}, area: room_{n}, state: {state}}}")
    return "\n".join(lines)


def test_a_home_of_hundreds_of_devices_gives_a_small_relevant_slice(tmp_path):
    db = open_state(default_registry(), tmp_path / "big.db")
    load_home(db, parse_home(big_home()))
    home = read_home(db)
    assert len(home.devices) == 300
    lines = routing_context(db, "dim the room 42 lamp to 20 percent", None, None)
    assert lines.startswith("Devices: light.room_42_lamp Room 42 Lamp")
    assert len(relevant_devices(home, "turn off the fans in room 7")) <= 6
    assert all("room_7" in d.id for d in relevant_devices(home, "turn off the fans in room 7"))
    assert device_lines(home, []) == ""
