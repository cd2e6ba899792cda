"""Several real processes on a new home at once: the schema is made once, no write is lost, no
"table already exists" or UNIQUE error reaches anyone. No models are loaded (events add and the
lists API need none)."""
import os
import sqlite3
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
ADD_TO_NEW_LIST = """
import sys
from assistant.app import default_registry
from assistant.cli.common import open_db
from assistant.clock import Clock
from assistant.context import ExpertContext

registry = default_registry()
ctx = ExpertContext(db=open_db(), clock=Clock.from_env())
result = registry.api("lists", "add").func(ctx, items=[sys.argv[1]], list_name="garden")
sys.exit(0 if result.ok else 1)
"""


def _all_at_once(commands: list[list[str]], home: Path) -> list[subprocess.CompletedProcess]:
    env = {**os.environ, "ASSISTANT_HOME": str(home), "PYTHONPATH": str(ROOT)}
    running = [subprocess.Popen(c, cwd=ROOT, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
               for c in commands]
    return [subprocess.CompletedProcess(p.args, p.wait(timeout=120), *p.communicate()) for p in running]


def _assert_all_fine(results):
    for result in results:
        assert result.returncode == 0, result.stderr
        assert "error" not in result.stderr.lower() and "Traceback" not in result.stderr, result.stderr


def test_concurrent_event_adds_on_a_new_home_all_succeed(tmp_path):
    for attempt in range(3):  # the race was 3 in 15 before the fix: each attempt is a fresh home
        home = tmp_path / f"home{attempt}"
        results = _all_at_once([[sys.executable, "-m", "assistant.cli.main", "events", "add", "--source", "cam",
                                 "--label", f"event {i}"] for i in range(8)], home)
        _assert_all_fine(results)
        with sqlite3.connect(home / "assistant.db") as conn:
            labels = sorted(r[0] for r in conn.execute("SELECT label FROM events"))
            assert labels == sorted(f"event {i}" for i in range(8))
            assert conn.execute("SELECT count(*) FROM devices").fetchone()[0] > 0  # the demo home, once
            assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"


def test_concurrent_adds_to_a_list_not_yet_made_lose_nothing(tmp_path):
    for attempt in range(3):
        home = tmp_path / f"home{attempt}"
        items = [f"seed packet {i}" for i in range(8)]
        _assert_all_fine(_all_at_once([[sys.executable, "-c", ADD_TO_NEW_LIST, item] for item in items], home))
        with sqlite3.connect(home / "assistant.db") as conn:
            assert conn.execute("SELECT name FROM lists").fetchall() == [("garden",)]
            stored = sorted(r[0] for r in conn.execute("SELECT item FROM list_items WHERE list_name = 'garden'"))
            assert stored == sorted(items)
