"""Audio errors: each names what is missing (a package, a device, a file) and how to fix it."""
from __future__ import annotations

import importlib
from types import ModuleType

VOICE_EXTRA_HINT = 'pip install -e ".[voice]" (or run: bash scripts/setup.sh)'


class AudioError(RuntimeError):
    """A voice component cannot run; the message says what is missing and how to get it."""


class AudioDeviceError(AudioError):
    """No microphone or no sound output (or its system library is missing)."""


class AudioFileError(AudioError):
    """An input audio file is missing or unreadable."""


class MissingPackageError(AudioError):
    """A Python package (or a model it ships) needed by a voice component is not installed."""


def require(module: str, package: str, purpose: str) -> ModuleType:
    """Import `module`, or raise a MissingPackageError naming the pip package to install."""
    try:
        return importlib.import_module(module)
    except ImportError as exc:
        raise MissingPackageError(
            f"{purpose} needs the Python package {package!r}, which is not installed ({exc}). "
            f"Install it with: {VOICE_EXTRA_HINT}") from None
