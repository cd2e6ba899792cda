"""`assistant history [--json] [--session NAME]` and `assistant forget --all`: what was said and
done, per conversation (assistant/storage/conversations.py), and clearing that record."""
from __future__ import annotations

import typer

from assistant.cli.common import console, friendly, open_db, print_error, print_json, print_table


@friendly
def history(as_json: bool = typer.Option(False, "--json", help="Print one JSON object: {turns, actions}."),
            session: str = typer.Option(None, "--session", help="Only this conversation (a `--session` "
                                        "name, 'default' for one-shot asks, or a chat/voice id)."),
            limit: int = typer.Option(50, "--limit", min=1, max=10000, help="The last N turns and actions.")) -> None:
    """What was said to the assistant and what it did (the conversation and the action log)."""
    from assistant.storage.conversations import history as read_history

    found = read_history(open_db(), session.strip() if session else None, limit)
    if as_json:
        print_json(found)
        return
    if not found["turns"] and not found["actions"]:
        console.print("Nothing yet.")
        return
    print_table("Conversation", ["at", "conversation", "you", "assistant"],
                [[t["at"], t["conversation"], t["text"], t["reply"]] for t in found["turns"]])
    print_table("Actions", ["at", "conversation", "request", "call", "args", "result"],
                [[a["at"], a["conversation"], a["text"], f"{a['expert']}.{a['api']}", a["args"],
                  "undone" if a["undone"] else ("ok" if a["ok"] else "failed")] for a in found["actions"]])


@friendly
def forget(everything: bool = typer.Option(False, "--all", help="Clear the whole conversation and action log."),
           yes: bool = typer.Option(False, "--yes", "-y", help="Do not ask for confirmation.")) -> None:
    """Clear the record of what was said and done (devices, timers, lists and reminders stay as they are)."""
    from assistant.storage.conversations import forget_all

    if not everything:
        print_error("Say what to forget: --all (every conversation and the action log).")
        raise typer.Exit(2)
    if not yes and not typer.confirm("Forget every conversation and the action log?", default=False):
        console.print("Nothing was forgotten.")
        raise typer.Exit(1)
    counts = forget_all(open_db())
    console.print(f"Forgot {counts.get('conversation_turns', 0)} turns and {counts.get('action_log', 0)} actions.")
