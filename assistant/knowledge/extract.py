"""Text out of a file, page by page: PDF (pypdf), plain text, Markdown, HTML.

A PDF keeps its own pages. Any other file is one page, unless it is long: then it is cut into
pseudo-pages of about `PSEUDO_PAGE_CHARS` characters at line ends (a form feed always starts a new
page), so a citation "page 7" of a long notes file still points somewhere near the answer.
Markdown and HTML become plain lines: a table row stays one line, its cells joined by " | ".
"""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from assistant.knowledge.errors import DocumentError
from assistant.knowledge.html_text import html_to_text

PSEUDO_PAGE_CHARS = 3000
KINDS = {".pdf": "pdf", ".txt": "text", ".text": "text", ".md": "markdown", ".markdown": "markdown",
         ".html": "html", ".htm": "html"}


@dataclass(frozen=True)
class Page:
    number: int  # 1-based
    text: str


@dataclass(frozen=True)
class Extracted:
    kind: str
    pages: list[Page]


def kind_of(path: Path) -> str:
    kind = KINDS.get(path.suffix.lower())
    if kind is None:
        supported = ", ".join(sorted({k for k in KINDS}))
        raise DocumentError(f"{path.name}: unsupported file type '{path.suffix or 'none'}' "
                            f"(supported: {supported}).")
    return kind


def extract(path: Path, data: bytes | None = None, progress=None) -> Extracted:
    """The pages of the document at `path` (its bytes `data`, if already read); `progress(stage,
    done, total)` is told of each PDF page read."""
    kind = kind_of(path)
    if data is None:
        data = read_bytes(path)
    if kind == "pdf":
        from assistant.knowledge.pdf import pdf_pages

        pages = pdf_pages(path.name, data, progress)
    else:
        text = _decode(data)
        if kind == "markdown":
            text = markdown_to_text(text)
        elif kind == "html":
            text = html_to_text(text)
        pages = split_pages(text)
    if not any(p.text.strip() for p in pages):
        raise DocumentError(f"{path.name}: the file has no text.")
    return Extracted(kind, pages)


def read_bytes(path: Path) -> bytes:
    if not path.exists():
        raise DocumentError(f"{path}: no such file.")
    if path.is_dir():
        raise DocumentError(f"{path}: is a folder, not a file.")
    return path.read_bytes()


def _decode(data: bytes) -> str:
    for encoding in ("utf-8-sig", "cp1252"):
        try:
            return data.decode(encoding)
        except UnicodeDecodeError:
            continue
    return data.decode("latin-1")


def markdown_to_text(text: str) -> str:
    """Markdown rendered by markdown-it (CommonMark plus tables), then read as HTML."""
    from markdown_it import MarkdownIt

    return html_to_text(MarkdownIt("commonmark").enable("table").render(text))


def split_pages(text: str, size: int = PSEUDO_PAGE_CHARS) -> list[Page]:
    """Form feeds split pages; a page longer than `size` is cut at line ends into pseudo-pages."""
    pages: list[str] = []
    for part in text.replace("\r\n", "\n").split("\f"):
        current: list[str] = []
        length = 0
        for line in part.split("\n"):
            if current and length + len(line) > size:
                pages.append("\n".join(current))
                current, length = [], 0
            current.append(line)
            length += len(line) + 1
        pages.append("\n".join(current))
    return [Page(i, t) for i, t in enumerate(pages, 1)]
