"""The one door to llama-cpp-python: import it, and load its CPU kernels before the first model.

The setup builds llama.cpp with run-time CPU dispatch (`GGML_BACKEND_DL`, `GGML_CPU_ALL_VARIANTS`,
without the AMX variant that crashes on Sapphire Rapids CPUs): one `libggml-cpu-<variant>.so` per
instruction-set level lies in `llama_cpp/lib`, and ggml picks the best one this CPU supports. ggml
looks for them only next to the executable and in the working directory, so they are loaded here,
from the package's own folder, before llama.cpp initialises. A build with a single, built-in CPU
backend (no variant files) needs nothing and works the same.
"""
from __future__ import annotations

import ctypes
import threading
from pathlib import Path
from types import ModuleType

from assistant.llm.backend import ModelError

_lock = threading.Lock()
_loaded: ModuleType | None = None


def llama_cpp() -> ModuleType:
    """The `llama_cpp` module, with its CPU backend registered (once per process)."""
    global _loaded
    with _lock:
        if _loaded is None:
            try:
                import llama_cpp as module
            except ImportError as exc:
                raise ModelError("llama-cpp-python is not installed. Run: bash scripts/setup.sh") from exc
            _register_cpu_variants(module)
            _loaded = module
        return _loaded


def library_dir(module: ModuleType) -> Path:
    return Path(module.__file__).resolve().parent / "lib"


def cpu_variant_files(module: ModuleType) -> list[Path]:
    """The run-time CPU variants shipped with this build (empty for a single-backend build)."""
    return sorted(library_dir(module).glob("libggml-cpu-*.so"))


def _register_cpu_variants(module: ModuleType) -> None:
    if not cpu_variant_files(module):
        return
    from llama_cpp import _ggml

    ggml = _ggml.libggml
    ggml.ggml_backend_reg_count.restype = ctypes.c_size_t
    if ggml.ggml_backend_reg_count() == 0:
        ggml.ggml_backend_load_all_from_path.argtypes = [ctypes.c_char_p]
        ggml.ggml_backend_load_all_from_path(str(library_dir(module)).encode())
    if ggml.ggml_backend_reg_count() == 0:
        raise ModelError(f"no llama.cpp CPU backend could be loaded from {library_dir(module)}: "
                         "this CPU may be older than every built variant. Rebuild: bash scripts/setup.sh")


def system_info() -> str:
    """llama.cpp's own line of the instruction sets its CPU backend uses (e.g. 'AVX2 = 1 | ...')."""
    module = llama_cpp()
    return module.llama_print_system_info().decode("utf-8", "replace").strip()
