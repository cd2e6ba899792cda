"""A time limit on a backend's model calls: a model that hangs gives a clear error, not a stuck process."""
from __future__ import annotations

import threading
from typing import Any, Callable

from assistant.llm.backend import ModelError

TIMED = ("generate", "choose_continuation", "rank_continuations", "warm_prefix")  # the calls that run the model


_abandoned: list[threading.Thread] = []  # calls given up on that may still be running


class ModelTimeout(ModelError):
    """A model call took longer than its role's `timeout_s`."""


def calls_still_running() -> bool:
    """Whether a model call given up on is still running: a process that ends now should end with
    os._exit, as freeing the model under a running call at interpreter shutdown can crash."""
    return any(worker.is_alive() for worker in _abandoned)


class TimeLimited:
    """Wraps a backend: each model call runs in a worker thread and is given up after `seconds`
    (the worker is a daemon thread, so a hung call never keeps the process alive). A call's
    `on_text` is called in the worker thread, and never once the call is given up. Every other
    attribute is the backend's own."""

    def __init__(self, backend: Any, seconds: float) -> None:
        self.backend, self.seconds = backend, seconds

    def __setattr__(self, name: str, value: Any) -> None:
        if name in ("backend", "seconds"):
            object.__setattr__(self, name, value)
        else:  # a switch on the model itself (e.g. the benchmark's always_cold)
            setattr(self.backend, name, value)

    def __getattr__(self, name: str) -> Any:
        value = getattr(self.backend, name)
        return _limited(value, self.seconds, self.backend.name) if name in TIMED else value


def _limited(call: Callable[..., Any], seconds: float, model: str) -> Callable[..., Any]:
    def run(*args: Any, **kwargs: Any) -> Any:
        outcome: dict[str, Any] = {}
        given_up = threading.Event()
        if kwargs.get("on_text") is not None:  # text from a call given up on is no one's
            kwargs["on_text"] = _unless(given_up, kwargs["on_text"])

        def work() -> None:
            try:
                outcome["value"] = call(*args, **kwargs)
            except BaseException as exc:  # noqa: BLE001 - handed to the caller's thread
                outcome["error"] = exc

        worker = threading.Thread(target=work, name=f"{model}-call", daemon=True)
        worker.start()
        worker.join(seconds)
        if worker.is_alive():
            given_up.set()
            _abandoned.append(worker)
            raise ModelTimeout(f"{model} gave no answer within {seconds:g} s "
                               "(timeout_s in config.toml; `assistant doctor` checks the model)")
        if "error" in outcome:
            raise outcome["error"]
        return outcome["value"]

    return run


def _unless(given_up: threading.Event, on_text: Callable[[str], None]) -> Callable[[str], None]:
    """`on_text`, passed on until the call is given up."""
    def forward(piece: str) -> None:
        if not given_up.is_set():
            on_text(piece)
    return forward
