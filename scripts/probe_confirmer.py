"""Where the confirmer's time goes, per request: the expert-ranking pass, the API-ranking passes and
the argument generation (tokens in and out), over the action lines of a set, with speculation on.

    flock /work/model.lock python scripts/probe_confirmer.py [--set data/eval/test.jsonl] [--n 40]
"""
from __future__ import annotations

import argparse
import os
import statistics
import sys
import tempfile
import time
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from assistant.app import default_registry  # noqa: E402
from assistant.config import load_settings  # noqa: E402
from assistant.evaluation.cases import load_cases  # noqa: E402
from assistant.evaluation.runner import run_case  # noqa: E402
from assistant.llm.roles import ModelRoles  # noqa: E402

ACTION_EXPERTS = {"smart_home", "timers", "lists", "reminders"}
PHASES = ("rank_continuations", "choose_continuation", "generate")


def timed(backend, phases: dict[str, list[float]], extra: dict[str, list[float]]) -> None:
    """Wrap the backend's model calls so that each call's wall time is added to `phases`."""
    for name in PHASES:
        inner = getattr(backend, name)

        def wrapper(*args, _inner=inner, _name=name, **kwargs):
            began = time.perf_counter()
            try:
                return _inner(*args, **kwargs)
            finally:
                phases[_name][-1] += (time.perf_counter() - began) * 1000
        setattr(backend, name, wrapper)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--set", type=Path, default=ROOT / "data" / "eval" / "test.jsonl")
    parser.add_argument("--n", type=int, default=40)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as home:
        os.environ["ASSISTANT_HOME"] = home
        cases = [c for c in load_cases(args.set) if c.expect.expert in ACTION_EXPERTS][: args.n]
        roles, registry = ModelRoles(load_settings()), default_registry()
        phases: dict[str, list[float]] = defaultdict(list)
        backend = roles.get("confirmer")
        timed(backend, phases, {})
        rows = []
        for case in cases:
            for name in PHASES:
                phases[name].append(0.0)
            result = run_case(case, roles, registry)
            t = result.timings_ms
            rows.append({"confirmed": t.get("confirmed", t.get("total", 0)), "route": t.get("route", 0),
                         "prompt": t.get("prompt_tokens", 0), "out": t.get("completion_tokens", 0),
                         **{name: phases[name][-1] for name in PHASES}})
    rows = rows[1:]  # the first request loads the model
    print(f"{len(rows)} action lines of {args.set.name} (the first, which loads the model, left out)")
    for key in ("confirmed", "rank_continuations", "choose_continuation", "generate", "route", "prompt", "out"):
        values = sorted(r[key] for r in rows)
        print(f"{key:<22} median {statistics.median(values):8.0f}  mean {statistics.mean(values):8.0f}  "
              f"p90 {values[int(0.9 * (len(values) - 1))]:8.0f}")
    generating = [r for r in rows if r["out"]]
    if generating:
        per_token = statistics.median(r["generate"] / r["out"] for r in generating)
        print(f"generation per output token (median over {len(generating)} lines that generated): {per_token:.0f} ms")


if __name__ == "__main__":
    main()
