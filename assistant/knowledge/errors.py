"""The one error a document can raise, with a one-line message meant for the user."""
from __future__ import annotations


class DocumentError(ValueError):
    """A file that cannot be read as a document: missing, unsupported, scanned, encrypted, corrupt."""
