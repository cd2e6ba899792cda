"""The shape of the code: the core learns about domains only through the registry."""
import ast
import json
import re
from pathlib import Path

from assistant.app import default_registry
from assistant.messages import Decision, Request
from assistant.registry import Registry, View, api, build_expert
from assistant.routing import cues, rules
from assistant.routing.examples import labelled_examples
from assistant.routing.prompt import system_prompt
from assistant.testing import WEDNESDAY_9AM, expert_context

PACKAGE = Path(__file__).parent.parent / "assistant"


def imports(path: Path) -> set[str]:
    found = set()
    for node in ast.walk(ast.parse(path.read_text())):
        if isinstance(node, ast.ImportFrom) and node.module:
            found.add(node.module)
        elif isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
    return found


def test_only_the_assembly_imports_the_experts():
    core = [p for p in PACKAGE.rglob("*.py") if "experts" not in p.relative_to(PACKAGE).parts]
    naming = sorted(str(p.relative_to(PACKAGE)) for p in core
                    if any(m == "assistant.experts" or m.startswith("assistant.experts.") for m in imports(p)))
    assert naming == ["app.py"]


def test_no_expert_reads_routing_state():
    experts = list((PACKAGE / "experts").rglob("*.py"))
    assert experts
    reaching = [str(p) for p in experts if any(m.startswith("assistant.routing") for m in imports(p))]
    assert reaching == []


def test_no_top_level_experts_package_ships():
    assert not (PACKAGE.parent / "experts").exists()


def test_every_expert_example_file_ships_inside_the_package_and_is_labelled_for_it():
    for expert in default_registry().experts():
        assert expert.examples and expert.examples.is_file(), expert.name
        assert PACKAGE in expert.examples.parents
        for line in expert.examples.read_text().splitlines():
            expect = json.loads(line)["expect"]
            assert expect.get("expert") == expert.name, line


# -- adding an expert: one module, its examples, one line in the assembly ---------------------
@api(speculative_safe=True)
def water(ctx, plant: str):
    """Water a plant."""
    from assistant.messages import ActionResult

    return ActionResult(reply=f"Watered the {plant}.")


def _propose(request: Request):
    match = re.match(r"^water the (?P<plant>[a-z ]+)$", request.words)
    return Decision(expert="garden", api="water", args={"plant": match["plant"]}, source="router") if match else None


def garden_expert(tmp_path):
    examples = tmp_path / "garden.jsonl"
    examples.write_text(json.dumps({"id": "g-1", "text": "water the ferns", "expect": {"expert": "garden"},
                                    "prompt": {"api": "garden.water", "args": {"plant": "ferns"}}}) + "\n")
    return build_expert("garden", "the plants", [water], capability="your plants", propose=_propose,
                        cues=(re.compile(r"\bwater the\b"),), examples=examples,
                        views=(View("plants", "The plants.", lambda db, now: [{"plant": "fern"}], ("plant",)),))


def test_a_new_expert_reaches_every_stage_through_its_registry_entry(tmp_path):
    registry = Registry([*default_registry().experts(), garden_expert(tmp_path)])  # the one line
    assert cues.pinned_expert(registry, "please water the roses") == "garden"
    proposal = rules.propose(registry, "water the roses", "garden", WEDNESDAY_9AM)
    assert (proposal.api, proposal.args) == ("water", {"plant": "roses"})
    assert ("water the ferns", "garden") in [(e.text, e.label) for e in labelled_examples(registry)]
    prompt = system_prompt(registry)
    assert "garden.water(" in prompt and 'water the ferns -> {"api":"garden.water"' in prompt
    assert "your plants" in registry.capabilities()
    assert [v.noun for v in registry.views()][-1] == "plants"
    ctx = expert_context(said="water the roses")
    assert registry.api("garden", "water").func(ctx, plant="roses").reply == "Watered the roses."


def test_help_and_the_decline_reply_list_what_the_experts_offer(scripted_assistant):
    offered = scripted_assistant.registry.capabilities()
    assert offered[0] == "your home's devices" and offered[-1] == "a chat"
    helped = scripted_assistant.handle("help").reply
    assert all(capability in helped for capability in offered)
    assert all(capability in scripted_assistant.decline_reply for capability in offered)
