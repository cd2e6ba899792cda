"""Run llama-cpp-python's OpenAI-compatible server with this build's CPU kernels loaded.

`python -m llama_cpp.server` cannot load a model with the setup's portable build: ggml looks for
its run-time CPU variants only next to the executable and in the working directory. This starts
the same server after `native.llama_cpp()` has registered them. The arguments are the server's:

    python -m assistant.llm.serve --model ~/.local/share/assistant/models/<file>.gguf \\
        --host 127.0.0.1 --port 8080 --n_ctx 4096 --n_threads 2

`launch()` starts one on a free loopback port for the tests and the benchmark.
"""
from __future__ import annotations

import socket
import subprocess
import sys
import time
from contextlib import contextmanager
from pathlib import Path
from typing import IO, Iterator

from assistant.llm import native
from assistant.llm.backend import ModelError


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@contextmanager
def launch(model: Path, *, n_ctx: int = 4096, n_threads: int = 2, log: IO | None = None,
           wait_s: float = 120.0, extra: tuple[str, ...] = ()) -> Iterator[str]:
    """A server for `model` on 127.0.0.1 (its base URL, e.g. http://127.0.0.1:PORT/v1) until the
    block ends; its own output goes to `log` (llama.cpp prints each request's timings there)."""
    import requests

    port = free_port()
    command = [sys.executable, "-m", "assistant.llm.serve", "--model", str(model), "--host", "127.0.0.1",
               "--port", str(port), "--n_ctx", str(n_ctx), "--n_threads", str(n_threads), *extra]
    process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=log or subprocess.DEVNULL,
                               cwd=Path(__file__).resolve().parents[2])  # this checkout's `assistant`
    url = f"http://127.0.0.1:{port}/v1"
    try:
        deadline = time.monotonic() + wait_s
        while True:
            if process.poll() is not None:
                raise ModelError(f"the model server exited with code {process.returncode} before it was up")
            try:
                if requests.get(f"{url}/models", timeout=1).ok:
                    break
            except requests.RequestException:
                pass
            if time.monotonic() > deadline:
                raise ModelError(f"the model server was not up within {wait_s:g} s")
            time.sleep(0.2)
        yield url
    finally:
        process.terminate()
        try:
            process.wait(10)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


def main() -> None:
    native.llama_cpp()
    try:
        from llama_cpp.server.__main__ import main as serve
    except ImportError as exc:
        sys.exit(f"the server's dependencies are missing ({exc}). "
                 'Run: pip install "llama-cpp-python[server]==0.3.36" (or pip install -e ".[dev]")')
    sys.argv[0] = "assistant.llm.serve"
    serve()


if __name__ == "__main__":
    main()
