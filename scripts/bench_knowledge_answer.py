"""Extractive answers (assistant/knowledge/answer.py) against the chat LLM constrained to the top
passages, on data/knowledge/questions.jsonl: latency p50 and whether the reply carries the
expected answer words (`--words` file: id -> words; default: the source check only).

The LLM prompt: a short system rule ("answer only from the passages, one sentence; say
'nothing in your documents' otherwise") and the top `--passages` (2) passages with document and
page. Model-heavy: `flock /work/model.lock python3 scripts/bench_knowledge_answer.py [-n 12]`.
"""
from __future__ import annotations

import argparse
import json
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "scripts"))

from calibrate_knowledge import NOW, corpus_database, read  # noqa: E402

from assistant.config import load_settings  # noqa: E402
from assistant.knowledge import search  # noqa: E402
from assistant.knowledge.answer import answer, query_of  # noqa: E402
from assistant.knowledge.embedder import passage_embedder  # noqa: E402
from assistant.llm.backend import ChatMessage  # noqa: E402
from assistant.llm.roles import ModelRoles  # noqa: E402

RULE = ("Answer the question using only the passages from the user's documents. One short sentence. "
        "If the passages do not answer it, say: I found nothing about that in your documents.")


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("-n", type=int, default=12, help="questions to ask the LLM (it is slow)")
    parser.add_argument("--passages", type=int, default=2)
    args = parser.parse_args()
    embedder = passage_embedder()
    db = corpus_database("bench.db", embedder)
    roles = ModelRoles(load_settings())
    chat = roles.get("chat")
    chat.generate([ChatMessage("user", "hi")], temperature=0.0, max_tokens=2)  # load once, outside timing
    extractive, generated = [], []
    for case in read("questions.jsonl")[: args.n]:
        started = time.perf_counter()
        found = answer(db, case["question"], embedder, NOW)
        extractive.append((time.perf_counter() - started) * 1000)
        started = time.perf_counter()
        passages = search(db, query_of(case["question"]), embedder, limit=args.passages)
        context = "\n".join(f"[{p.document}, page {p.page}] {p.text}" for p in passages)
        messages = [ChatMessage("system", RULE), ChatMessage("user", f"Passages:\n{context}\n\nQuestion: {case['question']}")]
        out = chat.generate(messages, temperature=0.0, max_tokens=48)
        generated.append((time.perf_counter() - started) * 1000)
        print(json.dumps({"q": case["question"], "extractive": found.reply, "llm": out.text.strip(),
                          "prompt_tokens": getattr(out, "prompt_tokens", None)}))
    print(f"extractive p50 {statistics.median(extractive):.0f} ms; LLM ({args.passages} passages) "
          f"p50 {statistics.median(generated):.0f} ms, max {max(generated):.0f} ms")


if __name__ == "__main__":
    main()
