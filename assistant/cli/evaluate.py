"""`assistant eval FILE`: score the assistant on labelled utterances (JSON lines) or conversations (YAML)."""
from __future__ import annotations

from pathlib import Path

import typer

from assistant.cli.common import console, friendly, print_error, print_json, progress_bar
from assistant.display import styled


@friendly
def eval_command(path: Path = typer.Argument(..., help="An evaluation file (JSON lines)"),
                 as_json: bool = typer.Option(False, "--json", help="Print the report as JSON.")) -> None:
    """Run each line against fresh state (models loaded once); print pass/fail and totals."""
    from assistant.app import default_registry
    from assistant.config import load_settings
    from assistant.evaluation.cases import EvalFileError
    from assistant.evaluation.runner import eval_units, run_eval
    from assistant.llm.roles import ModelRoles

    def show(result) -> None:
        bar.advance(task)
        if not as_json:
            mark = ("PASS", "green") if result.passed else ("FAIL", "red")
            reason = "" if result.passed else " — " + "; ".join(result.problems)
            timing = result.timings_ms
            console.print(styled(mark, f" {result.id} {result.text!r} → {result.expert}.{result.api} "
                                 f"{result.args} (first action {timing.get('first_action', 0):.0f} ms, "
                                 f"total {timing.get('total', 0):.0f} ms){reason}"))

    try:
        with progress_bar() as bar:
            task = bar.add_task(f"eval {path.name}", total=sum(map(len, eval_units(path))))
            report = run_eval(path, ModelRoles(load_settings()), default_registry(), on_result=show)
    except EvalFileError as exc:
        print_error(exc)
        raise typer.Exit(1) from None
    if as_json:
        return print_json(report.model_dump())
    accuracy = f"{report.expert_accuracy:.1%}" if report.expert_accuracy is not None else "n/a"
    latency = report.latency_ms
    console.print(f"\n{report.passed}/{report.n} passed; expert accuracy {accuracy}; in-scope refused "
                  f"{report.in_scope_refused}/{sum(r.expected_expert is not None for r in report.results)}; latency p50 "
                  f"{latency['p50']} ms, p95 {latency['p95']} ms; first action p50 "
                  f"{latency['first_action']['p50']} ms, p95 {latency['first_action']['p95']} ms")
    for expert, row in sorted(report.per_expert.items()):
        console.print(f"  {expert:<14} {row['passed']}/{row['n']} passed, routed {row['routed']}/{row['n']}")
