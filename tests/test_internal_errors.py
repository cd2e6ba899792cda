"""Unexpected exceptions (assistant/errorlog.py): the user sees one line, `error: internal error: …
(details in LOG)`, and exit code 70; the traceback, secrets masked, goes to ASSISTANT_HOME/logs/errors.log;
ASSISTANT_TRACEBACK=1 or --trace prints it too. The REPL, the webhook, log records and threads alike."""
import http.client
import json
import logging
import subprocess
import sys
import threading
from pathlib import Path

from typer.testing import CliRunner

from assistant import errorlog

ROOT = Path(__file__).parents[1]
TOKEN = "tok-do-not-print-0123456789"
# the real entry point (`assistant = assistant.cli.main:app`) with one function made to fail
BROKEN = """
import sys
import assistant.clock
from assistant.cli import main

def boom(*args, **kwargs):
    raise RuntimeError("disk on fire; Authorization: Bearer {token} ({token})")

assistant.clock.Clock.from_env = classmethod(boom)
main.settings_with_trace = boom
sys.argv[0] = "assistant"
main.app()
""".format(token=TOKEN)


def run_broken(home: Path, *argv: str, **env: str) -> subprocess.CompletedProcess:
    home.mkdir(parents=True, exist_ok=True)
    (home / "webhook_token").write_text(TOKEN + "\n")
    environ = {"PATH": "/usr/bin:/bin", "ASSISTANT_HOME": str(home), "PYTHONPATH": str(ROOT), **env}
    return subprocess.run([sys.executable, "-c", BROKEN, *argv], capture_output=True, text=True, env=environ,
                          cwd=ROOT, timeout=120)


def test_an_unexpected_exception_is_one_line_and_a_logged_traceback(isolated_home):
    run = run_broken(isolated_home, "lists")
    log = isolated_home / "logs" / "errors.log"
    assert run.returncode == errorlog.EXIT_CODE
    assert run.stderr.splitlines() == [f"error: internal error: RuntimeError: disk on fire; Authorization: "
                                       f"Bearer ******** (********) (details in {log})"]
    assert "Traceback" not in run.stdout + run.stderr
    text = log.read_text()
    assert "Traceback (most recent call last)" in text and "in boom" in text and "assistant lists" in text
    assert TOKEN not in text and (log.stat().st_mode & 0o777) == 0o600


def test_the_traceback_is_shown_when_asked(isolated_home):
    by_env = run_broken(isolated_home, "lists", ASSISTANT_TRACEBACK="1")
    by_option = run_broken(isolated_home, "ask", "--trace", "hello")
    for run in (by_env, by_option):
        assert run.returncode == errorlog.EXIT_CODE
        assert "Traceback (most recent call last)" in run.stderr and "in boom" in run.stderr
        assert run.stderr.rstrip().splitlines()[-1].startswith("error: internal error: RuntimeError")
        assert TOKEN not in run.stderr


def test_no_error_log_is_one_line_too(tmp_path):
    home_is_a_file = tmp_path / "file"
    home_is_a_file.write_text("")
    exc = RuntimeError("x")
    environ = {"ASSISTANT_HOME": str(home_is_a_file)}
    run = subprocess.run([sys.executable, "-c", "from assistant import errorlog; "
                          "print(errorlog.report(RuntimeError('x'), 'test'))"], capture_output=True, text=True,
                         env={"PATH": "/usr/bin:/bin", "PYTHONPATH": str(ROOT), **environ}, cwd=ROOT)
    assert run.stdout.strip() == "internal error: RuntimeError: x (no error log could be written)", run.stderr
    assert errorlog.one_line(exc, None) == run.stdout.strip()


def test_the_chat_goes_on_after_an_unexpected_error(monkeypatch):
    from contextlib import nullcontext

    from assistant.cli import chat
    from assistant.cli.main import app

    def respond(self, line):
        if "boom" in line:
            raise KeyError("no such thing")
        return f"heard {line}", True

    monkeypatch.setattr(chat._Responder, "__call__", respond)
    monkeypatch.setattr(chat._Responder, "in_process", lambda self: None)
    monkeypatch.setattr(chat, "_scheduler_in_background", nullcontext)
    result = CliRunner().invoke(app, ["chat", "--local"], input="boom\nhello\n")
    assert result.exit_code == 0, result.output
    assert "assistant> error: internal error: KeyError: 'no such thing' (details in " in result.output
    assert "assistant> heard hello" in result.output and "Traceback" not in result.output


def test_a_log_record_with_a_traceback_is_one_line(isolated_home, capsys):
    logger = logging.getLogger("assistant.test-errorlog")
    logger.propagate = False
    logger.addHandler(errorlog.OneLineHandler())
    try:
        try:
            {}["missing"]
        except KeyError:
            logger.exception("scheduler tick failed")
    finally:
        logger.handlers.clear()
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "Traceback" not in err
    assert err.startswith("assistant.test-errorlog: scheduler tick failed: internal error: KeyError: 'missing'")
    assert "Traceback" in (isolated_home / "logs" / "errors.log").read_text()


def test_a_thread_that_dies_is_one_line(isolated_home, capfd, monkeypatch):
    monkeypatch.setattr(threading, "excepthook", threading.excepthook)
    errorlog.install()
    worker = threading.Thread(target=lambda: 1 / 0, name="worker")
    worker.start()
    worker.join()
    err = capfd.readouterr().err
    assert err.startswith("error: worker: internal error: ZeroDivisionError: division by zero (details in ")
    assert err.count("\n") == 1


def test_the_webhook_answers_an_unexpected_error_with_500(tmp_path):
    from assistant.app import default_registry, open_state
    from assistant.clock import Clock
    from assistant.scheduler.webhook import start_webhook

    db_path = tmp_path / "state.db"
    open_state(default_registry(), db_path).conn.close()
    hook = start_webhook(db_path, Clock(), 0, token=TOKEN)
    real = hook.server.services
    hook.server.services = lambda name: (lambda *a: 1 / 0) if name == "add_events" else real(name)
    try:
        statuses = []
        for _ in range(2):  # and it goes on serving
            conn = http.client.HTTPConnection(*hook.server.server_address[:2], timeout=10)
            conn.request("POST", "/events", body=json.dumps({"source": "cam", "label": "dog"}),
                         headers={"Authorization": f"Bearer {TOKEN}"})
            response = conn.getresponse()
            statuses.append((response.status, json.loads(response.read())))
            conn.close()
    finally:
        hook.stop()
    assert [s for s, _ in statuses] == [500, 500]
    assert statuses[0][1]["error"].startswith("internal error: ZeroDivisionError: division by zero (details in ")


def test_secrets_are_masked():
    text = 'api_key = "sk-1234" token: abc Authorization: Bearer xyz.123 {"password": "hunter2"}'
    masked = errorlog.without_secrets(text)
    assert not any(s in masked for s in ("sk-1234", "abc", "xyz.123", "hunter2")), masked
