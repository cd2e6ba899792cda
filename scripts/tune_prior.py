"""Tune how the embedding classifier's prior is combined with the confirmer's expert ranking.

    python scripts/tune_prior.py            # scores train/test/dev once (cached), then grid-searches

For each labelled line it records the confirmer's log-probability of every expert name (one
forward pass) and the classifier's similarity scores, then picks the prior weight and softmax
temperature that maximise expert accuracy (declines included) on the TRAIN split only, and reports
train/test/dev accuracy for: model alone, classifier alone, combined.
"""
from __future__ import annotations

import json
import math
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from assistant.app import default_registry  # noqa: E402
from assistant.config import load_settings  # noqa: E402
from assistant.llm.roles import ModelRoles  # noqa: E402
from assistant.routing.classifier import default_classifier  # noqa: E402
from assistant.routing.examples import example_files  # noqa: E402
from assistant.routing.prompt import routing_messages  # noqa: E402
from assistant.routing.schema import DECLINE  # noqa: E402

SETS = {"train": [path for path, _ in example_files(default_registry())], "test": [ROOT / "data/eval/test.jsonl"],
        "dev": [ROOT / "tests/data/dev_eval.jsonl"]}  # train: the labelled cases of the train split
CACHE = ROOT / "data/eval/.prior_scores.json"


def label_of(case: dict) -> str | None:
    expect = case.get("expect", {})
    return "none" if expect.get("declined") else expect.get("expert")


def score_sets() -> dict:
    if CACHE.is_file():
        return json.loads(CACHE.read_text())
    registry = default_registry()
    llm = ModelRoles(load_settings()).get("confirmer")
    classifier = default_classifier(registry)
    names = [e.name for e in registry.experts()] + [DECLINE]
    out = {}
    for split, paths in SETS.items():
        rows = []
        lines = [line for path in paths for line in path.read_text().splitlines()]
        for line in (ln for ln in lines if ln.strip() and (split != "train" or '"id": "train-' in ln)):
            case = json.loads(line)
            label = label_of(case)
            if not label or label == "system":
                continue
            ranked = llm.rank_continuations(routing_messages(registry, case["text"]), '{"api":"', {n: n for n in names})
            guess = classifier.guess(case["text"])
            rows.append({"text": case["text"], "label": label, "llm": ranked, "cls": dict(guess.ranking)})
            print(split, len(rows), end="\r", flush=True)
        out[split] = rows
    CACHE.write_text(json.dumps(out))
    return out


def choose(row: dict, weight: float, temperature: float) -> str:
    llm = {("none" if k == DECLINE else k): v for k, v in row["llm"].items()}
    top = max(row["cls"].values())
    z = sum(math.exp((s - top) / temperature) for s in row["cls"].values())
    prior = {k: math.exp((s - top) / temperature) / z for k, s in row["cls"].items()}
    combined = {k: v + weight * math.log(max(prior.get(k, 0.0), 1e-4)) for k, v in llm.items()}
    return max(combined, key=combined.get)


def accuracy(rows: list[dict], weight: float, temperature: float) -> float:
    return sum(choose(r, weight, temperature) == r["label"] for r in rows) / len(rows)


def rescore_classifier(data: dict) -> None:
    """Classifier scores are cheap: recompute them, leave-one-out on the training split."""
    classifier = default_classifier(default_registry())
    for split, rows in data.items():
        for row in rows:
            row["cls"] = dict(classifier.guess(row["text"], leave_out_self=(split == "train")).ranking)


def confusion(rows: list[dict], weight: float, temperature: float) -> list[tuple[str, str, str]]:
    return [(r["label"], choose(r, weight, temperature), r["text"]) for r in rows
            if choose(r, weight, temperature) != r["label"]]


def main() -> None:
    data = score_sets()
    rescore_classifier(data)
    grid = [(w, t) for w in (0.0, 0.25, 0.5, 0.75, 1.0, 1.5, 2.0, 3.0) for t in (0.02, 0.03, 0.05, 0.08, 0.12)]
    best = max(grid, key=lambda wt: (accuracy(data["train"], *wt), -wt[0]))
    print(f"best on train: weight={best[0]} temperature={best[1]}")
    print(f"{'split':<7}{'n':>5}{'model alone':>13}{'classifier':>12}{'combined':>10}")
    for split, rows in data.items():
        cls_alone = sum(max(r["cls"], key=r["cls"].get) == r["label"] for r in rows) / len(rows)
        print(f"{split:<7}{len(rows):>5}{accuracy(rows, 0.0, 0.05):>13.3f}{cls_alone:>12.3f}{accuracy(rows, *best):>10.3f}")
    if "-v" in sys.argv:
        for label, chosen, text in confusion(data["test"], *best):
            print(f"  test: {label:>13} -> {chosen:<13} {text}")


if __name__ == "__main__":
    main()
