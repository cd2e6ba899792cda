"""`assistant chat`: a REPL with history and line editing. Answered in this process, a chat
reply's first sentence prints as soon as it is written, and the rest once the reply is done."""
from __future__ import annotations

import sys
from contextlib import contextmanager, nullcontext

import typer
from prompt_toolkit import PromptSession
from prompt_toolkit.history import FileHistory
from prompt_toolkit.patch_stdout import patch_stdout

from assistant import errorlog
from assistant.cli.common import console, expected_error, friendly, print_trace, session_name, settings_with_trace
from assistant.display import styled
from assistant.paths import user_dir
from assistant.streaming import remainder

BANNER = "Type a request (e.g. 'turn on the kitchen lights'); Ctrl-D or /quit to leave."


@friendly
def chat(area: str = typer.Option(None, help="The area you are in."),
         session: str = typer.Option(None, "--session", help="Carry on a named conversation (the one "
                                     "`ask --session NAME` holds); default: a new one for this session."),
         local: bool = typer.Option(False, "--local", help="Answer in this process even when a hub runs "
                                    "(also: ASSISTANT_HUB=off)."),
         trace: bool = typer.Option(False, "--trace", help="Debug: show prompts, raw model output "
                                    "and timings for every request (in this process).")) -> None:
    """Talk with the assistant in a loop (history in ASSISTANT_HOME/history). A running hub
    (`assistant serve`) answers if there is one; else this process does."""
    from assistant.app import new_conversation
    from assistant.hub.client import find_hub

    settings = settings_with_trace(trace)
    # one conversation per session: its turns, questions and "undo that" are its own
    conversation = session_name(session) if session else new_conversation("chat")
    hub = None if local or settings.routing.trace else find_hub(settings.hub)
    respond = _Responder(settings, conversation, area, hub)
    if hub is None:
        respond.in_process()  # models loaded before the first prompt
    read = _line_reader()
    console.print(BANNER + (f" (via the hub at {hub.url})" if hub else ""), style="dim")
    with nullcontext() if hub else _scheduler_in_background():  # a hub runs the scheduler itself
        while True:
            try:
                line = read()
            except (EOFError, KeyboardInterrupt):
                break
            if line.strip() in ("/quit", "/exit"):
                break
            if not line.strip():
                continue
            text, ok = _answer(respond, line)
            _print_reply(text, ok, respond.said)


def _answer(respond: "_Responder", line: str) -> tuple[str, bool]:
    """The reply to one line; an unexpected error is one line (traceback in the error log), and the chat goes on."""
    try:
        return respond(line)
    except Exception as exc:  # noqa: BLE001 - one failed request must not end the conversation
        return f"error: {expected_error(exc) or errorlog.report(exc, 'assistant chat')}", False


def _print_reply(text: str, ok: bool, said: str | None) -> None:
    """The reply, or, after its start `said` was printed, the rest of it on the same line (the
    whole reply on a line of its own if it does not start with what was printed)."""
    rest = remainder(text, said)
    if said and rest is not None:
        console.print(styled(f" {rest}" if rest else ""))
        return
    if said:  # the reply is not what its start promised (e.g. the model failed half-way)
        console.print()
    console.print(styled(("assistant>", "green" if ok else "yellow"), " ", text))


class _Responder:
    """The hub while it answers; this process (models loaded on first need) once it does not.
    In this process the start of a reply is printed as soon as it is known (`said`); the hub's
    replies, and those under --trace, print whole."""

    def __init__(self, settings, conversation: str, area: str | None, hub) -> None:
        self.settings, self.conversation, self.area, self.hub = settings, conversation, area, hub
        self.assistant = None
        self.said: str | None = None  # the start of the current reply, printed already

    def __call__(self, line: str) -> tuple[str, bool]:
        from assistant.hub.client import HubFailed, HubUnavailable, failed_reply

        self.said = None
        if self.hub is not None:
            try:
                answer = self.hub.ask(line, session=self.conversation, area=self.area)
                return answer["reply"], bool(answer.get("ok"))
            except HubFailed as exc:  # it may have acted: not repeated here
                return failed_reply(exc)["reply"], False
            except HubUnavailable as exc:
                console.print(f"({exc}; carrying on in this process)", style="dim")
                self.hub = None
        trace = self.settings.routing.trace
        reply = self.in_process().handle(line, area=self.area, say_early=None if trace else self._say_early)
        if trace:
            print_trace(reply)
        return reply.reply, reply.ok

    def _say_early(self, sentence: str) -> None:
        console.print(styled(("assistant>", "green"), " ", sentence), end="")
        self.said = sentence

    def in_process(self):
        if self.assistant is None:
            from assistant.app import build_assistant

            self.assistant = build_assistant(self.settings, conversation=self.conversation)
            # Prefetch before the first prompt: models loaded, prompt prefix in place. Not in a background
            # thread: llama.cpp swaps sys.stdout while it loads a model, which would swallow our output.
            self.assistant.prepare()
        return self.assistant


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
