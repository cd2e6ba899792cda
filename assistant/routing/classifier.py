"""A non-LLM expert classifier: nearest labelled examples in MiniLM embedding space.

Costs milliseconds, so it can route speculatively and leave both CPU cores to the confirmer.
Labels are expert names, plus `none` for requests no expert serves. Training examples are each
expert's labelled examples (`assistant/routing/examples.py`; never the held-out test split); their
embeddings are cached on disk, keyed by the examples' content.
"""
from __future__ import annotations

import hashlib
from dataclasses import dataclass
from typing import Protocol

import numpy as np

from assistant.paths import prefix_cache_dir
from assistant.registry import Registry
from assistant.routing.examples import labelled_examples

TOP_K = 3


@dataclass(frozen=True)
class ExpertGuess:
    expert: str  # an expert name, or "none"
    score: float  # mean cosine similarity of its nearest examples
    margin: float  # lead over the runner-up expert
    ranking: tuple[tuple[str, float], ...]

    def probabilities(self, temperature: float) -> dict[str, float]:
        """A softmax over the experts' similarity scores."""
        top = self.ranking[0][1]
        weights = {label: float(np.exp((score - top) / temperature)) for label, score in self.ranking}
        total = sum(weights.values())
        return {label: w / total for label, w in weights.items()}


def training_examples(registry: Registry) -> list[tuple[str, str]]:
    """(text, label) pairs from the experts' labelled examples and the declined ones."""
    return [(example.text, example.label) for example in labelled_examples(registry)]


class ExpertClassifier:
    def __init__(self, embedder, examples: list[tuple[str, str]]) -> None:
        self.embedder = embedder
        self.texts = [t for t, _ in examples]
        self.labels = np.array([label for _, label in examples])
        self.vectors = self._embed_cached(self.texts)
        self._recent: dict[str, np.ndarray] = {}

    def guess(self, text: str, leave_out_self: bool = False) -> ExpertGuess:
        """Rank experts for `text`; `leave_out_self` ignores a training example with the same
        text (leave-one-out, for measuring on the training split itself)."""
        similarity = self.vectors @ self.embed(text)
        keep = np.array([t != text for t in self.texts]) if leave_out_self else np.ones(len(self.texts), bool)
        scores = {}
        for label in np.unique(self.labels):
            top = np.sort(similarity[(self.labels == label) & keep])[-TOP_K:]
            scores[str(label)] = float(top.mean())
        ranking = tuple(sorted(scores.items(), key=lambda kv: kv[1], reverse=True))
        margin = ranking[0][1] - ranking[1][1] if len(ranking) > 1 else ranking[0][1]
        return ExpertGuess(expert=ranking[0][0], score=ranking[0][1], margin=margin, ranking=ranking)

    def embed(self, text: str) -> np.ndarray:
        """The text's vector (the last few kept: the proposer asks again for the words just guessed)."""
        if text not in self._recent:
            if len(self._recent) >= 8:
                self._recent.pop(next(iter(self._recent)))
            self._recent[text] = self.embedder.embed([text])[0]
        return self._recent[text]

    def _embed_cached(self, texts: list[str]) -> np.ndarray:
        key = hashlib.sha256("\n".join(texts).encode()).hexdigest()[:24]
        path = prefix_cache_dir().parent / "classifier" / f"{key}.npy"
        if path.is_file():
            vectors = np.load(path)
            if vectors.shape[0] == len(texts):
                return vectors
        vectors = np.vstack([self.embedder.embed(texts[i:i + 64]) for i in range(0, len(texts), 64)])
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            np.save(path, vectors)
        except OSError:
            pass
        return vectors


class Classifier(Protocol):
    """What the pipeline needs of a classifier (the real one, or a test double)."""

    def guess(self, text: str) -> ExpertGuess: ...


_BUILT: dict[tuple[str, ...], ExpertClassifier] = {}


def default_classifier(registry: Registry) -> ExpertClassifier:
    """The classifier over the registry's labelled examples, built once per process and registry."""
    from assistant.embeddings import load_minilm

    key = tuple(sorted(e.name for e in registry.experts()))
    if key not in _BUILT:  # read the examples only when building
        _BUILT[key] = ExpertClassifier(load_minilm(), training_examples(registry))
    return _BUILT[key]
