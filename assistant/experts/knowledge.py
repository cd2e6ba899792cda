"""The `knowledge` expert: questions about the user's own documents (school letters, manuals,
recipes), answered from the retrieved passages only, citing document and page
(assistant/knowledge/answer.py). Nothing relevant: it says so, never an answer from a model's memory.
Routing hears of it from the user's own documents: the better they match a question (`answer.fit`),
the larger its share of the routing prior (`evidence`), whatever words the question uses.

Its service `add_documents` (the evaluation's way in), and its scheduler chore,
the inbox folder (`[documents] inbox` in config.toml, default `inbox/` in the assistant's home):
files put there are added, and changed ones replaced, by the scheduler daemon (inbox.py).
"""
from __future__ import annotations

import re
from collections import OrderedDict
from functools import lru_cache
from pathlib import Path

import numpy as np

from assistant.context import ExpertContext
from assistant.knowledge import MIGRATIONS, list_documents
from assistant.knowledge.answer import answer, fit
from assistant.messages import ActionResult, SourceRef
from assistant.registry import api, build_expert

NO_DOCUMENTS = ("You haven't given me any documents yet. Add one with `assistant docs add FILE` "
                "(PDF, text, Markdown or HTML), or put it in your inbox folder.")


def embedder():
    """The passage encoder (MiniLM), remembering recent texts' vectors (the evaluation adds the
    same documents to each fresh state); tests replace this function."""
    from assistant.knowledge.embedder import passage_embedder

    return _remembering(passage_embedder())


@lru_cache(maxsize=1)
def _remembering(encoder):
    return RememberingEmbedder(encoder)


class RememberingEmbedder:
    """An embedder that keeps the vectors of the last `size` texts it embedded."""

    def __init__(self, encoder, size: int = 4096) -> None:
        self.encoder, self.size, self.known = encoder, size, OrderedDict()

    def embed(self, texts: list[str]) -> np.ndarray:
        new = list(dict.fromkeys(t for t in texts if t not in self.known))
        if new:
            for text, vector in zip(new, self.encoder.embed(new)):
                self.known[text] = vector
        vectors = np.stack([self.known[t] for t in texts]) if texts else np.zeros((0, 384), dtype=np.float32)
        while len(self.known) > self.size:
            self.known.popitem(last=False)
        return vectors


@api(speculative_safe=True, verbatim=("question",))
def ask(ctx: ExpertContext, question: str) -> ActionResult:
    """Answer a question from the user's own documents (PDFs, letters, manuals, schedules, notes)."""
    if not list_documents(ctx.db):
        return ActionResult(reply=NO_DOCUMENTS, ok=False, data={"documents": 0})
    found = answer(ctx.db, question or ctx.said, embedder(), ctx.clock.now())
    sources = [SourceRef(document=s.document, page=s.page) for s in found.sources]
    return ActionResult(reply=found.reply, ok=found.found, sources=sources,
                        data={"found": found.found, "relevance": round(found.relevance, 3)})


_PAPERS = r"(?:my|our)\s+(?:own\s+)?(?:documents?|docs|files|papers|pdfs?|uploads?"
# a kind of document the user keeps, named with "my"/"the" (and up to two words: "my soup recipe")
_KEPT = (r"(?:my|our|the)\s+(?:[a-z'-]+\s+){0,2}?(?:documents?|docs|files|papers|pdfs?|manual|letter|leaflet|"
         r"recipe|schedule|timetable|newsletter|contract|policy|agreement|handbook|guide|instructions|booklet|notes)")
CUES = (  # the user's own papers named as where the answer is
    re.compile(rf"\b(?:according to|based on|check|search|look (?:in|through))\s+{_PAPERS}|notes)\b", re.IGNORECASE),
    re.compile(rf"^\W*(?:what|when|where|who|which|how|is|are|does|do|did|can)\b.*\b(?:in|from)\s+{_PAPERS})\b",
               re.IGNORECASE),
    re.compile(rf"\b(?:according to|based on)\s+{_KEPT}\b", re.IGNORECASE),
    re.compile(rf"^\W*(?:what|when|where|who|which|how|is|are|does|do|did|can)\b.*\bin\s+{_KEPT}\b", re.IGNORECASE),
    re.compile(r"\b(?:do|does|did)\s+(?:my|our)\s+(?:documents?|docs|files|notes|papers)\s+(?:say|mention)\b",
               re.IGNORECASE),
    re.compile(r"\bwhat does (?:the|my|our) [a-z' ]{2,30}?(?:manual|letter|leaflet|schedule|timetable|newsletter|"
               r"recipe|guide|instructions|handbook|contract|policy|agreement|pdf|document|booklet|notice) say\b",
               re.IGNORECASE),
)


# the documents' fit to the words (answer.fit) from which they are some evidence for this expert, and
# the fit at which the evidence is full: for a question (`asks`), and for other words (a command that
# shares a recipe's words: "set a timer for the chicken", which only reaches `TOLD`). Calibrated by
# scripts/calibrate_knowledge_routing.py
EVIDENCE = (0.9, 1.3)
ASKED_EVIDENCE = (0.8, 1.0)
TOLD = 0.9  # the most evidence of words that are not a question (a share of the prior: cues.lean, up to cues.SURE)
# a question (not a request: "can you set…"): what a paper of the user's may answer
_ASKS = re.compile(r"^\W*(?:what|what's|whats|when|when's|where|where's|who|who's|whose|which|why|how|at what|"
                   r"for how|is|are|does|do|did|should|shall|can|could|will|would|must|"
                   r"(?:have|has)(?=\s+(?:[\w']+\s+){1,2}?got\b))\b"  # "have we got…", "has Lena got…"
                   r"(?!\s+(?:you|u)\b)", re.IGNORECASE)


_CLAUSE_BREAK = re.compile(r"[,;:.!?]\s+|\s+-+\s+")


def asks(text: str) -> bool:
    """Whether the words are a question, not a command or a request ("can you set a timer"): the
    whole of them, or a clause after what they tell ("the robot says E7, what's wrong with it")."""
    return any(_ASKS.search(clause) for clause in _CLAUSE_BREAK.split(text))


def evidence_of(fitness: float, question: bool = False) -> float:
    """The routing evidence (0..1) a fit of the user's documents to the words amounts to."""
    low, full = ASKED_EVIDENCE if question else EVIDENCE
    found = min(1.0, max(0.0, (fitness - low) / (full - low)))
    return found if question else min(found, TOLD)


# What no paper of the user's says, however well its words match one: what the user did ("where
# did I park the car", "when was the boiler serviced": things told to memory), and how a thing is
# done in general, naming nothing particular ("how do I make pancakes", "how do you fix a puncture":
# the chat's). A cue that names the papers still routes here ("what did the school letter say").
_RECALL = re.compile(r"\b(?:did|have|had)\s+(?:i|we)\b(?!\s+got\b)|\b(?:was|were)\s+(?:the|my|our)\s+(?:[\w'-]+\s+){0,3}?"
                     r"[\w-]+(?:ed|en)\b", re.IGNORECASE)
_HOW_TO = re.compile(r"^\W*how\s+(?:do|can|should|would|could|does)\s+(?:i|you|we|one)\b|^\W*how\s+to\b", re.IGNORECASE)
_PARTICULAR = re.compile(r"\b(?:the|my|our|your|this|that|these|those|his|her|their)\b|\w's\b|\d", re.IGNORECASE)


def about_papers(text: str) -> bool:
    """Whether the words could ask what the user's papers say: not what the user did, nor how
    something is done in general."""
    return not (_RECALL.search(text) or (_HOW_TO.search(text) and not _PARTICULAR.search(text)))


def evidence(db, text: str) -> float:
    """How strongly the user's own documents say the words are a question about them (0 with none):
    a question the documents fit fully is nearly sure (cues.SURE), other words never more than `TOLD`."""
    if not (has_documents(db) and about_papers(text)):
        return 0.0
    return evidence_of(fit(db, text, embedder()), question=asks(text))


def has_documents(db) -> bool:
    """Whether any document was added: with none, only a cue that names the user's papers routes here."""
    return bool(list_documents(db))


def inbox_chore(db, now) -> list[str]:
    """Add the inbox folder's new and changed files (the scheduler runs this every few seconds);
    a line for each, for the notifications. MiniLM is loaded only when a file waits."""
    from assistant.config import load_settings
    from assistant.knowledge.inbox import ingest_inbox, waiting_files

    documents = load_settings().documents
    folder = documents.inbox_path()
    if documents.inbox is None:
        folder.mkdir(parents=True, exist_ok=True)
    if not waiting_files(db, folder):
        return []
    return [done.message for done in ingest_inbox(db, folder, embedder(), now) if done.status != "unchanged"]


def add_documents(db, paths: list[Path], now) -> list:
    """Add (or replace) documents; the `Added` of each."""
    from assistant.knowledge import add_document

    return [add_document(db, Path(p), embedder(), now) for p in paths]


EXPERT = build_expert("knowledge", "questions answered from the user's own documents: school letters and "
                      "schedules, appliance manuals, recipes, bills, notes they added", [ask], MIGRATIONS,
                      capability="questions about your documents", cues=CUES,
                      services={"add_documents": add_documents}, chores=(inbox_chore,),
                      serves_now=has_documents, evidence=evidence,
                      examples=Path(__file__).with_suffix(".jsonl"))
