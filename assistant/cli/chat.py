"""`assistant chat`: a REPL with history and line editing."""
from __future__ import annotations

import sys
from contextlib import contextmanager, nullcontext

import typer
from prompt_toolkit import PromptSession
from prompt_toolkit.history import FileHistory
from prompt_toolkit.patch_stdout import patch_stdout

from assistant.cli.common import console, friendly, print_trace, session_name, settings_with_trace
from assistant.display import styled
from assistant.paths import user_dir

BANNER = "Type a request (e.g. 'turn on the kitchen lights'); Ctrl-D or /quit to leave."


@friendly
def chat(area: str = typer.Option(None, help="The area you are in."),
         session: str = typer.Option(None, "--session", help="Carry on a named conversation (the one "
                                     "`ask --session NAME` holds); default: a new one for this session."),
         trace: bool = typer.Option(False, "--trace", help="Debug: show prompts, raw model output "
                                    "and timings for every request.")) -> None:
    """Talk with the assistant in a loop (history in ASSISTANT_HOME/history)."""
    from assistant.app import build_assistant, new_conversation

    settings = settings_with_trace(trace)
    # one conversation per session: its turns, questions and "undo that" are its own
    assistant = build_assistant(settings, conversation=session_name(session) if session else new_conversation("chat"))
    # Prefetch before the first prompt: models loaded, prompt prefix in place. Not in a background
    # thread: llama.cpp swaps sys.stdout while it loads a model, which would swallow our output.
    assistant.prepare()
    read = _line_reader()
    console.print(BANNER, style="dim")
    with _scheduler_in_background():
        while True:
            try:
                line = read()
            except (EOFError, KeyboardInterrupt):
                break
            if line.strip() in ("/quit", "/exit"):
                break
            if not line.strip():
                continue
            reply = assistant.handle(line, area=area)
            if settings.routing.trace:
                print_trace(reply)
            style = "green" if reply.ok else "yellow"
            console.print(styled(("assistant>", style), " ", reply.reply))


@contextmanager
def _scheduler_in_background():
    """Reminders, timers and watches fire while chatting; their notifications print above the prompt."""
    from assistant.clock import Clock
    from assistant.paths import database_path
    from assistant.scheduler import start_background_scheduler

    def show(item) -> None:
        console.print(styled(("notification>", "magenta"), " ", item.text))

    with _above_the_prompt() if sys.stdin.isatty() else nullcontext():
        background = start_background_scheduler(database_path(), Clock.from_env(), show)
        try:
            yield
        finally:
            background.stop()


def _above_the_prompt():
    """Output printed while the prompt waits goes above it; the assistant's own colour codes pass
    through (raw), as every string printed is already safe (assistant/display.py)."""
    return patch_stdout(raw=True)


def _line_reader():
    """prompt_toolkit (history, line editing) on a terminal; plain lines when piped."""
    if not sys.stdin.isatty():
        return lambda: _plain_line()
    session = PromptSession(history=FileHistory(str(user_dir() / "history")))
    return lambda: session.prompt("you> ")


def _plain_line() -> str:
    line = sys.stdin.readline()
    if not line:
        raise EOFError
    return line.rstrip("\n")
