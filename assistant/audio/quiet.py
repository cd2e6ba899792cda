"""Libraries that print on stdout (pyttsx3's "Audio saved to …", openWakeWord's model paths),
silenced from any thread.

`contextlib.redirect_stdout` swaps the process's one `sys.stdout`: two threads swapping at once can
each restore the other's stand-in, and the process's output then goes nowhere for good (four
satellites loading their wake word at once did it). Here the swaps take turns."""
from __future__ import annotations

import contextlib
import io
import threading
from typing import Iterator

_swapping = threading.RLock()


@contextlib.contextmanager
def quiet_stdout() -> Iterator[None]:
    """What is printed on stdout meanwhile is dropped; `sys.stdout` is put back as it was."""
    with _swapping, contextlib.redirect_stdout(io.StringIO()):
        yield
