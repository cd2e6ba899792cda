"""The confirmer in-process vs on an OpenAI-compatible server, the same lines in one run.

    python scripts/bench_endpoint.py [--set FILE.jsonl] [-n 0] [--model qwen2.5-coder-0.5b]

Starts llama-cpp-python's server (`assistant.llm.serve.launch`) on loopback with the same GGUF the
in-process confirmer loads, and runs the lines through the confirmer (speculation off, so the
confirmer decides every routed line) several ways: in-process; in-process with the whole call
generated (`rank_api = false`); on the endpoint with the in-process prompt and grammar
(`template` and `grammar = true`: expert and API ranked, the arguments generated, as in-process);
on the endpoint with the experts ranked from its log-probabilities and the call generated under its
`response_format` (`grammar` off); generated only (`template = None`); and generated under the
compact grammar without the ranking (`template = None, grammar = true`).
Prints median and p95 latency, accuracy, and how many decisions (expert, API, arguments) are the
in-process ones, per mode; and whether the server reuses the prompt prefix: its prompt-eval time
(llama.cpp's own log line) for a cold and for the next request.
"""
from __future__ import annotations

import argparse
import re
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from assistant.app import default_registry  # noqa: E402
from assistant.config import RoleConfig, RoutingConfig, Settings  # noqa: E402
from assistant.evaluation.cases import load_cases  # noqa: E402
from assistant.evaluation.runner import run_case  # noqa: E402
from assistant.llm.manifest import load_manifest  # noqa: E402
from assistant.llm.roles import ModelRoles  # noqa: E402
from assistant.llm.serve import launch  # noqa: E402
from assistant.routing.prompt import routing_messages  # noqa: E402

sys.path.insert(0, str(ROOT / "scripts"))
from bench_latency import pct  # noqa: E402

PROMPT_EVAL = re.compile(r"prompt eval time =\s*([\d.]+) ms /\s*(\d+) tokens")


def run_mode(name: str, confirmer: RoleConfig, chat: RoleConfig, cases, registry, rank_api: bool = True) -> dict:
    roles = ModelRoles(Settings(roles={"confirmer": confirmer, "chat": chat},
                                routing=RoutingConfig(speculation=False, rank_api=rank_api)))
    roles.get("confirmer").generate(routing_messages(registry, "hello"), max_tokens=1)  # warm: not timed
    results = [run_case(case, roles, registry) for case in cases]
    confirmed = [r.timings_ms.get("confirmed", r.timings_ms.get("total", 0)) for r in results]
    return {"mode": name, "n": len(results), "p50": pct(confirmed, 50), "p95": pct(confirmed, 95),
            "passed": sum(r.passed for r in results), "failed": [r.id for r in results if not r.passed],
            "decisions": [decision(r) for r in results]}


def decision(result) -> tuple:
    return result.expert, result.api, sorted(result.args.items(), key=str), result.declined


def prefix_reuse(url: str, registry, log: Path) -> str:
    """The server's prompt-eval time for a cold routing prompt, then for another request that shares
    its system turn (read from llama.cpp's log lines)."""
    from assistant.llm.endpoint import EndpointBackend

    endpoint = EndpointBackend(url, timeout_s=600, grammar=True)  # the raw prompt, as in-process
    seen = len(PROMPT_EVAL.findall(log.read_text()))
    walls = []
    for text in ("turn off the hall light", "add milk to the shopping list"):
        started = time.perf_counter()
        endpoint.generate(routing_messages(registry, text), max_tokens=1)
        walls.append((time.perf_counter() - started) * 1000)
    time.sleep(0.5)
    evals = PROMPT_EVAL.findall(log.read_text())[seen:]
    if len(evals) < 2:
        return "prompt-eval times not found in the server's log"
    (cold_ms, cold_n), (warm_ms, warm_n) = evals[:2]
    return (f"server prompt eval: cold {float(cold_ms):.0f} ms for {cold_n} tokens, next request "
            f"{float(warm_ms):.0f} ms for {warm_n} tokens (wall {walls[0]:.0f} vs {walls[1]:.0f} ms)")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--set", type=Path, default=ROOT / "tests" / "data" / "dev_eval.jsonl")
    parser.add_argument("-n", type=int, default=0, help="lines (the first n the confirmer routes; 0: all)")
    parser.add_argument("--model", default="qwen2.5-coder-0.5b", help="a model of the manifest")
    args = parser.parse_args()
    path = load_manifest().model(args.model).path
    cases = [c for c in load_cases(args.set) if c.expect.expert != "system"][: args.n or None]
    registry = default_registry()
    with tempfile.TemporaryDirectory() as home, tempfile.NamedTemporaryFile("w+", suffix=".log") as log:
        import os
        os.environ["ASSISTANT_HOME"] = home
        chat = RoleConfig(model=args.model, temperature=0.8, max_tokens=80)  # in-process in every mode
        rows = [run_mode("in-process", RoleConfig(model=args.model), chat, cases, registry),
                run_mode("in-process, whole call", RoleConfig(model=args.model), chat, cases, registry, False)]
        with launch(path, log=log) as url:
            reuse = prefix_reuse(url, registry, Path(log.name))
            served = dict(backend="openai", url=url, model=args.model, timeout_s=600)
            rows.append(run_mode("endpoint, in-process decoding", RoleConfig(**served, grammar=True), chat,
                                 cases, registry))
            rows.append(run_mode("endpoint, ranked (logprobs)", RoleConfig(**served), chat, cases, registry))
            rows.append(run_mode("endpoint, generated only", RoleConfig(**served, template=None), chat,
                                 cases, registry))
            rows.append(run_mode("endpoint, compact grammar", RoleConfig(**served, template=None, grammar=True),
                                 chat, cases, registry))
    print(f"{len(cases)} lines of {args.set.name}, confirmer {args.model}, speculation off\n")
    print(f"{'mode':<32}{'n':>4}{'p50 ms':>9}{'p95 ms':>9}{'accuracy':>10}{'same decisions':>16}")
    for r in rows:
        same = sum(a == b for a, b in zip(r["decisions"], rows[0]["decisions"]))
        print(f"{r['mode']:<32}{r['n']:>4}{r['p50']:>9.0f}{r['p95']:>9.0f}{r['passed']:>7}/{r['n']}"
              f"{same:>13}/{r['n']}")
    for r in rows:
        if r["failed"]:
            print(f"failed in {r['mode']}: {', '.join(r['failed'])}")
    for r in rows[1:]:
        for case, ours, theirs in zip(cases, rows[0]["decisions"], r["decisions"]):
            if ours != theirs:
                print(f"not the in-process decision in {r['mode']}: {case.id} {case.text!r}: {theirs} "
                      f"(in-process {ours})")
    print(reuse)


if __name__ == "__main__":
    main()
