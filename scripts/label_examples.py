"""Label the action experts' training examples with their calls, for the retrieval proposer.

    flock /work/model.lock python scripts/label_examples.py

Runs each `train-*` line of the smart home's, timers', lists' and reminders' examples through the
real pipeline (the confirmer alone, no speculation) and keeps the call of every line that passes
its expectations: `assistant/routing/data/calls.jsonl` ({"text", "api", "args"} a line). Never
evaluation lines. The retrieval proposer (assistant/routing/retrieval.py) reads it as the calls
of its pool.
"""
from __future__ import annotations

import json
import os
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from assistant.app import default_registry  # noqa: E402
from assistant.config import RoutingConfig, load_settings  # noqa: E402
from assistant.evaluation.cases import load_cases  # noqa: E402
from assistant.evaluation.runner import run_case  # noqa: E402
from assistant.llm.roles import ModelRoles  # noqa: E402
from assistant.routing.retrieval import CALLS_FILE  # noqa: E402

ACTION_EXPERTS = ("smart_home", "timers", "lists", "reminders")


def main() -> None:
    with tempfile.TemporaryDirectory() as home:
        os.environ["ASSISTANT_HOME"] = home
        roles, registry = ModelRoles(load_settings()), default_registry()
        roles.settings.routing = RoutingConfig(speculation=False)
        lines = []
        for name in ACTION_EXPERTS:
            cases = [c for c in load_cases(registry.expert(name).examples) if c.id.startswith("train-")]
            for case in cases:
                result = run_case(case, roles, registry)
                kept = result.passed and result.expert == name and result.api
                print(f"{'kept' if kept else 'left':<5}{case.text!r} -> {result.api} {result.args}", flush=True)
                if kept:
                    lines.append({"text": case.text, "api": f"{name}.{result.api}", "args": result.args})
    CALLS_FILE.write_text("".join(json.dumps(line) + "\n" for line in lines))
    print(f"{len(lines)} calls -> {CALLS_FILE}")


if __name__ == "__main__":
    main()
