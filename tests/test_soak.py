"""The whole system under load and faults for a minute (scripts/soak.py): nothing acknowledged is
lost, nothing is stored twice, no traceback, the database intact, at least 5 kill -9s survived (a
kill counts once its worker succeeds again: 45 s left as few as 4 of 11 kills time to, session 22)."""
import re
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).parents[1]


@pytest.mark.soak
def test_a_one_minute_soak_loses_nothing(tmp_path):
    run = subprocess.run([sys.executable, str(ROOT / "scripts" / "soak.py"), "--seconds", "60", "--seed", "16",
                          "--dir", str(tmp_path)], capture_output=True, text=True, timeout=600, cwd=ROOT)
    print(run.stdout, run.stderr[-3000:])
    out = run.stdout
    assert run.returncode == 0, out + run.stderr[-3000:]
    assert "items lost: 0\n" in out and "duplicates: 0\n" in out and "integrity_check: ok" in out
    assert "tracebacks: 0;" in out and "internal errors logged: 0;" in out
    survived = int(re.search(r"crashes survived: (\d+)", out).group(1))
    assert survived >= 5
