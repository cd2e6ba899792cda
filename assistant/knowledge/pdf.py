"""PDF text with pypdf, page by page, with a clear error for what cannot be read."""
from __future__ import annotations

import io
import logging

from assistant.knowledge.errors import DocumentError
from assistant.knowledge.extract import Page

MIN_TEXT_CHARS = 20  # a PDF with less text than this on all its pages is taken for a scan


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
    text = page.extract_text() or ""
    return "\n".join(line.rstrip() for line in text.splitlines())


def _short(exc: Exception) -> str:
    text = str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
    return text[:80]
