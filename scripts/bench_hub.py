"""The hub against the in-process pipeline, and the hub under 10 concurrent clients, in one run.

    python scripts/bench_hub.py [--n 15] [--clients 10] [--seconds 60] [--fresh 3] [--json OUT]

Starts `assistant serve` (a free loopback port, a fresh ASSISTANT_HOME) in a subprocess and builds
the same pipeline in this process, then:
1. latency: the same fast-path and proposal (model) commands through the hub (HTTP round trip) and
   through `Assistant.handle` here, interleaved; p50/p95 of each and the hub's overhead; and a few
   fresh `assistant ask` processes with and without the hub (what a user's shell sees).
2. load: `--clients` HTTP clients for `--seconds`, each in its own session, doing a slot question
   and its answer ("set a timer" / "N minutes", N the client's own), an unlock and its yes or no
   (by the client's parity) and a fast command. Reports errors, crossed conversations (an answer
   landing in another client's context), and whether every action is logged exactly once.
Bounded: every loop stops at its deadline; traffic goes to 127.0.0.1 only. Load models: run under
`flock /work/model.lock`.
"""
from __future__ import annotations

import argparse
import json
import os
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

FAST = ["what time is it", "stop", "what's the date today"]
PROPOSAL = ["turn on the kitchen lights", "set a timer for 5 minutes", "turn off the kitchen lights"]
UNLOCKED = ("Unlocked ", "is already unlocked")  # the door's reply, whatever the home calls the door


def pct(values: list[float], q: int) -> float:
    if len(values) < 2:
        return values[0] if values else float("nan")
    return statistics.quantiles(values, n=100, method="inclusive")[q - 1]


def start_hub(env: dict, *options: str) -> tuple[subprocess.Popen, object]:
    """`assistant serve` (with `options`) in a subprocess, once it answers; and a client of it."""
    from assistant.config import HubConfig
    from assistant.hub.client import find_hub

    log = open(Path(env["ASSISTANT_HOME"]) / "serve.log", "w")
    process = subprocess.Popen([sys.executable, "-m", "assistant.cli.main", "serve", "--port", "0",
                                "--no-scheduler", "--quiet", *options], env=env, stdout=log, stderr=subprocess.STDOUT)
    deadline = time.monotonic() + 300
    while time.monotonic() < deadline:
        client = find_hub(HubConfig())
        if client is not None:
            return process, client
        if process.poll() is not None:
            sys.exit(f"the hub exited: see {log.name}")
        time.sleep(0.5)
    process.terminate()
    sys.exit("the hub did not come up within 300 s")


def latency(client, local, n: int) -> dict:
    times: dict[str, list[float]] = {f"{kind} {where}": [] for kind in ("fast", "proposal") for where in ("hub", "local")}
    for _ in range(n):
        for kind, commands in (("fast", FAST), ("proposal", PROPOSAL)):
            for text in commands:
                began = time.perf_counter()
                client.ask(text, session="bench")
                times[f"{kind} hub"].append((time.perf_counter() - began) * 1000)
                began = time.perf_counter()
                local.handle(text)
                times[f"{kind} local"].append((time.perf_counter() - began) * 1000)
    report = {name: {"p50": round(pct(v, 50), 1), "p95": round(pct(v, 95), 1), "n": len(v)} for name, v in times.items()}
    for kind in ("fast", "proposal"):
        report[f"{kind} overhead_p50_ms"] = round(report[f"{kind} hub"]["p50"] - report[f"{kind} local"]["p50"], 1)
    return report


def fresh_processes(env: dict, runs: int) -> dict:
    """`assistant ask` as a user's shell runs it: a new process each time, via the hub or not."""
    report = {}
    for name, extra in (("fresh ask via hub", {}), ("fresh ask local", {"ASSISTANT_HUB": "off"})):
        walls, via = [], Counter()
        for _ in range(runs):
            began = time.perf_counter()
            done = subprocess.run([sys.executable, "-m", "assistant.cli.main", "ask", "turn on the kitchen lights",
                                   "--json"], env={**env, **extra}, capture_output=True, text=True, timeout=300)
            walls.append((time.perf_counter() - began) * 1000)
            via[json.loads(done.stdout)["via"] if done.stdout else "failed"] += 1
        report[name] = {"p50": round(pct(walls, 50), 1), "max": round(max(walls), 1), "via": dict(via)}
    return report


class LoadClient(threading.Thread):
    """One household member: its own session, its own timer length, its own yes or no."""

    def __init__(self, url: str, token: str, index: int, deadline: float) -> None:
        super().__init__(name=f"client-{index}")
        from assistant.hub.client import HubClient

        self.client = HubClient(url, token, timeout=180)
        self.index, self.deadline, self.session = index, deadline, f"bench-client-{index}"
        self.minutes, self.says_yes = index + 2, index % 2 == 1
        self.requests, self.errors, self.crossed, self.unexpected = 0, [], [], []
        self.timers_set = self.unlocks = 0

    def ask(self, text: str) -> dict | None:
        try:
            self.requests += 1
            return self.client.ask(text, session=self.session)
        except Exception as exc:  # noqa: BLE001 - counted, reported
            self.errors.append(f"{text!r}: {exc}")
            return None

    def run(self) -> None:
        while time.monotonic() < self.deadline:
            self.timer()
            if time.monotonic() < self.deadline:
                self.unlock()
            if time.monotonic() < self.deadline:
                self.ask("what time is it")
        self.client.close()

    def timer(self) -> None:
        first = self.ask("set a timer")
        if not first or not first.get("asks"):
            return self.unexpected.append(f"set a timer -> {first and first['reply']!r}")
        answer = self.ask(f"{self.minutes} minutes")
        if not answer:
            return
        if answer["reply"] == f"Timer set for {self.minutes} minutes.":
            self.timers_set += 1
        elif "Timer set for" in answer["reply"]:
            self.crossed.append(f"{self.minutes} minutes -> {answer['reply']!r}")
        else:
            self.unexpected.append(f"{self.minutes} minutes -> {answer['reply']!r}")

    def unlock(self) -> None:
        asked = self.ask("unlock the front door")
        if not asked or not asked.get("needs_confirmation"):
            return self.unexpected.append(f"unlock -> {asked and asked['reply']!r}")
        answer = self.ask("yes" if self.says_yes else "no")
        if not answer:
            return
        got, refused = answer["reply"], "OK, I won't."
        unlocked = any(words in got for words in UNLOCKED)
        if unlocked if self.says_yes else got == refused:
            self.unlocks += self.says_yes
        elif unlocked or got in (refused, "OK."):  # another's answer, or nothing of ours waiting
            self.crossed.append(f"{'yes' if self.says_yes else 'no'} -> {got!r}")
        else:
            self.unexpected.append(f"{'yes' if self.says_yes else 'no'} -> {got!r}")


def load(url: str, token: str, clients: int, seconds: float, db_path: Path) -> dict:
    deadline = time.monotonic() + seconds
    threads = [LoadClient(url, token, i, deadline) for i in range(clients)]
    began = time.monotonic()
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(seconds + 600)
    wall = time.monotonic() - began
    with sqlite3.connect(db_path) as conn:
        logged = Counter(conn.execute(
            "SELECT conversation, api FROM action_log WHERE conversation LIKE 'bench-client-%' "
            "AND ok = 1 AND undone = 0 AND api IN ('start', 'unlock')").fetchall())
    mismatched = [t.session for t in threads
                  if logged[(t.session, "start")] != t.timers_set or logged[(t.session, "unlock")] != t.unlocks]
    return {"clients": clients, "seconds": round(wall, 1), "requests": sum(t.requests for t in threads),
            "errors": [e for t in threads for e in t.errors], "crossed": [c for t in threads for c in t.crossed],
            "unexpected_replies": [u for t in threads for u in t.unexpected][:10],
            "unexpected_count": sum(len(t.unexpected) for t in threads),
            "timers_set": sum(t.timers_set for t in threads), "unlocks": sum(t.unlocks for t in threads),
            "actions_logged_once": not mismatched, "log_mismatches": mismatched}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--n", type=int, default=15, help="rounds of the latency commands")
    parser.add_argument("--clients", type=int, default=10)
    parser.add_argument("--seconds", type=float, default=60.0, help="length of the load test")
    parser.add_argument("--fresh", type=int, default=3, help="fresh `assistant ask` processes each way")
    parser.add_argument("--json", type=Path, help="also write the report here")
    args = parser.parse_args()
    home = Path(tempfile.mkdtemp(prefix="bench-hub-"))
    os.environ["ASSISTANT_HOME"] = str(home)
    env = {**os.environ, "PYTHONPATH": str(ROOT)}

    from assistant.app import build_assistant
    from assistant.hub.discovery import hub_token
    from assistant.config import HubConfig

    process, client = start_hub(env)
    try:
        local = build_assistant(conversation="bench-local")
        local.prepare()
        report = {"latency_ms": latency(client, local, args.n)}
        report["fresh_process_ms"] = fresh_processes(env, args.fresh) if args.fresh else {}
        report["load"] = load(client.url, hub_token(HubConfig()), args.clients, args.seconds, home / "assistant.db")
    finally:
        client.close()
        process.terminate()
        process.wait(30)
    text = json.dumps(report, indent=1)
    print(text)
    if args.json:
        args.json.write_text(text + "\n")


if __name__ == "__main__":
    main()
