#!/usr/bin/env python3
"""Benchmark the voice loop on synthetic speech (espeak-ng + sox), and print a table.

- wake word: detection rate on positives ("hey jarvis, <command>", several voices and speeds),
  with and without a pause after the wake phrase;
- false triggers on >= 10 minutes of non-wake speech (the labelled utterances in data/eval);
- word error rate of the default engine (Whisper tiny.en) on a command set, on the whole file
  and on what the loop heard after the wake word;
- end of speech → first action (and → reply) through the full loop with the real assistant;
- `--soak MINUTES`: the loop on a looping input for that many minutes of audio, RSS over time.

    python scripts/bench_voice.py                 # everything but the soak (~10 min)
    python scripts/bench_voice.py --soak 60       # plus an hour of looping input (~10 min more)
    python scripts/bench_voice.py --parts wer     # one part (wake, false, wer, loop)
"""
from __future__ import annotations

import argparse
import json
import os
import re
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from assistant.audio.loop import ListenLoop  # noqa: E402
from assistant.audio.sources import SAMPLE_RATE, WavSource, looping  # noqa: E402
from assistant.audio.stt import WhisperSTT, transcribe  # noqa: E402
from assistant.audio.tts import synthesize  # noqa: E402
from assistant.audio.wake import OpenWakeWord  # noqa: E402

VOICES = ["en-us", "en-gb", "en-gb-scotland", "en-gb-x-rp", "en-029", "en-us+f3", "en-gb+m3",
          "en-us+klatt", "en+f2", "en-gb-x-gbclan"]
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
UNITS = ("zero one two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen "
         "sixteen seventeen eighteen nineteen").split()
TENS = "_ _ twenty thirty forty fifty sixty seventy eighty ninety".split()


# ---------------------------------------------------------------------------- speech
class Speech:
    def __init__(self, folder: Path) -> None:
        self.folder, self.count = folder, 0

    def __call__(self, text: str, voice: str = "en-us", speed: int = 165, lead: float = 1.0,
                 trail: float = 1.5) -> Path:
        self.count += 1
        raw, out = self.folder / f"raw{self.count}.wav", self.folder / f"s{self.count}.wav"
        subprocess.run(["espeak-ng", "-v", voice, "-s", str(speed), "-w", str(raw), text], check=True,
                       stderr=subprocess.DEVNULL)
        subprocess.run(["sox", str(raw), "-r", str(SAMPLE_RATE), "-c", "1", "-b", "16", str(out), "pad",
                        str(lead), str(trail)], check=True)
        raw.unlink()
        return out

    def join(self, paths: list[Path], name: str) -> Path:
        out = self.folder / name
        subprocess.run(["sox", *map(str, paths), str(out)], check=True)
        return out


def voice_of(index: int) -> tuple[str, int]:
    return VOICES[index % len(VOICES)], SPEEDS[(index // len(VOICES)) % len(SPEEDS)]


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


def rss_mb() -> float:
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return float("nan")


# ---------------------------------------------------------------------------- benchmarks
def bench_wake(speech: Speech, count: int) -> dict:
    detector = OpenWakeWord()
    result = {}
    for label, joiner in (("pause", ", "), ("no_pause", " ")):
        hits = 0
        for index in range(count):
            voice, speed = voice_of(index)
            command = COMMANDS[index % len(COMMANDS)]
            detector.reset()
            path = speech(f"hey jarvis{joiner}{command}", voice, speed)
            hits += any(detector.process(chunk) for chunk in WavSource(path))
        result[label] = (hits, count)
    return result


def bench_false_triggers(speech: Speech, minutes: float) -> tuple[int, float]:
    texts = []
    for name in ("train.jsonl", "test.jsonl"):
        path = ROOT / "data" / "eval" / name
        if path.is_file():
            texts += [json.loads(line)["text"] for line in path.read_text().splitlines() if line.strip()]
    texts = texts or COMMANDS * 20
    texts = [t for t in texts if "jarvis" not in t.lower()]
    paths, seconds = [], 0.0
    for index, text in enumerate(texts * 3):
        voice, speed = voice_of(index)
        path = speech(text, voice, speed, lead=0.2, trail=0.6)
        paths.append(path)
        seconds += WavSource(path).duration
        if seconds >= minutes * 60:
            break
    joined = speech.join(paths, "negatives.wav")
    for path in paths:
        path.unlink()
    detector = OpenWakeWord()
    triggers = sum(detector.process(chunk) for chunk in WavSource(joined))
    return triggers, WavSource(joined).duration / 60


def bench_wer(speech: Speech, whisper: WhisperSTT) -> tuple[float, list, dict]:
    pairs, by_voice = [], {}
    for index, command in enumerate(COMMANDS):
        voice, speed = voice_of(index)
        pair = (command, transcribe(whisper, WavSource(speech(command, voice, speed))).text)
        pairs.append(pair)
        by_voice.setdefault(voice, []).append(pair)
    return wer(pairs), pairs, {voice: wer(group) for voice, group in by_voice.items()}


def bench_loop(speech: Speech, whisper: WhisperSTT) -> dict:
    """Each command after the wake word, through the full loop and the real assistant."""
    from assistant.app import build_assistant

    assistant = build_assistant()
    assistant.handle("turn on the hallway light")  # load and warm the models (not measured)
    rows = []
    for index, command in enumerate(COMMANDS):
        voice, speed = voice_of(index)
        loop = ListenLoop(handle=lambda text: assistant.handle(text, source="voice"), stt=whisper,
                          wake=OpenWakeWord())
        for heard in loop.run(WavSource(speech(f"hey jarvis, {command}", voice, speed))):
            timings = heard.reply.timings_ms
            rows.append({"command": command, "heard": heard.transcript, "api": f"{heard.reply.expert}."
                         f"{heard.reply.api}", "fast": "route" not in timings and "propose" not in timings,
                         "action": timings.get("end_of_speech_to_first_action"),
                         "reply": timings.get("end_of_speech_to_reply"), "stt": timings.get("stt")})
    return {"rows": rows, "missed": len(COMMANDS) - len(rows)}


def bench_soak(speech: Speech, whisper: WhisperSTT, minutes: float) -> dict:
    from assistant.app import build_assistant

    cycle = speech.join([speech("hey jarvis, what time is it", lead=1.0, trail=2.0),
                         speech("what's the date today", lead=0.5, trail=1.5),
                         speech("hey jarvis, stop", lead=0.5, trail=2.0)], "soak.wav")
    assistant = build_assistant()

    class SynthesisOnly:  # exercise speech synthesis too, without a sound card
        speaking = False

        def speak(self, text): synthesize(text)

        def stop(self): pass

        def wait(self): pass

        def close(self): pass

    loop = ListenLoop(handle=assistant.handle, stt=whisper, wake=OpenWakeWord(), speaker=SynthesisOnly())
    samples, handled, started = [], 0, time.perf_counter()
    for _ in loop.run(_sampling(looping(WavSource(cycle), seconds=minutes * 60), samples)):
        handled += 1
    return {"samples": samples, "handled": handled, "wall_min": (time.perf_counter() - started) / 60,
            "cycle_s": WavSource(cycle).duration}


def _sampling(chunks, samples: list, every: float = 60.0):
    next_at = 0.0
    for chunk in chunks:
        if chunk.start >= next_at:
            samples.append((round(chunk.start / 60, 1), round(rss_mb(), 1)))
            next_at += every
        yield chunk


# ---------------------------------------------------------------------------- report
def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--positives", type=int, default=30, help="wake-word positives per variant")
    parser.add_argument("--negative-minutes", type=float, default=10.0)
    parser.add_argument("--soak", type=float, default=0.0, metavar="MINUTES",
                        help="minutes of looping input for the memory check (0: skip)")
    parser.add_argument("--parts", default="wake,false,wer,loop",
                        help="comma-separated subset of: wake, false, wer, loop (default: all)")
    args = parser.parse_args()
    parts = set(args.parts.split(","))

    with tempfile.TemporaryDirectory() as tmp:
        os.environ.setdefault("ASSISTANT_HOME", str(Path(tmp) / "home"))
        speech = Speech(Path(tmp))
        whisper = WhisperSTT()
        whisper.load()
        table: list[tuple[str, str, str]] = []

        misheard: list[tuple[str, str]] = []
        if "wake" in parts:
            for label, (hits, total) in bench_wake(speech, args.positives).items():
                target = ">= 90%" if label == "pause" else "(info)"
                table.append((f"wake word detected ({label.replace('_', ' ')} after 'hey jarvis')",
                              f"{hits}/{total} = {hits / total:.0%}", target))
        if "false" in parts:
            triggers, minutes = bench_false_triggers(speech, args.negative_minutes)
            table.append(("false wake triggers on non-wake speech", f"{triggers} in {minutes:.1f} min", "<= 1"))
        if "wer" in parts:
            error_rate, pairs, by_voice = bench_wer(speech, whisper)
            table.append((f"WER, Whisper tiny.en, {len(pairs)} commands (whole file)", f"{error_rate:.1%}",
                          "<= 15%"))
            for voice, rate in sorted(by_voice.items(), key=lambda item: item[1]):
                table.append((f"  WER, voice {voice}", f"{rate:.0%}", ""))
            misheard = [(ref, hyp) for ref, hyp in pairs if normalise(ref) != normalise(hyp)]

        if "loop" in parts:
            loop = bench_loop(speech, whisper)
            rows = loop["rows"]
            table.append(("WER through the loop (after the wake word)",
                          f"{wer([(r['command'], r['heard']) for r in rows]):.1%} "
                          f"({loop['missed']} not heard)", "<= 15%"))
            for label, subset in (("all", rows), ("fast path", [r for r in rows if r["fast"]]),
                                  ("model-routed", [r for r in rows if not r["fast"]])):
                actions = [r["action"] for r in subset if r["action"] is not None]
                replies = [r["reply"] for r in subset if r["reply"] is not None]
                if actions:
                    table.append((f"end of speech → first action p50, {label} (n={len(actions)})",
                                  f"{statistics.median(actions) / 1000:.2f} s", "<= 1.5 s" if label == "all" else ""))
                if replies and label == "all":
                    table.append((f"end of speech → reply p50, {label} (n={len(replies)})",
                                  f"{statistics.median(replies) / 1000:.2f} s", ""))
            stts = [r["stt"] for r in rows if r["stt"]]
            table.append(("speech-to-text time per utterance p50", f"{statistics.median(stts) / 1000:.2f} s", ""))

        if args.soak:
            soak = bench_soak(speech, whisper, args.soak)
            samples = soak["samples"]
            settled = samples[min(5, len(samples) - 1)][1]
            growth = samples[-1][1] - settled
            table.append((f"soak: {args.soak:g} min of looping input in {soak['wall_min']:.1f} min wall, "
                          f"{soak['handled']} utterances",
                          f"RSS {samples[0][1]:.0f} → {settled:.0f} (5 min) → {samples[-1][1]:.0f} MB "
                          f"(max {max(s[1] for s in samples):.0f})", "no growth"))
            table.append(("soak: RSS growth after the first 5 minutes", f"{growth:+.1f} MB", "~0"))

    width = max(len(row[0]) for row in table)
    print(f"\n{'metric':<{width}}  {'value':<40}  target")
    print("-" * (width + 52))
    for metric, value, target in table:
        print(f"{metric:<{width}}  {value:<40}  {target}")
    if misheard:
        print("\nmisheard commands (Whisper, whole file):")
        for ref, hyp in misheard:
            print(f"  {ref!r} → {hyp!r}")
    if "loop" in parts:
        print("\nloop results (heard → api, end of speech → first action / reply, ms):")
        for row in loop["rows"]:
            print(f"  {row['heard']!r:<52} {row['api']:<28} {row['action']} / {row['reply']}")


if __name__ == "__main__":
    main()
