"""Calibrate the knowledge expert's "nothing relevant" threshold (assistant/knowledge/answer.py RELEVANT).

The corpus of data/knowledge/ is added to a fresh database with the real MiniLM. Each question of
`questions.jsonl` (answer in the documents) and of `unrelated.jsonl` (general knowledge, and
personal questions the documents do not answer) is asked with no threshold; the best passage's
relevance is kept. For each threshold: precision and recall of "answered" (an answerable question
answered from the right document and page counts as a true positive), and the share of unrelated
questions told "nothing". At `RELEVANT`: answers correct (right document and page, and the reply has
the case's `answer` words when it lists them), recall@3 of the passages the answer read, "nothing"
for absent answers, latency; an answer withheld because the question names a thing no document has
(answer.MATCHED, `--matched` to try another) counts as "nothing". `--corpus data/knowledge_fresh` reads the held-out set (report only:
calibrate on data/knowledge, the tune split).
Model-heavy: `flock /work/model.lock python3 scripts/calibrate_knowledge.py [--corpus DIR] [-v]`.
"""
from __future__ import annotations

import argparse
import json
import statistics
import sys
import tempfile
import time
from datetime import datetime
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "scripts"))

from knowledge_corpus import CORPUS, build_corpus  # noqa: E402

from assistant.knowledge import MIGRATIONS, add_document  # noqa: E402
from assistant.knowledge.answer import MATCHED, RELEVANT, answer  # noqa: E402
from assistant.knowledge.embedder import passage_embedder  # noqa: E402
from assistant.storage import open_database  # noqa: E402

NOW = datetime(2026, 12, 9, 8, 0)


def read(name: str, corpus: Path = CORPUS) -> list[dict]:
    return [json.loads(line) for line in (corpus / name).read_text().splitlines() if line.strip()]


def corpus_database(name: str, embedder, corpus: Path = CORPUS):
    """A fresh database (in a temporary folder) holding the generated corpus's documents."""
    folder = Path(tempfile.mkdtemp())
    db = open_database(folder / name, MIGRATIONS)
    for path in build_corpus(folder / "corpus", corpus):
        if path.name != "README.md":
            add_document(db, path, embedder, NOW)
    return db


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--corpus", type=Path, default=CORPUS)
    parser.add_argument("--matched", type=float, default=MATCHED, help="answer.MATCHED to try")
    parser.add_argument("-v", action="store_true", help="every question with its relevance and reply")
    args = parser.parse_args()
    embedder = passage_embedder()
    started = time.perf_counter()
    db = corpus_database("calibrate.db", embedder, args.corpus)
    print(f"corpus {args.corpus.name} added in {time.perf_counter() - started:.1f} s")
    rows, latencies = [], []
    for case in read("questions.jsonl", args.corpus) + read("unrelated.jsonl", args.corpus):
        started = time.perf_counter()
        found = answer(db, case["question"], embedder, NOW, threshold=float("-inf"), matched=args.matched)
        latencies.append((time.perf_counter() - started) * 1000)
        want = (case.get("document"), case.get("page"))
        right = bool(found.sources) and (found.sources[0].document, found.sources[0].page) == want
        words = all(w.lower() in found.reply.lower() for w in case.get("answer", []))
        rows.append({"question": case["question"], "answerable": "document" in case, "right": right,
                     "correct": right and words, "at3": want in [(p.document, p.page) for p in found.passages],
                     "relevance": found.relevance,
                     "kept": found.found,  # not "nothing" for a thing the question names that no document has
                     "reply": found.reply})
    answerable = [r for r in rows if r["answerable"]]
    absent = [r for r in rows if not r["answerable"]]
    print(f"answerable {len(answerable)}, unrelated {len(absent)}; "
          f"right source with no threshold: {sum(r['right'] for r in answerable)}/{len(answerable)}")
    print(f"answer latency (no LLM) p50 {statistics.median(latencies):.0f} ms, max {max(latencies):.0f} ms")
    print("threshold  precision  recall  unrelated->nothing")
    for threshold in [x / 100 for x in range(50, 111, 5)] + [RELEVANT]:
        answered = [r for r in rows if r["relevance"] >= threshold and r["kept"]]
        true = [r for r in answered if r["answerable"] and r["right"]]
        nothing = [r for r in absent if r not in answered]
        mark = "  <- RELEVANT" if threshold == RELEVANT else ""
        print(f"{threshold:9.2f}  {len(true) / max(1, len(answered)):9.2f}  {len(true) / len(answerable):6.2f}  "
              f"{len(nothing) / len(absent):6.2f}{mark}")
    answered = [r for r in rows if r["relevance"] >= RELEVANT and r["kept"]]
    correct = [r for r in answerable if r["correct"] and r in answered]
    nothing = [r for r in absent if r not in answered]
    print(f"at RELEVANT {RELEVANT}, MATCHED {args.matched}: answers correct {len(correct)}/{len(answerable)} "
          f"({len(correct) / len(answerable):.0%}); passages recall@3 "
          f"{sum(r['at3'] for r in answerable) / len(answerable):.0%}; absent -> nothing "
          f"{len(nothing)}/{len(absent)} ({len(nothing) / len(absent):.0%})")
    if args.v:
        for r in sorted(rows, key=lambda r: r["relevance"]):
            mark = ("+" if r["correct"] else "~" if r["right"] else " ") if r["answerable"] else " "
            print(f"{r['relevance']:.3f} {'A' if r['answerable'] else '-'}{mark} "
                  f"{r['question']} -> {r['reply'][:110]}")


if __name__ == "__main__":
    main()
