"""The fast router's proposer on action commands (smart home, timers, lists, reminders), side by side.

    flock /work/model.lock python scripts/bench_proposer.py [--offline] [--sets test,fresh,kinds6,kinds7]

For each set and proposer (today's rules; rules + the retrieval proposer), through the real pipeline
with speculation on: coverage (a proposal acted before the confirmer, or asked its question at
once), time to the first action p50/p95 (a line with no proposal acts when the confirmer finishes),
confirmed p50/p95, and lines passed; "wrong" counts covered lines whose outcome failed, "rolled
back" acted lines whose early action the confirmer undid (and its share of the acted).

Commands that wait for a spoken yes by design (unlocking, opening the garage, disarming, clearing a
list) never act early; their first action is the question asked back. "asked" counts the lines whose
proposal asked it at once, without the confirmer (`routing.ask_early`): their first action and
confirmed time are the moment the question was ready, and they are in every column's denominator.
"p95 no-ask" is the first-action p95 over the other lines only, the asked ones left out (shown so
the asked lines' share of the gain is visible). `--offline` replaces the confirmer by one that
fails, so every line is carried out by its proposal alone (no LLM, seconds): "passed" is then the
proposals' own accuracy.
"""
from __future__ import annotations

import argparse
import os
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from assistant.app import default_registry  # noqa: E402
from assistant.config import RoleConfig, RoutingConfig, Settings, load_settings  # noqa: E402
from assistant.evaluation.cases import load_cases  # noqa: E402
from assistant.evaluation.runner import CaseResult, run_case  # noqa: E402
from assistant.llm.roles import ModelRoles  # noqa: E402

ACTION_EXPERTS = {"smart_home", "timers", "lists", "reminders"}
SETS = {"test": "data/eval/test.jsonl", "fresh": "data/eval/fresh.jsonl",
        "kinds6": "data/eval/kinds6.jsonl", "kinds7": "data/eval/kinds7.jsonl",
        "kinds11": "data/eval/kinds11.jsonl", "kinds12": "data/eval/kinds12.jsonl",
        "kinds13": "data/eval/kinds13.jsonl", "kinds15": "data/eval/kinds15.jsonl"}
PROPOSERS = {"rules": RoutingConfig(), "rules+retrieval": RoutingConfig(retrieval_proposer=True)}


def pct(values: list[float], q: int) -> float:
    ordered = sorted(values)
    if not ordered:
        return float("nan")
    return ordered[min(len(ordered) - 1, max(0, round(q / 100 * len(ordered) + 0.5) - 1))]


def action_cases(path: Path):
    return [c for c in load_cases(path) if c.expect.expert in ACTION_EXPERTS]


def measure(cases, roles: ModelRoles, registry, routing: RoutingConfig, offline: bool) -> dict:
    roles.settings.routing = routing
    results: list[CaseResult] = [run_case(case, roles, registry) for case in cases]
    acted = [r for r in results if r.speculation and r.speculation["ran"]]
    asked = [r for r in results if r.speculation and r.speculation.get("asked")]  # a yes is needed: asked at once
    covered = acted + asked
    wrong = [r for r in covered if not r.passed]  # the line's outcome is wrong after all
    rolled = [r for r in acted if r.speculation["rolled_back"]]
    total = lambda r: r.timings_ms.get("total", 0)  # noqa: E731
    first = lambda r: r.timings_ms.get("first_action", total(r))  # noqa: E731
    return {"n": len(results), "acted": len(acted), "asked": len(asked), "wrong": len(wrong), "rolled": len(rolled),
            "first": [first(r) for r in results],
            "first_no_ask": [first(r) for r in results if r not in asked],
            "confirmed": [r.timings_ms.get("confirmed", total(r)) for r in results],
            "passed": sum(r.passed for r in results),
            "missed": [r.text for r in results if r not in covered],
            "wrong_lines": [(r.text, r.speculation["proposed"], r.speculation["confirmed"]) for r in wrong],
            "rolled_lines": [(r.text, r.speculation["proposed"], r.speculation["confirmed"]) for r in rolled]}


def print_row(set_name: str, proposer: str, m: dict) -> None:
    coverage = (m["acted"] + m["asked"]) / m["n"] if m["n"] else 0
    rolled = m["rolled"] / m["acted"] if m["acted"] else float("nan")
    print(f"{set_name:<8}{proposer:<17}{m['n']:>4}{coverage:>9.0%}{m['asked']:>6}{m['wrong']:>6}{m['rolled']:>5}"
          f"{rolled:>7.1%}{pct(m['first'], 50):>10.0f}{pct(m['first'], 95):>10.0f}{pct(m['first_no_ask'], 95):>12.0f}"
          f"{pct(m['confirmed'], 50):>10.0f}{pct(m['confirmed'], 95):>10.0f}{m['passed']:>6}/{m['n']:<4}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--sets", default=",".join(SETS), help="comma-separated: " + ", ".join(SETS) + " or files")
    parser.add_argument("--proposers", default=",".join(PROPOSERS))
    parser.add_argument("--offline", action="store_true", help="no confirmer: the proposals alone")
    parser.add_argument("--show", action="store_true", help="list missed lines and wrong proposals")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as home:
        os.environ["ASSISTANT_HOME"] = home
        settings = (Settings(roles={r: RoleConfig(backend="scripted") for r in ("router", "confirmer", "chat")})
                    if args.offline else load_settings())
        roles, registry = ModelRoles(settings), default_registry()
        print(f"{'set':<8}{'proposer':<17}{'n':>4}{'coverage':>9}{'asked':>6}{'wrong':>6}{'rolled back':>12}"
              f"{'first p50':>10}{'first p95':>10}{'p95 no-ask':>12}{'conf p50':>10}{'conf p95':>10}{'passed':>11}")
        for set_name in args.sets.split(","):
            cases = action_cases(ROOT / SETS.get(set_name, set_name))  # a name, or a file
            for proposer in args.proposers.split(","):
                m = measure(cases, roles, registry, PROPOSERS[proposer].model_copy(), args.offline)
                print_row(set_name, proposer, m)
                if args.show:
                    for line in m["missed"]:
                        print(f"    missed: {line}")
                    for text, proposed, confirmed in m["wrong_lines"]:
                        print(f"    wrong:  {text} | {proposed} | {confirmed}")
                    for text, proposed, confirmed in m["rolled_lines"]:
                        print(f"    rolled: {text} | {proposed} | {confirmed}")


if __name__ == "__main__":
    main()
