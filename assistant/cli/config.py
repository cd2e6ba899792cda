"""`assistant config show|path|edit`: the one TOML file of settings (assistant/config.py)."""
from __future__ import annotations

import os
import shlex
import shutil
import subprocess

import typer

from assistant.cli.common import console, friendly, print_error, print_json
from assistant.errorlog import masked

app = typer.Typer(help="The settings file (config.toml): show it, where it is, edit it.", no_args_is_help=True)

TEMPLATE = """# The assistant's settings (every key is optional; see `assistant config show --json` for them all).
# input_area = "living_room"
# [hub]
# port = 8765
# [home]
# backend = "home_assistant"
# url = "http://127.0.0.1:8123"
"""


@app.command("path")
@friendly
def path() -> None:
    """Print where the settings file is (ASSISTANT_CONFIG, else config.toml in ASSISTANT_HOME)."""
    from assistant.config import config_path

    console.print(str(config_path()), soft_wrap=True)


@app.command("show")
@friendly
def show(as_json: bool = typer.Option(False, "--json", help="The effective settings (defaults filled "
                                      "in), as JSON.")) -> None:
    """Print the settings file with its secrets masked (or, with --json, every effective setting)."""
    from assistant.config import config_path, load_settings

    settings = load_settings()  # an invalid file is reported, not shown as if it were in force
    if as_json:
        return print_json(settings.model_dump(mode="json"))
    file = config_path()
    if not file.is_file():
        console.print(f"# {file}: no file; the defaults are in force (`assistant config edit` creates it)",
                      soft_wrap=True)
        return
    console.print(f"# {file}", soft_wrap=True)
    console.print(masked(file.read_text(encoding="utf-8")).rstrip("\n"), soft_wrap=True)


@app.command("edit")
@friendly
def edit() -> None:
    """Open the settings file in $VISUAL or $EDITOR (created from a template if missing), then check it."""
    from assistant.config import ConfigError, config_path, load_settings

    file = config_path()
    if not file.exists():
        file.parent.mkdir(parents=True, exist_ok=True)
        file.write_text(TEMPLATE, encoding="utf-8")
        file.chmod(0o600)  # it may hold tokens
    command = _editor()
    if command is None:
        print_error(f"no editor found: set EDITOR, or edit {file} yourself")
        raise typer.Exit(1)
    subprocess.run([*command, str(file)], check=False)
    try:
        load_settings(file)
    except ConfigError as exc:
        print_error(f"{exc} (the file is kept as you left it; run `assistant config edit` again)")
        raise typer.Exit(1) from None
    console.print(f"{file}: valid.", soft_wrap=True)


def _editor() -> list[str] | None:
    for name in ("VISUAL", "EDITOR"):
        value = os.environ.get(name, "").strip()
        if value:
            return shlex.split(value)
    found = next((shutil.which(name) for name in ("sensible-editor", "nano", "vi") if shutil.which(name)), None)
    return [found] if found else None
