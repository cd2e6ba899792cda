"""PDF text with pypdf, page by page, with a clear error for what cannot be read.

pypdf's layout mode keeps where text sits on the line, so a table's columns survive: two or more
consecutive lines whose gaps of `GAP` spaces or more fall at the same places are table rows, and
their cells are joined by " | " as the other formats' tables are (chunking.py then labels each cell
with its column header). Cells are placed in the header's columns by position, so an empty cell
stays empty rather than shifting the rest left.
"""
from __future__ import annotations

import io
import logging
import re

from assistant.knowledge.errors import DocumentError
from assistant.knowledge.extract import Page

MIN_TEXT_CHARS = 20  # a PDF with less text than this on all its pages is taken for a scan
GAP = 3  # spaces between two table cells in layout mode (words are one space apart)
_CELL = re.compile(r"\S+(?: {1,%d}\S+)*" % (GAP - 1))


def pdf_pages(name: str, data: bytes, progress=None) -> list[Page]:
    from pypdf import PdfReader
    from pypdf.errors import PdfReadError

    logging.getLogger("pypdf").setLevel(logging.ERROR)  # malformed-but-readable files warn loudly
    try:
        reader = PdfReader(io.BytesIO(data))
        if reader.is_encrypted and not _opens_without_password(reader):
            raise DocumentError(f"{name}: the PDF is encrypted (password protected); "
                                "save an unprotected copy and add that.")
        pages = []
        for number, page in enumerate(reader.pages, 1):
            pages.append(Page(number, _page_text(page)))
            if progress:
                progress("reading", number, len(reader.pages))
    except DocumentError:
        raise
    except (PdfReadError, ValueError, KeyError, TypeError, AttributeError, IndexError, OSError) as exc:
        raise DocumentError(f"{name}: the PDF is damaged and cannot be read ({_short(exc)}).") from None
    if not pages:
        raise DocumentError(f"{name}: the PDF has no pages.")
    if sum(len(p.text.strip()) for p in pages) < MIN_TEXT_CHARS:
        raise DocumentError(f"{name}: the PDF has no text layer (a scan or images only); "
                            "run it through OCR first (e.g. ocrmypdf) and add the result.")
    return pages


def _opens_without_password(reader) -> bool:
    """Many PDFs are 'encrypted' with an empty user password only (printing rights); those open."""
    try:
        return bool(reader.decrypt(""))
    except Exception:  # noqa: BLE001 - an unsupported cipher counts as locked
        return False


def _page_text(page) -> str:
    try:
        text = page.extract_text(extraction_mode="layout") or ""
    except Exception:  # noqa: BLE001 - a page layout mode cannot place is read as plain text
        text = page.extract_text() or ""
    return "\n".join(table_rows([line.rstrip() for line in text.splitlines()]))


def cells_of(line: str) -> list[tuple[int, str]]:
    """The line's runs of text separated by `GAP` spaces or more, with where each starts."""
    return [(m.start(), m.group()) for m in _CELL.finditer(line)]


def table_rows(lines: list[str]) -> list[str]:
    """The lines, with each run of two or more aligned multi-cell lines written as table rows."""
    out: list[str] = []
    i = 0
    while i < len(lines):
        block = _table_at(lines, i)
        if len(block) >= 2:
            out.extend(block)
            i += len(block)
        else:
            out.append(" ".join(lines[i].split()))
            i += 1
    return out


def _table_at(lines: list[str], start: int) -> list[str]:
    """The table rows starting at `start` (cells joined by " | "), or [] when no table starts there."""
    first = cells_of(lines[start])
    if len(first) < 2:
        return []
    columns = [x for x, _ in first]
    rows = []
    for line in lines[start:]:
        cells = cells_of(line)
        if len(cells) < 2 or not _aligned(cells, columns):
            break
        row = [""] * len(columns)
        for x, text in cells:
            column = max(i for i, c in enumerate(columns) if c <= x + GAP - 1) if x + GAP - 1 >= columns[0] else 0
            row[column] = f"{row[column]} {text}".strip()
        rows.append(" | ".join(row))
    return rows


def _aligned(cells: list[tuple[int, str]], columns: list[int]) -> bool:
    """Every cell but the first starts at one of the columns (within a character or two)."""
    return all(any(abs(x - c) < GAP for c in columns) for x, _ in cells[1:])


def _short(exc: Exception) -> str:
    text = str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
    return text[:80]
