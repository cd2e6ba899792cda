"""Speech output: replies synthesised by pyttsx3 (espeak-ng), played or written to a WAV file.

pyttsx3's own `say()` plays through `aplay` via os.system and never raises, so a missing sound
device goes unnoticed; here speech is synthesised to a file and played with sounddevice, whose
device check is explicit. `Speaker.speak()` returns while the speech plays, so the listen loop
keeps listening (barge-in: "stop").
"""
from __future__ import annotations

import tempfile
import time
import wave
from pathlib import Path
from typing import Callable, Protocol

import numpy as np

from assistant.audio.errors import AudioDeviceError, AudioError, require
from assistant.audio.quiet import quiet_stdout
from assistant.audio.speakable import speakable

TTS_RATE = 22_050  # Hz, what pyttsx3's espeak driver writes
GAP_SECONDS = 0.3  # silence between replies in a --output file


class Speaker(Protocol):
    def speak(self, text: str) -> None:
        """Start saying `text` (may return before the speech ends)."""

    @property
    def speaking(self) -> bool: ...

    def stop(self) -> None: ...

    def wait(self) -> None:
        """Block until the current speech has been said."""

    def close(self) -> None: ...


def synthesize(text: str) -> np.ndarray:
    """`text` as int16 samples at TTS_RATE, via a fresh pyttsx3 engine (a reused engine keeps its
    save-file and a later say() overwrote it). Its "Audio saved to …" print is swallowed. The text
    is cleaned first (`speakable`: no escape codes, markup, raw URLs or emoji read out)."""
    text = speakable(text)
    if not text:  # nothing left to say
        return np.zeros(0, np.int16)
    pyttsx3 = require("pyttsx3", "pyttsx3==2.99", "Spoken replies")
    with tempfile.TemporaryDirectory() as tmp, quiet_stdout():
        path = Path(tmp) / "reply.wav"
        try:
            engine = pyttsx3.Engine()
            engine.save_to_file(text, str(path))
            engine.runAndWait()
        except Exception as exc:  # noqa: BLE001 - pyttsx3/espeak fail in many ways when espeak is absent
            raise AudioError(f"speech synthesis failed ({exc}). pyttsx3 needs the system package "
                             "libespeak-ng1 (sudo apt-get install espeak-ng libespeak-ng1).") from None
        if not path.is_file():
            raise AudioError("speech synthesis produced no audio (is libespeak-ng1 installed?)")
        with wave.open(str(path), "rb") as wav:
            return np.frombuffer(wav.readframes(wav.getnframes()), np.int16).copy()


Synthesize = Callable[[str], np.ndarray]  # text -> int16 samples at TTS_RATE (here, or a hub's)


class WavFileSpeaker:
    """Writes every reply, in order, to one WAV file (22,050 Hz mono), for tests and headless use."""

    speaking = False

    def __init__(self, path: Path | str, synthesize: Synthesize = synthesize) -> None:
        self.path, self.synthesize = Path(path), synthesize
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            self._wav = wave.open(str(self.path), "wb")
        except OSError as exc:
            raise AudioError(f"cannot write {self.path}: {exc}") from None
        self._wav.setnchannels(1)
        self._wav.setsampwidth(2)
        self._wav.setframerate(TTS_RATE)
        self.replies = 0

    def speak(self, text: str) -> None:
        samples = self.synthesize(text)
        if self.replies:
            self._wav.writeframes(np.zeros(int(GAP_SECONDS * TTS_RATE), np.int16).tobytes())
        self._wav.writeframes(samples.tobytes())  # the header is patched: valid after every reply
        self.replies += 1

    def stop(self) -> None:
        pass

    def wait(self) -> None:
        pass

    def close(self) -> None:
        self._wav.close()


class SoundDeviceSpeaker:
    """Plays replies on the default output device (sounddevice/PortAudio), without blocking."""

    def __init__(self, synthesize: Synthesize = synthesize) -> None:
        self.synthesize = synthesize
        try:
            self.sd = require("sounddevice", "sounddevice", "Spoken replies")
        except OSError as exc:
            raise AudioDeviceError(f"the PortAudio library is missing ({exc}); install the system "
                                   "package libportaudio2") from None
        try:
            self.sd.query_devices(kind="output")
        except (self.sd.PortAudioError, ValueError) as exc:
            raise AudioDeviceError(f"no sound output device (PortAudio: {exc})") from None
        self._until = 0.0

    @property
    def speaking(self) -> bool:
        return time.monotonic() < self._until

    def speak(self, text: str) -> None:
        samples = self.synthesize(text)
        try:
            self.sd.play(samples, TTS_RATE)
        except self.sd.PortAudioError as exc:
            raise AudioDeviceError(f"cannot play sound: {exc}") from None
        self._until = time.monotonic() + len(samples) / TTS_RATE

    def stop(self) -> None:
        self.sd.stop()
        self._until = 0.0

    def wait(self) -> None:
        while self.speaking:
            time.sleep(0.05)

    def close(self) -> None:
        self.stop()


class SilentSpeaker:
    """No sound: the replies are only printed (by the CLI)."""

    speaking = False

    def speak(self, text: str) -> None:
        pass

    def stop(self) -> None:
        pass

    def wait(self) -> None:
        pass

    def close(self) -> None:
        pass


def build_speaker(output: Path | str | None, warn: Callable[[str], None],
                  synthesize: Synthesize = synthesize) -> Speaker:
    """A WAV file when `output` is given; else the sound device, falling back (with a warning
    that says what is missing) to printed replies only. `synthesize`: where speech is made."""
    if output:
        synthesize("ok")  # fail now, before listening, if speech synthesis cannot work
        return WavFileSpeaker(output, synthesize)
    try:
        speaker = SoundDeviceSpeaker(synthesize)
        synthesize("ok")
        return speaker
    except AudioError as exc:
        warn(f"{exc}. Replies are printed only (pass --output reply.wav to save them as audio).")
        return SilentSpeaker()
