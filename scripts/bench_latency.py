"""Latency benchmark: the same utterances through each routing mode, side by side, in one run.

    python scripts/bench_latency.py [--set FILE.jsonl] [--cold-n 4] [--plot bench_latency.png]

Modes: cold (confirmer only, whole prompt evaluated every time), warm (confirmer only, stable prefix
cached), warm with the routed request's device slice (full ids vs minified to aliases), speculation (classifier + rules act at once, confirmer confirms), skip-rule (speculation,
confirmer skipped when the classifier is confident), speculation with prompt-lookup decoding, the rules'
state questions confirmed or not, the fixed-command fast path on/off, and how
the confirmer decodes: the proposal as the draft of its arguments or not, the whole call generated, the API ranked too with only the arguments
generated (rank_api), prompt-lookup decoding (lookup), and the two together; the confirmer's ranking
passes for what independent evidence settles skipped or not (settle-off / settle-expert / settle-both,
routing/settled.py), with a table of the passes' own times; and the backend's decoding switches: the
grammar over the whole vocabulary at every step (full-vocab grammar), a draft dropped for good once
the output leaves it (draft not realigned), and the three as session 17 had them (session 17 decoding);
the proposal's draft decoded as far as the model agrees (drafts decoded) or taken whole when it falls
short of the model's own choices by at most 2 or 4 (log-probability, drafts within N); the proposal's
API and the call's opening evaluated in one batch with the request's new tokens (call opened in one
batch) or in separate passes (request and API ranking, then the call's opening: the default).
Several requests in one utterance ("turn on the desk lamp and set a timer"), parts one after another
(sequential) vs every part's safe proposal acting before any confirmer (parallel): the time to the
first action, to all actions (the last part's action in place) and to all parts confirmed.
`--modes` runs only the named modes (substrings); `--save`/`--merge` split a long run into parts
(each part a separate process, e.g. under a lock held per part) and print them as one table;
`--lines FILE.jsonl` appends every line's result as it comes (mode, id, expert, call, timings,
speculation), for offline analysis of the tail; `--slice 0:130` runs only those lines of the set; `--paired` runs the modes line by line in turn.
Prints one table (medians and p95s, tokens, speculation hits, rollbacks, accuracy; "begins" is when
the user first has something: a chat reply's first sentence, else the confirmed reply) and the ratios
between modes, and writes a PNG of the latency distributions.
"""
from __future__ import annotations

import argparse
import json
import statistics
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from assistant.app import default_registry  # noqa: E402
from assistant.config import RoutingConfig, load_settings  # noqa: E402
from assistant.evaluation.cases import load_cases  # noqa: E402
from assistant.evaluation.runner import CaseResult, run_case  # noqa: E402
from assistant.llm.roles import ModelRoles  # noqa: E402

FIXED_COMMANDS = ["stop", "never mind", "what time is it", "cancel", "what's the date today",
                  "be quiet", "help", "what day is it"]
ACTION_EXPERTS = {"smart_home", "timers", "lists"}
# several requests in one utterance, on the dev home: (text, the experts of its parts)
SEVERAL = [
    ("turn on the desk lamp and set a timer for 5 minutes", ["smart_home", "timers"]),
    ("turn off the hallway light, close the living room blinds and turn on the coffee maker",
     ["smart_home", "smart_home", "smart_home"]),
    ("add eggs and milk to the shopping list and turn on the kitchen lights", ["lists", "smart_home"]),
    ("lock the front door then turn off the living room lamp", ["smart_home", "smart_home"]),
    ("set the thermostat to 21 and start a timer for 20 minutes", ["smart_home", "timers"]),
    ("turn on the ceiling fan and remind me to take the bins out at 8", ["smart_home", "reminders"]),
    ("close the garage door and turn off the reading light", ["smart_home", "smart_home"]),
    ("turn on the office heater, turn on the desk lamp and set a timer for 30 minutes",
     ["smart_home", "smart_home", "timers"]),
]


def pct(values: list[float], q: int) -> float:
    if not values:
        return float("nan")
    if len(values) == 1:
        return values[0]
    return statistics.quantiles(values, n=100, method="inclusive")[q - 1]


# the confirmer's benchmark switches (assistant/llm/llama.py) a mode may turn: cold evaluates the
# whole prompt every time; full-vocab grammar runs the grammar over every token at every step; a
# draft not realigned is dropped once the output leaves it; session 17 decoding also caches the
# system turn without the opening of the user's turn
COLD = {"always_cold": True}
FULL_VOCAB_GRAMMAR = {"fast_grammar": False}
DRAFT_NOT_REALIGNED = {"realign_draft": False}
SESSION_17_DECODING = {**FULL_VOCAB_GRAMMAR, **DRAFT_NOT_REALIGNED, "cache_user_turn": False}
ONE_BATCH = {"one_batch": True}
DEFAULT_SWITCHES = {"always_cold": False, "fast_grammar": True, "realign_draft": True, "cache_user_turn": True,
                    "one_batch": False}


def switched(roles: ModelRoles, switches: dict) -> None:
    """The in-process confirmer with these switches on, the others at their defaults."""
    confirmer = roles.get("confirmer")
    for key, default in DEFAULT_SWITCHES.items():
        if hasattr(confirmer, key):
            setattr(confirmer, key, switches.get(key, default))


def run_mode(name: str, cases, roles: ModelRoles, registry, routing: RoutingConfig,
             switches: dict | None = None, lines: Path | None = None) -> dict:
    roles.settings.routing = routing
    switched(roles, switches or {})
    results: list[CaseResult] = []
    for case in cases:
        results.append(run_case(case, roles, registry))
        if lines is not None:
            with lines.open("a") as out:
                out.write(json.dumps(per_line(name, case, results[-1]), default=str) + "\n")
    switched(roles, {})
    return summarise(name, cases, results)


def run_paired(modes: list, roles: ModelRoles, registry, lines: Path | None = None) -> list[dict]:
    """Every mode on the same lines, line by line: each line through every mode in turn (the order
    reversed on every other line), so the modes meet the same load on a shared machine."""
    cases = modes[0][1]
    if any(chosen is not cases or switches.get("always_cold") for _, chosen, _, switches in modes):
        raise SystemExit("--paired: only modes on the set's own lines, warm")
    results: dict[str, list[CaseResult]] = {name: [] for name, *_ in modes}
    for index, case in enumerate(cases):
        before = held_tokens(roles)
        for name, _, routing, switches in (modes if index % 2 == 0 else modes[::-1]):
            forget_since(roles, before)  # no mode finds this line's prompt already evaluated
            roles.settings.routing = routing
            switched(roles, switches)
            results[name].append(run_case(case, roles, registry))
            if lines is not None:
                with lines.open("a") as out:
                    out.write(json.dumps(per_line(name, case, results[name][-1]), default=str) + "\n")
    switched(roles, {})
    return [summarise(name, cases, results[name]) for name, *_ in modes]


def held_tokens(roles: ModelRoles) -> dict[int, list[int]]:
    """The tokens each loaded in-process model holds in its context (by backend)."""
    backends = {id(b): b for b in roles._by_key.values() if hasattr(b, "llama")}
    return {key: list(b.llama.input_ids[: b.llama.n_tokens]) for key, b in backends.items()}


def forget_since(roles: ModelRoles, before: dict[int, list[int]]) -> None:
    """Keep of each model's context only what it shared with `before` (the previous line's
    prompts), as if the line had not been run yet: a paired mode would otherwise reuse the request
    tokens the other mode just evaluated (about a third of a line's time)."""
    for backend in roles._by_key.values():
        if id(backend) in before and hasattr(backend, "llama"):
            held, old = backend.llama.input_ids[: backend.llama.n_tokens], before[id(backend)]
            same = next((i for i, (x, y) in enumerate(zip(held, old)) if x != y), min(len(held), len(old)))
            backend.llama.n_tokens = min(backend.llama.n_tokens, same)


def per_line(mode: str, case, result: CaseResult) -> dict:
    """One line's result, for offline analysis (--lines)."""
    return {"mode": mode, "id": result.id, "expected": case.expect.expert, "expert": result.expert,
            "api": result.api, "passed": result.passed, "timings": result.timings_ms,
            "speculation": result.speculation}


def summarise(name: str, cases, results: list[CaseResult]) -> dict:
    first = [r.timings_ms.get("first_action", r.timings_ms.get("total", 0)) for r in results]
    every = [r.timings_ms.get("all_actions", r.timings_ms.get("first_action", r.timings_ms.get("total", 0)))
             for r in results]
    confirmed = [r.timings_ms.get("confirmed", r.timings_ms.get("total", 0)) for r in results]
    # when the user has something: a chat reply's first sentence, else the confirmed reply
    begins = [r.timings_ms.get("reply_begins", c) for r, c in zip(results, confirmed)]
    actions = [r.timings_ms.get("first_action", r.timings_ms.get("total", 0)) for r, c in zip(results, cases)
               if c.expect.expert in ACTION_EXPERTS]
    specs = [r.speculation for r in results if r.speculation]
    ran = [s for s in specs if s["ran"]]
    return {
        "mode": name, "n": len(results), "first": first, "confirmed": confirmed, "begins": begins,
        "actions_first": actions,
        "all_actions": every,
        "prompt_tokens": statistics.mean(r.timings_ms.get("prompt_tokens", 0) for r in results),
        "output_tokens": statistics.mean(r.timings_ms.get("completion_tokens", 0) for r in results),
        "drafted_tokens": statistics.mean(r.timings_ms.get("drafted_tokens", 0) for r in results),
        "spec_ran": len(ran), "spec_hits": sum(1 for s in ran if s["agreed"]),
        "rollbacks": sum(1 for s in ran if s["rolled_back"]),
        "unsafe": sum(1 for s in ran if s["proposed"]["api"].endswith(("unlock",))),
        "passed": sum(r.passed for r in results),
        "rank_expert": [r.timings_ms.get("rank_expert", 0.0) for r in results if "rank_expert" in r.timings_ms],
        "rank_api": [r.timings_ms.get("rank_api", 0.0) for r in results if "rank_api" in r.timings_ms],
        "route": [r.timings_ms.get("route", 0.0) for r in results if "route" in r.timings_ms],
        "failed": [r.id for r in results if not r.passed],
    }


def merge_rows(rows: list[dict]) -> list[dict]:
    """Rows of one mode from several parts (different lines) as one row, in first-seen order."""
    merged: dict[str, dict] = {}
    for row in rows:
        into = merged.setdefault(row["mode"], {**row, "first": [], "confirmed": [], "begins": [], "actions_first": [],
                                               "all_actions": [], "rank_expert": [], "rank_api": [], "route": [],
                                               "n": 0,
                                               "prompt_tokens": 0.0, "output_tokens": 0.0, "drafted_tokens": 0.0, "spec_ran": 0,
                                               "spec_hits": 0, "rollbacks": 0, "unsafe": 0, "passed": 0,
                                               "failed": []})
        for key in ("first", "confirmed", "begins", "actions_first", "all_actions", "rank_expert", "rank_api", "route"):
            into[key] += row.get(key, [])
        for key in ("prompt_tokens", "output_tokens", "drafted_tokens"):  # means, weighted by lines
            into[key] = (into[key] * into["n"] + row.get(key, 0) * row["n"]) / (into["n"] + row["n"])
        for key in ("n", "spec_ran", "spec_hits", "rollbacks", "unsafe", "passed"):
            into[key] += row[key]
        into["failed"] += row.get("failed", [])
    return list(merged.values())


def fixed_command_cases(template):
    return [template.model_copy(update={"id": f"fixed-{i}", "text": text,
                                        "expect": template.expect.model_copy(update={"expert": "system", "devices": None})})
            for i, text in enumerate(FIXED_COMMANDS)]


def several_cases(template):
    home = ROOT / "tests" / "data" / "dev_home.yaml"
    return [template.model_copy(update={"id": f"several-{i}", "text": text, "home": home,
                                        "expect": template.expect.model_copy(update={
                                            "expert": parts[0], "devices": None, "parts": parts})})
            for i, (text, parts) in enumerate(SEVERAL)]


def print_several(rows: list[dict]) -> None:
    """Several requests in one utterance: first action, all actions, all confirmed (ms)."""
    rows = [r for r in rows if r["mode"].startswith("several")]
    if not rows:
        return
    print(f"\n{'several requests':<22}{'n':>4}{'first p50':>11}{'all p50':>9}{'all p95':>9}"
          f"{'conf p50':>10}{'conf p95':>10}{'accuracy':>10}")
    for r in rows:
        print(f"{r['mode']:<22}{r['n']:>4}{pct(r['first'], 50):>11.0f}{pct(r['all_actions'], 50):>9.0f}"
              f"{pct(r['all_actions'], 95):>9.0f}{pct(r['confirmed'], 50):>10.0f}{pct(r['confirmed'], 95):>10.0f}"
              f"{r['passed']:>6}/{r['n']:<3}")


def print_table(rows: list[dict]) -> None:
    header = (f"{'mode':<22}{'n':>4}{'first p50':>11}{'first p95':>11}{'conf p50':>10}{'conf p95':>10}"
              f"{'begins p50':>11}{'begins p95':>11}"
              f"{'act p50':>9}{'act p95':>9}{'prompt tok':>11}{'out tok':>8}{'drafted':>8}{'spec hit':>10}{'rollbk':>7}{'accuracy':>10}")
    print(header)
    print("-" * len(header))
    for r in rows:
        hit = f"{r['spec_hits']}/{r['spec_ran']}" if r["spec_ran"] else "-"
        print(f"{r['mode']:<22}{r['n']:>4}{pct(r['first'], 50):>11.0f}{pct(r['first'], 95):>11.0f}"
              f"{pct(r['confirmed'], 50):>10.0f}{pct(r['confirmed'], 95):>10.0f}"
              f"{pct(r.get('begins', r['confirmed']), 50):>11.0f}{pct(r.get('begins', r['confirmed']), 95):>11.0f}"
              f"{pct(r['actions_first'], 50):>9.0f}{pct(r['actions_first'], 95):>9.0f}"
              f"{r['prompt_tokens']:>11.0f}{r['output_tokens']:>8.1f}{r.get('drafted_tokens', 0):>8.1f}{hit:>10}{r['rollbacks']:>7}"
              f"{r['passed']:>6}/{r['n']:<3}")


def print_passes(rows: list[dict]) -> None:
    """Where the confirmer's time went, over the lines it ran on: the ranking passes and generation (ms)."""
    rows = [r for r in rows if r.get("rank_expert")]
    if not rows:
        return
    print(f"\n{'confirmer passes':<26}{'lines':>6}{'rank expert p50':>17}{'mean':>7}{'rank api p50':>14}{'mean':>7}"
          f"{'generate p50':>14}{'mean':>7}")
    for r in rows:
        cells = "".join(f"{pct(r[k], 50):>{w}.0f}{statistics.mean(r[k]):>7.0f}"
                        for k, w in (("rank_expert", 17), ("rank_api", 14), ("route", 14)))
        print(f"{r['mode']:<26}{len(r['rank_expert']):>6}{cells}")


def plot(rows: list[dict], path: Path) -> None:
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    fig, axes = plt.subplots(1, 2, figsize=(12, 4.5), sharey=True)
    for ax, key, title in ((axes[0], "first", "text → first action (ms)"), (axes[1], "confirmed", "text → confirmed result (ms)")):
        ax.boxplot([[max(v, 0.1) for v in r[key]] for r in rows], orientation="horizontal", showfliers=True)
        ax.set_yticks(range(1, len(rows) + 1), [r["mode"] for r in rows])
        ax.set_xscale("log")
        ax.set_title(title)
        ax.grid(True, axis="x", alpha=0.3)
    fig.tight_layout()
    fig.savefig(path, dpi=110)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--set", type=Path, default=ROOT / "tests" / "data" / "dev_eval.jsonl")
    parser.add_argument("--cold-n", type=int, default=4, help="lines for the (slow) cold mode")
    parser.add_argument("--plot", type=Path, default=ROOT / "docs" / "bench_latency.png")
    parser.add_argument("--modes", default="", help="comma-separated substrings of the modes to run")
    parser.add_argument("--lookahead", type=int, default=3, help="draft tokens for the lookup modes")
    parser.add_argument("--save", type=Path, help="write this part's rows to a JSON file")
    parser.add_argument("--lines", type=Path, help="append every line's result to this JSON-lines file")
    parser.add_argument("--paired", action="store_true",
                        help="run the modes line by line in turn (each line through every mode, the order "
                             "alternating), so a load that comes and goes on the machine hits them alike")
    parser.add_argument("--slice", default=":", help="START:END, the lines of the set to run")
    parser.add_argument("--merge", type=Path, nargs="*", help="print saved parts as one table (runs nothing)")
    args = parser.parse_args()
    if args.merge:
        return report(merge_rows([row for part in args.merge for row in json.loads(part.read_text())]), args.plot)
    with tempfile.TemporaryDirectory() as home:
        import os
        os.environ["ASSISTANT_HOME"] = home
        start, _, end = args.slice.partition(":")
        cases = load_cases(args.set)[int(start) if start else None:int(end) if end else None]
        routed = [c for c in cases if c.expect.expert not in ("system",)]
        roles, registry = ModelRoles(load_settings()), default_registry()
        off = RoutingConfig(speculation=False)
        plain = dict(speculation=False, rank_api=False, prompt_lookup=0)
        look = args.lookahead
        modes = [
            ("cold (confirmer only)", routed[: args.cold_n], off, COLD),
            ("warm same lines", routed[: args.cold_n], off, {}),
            ("warm (confirmer only)", cases, off, {}),
            ("+ devices, full ids", cases, RoutingConfig(speculation=False, expert_context=True, minify_ids=False), {}),
            ("+ devices, minified", cases, RoutingConfig(speculation=False, expert_context=True), {}),
            ("+ speculation, no draft", cases, RoutingConfig(draft_proposal=False), {}),
            ("+ speculation", cases, RoutingConfig(), {}),
            ("+ speculation, settled proposals confirmed", cases, RoutingConfig(trust_settled=False), {}),
            ("+ speculation, drafts decoded", cases, RoutingConfig(accept_draft_within=None), {}),
            ("+ speculation, drafts within 2", cases, RoutingConfig(accept_draft_within=2.0), {}),
            ("+ speculation, drafts within 4", cases, RoutingConfig(accept_draft_within=4.0), {}),
            ("+ speculation, full-vocab grammar", cases, RoutingConfig(), FULL_VOCAB_GRAMMAR),
            ("+ speculation, draft not realigned", cases, RoutingConfig(), DRAFT_NOT_REALIGNED),
            ("+ speculation, call opened in one batch", cases, RoutingConfig(), ONE_BATCH),
            ("+ speculation, session 17 decoding", cases, RoutingConfig(), SESSION_17_DECODING),
            ("+ speculation + lookup", cases, RoutingConfig(prompt_lookup=look), {}),
            ("+ spec, queries confirmed", cases, RoutingConfig(answer_without_confirmer=()), {}),
            ("+ skip rule", cases, RoutingConfig(skip_confirmer=True), {}),
            ("settle-off (ranked)", cases, RoutingConfig(settle_expert=False, settle_api=False,
                                                          settle_unproposed=False), {}),
            ("settle-expert", cases, RoutingConfig(settle_expert=True, settle_api=False, settle_unproposed=False), {}),
            ("settle-both", cases, RoutingConfig(settle_expert=True, settle_api=True, settle_unproposed=False), {}),
            ("settle-all (+ unproposed)", cases, RoutingConfig(settle_expert=True, settle_api=True,
                                                               settle_unproposed=True), {}),
            ("whole call generated", cases, RoutingConfig(**plain), {}),
            ("rank_api, args only", cases, RoutingConfig(**{**plain, "rank_api": True}), {}),
            ("whole call + lookup", cases, RoutingConfig(**{**plain, "prompt_lookup": look}), {}),
            ("rank_api + lookup", cases, RoutingConfig(**{**plain, "rank_api": True, "prompt_lookup": look}), {}),
            ("fixed cmds, fast path", fixed_command_cases(cases[0]), off, {}),
            ("fixed cmds, no fast path", fixed_command_cases(cases[0]), RoutingConfig(fast_path=False, speculation=False), {}),
            ("several, sequential", several_cases(cases[0]), RoutingConfig(parallel_parts=False), {}),
            ("several, parallel", several_cases(cases[0]), RoutingConfig(parallel_parts=True), {}),
        ]
        wanted = [w.strip() for w in args.modes.split(",") if w.strip()]
        names = {m[0] for m in modes}  # a mode's whole name picks it alone, other words every mode holding them
        chosen_modes = [m for m in modes if not wanted or any(w == m[0] or (w not in names and w in m[0])
                                                              for w in wanted)]
        if args.paired:
            rows = run_paired(chosen_modes, roles, registry, args.lines)
        else:
            rows = [run_mode(name, chosen, roles, registry, routing, switches, lines=args.lines)
                    for name, chosen, routing, switches in chosen_modes]
    if args.save:
        args.save.write_text(json.dumps(rows))
    report(rows, args.plot)


def report(rows: list[dict], plot_path: Path) -> None:
    print_table(rows)
    print_several(rows)
    print_passes(rows)
    for r in rows:
        if r.get("failed"):
            print(f"failed in {r['mode']}: {', '.join(r['failed'])}")
    by = {r["mode"]: r for r in rows}
    ratio = lambda a, b, k: pct(by[a][k], 50) / max(pct(by[b][k], 50), 0.01)  # noqa: E731
    tokens = lambda mode: by[mode]["prompt_tokens"] + by[mode]["output_tokens"]  # noqa: E731
    comparisons = [
        ("warm prefix vs cold (same lines), confirmed p50", "cold (confirmer only)", "warm same lines", "confirmed"),
        ("speculation vs confirmer only, first action p50", "warm (confirmer only)", "+ speculation", "first"),
        ("grammar asked about the first choice vs the whole vocabulary, confirmed p50",
         "+ speculation, full-vocab grammar", "+ speculation", "confirmed"),
        ("draft picked up again after the output leaves it vs dropped, confirmed p50",
         "+ speculation, draft not realigned", "+ speculation", "confirmed"),
        ("this decoding vs session 17's (grammar, draft, user turn cached), confirmed p50",
         "+ speculation, session 17 decoding", "+ speculation", "confirmed"),
        ("speculation vs confirmer only, action commands first action p50", "warm (confirmer only)", "+ speculation", "actions_first"),
        ("minified vs full ids (device context), confirmed p50", "+ devices, full ids", "+ devices, minified", "confirmed"),
        ("proposal as draft vs none (speculation), confirmed p50", "+ speculation, no draft", "+ speculation", "confirmed"),
        ("lookup vs plain decoding (speculation), confirmed p50", "+ speculation", "+ speculation + lookup", "confirmed"),
        ("rules' answers to state questions vs confirmer, confirmed p50", "+ spec, queries confirmed", "+ speculation",
         "confirmed"),
        ("settled expert vs ranked (speculation), confirmed p50", "settle-off (ranked)", "settle-expert", "confirmed"),
        ("settled expert + API vs ranked (speculation), confirmed p50", "settle-off (ranked)", "settle-both", "confirmed"),
        ("rank_api vs whole call, confirmed p50", "whole call generated", "rank_api, args only", "confirmed"),
        ("lookup vs plain decoding (whole call), confirmed p50", "whole call generated", "whole call + lookup", "confirmed"),
        ("rank_api + lookup vs whole call, confirmed p50", "whole call generated", "rank_api + lookup", "confirmed"),
        ("fast path vs model for fixed commands, p50", "fixed cmds, no fast path", "fixed cmds, fast path", "first"),
        ("several requests, parallel vs sequential, all actions p50", "several, sequential", "several, parallel",
         "all_actions"),
        ("several requests, parallel vs sequential, all confirmed p50", "several, sequential", "several, parallel",
         "confirmed"),
    ]
    print()
    for label, slow, fast, key in comparisons:
        if slow in by and fast in by:
            print(f"{label}: {ratio(slow, fast, key):.2f}x faster")
    for fast in ("settle-expert", "settle-both"):  # the tails too: the targets are p50 and p95
        if "settle-off (ranked)" in by and fast in by:
            slow = by["settle-off (ranked)"]
            print(f"{fast} vs ranked, confirmed p95: {pct(slow['confirmed'], 95) / max(pct(by[fast]['confirmed'], 95), 0.01):.2f}x"
                  f" faster; action commands' first action p95: {pct(by[fast]['actions_first'], 95):.0f} ms"
                  f" (ranked {pct(slow['actions_first'], 95):.0f} ms)")
    if "+ devices, full ids" in by and "+ devices, minified" in by:
        print(f"minified vs full ids, prompt+output tokens per request: "
              f"{tokens('+ devices, full ids'):.0f} vs {tokens('+ devices, minified'):.0f}")
    plot(rows, plot_path)
    print(f"plot: {plot_path}")


if __name__ == "__main__":
    main()
