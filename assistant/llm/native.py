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
                raise ModelError(f"llama-cpp-python cannot be imported ({exc}). Run: bash scripts/setup.sh") from exc
            from llama_cpp import _logger

            _logger.set_verbose(False)  # llama.cpp's own info lines stay off the user's terminal
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
    ggml = _libggml_of_libllama(module)
    ggml.ggml_backend_reg_count.restype = ctypes.c_size_t
    if ggml.ggml_backend_reg_count() == 0:
        ggml.ggml_backend_load_all_from_path.argtypes = [ctypes.c_char_p]
        ggml.ggml_backend_load_all_from_path(str(library_dir(module)).encode())
    if ggml.ggml_backend_reg_count() == 0:
        raise ModelError(f"no llama.cpp CPU backend could be loaded from {library_dir(module)}: "
                         "this CPU may be older than every built variant. Rebuild: bash scripts/setup.sh")


def _libggml_of_libllama(module: ModuleType) -> ctypes.CDLL:
    """The libggml instance that libllama itself uses (the backend registry lives in it). A wheel
    holds copies, not links, of libggml.so, .so.0 and .so.0.x.y: loading another copy by path would
    register the backends in a second, unused registry. libllama asks for the soname, libggml.so.<major>."""
    sonames = [path for path in library_dir(module).glob("libggml.so.*") if path.name.count(".") == 2]
    if not sonames:
        raise ModelError(f"no libggml.so.<major> in {library_dir(module)}: reinstall with: bash scripts/setup.sh")
    return ctypes.CDLL(str(sonames[0]))


def system_info() -> str:
    """llama.cpp's own line of the instruction sets its CPU backend uses (e.g. 'AVX2 = 1 | ...')."""
    module = llama_cpp()
    return module.llama_print_system_info().decode("utf-8", "replace").strip()
