#!/usr/bin/env python3
"""Benchmark: device names in spoken commands, with and without biasing speech-to-text towards
the home's names, and with and without sounds-alike matching in the resolver (issue 19, kind 9).

Commands naming devices of the demo home and of a made-up one (scripts/data/voice_home.yaml) are
spoken by espeak-ng in two voices and transcribed by the real default engine (Whisper tiny.en,
windowed), each without and with the home's vocabulary as its prompt (`bias_prompt`); a few
commands without device names check that the prompt does no harm. Each transcript is then handed
to the real assistant (models loaded: run under the model lock) as voice or as text input on a
fresh copy of its home, and the device's state is checked. An answer that asks ("did you mean
the Porch Light?") is answered "yes" and counted apart.

    flock /work/model.lock python scripts/bench_voice_names.py [--voices en-us,en-gb] [--no-actions]

`--scorers FILE` (no model, no lock needed) instead runs written mishearings
(scripts/data/voice_names20.yaml) through the resolver as voice input, once with the consonant key
alone and once with the phoneme scorer (espeak-ng), and prints both side by side: acted on the
right device, asked "did you mean…" about it, a wrong device, missed; and, for phrases naming
nothing in the home, how many acted on or asked about a device by sounding alike (found by their
kind or room instead, "music" for the Sonos, is no sounds-alike match and is not counted).

    python scripts/bench_voice_names.py --scorers scripts/data/voice_names20.yaml [--split dev] [-v]
"""
from __future__ import annotations

import argparse
import re
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from assistant.app import default_registry  # noqa: E402

DEMO = ROOT / "assistant" / "data" / "demo_home.yaml"
MADE_UP = ROOT / "scripts" / "data" / "voice_home.yaml"
NOW = datetime(2026, 12, 2, 19, 30)


@dataclass(frozen=True)
class Command:
    text: str
    home: Path
    name: str = ""  # the device name said (its words are scored)
    device: str = ""  # the device id whose state is checked
    state: str = ""  # its expected state afterwards


COMMANDS = [
    Command("switch on the coffee maker", DEMO, "coffee maker", "switch.coffee_maker_5e6f", "on"),
    Command("turn off the floor lamp", DEMO, "floor lamp", "light.living_room_floor_lamp_9c0d", "off"),
    Command("turn on the dining table pendant", DEMO, "dining table pendant", "light.dining_pendant_9a0b", "on"),
    Command("switch on the towel heater", DEMO, "towel heater", "switch.bathroom_towel_heater_0d2f", "on"),
    Command("turn on the under cabinet lights", DEMO, "under cabinet lights", "light.kitchen_under_cabinet_3c4d", "on"),
    Command("put the mirror light on", DEMO, "mirror light", "light.bathroom_mirror_9c1e", "on"),
    Command("turn on the bedside lamp", DEMO, "bedside lamp", "light.bedside_lamp_3c5e", "on"),
    Command("open the bedroom shades", DEMO, "bedroom shades", "cover.bedroom_shades_6f8b", "open"),
    Command("switch on the porch light", MADE_UP, "porch light", "light.porch_7f1a", "on"),
    Command("turn on the patio heater", MADE_UP, "patio heater", "switch.patio_heater_4d5e", "on"),
    Command("switch off the aquarium light", MADE_UP, "aquarium light", "light.aquarium_a3b4", "off"),
    Command("turn on the sofa lamp", MADE_UP, "sofa lamp", "light.sofa_lamp_c5d6", "on"),
    Command("start the orchid fan", MADE_UP, "orchid fan", "fan.orchid_fan_0a1b", "on"),
    Command("switch on the pergola lights", MADE_UP, "pergola lights", "light.pergola_6f70", "on"),
    Command("turn the hot tub on", MADE_UP, "hot tub", "switch.hot_tub_8192", "on"),
    Command("turn on the dehumidifier", MADE_UP, "dehumidifier", "switch.dehumidifier_6a7b", "on"),
    Command("lock the side gate", MADE_UP, "side gate", "lock.side_gate_2b3c", "locked"),
    Command("close the skylight blind", MADE_UP, "skylight blind", "cover.skylight_blind_2c3d", "closed"),
]
CONTROLS = [Command("set a timer for ten minutes", DEMO), Command("add bread to the shopping list", DEMO),
            Command("what's the weather like tomorrow", MADE_UP), Command("remind me to call the plumber at noon", MADE_UP),
            Command("cancel the timer", DEMO), Command("what's on my shopping list", DEMO),
            Command("turn off all the lights", MADE_UP), Command("how long is left on my pasta timer", MADE_UP)]
NUMBERS = "zero one two three four five six seven eight nine ten".split()


def words(text: str) -> list[str]:
    text = re.sub(r"\d+", lambda m: NUMBERS[int(m[0])] if int(m[0]) < len(NUMBERS) else m[0], text)
    return re.sub(r"[^a-z' ]", " ", text.lower().replace("'s", "s")).split()


def word_errors(said: str, heard: str) -> tuple[int, int]:
    """(edit distance in words, words said)."""
    a, b = words(said), words(heard)
    row = list(range(len(b) + 1))
    for i, wa in enumerate(a, 1):
        prev, row[0] = row[0], i
        for j, wb in enumerate(b, 1):
            prev, row[j] = row[j], min(row[j] + 1, row[j - 1] + 1, prev + (wa != wb))
    return row[-1], len(a)


def name_misses(name: str, heard: str) -> tuple[int, int]:
    """(name words not heard, name words)."""
    heard_words = set(words(heard))
    said = words(name)
    return sum(w not in heard_words for w in said), len(said)


def synthesise(text: str, voice: str, folder: Path) -> Path:
    from assistant.audio.sources import SAMPLE_RATE

    raw, out = folder / "raw.wav", folder / f"{abs(hash((text, voice)))}.wav"
    subprocess.run(["espeak-ng", "-v", voice, "-s", "160", "-w", str(raw), text], check=True)
    subprocess.run(["sox", str(raw), "-r", str(SAMPLE_RATE), "-c", "1", "-b", "16", str(out),
                    "pad", "0.5", "1.0"], check=True)
    return out


class Ears:
    """The engines and prompts compared."""

    def __init__(self) -> None:
        from assistant.audio.whisper import ACCURATE, WhisperSTT

        self.windowed, self.full = WhisperSTT(), WhisperSTT(settings=ACCURATE)
        self.windowed.load()
        self.full.load()

    def hear(self, mode: str, wav: Path, names: list[str]) -> tuple[str, float]:
        from assistant.audio.sources import WavSource, read_wav
        from assistant.audio.whisper import bias_prompt

        started = time.perf_counter()
        prompt = bias_prompt(names)
        if mode in ("none", "names"):  # the default engine, as `assistant listen` runs it
            stream = self.windowed.stream(vocabulary=names if mode == "names" else ())
            for chunk in WavSource(wav):
                stream.accept(chunk)
            text = stream.finish().text
        else:  # faster-whisper's own 30 s transcribe: hotwords vs initial_prompt
            audio = read_wav(wav).astype("float32") / 32768
            option = {"hotwords": prompt} if mode == "30s-hotwords" else {"initial_prompt": prompt}
            if mode == "30s-none":
                option = {}
            segments, _ = self.full._model.transcribe(audio, language="en", beam_size=5, vad_filter=True,
                                                      condition_on_previous_text=False, **option)
            text = " ".join(s.text.strip() for s in segments).strip()
        return text, (time.perf_counter() - started) * 1000


def vocabulary_of(home: Path) -> list[str]:
    from assistant.app import open_state

    registry = default_registry()
    db = open_state(registry, ":memory:")
    registry.service("load_home")(db, registry.service("load_home_file")(home))
    return registry.vocabulary(db)


class Actor:
    """The real assistant on a fresh copy of a home, per transcript (results cached)."""

    def __init__(self) -> None:
        from assistant.config import load_settings
        from assistant.llm.roles import ModelRoles

        self.registry, self.roles = default_registry(), ModelRoles(load_settings())
        self.done: dict[tuple, str] = {}

    def outcome(self, command: Command, text: str, source: str) -> str:
        """"acted" (right device, right state), "asked" (right after "yes"), or "missed"."""
        key = (command.text, text, source)
        if key not in self.done:
            self.done[key] = self._run(command, text, source)
        return self.done[key]

    def _run(self, command: Command, text: str, source: str) -> str:
        from assistant.evaluation.cases import EvalCase
        from assistant.evaluation.runner import fresh_assistant

        assistant = fresh_assistant(EvalCase(id="bench", text=text, home=command.home, now=NOW),
                                    self.roles, self.registry)
        state = lambda: {d["id"]: d["state"] for d in self.registry.service("list_devices")(assistant.db)}  # noqa: E731
        before = state()
        reply = assistant.handle(text, source=source)
        outcome = "acted"
        if reply.needs_confirmation:
            assistant.handle("yes", source=source)
            outcome = "asked"
        after = state()
        changed = {k for k in after if after[k] != before[k]}
        assistant.db.conn.close()
        return outcome if after[command.device] == command.state and changed <= {command.device} else "missed"


SCORERS = ("key", "phones")  # the consonant key alone (espeak-ng hidden), and with phonemes
OUTCOMES = ("acted", "asked", "which", "wrong", "missed")


def scorer_outcome(db, case: dict, scorer: str) -> str:
    """What a voice call on the heard phrase does: for a name, "acted" / "asked" (on the meant
    device), "which" (a choice holding it), "wrong" or "missed"; for nothing, "none", "false" (a
    device found by sounding alike) or "kind" (found by its kind or room: "music", the Sonos)."""
    from unittest import mock

    from assistant.experts.smart_home import apis, sounds_like

    api = "close" if str(case["meant_id"] or "").startswith("cover.") else "turn_on"
    said, args = f"{api.replace('_', ' ')} the {case['heard']}", {"device": case["heard"]}
    with mock.patch.object(sounds_like, "ESPEAK", None if scorer == "key" else sounds_like.ESPEAK):
        found = apis.targets(db, api, args, said=said, source="voice")
        asked = apis.requires_confirmation(db, api, args, said=said, source="voice")
    ids, choices = [d.id for d in found.devices], list(found.which.choices if found.which else [])
    if not case["meant_id"]:
        return "none" if not (ids or choices) else "false" if found.heard is not None else "kind"
    if ids == [case["meant_id"]]:
        return "asked" if asked else "acted"
    if case["meant_id"] in choices:
        return "which"
    return "wrong" if ids or choices else "missed"


def written_cases(path: Path, split: str | None) -> tuple[dict, list[dict]]:
    """The file's homes (loaded, by name) and cases (with the meant device's id)."""
    import yaml

    from assistant.app import open_state
    from assistant.experts.smart_home.home_file import parse_home

    data = yaml.safe_load(path.read_text())
    registry, dbs = default_registry(), {}
    for name, home in data["homes"].items():
        dbs[name] = open_state(registry, ":memory:")
        registry.service("load_home")(dbs[name], parse_home(yaml.safe_dump(home), name))
    ids = {name: {e["name"]: e["id"] for e in home["entities"]} for name, home in data["homes"].items()}
    cases = [{**c, "meant_id": ids[c["home"]].get(c["meant"]) if c["meant"] else None}
             for c in data["cases"] if split is None or c.get("split") == split]
    return dbs, cases


def compare_scorers(path: Path, split: str | None, verbose: bool) -> None:
    """The written mishearings through both scorers, side by side (see the module docstring)."""
    dbs, cases = written_cases(path, split)
    counts, took = {s: {} for s in SCORERS}, dict.fromkeys(SCORERS, 0.0)
    for case in cases:
        row = {}
        for s in SCORERS:
            started = time.perf_counter()
            row[s] = scorer_outcome(dbs[case["home"]], case, s)
            took[s] += time.perf_counter() - started
            group = counts[s].setdefault(case["kind"], {})
            group[row[s]] = group.get(row[s], 0) + 1
        if verbose or len(set(row.values())) > 1:
            print(f"  {case['home']:8} {case['heard']!r:28} {str(case['meant']):24} "
                  + " ".join(f"{s}={o}" for s, o in row.items()))
    names = sum(1 for c in cases if c["meant"])
    print(f"\nMisheard names ({names} phrases{', split ' + split if split else ''}): resolver as voice input")
    false = f"false (of {len(cases) - names} non-names)"
    print(f"{'scorer':8} " + " ".join(f"{o:>7}" for o in OUTCOMES) + f" {false:>26} {'mean ms':>8}")
    for s in SCORERS:
        total = {o: sum(g.get(o, 0) for k, g in counts[s].items() if k != "none") for o in OUTCOMES}
        print(f"{s:8} " + " ".join(f"{total[o]:>7}" for o in OUTCOMES)
              + f" {counts[s].get('none', {}).get('false', 0):>26} {1000 * took[s] / len(cases):>8.1f}")
    print("\nacted right, by kind (key → phones): " + ", ".join(
        f"{k} {counts['key'][k].get('acted', 0)}→{counts['phones'][k].get('acted', 0)}/{sum(counts['key'][k].values())}"
        for k in sorted(counts["key"]) if k != "none"))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--voices", default="en-us,en-gb")
    parser.add_argument("--no-actions", action="store_true", help="speech-to-text only (no LLM)")
    parser.add_argument("--scorers", type=Path, help="written mishearings: key vs phoneme scorer (no model)")
    parser.add_argument("--split", help="only the cases of this split (dev, check)")
    parser.add_argument("-v", "--verbose", action="store_true", help="every case, not only those that differ")
    args = parser.parse_args()
    if args.scorers:
        return compare_scorers(args.scorers, args.split, args.verbose)
    voices = args.voices.split(",")
    ears = Ears()
    actor = None if args.no_actions else Actor()
    names = {home: vocabulary_of(home) for home in (DEMO, MADE_UP)}
    modes = ["none", "names", "30s-none", "30s-hotwords", "30s-prompt"]
    stats = {m: {"name": [0, 0], "wer": [0, 0], "ctl": [0, 0], "ms": []} for m in modes}
    actions = {k: {"acted": 0, "asked": 0, "missed": 0} for k in
               ("none/text", "none/voice", "names/text", "names/voice")}
    rows = []
    with tempfile.TemporaryDirectory() as tmp:
        for voice in voices:
            for command in [*COMMANDS, *CONTROLS]:
                wav = synthesise(command.text, voice, Path(tmp))
                heard = {}
                for mode in modes:
                    text, ms = ears.hear(mode, wav, names[command.home])
                    heard[mode] = text
                    s = stats[mode]
                    s["ms"].append(ms)
                    errors, total = word_errors(command.text, text)
                    s["ctl" if not command.name else "wer"][0] += errors
                    s["ctl" if not command.name else "wer"][1] += total
                    if command.name:
                        miss, count = name_misses(command.name, text)
                        s["name"][0] += miss
                        s["name"][1] += count
                if command.name and actor is not None:
                    for key in actions:
                        mode, source = key.split("/")
                        actions[key][actor.outcome(command, heard[mode], source)] += 1
                rows.append((voice, command.text, heard["none"], heard["names"]))
                print(f"[{voice}] {command.text!r}: none={heard['none']!r} names={heard['names']!r}",
                      file=sys.stderr, flush=True)
    print("\nTranscripts that differ (without → with the home's names):")
    for voice, said, plain, biased in rows:
        if words(plain) != words(biased) or words(plain) != words(said):
            print(f"  [{voice}] {said}: {plain!r} → {biased!r}")
    print(f"\nSpeech-to-text ({len(COMMANDS)} device commands + {len(CONTROLS)} controls, "
          f"voices {', '.join(voices)})")
    print(f"{'mode':14} {'name-word err':>14} {'WER (devices)':>14} {'WER (controls)':>15} {'ms p50':>7}")
    for mode in modes:
        s = stats[mode]
        ms = sorted(s["ms"])[len(s["ms"]) // 2]
        print(f"{mode:14} {pct(*s['name']):>14} {pct(*s['wer']):>14} {pct(*s['ctl']):>15} {ms:7.0f}")
    if actor is not None:
        total = len(COMMANDS) * len(voices)
        print(f"\nActions on the device named ({total} spoken commands; 'asked' = right after a yes)")
        print(f"{'transcript / input':20} {'acted right':>12} {'asked, right':>13} {'missed':>7}")
        for key, counts in actions.items():
            label = key.replace("none", "no bias").replace("names", "home names")
            print(f"{label:20} {counts['acted']:>12} {counts['asked']:>13} {counts['missed']:>7}")


def pct(errors: int, total: int) -> str:
    return f"{100 * errors / total:.1f}% ({errors}/{total})" if total else "-"


if __name__ == "__main__":
    main()
