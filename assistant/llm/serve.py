"""Run llama-cpp-python's OpenAI-compatible server with this build's CPU kernels loaded.

`python -m llama_cpp.server` cannot load a model with the setup's portable build: ggml looks for
its run-time CPU variants only next to the executable and in the working directory. This starts
the same server after `native.llama_cpp()` has registered them. The arguments are the server's:

    python -m assistant.llm.serve --model ~/.local/share/assistant/models/<file>.gguf \\
        --host 127.0.0.1 --port 8080 --n_ctx 4096 --n_threads 2
"""
from __future__ import annotations

import sys

from assistant.llm import native


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
