"""Build llama-cpp-python so that it runs on every CPU, and install it.

pip compiles llama-cpp-python from source with `-march=native`. That build segfaults on CPUs with
Intel AMX (llama.cpp #20824), and pip's wheel cache hands a build made for one CPU to another. The
portable build is llama.cpp's run-time CPU dispatch (`GGML_BACKEND_DL`, `GGML_CPU_ALL_VARIANTS`):
one kernel library per instruction-set level, the best one this CPU supports is loaded at start
(see `native.py`). The AMX variant is removed from the source before building, so no CPU can pick
it. Wheels are kept in our own wheelhouse (one folder per build option, the wheel's platform tag
names the architecture), never in pip's cache, so a build is reused only where it is valid.

Standard library only: setup runs it (`python3 assistant/llm/build.py install`) before the
project's dependencies exist. `scripts/bench_build.py` compares the options.
"""
from __future__ import annotations

import argparse
import hashlib
import json
import os
import platform
import shutil
import subprocess
import sys
import tarfile
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

VERSION = "0.3.36"
CHOSEN = "variants"
AMX_VARIANT = "sapphirerapids"  # ggml's CPU variant with the AMX kernels that crash
AMX_VARIANT_LINE = f"ggml_add_cpu_backend_variant({AMX_VARIANT}"
_EXPLICIT_AVX2 = "-DGGML_NATIVE=OFF -DGGML_AVX=ON -DGGML_AVX2=ON -DGGML_FMA=ON -DGGML_F16C=ON -DGGML_BMI2=ON"


@dataclass(frozen=True)
class BuildOption:
    name: str
    cmake_args: str
    portable: bool  # safe to reuse on any CPU of this architecture
    summary: str
    drop_amx_variant: bool = False


OPTIONS = {
    "variants": BuildOption(
        "variants", "-DGGML_NATIVE=OFF -DGGML_BACKEND_DL=ON -DGGML_CPU_ALL_VARIANTS=ON", True,
        "run-time CPU variants (x64 ... AVX-512 BF16, aarch64 levels), AMX variant removed",
        drop_amx_variant=True),
    "avx512": BuildOption(
        "avx512", _EXPLICIT_AVX2 + " -DGGML_AVX512=ON -DGGML_AVX512_VNNI=ON -DGGML_AVX512_BF16=ON", False,
        "explicit AVX-512 (VNNI, BF16) without AMX: SIGILL on CPUs without AVX-512"),
    "avx2": BuildOption("avx2", _EXPLICIT_AVX2, False,
                        "explicit AVX2/FMA: SIGILL on CPUs older than Haswell"),
    "native": BuildOption("native", "-DGGML_NATIVE=ON", False,
                          "-march=native (pip's default): this CPU only; crashes where it has AMX"),
}


def cache_dir() -> Path:
    """`assistant.paths.cache_dir()`, spelled out with the standard library (platformdirs is not
    installed yet when setup runs this)."""
    base = os.environ.get("ASSISTANT_CACHE_DIR") or os.path.join(
        os.environ.get("XDG_CACHE_HOME") or os.path.expanduser("~/.cache"), "assistant")
    return Path(base) / "llama-wheels"


def cpu_fingerprint() -> str:
    """Short hash of the CPU's model and flags: names a non-portable build's folder."""
    text = platform.machine()
    try:
        lines = Path("/proc/cpuinfo").read_text().splitlines()
        text += "".join(sorted({line for line in lines if line.startswith(("model name", "flags", "Features"))}))
    except OSError:
        text += platform.processor()
    return hashlib.sha256(text.encode()).hexdigest()[:12]


def wheelhouse(option: BuildOption) -> Path:
    key = option.name if option.portable else f"{option.name}-{cpu_fingerprint()}"
    return cache_dir() / VERSION / platform.machine() / key


def cached_wheel(option: BuildOption) -> Path | None:
    wheels = sorted(wheelhouse(option).glob("llama_cpp_python-*.whl"))
    return wheels[-1] if wheels else None


def _pip(*args: str, env: dict[str, str] | None = None) -> None:
    subprocess.run([sys.executable, "-m", "pip", "--disable-pip-version-check", *args], check=True, env=env)


def _source(workdir: Path) -> Path:
    """The llama-cpp-python sdist, downloaded once into the cache, unpacked into `workdir`."""
    sdists = cache_dir() / "sdist"
    archive = sdists / f"llama_cpp_python-{VERSION}.tar.gz"
    if not archive.is_file():
        _pip("download", "--quiet", "--no-deps", "--no-binary", ":all:", f"llama-cpp-python=={VERSION}",
             "-d", str(sdists))
    with tarfile.open(archive) as tar:
        try:
            tar.extractall(workdir, filter="data")
        except TypeError:  # Python < 3.11.4 has no extraction filters
            tar.extractall(workdir)  # noqa: S202 - pip's own download of a pinned sdist
    return workdir / f"llama_cpp_python-{VERSION}"


INSTALL_VARIANTS_CMAKE = """
# Added by the assistant's build (assistant/llm/build.py): install llama.cpp's run-time CPU variant
# libraries next to libggml, where assistant/llm/native.py loads them from.
if (LLAMA_BUILD AND GGML_CPU_ALL_VARIANTS)
    get_property(_ggml_targets DIRECTORY vendor/llama.cpp/ggml/src PROPERTY BUILDSYSTEM_TARGETS)
    foreach(_target IN LISTS _ggml_targets)
        if (_target MATCHES "^ggml-cpu-")
            llama_cpp_python_install_target(${_target})
        endif()
    endforeach()
endif()
"""


def _install_cpu_variants(source: Path) -> None:
    cmake = source / "CMakeLists.txt"
    cmake.write_text(cmake.read_text() + INSTALL_VARIANTS_CMAKE)


def _drop_amx_variant(source: Path) -> None:
    cmake = source / "vendor" / "llama.cpp" / "ggml" / "src" / "CMakeLists.txt"
    lines = cmake.read_text().splitlines(keepends=True)
    kept = [line for line in lines if AMX_VARIANT_LINE not in line]
    if len(kept) == len(lines) and platform.machine() in ("x86_64", "AMD64"):
        raise RuntimeError(f"the AMX variant line was not found in {cmake}: check the llama.cpp version")
    cmake.write_text("".join(kept))


def build(option: BuildOption, force: bool = False) -> tuple[Path, float]:
    """The wheel for `option` (built now unless cached) and the build's wall time in seconds."""
    if not force and (wheel := cached_wheel(option)):
        return wheel, 0.0
    target = wheelhouse(option)
    shutil.rmtree(target, ignore_errors=True)
    target.mkdir(parents=True)
    with tempfile.TemporaryDirectory(prefix="llama-build-") as tmp:
        source = _source(Path(tmp))
        if option.drop_amx_variant:
            _drop_amx_variant(source)
            _install_cpu_variants(source)
        env = dict(os.environ, CMAKE_ARGS=f"-DLLAVA_BUILD=OFF {option.cmake_args}",
                   CMAKE_BUILD_PARALLEL_LEVEL=os.environ.get("CMAKE_BUILD_PARALLEL_LEVEL", str(os.cpu_count() or 2)))
        print(f"build: compiling llama-cpp-python {VERSION} ({option.name}: {option.summary}); "
              "this takes several minutes once", flush=True)
        started = time.monotonic()
        _pip("wheel", "--quiet", "--no-deps", "--no-cache-dir", "-w", str(target), str(source), env=env)
    seconds = time.monotonic() - started
    wheel = cached_wheel(option)
    if wheel is None:
        raise RuntimeError(f"pip built no wheel into {target}")
    (target / "build.json").write_text(json.dumps({"option": option.name, "cmake_args": option.cmake_args,
                                                   "seconds": round(seconds), "built": time.ctime()}))
    return wheel, seconds


def installed_build() -> str | None:
    """Which option the installed llama_cpp was built with, as far as its files tell; None if absent."""
    try:
        from importlib.metadata import PackageNotFoundError, files, version
        if version("llama_cpp_python") != VERSION:
            return "other-version"
        names = {Path(str(f)).name for f in files("llama_cpp_python") or []}
    except PackageNotFoundError:
        return None
    if any(name.startswith(f"libggml-cpu-{AMX_VARIANT}") for name in names):
        return "variants-with-amx"
    if any(name.startswith("libggml-cpu-") for name in names):
        return "variants"
    return "single"


def install(option: BuildOption, force: bool = False) -> None:
    if not force and installed_build() == option.name:
        print(f"build: llama-cpp-python {VERSION} ({option.name}) is installed")
        return
    wheel, _ = build(option, force=force)
    _pip("install", "--quiet", "--no-deps", "--force-reinstall", str(wheel))
    _pip("install", "--quiet", str(wheel))  # its own dependencies (numpy, diskcache, jinja2…)
    print(f"build: installed {wheel.name} ({option.name})")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("command", choices=["install", "wheel", "status"])
    parser.add_argument("--option", choices=sorted(OPTIONS), default=CHOSEN)
    parser.add_argument("--rebuild", action="store_true", help="build again even if a wheel is cached")
    args = parser.parse_args(argv)
    option = OPTIONS[args.option]
    if args.command == "status":
        print(f"installed: {installed_build()}; cached {option.name} wheel: {cached_wheel(option)}")
    elif args.command == "wheel":
        print(build(option, force=args.rebuild)[0])
    else:
        install(option, force=args.rebuild)
    return 0


if __name__ == "__main__":
    sys.exit(main())
