"""Pages cut into passages for retrieval, never across a page and never inside a line.

Lines (a table row, a date line, a recipe step) are the unit: a passage is consecutive whole lines
of one page, up to `TARGET_CHARS` (about 100 word pieces, within what the embedder reads), ending at
a blank line or a heading when one is near. Only a single line longer than `MAX_CHARS` is cut, at
sentence ends. A passage also carries the heading it falls under (its section), so "Week 3 | Mon |
Science project due" keeps the table title that says which class it is.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from assistant.knowledge.extract import Page

TARGET_CHARS = 420
MAX_CHARS = 600
_SENTENCE_END = re.compile(r"(?<=[.!?;])\s+")


@dataclass(frozen=True)
class Chunk:
    page: int
    text: str
    section: str = ""  # the heading above it on that page, if any

    @property
    def indexed(self) -> str:
        """What is searched and embedded: the section heading, then the passage."""
        return f"{self.section}\n{self.text}" if self.section and not self.text.startswith(self.section) else self.text


def chunk_pages(pages: list[Page]) -> list[Chunk]:
    return [chunk for page in pages for chunk in chunk_page(page)]


def chunk_page(page: Page) -> list[Chunk]:
    chunks: list[Chunk] = []
    current: list[str] = []
    section = heading = ""
    lines = _lines(page.text)
    for i, line in enumerate(lines):
        if line == "":
            if current and _size(current) >= TARGET_CHARS // 2:
                chunks.append(Chunk(page.number, "\n".join(current), section))
                current = []
            continue
        is_heading = _is_heading(line, first=not any(lines[:i]), before_blank=i + 1 < len(lines) and not lines[i + 1])
        if current and (_size(current) + len(line) > TARGET_CHARS or (is_heading and _size(current) > 80)):
            chunks.append(Chunk(page.number, "\n".join(current), section))
            current = []
        if is_heading:
            heading = line
        if not current:
            section = heading
        current.append(line)
    if current:
        chunks.append(Chunk(page.number, "\n".join(current), section))
    return chunks


def _lines(text: str) -> list[str]:
    """The page's lines, stripped; blank lines kept as "" (a paragraph break); overlong lines cut."""
    out: list[str] = []
    for raw in text.splitlines():
        line = " ".join(raw.split())
        out.extend(_split_long(line) if len(line) > MAX_CHARS else [line])
    return out


def _split_long(line: str) -> list[str]:
    pieces: list[str] = []
    current = ""
    for sentence in _SENTENCE_END.split(line):
        for part in _hard_cut(sentence):
            if current and len(current) + len(part) + 1 > TARGET_CHARS:
                pieces.append(current)
                current = part
            else:
                current = f"{current} {part}".strip()
    return [*pieces, current] if current else pieces


def _hard_cut(text: str):
    """A sentence too long to embed whole, cut at spaces."""
    while len(text) > MAX_CHARS:
        cut = text.rfind(" ", 0, MAX_CHARS)
        cut = cut if cut > 0 else MAX_CHARS
        yield text[:cut]
        text = text[cut:].strip()
    yield text


def _is_heading(line: str, first: bool, before_blank: bool) -> bool:
    """A short title-like line: the page's first line, a line before a blank one, one in capitals
    or ending with a colon ('Ingredients:'). Table rows and sentences are not headings."""
    if len(line) > 60 or len(line.split()) > 8 or "|" in line or line.endswith((".", ",", ";")):
        return False
    return first or before_blank or line.endswith(":") or (line.isupper() and len(line) > 3)


def _size(lines: list[str]) -> int:
    return sum(len(line) + 1 for line in lines)
