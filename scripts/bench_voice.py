#!/usr/bin/env python3
"""Benchmark the voice loop on synthetic speech (espeak-ng + sox), before/after modes side by side.

- wake: openWakeWord score traces on a varied positive set ("hey jarvis, <command>": voices,
  speeds, pitch, leading/trailing silence, gain, noise) split into a tuning half and a held-out
  half (other voices, commands and seeds), >= 10 minutes of non-wake speech and near-miss phrases.
  Thresholds are swept for the single stage (with and without gain normalisation) and for the
  two-stage detector (stage 1 low, Whisper verifies); the chosen two-stage detector then runs
  for real on the held-out half and the negatives.
- endpoint: how often a command is split in two, per hangover (energy VAD only).
- wer: word error rate, Whisper as first shipped (30 s window, beam 5, Silero VAD) vs windowed.
- loop: end of speech → first action through the full loop, real-time paced input, the real
  assistant, per mode (before: single-stage wake, first Whisper, no tentative endpoint; after:
  two-stage wake, windowed Whisper, tentative endpoint; and the steps in between).
- `--soak MINUTES`: the loop on a looping input for that many minutes of audio, RSS over time.

    python scripts/bench_voice.py                    # everything but the soak (~25 min on 2 busy cores)
    python scripts/bench_voice.py --parts wer,loop   # a subset of: wake, endpoint, wer, loop
"""
from __future__ import annotations

import argparse
import json
import os
import random
import re
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from assistant.audio.ahead import AssistantPlanner  # noqa: E402
from assistant.audio.loop import ListenLoop, LoopSettings  # noqa: E402
from assistant.audio.sources import (CHUNK_SECONDS, SAMPLE_RATE, ArraySource, chunked, looping,  # noqa: E402
                                     paced, read_wav)
from assistant.audio.tts import synthesize  # noqa: E402
from assistant.audio.vad import EndpointSettings, Endpointer, EnergyVAD, VadEvent  # noqa: E402
from assistant.audio.verify import STAGE1_THRESHOLD, VerifiedWakeWord, two_stage_wake  # noqa: E402
from assistant.audio.wake import GainSettings, OpenWakeWord  # noqa: E402
from assistant.audio.whisper import ACCURATE, OFF, IncrementalSettings, WhisperSTT  # noqa: E402

VOICES = ["en-us", "en-gb", "en-gb-scotland", "en-gb-x-rp", "en-029", "en-us+f3", "en-gb+m3",
          "en-us+klatt", "en+f2", "en-gb-x-gbclan"]
HELD_OUT_VOICES = ["en-us-nyc", "en-gb-x-gbcwmd", "en-us+f4", "en-gb+m5", "en+Andy", "en-us+Annie"]
SPEEDS = [140, 165, 190]
COMMANDS = [
    "turn on the kitchen lights", "turn off the bedroom lights", "dim the living room lights to thirty percent",
    "set the thermostat to twenty one degrees", "is the front door locked", "turn off all the lights",
    "set a timer for five minutes", "set a pasta timer for ten minutes", "how much time is left on my timer",
    "cancel the timer", "remind me to call mom at five pm", "remind me tomorrow at nine to take out the trash",
    "what are my reminders", "add milk to the shopping list", "add eggs and bread to my shopping list",
    "what's on my shopping list", "remove milk from the shopping list", "add call the plumber to my to do list",
    "what notifications do i have", "read my notifications", "remember that my passport is in the top drawer",
    "where is my passport", "what time is it", "what's the date today", "stop", "what can you do",
    "tell me a joke", "how are you today", "turn on the porch light", "turn off the kitchen lights",
    "set an alarm for seven am", "clear my shopping list", "open the garage door", "what's the weather like",
    "good night", "thank you",
]
NEAR_MISSES = ["hey travis, turn on the lights", "hey jars, what time is it", "harvest the garden",
               "hey jeeves, stop", "a service is due", "hey marvin, what's up", "the jar is empty",
               "hey darvis, open the door", "hey charlie, thank you", "jarring news today"]
UNITS = ("zero one two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen "
         "sixteen seventeen eighteen nineteen").split()
TENS = "_ _ twenty thirty forty fifty sixty seventy eighty ninety".split()


# ---------------------------------------------------------------------------- speech
class Speech:
    """espeak-ng → 16 kHz mono int16 samples, with silence around them."""

    def __init__(self, folder: Path) -> None:
        self.folder, self.count = folder, 0

    def __call__(self, text: str, voice: str = "en-us", speed: int = 165, lead: float = 1.0,
                 trail: float = 1.5, pitch: int = 50) -> np.ndarray:
        self.count += 1
        raw = self.folder / f"raw{self.count}.wav"
        subprocess.run(["espeak-ng", "-v", voice, "-s", str(speed), "-p", str(pitch), "-w", str(raw), text],
                       check=True, stderr=subprocess.DEVNULL)
        samples = read_wav(raw)
        raw.unlink()
        return np.concatenate([silence(lead), samples, silence(trail)])


def silence(seconds: float) -> np.ndarray:
    return np.zeros(int(seconds * SAMPLE_RATE), np.int16)


def degrade(samples: np.ndarray, gain_db: float, snr_db: float | None, rng: np.random.Generator) -> np.ndarray:
    """Scale, then add white/pink-ish noise at `snr_db` below the speech level."""
    audio = samples.astype(np.float32) * 10 ** (gain_db / 20)
    if snr_db is not None:
        speech_rms = np.sqrt(np.mean(np.square(audio[np.abs(audio) > 100]))) if np.any(np.abs(audio) > 100) else 100
        noise = rng.normal(0, 1, len(audio)).astype(np.float32)
        if rng.random() < 0.5:  # pink-ish: integrate and high-pass a little
            noise = np.cumsum(noise) * 0.05
            noise -= np.convolve(noise, np.ones(200) / 200, mode="same")
        noise *= speech_rms / (np.sqrt(np.mean(np.square(noise))) + 1e-9) * 10 ** (-snr_db / 20)
        audio = audio + noise
    return np.clip(audio, -32768, 32767).astype(np.int16)


def voice_of(index: int) -> tuple[str, int]:
    return VOICES[index % len(VOICES)], SPEEDS[(index // len(VOICES)) % len(SPEEDS)]


@dataclass
class Clip:
    label: str
    samples: np.ndarray


def positives(speech: Speech, count: int, held_out: bool) -> list[Clip]:
    """Varied "hey jarvis, <command>" clips. The held-out half uses other voices, the other half of
    the commands and another seed: thresholds are tuned on the first half only."""
    rng = random.Random(2 if held_out else 1)
    nrng = np.random.default_rng(2 if held_out else 1)
    voices = HELD_OUT_VOICES if held_out else VOICES
    commands = COMMANDS[1::2] if held_out else COMMANDS[0::2]
    clips = []
    for index in range(count):
        voice, command = voices[index % len(voices)], rng.choice(commands)
        joiner = rng.choice([", ", " ", ". "])
        speed, pitch = rng.randint(130, 200), rng.randint(30, 70)
        samples = speech(f"hey jarvis{joiner}{command}", voice, speed, lead=rng.uniform(0, 1.5),
                         trail=rng.uniform(0.5, 1.5), pitch=pitch)
        gain = rng.choice([0.0, 0.0, -6.0, -12.0, -20.0, 4.0])
        snr = rng.choice([None, None, None, 30.0, 20.0])
        label = f"{voice} s{speed} p{pitch} {joiner.strip() or '_'} g{gain:+.0f} snr{snr}"
        clips.append(Clip(label, degrade(samples, gain, snr, nrng)))
    return clips


def negatives(speech: Speech, minutes: float) -> np.ndarray:
    """>= `minutes` of non-wake speech: the labelled utterances of data/eval, many voices."""
    texts = []
    from assistant.app import default_registry
    from assistant.routing.examples import example_files

    for path in [p for p, _ in example_files(default_registry())] + [ROOT / "data" / "eval" / "test.jsonl"]:
        if path.is_file():
            texts += [json.loads(line)["text"] for line in path.read_text().splitlines() if line.strip()]
    texts = [t for t in (texts or COMMANDS * 20) if "jarvis" not in t.lower()]
    parts, seconds = [], 0.0
    for index, text in enumerate(texts * 3):
        voice, speed = voice_of(index)
        parts.append(speech(text, voice, speed, lead=0.2, trail=0.6))
        seconds += len(parts[-1]) / SAMPLE_RATE
        if seconds >= minutes * 60:
            break
    return np.concatenate(parts)


# ---------------------------------------------------------------------------- metrics
def number_words(n: int) -> str:
    if n < 20:
        return UNITS[n]
    if n < 100:
        return TENS[n // 10] + ("" if n % 10 == 0 else " " + UNITS[n % 10])
    return str(n)


def normalise(text: str) -> list[str]:
    text = text.lower().replace("p.m.", "pm").replace("a.m.", "am").replace("%", " percent")
    text = re.sub(r"(\d+):00", r"\1", text)
    text = re.sub(r"(\d)([a-z])", r"\1 \2", text)
    text = re.sub(r"\d+", lambda m: number_words(int(m[0])), text)
    text = text.replace("-", " ").replace("to do", "todo").replace("to-do", "todo")
    return re.sub(r"[^a-z' ]", " ", text).split()


def edit_distance(ref: list[str], hyp: list[str]) -> int:
    row = list(range(len(hyp) + 1))
    for i, r in enumerate(ref, 1):
        prev, row[0] = row[0], i
        for j, h in enumerate(hyp, 1):
            prev, row[j] = row[j], min(row[j] + 1, row[j - 1] + 1, prev + (r != h))
    return row[-1]


def wer(pairs: list[tuple[str, str]]) -> float:
    errors = sum(edit_distance(normalise(ref), normalise(hyp)) for ref, hyp in pairs)
    return errors / sum(len(normalise(ref)) for ref, _ in pairs)


def pct(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(q * (len(ordered) - 1))))]


def rss_mb() -> float:
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return float("nan")


# ---------------------------------------------------------------------------- wake word
def score_trace(detector: OpenWakeWord, samples: np.ndarray) -> np.ndarray:
    detector.reset()
    scores = []
    for chunk in chunked(samples):
        detector.process(chunk)
        scores.append(detector.last_score)
    return np.array(scores)


def rising_edges(trace: np.ndarray, threshold: float) -> list[int]:
    above = trace >= threshold
    return [i for i in range(len(trace)) if above[i] and (i == 0 or not above[i - 1])]


@dataclass
class WakeData:
    sets: dict[str, list[Clip]]  # dev, held_out, near_miss, negatives (one long clip)
    traces: dict[tuple[str, str], list[np.ndarray]] = field(default_factory=dict)  # (gain mode, set)


def wake_counts(data: WakeData, gain: str, threshold: float, verifier: VerifiedWakeWord | None,
                cache: dict) -> dict[str, int]:
    """Per set: clips detected (positives) or detections (negatives, near misses). With a
    verifier, a stage-1 detection counts only if Whisper hears the keyword (as VerifiedWakeWord)."""
    after = round(verifier.settings.after / CHUNK_SECONDS) if verifier else 0
    window = round(verifier.settings.window / CHUNK_SECONDS) if verifier else 0
    counts = {"stage1": sum(len(rising_edges(t, threshold)) for t in data.traces[gain, "negatives"])}
    for name, clips in data.sets.items():
        hits = []
        for index, (clip, trace) in enumerate(zip(clips, data.traces[gain, name])):
            found = 0
            for edge in rising_edges(trace, threshold):
                if verifier is not None:
                    key = (gain, name, index, edge)
                    if key not in cache:
                        end = min(len(trace), edge + after + 1) * int(CHUNK_SECONDS * SAMPLE_RATE)
                        start = max(0, end - window * int(CHUNK_SECONDS * SAMPLE_RATE))
                        cache[key] = verifier.verify(clip.samples[start:end])
                    if not cache[key]:
                        continue
                found += 1
            hits.append(found)
        counts[name] = sum(hits) if name in ("negatives", "near_miss") else sum(h > 0 for h in hits)
    return counts


def bench_wake(speech: Speech, whisper: WhisperSTT, count: int, minutes: float, table: list) -> None:
    data = WakeData({"dev": positives(speech, count, False), "held_out": positives(speech, count, True),
                     "near_miss": [Clip(t, speech(t, v, 160, lead=0.5, trail=0.8))
                                   for t in NEAR_MISSES for v in ("en-us", "en-gb")],
                     "negatives": [Clip("negatives", negatives(speech, minutes))]})
    neg_minutes = len(data.sets["negatives"][0].samples) / SAMPLE_RATE / 60
    gains = {"raw": None, "gain": GainSettings()}
    for gain, settings in gains.items():
        detector = OpenWakeWord(gain=settings)
        for name, clips in data.sets.items():
            data.traces[gain, name] = [score_trace(detector, clip.samples) for clip in clips]
    verifier, cache = VerifiedWakeWord(OpenWakeWord(), whisper), {}
    size = {name: len(clips) for name, clips in data.sets.items()}

    def row(label: str, counts: dict[str, int]) -> tuple:
        return (label, f"{counts['dev']}/{size['dev']} = {counts['dev'] / size['dev']:.0%}",
                f"{counts['held_out']}/{size['held_out']} = {counts['held_out'] / size['held_out']:.0%}",
                f"{counts['negatives']}", f"{counts['near_miss']}/{size['near_miss']}", str(counts["stage1"]))

    rows = []
    for gain in gains:
        for threshold in (0.05, 0.1, 0.2, 0.3, 0.5, 0.7):
            rows.append(row(f"single stage, {gain}, threshold {threshold}",
                            wake_counts(data, gain, threshold, None, cache)))
    for gain in gains:
        for threshold in (0.005, 0.01, 0.02, 0.05, 0.1, 0.3):
            rows.append(row(f"two-stage, {gain}, stage 1 at {threshold}",
                            wake_counts(data, gain, threshold, verifier, cache)))
    print(f"\nwake-word sweep ({size['dev']} tuning / {size['held_out']} held-out positives, "
          f"{neg_minutes:.1f} min of non-wake speech, {size['near_miss']} near-miss phrases):")
    print_table(("detector", "tuning set", "held-out", f"false in {neg_minutes:.0f} min", "near misses",
                 "stage-1 fires in negatives"), rows)

    # The shipped two-stage detector, run for real (the class, not the emulation above).
    real, detector = {}, two_stage_wake("hey_jarvis", whisper)
    for name in ("held_out", "negatives", "near_miss"):
        found = []
        for clip in data.sets[name]:
            detector.reset()
            found.append(sum(detector.process(chunk) for chunk in chunked(clip.samples)))
        real[name] = sum(found) if name != "held_out" else sum(f > 0 for f in found)
    single = wake_counts(data, "raw", 0.5, None, cache)
    table.append((f"wake word detected, held-out positives (after: two-stage at {STAGE1_THRESHOLD}, gain)",
                  _ratio(single["held_out"], size["held_out"]),
                  _ratio(real["held_out"], size["held_out"]), "", ">= 90%"))
    table.append(("  same, tuning positives", _ratio(single["dev"], size["dev"]), "(see sweep)", "", ""))
    table.append((f"false wake triggers in {neg_minutes:.1f} min of non-wake speech", str(single["negatives"]),
                  str(real["negatives"]), "", "<= 1"))
    table.append((f"near-miss phrases accepted (of {size['near_miss']})", str(single["near_miss"]),
                  str(real["near_miss"]), "", "low"))


def _ratio(hits: int, total: int) -> str:
    return f"{hits}/{total} = {hits / total:.0%}"


# ---------------------------------------------------------------------------- endpoint, WER
def bench_endpoint(speech: Speech, table: list) -> None:
    clips = [speech(c, *voice_of(i), lead=0.5, trail=1.0) for i, c in enumerate(COMMANDS)]
    clips += [speech(f"hey jarvis, {c}", v, 130, lead=0.5, trail=1.0) for c, v in zip(COMMANDS, VOICES * 4)]
    for hangover in (0.32, 0.4, 0.48, 0.56):
        split = 0
        for samples in clips:
            endpointer = Endpointer(EnergyVAD(), EndpointSettings(hangover=hangover))
            ends = sum(endpointer.feed(chunk) is VadEvent.SPEECH_END for chunk in chunked(samples))
            split += ends > 1
        table.append((f"utterances split in two by a pause, hangover {hangover:.2f} s", "", f"{split}/{len(clips)}",
                      "", "0" if hangover == EndpointSettings().hangover else "(info)"))


def bench_wer(speech: Speech, engines: dict[str, WhisperSTT], table: list) -> list:
    clips = [(c, speech(c, *voice_of(i))) for i, c in enumerate(COMMANDS)]
    results = {name: [] for name in engines}
    for command, samples in clips:
        for name, engine in engines.items():
            began = time.perf_counter()
            text = engine.run(samples)
            results[name].append((command, text, (time.perf_counter() - began) * 1000))
    before, after = (results[name] for name in engines)
    table.append((f"WER, Whisper tiny.en, {len(clips)} commands", f"{wer([r[:2] for r in before]):.1%}",
                  f"{wer([r[:2] for r in after]):.1%}", "", "<= 15%"))
    table.append(_timing_row("speech-to-text time per command (one call)", [r[2] for r in before],
                             [r[2] for r in after]))
    return [(ref, hyp) for ref, hyp, _ in after if normalise(ref) != normalise(hyp)]


def _timing_row(label: str, before: list[float], after: list[float], target: str = "") -> tuple:
    def cell(values: list[float]) -> str:
        return f"{statistics.median(values) / 1000:.2f} / {pct(values, 0.95) / 1000:.2f} s" if values else "-"
    base = statistics.median(before) if before else 0
    ratio = f"x{statistics.median(after) / base:.2f}" if base and after else ""
    return (label + " p50 / p95", cell(before), cell(after), ratio, target)


# ---------------------------------------------------------------------------- loop
@dataclass(frozen=True)
class LoopMode:
    name: str
    whisper: object  # WhisperSettings
    incremental: IncrementalSettings
    two_stage: bool
    hangover: float = EndpointSettings().hangover
    plan_ahead: bool = False  # route the tentative transcript during the end-of-speech silence


def bench_loop(speech: Speech, modes: list[LoopMode], count: int, table: list) -> dict:
    """Each command after the wake word, paced in real time, through the loop and the assistant."""
    from assistant.app import build_assistant

    clips = [(c, speech(f"hey jarvis, {c}", *voice_of(i), lead=0.5, trail=1.2))
             for i, c in enumerate(COMMANDS[:count])]
    results = {}
    for mode in modes:
        os.environ["ASSISTANT_HOME"] = tempfile.mkdtemp(prefix="home-", dir=speech.folder)  # fresh state
        assistant = build_assistant()
        assistant.handle("turn on the hallway light")  # load and warm the models (not measured)
        whisper = WhisperSTT(settings=mode.whisper, incremental=mode.incremental)
        whisper.load()
        rows = []
        for command, samples in clips:
            wake = two_stage_wake("hey_jarvis", whisper) if mode.two_stage else OpenWakeWord()
            respond = ({"planner": AssistantPlanner(assistant)} if mode.plan_ahead
                       else {"handle": lambda text: assistant.handle(text, source="voice")})
            loop = ListenLoop(**respond, stt=whisper, wake=wake,
                              settings=LoopSettings(endpoint=EndpointSettings(hangover=mode.hangover)))
            for heard in loop.run(paced(chunked(samples))):
                timings = heard.reply.timings_ms
                rows.append({"command": command, "heard": heard.transcript, "early": heard.stt_early,
                             "planned": heard.planned_early,
                             "api": f"{heard.reply.expert}.{heard.reply.api}",
                             "action": timings.get("end_of_speech_to_first_action"),
                             "in_pipeline": timings.get("first_action"), "stt": timings.get("stt")})
        results[mode.name] = rows
    base = results[modes[0].name]
    for mode in modes[1:]:
        rows = results[mode.name]
        table.append((f"[{mode.name}] vs [{modes[0].name}]", "", "", "", ""))
        table.append(("  commands heard / WER through the loop", f"{len(base)} / {wer(_pairs(base)):.1%}",
                      f"{len(rows)} / {wer(_pairs(rows)):.1%}", "", f"{len(clips)}"))
        table.append(_timing_row("  end of speech → first action", _col(base, "action"), _col(rows, "action"),
                                 "<= 1.5 s p50"))
        table.append(_timing_row("  wait for the transcript after the endpoint", _col(base, "stt"),
                                 _col(rows, "stt")))
        table.append(_timing_row("  routing to first action (pipeline)", _col(base, "in_pipeline"),
                                 _col(rows, "in_pipeline")))
        early = sum(r["early"] for r in rows)
        table.append(("  transcripts begun at the tentative endpoint", "", f"{early}/{len(rows)}", "", ""))
        planned = sum(r["planned"] for r in rows)
        table.append(("  plans made there and committed", "", f"{planned}/{len(rows)}", "", ""))
    return results


def _pairs(rows: list[dict]) -> list[tuple[str, str]]:
    return [(r["command"], r["heard"]) for r in rows]


def _col(rows: list[dict], key: str) -> list[float]:
    return [r[key] for r in rows if r.get(key) is not None]


# ---------------------------------------------------------------------------- soak
def bench_soak(speech: Speech, minutes: float, table: list) -> None:
    from assistant.app import build_assistant

    cycle = np.concatenate([speech("hey jarvis, what time is it", lead=1.0, trail=2.0),
                            speech("what's the date today", lead=0.5, trail=1.5),
                            speech("hey jarvis, stop", lead=0.5, trail=2.0)])
    assistant = build_assistant()

    class SynthesisOnly:  # exercise speech synthesis too, without a sound card
        speaking = False

        def speak(self, text): synthesize(text)

        def stop(self): pass

        def wait(self): pass

        def close(self): pass

    whisper = WhisperSTT()
    loop = ListenLoop(handle=assistant.handle, stt=whisper, speaker=SynthesisOnly(),
                      wake=two_stage_wake("hey_jarvis", whisper))
    samples, handled, started = [], 0, time.perf_counter()
    for _ in loop.run(_sampling(looping(ArraySource(cycle), seconds=minutes * 60), samples)):
        handled += 1
    settled = samples[min(5, len(samples) - 1)][1]
    table.append((f"soak: {minutes:g} min of looping input in {(time.perf_counter() - started) / 60:.1f} min "
                  f"wall, {handled} utterances", "", f"RSS {samples[0][1]:.0f} → {settled:.0f} (5 min) → "
                  f"{samples[-1][1]:.0f} MB", "", "no growth"))
    table.append(("soak: RSS growth after the first 5 minutes", "", f"{samples[-1][1] - settled:+.1f} MB", "", "~0"))


def _sampling(chunks, samples: list, every: float = 60.0):
    next_at = 0.0
    for chunk in chunks:
        if chunk.start >= next_at:
            samples.append((round(chunk.start / 60, 1), round(rss_mb(), 1)))
            next_at += every
        yield chunk


# ---------------------------------------------------------------------------- report
def print_table(header: tuple, rows: list[tuple]) -> None:
    widths = [max(len(str(r[i])) for r in [header, *rows]) for i in range(len(header))]
    line = "  ".join(f"{{:<{w}}}" for w in widths)
    print(line.format(*header))
    print("-" * (sum(widths) + 2 * len(widths)))
    for row in rows:
        print(line.format(*row))


LOOP_MODES = [
    LoopMode("before", ACCURATE, OFF, two_stage=False),
    LoopMode("windowed whisper", WhisperSTT().settings, OFF, two_stage=False),
    LoopMode("+ tentative endpoint", WhisperSTT().settings, IncrementalSettings(), two_stage=False),
    LoopMode("+ two-stage wake", WhisperSTT().settings, IncrementalSettings(), two_stage=True),
    LoopMode("+ routing ahead (after)", WhisperSTT().settings, IncrementalSettings(), two_stage=True,
             plan_ahead=True),
    LoopMode("after + partials every 0.8 s", WhisperSTT().settings, IncrementalSettings(partial_every=0.8),
             two_stage=True, plan_ahead=True),
    LoopMode("after with hangover 0.40 s", WhisperSTT().settings, IncrementalSettings(), two_stage=True,
             hangover=0.4, plan_ahead=True),
]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--positives", type=int, default=60, help="wake-word positives per half")
    parser.add_argument("--negative-minutes", type=float, default=10.0)
    parser.add_argument("--loop-commands", type=int, default=len(COMMANDS))
    parser.add_argument("--loop-modes", default="", help="comma-separated mode names to run (default: all; "
                        f"the first is the baseline): {', '.join(m.name for m in LOOP_MODES)}")
    parser.add_argument("--soak", type=float, default=0.0, metavar="MINUTES",
                        help="minutes of looping input for the memory check (0: skip)")
    parser.add_argument("--parts", default="wake,endpoint,wer,loop",
                        help="comma-separated subset of: wake, endpoint, wer, loop (default: all)")
    args = parser.parse_args()
    parts = set(args.parts.split(","))

    with tempfile.TemporaryDirectory() as tmp:
        os.environ.setdefault("ASSISTANT_HOME", str(Path(tmp) / "home"))
        speech = Speech(Path(tmp))
        whisper = WhisperSTT()
        whisper.load()
        table: list[tuple] = []
        misheard, loop = [], {}
        if "wake" in parts:
            bench_wake(speech, whisper, args.positives, args.negative_minutes, table)
        if "endpoint" in parts:
            bench_endpoint(speech, table)
        if "wer" in parts:
            misheard = bench_wer(speech, {"before": WhisperSTT(settings=ACCURATE), "after": whisper}, table)
        if "loop" in parts:
            wanted = [name.strip() for name in args.loop_modes.split(",") if name.strip()]
            modes = [m for m in LOOP_MODES if not wanted or m.name in wanted]
            loop = bench_loop(speech, modes, args.loop_commands, table)
        if args.soak:
            bench_soak(speech, args.soak, table)

    print("\nbefore = as first shipped (single-stage wake at 0.5, Whisper 30 s window + beam 5 + Silero VAD, "
          "no tentative endpoint);\nafter = two-stage wake, windowed Whisper, tentative endpoint, routing ahead. "
          "Timings: p50 / p95 over the commands (2 shared cores: compare ratios).\n")
    print_table(("metric", "before", "after", "ratio", "target"), table)
    if misheard:
        print("\nmisheard commands (windowed Whisper):")
        for ref, hyp in misheard:
            print(f"  {ref!r} → {hyp!r}")
    for name, rows in loop.items():
        print(f"\nloop [{name}] (heard → api, end of speech → first action ms, stt wait ms, early, planned):")
        for row in rows:
            print(f"  {row['heard']!r:<52} {row['api']:<26} {row['action']} {row['stt']} {row['early']} "
                  f"{row['planned']}")


if __name__ == "__main__":
    main()
