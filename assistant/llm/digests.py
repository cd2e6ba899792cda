"""SHA-256 of model files, remembered once verified: hashing 1.6 GB takes seconds, a lookup does not.

A digest is kept under the file's path, size and modification time (nanoseconds), so a file that is
replaced, truncated or touched is hashed again. The cache is a small JSON file in the user cache dir
(`paths.digests_path()`); losing it costs only time.
"""
from __future__ import annotations

import hashlib
import json
import os
from pathlib import Path

from assistant.paths import digests_path

BLOCK = 8 << 20


def file_key(path: Path) -> str:
    stat = path.stat()
    return f"{path.resolve()}|{stat.st_size}|{stat.st_mtime_ns}"


def sha256(path: Path) -> str:
    """The file's SHA-256, from the cache when the file is unchanged since it was last hashed."""
    key = file_key(path)
    known = _load().get(key)
    if known:
        return known
    digest = hashlib.sha256()
    with path.open("rb") as src:
        while block := src.read(BLOCK):
            digest.update(block)
    remember(path, digest.hexdigest())
    return digest.hexdigest()


def remember(path: Path, digest: str) -> None:
    """Record a digest computed elsewhere (e.g. while the file was being written)."""
    entries = {key: value for key, value in _load().items() if Path(key.split("|")[0]).exists()}
    entries[file_key(path)] = digest
    target = digests_path()
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        partial = target.with_suffix(f".{os.getpid()}.partial")
        partial.write_text(json.dumps(entries, indent=1))
        os.replace(partial, target)
    except OSError:
        pass  # a read-only cache dir only costs the next run the time to hash again


def _load() -> dict[str, str]:
    try:
        data = json.loads(digests_path().read_text())
    except (OSError, ValueError):
        return {}
    return data if isinstance(data, dict) else {}
