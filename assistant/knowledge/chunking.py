"""Pages cut into passages for retrieval, never across a page and never inside a line.

Lines (a table row, a date line, a recipe step) are the unit: a passage is consecutive whole lines
of one page, up to `TARGET_CHARS` (about 100 word pieces, within what the embedder reads), ending at
a blank line or a heading when one is near. Only a single line longer than `MAX_CHARS` is cut, at
sentence ends. A passage also carries the heading it falls under (its section), so "Week 3 | Mon |
Science project due" keeps the table title that says which class it is.

A table row is read with its column headers: under a header row (a first row with no digits),
"Tuesday | 17:15-18:00" becomes "Session: Swimming lessons | Tuesday: 17:15-18:00" and the header
row itself goes, so each row answers on its own in whichever passage it lands ("what time is the
swimming lesson on Tuesday?"). Empty and "-" cells are left out.
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
        is_heading = _is_heading(line, first=not any(lines[:i]), before_blank=i + 1 < len(lines) and not lines[i + 1],
                                 opens=0 < i < len(lines) - 1 and not lines[i - 1] and bool(lines[i + 1]))
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
    """The page's lines, stripped; blank lines kept as "" (a paragraph break); table rows labelled
    with their headers; overlong lines cut."""
    out: list[str] = []
    for line in label_tables([" ".join(raw.split()) for raw in text.splitlines()]):
        out.extend(_split_long(line) if len(line) > MAX_CHARS else [line])
    return out


def cells(line: str) -> list[str]:
    return [cell.strip() for cell in line.split("|")] if "|" in line else []


def label_tables(lines: list[str]) -> list[str]:
    """Each run of two or more table rows under a header row: rows labelled, the header dropped."""
    out: list[str] = []
    i = 0
    while i < len(lines):
        header = cells(lines[i])
        end = i + 1
        while end < len(lines) and len(cells(lines[end])) >= 2:
            end += 1
        if len(header) >= 2 and end - i >= 2 and _is_header(header):
            out.extend(labelled(header, cells(row)) for row in lines[i + 1:end])
            i = end
        else:
            out.append(lines[i])
            i += 1
    return out


def labelled(header: list[str], row: list[str]) -> str:
    """'Session: Swim | Tuesday: 17:15': each cell after its column's header (unlabelled past the header)."""
    parts = []
    for n, cell in enumerate(row):
        if cell.strip(" -–—") == "":
            continue
        name = header[n] if n < len(header) else ""
        parts.append(f"{name}: {cell}" if name else cell)
    return " | ".join(parts)


def _is_header(row: list[str]) -> bool:
    """Column titles: short cells, some text in each, no figures."""
    return all(cell and len(cell.split()) <= 5 and not any(ch.isdigit() for ch in cell) for cell in row)


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


def _is_heading(line: str, first: bool, before_blank: bool, opens: bool = False) -> bool:
    """A short title-like line: the page's first line, a line before a blank one, one in capitals
    or ending with a colon ('Ingredients:'), or one that `opens` a paragraph (after a blank line,
    before text) and starts with a capital letter ('Airport parking', 'After-school clubs (15:15 to
    16:15)'; not '2 eggs' or '- a list item'). Table rows and sentences are not headings."""
    if len(line) > 60 or len(line.split()) > 8 or "|" in line or line.endswith((".", ",", ";")):
        return False
    titled = opens and line[:1].isupper()
    return first or before_blank or titled or line.endswith(":") or (line.isupper() and len(line) > 3)


def _size(lines: list[str]) -> int:
    return sum(len(line) + 1 for line in lines)
