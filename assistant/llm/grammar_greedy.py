"""Greedy decoding under a grammar that asks the grammar about the model's first choice first.

llama.cpp's sampler chain (grammar, then greedy) runs the grammar over the whole vocabulary (152k
tokens for Qwen) at every step, and on this hardware that costs more than the step's forward pass.
The grammar-constrained greedy choice is the unconstrained one whenever the grammar allows that
token, so `GrammarGreedy` asks the grammar about that one token and about the whole vocabulary only
when it is refused (llama.cpp's own `common_sampler_sample` does the same). The tokens chosen are
the ones the chain would choose.
"""
from __future__ import annotations

import ctypes
import math
from typing import Any

import numpy as np

from assistant.llm import native


class GrammarGreedy:
    """A greedy sampler under one grammar, for one decoding (its grammar state advances)."""

    def __init__(self, llama: Any, grammar: Any) -> None:
        self._api = api = native.llama_cpp().llama_cpp
        self._internals = native.llama_cpp()._internals
        self._n_vocab = llama.n_vocab()
        self._sampler = api.llama_sampler_init_grammar(llama._model.vocab, grammar._grammar.encode("utf-8"),
                                                       grammar._root.encode("utf-8"))
        self._one = (api.llama_token_data * 1)()
        self._one_array = api.llama_token_data_array(data=self._one, size=1, selected=-1, sorted=False)
        self._every: Any = None  # the whole vocabulary's array, made when first needed

    def sample(self, ctx: Any, index: int = -1) -> int:
        """The grammar-allowed token with the highest logit at batch position `index`, accepted
        into the grammar's state."""
        token = self.choice(self.logits(ctx, index))
        self.accept(token)
        return token

    def logits(self, ctx: Any, index: int = -1) -> np.ndarray:
        """The logits at batch position `index` (a view: read before the next decode)."""
        return np.ctypeslib.as_array(self._api.llama_get_logits_ith(ctx.ctx, index), shape=(self._n_vocab,))

    def choice(self, logits: np.ndarray) -> int:
        """The grammar-allowed token with the highest logit (the grammar's state unchanged)."""
        token = int(logits.argmax())
        return token if self._allows(token, float(logits[token])) else self._best_allowed(logits)

    def shortfall(self, logits: np.ndarray, token: int) -> float:
        """How far `token` falls below the grammar's greedy choice, in log-probability (0 when it
        is that choice; infinite when the grammar refuses it)."""
        best = self.choice(logits)
        if best == token:
            return 0.0
        if not self._allows(token, float(logits[token])):
            return math.inf
        return float(logits[best] - logits[token])

    def accept(self, token: int) -> None:
        """Advance the grammar's state past `token`."""
        self._api.llama_sampler_accept(self._sampler, token)

    def close(self) -> None:
        if self._sampler is not None:
            self._api.llama_sampler_free(self._sampler)
            self._sampler = None

    def __del__(self) -> None:
        self.close()

    def _allows(self, token: int, logit: float) -> bool:
        self._one[0].id, self._one[0].logit, self._one[0].p = token, logit, 0.0
        self._one_array.size, self._one_array.selected, self._one_array.sorted = 1, -1, False
        self._api.llama_sampler_apply(self._sampler, ctypes.byref(self._one_array))
        return not math.isinf(self._one[0].logit)

    def _best_allowed(self, logits: np.ndarray) -> int:
        if self._every is None:
            self._every = self._internals.LlamaTokenDataArray(n_vocab=self._n_vocab)
        self._every.copy_logits(logits)
        self._api.llama_sampler_apply(self._sampler, ctypes.byref(self._every.candidates))
        data = self._every.candidates_data
        return int(data.id[int(np.argmax(data.logit[: self._every.candidates.size]))])
