"""Stored and user text on the terminal: shown as itself, never as rich markup or terminal control.

Item names, device names, event labels, replies that echo them: any of it may hold `[/red]`,
`[link=…]` or escape sequences (`ESC ]0;title BEL`, `ESC [2J`). `SafeConsole` is the one way the CLI
prints: it never reads markup or emoji codes in a string, and passes every string through
`safe_text`; styled output is built from parts with `styled`, whose texts go through `safe_text` too.
"""
from __future__ import annotations

import re
from typing import Any

from rich.console import Console
from rich.text import Text

REPLACEMENT = "\ufffd"

# Whole escape sequences are dropped: CSI (ESC [ … final), the string commands OSC/DCS/SOS/PM/APC
# up to their terminator (BEL or ST) or the end, the C1 forms of both, and other two-byte escapes.
_ESCAPE_SEQUENCE = re.compile(
    r"\x1b\[[0-?]*[ -/]*[@-~]"
    r"|\x9b[0-?]*[ -/]*[@-~]"
    r"|(?:\x1b[\]PX^_]|[\x90\x98\x9d\x9e\x9f]).*?(?:\x07|\x1b\\|\x9c|\Z)"
    r"|\x1b[ -/]*[0-~]",
    re.DOTALL,
)
# What is left that a terminal acts on or cannot encode: C0 controls but tab and newline, DEL, C1,
# bidirectional overrides and isolates (text that reads differently than it is), lone surrogates.
_UNSAFE_CHARACTER = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069\ud800-\udfff]")


def without_escapes(text: str) -> str:
    """`text` with whole terminal escape sequences removed (nothing else changed)."""
    return _ESCAPE_SEQUENCE.sub("", text)


def safe_text(value: Any) -> str:
    """`value` as text a terminal shows as it is: escape sequences removed, other control characters
    (and lone surrogates) replaced by U+FFFD; tabs and newlines kept."""
    text = value if isinstance(value, str) else str(value)
    text = _ESCAPE_SEQUENCE.sub("", text.replace("\r\n", "\n"))
    return _UNSAFE_CHARACTER.sub(REPLACEMENT, text)


def styled(*parts: str | tuple[str, str]) -> Text:
    """A line of plain parts and (text, style) parts, e.g. styled(("error:", "red"), " ", message):
    no part is read as markup, each is made safe."""
    return Text.assemble(*[(safe_text(p[0]), p[1]) if isinstance(p, tuple) else safe_text(p) for p in parts])


def plain(value: Any) -> Text:
    """One value (a table cell, a reply) as plain, safe text."""
    return Text(safe_text(value))


class SafeConsole(Console):
    """A rich Console that reads no markup, emoji codes or highlighting in strings and makes every
    string it prints safe (`safe_text`); `Text` and other renderables print as built. Lines of text
    are not wrapped when the output is not a terminal: one message, one line, for whoever reads it."""

    def __init__(self, **kwargs: Any) -> None:
        kwargs.setdefault("markup", False)
        kwargs.setdefault("emoji", False)
        kwargs.setdefault("highlight", False)
        super().__init__(**kwargs)

    def print(self, *objects: Any, **kwargs: Any) -> None:  # noqa: A003 - rich's name
        kwargs["markup"] = False
        kwargs["emoji"] = False
        if not self.is_terminal and all(isinstance(o, (str, Text)) for o in objects):
            kwargs.setdefault("soft_wrap", True)
        super().print(*[plain(o) if isinstance(o, str) else o for o in objects], **kwargs)
