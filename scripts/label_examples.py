"""Label the action experts' training examples with their calls, for the retrieval proposer.

    flock /work/model.lock python scripts/label_examples.py

Runs each line of the smart home's, timers', lists' and reminders' examples through the real
pipeline (the confirmer alone, no speculation) and keeps the call of every line that passes its
expectations (a line with no home of its own, only its expert, on the demo home): `assistant/routing/data/calls.jsonl` ({"text", "api", "args"} a line). Never
evaluation lines. The retrieval proposer (assistant/routing/retrieval.py) reads it as the calls
of its pool.
"""
from __future__ import annotations

import json
import os
import sys
import tempfile
from datetime import datetime
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
DEMO_HOME = ROOT / "assistant" / "data" / "demo_home.yaml"
NOW = datetime(2026, 12, 2, 10, 0)


def main() -> None:
    with tempfile.TemporaryDirectory() as home:
        os.environ["ASSISTANT_HOME"] = home
        roles, registry = ModelRoles(load_settings()), default_registry()
        roles.settings.routing = RoutingConfig(speculation=False)
        lines = [json.loads(line) for line in CALLS_FILE.read_text().splitlines()] if CALLS_FILE.is_file() else []
        done = {line["text"] for line in lines}  # labelled before: kept (delete the file to redo all)
        for name in ACTION_EXPERTS:
            for case in load_cases(registry.expert(name).examples):
                if case.text in done or getattr(case, "prompt", None):
                    continue
                if case.home is None:
                    case = case.model_copy(update={"home": DEMO_HOME, "now": NOW})
                result = run_case(case, roles, registry)
                kept = result.passed and result.expert == name and result.api
                print(f"{'kept' if kept else 'left':<5}{case.text!r} -> {result.api} {result.args}", flush=True)
                if kept:
                    lines.append({"text": case.text, "api": f"{name}.{result.api}", "args": result.args})
    CALLS_FILE.write_text("".join(json.dumps(line) + "\n" for line in lines))
    print(f"{len(lines)} calls -> {CALLS_FILE}")


if __name__ == "__main__":
    main()
