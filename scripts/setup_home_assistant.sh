#!/usr/bin/env bash
# Best effort: a Home Assistant venv for the tests of the Home Assistant backend (tests/test_home_assistant_live.py).
# Kept outside the repo: $ASSISTANT_HA_VENV, else the user cache dir (~/.cache/assistant/home-assistant/venv).
# HA needs a recent Python: pyenv's 3.13.0 runs homeassistant 2025.4.4 (later releases need a later 3.13 patch).
# Safe to run again (skips a venv that already imports homeassistant). Exits 0 with a note when it cannot install.
set -uo pipefail

HA_VERSION="${ASSISTANT_HA_VERSION:-2025.4.4}"
FRONTEND_VERSION="${ASSISTANT_HA_FRONTEND_VERSION:-20250411.0}"   # the version HA's frontend manifest pins
VENV="${ASSISTANT_HA_VENV:-${XDG_CACHE_HOME:-$HOME/.cache}/assistant/home-assistant/venv}"

note() { echo "setup_home_assistant: $*" >&2; }

if [ -x "$VENV/bin/hass" ] && "$VENV/bin/python" -c "import homeassistant" 2>/dev/null; then
  note "already installed in $VENV"; exit 0
fi
PY=""
for candidate in "${ASSISTANT_HA_PYTHON:-}" "$(pyenv root 2>/dev/null)/versions/3.13.0/bin/python3" python3.13; do
  if [ -n "$candidate" ] && command -v "$candidate" >/dev/null 2>&1; then PY="$candidate"; break; fi
done
if [ -z "$PY" ]; then note "skipped: no Python 3.13 found (set ASSISTANT_HA_PYTHON)"; exit 0; fi

mkdir -p "$(dirname "$VENV")"
start=$(date +%s)
if "$PY" -m venv "$VENV" \
  && "$VENV/bin/python" -m pip install --quiet --disable-pip-version-check \
       "homeassistant==$HA_VERSION" "home-assistant-frontend==$FRONTEND_VERSION"; then
  note "installed homeassistant $HA_VERSION in $VENV ($(( $(date +%s) - start )) s)"
else
  note "skipped: could not install homeassistant $HA_VERSION (offline?); its tests will skip"
  rm -rf "$VENV"
fi
exit 0
