"""Greedy decoding under a grammar that asks about the model's first choice first
(assistant/llm/grammar_greedy.py): the same tokens as llama.cpp's grammar-then-greedy chain."""
import pytest

from assistant.llm.backend import ChatMessage

CALL = {"type": "object", "properties": {"api": {"type": "string", "enum": ["timers.start", "lists.add"]},
                                         "args": {"type": "object"}}, "required": ["api", "args"]}
# a schema the model would not write unasked: its first choice is refused at almost every step
STRANGE = {"type": "object", "properties": {"zebra": {"type": "integer"}, "quux": {"type": "string",
                                                                                   "enum": ["x9", "y8"]}},
           "required": ["zebra", "quux"]}


@pytest.mark.real_model
@pytest.mark.parametrize("request_text, schema", [
    ("set a timer for ten minutes", CALL),
    ("put eggs and flour on the shopping list", CALL),
    ("tell me a joke", STRANGE),
])
def test_the_same_output_as_the_whole_vocabulary_grammar(real_confirmer, request_text, schema):
    confirmer = real_confirmer
    messages = [ChatMessage("system", "Reply with one JSON function call."), ChatMessage("user", request_text)]
    outputs = {}
    for fast in (False, True):
        confirmer.fast_grammar = fast
        try:
            outputs[fast] = confirmer.generate(messages, schema=schema, max_tokens=40).text
        finally:
            confirmer.fast_grammar = True
    assert outputs[True] == outputs[False] and outputs[True].startswith("{"), outputs


@pytest.mark.real_model
def test_a_draft_is_the_output_only_as_close_to_the_models_choices_as_allowed(real_confirmer):
    """`accept_within`: the model's own output as the draft falls 0 short and stands; a draft it
    would not write falls short by more than 0, and is then decoded as usual; a draft the grammar
    refuses falls infinitely short."""
    confirmer = real_confirmer
    messages = [ChatMessage("system", "Reply with one JSON function call."),
                ChatMessage("user", "set a timer for ten minutes")]
    plain = confirmer.generate(messages, schema=CALL, max_tokens=40).text
    own = confirmer.generate(messages, schema=CALL, max_tokens=40, draft=plain, accept_within=0.0)
    assert own.text == plain and confirmer.last_shortfall == 0.0 and own.drafted == own.completion_tokens
    other = plain.replace("timers.start", "lists.add")
    assert other != plain
    checked = confirmer.generate(messages, schema=CALL, max_tokens=40, draft=other, accept_within=0.0)
    assert confirmer.last_shortfall > 0.0 and checked.text == plain
    loose = confirmer.generate(messages, schema=CALL, max_tokens=40, draft=other, accept_within=1e9)
    assert loose.text == other
    refused = confirmer.generate(messages, schema=CALL, max_tokens=40, draft='{"zebra":1}', accept_within=1e9)
    assert confirmer.last_shortfall == float("inf") and refused.text == plain
