"""Calibrate the knowledge expert's routing evidence (assistant/experts/knowledge.py `EVIDENCE`).

A question about the user's own papers goes to knowledge when their documents match it; a chat,
memory or command line stays where it is even when a document shares its words. Measured with the
real MiniLM on the tune corpora only (data/knowledge and data/knowledge_fresh; never a held-out one):
- for: each corpus's answerable questions (`questions.jsonl`), asked against that corpus;
- against: every other expert's labelled examples and the declined ones (the routing examples, not
  the test split) that reach the model's choice (no fixed command, no cue pins them), asked against
  each corpus.
For each fit (answer.fit): the share of each side at or above it (the lines against split into
questions and other words, which knowledge.evidence reads apart: `knowledge.asks`), and the
routing evidence it maps to for each.
Model-heavy: `flock /work/model.lock python3 scripts/calibrate_knowledge_routing.py [-v]`.
"""
from __future__ import annotations

import argparse
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "scripts"))

from calibrate_knowledge import corpus_database, read  # noqa: E402

from assistant.experts import knowledge  # noqa: E402
from assistant.app import default_registry  # noqa: E402
from assistant.knowledge.answer import fit  # noqa: E402
from assistant.knowledge.embedder import passage_embedder  # noqa: E402
from assistant.routing import cues, fastpath  # noqa: E402
from assistant.routing.examples import labelled_examples  # noqa: E402

CORPORA = (ROOT / "data" / "knowledge", ROOT / "data" / "knowledge_fresh")


def _fit(db, text: str, embedder) -> float:
    """The documents' fit to the words, 0 for words no paper answers (what the user did, a general how-to)."""
    return fit(db, text, embedder) if knowledge.about_papers(text) else 0.0


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("-v", action="store_true", help="the lines against knowledge with the highest fits")
    args = parser.parse_args()
    embedder = passage_embedder()
    registry = default_registry()
    others = [e for e in labelled_examples(registry) if e.label != "knowledge"
              and not fastpath.match(e.text) and not cues.pinned_expert(registry, e.text)]
    ours, theirs, latencies = [], [], []
    for corpus in CORPORA:
        db = corpus_database(f"{corpus.name}.db", embedder, corpus)
        ours += [(_fit(db, q["question"], embedder), q["question"]) for q in read("questions.jsonl", corpus)]
        for example in others:
            started = time.perf_counter()
            theirs.append((_fit(db, example.text, embedder), f"{example.label}: {example.text} ({corpus.name})"))
            latencies.append((time.perf_counter() - started) * 1000)
    print(f"for knowledge {len(ours)}, against {len(theirs)} ({len(others)} examples x {len(CORPORA)} corpora); "
          f"fit p50 {statistics.median(latencies):.0f} ms, max {max(latencies):.0f} ms")
    asked = [(f, text) for f, text in theirs if knowledge.asks(text.split(": ", 1)[1])]
    told = [(f, text) for f, text in theirs if (f, text) not in asked]
    print(f"against: {len(asked)} questions, {len(told)} other words")
    print("fit    for>=  against>=  questions>=  others>=  evidence(question)  evidence(other)")
    for tenth in range(4, 21):
        at = tenth / 10
        share = lambda rows: sum(f >= at for f, _ in rows) / max(1, len(rows))  # noqa: E731
        print(f"{at:4.1f}  {share(ours):6.2f}  {share(theirs):8.3f}  {share(asked):10.3f}  {share(told):8.3f}  "
              f"{knowledge.evidence_of(at, question=True):17.2f}  {knowledge.evidence_of(at):15.2f}")
    if args.v:
        for f, text in sorted(asked, reverse=True)[:30] + sorted(told, reverse=True)[:15]:
            print(f"{f:.3f} {text}")
        for f, text in sorted(ours)[:15]:
            print(f"{f:.3f} knowledge: {text}")


if __name__ == "__main__":
    main()
