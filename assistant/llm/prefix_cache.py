"""Reuse the KV state of a stable prompt prefix across requests and across processes.

llama.cpp already reuses the longest token prefix still in its context, but only for the prompt it
saw last. This cache keeps a snapshot of the KV cells of each prefix (the sequence state only: tens
of MB, restored in milliseconds) in memory and on disk, so a different prefix, or a fresh
`assistant ask` process, does not pay for evaluating the prefix again. The key covers the model
file, the context size and the exact prefix tokens: any change (a device added, a model swapped)
is simply a different key.
"""
from __future__ import annotations

import ctypes
import hashlib
import os
from pathlib import Path
from typing import Callable, Literal

CacheOutcome = Literal["warm", "memory", "disk", "cold", "off"]


class PrefixKVCache:
    def __init__(self, llama, model_id: str, directory: Path | None, max_files: int = 16,
                 max_in_memory: int = 4) -> None:
        from assistant.llm import native

        self._api = native.llama_cpp()
        self.llama = llama
        self.model_id = model_id
        self.directory = directory
        self.max_files = max_files
        self.max_in_memory = max_in_memory
        self._memory: dict[str, bytes] = {}
        # Called with (tokens evaluated, prefix length) while a cold prefix is evaluated (a bar).
        self.progress: Callable[[int, int], None] | None = None

    def key(self, prefix: list[int]) -> str:
        digest = hashlib.sha256(f"{self.model_id}|{self.llama.n_ctx()}|".encode())
        digest.update(",".join(map(str, prefix)).encode())
        return digest.hexdigest()[:32]

    def prepare(self, prefix: list[int]) -> CacheOutcome:
        """Make the model's context start with `prefix`, as cheaply as possible."""
        n = len(prefix)
        if self.llama.n_tokens >= n and list(self.llama.input_ids[:n]) == prefix:
            return "warm"
        key = self.key(prefix)
        if key in self._memory and self._restore(prefix, self._memory[key]):
            return "memory"
        data = self._read(key)
        if data is not None and self._restore(prefix, data):
            self._remember(key, data)
            return "disk"
        self._evaluate(prefix)
        data = self._snapshot()
        self._remember(key, data)
        self._write(key, data)
        return "cold"

    def stored(self, prefix: list[int]) -> bool:
        """Whether a snapshot of this prefix is on disk (a later process starts warm)."""
        return self.directory is not None and self._file(self.key(prefix)).is_file()

    def _evaluate(self, prefix: list[int]) -> None:
        self.llama.reset()
        if self.progress is None:
            return self.llama.eval(prefix)
        step = max(1, getattr(self.llama, "n_batch", 512))
        for start in range(0, len(prefix), step):  # eval continues from the tokens already held
            self.llama.eval(prefix[start:start + step])
            self.progress(min(start + step, len(prefix)), len(prefix))

    def _file(self, key: str) -> Path:
        return self.directory / f"{key}.kv"

    def _snapshot(self) -> bytes:
        ctx = self.llama._ctx.ctx
        size = self._api.llama_state_seq_get_size(ctx, 0)
        buffer = (ctypes.c_uint8 * size)()
        written = self._api.llama_state_seq_get_data(ctx, buffer, size, 0)
        return bytes(buffer[:written])

    def _restore(self, prefix: list[int], data: bytes) -> bool:
        self.llama.reset()
        self.llama._ctx.kv_cache_clear()
        buffer = (ctypes.c_uint8 * len(data)).from_buffer_copy(data)
        if self._api.llama_state_seq_set_data(self.llama._ctx.ctx, buffer, len(data), 0) == 0:
            return False  # incompatible snapshot: evaluate instead
        self.llama.input_ids[: len(prefix)] = prefix
        self.llama.n_tokens = len(prefix)
        return True

    def _remember(self, key: str, data: bytes) -> None:
        self._memory[key] = data
        while len(self._memory) > self.max_in_memory:
            self._memory.pop(next(iter(self._memory)))

    def _read(self, key: str) -> bytes | None:
        if self.directory is None:
            return None
        try:
            return self._file(key).read_bytes()
        except OSError:
            return None

    def _write(self, key: str, data: bytes) -> None:
        if self.directory is None:
            return
        try:
            self.directory.mkdir(parents=True, exist_ok=True)
            partial = self.directory / f"{key}.{os.getpid()}.partial"
            partial.write_bytes(data)
            os.replace(partial, self._file(key))
            self._prune()
        except OSError:
            pass  # a read-only or full disk only costs speed

    def _prune(self) -> None:
        files = sorted(self.directory.glob("*.kv"), key=lambda p: p.stat().st_mtime, reverse=True)
        for stale in files[self.max_files:]:
            stale.unlink(missing_ok=True)
