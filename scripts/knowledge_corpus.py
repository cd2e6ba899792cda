"""The retrieval evaluation corpus, built from data/knowledge/ (no PDF-writing package is installed,
so PDFs are written here with pypdf's object model: Helvetica text, one content stream a page).

- `write_pdf(path, pages)`: each page a list of lines; a line with " | " is a table row whose cells
  are placed in columns (as in a real schedule PDF). `encrypt=` sets a user password;
  `scanned=True` draws boxes only (no text layer).
- `build_corpus(dest, corpus)`: the files of data/knowledge/ (or of the held-out data/knowledge_fresh/) into `dest`; each `sources/NAME.txt` (pages
  split by form feeds) becomes `NAME.pdf`. Returns the paths written.
- `synthetic_pages(n)`: n pages of varied filler text (for the latency and ingest benchmarks).
Run as a script: `python scripts/knowledge_corpus.py DEST`.
"""
from __future__ import annotations

import random
import shutil
import sys
from pathlib import Path

from pypdf import PdfWriter
from pypdf.generic import DecodedStreamObject, DictionaryObject, NameObject

CORPUS = Path(__file__).resolve().parent.parent / "data" / "knowledge"
LEADING = 14
TOP = 760
LEFT = 50


def _escape(text: str) -> str:
    return text.replace("\\", "\\\\").replace("(", "\\(").replace(")", "\\)")


def _page_stream(lines: list[str], scanned: bool) -> bytes:
    if scanned:
        return "".join(f"0.5 g {LEFT} {TOP - 40 * i} 500 30 re f\n" for i in range(12)).encode()
    ops = []
    columns = _columns([line.split(" | ") for line in lines if " | " in line])
    for i, line in enumerate(lines):
        y = TOP - LEADING * i
        cells = line.split(" | ") if " | " in line else [line]
        for x, cell in zip(columns, cells):
            ops.append(f"BT /F1 10 Tf {x} {y} Td ({_escape(cell)}) Tj ET")
    return "\n".join(ops).encode("cp1252", errors="replace")


def _columns(rows: list[list[str]]) -> list[int]:
    """Where each table column starts: wide enough for its longest cell (Helvetica 10 pt)."""
    starts = [LEFT]
    for column in range(max((len(r) for r in rows), default=1) - 1):
        widest = max(len(r[column]) for r in rows if len(r) > column)
        starts.append(starts[-1] + int(widest * 5.2) + 14)
    return starts


def write_pdf(path: Path, pages: list[list[str]], encrypt: str | None = None, scanned: bool = False) -> Path:
    writer = PdfWriter()
    font = writer._add_object(DictionaryObject({
        NameObject("/Type"): NameObject("/Font"), NameObject("/Subtype"): NameObject("/Type1"),
        NameObject("/BaseFont"): NameObject("/Helvetica"), NameObject("/Encoding"): NameObject("/WinAnsiEncoding")}))
    for lines in pages:
        page = writer.add_blank_page(612, 792)
        page[NameObject("/Resources")] = DictionaryObject(
            {NameObject("/Font"): DictionaryObject({NameObject("/F1"): font})})
        stream = DecodedStreamObject()
        stream.set_data(_page_stream(lines, scanned))
        page[NameObject("/Contents")] = writer._add_object(stream)
    if encrypt:
        writer.encrypt(encrypt, algorithm="AES-128")
    with open(path, "wb") as handle:
        writer.write(handle)
    return path


def source_pages(text: str, lines_per_page: int = 50) -> list[list[str]]:
    """Form feeds split pages; a page with more lines than fit is continued on the next."""
    pages = []
    for part in text.split("\f"):
        lines = part.strip("\n").splitlines()
        pages.extend(lines[i:i + lines_per_page] for i in range(0, max(len(lines), 1), lines_per_page))
    return pages


def build_corpus(dest: Path, corpus: Path = CORPUS) -> list[Path]:
    dest.mkdir(parents=True, exist_ok=True)
    written = []
    for path in sorted(corpus.iterdir()):
        if path.is_file() and path.suffix in {".txt", ".md", ".html"}:
            written.append(Path(shutil.copy(path, dest / path.name)))
    for source in sorted((corpus / "sources").glob("*.txt")):
        written.append(write_pdf(dest / f"{source.stem}.pdf", source_pages(source.read_text())))
    return written


_SUBJECTS = ("pump", "filter", "valve", "heater", "drum", "hinge", "sensor", "panel", "cable", "motor", "gasket",
             "bracket", "fan", "compressor", "thermostat", "belt", "nozzle", "tray", "latch", "relay")
_VERBS = ("inspect", "clean", "replace", "tighten", "lubricate", "adjust", "check", "reset", "calibrate", "drain")
_WHEN = ("every month", "each spring", "after 200 hours", "before winter", "weekly", "when the light blinks",
         "every second year", "after a power cut", "at each service", "if it rattles")


def synthetic_pages(count: int, seed: int = 7, lines: int = 45) -> list[list[str]]:
    """`count` pages of maintenance-log-like lines (~2,700 characters a page), deterministic."""
    rng = random.Random(seed)
    pages = []
    for number in range(1, count + 1):
        page = [f"Section {number}: Unit {rng.randint(100, 999)} maintenance"]
        for _ in range(lines - 1):
            page.append(f"{rng.choice(_VERBS).capitalize()} the {rng.choice(_SUBJECTS)} of module "
                        f"{rng.randint(1, 400)} {rng.choice(_WHEN)}; torque {rng.randint(2, 90)} Nm.")
        pages.append(page)
    return pages


if __name__ == "__main__":
    for written_path in build_corpus(Path(sys.argv[1] if len(sys.argv) > 1 else "/tmp/knowledge-corpus")):
        print(written_path)
