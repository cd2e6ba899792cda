"""llama.cpp engine settings for the confirmer, side by side in one run.

    python scripts/bench_engine.py [--reps 5] [--settings default,flash,...]

The confirmer's time goes to two kinds of model work after the cached routing prefix: evaluating a
short batch (the request's words, a draft of the arguments) and single decode steps (the rest of the
arguments). Each setting loads the confirmer model with other engine options, evaluates the routing
prefix of a real request once, and then times, from that same state every repetition, a 20-token
batch and 10 single decode steps. Prints one table (medians) and each setting's ratio to the default.
"""
from __future__ import annotations

import argparse
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from assistant.app import default_registry  # noqa: E402
from assistant.llm import native  # noqa: E402
from assistant.llm.llama import chatml  # noqa: E402
from assistant.paths import models_dir  # noqa: E402
from assistant.routing.prompt import routing_messages  # noqa: E402

REQUEST = "remind me to check the smoke alarm batteries on jan 1"
Q8_0 = 8  # ggml's type id for 8-bit quantised K/V cells
SETTINGS = {
    "default": {},
    "flash attention": {"flash_attn": True},
    "flash attention + q8_0 KV cache": {"flash_attn": True, "type_k": Q8_0, "type_v": Q8_0},
    "n_ubatch 64": {"n_ubatch": 64},
    "n_batch 64": {"n_batch": 64},
}


def measure(path: Path, options: dict, reps: int) -> tuple[float, float, int]:
    """(20-token batch ms, one decode step ms, prefix tokens), medians over `reps`."""
    llama_cpp = native.llama_cpp()
    engine = {"n_ctx": 4096, "n_threads": 2, "n_batch": 512, "verbose": False, **options}
    llm = llama_cpp.Llama(model_path=str(path), **engine)
    text = chatml(routing_messages(default_registry(), REQUEST)) + '{"api":"reminders'
    tokens = llm.tokenize(text.encode(), add_bos=False, special=True)
    head, tail = tokens[:-20], tokens[-20:]
    llm.eval(head)
    state = llm.save_state()
    batch, step = [], []
    for _ in range(reps):
        llm.load_state(state)
        began = time.perf_counter()
        llm.eval(tail)
        batch.append((time.perf_counter() - began) * 1000)
        began = time.perf_counter()
        for token in tail[:10]:
            llm.eval([token])
        step.append((time.perf_counter() - began) * 100)
    return statistics.median(batch), statistics.median(step), len(head)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--reps", type=int, default=5)
    parser.add_argument("--settings", default=",".join(SETTINGS), help="comma-separated setting names")
    args = parser.parse_args()
    path = models_dir() / "qwen2.5-coder-1.5b-instruct-q4_k_m.gguf"
    rows = {name: measure(path, SETTINGS[name], args.reps) for name in args.settings.split(",")}
    base_batch, base_step, _ = rows.get("default") or next(iter(rows.values()))
    print(f"{'setting':34s} {'prefix':>6s} {'20-token batch':>15s} {'decode step':>12s} {'batch ×':>8s} {'step ×':>7s}")
    for name, (batch, step, prefix) in rows.items():
        print(f"{name:34s} {prefix:6d} {batch:12.0f} ms {step:9.0f} ms {batch / base_batch:8.2f} {step / base_step:7.2f}")


if __name__ == "__main__":
    main()
