"""Ten concurrent clients on one hub for a bounded time: HTTP clients and Wyoming satellites fed WAV files.

    python scripts/load_hub.py [--http 6] [--satellites 4] [--seconds 60] [--fast] [--json OUT]

Starts `assistant serve` (free loopback ports, a fresh ASSISTANT_HOME with the demo home, Wyoming
with speech) and runs every client until the deadline, each in its own conversation:
- HTTP clients (bench_hub.LoadClient): "set a timer" / "N minutes" (N its own), "unlock the front
  door" / its own yes or no, "what time is it";
- satellites (assistant/hub/satellite.py), each in its own area, its WAV made with the project's
  voice and looped at microphone speed (`--fast`: as fast as the hub answers): "hey jarvis, set a
  timer" / "N minutes", "hey jarvis, please unlock the front door" / "yes" or "no", "hey jarvis,
  switch on the lights" (its own area's); wake word and endpoints on the satellite, speech-to-text,
  routing and the spoken reply on the hub. (Worded so Whisper tiny.en hears the project's espeak-ng
  voice right: it heard "unlock the front door" as "and lock the front door" and "turn on the
  lights" as "during the night": a misheard command counts as unexpected, not as crossed.)
Counts per kind of client: requests, errors, crossed conversations (a "yes", a number or a room
landing in another client's context), misheard or unexpected replies, and whether every action is
logged exactly once (action_log, per conversation). Prints a table. Bounded: every client stops at
the deadline (an utterance under way finishes). Loads models: run under `flock /work/model.lock`.
"""
from __future__ import annotations

import argparse
import json
import os
import re
import sqlite3
import sys
import tempfile
import threading
import time
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "scripts"))

from bench_hub import UNLOCKED, LoadClient, pct, start_hub  # noqa: E402

AREAS = ["kitchen", "garage", "bathroom", "hallway", "kids room", "dining room"]  # rooms of the demo home with lights


class TimedClient(LoadClient):
    """bench_hub's HTTP client, its requests timed."""

    def __init__(self, *args) -> None:
        super().__init__(*args)
        self.session = f"load-http-{self.index}"
        self.latencies: list[float] = []
        self.timed: list[tuple[float, str]] = []  # (ms, text) of each request
        self.expected: Counter = Counter()

    def ask(self, text: str) -> dict | None:
        began = time.perf_counter()
        answer = super().ask(text)
        self.latencies.append((time.perf_counter() - began) * 1000)
        self.timed.append((self.latencies[-1], text))
        return answer

    def run(self) -> None:
        super().run()
        self.expected.update({"start": self.timers_set, "unlock": self.unlocks})


class SatelliteClient(threading.Thread):
    """One room's satellite: its own area, conversation, timer length and yes or no."""

    def __init__(self, uri: str, index: int, minutes: int, area: str, lights: dict[str, set[str]],
                 deadline: float, folder: Path, realtime: bool) -> None:
        super().__init__(name=f"satellite-{index}")
        self.uri, self.area, self.deadline, self.realtime = uri, area, deadline, realtime
        self.index, self.minutes, self.says_yes = index, minutes, index % 2 == 0
        self.session, self.folder = f"load-sat-{index}", folder
        self.own = lights[area.replace(" ", "_")]
        self.others = set().union(*(names for room, names in lights.items() if room != area.replace(" ", "_")))
        self.requests, self.errors, self.crossed, self.unexpected = 0, [], [], []
        self.latencies: list[float] = []
        self.expected: Counter = Counter()
        self.timers_set = self.unlocks = 0
        self.said = self.speech()  # made here, one at a time: espeak-ng is one library state, not thread-safe

    def speech(self) -> Path:
        from assistant.testing import speech_wav

        return speech_wav(self.folder / f"said-{self.index}.wav", "Hey Jarvis!", "set a timer", f"{self.minutes} minutes",
                          "Hey Jarvis!", "please unlock the front door", "yes" if self.says_yes else "no",
                          "Hey Jarvis!", "switch on the lights", gap=0.8)

    def run(self) -> None:
        from assistant.audio.loop import LoopSettings
        from assistant.audio.sources import WavSource, looping, paced
        from assistant.audio.tts import WavFileSpeaker
        from assistant.audio.wake import OpenWakeWord
        from assistant.hub.link import WyomingLink
        from assistant.hub.satellite import satellite_loop

        said, link = self.said, None
        try:
            link = WyomingLink(self.uri)
            speaker = WavFileSpeaker(self.folder / f"replies-{self.index}.wav", link.synthesize)
            loop = satellite_loop(link, session=self.session, area=self.area, speaker=speaker,
                                  wake=OpenWakeWord("hey_jarvis", 0.5), wake_phrase="hey_jarvis",
                                  settings=LoopSettings(follow_up=6.0))
            chunks = looping(WavSource(said))
            for heard in loop.run(until(paced(chunks) if self.realtime else chunks, self.deadline)):
                self.check(heard)
            speaker.close()
        except Exception as exc:  # noqa: BLE001 - counted, reported
            self.errors.append(f"{type(exc).__name__}: {exc}")
        finally:
            if link is not None:
                link.close()

    def check(self, heard) -> None:
        """What the hub did with one utterance, judged against this satellite's own words."""
        self.requests += 1
        reply, said = heard.reply, heard.transcript.lower()
        self.latencies.append(reply.timings_ms.get("end_of_speech_to_reply", 0.0))
        numbers = [int(n) for n in re.findall(r"\d+", said)]
        timer = re.match(r"Timer set for (\d+) minutes?\.", reply.reply)
        if reply.reply.startswith("Sorry, something went wrong"):
            self.errors.append(f"{heard.transcript!r} -> {reply.reply!r}")
        elif reply.asks or reply.needs_confirmation:
            return
        elif timer:
            if int(timer[1]) == self.minutes:
                self.timers_set += 1
            (self.crossed if self.minutes in numbers else self.unexpected).append(
                f"{heard.transcript!r} -> {reply.reply!r}") if int(timer[1]) != self.minutes else None
        elif any(words in reply.reply for words in UNLOCKED) or reply.reply == "OK, I won't.":
            self.yes_or_no(heard)
        elif reply.api == "turn_on":
            named = {name for name in self.own | self.others if name.lower() in reply.reply.lower()}
            if named and named <= self.own:
                self.expected["turn_on"] += reply.ok
            else:
                (self.crossed if named else self.unexpected).append(f"{heard.transcript!r} -> {reply.reply!r}")
        else:
            self.unexpected.append(f"{heard.transcript!r} -> {reply.reply!r}")
        self.expected.update({"start": 0, "unlock": 0})

    def yes_or_no(self, heard) -> None:
        unlocked = heard.reply.reply != "OK, I won't."
        if unlocked == self.says_yes:
            self.unlocks += unlocked
            self.expected["unlock"] += unlocked
        elif re.match(r"\W*(yes|no)\b", heard.transcript.lower()):  # heard right, answered for another
            self.crossed.append(f"{heard.transcript!r} -> {heard.reply.reply!r}")
        else:
            self.unexpected.append(f"{heard.transcript!r} -> {heard.reply.reply!r}")

    def finish(self) -> None:
        self.expected["start"] = self.timers_set


def until(chunks, deadline: float):
    for chunk in chunks:
        if time.monotonic() >= deadline:
            return
        yield chunk


def logged_once(clients, db_path: Path) -> list[str]:
    """The conversations whose logged actions (start, unlock, turn_on) differ from what their client saw done."""
    with sqlite3.connect(db_path) as conn:
        logged = Counter(conn.execute("SELECT conversation, api FROM action_log WHERE conversation LIKE 'load-%' "
                                      "AND ok = 1 AND undone = 0 AND api IN ('start', 'unlock', 'turn_on')"))
    return [f"{c.session} {api}: saw {c.expected[api]}, logged {logged[(c.session, api)]}"
            for c in clients for api in ("start", "unlock", "turn_on") if logged[(c.session, api)] != c.expected[api]]


def area_lights(client) -> dict[str, set[str]]:
    lights: dict[str, set[str]] = {}
    for device in client.listing("devices"):
        if device["id"].startswith("light."):
            lights.setdefault(device["area"], set()).add(device["name"])
    return lights


def row(kind: str, clients: list) -> dict:
    latencies = [ms for c in clients for ms in c.latencies]
    return {"kind": kind, "clients": len(clients), "requests": sum(c.requests for c in clients),
            "errors": sum(len(c.errors) for c in clients), "crossed": sum(len(c.crossed) for c in clients),
            "unexpected": sum(len(c.unexpected) for c in clients),
            "timers": sum(c.timers_set for c in clients), "unlocks": sum(c.unlocks for c in clients),
            "p50_ms": round(pct(latencies, 50)) if latencies else None,
            "p95_ms": round(pct(latencies, 95)) if latencies else None}


def by_text(clients) -> dict[str, str]:
    """The HTTP requests' latency by what was asked ("N minutes" as one): where the time goes."""
    times: dict[str, list[float]] = {}
    for ms, text in (t for c in clients for t in c.timed):
        times.setdefault(re.sub(r"\d+", "N", text), []).append(ms)
    return {text: f"{pct(ms, 50):.0f} / {pct(ms, 95):.0f} ms (n={len(ms)})" for text, ms in sorted(times.items())}


def table(rows: list[dict]) -> str:
    heads = list(rows[0])
    widths = [max(len(h), *(len(str(r[h])) for r in rows)) for h in heads]
    lines = ["  ".join(h.ljust(w) for h, w in zip(heads, widths))]
    lines += ["  ".join(str(r[h]).ljust(w) for h, w in zip(heads, widths)) for r in rows]
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--http", type=int, default=6, help="HTTP clients")
    parser.add_argument("--satellites", type=int, default=4, help="Wyoming satellites (at most 6)")
    parser.add_argument("--seconds", type=float, default=60.0, help="length of the run")
    parser.add_argument("--fast", action="store_true", help="satellites send audio as fast as the hub answers")
    parser.add_argument("--json", type=Path, help="also write the report here")
    args = parser.parse_args()
    home = Path(tempfile.mkdtemp(prefix="load-hub-"))
    os.environ["ASSISTANT_HOME"] = str(home)
    env = {**os.environ, "PYTHONPATH": str(ROOT)}

    from assistant.config import HubConfig
    from assistant.hub.discovery import hub_token, read_address

    process, client = start_hub(env, "--wyoming-port", "0", "--wyoming-speech")
    try:
        uri, lights = read_address().wyoming, area_lights(client)
        deadline = time.monotonic() + args.seconds
        http = [TimedClient(client.url, hub_token(HubConfig()), i, deadline) for i in range(args.http)]
        satellites = [SatelliteClient(uri, i, args.http + 2 + i, AREAS[i], lights, deadline, home, not args.fast)
                      for i in range(min(args.satellites, len(AREAS)))]
        began = time.monotonic()
        for thread in [*http, *satellites]:
            thread.start()
        for thread in [*http, *satellites]:
            thread.join(args.seconds + 600)
        wall = time.monotonic() - began
        for satellite in satellites:
            satellite.finish()
        mismatches = logged_once([*http, *satellites], home / "assistant.db")
    finally:
        client.close()
        process.terminate()
        process.wait(30)
    rows = [row("http", http), row("satellite", satellites)]
    report = {"seconds": round(wall, 1), "table": rows, "actions_logged_once": not mismatches,
              "log_mismatches": mismatches,
              "errors": [e for c in [*http, *satellites] for e in c.errors][:10],
              "crossed": [x for c in [*http, *satellites] for x in c.crossed][:10],
              "unexpected": [u for c in [*http, *satellites] for u in c.unexpected][:10],
              "http_p50_p95_by_text": by_text(http),
              "slowest_http": [f"{ms:.0f} ms {text!r}" for ms, text in sorted(
                  (t for c in http for t in c.timed), reverse=True)[:5]]}
    print(table(rows))
    print(f"{wall:.0f} s; every action logged once: {not mismatches}")
    print(json.dumps({k: v for k, v in report.items() if k != "table"}, indent=1))
    if args.json:
        args.json.write_text(json.dumps(report, indent=1) + "\n")


if __name__ == "__main__":
    main()
