"""Calibrate the knowledge expert's "nothing relevant" threshold (assistant/knowledge/answer.py RELEVANT).

The corpus of data/knowledge/ is added to a fresh database with the real MiniLM. Each question of
`questions.jsonl` (answer in the documents) and of `unrelated.jsonl` (general knowledge, and
personal questions the documents do not answer) is asked with no threshold; the best passage's
relevance is kept. For each threshold: precision and recall of "answered" (an answerable question
answered from the right document and page counts as a true positive), and the share of unrelated
questions told "nothing". Model-heavy: `flock /work/model.lock python3 scripts/calibrate_knowledge.py`.
"""
from __future__ import annotations

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
from assistant.knowledge.answer import RELEVANT, answer  # noqa: E402
from assistant.knowledge.embedder import passage_embedder  # noqa: E402
from assistant.storage import open_database  # noqa: E402

NOW = datetime(2026, 12, 9, 8, 0)


def read(name: str) -> list[dict]:
    return [json.loads(line) for line in (CORPUS / name).read_text().splitlines() if line.strip()]


def corpus_database(name: str, embedder):
    """A fresh database (in a temporary folder) holding the generated corpus's documents."""
    folder = Path(tempfile.mkdtemp())
    db = open_database(folder / name, MIGRATIONS)
    for path in build_corpus(folder / "corpus"):
        if path.name != "README.md":
            add_document(db, path, embedder, NOW)
    return db


def main() -> None:
    embedder = passage_embedder()
    db = corpus_database("calibrate.db", embedder)
    rows, latencies = [], []
    for case in read("questions.jsonl") + read("unrelated.jsonl"):
        started = time.perf_counter()
        found = answer(db, case["question"], embedder, NOW, threshold=float("-inf"))
        latencies.append((time.perf_counter() - started) * 1000)
        right = bool(found.sources) and (found.sources[0].document, found.sources[0].page) == \
            (case.get("document"), case.get("page"))
        rows.append({"question": case["question"], "answerable": "document" in case, "right": right,
                     "relevance": found.relevance, "reply": found.reply})
    answerable = [r for r in rows if r["answerable"]]
    print(f"answerable {len(answerable)}, unrelated {len(rows) - len(answerable)}; "
          f"right source with no threshold: {sum(r['right'] for r in answerable)}/{len(answerable)}")
    print(f"answer latency (no LLM) p50 {statistics.median(latencies):.0f} ms, max {max(latencies):.0f} ms")
    print("threshold  precision  recall  unrelated->nothing")
    for threshold in [x / 100 for x in range(25, 71, 5)] + [RELEVANT]:
        answered = [r for r in rows if r["relevance"] >= threshold]
        true = [r for r in answered if r["answerable"] and r["right"]]
        nothing = [r for r in rows if not r["answerable"] and r["relevance"] < threshold]
        mark = "  <- RELEVANT" if threshold == RELEVANT else ""
        print(f"{threshold:9.2f}  {len(true) / max(1, len(answered)):9.2f}  {len(true) / len(answerable):6.2f}  "
              f"{len(nothing) / (len(rows) - len(answerable)):6.2f}{mark}")
    if "-v" in sys.argv:
        for r in sorted(rows, key=lambda r: r["relevance"]):
            print(f"{r['relevance']:.3f} {'A' if r['answerable'] else '-'}{'+' if r['right'] else ' '} "
                  f"{r['question']} -> {r['reply'][:100]}")


if __name__ == "__main__":
    main()
