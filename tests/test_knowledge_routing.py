"""Routing to the user's own documents: the knowledge expert's evidence (how well the documents
match the words) raises its share of the routing prior, never to a cue's certainty; with no
documents, or for words the documents do not match, the prior is unchanged. No model: a
bag-of-words embedder stands in for MiniLM."""
from __future__ import annotations

import re
from datetime import datetime

import pytest

from assistant.experts import knowledge
from assistant.knowledge import MIGRATIONS, add_document
from assistant.knowledge.answer import fit
from assistant.registry import Expert, Registry
from assistant.routing import cues
from assistant.storage import open_database
from tests.knowledge_kit import WordsEmbedder, build_corpus

WEDNESDAY = datetime(2026, 12, 9, 8, 0)


@pytest.fixture(autouse=True)
def words_embedder(monkeypatch):
    monkeypatch.setattr(knowledge, "embedder", WordsEmbedder)


@pytest.fixture(scope="module")
def documents(tmp_path_factory):
    folder = tmp_path_factory.mktemp("corpus")
    db = open_database(folder / "state.db", MIGRATIONS)
    for path in build_corpus(folder / "files"):
        if path.name != "README.md":
            add_document(db, path, WordsEmbedder(), WEDNESDAY)
    return db


def test_lean_raises_the_experts_share_and_scales_the_others():
    leaned = cues.lean({"chat": 0.8, "none": 0.2, "knowledge": 0.0}, {"knowledge": 0.6})
    assert leaned["knowledge"] == pytest.approx(0.6)
    assert leaned["chat"] == pytest.approx(0.32) and leaned["none"] == pytest.approx(0.08)
    assert sum(leaned.values()) == pytest.approx(1.0)


def test_lean_never_makes_certain_nor_lowers_a_share():
    assert cues.lean({"chat": 1.0}, {"knowledge": 1.0})["knowledge"] == pytest.approx(cues.SURE)
    assert cues.lean({"knowledge": 0.9, "chat": 0.1}, {"knowledge": 0.3}) == {"knowledge": 0.9, "chat": 0.1}
    assert cues.lean({"chat": 0.7, "none": 0.3}, {}) == {"chat": 0.7, "none": 0.3}


def test_a_cue_still_pins_whatever_the_evidence(documents):
    registry = Registry([Expert("lists", "lists", cues=(re.compile(r"\bshopping list\b"),)),
                         Expert("knowledge", "documents", evidence=lambda db, text: 1.0)])
    assert cues.pin(registry, {"lists": 0.5, "knowledge": 0.5}, "add salmon to the shopping list", documents) \
        == {"lists": 1.0}
    leaned = cues.pin(registry, {"lists": 0.9, "knowledge": 0.1}, "what's for dinner", documents)
    assert leaned["knowledge"] == pytest.approx(cues.SURE)


def test_registry_evidence_keeps_only_what_some_expert_found():
    registry = Registry([Expert("a", "a", evidence=lambda db, text: 0.0),
                         Expert("b", "b", evidence=lambda db, text: 0.4), Expert("c", "c")])
    assert registry.evidence(None, "anything") == {"b": 0.4}


def test_the_documents_fit_a_question_about_them_more_than_other_words(documents):
    about = fit(documents, "what does error E9 mean on the dishwasher", WordsEmbedder())
    other = fit(documents, "tell me a joke about penguins", WordsEmbedder())
    assert about > 1.0 > other
    assert knowledge.evidence(documents, "what does error E9 mean on the dishwasher") > 0.0
    assert knowledge.evidence(documents, "tell me a joke about penguins") == 0.0


def test_no_documents_no_evidence(tmp_path):
    db = open_database(tmp_path / "empty.db", MIGRATIONS)
    assert knowledge.evidence(db, "what does error E9 mean on the dishwasher") == 0.0


def test_evidence_grows_with_the_fit_between_its_calibrated_ends():
    low, full = knowledge.ASKED_EVIDENCE
    assert knowledge.evidence_of(low - 0.1, question=True) == 0.0
    assert knowledge.evidence_of(full + 0.1, question=True) == 1.0
    assert 0.0 < knowledge.evidence_of((low + full) / 2, question=True) < 1.0
    low, full = knowledge.EVIDENCE  # other words than a question: never more than TOLD
    assert knowledge.evidence_of(low - 0.1) == 0.0 and knowledge.evidence_of(full + 0.1) == knowledge.TOLD
