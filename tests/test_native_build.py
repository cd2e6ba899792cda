"""The portable llama.cpp build: how it is made (assistant/llm/build.py) and what got installed."""
from pathlib import Path

import pytest

from assistant.llm import build, native


def _fake_source(tmp_path: Path) -> Path:
    cmake = tmp_path / "vendor" / "llama.cpp" / "ggml" / "src" / "CMakeLists.txt"
    cmake.parent.mkdir(parents=True)
    cmake.write_text("        ggml_add_cpu_backend_variant(zen4           SSE42 AVX512)\n"
                     "            ggml_add_cpu_backend_variant(sapphirerapids SSE42 AVX512 AMX_TILE AMX_INT8)\n"
                     "        ggml_add_cpu_backend_variant(alderlake      SSE42 AVX_VNNI)\n")
    (tmp_path / "CMakeLists.txt").write_text("project(llama_cpp)\n")
    return tmp_path


def test_the_amx_variant_is_removed_from_the_source_and_the_others_kept(tmp_path):
    source = _fake_source(tmp_path)
    build._drop_amx_variant(source)
    text = (source / "vendor/llama.cpp/ggml/src/CMakeLists.txt").read_text()
    assert "sapphirerapids" not in text and "AMX" not in text
    assert "zen4" in text and "alderlake" in text


def test_a_source_without_the_amx_line_is_an_error_on_x86(tmp_path, monkeypatch):
    source = _fake_source(tmp_path)
    build._drop_amx_variant(source)
    monkeypatch.setattr(build.platform, "machine", lambda: "x86_64")
    with pytest.raises(RuntimeError, match="AMX variant line was not found"):
        build._drop_amx_variant(source)


def test_the_variant_libraries_are_installed_into_the_package(tmp_path):
    source = _fake_source(tmp_path)
    build._install_cpu_variants(source)
    text = (source / "CMakeLists.txt").read_text()
    assert text.startswith("project(llama_cpp)") and "llama_cpp_python_install_target(${_target})" in text


def test_only_the_portable_build_shares_a_wheelhouse_across_cpus(tmp_path, monkeypatch):
    monkeypatch.setenv("ASSISTANT_CACHE_DIR", str(tmp_path))
    portable = build.wheelhouse(build.OPTIONS["variants"])
    native_build = build.wheelhouse(build.OPTIONS["native"])
    assert portable.name == "variants"
    assert native_build.name == f"native-{build.cpu_fingerprint()}"
    assert build.cached_wheel(build.OPTIONS["variants"]) is None
    portable.mkdir(parents=True)
    (portable / f"llama_cpp_python-{build.VERSION}-py3-none-linux_x86_64.whl").write_bytes(b"")
    assert build.cached_wheel(build.OPTIONS["variants"]).parent == portable


def test_the_installed_build_is_the_portable_one_without_amx_kernels():
    module = native.llama_cpp()
    assert build.installed_build() == build.CHOSEN
    names = [path.name for path in native.cpu_variant_files(module)]
    assert "libggml-cpu-x64.so" in names or any("armv8" in name for name in names)
    assert not any("sapphirerapids" in name for name in names)
    info = native.system_info()
    assert info.startswith("CPU :") and "AMX_INT8 = 1" not in info
