"""The labelled examples routing learns from: each expert's own file (`Expert.examples`), plus the
core's requests that no expert serves (`data/declined.jsonl`).

One JSON object a line, in the format `assistant eval` reads (`id`, `text`, `expect`, and for a
full case `home` and `now`). The label is the file's owner ("none" for the declined file). A line
with a `prompt` key (the call, e.g. `{"api": "timers.start", "args": {...}}`) is also one of the
few fixed examples in the routing prompt, shown in the order of their ids (`prompt-NN`).
"""
from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from assistant.registry import Registry

NONE = "none"  # the label of a request no expert serves
DECLINED_FILE = Path(__file__).parent / "data" / "declined.jsonl"


@dataclass(frozen=True)
class Example:
    text: str
    label: str  # an expert's name, or "none"
    prompt: dict[str, Any] | None = None  # the call it shows in the routing prompt, if it is shown
    id: str = ""  # prompt lines are shown in the order of their ids ("prompt-01", "prompt-02", ...)


def read_examples(path: Path, label: str) -> list[Example]:
    lines = path.read_text().splitlines() if path.is_file() else []
    cases = [json.loads(line) for line in lines if line.strip()]
    return [Example(case["text"], label, case.get("prompt"), case.get("id", "")) for case in cases]


def example_files(registry: Registry) -> list[tuple[Path, str]]:
    """(file, label) of every labelled-examples file: the experts', then the declined one."""
    return [(e.examples, e.name) for e in registry.experts() if e.examples] + [(DECLINED_FILE, NONE)]


def labelled_examples(registry: Registry) -> list[Example]:
    """Every expert's examples, in catalogue order, then the declined ones."""
    return [example for path, label in example_files(registry) for example in read_examples(path, label)]
