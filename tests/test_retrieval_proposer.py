"""The retrieval proposer (assistant/routing/retrieval.py) on a classifier double whose nearest
example is chosen by the test: no model is loaded."""
from __future__ import annotations

from datetime import datetime

import numpy as np
import pytest

from assistant.app import default_registry
from assistant.routing.examples import labelled_examples
from assistant.routing.retrieval import RetrievalProposer

NOW = datetime(2026, 11, 30, 9, 0)
HOME_WORDS = {"ceiling", "fan", "hall", "lamp", "kitchen", "light", "lights", "study", "bedroom"}


class NearestDouble:
    """The classifier's pool, one axis per example: `near(words, example)` makes that example the
    nearest of those words, at cosine 1."""

    def __init__(self, registry) -> None:
        examples = labelled_examples(registry)
        self.texts = [e.text for e in examples]
        self.labels = np.array([e.label for e in examples])
        self.vectors = np.eye(len(examples))
        self.chosen: dict[str, int] = {}

    def near(self, words: str, example: str) -> None:
        self.chosen[words] = self.texts.index(example)

    def embed(self, text: str) -> np.ndarray:
        return self.vectors[self.chosen[text]] if text in self.chosen else np.zeros(len(self.texts))


@pytest.fixture(scope="module")
def pool():
    registry = default_registry()
    double = NearestDouble(registry)
    return RetrievalProposer(registry, double), double


def _example(proposer: RetrievalProposer, qualified: str, spans: set[str]) -> str:
    """The text of a pool example whose call is `qualified`, with values for exactly `spans`."""
    return next(f.call and text for f, text in zip(proposer.frames, proposer.classifier.texts)
                if f and f.call.qualified == qualified and set(f.spans) == spans and not f.constants)


def test_an_unknown_verb_takes_the_nearest_commands_api(pool):
    proposer, double = pool
    double.near("kill the ceiling fan", _example(proposer, "smart_home.turn_off", {"device"}))
    decision = proposer.propose("kill the ceiling fan", "smart_home", HOME_WORDS, NOW)
    assert (decision.qualified, decision.args) == ("smart_home.turn_off", {"device": "ceiling fan"})


def test_a_duration_in_other_words_fills_the_timer(pool):
    proposer, double = pool
    double.near("count down thirty seconds", _example(proposer, "timers.start", {"duration"}))
    decision = proposer.propose("count down thirty seconds", "timers", set(), NOW)
    assert decision.qualified == "timers.start" and decision.args["duration"] == "30 seconds"


@pytest.mark.parametrize("words", [
    "kill the zorblax",  # a name the home does not know
    "don't kill the ceiling fan",  # negated
    "kill the ceiling fan when the kitchen light is off",  # a condition
])
def test_unsure_words_get_no_proposal(pool, words):
    proposer, double = pool
    double.near(words, _example(proposer, "smart_home.turn_off", {"device"}))
    assert proposer.propose(words, "smart_home", HOME_WORDS, NOW) is None


def test_a_missing_value_gets_no_proposal(pool):
    proposer, double = pool
    double.near("count down please", _example(proposer, "timers.start", {"duration"}))
    assert proposer.propose("count down please", "timers", set(), NOW) is None


def test_an_unlabelled_nearest_example_gets_no_proposal(pool):
    proposer, double = pool
    unlabelled = next(t for f, t, label in zip(proposer.frames, double.texts, double.labels)
                      if f is None and label == "smart_home")
    double.near("the hall lamp", unlabelled)
    assert proposer.propose("the hall lamp", "smart_home", HOME_WORDS, NOW) is None


def test_a_verb_another_api_says_is_not_read_as_the_neighbours(pool):
    proposer, double = pool
    assert "kill" in proposer.carriers["smart_home.turn_off"]  # "kill the lights in the den"
    double.near("kill the ceiling fan", _example(proposer, "smart_home.turn_on", {"device"}))
    assert proposer.propose("kill the ceiling fan", "smart_home", HOME_WORDS, NOW) is None


def test_a_verb_no_example_says_takes_the_neighbours_api(pool):
    proposer, double = pool
    double.near("zap the ceiling fan", _example(proposer, "smart_home.turn_off", {"device"}))
    decision = proposer.propose("zap the ceiling fan", "smart_home", HOME_WORDS, NOW)
    assert (decision.qualified, decision.args) == ("smart_home.turn_off", {"device": "ceiling fan"})
