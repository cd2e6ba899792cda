"""Property-based fuzzing of the CLI commands (through typer's CliRunner) and the webhook: whatever
arrives, no traceback; a failure is one clear line on stderr and a non-zero exit (the webhook: a
4xx JSON error), and the process keeps serving. No models are loaded (commands that would load one,
`ask`, `chat`, `listen`, `eval`, `doctor`, `docs add/search`, are fuzzed elsewhere or not at all).

The commands run in this process (CliRunner, the click command built once): ~15 ms an input. CI
runs 1,000 inputs a test (about a minute in all); `FUZZ_EXAMPLES=10000 python -m pytest
tests/test_fuzz_cli.py` runs the full count by hand (about ten minutes)."""
import functools
import http.client
import json
import os
import signal
import subprocess
import sys
import tempfile
from contextlib import contextmanager
from pathlib import Path

import pytest
import typer.testing
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner

from assistant import errorlog
from assistant.app import default_registry, open_state
from assistant.cli.main import app
from assistant.clock import Clock

EXAMPLES = int(os.environ.get("FUZZ_EXAMPLES", "1000"))
FUZZ = settings(max_examples=EXAMPLES, deadline=None,
                suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture])
HOME_FILE = Path(__file__).parent / "data" / "dev_home.yaml"

any_text = st.text(st.characters(codec=None, categories=None), max_size=80)  # controls, surrogates, escapes
hostile_words = st.sampled_from(["[/i]", "[link=http://x]y[/link]", "\x1b[2J", "\x1b]0;t\x07", "\ud800", "-1", "0",
                                 "99999999999999999999999", "1e308", "nan", "inf", "--json", "--help", "-", "--",
                                 "--limit", "--at", "2026-13-45T99:99", "2026-11-25T10:00:00+05:00", "\u202e", "",
                                 " ", "%s", "{}", "[]", "null", "a" * 5000, "../../etc/passwd", "/dev/zero"])
words = st.one_of(any_text, hostile_words, st.integers().map(str))
NOUNS = ["devices", "timers", "reminders", "lists", "notifications", "memory", "watches", "events", "scheduled"]
commands = st.one_of(
    st.sampled_from(NOUNS).map(lambda n: [n]),
    st.sampled_from([["memory", "forget"], ["watches", "pause"], ["watches", "resume"], ["watches", "delete"],
                     ["scheduled", "cancel"], ["docs", "show"], ["docs", "remove"], ["docs", "list"],
                     ["home", "show"], ["events", "add"], ["home", "load"], ["backup"], ["restore"],
                     ["daemon", "--simulate-until"], ["models"], ["nosuch"], []]),
)
options = st.lists(st.one_of(words, st.sampled_from(["--json", "--limit", "--source", "--label", "--subject",
                                                     "--at", "--webhook-port", "--area", "--bogus"])), max_size=6)


def _files_under(folder: str, argv: list[str]) -> list[str]:
    """Paths given to file commands stay inside the test's folder (never /etc, never $HOME, never a
    file called "-" in the working folder)."""
    if argv[:2] in (["home", "load"],) or argv[:1] in (["backup"], ["restore"]):
        keep = 2 if argv[0] == "home" else 1
        rest = argv[keep:]
        ends = rest.index("--") + 1 if "--" in rest else len(rest)  # after `--` every word is a path
        return argv[:keep] + [str(Path(folder) / (a.replace("/", "_").replace("\x00", "") or "x")[:100])
                              if n >= ends or not a.startswith("-") or a == "-" else a for n, a in enumerate(rest)]
    return argv


@contextmanager
def at_most(seconds: int):
    """TimeoutError inside the block after `seconds` (SIGALRM; the CLI reports it as an internal error)."""
    def expire(*_):
        raise TimeoutError(f"still running after {seconds} s")

    previous = signal.signal(signal.SIGALRM, expire)
    signal.alarm(seconds)
    try:
        yield
    finally:
        signal.alarm(0)
        signal.signal(signal.SIGALRM, previous)


def assert_clean(result, argv):
    assert result.exception is None or isinstance(result.exception, SystemExit), (argv, repr(result.exception))
    assert "Traceback" not in result.output and "Traceback" not in result.stderr, argv
    assert result.exit_code != errorlog.EXIT_CODE and "internal error" not in result.stderr, (argv, result.stderr)
    if result.exit_code != 0 and argv:  # (no arguments at all: the help)
        lines = [line for line in result.stderr.splitlines() if line.strip()]
        assert len(lines) == 1 and lines[0].startswith("error:"), (argv, result.stderr[-500:])


@pytest.mark.parametrize("argv, words", [
    (["ask", "--bogus", "x"], "No such option: --bogus"), (["ask"], "Missing argument"),
    (["memory", "forget", "abc"], "Invalid value for 'ID'"), (["nosuch"], "No such command 'nosuch'"),
    (["daemon", "--webhook-port", "x"], "'--webhook-port'"), (["events", "add", "--source", "x"], "'--label'"),
    (["docs", "show", "99999999999999999999999"], "There is no document"),
    (["docs", "remove", "99999999999999999999999"], "There is no document"),
])
def test_usage_errors_are_one_line(argv, words):
    result = CliRunner().invoke(app, argv)
    assert result.exit_code == (1 if argv[0] == "docs" else 2)
    assert result.stderr.count("\n") == 1 and result.stderr.startswith("error: ") and words in result.stderr
    assert "--help)" in result.stderr or argv[0] == "docs"


def test_an_empty_simulated_end_is_an_error_not_a_daemon_forever(isolated_home):
    """Found by the 10,000-input run: `daemon --simulate-until ""` ran the real-time daemon, for ever."""
    run = subprocess.run([sys.executable, "-m", "assistant.cli.main", "daemon", "--simulate-until", ""],
                         capture_output=True, text=True, timeout=60, cwd=Path(__file__).parents[1])
    assert run.returncode == 1 and run.stderr.startswith("error: --simulate-until: '' is not an ISO time")


@pytest.fixture(scope="module", autouse=True)
def command_built_once():
    """typer's CliRunner rebuilds the click command from the app on every invoke (~50 ms, most of
    an invocation's time); built once, the fuzzing runs ~10 times faster, on the same command."""
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(typer.testing, "_get_command", functools.cache(typer.testing._get_command))
        yield


@pytest.fixture(scope="module")
def fuzz_home():
    with tempfile.TemporaryDirectory() as folder:
        home = Path(folder) / "home"
        CliRunner().invoke(app, ["home", "load", str(HOME_FILE)], env={"ASSISTANT_HOME": str(home)})
        yield folder, home


@FUZZ
@given(commands, options, st.binary(max_size=200))
def test_cli_commands_fail_with_one_clear_line(fuzz_home, command, extra, stdin):
    folder, home = fuzz_home
    argv = _files_under(folder, command + extra)
    if argv[:2] == ["daemon", "--simulate-until"] and len(argv) < 3:
        argv = argv + ["2026-11-26T00:00:00"]
    if "--help" in argv:
        argv.remove("--help")
    with at_most(30):  # a command that never ends fails, not hangs the run
        result = CliRunner().invoke(app, argv, input=stdin, env={"ASSISTANT_HOME": str(home),
                                                                 "ASSISTANT_NOW": "2026-11-25T09:00:00"})
    assert_clean(result, argv)


@FUZZ
@given(st.sampled_from([["events", "add", "--source"], ["events", "add", "--label", "x", "--source"]]),
       words, words, st.one_of(st.none(), words))
def test_events_add_stores_or_refuses_any_text(fuzz_home, head, source, label, at):
    _, home = fuzz_home
    argv = head + [source, "--label", label] + (["--at", at] if at is not None else [])
    result = CliRunner().invoke(app, argv, env={"ASSISTANT_HOME": str(home)})
    assert_clean(result, argv)
    listing = CliRunner().invoke(app, ["events", "--json", "--limit", "3"], env={"ASSISTANT_HOME": str(home)})
    assert listing.exit_code == 0 and "\x1b" not in listing.output
    json.loads(listing.output)


# ------------------------------------------------------------------ the webhook
@pytest.fixture(scope="module")
def webhook_server():
    from assistant.scheduler.webhook import start_webhook

    with tempfile.TemporaryDirectory() as folder:
        db_path = Path(folder) / "state.db"
        open_state(default_registry(), db_path).conn.close()
        hook = start_webhook(db_path, Clock(), 0, token="s3cret-token")
        yield hook
        hook.stop()


json_values = st.recursive(st.one_of(st.none(), st.booleans(), st.integers(), st.floats(), any_text),
                           lambda inner: st.one_of(st.lists(inner, max_size=4), st.dictionaries(any_text, inner, max_size=4)),
                           max_leaves=15)
event_like = st.fixed_dictionaries({"source": words, "label": words},
                                   optional={"subject": st.one_of(st.none(), words), "at": words, "data": json_values})
bodies = st.one_of(st.binary(max_size=300), json_values.map(lambda v: json.dumps(v).encode()),
                   event_like.map(lambda v: json.dumps(v).encode()),
                   st.lists(event_like, max_size=3).map(lambda v: json.dumps(v).encode()))
auths = st.one_of(st.just("Bearer s3cret-token"), st.just("Bearer s3cret-tokeN"), st.just(""), st.text(
    st.characters(min_codepoint=32, max_codepoint=126), max_size=40))


@FUZZ
@given(st.sampled_from(["POST", "POST", "POST", "GET", "PUT"]), st.sampled_from(["/events", "/events/", "/", "/x"]),
       auths, bodies, st.sampled_from([None, "abc", "-1", "99999999999", "0"]))
def test_the_webhook_answers_any_request_with_json(webhook_server, method, path, auth, body, length):
    host, port = webhook_server.server.server_address[:2]
    conn = http.client.HTTPConnection(host, port, timeout=10)
    try:
        conn.putrequest(method, path)
        if auth:
            conn.putheader("Authorization", auth)
        conn.putheader("Content-Length", length if length is not None else str(len(body)))
        conn.endheaders()
        if length is None or length == str(len(body)):
            conn.send(body)
        response = conn.getresponse()
        data = json.loads(response.read())
    finally:
        conn.close()
    assert response.status in (201, 400, 401, 404, 405, 413, 501), (response.status, data)
    assert ("added" in data) if response.status == 201 else ("error" in data or response.status == 501)
    if response.status == 201:
        assert auth == "Bearer s3cret-token"
