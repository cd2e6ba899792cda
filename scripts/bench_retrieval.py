"""Retrieval benchmark for your documents (issue 15), on a fresh database in a temporary folder.

1. Recall: the corpus of data/knowledge/ (PDFs generated from sources/), every question of
   data/knowledge/questions.jsonl: recall@1 and @3 (the answer's document and page among the top
   passages), for the fused ranking and for BM25 and the vectors alone; the misses are listed.
2. Latency: `--pages` (1,000) synthetic pages in one text file, searched with the real query
   embedder; p50/p95 of whole `search()` calls. The synthetic passages get random unit vectors
   (`--real-vectors` embeds them with MiniLM: same search cost, minutes of ingest).
3. Ingest: a `--ingest-pages` (200) page PDF added with the real MiniLM (extract, chunk, embed, store).
sqlite-vec is compared with numpy only if it is installed.
Model-heavy: run as `flock /work/model.lock python3 scripts/bench_retrieval.py`.
"""
from __future__ import annotations

import argparse
import importlib.util
import json
import statistics
import sys
import tempfile
import time
from datetime import datetime
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "scripts"))

from knowledge_corpus import CORPUS, build_corpus, synthetic_pages, write_pdf  # noqa: E402

from assistant.knowledge import MIGRATIONS, add_document, search  # noqa: E402
from assistant.knowledge.embedder import DIM, passage_embedder  # noqa: E402
from assistant.knowledge.search import CANDIDATES, VectorIndex, bm25_ranking  # noqa: E402
from assistant.storage import open_database  # noqa: E402

NOW = datetime(2026, 11, 25, 9, 0)


class RandomEmbedder:
    def __init__(self) -> None:
        self.rng = np.random.default_rng(1)

    def embed(self, texts: list[str]) -> np.ndarray:
        v = self.rng.standard_normal((len(texts), DIM)).astype(np.float32)
        return v / np.linalg.norm(v, axis=1, keepdims=True)


def pages_of(db, ids: list[int]) -> list[tuple[str, int]]:
    out = []
    for chunk_id in ids:
        out.append(tuple(db.execute("SELECT d.name, c.page FROM knowledge_chunks c JOIN knowledge_documents d "
                                    "ON d.id = c.document_id WHERE c.id = ?", [chunk_id]).fetchone()))
    return out


def recall(folder: Path, embedder, corpus: Path = CORPUS) -> dict:
    db = open_database(folder / f"recall_{corpus.name}.db", MIGRATIONS)
    for path in build_corpus(folder / corpus.name, corpus):
        if path.name != "README.md":
            add_document(db, path, embedder, NOW)
    questions = [json.loads(line) for line in (corpus / "questions.jsonl").read_text().splitlines()]
    index = VectorIndex()
    hits = {"fused": [0, 0], "bm25": [0, 0], "vector": [0, 0]}
    misses = []
    for q in questions:
        want = (q["document"], q["page"])
        fused = [(p.document, p.page) for p in search(db, q["question"], embedder, limit=3, index=index)]
        vector = pages_of(db, [c for c, _ in index.nearest(embedder.embed([q["question"]])[0], 3)])
        lexical = pages_of(db, bm25_ranking(db, q["question"], 3))
        for name, got in (("fused", fused), ("bm25", lexical), ("vector", vector)):
            hits[name][0] += got[:1] == [want]
            hits[name][1] += want in got
        if want not in fused:
            misses.append(f"  miss: {q['question']!r} want {want}, got {fused}")
    n = len(questions)
    return {"questions": n, **{f"{k}_recall@1": v[0] / n for k, v in hits.items()},
            **{f"{k}_recall@3": v[1] / n for k, v in hits.items()}, "misses": misses}


def latency(folder: Path, embedder, pages: int, real_vectors: bool) -> dict:
    db = open_database(folder / "latency.db", MIGRATIONS)
    big = folder / "maintenance_log.txt"
    big.write_text("\f".join("\n".join(p) for p in synthetic_pages(pages)))
    start = time.perf_counter()
    added = add_document(db, big, embedder if real_vectors else RandomEmbedder(), NOW)
    stored = time.perf_counter() - start
    queries = ["how often should I lubricate the compressor of module 17", "torque for the relay bracket",
               "what to do when the light blinks", "drain the pump before winter", "reset the thermostat sensor",
               "which part rattles", "replace the gasket after a power cut", "calibrate the nozzle each spring"]
    index = VectorIndex()
    search(db, queries[0], embedder, index=index)  # loads the matrix once, as a long-running process would
    times = []
    for _ in range(5):
        for query in queries:
            t = time.perf_counter()
            search(db, query, embedder, index=index)
            times.append((time.perf_counter() - t) * 1000)
    t = time.perf_counter()
    VectorIndex().refresh(db)
    cold_load = (time.perf_counter() - t) * 1000
    return {"pages": added.pages, "passages": added.chunks, "store_s": round(stored, 1),
            "search_p50_ms": round(statistics.median(times), 1),
            "search_p95_ms": round(sorted(times)[int(len(times) * 0.95) - 1], 1),
            "first_query_matrix_load_ms": round(cold_load, 1)}


def ingest(folder: Path, embedder, pages: int) -> dict:
    pdf = write_pdf(folder / "manual_200.pdf", synthetic_pages(pages, seed=11))
    db = open_database(folder / "ingest.db", MIGRATIONS)
    start = time.perf_counter()
    added = add_document(db, pdf, embedder, NOW)
    return {"pages": added.pages, "passages": added.chunks, "ingest_s": round(time.perf_counter() - start, 1)}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--pages", type=int, default=1000)
    parser.add_argument("--ingest-pages", type=int, default=200)
    parser.add_argument("--real-vectors", action="store_true")
    parser.add_argument("--corpus", type=Path, action="append",
                        help="question corpora (default data/knowledge; data/knowledge_fresh is the held-out one)")
    parser.add_argument("--recall-only", action="store_true", help="skip the latency and ingest measures")
    args = parser.parse_args()
    embedder = passage_embedder()
    embedder.embed(["warm up"])
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        for corpus in args.corpus or [CORPUS]:
            result = recall(folder, embedder, corpus)
            print(f"recall over {result['questions']} questions of {corpus.name} (answer's document and page):")
            for kind in ("fused", "bm25", "vector"):
                print(f"  {kind:6}  @1 {result[f'{kind}_recall@1']:.1%}   @3 {result[f'{kind}_recall@3']:.1%}")
            print("\n".join(result["misses"]) or "  no misses at 3")
        if args.recall_only:
            return
        lat = latency(folder, embedder, args.pages, args.real_vectors)
        print(f"latency over {lat['pages']} pages ({lat['passages']} passages, "
              f"{'MiniLM' if args.real_vectors else 'random'} passage vectors, candidates {CANDIDATES}): "
              f"search p50 {lat['search_p50_ms']} ms, p95 {lat['search_p95_ms']} ms "
              f"(query embedding included); reading the vectors into memory once: "
              f"{lat['first_query_matrix_load_ms']} ms")
        ing = ingest(folder, embedder, args.ingest_pages)
        print(f"ingest of a {ing['pages']}-page PDF ({ing['passages']} passages, MiniLM): {ing['ingest_s']} s")
    if importlib.util.find_spec("sqlite_vec") is None:
        print("sqlite-vec: not installed, not compared (numpy brute force is the only vector search)")


if __name__ == "__main__":
    main()
