"""HTML to plain lines with the standard library's parser (no HTML parser package is installed).

Block elements end a line; a table row is one line with its cells joined by " | "; scripts, styles
and the head are dropped; list items start with "- ".
"""
from __future__ import annotations

import re
from html.parser import HTMLParser

_BLOCKS = {"p", "div", "br", "h1", "h2", "h3", "h4", "h5", "h6", "li", "tr", "table", "section", "article",
           "header", "footer", "ul", "ol", "dl", "dt", "dd", "pre", "blockquote", "hr", "caption", "main",
           "nav", "aside", "address", "figure", "figcaption", "title"}
_SKIP = {"script", "style", "noscript", "template", "svg"}
_CELLS = {"td", "th"}
_HEADINGS = {"h1", "h2", "h3", "h4", "h5", "h6", "title"}


class _Lines(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.lines: list[str] = []
        self.current: list[str] = []
        self.cells: list[str] | None = None
        self.in_cell = False
        self.skipping = 0

    def handle_starttag(self, tag: str, attrs) -> None:
        if tag in _SKIP:
            self.skipping += 1
        elif tag == "tr":
            self._end_line()
            self.cells = []
        elif tag in _CELLS and self.cells is not None:
            self._end_cell()
            self.current, self.in_cell = [], True  # the space between two cells is no cell
        elif tag in _BLOCKS:
            self._end_line()
            if tag == "li":
                self.current.append("- ")

    def handle_endtag(self, tag: str) -> None:
        if tag in _SKIP:
            self.skipping = max(0, self.skipping - 1)
        elif tag in _CELLS and self.cells is not None:
            self._end_cell()
        elif tag == "tr":
            self._end_row()
        elif tag in _BLOCKS:
            self._end_line()
            if tag in _HEADINGS:
                self.lines.append("")  # a heading stands alone, as in plain text

    def handle_data(self, data: str) -> None:
        if not self.skipping:
            self.current.append(data)

    def _end_cell(self) -> None:
        if self.in_cell:  # an empty cell keeps its place, so the next stays under its header
            self.cells.append(_squash("".join(self.current)))
        self.current, self.in_cell = [], False

    def _end_row(self) -> None:
        if self.cells is None:
            return
        self._end_cell()
        if any(self.cells):
            self.lines.append(" | ".join(self.cells))
        self.cells = None

    def _end_line(self) -> None:
        if self.cells is not None:
            self._end_row()
        text = _squash("".join(self.current))
        if text and text != "-":
            self.lines.append(text)
        self.current = []


def _squash(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip()


def html_to_text(html: str) -> str:
    parser = _Lines()
    parser.feed(html)
    parser.close()
    parser._end_line()
    return "\n".join(parser.lines)
