"""Unexpected errors: one line for the user, the traceback (secrets masked) in
ASSISTANT_HOME/logs/errors.log. `ASSISTANT_TRACEBACK=1` (or `--trace`) prints the traceback too.

`report` is the CLI's catch-all; `install` routes log records with a traceback (the scheduler's,
the servers') and exceptions that end a thread the same way."""
from __future__ import annotations

import logging
import os
import re
import sys
import threading
import traceback
from datetime import datetime
from pathlib import Path

from assistant.display import safe_text

TRACEBACK_ENV = "ASSISTANT_TRACEBACK"
EXIT_CODE = 70  # EX_SOFTWARE: the assistant's own fault, not the user's
MAX_LOG_BYTES = 1_000_000  # then errors.log moves to errors.log.1
MASK = '"********"'
# a value whose key names a secret (token, access_token, alarm_code, password, api_key, ...)
SECRET = re.compile(r"""(?P<key>\b[\w-]*(?:token|secret|password|passwd|alarm_code|api_key)[\w-]*["']?\s*[=:]\s*)"""
                    r"""(?P<value>"(?:[^"\\]|\\.)*"|'[^']*'|[^,}\s#]+)""", re.IGNORECASE)
BEARER = re.compile(r"(?i)\b(bearer\s+)[^\s'\"]+")
SECRET_ENVS = ("ASSISTANT_LLM_API_KEY", "ASSISTANT_HA_TOKEN", "ASSISTANT_HUB_TOKEN")
TOKEN_FILES = ("hub_token", "webhook_token")

_trace = False  # print tracebacks as well (install(trace=True))


def masked(text: str) -> str:
    """`text` with the value of every `key = value` (or `key: value`) naming a secret masked."""
    return SECRET.sub(lambda m: m["key"] + MASK, text)


def without_secrets(text: str) -> str:
    """`text` with every known secret value, bearer token and `secret_key = value` masked."""
    for value in _known_secrets():
        text = text.replace(value, "********")
    return BEARER.sub(r"\1********", masked(text))


def _known_secrets() -> list[str]:
    """The tokens and keys in force: from the environment, the token files and config.toml."""
    values = [os.environ.get(name, "") for name in SECRET_ENVS]
    try:
        from assistant.config import config_path
        from assistant.paths import user_dir

        values += [(user_dir() / name).read_text(errors="replace") for name in TOKEN_FILES
                   if (user_dir() / name).is_file()]
        config = config_path()
        if config.is_file():
            values += [m["value"].strip("\"'") for m in SECRET.finditer(config.read_text(errors="replace"))]
    except (OSError, RuntimeError, ValueError):
        pass
    return sorted({v.strip() for v in values if len(v.strip()) >= 4}, key=len, reverse=True)


def log_path() -> Path:
    from assistant.paths import user_dir

    return user_dir() / "logs" / "errors.log"


def write(exc: BaseException, context: str) -> Path | None:
    """Append `exc`'s traceback (secrets masked) to the error log: its path, None if it cannot be written."""
    text = "".join(traceback.format_exception(type(exc), exc, exc.__traceback__))
    entry = f"--- {datetime.now().isoformat(timespec='seconds')} pid {os.getpid()} {context}\n{without_secrets(text)}"
    if _trace or os.environ.get(TRACEBACK_ENV, "").strip() not in ("", "0"):
        sys.stderr.write(safe_text(entry))
    try:
        path = log_path()
        path.parent.mkdir(mode=0o700, exist_ok=True)
        if path.is_file() and path.stat().st_size > MAX_LOG_BYTES:
            path.replace(path.with_name(path.name + ".1"))
        with os.fdopen(os.open(path, os.O_WRONLY | os.O_APPEND | os.O_CREAT, 0o600), "a",
                       encoding="utf-8", errors="replace") as out:
            out.write(entry)
        return path
    except (OSError, RuntimeError):  # RuntimeError: PathError, ASSISTANT_HOME unusable
        return None


def one_line(exc: BaseException, path: Path | None) -> str:
    """`internal error: TYPE: message (details in PATH)`, secrets masked, on one line."""
    message = " ".join(without_secrets(str(exc)).split())[:300]
    where = f"details in {path}" if path else "no error log could be written"
    return f"internal error: {type(exc).__name__}{': ' + message if message else ''} ({where})"


def report(exc: BaseException, context: str) -> str:
    """Log `exc` and return the one line the user sees."""
    return one_line(exc, write(exc, context))


class OneLineHandler(logging.Handler):
    """Log records on stderr, one line each; a record's traceback goes to the error log instead."""

    def emit(self, record: logging.LogRecord) -> None:
        try:
            formatter = self.formatter or logging.Formatter("%(name)s: %(message)s")
            record.message = record.getMessage()
            if formatter.usesTime():
                record.asctime = formatter.formatTime(record, formatter.datefmt)
            line = formatter.formatMessage(record)
            if record.exc_info and record.exc_info[1] is not None:
                line += ": " + report(record.exc_info[1], record.name)
            sys.stderr.write(" ".join(safe_text(line).split("\n")) + "\n")
            sys.stderr.flush()
        except Exception:  # noqa: BLE001 - logging never raises
            self.handleError(record)


def _thread_failed(args: threading.ExceptHookArgs) -> None:
    if args.exc_type is SystemExit or args.exc_value is None:
        return
    name = args.thread.name if args.thread else "a thread"
    sys.stderr.write(f"error: {name}: {safe_text(report(args.exc_value, f'thread {name}'))}\n")


def install(trace: bool = False) -> None:
    """Log records no handler takes (`logging.lastResort`) and exceptions that end a thread: one
    line on stderr each, the traceback in the error log (also on stderr when `trace`)."""
    global _trace
    _trace = trace
    logging.lastResort = OneLineHandler(logging.WARNING)
    threading.excepthook = _thread_failed
