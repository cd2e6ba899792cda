"""`assistant docs add FILE… / list / show ID / remove ID / search QUERY`: your own documents
(assistant/knowledge/). `search` is for debugging retrieval: the passages an answer would use."""
from __future__ import annotations

from pathlib import Path

import typer

from assistant.cli.common import console, friendly, print_error, print_json, print_table, progress_bar, storable_id
from assistant.display import styled

app = typer.Typer(help="Your documents (PDF, text, Markdown, HTML): add, list, show, remove, search.",
                  no_args_is_help=True)


def _db():
    from assistant.knowledge import MIGRATIONS
    from assistant.paths import database_path
    from assistant.storage import open_database

    return open_database(database_path(), MIGRATIONS)


def _missing(doc_id: int) -> None:
    print_error(f"There is no document {doc_id} (see `assistant docs list`).")
    raise typer.Exit(1)


@app.command("add")
@friendly
def add(files: list[Path] = typer.Argument(..., metavar="FILE...", help="PDF, .txt, .md or .html files."),
        as_json: bool = typer.Option(False, "--json", help="Print one JSON object per file.")) -> None:
    """Add documents (the same file again changes nothing; a changed file replaces its old version)."""
    from assistant.clock import Clock
    from assistant.knowledge import DocumentError, add_document
    from assistant.knowledge.embedder import passage_embedder

    db, failed = _db(), 0
    with progress_bar("items") as bar:
        for path in files:
            task = bar.add_task(f"{path.name}", total=None)

            def report(stage: str, done: int, total: int, task=task, name=path.name) -> None:
                bar.update(task, description=f"{name}: {stage}", completed=done, total=total)

            try:
                added = add_document(db, path, passage_embedder(), Clock.from_env().now(), report)
            except DocumentError as exc:
                failed += 1
                print_error(exc)
                continue
            finally:
                bar.remove_task(task)
            if as_json:
                print_json(vars(added))
            else:
                console.print(f"{added.status.capitalize()} {added.name} (id {added.id}): {added.pages} "
                              f"page{'s' * (added.pages != 1)}, {added.chunks} passages.", highlight=False)
    if failed:
        raise typer.Exit(1)


@app.command("list")
@friendly
def list_(as_json: bool = typer.Option(False, "--json", help="Print [{id, name, pages, chunks, added}].")) -> None:
    """The documents added so far."""
    from assistant.knowledge import list_documents

    documents = list_documents(_db())
    if as_json:
        print_json(documents)
    elif not documents:
        console.print("No documents yet: add one with `assistant docs add FILE`.")
    else:
        print_table("Documents", ["id", "name", "pages", "chunks", "added"],
                    [[d["id"], d["name"], d["pages"], d["chunks"], d["added"]] for d in documents])


@app.command("show")
@friendly
def show(doc_id: int = typer.Argument(..., metavar="ID"),
         as_json: bool = typer.Option(False, "--json", help="Print the document and its passages.")) -> None:
    """One document: where it came from and its passages, page by page."""
    from assistant.knowledge.store import document_chunks, get_document

    db = _db()
    document = get_document(db, doc_id) if storable_id(doc_id) else None
    if document is None:
        _missing(doc_id)
    passages = document_chunks(db, doc_id)
    if as_json:
        print_json({**document, "passages": passages})
        return
    console.print(styled((document["name"], "bold"), f" (id {doc_id}, {document['kind']}, {document['pages']} pages, "
                         f"{document['chunks']} passages, added {document['added']})\n{document['path']}"))
    for passage in passages:
        console.rule(f"page {passage['page']}", style="dim")
        console.print(passage["text"], highlight=False, markup=False)


@app.command("remove")
@friendly
def remove(doc_id: int = typer.Argument(..., metavar="ID")) -> None:
    """Forget a document and its passages."""
    from assistant.knowledge import remove_document

    removed = remove_document(_db(), doc_id) if storable_id(doc_id) else None
    if removed is None:
        _missing(doc_id)
    console.print(f"Removed {removed['name']} (id {doc_id}).", highlight=False)


@app.command("search")
@friendly
def search(query: list[str] = typer.Argument(..., help="A question, e.g. when is the science project due"),
           limit: int = typer.Option(3, "--limit", "-n", min=1, help="How many passages."),
           as_json: bool = typer.Option(False, "--json", help="Print a JSON list of passages.")) -> None:
    """Debug retrieval: the passages that best match QUERY, with document and page (no LLM)."""
    from assistant.knowledge import search as find
    from assistant.knowledge.embedder import passage_embedder

    passages = find(_db(), " ".join(query), passage_embedder(), limit=limit)
    if as_json:
        print_json([p.as_dict() for p in passages])
        return
    if not passages:
        console.print("Nothing found in your documents.")
    for rank, passage in enumerate(passages, 1):
        console.rule(f"{rank}. {passage.document}, page {passage.page}  (score {passage.score:.4f}, "
                     f"cosine {passage.cosine:.2f})", style="dim")
        console.print(passage.text, highlight=False, markup=False)
