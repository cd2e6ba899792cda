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

`--asked LOW:FULL` (repeatable) compares `ASKED_EVIDENCE` settings side by side: for each group of
lines, the mean question evidence of the lines for knowledge and of the questions against it, and the
share of each at 0.5 or more (where the lean outweighs the rest of the prior). `--corpus DIR`
(repeatable) adds a corpus's `questions.jsonl` and `unrelated.jsonl` (absent answers, a question
about a row or a thing the papers lack; its "general" kind is left out) for knowledge, and
`--eval FILE` (repeatable) a pipeline set's cases with their own documents, by their expected
expert; lines a cue or the fast path decides are left out (no evidence counts for them). Report
held-out groups; choose by them, not by the tune corpora.
Model-heavy: `flock /work/model.lock python3 scripts/calibrate_knowledge_routing.py [-v]
[--asked 0.8:1.2]... [--corpus DIR]... [--eval FILE]...`.
"""
from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "scripts"))

from calibrate_knowledge import NOW, corpus_database, read  # noqa: E402

from assistant.evaluation.cases import load_cases  # noqa: E402
from assistant.experts import knowledge  # noqa: E402
from assistant.experts.knowledge import RememberingEmbedder  # noqa: E402
from assistant.knowledge import MIGRATIONS, add_document  # noqa: E402
from assistant.app import default_registry  # noqa: E402
from assistant.knowledge.answer import fit  # noqa: E402
from assistant.knowledge.embedder import passage_embedder  # noqa: E402
from assistant.routing import cues, fastpath  # noqa: E402
from assistant.routing.examples import labelled_examples  # noqa: E402
from assistant.storage import open_database  # noqa: E402

CORPORA = (ROOT / "data" / "knowledge", ROOT / "data" / "knowledge_fresh")


def _fit(db, text: str, embedder) -> float:
    """The documents' fit to the words, 0 for words no paper answers (what the user did, a general how-to)."""
    return fit(db, text, embedder) if knowledge.about_papers(text) else 0.0


def _setting(text: str) -> tuple[float, float]:
    low, full = (float(part) for part in text.split(":"))
    return low, full


def _evidence(fitness: float, setting: tuple[float, float]) -> float:
    """`knowledge.evidence_of` for a question, with `setting` as ASKED_EVIDENCE."""
    low, full = setting
    return min(1.0, max(0.0, (fitness - low) / (full - low)))


Fits = list[tuple[float, str]]


def corpus_group(corpus: Path, embedder) -> tuple[Fits, Fits]:
    """A corpus's questions for knowledge (answerable and absent, not general ones) fitted to it."""
    db = corpus_database(f"{corpus.name}.db", embedder, corpus)
    lines = [q["question"] for name in ("questions.jsonl", "unrelated.jsonl") for q in read(name, corpus)
             if q.get("kind") != "general"]
    return [(_fit(db, text, embedder), text) for text in lines if knowledge.asks(text)], []


def eval_group(path: Path, registry, embedder) -> tuple[Fits, Fits]:
    """A pipeline set's questions (`knowledge.asks`) fitted to their own documents: those expected
    to reach knowledge, and the others (another expert's or declined). Cued and fast-path lines are left out."""
    ours, theirs, databases = [], [], {}
    for case in load_cases(path):
        if not case.documents or not knowledge.asks(case.text) or fastpath.match(case.text) \
                or cues.pinned_expert(registry, case.text):
            continue
        key = tuple(case.documents)
        if key not in databases:
            databases[key] = open_database(Path(tempfile.mkdtemp()) / "eval.db", MIGRATIONS)
            for document in key:
                add_document(databases[key], document, embedder, case.now or NOW)
        fitness = _fit(databases[key], case.text, embedder)
        (ours if case.expect.expert == "knowledge" else theirs).append((fitness, f"{case.id}: {case.text}"))
    return ours, theirs


def compare(groups: dict[str, tuple[Fits, Fits]], settings: list[tuple[float, float]], verbose: bool = False) -> None:
    """The table of question evidence for and against knowledge, each group by each setting; with
    `verbose`, each group's lines against knowledge with the highest fits and those for it with the lowest."""
    def cell(fits: Fits, setting) -> str:
        if not fits:
            return "-"
        found = [_evidence(f, setting) for f, _ in fits]
        return f"{statistics.mean(found):.2f} ({sum(e >= 0.5 for e in found) / len(found):.0%})"

    names = [f"{low:g}:{full:g}" for low, full in settings]
    print("\nquestion evidence, mean (share >= 0.5): for knowledge | against it")
    print("| group | for / against | " + " | ".join(names) + " |")
    print("|---|---|" + "---|" * len(names))
    for group, (ours, theirs) in groups.items():
        print(f"| {group} | for {len(ours)} | " + " | ".join(cell(ours, s) for s in settings) + " |")
        if theirs:
            print(f"| {group} | against {len(theirs)} | " + " | ".join(cell(theirs, s) for s in settings) + " |")
    for group, (ours, theirs) in groups.items() if verbose else ():
        for f, text in sorted(theirs, reverse=True)[:8] + sorted(ours)[:8]:
            print(f"{group} {'against' if (f, text) in theirs else 'for'} {f:.3f} {text}")


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("-v", action="store_true", help="the lines against knowledge with the highest fits")
    parser.add_argument("--asked", type=_setting, action="append", help="an ASKED_EVIDENCE LOW:FULL to compare")
    parser.add_argument("--corpus", type=Path, action="append", default=[], help="a corpus to report (repeatable)")
    parser.add_argument("--eval", type=Path, action="append", default=[], help="a pipeline set to report (repeatable)")
    parser.add_argument("--no-tune", action="store_true", help="only the --corpus and --eval groups (the tune fits take minutes)")
    args = parser.parse_args()
    embedder = RememberingEmbedder(passage_embedder())  # each fit embeds its passages' lines again
    registry = default_registry()
    groups = {corpus.name: corpus_group(corpus, embedder) for corpus in args.corpus}
    sets = {path.stem: eval_group(path, registry, embedder) for path in args.eval}
    if len(sets) > 1:
        sets["the pipeline sets together"] = tuple(sum((group[i] for group in sets.values()), []) for i in (0, 1))
    groups |= sets
    if args.no_tune:
        return compare(groups, args.asked or [knowledge.ASKED_EVIDENCE], args.v)
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
    tune = ([(f, t) for f, t in ours if knowledge.asks(t)], asked)
    compare({"tune: data/knowledge, knowledge_fresh x examples": tune, **groups}, args.asked or [knowledge.ASKED_EVIDENCE], args.v)


if __name__ == "__main__":
    main()
