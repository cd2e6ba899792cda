"""Greedy decoding under a grammar that asks about the model's first choice first
(assistant/llm/grammar_greedy.py): the same tokens as llama.cpp's grammar-then-greedy chain."""
import pytest

from assistant.config import Settings
from assistant.llm.backend import ChatMessage
from assistant.llm.roles import ModelRoles

CALL = {"type": "object", "properties": {"api": {"type": "string", "enum": ["timers.start", "lists.add"]},
                                         "args": {"type": "object"}}, "required": ["api", "args"]}
# a schema the model would not write unasked: its first choice is refused at almost every step
STRANGE = {"type": "object", "properties": {"zebra": {"type": "integer"}, "quux": {"type": "string",
                                                                                   "enum": ["x9", "y8"]}},
           "required": ["zebra", "quux"]}


@pytest.fixture(scope="module")
def confirmer():
    roles = ModelRoles(Settings())
    if not all(row["installed"] for row in roles.describe()):
        pytest.skip("model files missing: run `assistant models install`")
    return roles.get("confirmer")


@pytest.mark.real_model
@pytest.mark.parametrize("request_text, schema", [
    ("set a timer for ten minutes", CALL),
    ("put eggs and flour on the shopping list", CALL),
    ("tell me a joke", STRANGE),
])
def test_the_same_output_as_the_whole_vocabulary_grammar(confirmer, request_text, schema):
    messages = [ChatMessage("system", "Reply with one JSON function call."), ChatMessage("user", request_text)]
    outputs = {}
    for fast in (False, True):
        confirmer.fast_grammar = fast
        try:
            outputs[fast] = confirmer.generate(messages, schema=schema, max_tokens=40).text
        finally:
            confirmer.fast_grammar = True
    assert outputs[True] == outputs[False] and outputs[True].startswith("{"), outputs
