"""`assistant chat`: a REPL with history and line editing."""
from __future__ import annotations

import typer
from prompt_toolkit import PromptSession
from prompt_toolkit.history import FileHistory

from assistant.cli.common import console, friendly
from assistant.paths import user_dir

BANNER = "Type a request (e.g. 'turn on the kitchen lights'); Ctrl-D or /quit to leave."


@friendly
def chat(area: str = typer.Option(None, help="The area you are in.")) -> None:
    """Talk with the assistant in a loop (history in ASSISTANT_HOME/history)."""
    from assistant.app import build_assistant

    assistant = build_assistant()
    session = PromptSession(history=FileHistory(str(user_dir() / "history")))
    console.print(BANNER, style="dim")
    while True:
        try:
            line = session.prompt("you> ")
        except (EOFError, KeyboardInterrupt):
            break
        if line.strip() in ("/quit", "/exit"):
            break
        if not line.strip():
            continue
        reply = assistant.handle(line, area=area)
        style = "green" if reply.ok else "yellow"
        console.print(f"[{style}]assistant>[/{style}] {reply.reply}", highlight=False)
