"""Synthetic speech for the audio tests (espeak-ng + sox, cached per session), and the audio
components on it: sources, voice-activity detection, the wake word, speech output, devices."""
import io
import shutil
import subprocess
import wave
from contextlib import redirect_stdout
from pathlib import Path

import numpy as np
import pytest

from tests.conftest import has_microphone

from assistant.audio.errors import AudioDeviceError, AudioError, AudioFileError
from assistant.audio.sources import (CHUNK_SAMPLES, SAMPLE_RATE, ArraySource, MicrophoneSource,
                                     WavSource, looping)
from assistant.audio.vad import Endpointer, EnergyVAD, VadEvent

needs_espeak = pytest.mark.skipif(not (shutil.which("espeak-ng") and shutil.which("sox")),
                                  reason="espeak-ng and sox are missing: run scripts/setup.sh")


class Speech:
    """Makes 16 kHz mono WAVs of spoken text with silence around it; each file made once."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder
        self.made: dict[tuple, Path] = {}

    def __call__(self, text: str, *, voice: str = "en-us", speed: int = 160, lead: float = 0.5,
                 trail: float = 1.0) -> Path:
        key = (text, voice, speed, lead, trail)
        if key not in self.made:
            index = len(self.made)
            raw, out = self.folder / f"raw{index}.wav", self.folder / f"speech{index}.wav"
            subprocess.run(["espeak-ng", "-v", voice, "-s", str(speed), "-w", str(raw), text], check=True)
            subprocess.run(["sox", str(raw), "-r", str(SAMPLE_RATE), "-c", "1", "-b", "16", str(out),
                            "pad", str(lead), str(trail)], check=True)
            self.made[key] = out
        return self.made[key]

    def join(self, *paths: Path) -> Path:
        out = self.folder / f"joined{len(list(self.folder.glob('joined*')))}.wav"
        subprocess.run(["sox", *map(str, paths), str(out)], check=True)
        return out


@pytest.fixture(scope="session")
def speech(tmp_path_factory):
    if not (shutil.which("espeak-ng") and shutil.which("sox")):
        pytest.skip("espeak-ng and sox are missing: run scripts/setup.sh")
    return Speech(tmp_path_factory.mktemp("speech"))


# ------------------------------------------------------------------------------ sources
def test_wav_source_converts_any_wav_to_16k_mono_chunks(tmp_path):
    rate, seconds = 22_050, 1.0
    t = np.arange(int(rate * seconds)) / rate
    left = (0.5 * np.sin(2 * np.pi * 440 * t) * 32767).astype(np.int16)
    path = tmp_path / "stereo.wav"
    with wave.open(str(path), "wb") as wav:
        wav.setnchannels(2)
        wav.setsampwidth(2)
        wav.setframerate(rate)
        wav.writeframes(np.stack([left, left], axis=1).tobytes())
    chunks = list(WavSource(path))
    assert all(len(c.samples) == CHUNK_SAMPLES and c.samples.dtype == np.int16 for c in chunks)
    assert len(chunks) == int(np.ceil(SAMPLE_RATE * seconds / CHUNK_SAMPLES))
    assert [round(c.start, 2) for c in chunks[:3]] == [0.0, 0.08, 0.16]
    peak = max(int(np.abs(c.samples).max()) for c in chunks)
    assert 14_000 < peak < 18_000  # amplitude kept through downmix and resampling


def test_wav_source_errors_name_the_file(tmp_path):
    with pytest.raises(AudioFileError, match="not found"):
        WavSource(tmp_path / "missing.wav")
    bad = tmp_path / "bad.wav"
    bad.write_bytes(b"not audio at all")
    with pytest.raises(AudioFileError, match="bad.wav"):
        list(WavSource(bad))


def test_looping_repeats_with_continuous_timestamps():
    source = ArraySource(np.zeros(CHUNK_SAMPLES * 3, np.int16))
    chunks = list(looping(source, seconds=1.0))
    assert len(chunks) == 13  # 1.0 s / 0.08 s, rounded up
    assert np.allclose([c.start for c in chunks], np.arange(13) * 0.08)


def test_microphone_missing_is_a_clear_error():
    if has_microphone():
        pytest.skip("this machine has a microphone")
    with pytest.raises(AudioDeviceError) as error:
        MicrophoneSource()
    assert "microphone" in str(error.value).lower() or "portaudio" in str(error.value).lower()
    assert "--input" in str(error.value)


# ------------------------------------------------------------------------------ VAD
def events(path: Path) -> list[tuple[str, float]]:
    endpointer = Endpointer(EnergyVAD())
    found = []
    for chunk in WavSource(path):
        event = endpointer.feed(chunk)
        if event and event is not VadEvent.PAUSE:  # tentative endpoints: see test_audio_incremental
            found.append((event.value, round(chunk.end, 2)))
    return found


@needs_espeak
def test_vad_finds_one_utterance_with_silence_around_it(speech):
    path = speech("turn on the kitchen lights", lead=1.0, trail=1.5)
    found = events(path)
    assert [kind for kind, _ in found] == ["speech_start", "speech_end"]
    start, end = found[0][1], found[1][1]
    assert 1.0 <= start <= 1.4 and end < WavSource(path).duration


@needs_espeak
def test_vad_keeps_short_pauses_inside_one_utterance_and_splits_long_ones(speech):
    one = speech("hey jarvis, set a timer for five minutes", lead=0.5, trail=1.0)
    assert [kind for kind, _ in events(one)] == ["speech_start", "speech_end"]
    two = speech.join(speech("what time is it", lead=0.5, trail=1.0), speech("stop", lead=0.5, trail=1.0))
    assert [kind for kind, _ in events(two)] == ["speech_start", "speech_end"] * 2


def test_vad_tracks_a_noisy_floor():
    rng = np.random.default_rng(0)
    noise = (rng.normal(0, 300, SAMPLE_RATE * 4)).astype(np.int16)  # about -40 dBFS
    tone = (6000 * np.sin(2 * np.pi * 300 * np.arange(SAMPLE_RATE) / SAMPLE_RATE)).astype(np.int16)
    samples = noise.copy()
    samples[SAMPLE_RATE * 2:SAMPLE_RATE * 3] += tone
    endpointer = Endpointer(EnergyVAD())
    found = [(e, c.start) for c in ArraySource(samples) if (e := endpointer.feed(c))]
    speech_events = [e for e, start in found if start > 1.5 and e is not VadEvent.PAUSE]
    assert speech_events == [VadEvent.SPEECH_START, VadEvent.SPEECH_END]


# ------------------------------------------------------------------------------ wake word
@pytest.fixture(scope="module")
def jarvis():
    from assistant.audio.wake import OpenWakeWord
    return OpenWakeWord("hey_jarvis")


def detections(detector, path: Path) -> list[float]:
    detector.reset()
    return [round(c.start, 2) for c in WavSource(path) if detector.process(c)]


@needs_espeak
def test_wake_word_fires_once_per_phrase(speech, jarvis):
    path = speech.join(speech("hey jarvis, turn on the kitchen lights", lead=1.0, trail=1.0),
                       speech("hey jarvis, what time is it", speed=140, lead=0.5, trail=1.0))
    hits = detections(jarvis, path)
    assert len(hits) == 2 and hits[0] < 2.5


@needs_espeak
def test_wake_word_at_the_very_start_of_a_stream(speech, jarvis):
    assert len(detections(jarvis, speech("hey jarvis, what time is it", lead=0.0))) == 1


@needs_espeak
def test_no_wake_word_no_detection(speech, jarvis):
    path = speech("what time is it? turn on the kitchen lights and add milk to the shopping list")
    assert detections(jarvis, path) == []


def test_unknown_wake_word_lists_the_available_ones():
    from assistant.audio.wake import OpenWakeWord, available_models
    assert {"alexa", "hey_jarvis", "hey_mycroft", "hey_rhasspy"} <= set(available_models())
    with pytest.raises(AudioError, match="hey_jarvis"):
        OpenWakeWord("ok_computer")
    with pytest.raises(AudioError, match="threshold"):
        OpenWakeWord("alexa", threshold=1.5)


# ------------------------------------------------------------------------------ speech output
def test_reply_wav_holds_every_reply_and_prints_nothing(tmp_path):
    from assistant.audio.tts import TTS_RATE, WavFileSpeaker

    path = tmp_path / "out" / "reply.wav"
    printed = io.StringIO()
    with redirect_stdout(printed):
        speaker = WavFileSpeaker(path)
        speaker.speak("It's 9 AM.")
        first = wave.open(str(path)).getnframes()
        speaker.speak("Turned on the kitchen lights.")
        speaker.close()
    assert printed.getvalue() == ""
    with wave.open(str(path)) as wav:
        assert wav.getframerate() == TTS_RATE and wav.getnchannels() == 1
        assert wav.getnframes() > first > TTS_RATE * 0.5


def test_stdout_silenced_from_two_threads_at_once_comes_back():
    """Two threads silencing stdout at once (satellites loading their wake word, a synthesis):
    each swap takes its turn, so the process's stdout is put back, and prints meanwhile are dropped."""
    import sys
    import threading
    import time

    from assistant.audio.quiet import quiet_stdout

    def silenced(after: float, hold: float) -> None:
        time.sleep(after)
        with quiet_stdout():
            print("Audio saved to /tmp/reply.wav")
            time.sleep(hold)

    printed = io.StringIO()
    with redirect_stdout(printed):
        threads = [threading.Thread(target=silenced, args=(0.0, 0.1)),  # the second outlasts the first
                   threading.Thread(target=silenced, args=(0.03, 0.15))]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
        assert sys.stdout is printed
    assert printed.getvalue() == ""


def test_no_sound_device_falls_back_to_printing():
    from assistant.audio.tts import SilentSpeaker, build_speaker

    try:
        import sounddevice as sd
        sd.query_devices(kind="output")
        pytest.skip("this machine has a sound output device")
    except Exception:  # noqa: BLE001 - any failure means: no usable sound output here
        pass
    warnings = []
    speaker = build_speaker(None, warnings.append)
    assert isinstance(speaker, SilentSpeaker)
    assert "sound output" in warnings[0] and "--output" in warnings[0]
