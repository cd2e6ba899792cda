"""`assistant`: the command-line entry point."""
from __future__ import annotations

import typer

from assistant.cli import chat as chat_cli
from assistant.app import default_registry
from assistant.cli import backup as backup_cli
from assistant.cli import config as config_cli
from assistant.cli import evaluate, home, models, state
from assistant.cli import memory as memory_cli
from assistant.cli import listen as listen_cli
from assistant.cli import daemon as daemon_cli
from assistant.cli import serve as serve_cli
from assistant.cli import satellite as satellite_cli
from assistant.cli import docs as docs_cli
from assistant.cli import doctor as doctor_cli
from assistant.cli import events as events_cli
from assistant.cli import scheduled as scheduled_cli
from assistant.cli import watches as watches_cli
from assistant.cli import history as history_cli
from assistant.cli.common import (OneLineErrors, console, friendly, print_json, print_trace, session_name,
                                  settings_with_trace)

app = typer.Typer(help="A local, private assistant: ask it, chat with it, or script it.",
                  no_args_is_help=True, add_completion=True, cls=OneLineErrors)
app.add_typer(home.app, name="home")
app.add_typer(models.app, name="models")
app.add_typer(docs_cli.app, name="docs")
app.add_typer(config_cli.app, name="config")
COMMANDS = {"events": events_cli.add_commands, "watches": watches_cli.add_commands,
            "memory": memory_cli.add_commands,
            "scheduled": scheduled_cli.add_commands}  # nouns with commands besides their listing
for view in [*default_registry().views(), scheduled_cli.VIEW]:  # the experts', then the core's
    view_app = state.view_app(view)
    COMMANDS.get(view.noun, lambda _: None)(view_app)
    app.add_typer(view_app, name=view.noun)
app.command("chat")(chat_cli.chat)
app.command("eval")(evaluate.eval_command)
app.command("listen")(listen_cli.listen)
app.command("daemon")(daemon_cli.daemon)
app.command("serve")(serve_cli.serve)
app.command("satellite")(satellite_cli.satellite)
app.command("doctor")(doctor_cli.doctor)
app.command("backup")(backup_cli.backup)
app.command("restore")(backup_cli.restore)
app.command("history")(history_cli.history)
app.command("forget")(history_cli.forget)


def version() -> str:
    """The installed package's version, else (a checkout run in place) the source's."""
    from importlib import metadata

    import assistant

    try:
        return metadata.version("assistant")
    except metadata.PackageNotFoundError:
        return assistant.__version__


def _print_version(value: bool) -> None:
    if value:
        console.print(f"assistant {version()}")
        raise typer.Exit()


@app.callback()
def main(show_version: bool = typer.Option(False, "--version", callback=_print_version, is_eager=True,
                                           help="Print the version and exit.")) -> None:
    """A local, private assistant: ask it, chat with it, or script it."""


@app.command()
@friendly
def ask(text: list[str] = typer.Argument(..., help="What to ask, e.g. turn on the kitchen lights"),
        as_json: bool = typer.Option(False, "--json", help="Print one JSON object (\"via\": \"hub\" when "
                                     "a running hub answered, \"local\" when this process did)."),
        area: str = typer.Option(None, help="The area you are in (for 'it's dark in here')."),
        session: str = typer.Option(None, "--session", help="Hold a conversation across calls: the "
                                    "previous turn, a question waiting for its answer and the chat's "
                                    "memory of what was said are this session's own. Without it, every "
                                    "one-shot `ask` shares the default conversation."),
        local: bool = typer.Option(False, "--local", help="Answer in this process even when a hub runs "
                                   "(also: ASSISTANT_HUB=off)."),
        trace: bool = typer.Option(False, "--trace", help="Debug: show prompts, raw model output, "
                                   "tokens, timings and the model's explanation (in this process).")) -> None:
    """Ask once and exit (non-zero exit when the request could not be carried out). A running hub
    (`assistant serve`) answers if there is one; else this process does."""
    from assistant.hub.client import ask_running_hub
    from assistant.hub.contract import reply_json

    settings = settings_with_trace(trace)
    words = " ".join(text)
    answer = None if local or settings.routing.trace else ask_running_hub(words, session, area, settings.hub)
    if answer is None:
        from assistant.app import build_assistant

        # nothing is printed early, but a chat reply streams as in the chat (timings_ms: reply_begins)
        reply = build_assistant(settings, conversation=session_name(session)).handle(
            words, area=area, say_early=lambda sentence: None)
        answer = reply_json(reply, "local")
        if settings.routing.trace and not as_json:
            print_trace(reply)
    if as_json:
        print_json(answer)
    else:
        console.print(answer["reply"])
    ok = bool(answer.get("ok", False))
    _exit_now_if_a_model_call_hangs(0 if ok else 1)
    if not ok:
        raise typer.Exit(1)


def _exit_now_if_a_model_call_hangs(code: int) -> None:
    """The answer is out; a hung model call given up on must not crash the interpreter's shutdown."""
    import os
    import sys

    from assistant.llm.timeout import calls_still_running

    if calls_still_running():
        sys.stdout.flush()
        sys.stderr.flush()
        os._exit(code)


if __name__ == "__main__":
    app()
