"""Where the assistant keeps its files: everything under one overridable directory."""
from __future__ import annotations

import os
from pathlib import Path

import platformdirs


class PathError(RuntimeError):
    """The assistant's directory cannot be used (a file is in its place, no permission)."""


def user_dir() -> Path:
    """`ASSISTANT_HOME` if set, else the platform's user data dir; created on first use (owner only)."""
    env = os.environ.get("ASSISTANT_HOME", "").strip()
    path = Path(env).expanduser() if env else Path(platformdirs.user_data_dir("assistant"))
    try:
        path.mkdir(mode=0o700, parents=True, exist_ok=True)
    except OSError as exc:
        problem = "it is a file, not a directory" if isinstance(exc, FileExistsError) else exc.strerror or exc
        raise PathError(f"{'ASSISTANT_HOME' if env else 'the data directory'} {path} cannot be used: {problem}") from None
    return path


def database_path() -> Path:
    return user_dir() / "assistant.db"


def models_dir() -> Path:
    """Where assembled model files live: `ASSISTANT_MODELS_DIR`, else `models/` in the platform's user
    data dir. One per machine, whatever `ASSISTANT_HOME` is: the files are large and hold nothing personal."""
    env = os.environ.get("ASSISTANT_MODELS_DIR", "").strip()
    return Path(env).expanduser() if env else Path(platformdirs.user_data_dir("assistant")) / "models"


def manifest_path() -> Path:
    return Path(__file__).resolve().parent / "llm" / "models.yaml"


def demo_home_path() -> Path:
    return Path(__file__).resolve().parent / "data" / "demo_home.yaml"


def cache_dir() -> Path:
    """What can be rebuilt and is safe to delete, shared by every ASSISTANT_HOME on the machine:
    `ASSISTANT_CACHE_DIR`, else the platform's user cache dir."""
    env = os.environ.get("ASSISTANT_CACHE_DIR", "").strip()
    return Path(env).expanduser() if env else Path(platformdirs.user_cache_dir("assistant"))


def prefix_cache_dir() -> Path:
    """KV snapshots of stable prompt prefixes (they hold no personal data: keys cover the model
    and the exact prefix)."""
    return cache_dir() / "prefix"


def digests_path() -> Path:
    """SHA-256 digests of model files already verified, keyed by path, size and mtime."""
    return cache_dir() / "verified-sha256.json"
