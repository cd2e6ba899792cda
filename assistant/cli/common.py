"""Shared CLI plumbing: known errors become one clear line and a non-zero exit, never a traceback."""
from __future__ import annotations

import functools
import json
import math
import os
import sqlite3
import sys
from typing import Any, Callable

import typer
from rich.progress import (BarColumn, DownloadColumn, MofNCompleteColumn, Progress, TextColumn,
                           TimeElapsedColumn, TimeRemainingColumn, TransferSpeedColumn)
from rich.table import Table

from assistant import errorlog
from assistant.clock import ClockError
from assistant.config import ConfigError
from assistant.display import SafeConsole, plain, styled
from assistant.llm.backend import ModelError
from assistant.paths import PathError, database_path
from assistant.registry import ExpertInputError
from assistant.safe_input import InputError, without_surrogates
from assistant.storage.db import StorageError, explain_database_error

try:  # typer >= 0.2x runs its own copy of click
    from typer.core import _click as click
except ImportError:  # pragma: no cover - an older typer on the real click
    import click

console = SafeConsole()  # every string printed is plain, safe text (assistant/display.py)
err_console = SafeConsole(stderr=True)


def print_error(message: object) -> None:
    """`error: MESSAGE` on stderr; the message is plain text whatever it holds."""
    err_console.print(styled(("error:", "red"), " ", str(message)))


def user_errors() -> tuple[type[Exception], ...]:
    return (StorageError, ModelError, ConfigError, ClockError, ExpertInputError, InputError, PathError,
            FileNotFoundError)


def expected_error(exc: Exception) -> str | None:
    """The one line for a failure the user can act on (a bad file, a model missing, the database
    locked by another process); None for an unexpected one."""
    if isinstance(exc, user_errors()):
        return str(exc)
    if isinstance(exc, sqlite3.DatabaseError):
        return explain_database_error(database_path(), exc)
    return None


def friendly(func: Callable) -> Callable:
    """Decorator for commands: turn expected failures into a message on stderr and exit code 1."""

    @functools.wraps(func)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        try:
            return func(*args, **kwargs)
        except (*user_errors(), sqlite3.DatabaseError) as exc:
            print_error(expected_error(exc))
            raise typer.Exit(1) from None

    return wrapper


class OneLineErrors(typer.core.TyperGroup):
    """The root command: a usage error (an unknown option, a missing argument, a value of the wrong
    kind) is one line on stderr, `error: … (see: assistant CMD --help)`, and exit code 2; anything
    unexpected is `error: internal error: …` (the traceback in the error log, assistant/errorlog.py)
    and exit code 70."""

    def main(self, args=None, prog_name=None, complete_var=None, standalone_mode=True, **extra):  # noqa: D102
        if not standalone_mode:
            return super().main(args, prog_name, complete_var, standalone_mode=False, **extra)
        args = sys.argv[1:] if args is None else list(args)
        errorlog.install(trace="--trace" in args)
        try:
            code = super().main(args, prog_name, complete_var, standalone_mode=False, **extra)
        except click.exceptions.NoArgsIsHelpError as exc:
            err_console.print(exc.ctx.get_help() if exc.ctx else exc.format_message())
            sys.exit(exc.exit_code)
        except click.exceptions.ClickException as exc:
            print_error(usage_line(exc))
            sys.exit(exc.exit_code)
        except typer.Abort:
            print_error("aborted")
            sys.exit(1)
        except BrokenPipeError:  # the reader went away (`assistant events | head -1`): nothing to say
            os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
            sys.exit(1)
        except Exception as exc:  # noqa: BLE001 - the catch-all: one line, never a traceback
            print_error(errorlog.report(exc, f"assistant {args[0] if args else ''}"[:60]))
            sys.exit(errorlog.EXIT_CODE)
        sys.exit(code if isinstance(code, int) else 0)


def usage_line(exc: Exception) -> str:
    """A click error as one line: the message, and where the help is."""
    message = " ".join(exc.format_message().split())
    ctx = getattr(exc, "ctx", None)
    return f"{message} (see: {ctx.command_path} --help)" if ctx is not None else message


def progress_bar(unit: str = "items") -> Progress:
    """A progress bar for long work, on stderr (never in --json output), shown only when stderr is
    a terminal; lines printed meanwhile on a terminal stdout appear above it. `unit`: "bytes" or
    anything counted ("items", "tokens")."""
    counts = [DownloadColumn(), TransferSpeedColumn()] if unit == "bytes" else [MofNCompleteColumn()]
    return Progress(TextColumn("{task.description}", markup=False), BarColumn(), *counts, TimeElapsedColumn(),
                    TimeRemainingColumn(), console=err_console, transient=True,
                    redirect_stdout=sys.stdout.isatty(), redirect_stderr=False,
                    disable=not err_console.is_terminal)


def storable_id(value: int) -> bool:
    """Whether `value` can be a row id at all (SQLite's are 1 to 2**63-1): a number outside is
    reported like any missing id, not as an overflow."""
    return 1 <= value < 2**63


def print_json(data: Any) -> None:
    """One line of valid JSON: NaN and infinities become null, lone surrogates U+FFFD."""
    sys.stdout.write(json.dumps(_json_safe(data), ensure_ascii=False, default=str, allow_nan=False) + "\n")


def _json_safe(value: Any) -> Any:
    if isinstance(value, float):
        return value if math.isfinite(value) else None
    if isinstance(value, str):
        return without_surrogates(value)
    if isinstance(value, dict):
        return {_json_safe(k) if isinstance(k, str) else k: _json_safe(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [_json_safe(v) for v in value]
    if hasattr(value, "model_dump"):
        return _json_safe(value.model_dump())
    return value


def open_db():
    """The state database with every expert's tables, on the configured home (no models loaded)."""
    from assistant.app import default_registry, open_state
    from assistant.config import load_settings

    return open_state(default_registry(), home=load_settings().home)


def service(name: str) -> Callable[..., Any]:
    """A function an expert offers the core ("load_home", "add_event", ...), from the registry."""
    from assistant.app import default_registry

    return default_registry().service(name)


def print_table(title: str, columns: list[str], rows: list[list]) -> None:
    """A rich table; None cells print empty; every cell is plain, safe text (never markup)."""
    table = Table(title=plain(title))
    for column in columns:
        table.add_column(plain(column))
    for row in rows:
        table.add_row(*[plain("" if v is None else v) for v in row])
    console.print(table)


def settings_with_trace(trace: bool):
    """The settings of config.toml, with a `--trace` switch turning the debug mode on."""
    from assistant.config import load_settings

    settings = load_settings()
    settings.routing.trace = settings.routing.trace or trace
    return settings


def print_trace(reply) -> None:
    """The --trace view of one reply: how it was routed, what the model saw and wrote, timings."""
    routing = reply.routing or {}
    if not routing:
        console.print("trace: answered without a model (fast path or guardrail)", style="dim")
    for message in routing.get("prompt", []):
        console.rule(styled((f"{message['role']} prompt", "dim")))
        console.print(message["content"])
    console.rule(styled(("routing", "dim")))
    for key in ("expert_scores", "outputs", "explanation", "prompt_tokens", "completion_tokens"):
        if key in routing:
            console.print(f"{key}: {routing[key]}")
    if reply.speculation:
        console.print(f"speculation: {reply.speculation}")
    console.print(f"call: {reply.expert}.{reply.api} {reply.args}  timings_ms: {reply.timings_ms}")
    console.rule()


def session_name(name: str | None) -> str:
    """A `--session` name as a conversation id (stripped, at most 64 characters); none given is the
    default conversation, the one every one-shot `ask` shares (the hub reads names the same way)."""
    from assistant.hub.contract import conversation_id

    return conversation_id(name)
