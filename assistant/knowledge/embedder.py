"""The project's MiniLM for passages: reads up to `PASSAGE_TOKENS` word pieces (the routing
classifier's copy reads 64: short utterances) and shares that copy's weights.

It runs in float32 throughout, with GELU in its tanh form: the shared forward pass turns float64
after its first GELU (scipy's erf, a float64 scalar under numpy 2's promotion rules), which made a
200-page PDF take ~110 s to embed here. Passages and questions are embedded by this same encoder,
so its small numeric difference from the reference does not matter to ranking.
"""
from __future__ import annotations

import math
from functools import lru_cache
from typing import Protocol

import numpy as np

PASSAGE_TOKENS = 128  # what all-MiniLM-L6-v2 was trained on
DIM = 384


class Embedder(Protocol):
    def embed(self, texts: list[str]) -> np.ndarray:
        """(len(texts), DIM) unit vectors."""


@lru_cache(maxsize=1)
def passage_embedder() -> Embedder:
    from tokenizers import Tokenizer

    from assistant.embeddings import load_minilm

    base = load_minilm()
    twin = _float32_class()()  # no __init__: the weights dict is shared, not loaded again
    twin.__dict__.update(base.__dict__)
    twin.tokenizer = Tokenizer.from_str(base.tokenizer.to_str())
    twin.tokenizer.enable_truncation(PASSAGE_TOKENS)
    twin.tokenizer.enable_padding()
    return twin


def embed_in_batches(embedder: Embedder, texts: list[str], batch: int = 32, on_batch=None) -> np.ndarray:
    """Embed many texts, similar lengths together (less padding); rows in the input's order.
    `on_batch(n)` is called with the count of texts done after each batch."""
    order = sorted(range(len(texts)), key=lambda i: len(texts[i]))
    out = np.zeros((len(texts), DIM), dtype=np.float32)
    for start in range(0, len(order), batch):
        rows = order[start:start + batch]
        out[rows] = embedder.embed([texts[i] for i in rows])
        if on_batch:
            on_batch(len(rows))
    return out


@lru_cache(maxsize=1)
def _float32_class():
    from assistant.embeddings.minilm import MiniLM

    class Float32MiniLM(MiniLM):
        """The shared forward pass, with the two steps that promoted to float64 kept in float32."""

        def __init__(self) -> None:  # built from a loaded MiniLM's attributes
            pass

        def _scaled(self, scores: np.ndarray, head: int) -> np.ndarray:
            return scores * (1.0 / math.sqrt(head))  # a Python float keeps float32

        def _activation(self, x: np.ndarray) -> np.ndarray:
            return _gelu_tanh(x)

    return Float32MiniLM


def _gelu_tanh(x: np.ndarray) -> np.ndarray:
    """GELU's tanh form, in x's dtype (Python floats do not promote float32)."""
    return 0.5 * x * (1.0 + np.tanh(0.7978845608028654 * (x + 0.044715 * x * x * x)))
