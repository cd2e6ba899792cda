"""The documents' own words, for a question that says a thing in other words ("an old couch" of a
calendar that says "sofas", "freezing" of a booklet that says "frozen").

When `SYNONYM` is set (it is off: see there), a question's word that no passage has is read as the
documents' word most like it (MiniLM similarity of the two words, at least `SYNONYM`), so that search, the fit against RELEVANT and the
line's score see the word the documents use. A word with no such twin stays as it is: a question
about a thing no document has ("the gluten free programme") still names it, and answer.unmatched
still finds it missing. The words' vectors are computed once for the stored passages and again
only when they change (as search.VectorIndex).
"""
from __future__ import annotations

import re

import numpy as np
import sqlite_utils

from assistant.knowledge import dates
from assistant.knowledge.embedder import DIM, Embedder
from assistant.knowledge.search import _STOPWORDS
from assistant.words import stem

# the least MiniLM similarity of two words for one to stand for the other; None: no word is replaced.
# Off, by measurement (scripts/calibrate_knowledge.py --synonym, session 19): MiniLM's words are a weak
# thesaurus. Near pairs are as often a word's neighbours as its synonyms (colour/black, football/sports,
# landlord/tenants, brownie/brown, couch/sofas at 0.75-0.8; freezing/frozen above 0.8), some synonyms
# are far below them (guarantee/warranty 0.58, rubbish/refuse 0.38), and a document's name is not in its
# words ("dentist" of dentist_letter read as "dental", at 0.85+). No threshold from 0.75 to 0.85, mutual
# or not, gained an answer on any corpus but one fresh line, and each lost held-out answers
# (knowledge_fresh: "how early should we get to the dentist"; knowledge_fresh4: "the house insurance")
SYNONYM: float | None = None
MUTUAL = False  # a twin must also have no closer word of its own documents than the question's word (no gain measured)
_WORD = re.compile(r"[a-z][a-z'-]*[a-z]")


class Vocabulary:
    """The documents' distinct words (by stem, longer than two letters, no stopwords), with vectors."""

    def __init__(self) -> None:
        self.key: tuple | None = None
        self.stems: set[str] = set()
        self.words: list[str] = []
        self.matrix = np.zeros((0, DIM), dtype=np.float32)

    def refresh(self, db: sqlite_utils.Database, embedder: Embedder) -> None:
        where = db.execute("PRAGMA database_list").fetchone()[2] or id(db.conn)
        key = (where, id(embedder), *db.execute("SELECT count(*), max(id), sum(length(text)) FROM knowledge_chunks").fetchone())
        if key == self.key:
            return
        by_stem: dict[str, str] = {}
        for (text,) in db.execute("SELECT text FROM knowledge_chunks ORDER BY id").fetchall():
            for word in _WORD.findall(text.lower()):
                word = word.removesuffix("'s").strip("'")
                if len(word) > 2 and word not in _STOPWORDS:
                    by_stem.setdefault(stem(word), word)
        self.stems, self.words = set(by_stem), sorted(set(by_stem.values()))
        self.matrix = (np.asarray(embedder.embed(self.words), dtype=np.float32) if self.words
                       else np.zeros((0, DIM), dtype=np.float32))
        self.key = key

    def nearest(self, words: list[str], embedder: Embedder) -> list[tuple[str, float]]:
        """Each word's most similar document word and their similarity."""
        if not words or not self.words:
            return [("", 0.0) for _ in words]
        similar = self.matrix @ np.asarray(embedder.embed(words), dtype=np.float32).T
        best = similar.argmax(axis=0)
        return [(self.words[i], float(similar[i, n])) for n, i in enumerate(best)]

    def closest_other(self, word: str) -> float:
        """The similarity of a document word to the most similar other document word."""
        i = self.words.index(word)
        similar = self.matrix @ self.matrix[i]
        similar[i] = -1.0
        return float(similar.max(initial=-1.0))


_VOCABULARY = Vocabulary()


def in_documents_words(db: sqlite_utils.Database, question: str, embedder: Embedder,
                       keep: frozenset[str] = frozenset(), threshold: float | None = SYNONYM,
                       mutual: bool = MUTUAL) -> str:
    """The question with each word that no passage has replaced by the documents' word most like it,
    when that one is at least `threshold` similar (None: never) and, if `mutual`, no other document
    word is more like it; the question itself when none is. The words of `keep` (those asking for a
    kind of answer: "how long"), days, months and possessives (a person: "Mia's") are never replaced."""
    if threshold is None:
        return question
    _VOCABULARY.refresh(db, embedder)
    tokens = re.findall(r"[\w'-]+|[^\w'-]+", question)
    unseen = list(dict.fromkeys(t.lower() for t in tokens if _replaceable(t.lower(), keep)
                                and stem(t) not in _VOCABULARY.stems))
    twins = {w: twin for w, (twin, sim) in zip(unseen, _VOCABULARY.nearest(unseen, embedder))
             if sim >= threshold and (not mutual or sim >= _VOCABULARY.closest_other(twin))}
    if not twins:
        return question
    return "".join(twins.get(t.lower(), t) for t in tokens)


_DAY_WORDS = re.compile(r"(?:mon|tues|wednes|thurs|fri|satur|sun)days?|tomorrow|yesterday|today|tonight|weeks?|weekends?"
                        rf"|{dates._MONTH.format(n=0)}", re.IGNORECASE)


def _replaceable(word: str, keep: frozenset[str]) -> bool:
    return bool(_WORD.fullmatch(word)) and "'" not in word and len(word) > 2 and word not in _STOPWORDS and word not in keep \
        and not _DAY_WORDS.fullmatch(word)
