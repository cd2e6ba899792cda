"""A question in other words than its document's ("guarantee" for "warranty") is read in the
document's words; a table row answers only for the thing it names itself, not its table's title; a
question the documents fit fully leans routing harder than a command sharing their words. No model:
a bag-of-words embedder with a few words made alike stands in for MiniLM."""
from datetime import datetime

import numpy as np
import pytest

from assistant.experts import knowledge
from assistant.knowledge import MIGRATIONS, add_document, vocabulary
from assistant.knowledge.answer import answer, is_row
from assistant.knowledge.vocabulary import in_documents_words
from assistant.storage import open_database
from tests.knowledge_kit import WordsEmbedder

WEDNESDAY = datetime(2026, 12, 9, 8, 0)
BOOKLET = """Boiler service booklet

Warranty
The boiler carries a seven year warranty from the date of installation.

Water pressure
The gauge should read between 1 and 1.5 bar when the heating is cold.
"""
BREAD = """Bread maker quick guide

Programme | Time | Crust
Basic white | 3 hours 5 minutes | Light
Rapid | 1 hour 58 minutes | Medium
"""
# words the stand-in reads as the same word, or (sourdough) as like the "Rapid" row as MiniLM might (0.58)
ALIKE = {"guarantee": "warranty", "sourdough": "rapid sourdough starter"}


class AlikeEmbedder(WordsEmbedder):
    def embed(self, texts: list[str]) -> np.ndarray:
        return super().embed([" ".join(ALIKE.get(w, w) for w in t.lower().split()) for t in texts])


@pytest.fixture
def db(tmp_path):
    db = open_database(":memory:", MIGRATIONS)
    for name, text in (("boiler_booklet.txt", BOOKLET), ("bread_maker_guide.txt", BREAD)):
        (tmp_path / name).write_text(text)
        add_document(db, tmp_path / name, AlikeEmbedder(), WEDNESDAY)
    return db


def test_a_word_no_document_has_is_read_as_the_documents_word_for_it(db):
    assert in_documents_words(db, "how long is the boiler guarantee", AlikeEmbedder(), threshold=0.75) \
        == "how long is the boiler warranty"
    assert in_documents_words(db, "how long is the boiler guarantee", AlikeEmbedder(), threshold=1.1) \
        == "how long is the boiler guarantee"


def test_days_possessives_and_kept_words_stay_as_said(db):
    text = "what's on tomorrow for mia's guarantee"
    assert in_documents_words(db, text, AlikeEmbedder(), keep=frozenset({"guarantee"}), threshold=0.75) == text


def test_the_answer_reads_the_synonym_when_the_step_is_on(db, monkeypatch):
    question = "how long is the boiler guarantee"
    assert vocabulary.SYNONYM is None and not answer(db, question, AlikeEmbedder(), WEDNESDAY).found  # off: measured
    monkeypatch.setattr(vocabulary, "SYNONYM", 0.75)
    found = answer(db, question, AlikeEmbedder(), WEDNESDAY)
    assert found.found and "seven year" in found.reply


def test_a_row_answers_only_for_a_thing_it_names_nearly_as_it_says_it(db):
    assert is_row("Programme: Rapid | Time: 1 hour 58 minutes") and not is_row("The gauge should read 1 bar")
    # "sourdough" is as like the row's "Rapid" as MiniLM might find two kinds of one thing
    found = answer(db, "what crust and time has the sourdough", AlikeEmbedder(), WEDNESDAY, threshold=0.5)
    assert not found.found and found.relevance >= 0.5
    assert answer(db, "what crust and time has the rapid", AlikeEmbedder(), WEDNESDAY, threshold=0.5).found


def test_a_question_the_documents_fit_leans_harder_than_a_command(db, monkeypatch):
    monkeypatch.setattr(knowledge, "embedder", AlikeEmbedder)
    monkeypatch.setattr(knowledge, "fit", lambda db, text, embedder: 2.0)
    assert knowledge.evidence(db, "how long does the rapid programme take") == 1.0
    assert knowledge.asks("is the boiler on") and not knowledge.asks("could you start a timer")
    assert knowledge.evidence(db, "can you set a timer for the rapid programme") == knowledge.TOLD
    assert knowledge.evidence(db, "set a timer for the rapid programme") == knowledge.TOLD


def test_off_replaces_nothing(db):
    assert in_documents_words(db, "how long is the boiler guarantee", AlikeEmbedder(), threshold=None) \
        == "how long is the boiler guarantee"


class NeighboursEmbedder(WordsEmbedder):
    """'medium' is like the document's 'middling' (0.71), 'moderate' like 'medium' less (0.63)."""
    NEAR = {"medium": "medium middling", "moderate": "medium medium dark"}

    def embed(self, texts: list[str]) -> np.ndarray:
        return super().embed([" ".join(self.NEAR.get(w, w) for w in t.lower().split()) for t in texts])


def test_a_mutual_twin_has_no_closer_word_in_its_documents(tmp_path):
    db = open_database(":memory:", MIGRATIONS)
    (tmp_path / "toaster.txt").write_text("Toaster guide\n\nBrowning: medium, middling or dark.\n")
    add_document(db, tmp_path / "toaster.txt", NeighboursEmbedder(), WEDNESDAY)
    said = "is moderate browning allowed"
    assert in_documents_words(db, said, NeighboursEmbedder(), threshold=0.6) == "is medium browning allowed"
    assert in_documents_words(db, said, NeighboursEmbedder(), threshold=0.6, mutual=True) == said
