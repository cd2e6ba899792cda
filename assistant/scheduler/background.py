"""The scheduler in a background thread, for `assistant chat` (and later `listen`)."""
from __future__ import annotations

import threading
from dataclasses import dataclass
from pathlib import Path

from assistant.clock import Clock
from assistant.scheduler.core import Scheduler
from assistant.scheduler.delivery import Deliver
from assistant.storage.db import Database


@dataclass
class BackgroundScheduler:
    scheduler: Scheduler
    thread: threading.Thread
    stop_event: threading.Event
    db: Database

    def stop(self, timeout: float = 5.0) -> None:
        """Stop after the current firing (a firing is never cut in half) and close the connection."""
        self.stop_event.set()
        self.thread.join(timeout)
        if not self.thread.is_alive():
            self.db.conn.close()


def start_background_scheduler(db_path: Path | str, clock: Clock, deliver: Deliver | None) -> BackgroundScheduler:
    """Open a connection of its own to the database at `db_path` and run the scheduler in a daemon thread."""
    from assistant.app import default_registry, open_state  # the app imports the pipeline: load lazily
    from assistant.config import load_settings

    db = open_state(default_registry(), db_path, load_settings().home)  # put-off actions act on the same home
    scheduler = Scheduler(db, clock, deliver)
    stop = threading.Event()
    thread = threading.Thread(target=scheduler.run_forever, args=(stop,), name="scheduler", daemon=True)
    thread.start()
    return BackgroundScheduler(scheduler, thread, stop, db)
