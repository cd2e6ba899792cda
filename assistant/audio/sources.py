"""Audio sources: iterables of fixed-size 16 kHz mono int16 PCM chunks.

A WAV file and the microphone are interchangeable (the wyoming lesson): every stage downstream
sees the same `AudioChunk`s, so the whole listen loop runs on files in tests and benchmarks.
"""
from __future__ import annotations

import queue
import time
import wave
from dataclasses import dataclass
from pathlib import Path
from typing import Iterable, Iterator

import numpy as np

from assistant.audio.errors import AudioDeviceError, AudioFileError, require

SAMPLE_RATE = 16_000  # Hz
CHUNK_SAMPLES = 1_280  # 80 ms: the frame size openWakeWord is built for
CHUNK_SECONDS = CHUNK_SAMPLES / SAMPLE_RATE
MIC_QUEUE_SECONDS = 30  # audio buffered while the loop is busy (speech-to-text, routing)


@dataclass(frozen=True, slots=True)
class AudioChunk:
    """`CHUNK_SAMPLES` int16 samples at 16 kHz mono, starting `start` seconds into the stream."""

    samples: np.ndarray
    start: float

    @property
    def end(self) -> float:
        return self.start + len(self.samples) / SAMPLE_RATE

    @property
    def pcm(self) -> bytes:
        return self.samples.tobytes()


AudioSource = Iterable[AudioChunk]


def chunked(samples: np.ndarray, start: float = 0.0) -> Iterator[AudioChunk]:
    """Cut 16 kHz int16 samples into chunks; the last one is padded with silence."""
    for offset in range(0, len(samples), CHUNK_SAMPLES):
        block = samples[offset:offset + CHUNK_SAMPLES]
        if len(block) < CHUNK_SAMPLES:
            block = np.concatenate([block, np.zeros(CHUNK_SAMPLES - len(block), np.int16)])
        yield AudioChunk(np.ascontiguousarray(block, dtype=np.int16), start + offset / SAMPLE_RATE)


class ArraySource:
    """Samples already in memory (16 kHz mono int16): for tests and benchmarks."""

    def __init__(self, samples: np.ndarray) -> None:
        self.samples = np.asarray(samples, dtype=np.int16)

    def __iter__(self) -> Iterator[AudioChunk]:
        return chunked(self.samples)


class WavSource:
    """A WAV file played as if it came from the microphone; any rate/channel count/sample width is
    converted to 16 kHz mono int16. `realtime=True` paces chunks at the speed of a microphone
    (a slow consumer then gets the backlog at once, as from a microphone's queue)."""

    def __init__(self, path: Path | str, *, realtime: bool = False) -> None:
        self.path = Path(path)
        self.realtime = realtime
        if not self.path.is_file():
            raise AudioFileError(f"input audio file not found: {self.path}")
        self._samples: np.ndarray | None = None

    @property
    def samples(self) -> np.ndarray:
        if self._samples is None:
            self._samples = read_wav(self.path)
        return self._samples

    def __iter__(self) -> Iterator[AudioChunk]:
        chunks = chunked(self.samples)
        return paced(chunks) if self.realtime else chunks

    @property
    def duration(self) -> float:
        return len(self.samples) / SAMPLE_RATE


def paced(chunks: Iterable[AudioChunk]) -> Iterator[AudioChunk]:
    """Yield each chunk no earlier than its end time after the first one (microphone speed)."""
    began = time.perf_counter()
    for chunk in chunks:
        delay = began + chunk.end - time.perf_counter()
        if delay > 0:
            time.sleep(delay)
        yield chunk


class Looping:
    """Repeat a re-iterable source (for soak tests) for `seconds` of audio, or forever."""

    def __init__(self, source: AudioSource, seconds: float | None = None) -> None:
        self.source = source
        self.seconds = seconds

    def __iter__(self) -> Iterator[AudioChunk]:
        offset = 0.0
        while True:
            last_end = 0.0
            for chunk in self.source:
                start = offset + chunk.start
                if self.seconds is not None and start >= self.seconds:
                    return
                last_end = chunk.end
                yield AudioChunk(chunk.samples, start)
            if last_end == 0.0:
                return  # an empty source would loop forever
            offset += last_end


def looping(source: AudioSource, seconds: float | None = None) -> Looping:
    return Looping(source, seconds)


def read_wav(path: Path) -> np.ndarray:
    """Decode a WAV file (stdlib `wave`; soundfile for float/extensible formats) to 16 kHz mono int16."""
    try:
        with wave.open(str(path), "rb") as wav:
            rate, channels, width = wav.getframerate(), wav.getnchannels(), wav.getsampwidth()
            raw = wav.readframes(wav.getnframes())
        audio = _pcm_to_float(raw, width).reshape(-1, channels)
    except (wave.Error, EOFError, ValueError) as exc:
        audio, rate = _read_with_soundfile(path, exc)
    return to_16k_mono(audio, rate)


def to_16k_mono(audio: np.ndarray, rate: int) -> np.ndarray:
    """float samples (frames × channels, in [-1, 1]) → 16 kHz mono int16."""
    mono = audio.mean(axis=1) if audio.ndim == 2 else audio
    if rate != SAMPLE_RATE:
        mono = resample(mono, rate, SAMPLE_RATE)
    return (np.clip(mono, -1.0, 1.0) * 32767).astype(np.int16)


def resample(samples: np.ndarray, rate_in: int, rate_out: int) -> np.ndarray:
    """Band-limited polyphase resampling with scipy when installed, else linear interpolation."""
    if len(samples) == 0 or rate_in == rate_out:
        return samples
    try:
        from math import gcd

        from scipy.signal import resample_poly
        factor = gcd(rate_in, rate_out)
        return resample_poly(samples, rate_out // factor, rate_in // factor)
    except ImportError:
        count = int(round(len(samples) * rate_out / rate_in))
        return np.interp(np.linspace(0, len(samples) - 1, count), np.arange(len(samples)), samples)


def _pcm_to_float(raw: bytes, width: int) -> np.ndarray:
    if width == 1:
        return (np.frombuffer(raw, np.uint8).astype(np.float32) - 128) / 128
    if width == 2:
        return np.frombuffer(raw, "<i2").astype(np.float32) / 32768
    if width == 3:
        bytes3 = np.frombuffer(raw, np.uint8).reshape(-1, 3)
        padded = np.zeros((len(bytes3), 4), np.uint8)
        padded[:, 1:] = bytes3
        return padded.view("<i4").ravel().astype(np.float32) / 2**31
    if width == 4:
        return np.frombuffer(raw, "<i4").astype(np.float32) / 2**31
    raise ValueError(f"unsupported sample width {width}")


def _read_with_soundfile(path: Path, original: Exception) -> tuple[np.ndarray, int]:
    try:
        import soundfile
    except ImportError:
        raise AudioFileError(f"cannot read {path}: {original} (only PCM WAV is supported without "
                             "the Python package 'soundfile')") from None
    try:
        audio, rate = soundfile.read(str(path), dtype="float32", always_2d=True)
    except Exception as exc:  # noqa: BLE001 - soundfile raises several types for bad files
        raise AudioFileError(f"cannot read audio file {path}: {exc}") from None
    return audio, rate


class MicrophoneSource:
    """The default (or a named) input device through sounddevice/PortAudio, as 16 kHz chunks.

    Raises AudioDeviceError, naming what is missing, when PortAudio or a microphone is absent."""

    def __init__(self, device: int | str | None = None, hint: str | None = None) -> None:
        """`hint`: what to do instead, said when there is no microphone (default: --input FILE.wav)."""
        self.sd = _sounddevice(hint or MIC_HINT)
        self.device = device
        info = _input_device(self.sd, device, hint or MIC_HINT)
        self.rate = SAMPLE_RATE if _supports_16k(self.sd, device) else int(info["default_samplerate"])
        self.overruns = 0

    def __iter__(self) -> Iterator[AudioChunk]:
        blocks: queue.Queue[np.ndarray] = queue.Queue(maxsize=int(MIC_QUEUE_SECONDS / CHUNK_SECONDS))
        blocksize = int(round(CHUNK_SAMPLES * self.rate / SAMPLE_RATE))

        def on_block(indata, frames, time_info, status) -> None:  # PortAudio's thread
            try:
                blocks.put_nowait(indata[:, 0].copy())
            except queue.Full:
                self.overruns += 1

        try:
            stream = self.sd.InputStream(samplerate=self.rate, channels=1, dtype="int16",
                                         blocksize=blocksize, device=self.device, callback=on_block)
        except self.sd.PortAudioError as exc:
            raise AudioDeviceError(f"cannot open the microphone: {exc}. {MIC_HINT}") from None
        start = 0.0
        with stream:
            while True:
                block = blocks.get()
                if self.rate != SAMPLE_RATE:
                    block = to_16k_mono(block.astype(np.float32) / 32768, self.rate)
                    block = np.resize(block, CHUNK_SAMPLES)
                yield AudioChunk(block, start)
                start += CHUNK_SECONDS


MIC_HINT = "Plug in a microphone (or pass --input FILE.wav to read speech from a file)."


def _sounddevice(hint: str = MIC_HINT):
    try:
        return require("sounddevice", "sounddevice", "The microphone")
    except OSError as exc:  # sounddevice raises OSError when the PortAudio library is missing
        raise AudioDeviceError(
            f"the PortAudio library is missing ({exc}). Install the system package "
            f"libportaudio2 (sudo apt-get install libportaudio2). {hint}") from None


def _input_device(sd, device, hint: str = MIC_HINT) -> dict:
    try:
        return sd.query_devices(device, kind="input") if device is None else sd.query_devices(device)
    except (sd.PortAudioError, ValueError) as exc:
        raise AudioDeviceError(f"no microphone found (PortAudio: {exc}). {hint}") from None


def _supports_16k(sd, device) -> bool:
    try:
        sd.check_input_settings(device=device, samplerate=SAMPLE_RATE, channels=1, dtype="int16")
        return True
    except Exception:  # noqa: BLE001 - PortAudio reports unsupported settings in several ways
        return False
