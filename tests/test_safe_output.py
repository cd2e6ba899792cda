"""Stored and user text in CLI output is shown as itself: never rich markup, never terminal control
(assistant/display.py). No models are loaded."""
import io
import json

import pytest
from rich.console import Console
from typer.testing import CliRunner

from assistant.clock import Clock
from assistant.cli.main import app
from assistant.display import SafeConsole, safe_text, styled
from assistant.messages import Reply

runner = CliRunner()
MARKUP = "[/i] [link=http://evil.example]deal[/link] [/red] :smile:"
ESCAPES = "\x1b]0;pwned\x07\x1b[2J\x9b31m\x07\x08\r"
HOSTILE = f"x{MARKUP}{ESCAPES}y"


def run(*args, **kwargs):
    return runner.invoke(app, list(args), **kwargs)


def _context():
    from assistant.app import default_registry
    from assistant.cli.common import open_db
    from assistant.context import ExpertContext

    return default_registry(), ExpertContext(db=open_db(), clock=Clock.from_env())


def _assert_shown_as_itself(result, *texts):
    assert result.exit_code == 0, result.output
    flat = " ".join(result.stdout.replace("│", " ").split())  # table cells may wrap
    for text in texts:
        assert all(word in flat for word in text.split()), (text, result.stdout)
    assert "\x1b" not in result.stdout and "\x9b" not in result.stdout and "\x07" not in result.stdout
    assert "\r" not in result.stdout and "\x08" not in result.stdout


# -- the function itself -----------------------------------------------------------------------
@pytest.mark.parametrize("raw, shown", [
    ("dog\x1b[2J", "dog"),
    ("cam\x1b]0;pwned\x07", "cam"),
    ("cam\x1b]8;;http://x\x1b\\link\x1b]8;;\x1b\\", "camlink"),
    ("a\x1bcb", "ab"),
    ("bell\x07", "bell\ufffd"),
    ("over\rwrite", "over\ufffdwrite"),
    ("line\r\nnext\ttab", "line\nnext\ttab"),
    ("\u202eevil", "\ufffdevil"),
    ("lone \ud800 surrogate", "lone \ufffd surrogate"),
    ("csi \x9b2J end", "csi  end"),
    ("unterminated \x1b]0;title", "unterminated "),
    ("[/red] plain", "[/red] plain"),
])
def test_safe_text_neutralises_control(raw, shown):
    assert safe_text(raw) == shown


def test_styled_and_the_console_read_no_markup():
    out = io.StringIO()
    console = SafeConsole(file=out, width=200)
    console.print(MARKUP)
    console.print(styled(("error:", "red"), " ", MARKUP))
    assert out.getvalue() == f"{MARKUP}\nerror: {MARKUP}\n"


# -- every listing and reply -------------------------------------------------------------------
def test_list_items_with_markup_and_escapes_list_as_themselves():
    registry, ctx = _context()
    registry.api("lists", "add").func(ctx, items=[HOSTILE], list_name="shopping")
    _assert_shown_as_itself(run("lists"), "[/i]", "[link=http://evil.example]deal[/link]", ":smile:")


def test_device_names_from_a_home_file_show_as_themselves(tmp_path):
    home = tmp_path / "home.yaml"
    name = json.dumps(f"Lamp {MARKUP}\x1b[2J")  # a YAML double-quoted string reads \x1b as ESC
    home.write_text("floors:\n  - {name: G, id: g}\nareas:\n  - {name: '[bold]Den[/x]', id: den, floor: g}\n"
                    f"entities:\n  - {{name: {name}, id: light.lamp, area: den, state: 'off'}}\n")
    assert run("home", "load", str(home)).exit_code == 0
    _assert_shown_as_itself(run("devices"), "[/i]", "[/red]")
    _assert_shown_as_itself(run("home", "show"), "den:", "[/i]", ":smile:")


def test_event_labels_and_sources_show_as_themselves():
    added = run("events", "add", "--source", f"cam{ESCAPES}", "--label", f"[/red]x {MARKUP}")
    _assert_shown_as_itself(added, "[/red]x", "[/i]")
    _assert_shown_as_itself(run("events"), "[/red]x", "[/i]", ":smile:")


def test_notifications_reminders_and_memory_show_as_themselves():
    registry, ctx = _context()
    registry.service("notify")(ctx.db, HOSTILE, ctx.clock.now())
    registry.api("reminders", "create").func(ctx, text=f"call {MARKUP}{ESCAPES}", when="tomorrow at 9am")
    registry.api("memory", "remember").func(ctx, fact=f"the code is {MARKUP}{ESCAPES}")
    for noun in ("notifications", "reminders", "memory"):
        _assert_shown_as_itself(run(noun), "[/i]", "[/red]")


def test_a_reply_that_echoes_markup_prints_as_itself(monkeypatch):
    class Echo:
        def handle(self, text, area=None, **context):
            return Reply(reply=f"Added {text} to your shopping list.", expert="lists", api="add")

    monkeypatch.setattr("assistant.app.build_assistant", lambda settings, **options: Echo())
    _assert_shown_as_itself(run("ask", HOSTILE), f"Added x{MARKUP}")


def test_an_error_naming_user_text_prints_as_itself(tmp_path):
    missing = tmp_path / "[/red]home.yaml"
    result = run("home", "load", str(missing))
    assert result.exit_code == 1 and "[/red]home.yaml" in result.stderr and "Traceback" not in result.output


def test_daemon_notifications_print_as_themselves():
    from datetime import datetime

    from assistant.scheduler.delivery import Delivered, terminal_delivery

    out = io.StringIO()
    terminal_delivery(SafeConsole(file=out, width=300))(Delivered(1, HOSTILE, datetime(2026, 11, 25, 9), True, "watch:1"))
    assert MARKUP in out.getvalue() and "\x1b" not in out.getvalue() and "(late)" in out.getvalue()
    coloured = io.StringIO()  # on a terminal the style is the assistant's, the text still inert
    terminal_delivery(SafeConsole(file=coloured, force_terminal=True, width=300))(
        Delivered(1, HOSTILE, datetime(2026, 11, 25, 9), False, "watch:1"))
    assert "pwned" not in coloured.getvalue() and "\x1b[2J" not in coloured.getvalue()


def test_the_chat_keeps_its_own_colours_above_the_prompt():
    """On a terminal the REPL prints through prompt_toolkit's stdout proxy, which must pass the
    assistant's own colour codes through (they printed as `?[32massistant>?[0m`)."""
    import sys

    from prompt_toolkit.application import create_app_session
    from prompt_toolkit.output.vt100 import Vt100_Output
    from prompt_toolkit.data_structures import Size

    from assistant.cli.chat import _above_the_prompt

    screen = io.StringIO()
    output = Vt100_Output(screen, lambda: Size(rows=24, columns=80), term="xterm")
    with create_app_session(output=output):
        with _above_the_prompt():
            Console(file=sys.stdout, force_terminal=True).print(styled(("assistant>", "green"), " ", HOSTILE))
    assert "\x1b[32massistant>" in screen.getvalue() and "?[32m" not in screen.getvalue()
    assert "pwned" not in screen.getvalue()
