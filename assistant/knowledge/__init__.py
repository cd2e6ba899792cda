"""Your own documents (PDF, text, Markdown, HTML): extracted by page, chunked, stored in SQLite with
an FTS5 index and MiniLM vectors, and retrieved without an LLM (BM25 + cosine, reciprocal-rank fused).

Modules: extract (+ pdf, html_text) -> chunking -> store (tables, add/replace/remove) -> search.
"""
from assistant.knowledge.errors import DocumentError
from assistant.knowledge.search import Passage, search
from assistant.knowledge.store import MIGRATIONS, Added, add_document, list_documents, remove_document

__all__ = ["DocumentError", "Passage", "search", "MIGRATIONS", "Added", "add_document", "list_documents",
           "remove_document"]
