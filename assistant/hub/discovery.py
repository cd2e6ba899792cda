"""How clients find a running hub: `hub.json` ({"url", "pid", "wyoming"}) in ASSISTANT_HOME, written by
`assistant serve` once it listens and removed when it stops; and the token both sides share."""
from __future__ import annotations

import json
import os
import secrets
from dataclasses import dataclass
from pathlib import Path

from assistant.config import HubConfig
from assistant.paths import user_dir

HUB_FILE = "hub.json"
TOKEN_FILE = "hub_token"


@dataclass(frozen=True)
class HubAddress:
    url: str  # "http://127.0.0.1:8765"
    pid: int
    wyoming: str | None = None  # "tcp://127.0.0.1:10700" when it serves Wyoming


def hub_file() -> Path:
    return user_dir() / HUB_FILE


def announce(url: str, pid: int | None = None, wyoming: str | None = None) -> Path:
    """Write hub.json (owner-only) for clients to find this hub."""
    path = hub_file()
    temporary = path.with_suffix(".tmp")
    fd = os.open(temporary, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with os.fdopen(fd, "w") as out:
        json.dump({"url": url, "pid": pid or os.getpid(), "wyoming": wyoming}, out)
    os.replace(temporary, path)
    return path


def withdraw(pid: int | None = None) -> None:
    """Remove hub.json if it is this process's (a newer hub's file is left alone)."""
    found = read_address()
    if found is not None and found.pid == (pid or os.getpid()):
        hub_file().unlink(missing_ok=True)


def read_address() -> HubAddress | None:
    """The announced hub, or None (no file, an unreadable one)."""
    try:
        data = json.loads(hub_file().read_text())
        wyoming = data.get("wyoming")
        return HubAddress(str(data["url"]), int(data["pid"]), str(wyoming) if wyoming else None)
    except (OSError, ValueError, KeyError, TypeError):
        return None


def alive(pid: int) -> bool:
    """Whether a process with this id runs (on this machine)."""
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:  # it runs, as another user
        return True
    return True


def hub_token(config: HubConfig, create: bool = False) -> str | None:
    """The token: `[hub] token` in config.toml, else ASSISTANT_HUB_TOKEN, else the hub_token file
    (generated, owner-only, when `create`, i.e. by the hub on its first start)."""
    configured = config.configured_token()
    if configured:
        return configured
    path = user_dir() / TOKEN_FILE
    if not path.exists():
        if not create:
            return None
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        with os.fdopen(fd, "w") as out:
            out.write(secrets.token_urlsafe(32) + "\n")
    return path.read_text().strip() or None
