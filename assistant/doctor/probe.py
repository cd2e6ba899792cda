"""The doctor's child process: everything that touches the native model library runs here.

    python -m assistant.doctor.probe info
    python -m assistant.doctor.probe decode MODEL.gguf [--threads N] [--prefix-n-ctx N]
                                           [--prompt-tokens N] [--repeats N] [--generate N]

Prints one JSON object as its last line on stdout. `scripts/bench_build.py` measures each build
option with the same decode (a longer prompt, more repeats and tokens). A library built for the wrong CPU dies here
with a signal (SIGSEGV in AMX kernels, SIGILL for missing instructions), and the parent reports it.
"""
from __future__ import annotations

import argparse
import json
import statistics
import sys
import time
from pathlib import Path

# A few dozen tokens, evaluated as one batch: a multi-token decode, the one that crashed on AMX builds.
PROMPT = ("You are a helpful home assistant. The user says: please turn on the kitchen lights, set a "
          "timer for ten minutes, and add milk and eggs to the shopping list. Reply briefly:")
GENERATE = 12  # tokens generated one at a time, greedily, never stopping early


def info() -> dict:
    from assistant.llm import native

    module = native.llama_cpp()
    return {"version": getattr(module, "__version__", "unknown"), "system_info": native.system_info(),
            "variants": [path.name for path in native.cpu_variant_files(module)]}


def decode(path: Path, threads: int, prompt_tokens: int = 0, repeats: int = 1, generate: int = GENERATE) -> dict:
    """Load the model, evaluate PROMPT (repeated up to `prompt_tokens`, if given) as one batch, time
    `repeats` more evaluations of it (median), then generate `generate` tokens greedily."""
    import numpy as np

    from assistant.llm import native

    module = native.llama_cpp()
    started = time.perf_counter()
    llama = module.Llama(model_path=str(path), n_ctx=max(512, prompt_tokens + generate + 16),
                         n_threads=threads, n_batch=512, verbose=False)
    load_s = time.perf_counter() - started
    tokens = llama.tokenize(PROMPT.encode())
    if prompt_tokens:
        tokens = (tokens * (prompt_tokens // len(tokens) + 1))[:prompt_tokens]
    llama.eval(tokens)  # the first batch also pays one-time set-up: timed again below
    rates = []
    for _ in range(max(1, repeats)):
        llama.reset()
        timed = time.perf_counter()
        llama.eval(tokens)
        rates.append(len(tokens) / (time.perf_counter() - timed))
    evaluated = time.perf_counter()
    for _ in range(generate):  # greedy, from the last position's logits (as LlamaBackend reads them)
        logits = np.ctypeslib.as_array(llama._ctx.get_logits(), shape=(llama.n_vocab(),))
        llama.eval([int(np.argmax(logits))])
    generated = time.perf_counter()
    return {"load_s": round(load_s, 2), "prompt_tokens": len(tokens),
            "prompt_tok_s": round(statistics.median(rates), 1), "generated_tokens": generate,
            "gen_tok_s": round(generate / (generated - evaluated), 1), "system_info": native.system_info()}


def prefix_stored(path: Path, n_ctx: int, threads: int) -> bool:
    """Whether the KV snapshot of the confirmer's routing prefix (what `assistant models warm`
    writes) is on disk, computed exactly as a request would look it up."""
    from assistant.app import default_registry
    from assistant.llm.llama import LlamaBackend, chatml
    from assistant.paths import prefix_cache_dir
    from assistant.routing.prompt import routing_messages

    backend = LlamaBackend(path, name=path.stem, n_ctx=n_ctx, n_threads=threads, cache_dir=prefix_cache_dir())
    system = routing_messages(default_registry(), "")[0]
    return backend.prefix_cache.stored(backend.tokenize(chatml([system], open_assistant_turn=False)))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m assistant.doctor.probe")
    parser.add_argument("what", choices=["info", "decode"])
    parser.add_argument("model", nargs="?", type=Path)
    parser.add_argument("--threads", type=int, default=2)
    parser.add_argument("--prefix-n-ctx", type=int, default=0, help="also look up the routing prefix's snapshot")
    parser.add_argument("--prompt-tokens", type=int, default=0, help="repeat the prompt up to this many tokens")
    parser.add_argument("--repeats", type=int, default=1, help="timed prompt evaluations (median)")
    parser.add_argument("--generate", type=int, default=GENERATE, help="tokens generated greedily")
    args = parser.parse_args(argv)
    try:
        if args.what == "info":
            result = info()
        else:
            result = decode(args.model, args.threads, args.prompt_tokens, args.repeats, args.generate)
            if args.prefix_n_ctx:
                result["prefix_stored"] = prefix_stored(args.model, args.prefix_n_ctx, args.threads)
    except Exception as exc:  # noqa: BLE001 - reported to the parent as data, one line
        print(json.dumps({"error": f"{type(exc).__name__}: {exc}"}))
        return 1
    print(json.dumps(result))
    return 0


if __name__ == "__main__":
    sys.exit(main())
