"""The fast router's proposal: the guessed expert's own command shapes (`Expert.propose`).

No model, well under a millisecond. Anything the expert is unsure of returns None and waits for
the confirmer; what it proposes is still checked by the confirmer (speculation), never trusted
alone unless a measured rule says so.
"""
from __future__ import annotations

from datetime import datetime

from assistant.messages import Decision, Request
from assistant.registry import Registry, RegistryError
from assistant.words import command


def propose(registry: Registry, text: str, expert: str | None, now: datetime,
            claimed: bool = False) -> Decision | None:
    """A proposal for `text` within `expert` (the classifier's guess or a cue's), or None;
    `claimed`: the expert's `claims` hook says the words name its own things alone."""
    try:
        hook = registry.expert(expert or "").propose
    except RegistryError:  # "none": no expert serves it
        return None
    return hook(Request(text=text, words=command(text), now=now, claimed=claimed)) if hook else None
