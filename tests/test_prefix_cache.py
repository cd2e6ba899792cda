"""The prefix KV cache on a real (small) model: same answers warm, restored or cold; invalidation."""
import pytest

from assistant.llm.backend import ChatMessage
from assistant.llm.manifest import load_manifest

pytestmark = pytest.mark.real_model
SMALL = load_manifest().model("qwen2.5-coder-0.5b")
SCHEMA = {"type": "object", "properties": {"room": {"type": "string"}}, "required": ["room"]}
SYSTEM = "Extract the room named in the request as JSON {\"room\": ...}.\n" + "Rooms: " + ", ".join(
    f"room{i}" for i in range(40)) + ", kitchen, office, garage.\n"


@pytest.fixture
def backend_factory(tmp_path):
    if not SMALL.installed():
        pytest.skip("model files missing: run `assistant models install`")
    from assistant.llm.llama import LlamaBackend

    def make():
        return LlamaBackend(SMALL.path, name="small", n_ctx=1024, cache_dir=tmp_path / "kv")

    return make


def ask(backend, system, text):
    return backend.generate([ChatMessage("system", system), ChatMessage("user", text)], schema=SCHEMA,
                            max_tokens=16)


def test_prefix_is_evaluated_once_then_reused_with_identical_answers(backend_factory, tmp_path):
    backend = backend_factory()
    cold = ask(backend, SYSTEM, "turn on the office lamp")
    warm = ask(backend, SYSTEM, "turn on the office lamp")
    assert (cold.prefix_cache, warm.prefix_cache) == ("cold", "warm")
    assert cold.text == warm.text and '"office"' in cold.text
    other = ask(backend, "Answer with JSON.\n", "kitchen")  # another prefix evicts the first...
    assert other.prefix_cache == "cold"
    again = ask(backend, SYSTEM, "turn on the office lamp")  # ...which comes back from memory
    assert again.prefix_cache == "memory" and again.text == cold.text
    assert len(list((tmp_path / "kv").glob("*.kv"))) == 2


def test_a_fresh_process_restores_the_prefix_from_disk(backend_factory):
    first = ask(backend_factory(), SYSTEM, "open the garage")
    fresh = backend_factory()
    restored = ask(fresh, SYSTEM, "open the garage")
    assert restored.prefix_cache == "disk" and restored.text == first.text


def test_a_changed_prefix_is_a_different_entry(backend_factory):
    backend = backend_factory()
    ask(backend, SYSTEM, "kitchen please")
    changed = SYSTEM.replace("garage", "garage, attic")  # e.g. a room was added
    assert backend.prefix_cache.key(backend.tokenize(changed)) != backend.prefix_cache.key(backend.tokenize(SYSTEM))
    assert ask(backend_factory(), changed, "the attic").prefix_cache == "cold"


def test_a_corrupt_snapshot_falls_back_to_evaluating(backend_factory, tmp_path):
    expected = ask(backend_factory(), SYSTEM, "office")
    for snapshot in (tmp_path / "kv").glob("*.kv"):
        snapshot.write_bytes(b"garbage" * 10)
    result = ask(backend_factory(), SYSTEM, "office")
    assert result.prefix_cache == "cold" and result.text == expected.text
