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
calibrate on data/knowledge, the tune split). `--corpus` and `--synonym` repeat: each corpus is
added once and asked with each vocabulary.SYNONYM setting ("off", "0.8", "0.8m": mutual), the
questions whose outcome a setting changes against the first one listed.
Model-heavy: `flock /work/model.lock python3 scripts/calibrate_knowledge.py [--corpus DIR]... [--synonym S]... [-v]`.
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

from assistant.experts.knowledge import RememberingEmbedder  # noqa: E402
from assistant.knowledge import MIGRATIONS, add_document, vocabulary  # noqa: E402
from assistant.knowledge.answer import MATCHED, RELEVANT, answer  # noqa: E402
from assistant.knowledge.embedder import passage_embedder  # noqa: E402
from assistant.storage import open_database  # noqa: E402

NOW = datetime(2026, 12, 9, 8, 0)
QUESTIONS = ["questions.jsonl", "unrelated.jsonl"]  # a case with a `document` is answerable; the others are absent


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


def _synonym(text: str) -> tuple[float | None, bool]:
    """A `--synonym` setting: "off", a threshold ("0.8"), or a threshold that must be mutual ("0.8m")."""
    if text == "off":
        return None, False
    return float(text.removesuffix("m")), text.endswith("m")


def ask_all(db, embedder, corpus: Path, matched: float, files: list[str]) -> tuple[list[dict], list[float]]:
    """Each question of the corpus's `files` asked with no threshold: its relevance, source and reply."""
    rows, latencies = [], []
    for case in (case for name in files for case in read(name, corpus)):
        started = time.perf_counter()
        found = answer(db, case["question"], embedder, NOW, threshold=float("-inf"), matched=matched)
        latencies.append((time.perf_counter() - started) * 1000)
        want = (case.get("document"), case.get("page"))
        right = bool(found.sources) and (found.sources[0].document, found.sources[0].page) == want
        words = all(w.lower() in found.reply.lower() for w in case.get("answer", []))
        rows.append({"question": case["question"], "answerable": "document" in case, "right": right,
                     "correct": right and words, "at3": want in [(p.document, p.page) for p in found.passages],
                     "relevance": found.relevance,
                     "kept": found.found,  # not "nothing" for a thing the question names that no document has
                     "reply": found.reply})
    return rows, latencies


def outcome(rows: list[dict]) -> dict[str, bool]:
    """Each question's outcome at RELEVANT: answered correctly, or (absent) told "nothing"."""
    answered = lambda r: r["relevance"] >= RELEVANT and r["kept"]  # noqa: E731
    return {r["question"]: (r["correct"] and answered(r)) if r["answerable"] else not answered(r) for r in rows}


def summary(rows: list[dict], matched: float) -> str:
    answerable = [r for r in rows if r["answerable"]]
    absent = [r for r in rows if not r["answerable"]]
    good = outcome(rows)
    correct, nothing = sum(good[r["question"]] for r in answerable), sum(good[r["question"]] for r in absent)
    return (f"at RELEVANT {RELEVANT}, MATCHED {matched}: answers correct {correct}/{len(answerable)} "
            f"({correct / len(answerable):.0%}); passages recall@3 "
            f"{sum(r['at3'] for r in answerable) / len(answerable):.0%}; absent -> nothing "
            f"{nothing}/{len(absent)} ({nothing / len(absent):.0%})")


def thresholds(rows: list[dict]) -> None:
    answerable = [r for r in rows if r["answerable"]]
    absent = [r for r in rows if not r["answerable"]]
    print(f"answerable {len(answerable)}, unrelated {len(absent)}; "
          f"right source with no threshold: {sum(r['right'] for r in answerable)}/{len(answerable)}")
    print("threshold  precision  recall  unrelated->nothing")
    for threshold in [x / 100 for x in range(50, 111, 5)] + [RELEVANT]:
        answered = [r for r in rows if r["relevance"] >= threshold and r["kept"]]
        true = [r for r in answered if r["answerable"] and r["right"]]
        nothing = [r for r in absent if r not in answered]
        mark = "  <- RELEVANT" if threshold == RELEVANT else ""
        print(f"{threshold:9.2f}  {len(true) / max(1, len(answered)):9.2f}  {len(true) / len(answerable):6.2f}  "
              f"{len(nothing) / len(absent):6.2f}{mark}")


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--corpus", type=Path, action="append", help="a corpus folder (repeatable; default data/knowledge)")
    parser.add_argument("--matched", type=float, default=MATCHED, help="answer.MATCHED to try")
    parser.add_argument("--synonym", action="append",
                        help="vocabulary.SYNONYM to try (repeatable): off, a threshold, or a threshold+m (mutual)")
    parser.add_argument("--questions", action="append",
                        help="the corpus's question files to ask (repeatable; default questions.jsonl, unrelated.jsonl)")
    parser.add_argument("-v", action="store_true", help="every question with its relevance and reply")
    args = parser.parse_args()
    settings = args.synonym or [f"{vocabulary.SYNONYM}{'m' if vocabulary.MUTUAL else ''}"
                                if vocabulary.SYNONYM is not None else "off"]
    embedder = RememberingEmbedder(passage_embedder())  # the settings ask the same questions again
    for corpus in args.corpus or [CORPUS]:
        started = time.perf_counter()
        db = corpus_database("calibrate.db", embedder, corpus)
        print(f"corpus {corpus.name} added in {time.perf_counter() - started:.1f} s")
        first = None
        for setting in settings:
            vocabulary.SYNONYM, vocabulary.MUTUAL = _synonym(setting)
            rows, latencies = ask_all(db, embedder, corpus, args.matched, args.questions or QUESTIONS)
            if len(settings) == 1:
                thresholds(rows)
                print(f"answer latency (no LLM) p50 {statistics.median(latencies):.0f} ms, max {max(latencies):.0f} ms")
            print(f"{corpus.name} synonym {setting}: {summary(rows, args.matched)}")
            if first is None:
                first = rows
            else:  # the questions whose outcome the setting changed, against the first setting
                was, now = outcome(first), outcome(rows)
                replies = {r["question"]: r["reply"] for r in rows}
                for question in (q for q in now if now[q] != was[q]):
                    print(f"    {'gained' if now[question] else 'lost'}: {question} -> {replies[question][:100]}")
            if args.v:
                for r in sorted(rows, key=lambda r: r["relevance"]):
                    mark = ("+" if r["correct"] else "~" if r["right"] else " ") if r["answerable"] else " "
                    print(f"{r['relevance']:.3f} {'A' if r['answerable'] else '-'}{mark} "
                          f"{r['question']} -> {r['reply'][:110]}")


if __name__ == "__main__":
    main()
