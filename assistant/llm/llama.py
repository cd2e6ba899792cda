"""In-process GGUF models through llama-cpp-python, with cached grammars and prompt prefixes.

Prompts are formatted here (ChatML, the template of the Qwen models in the manifest) so that the
system turn, the stable prefix, ends at a known token boundary; `PrefixKVCache` makes the model's
context start with it (warm, restored from memory or disk, or evaluated once), and llama.cpp
then evaluates only the rest of the prompt.
"""
from __future__ import annotations

import json
import re
import threading
import time
from pathlib import Path
from typing import Any

from assistant.llm import native
from assistant.llm.backend import ChatMessage, Generation, ModelError
from assistant.llm.prefix_cache import PrefixKVCache

END_OF_TURN = "<|im_end|>"


def chatml(messages: list[ChatMessage], open_assistant_turn: bool = True) -> str:
    text = "".join(f"<|im_start|>{m.role}\n{m.content}{END_OF_TURN}\n" for m in messages)
    return text + ("<|im_start|>assistant\n" if open_assistant_turn else "")


MAX_STRING_CHARS = 80  # a phrase, never a runaway repetition loop


def compact_json_grammar(schema_json: str) -> str:
    """GBNF for the schema with no optional whitespace (minified JSON costs fewer output tokens)
    and strings of bounded length."""
    from llama_cpp.llama_grammar import json_schema_to_gbnf

    gbnf = json_schema_to_gbnf(schema_json)
    gbnf = re.sub(r"^space ::= .*$", 'space ::= ""', gbnf, flags=re.MULTILINE)
    return re.sub(r'^string ::= "\\"" char\* "\\"" space$',
                  f'string ::= "\\"" char{{0,{MAX_STRING_CHARS}}} "\\"" space', gbnf, flags=re.MULTILINE)


class LlamaBackend:
    """Chat completion on a local GGUF file; temperature 0 is greedy (deterministic)."""

    def __init__(self, path: Path, *, name: str, n_ctx: int = 4096, n_threads: int = 2,
                 seed: int = 7, cache_dir: Path | None = None) -> None:
        if not path.is_file():
            raise ModelError(f"model file {path} is missing. Run: assistant models install")
        llama_cpp = native.llama_cpp()
        self.name = name
        self.path = path
        self._lock = threading.Lock()
        self._grammars: dict[str, Any] = {}
        self._grammar_cls = llama_cpp.LlamaGrammar
        started = time.perf_counter()
        try:
            self.llama = llama_cpp.Llama(model_path=str(path), n_ctx=n_ctx, n_threads=n_threads,
                                         n_batch=512, seed=seed, verbose=False)
        except (ValueError, RuntimeError) as exc:
            raise ModelError(f"could not load {path}: {exc}. Reinstall with: assistant models install") from exc
        self.load_ms = (time.perf_counter() - started) * 1000
        self.always_cold = False  # benchmark switch: evaluate the whole prompt every time
        stat = path.stat()
        build = native.system_info()  # KV snapshots of another build's kernels are not reused
        self.prefix_cache = PrefixKVCache(self.llama, f"{path.name}|{stat.st_size}|{stat.st_mtime_ns}|{build}",
                                          cache_dir)

    def _grammar(self, schema: dict[str, Any] | None):
        if schema is None:
            return None
        key = json.dumps(schema, sort_keys=True)
        if key not in self._grammars:
            self._grammars[key] = self._grammar_cls.from_string(compact_json_grammar(key), verbose=False)
        return self._grammars[key]

    def tokenize(self, text: str) -> list[int]:
        return self.llama.tokenize(text.encode(), add_bos=False, special=True)

    def generate(self, messages: list[ChatMessage], *, schema: dict[str, Any] | None = None,
                 temperature: float = 0.0, max_tokens: int = 128) -> Generation:
        tokens = self._fitting(self.tokenize(chatml(messages)))
        with self._lock:
            started = time.perf_counter()
            outcome = self._prepare_prefix(messages, tokens)
            result = self.llama.create_completion(
                prompt=tokens, grammar=self._grammar(schema), temperature=temperature,
                max_tokens=max_tokens, top_p=0.95 if temperature > 0 else 1.0, stop=[END_OF_TURN],
            )
            elapsed = (time.perf_counter() - started) * 1000
        usage = result.get("usage", {})
        return Generation(text=result["choices"][0]["text"] or "",
                          prompt_tokens=usage.get("prompt_tokens", len(tokens)),
                          completion_tokens=usage.get("completion_tokens", 0), elapsed_ms=elapsed,
                          prefix_cache=outcome)

    def rank_continuations(self, messages: list[ChatMessage], prefill: str,
                           candidates: dict[str, str]) -> dict[str, float]:
        """Log-probability of each candidate's first token right after `prefill` in the assistant
        turn: one forward pass ranks every candidate (e.g. expert names after '{"api":"')."""
        import numpy as np

        prompt = chatml(messages) + prefill
        tokens = self._fitting(self.tokenize(prompt))
        first = {name: self._first_token_after(prompt, text) for name, text in candidates.items()}
        with self._lock:
            self._prepare_prefix(messages, tokens)
            self._evaluate(tokens)
            logits = np.ctypeslib.as_array(self.llama._ctx.get_logits(), shape=(self.llama.n_vocab(),))
        top = float(logits.max())
        log_norm = top + float(np.log(np.exp(logits - top).sum()))
        return {name: float(logits[token]) - log_norm for name, token in first.items()}

    def warm_prefix(self, system: ChatMessage) -> str:
        """Make the context start with this system turn now (prefetch before a request arrives)."""
        with self._lock:
            return self._prepare_prefix([system, ChatMessage("user", "")],
                                        self.tokenize(chatml([system], open_assistant_turn=False)))

    def _fitting(self, tokens: list[int]) -> list[int]:
        """`tokens`, or a ModelError when they do not fit the context (n_ctx in config.toml)."""
        n_ctx = self.llama.n_ctx()
        if len(tokens) >= n_ctx:
            raise ModelError(f"{self.name}: the prompt needs {len(tokens)} tokens but the context (n_ctx) "
                             f"holds {n_ctx}; raise n_ctx for this role in config.toml")
        return tokens

    def _first_token_after(self, prompt: str, continuation: str) -> int:
        base, full = self.tokenize(prompt), self.tokenize(prompt + continuation)
        if full[: len(base)] != base:
            raise ModelError(f"prompt and continuation {continuation!r} do not share a token boundary")
        return full[len(base)]

    def _evaluate(self, tokens: list[int]) -> None:
        """Evaluate `tokens`, reusing whatever prefix of them the context already holds."""
        held = self.llama.n_tokens
        same = 0
        while same < min(held, len(tokens)) and self.llama.input_ids[same] == tokens[same]:
            same += 1
        same = min(same, len(tokens) - 1)  # always decode at least the last token: fresh logits
        self.llama.n_tokens = same
        self.llama.eval(tokens[same:])

    def _prepare_prefix(self, messages: list[ChatMessage], tokens: list[int]) -> str:
        if self.always_cold:
            self.llama.reset()
            return "off"
        if len(messages) < 2 or messages[0].role != "system":
            return "off"
        prefix = self.tokenize(chatml(messages[:1], open_assistant_turn=False))
        if tokens[: len(prefix)] != prefix:  # not a clean token boundary: let llama.cpp match
            return "off"
        return self.prefix_cache.prepare(prefix)
