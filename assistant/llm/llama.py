"""In-process GGUF models through llama-cpp-python, with cached JSON-schema grammars.

One `Llama` per role, always sent the same stable system prefix first: llama.cpp reuses the
longest matching token prefix already in its KV cache, so the prefix is paid for once.
"""
from __future__ import annotations

import json
import re
import threading
import time
from pathlib import Path
from typing import Any

from assistant.llm.backend import ChatMessage, Generation, ModelError


def _import_llama():
    try:
        import llama_cpp
    except ImportError as exc:  # pragma: no cover - depends on the machine
        raise ModelError("llama-cpp-python is not installed. Run: bash scripts/setup.sh") from exc
    return llama_cpp


def compact_json_grammar(schema_json: str) -> str:
    """GBNF for the schema with no optional whitespace: minified JSON costs fewer output tokens."""
    from llama_cpp.llama_grammar import json_schema_to_gbnf

    gbnf = json_schema_to_gbnf(schema_json)
    return re.sub(r"^space ::= .*$", 'space ::= ""', gbnf, flags=re.MULTILINE)


class LlamaBackend:
    """Chat completion on a local GGUF file; temperature 0 is greedy (deterministic)."""

    def __init__(self, path: Path, *, name: str, n_ctx: int = 2048, n_threads: int = 2,
                 seed: int = 7) -> None:
        if not path.is_file():
            raise ModelError(f"model file {path} is missing. Run: assistant models install")
        llama_cpp = _import_llama()
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

    def _grammar(self, schema: dict[str, Any] | None):
        if schema is None:
            return None
        key = json.dumps(schema, sort_keys=True)
        if key not in self._grammars:
            self._grammars[key] = self._grammar_cls.from_string(compact_json_grammar(key), verbose=False)
        return self._grammars[key]

    def generate(self, messages: list[ChatMessage], *, schema: dict[str, Any] | None = None,
                 temperature: float = 0.0, max_tokens: int = 128) -> Generation:
        payload = [{"role": m.role, "content": m.content} for m in messages]
        with self._lock:
            started = time.perf_counter()
            result = self.llama.create_chat_completion(
                messages=payload, grammar=self._grammar(schema), temperature=temperature,
                max_tokens=max_tokens, top_p=0.95 if temperature > 0 else 1.0,
            )
            elapsed = (time.perf_counter() - started) * 1000
        usage = result.get("usage", {})
        return Generation(text=result["choices"][0]["message"]["content"] or "",
                          prompt_tokens=usage.get("prompt_tokens", 0),
                          completion_tokens=usage.get("completion_tokens", 0), elapsed_ms=elapsed)
