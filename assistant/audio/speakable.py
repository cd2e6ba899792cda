"""Text as it should be spoken: what a speech engine would read out wrongly is rewritten or dropped.

Replies echo stored text (list items, event labels, device names, memory) that may hold escape
codes, control characters, markup or links. Before synthesis (`assistant/audio/tts.py`):
escape sequences and control/format characters are dropped; markup (rich `[bold]…[/]`, HTML tags,
Markdown emphasis, code marks, headings, `[text](url)`) keeps only its text; a URL is read as "a
link to example.com"; emoji and other pictographs are dropped; runs of repeated punctuation
collapse; the whole is cut at a sentence end past `MAX_SPOKEN_CHARS`.
"""
from __future__ import annotations

import html
import unicodedata

import regex

from assistant.display import without_escapes

MAX_SPOKEN_CHARS = 600  # about 40 seconds of speech; the screen has the rest

_MARKDOWN_LINK = regex.compile(r"\[([^\[\]\n]{1,200})\]\((?:[^()\s]{1,2000})\)")
_RICH_TAG = regex.compile(r"\[/?(?:[a-z#][\w .,=#:/?&%+-]{0,200})?\]", regex.IGNORECASE)
_HTML_TAG = regex.compile(r"</?[a-z][\w-]{0,30}(?:\s[^<>]{0,500})?/?>", regex.IGNORECASE)
_URL = regex.compile(r"\b(?:(?:https?|ftp)://|www\.)([^\s/?#<>\"']{1,253})[^\s<>\"']*", regex.IGNORECASE)
_EMPHASIS = regex.compile(r"(\*{1,3}|_{2,3}|~~|`{1,3})(?=\S)(.{1,500}?)(?<=\S)\1")
_HEADING = regex.compile(r"^\s{0,3}(?:#{1,6}|[-*+>]|\d{1,3}[.)])\s+", regex.MULTILINE)
_PICTOGRAPH = regex.compile(r"[\p{Extended_Pictographic}\p{Emoji_Modifier}\p{Regional_Indicator}"
                            r"\u200d\ufe0e\ufe0f\u20e3]+")
_REPEATED_MARK = regex.compile(r"([^\w\s])\1{2,}")
_SPACES = regex.compile(r"\s+")


def speakable(text: str) -> str:
    """`text` cleaned for a speech engine (see the module docstring); may be empty."""
    text = _HEADING.sub("", without_escapes(str(text)).replace("\r\n", "\n"))
    text = "".join(_spoken_char(c) for c in text)
    text = html.unescape(_HTML_TAG.sub(" ", text))
    text = _MARKDOWN_LINK.sub(r"\1", text)
    text = _RICH_TAG.sub("", text)
    text = _URL.sub(lambda m: f"a link to {_site(m.group(1))}", text)
    text = _EMPHASIS.sub(r"\2", text)
    text = _PICTOGRAPH.sub(" ", text)
    text = _REPEATED_MARK.sub(r"\1", text)
    return _shortened(_SPACES.sub(" ", text).strip())


def _spoken_char(char: str) -> str:
    """Control and format characters (bidi overrides, zero-width, surrogates) go; line breaks are pauses."""
    if char in "\n\r\t\v\f":
        return " "
    category = unicodedata.category(char)
    if category in ("Cc", "Cs", "Co", "Cn") or (category == "Cf" and char != "\u200d"):
        return ""
    return char


def _site(host: str) -> str:
    host = host.lower().rstrip(".").split("@")[-1].split(":")[0]
    return host[4:] if host.startswith("www.") else host


def _shortened(text: str) -> str:
    if len(text) <= MAX_SPOKEN_CHARS:
        return text
    cut = text[:MAX_SPOKEN_CHARS]
    end = max(cut.rfind(". "), cut.rfind("! "), cut.rfind("? "))
    return (cut[: end + 1] if end > MAX_SPOKEN_CHARS // 2 else cut.rsplit(" ", 1)[0] + "…")
