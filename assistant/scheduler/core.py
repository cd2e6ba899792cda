"""The scheduler: fires reminders, timers, watches and scheduled actions exactly once, in real or simulated time.

Each firing is one SQLite transaction (BEGIN IMMEDIATE): re-check that the item is still due,
claim its unique firing key, make its state transition, write the notification. A crash anywhere
before COMMIT leaves no trace, so the item fires after a restart; a crash after COMMIT cannot fire
it again, because its state has moved on and its key is taken. Only the extra outputs (terminal,
desktop, speech), which run after COMMIT, can be missed by a crash; the inbox never is.
"""
from __future__ import annotations

import logging
import threading
import time as wall
from datetime import datetime, timedelta
from typing import Callable

from assistant.clock import Clock
from assistant.registry import Registry
from assistant.scheduler.actions import ScheduledActions
from assistant.scheduler.delivery import Deliver, Delivered
from assistant.scheduler.sources import DueItem, Source
from assistant.scheduler.store import attach, claim, ensure_schema
from assistant.storage.db import Database
from assistant.storage.follow import FollowedDatabase

log = logging.getLogger("assistant.scheduler")
LATE_AFTER = timedelta(seconds=60)  # fired later than this after its time: it came due while we were down
TICK_S = 0.5  # real-time mode never sleeps longer than this
MAX_ROUNDS = 10_000  # catch-up rounds per run (a daily watch missed for years is still bounded)
CHORE_EVERY_S = 5.0  # real-time mode runs the experts' chores (the documents inbox) this often

Hook = Callable[[str, DueItem], None]  # (stage, item); tests raise inside it to simulate crashes
STAGES = ("decided", "claimed", "transitioned", "notified", "committed")


class Scheduler:
    """Fires what the experts have due (`Expert.scheduler_sources`) into the inbox (the `notify`
    service); both come from `registry`, the assembled one by default."""

    def __init__(self, db: Database, clock: Clock, deliver: Deliver | None = None, *,
                 hook: Hook | None = None, sources: list[Source] | None = None,
                 late_after: timedelta = LATE_AFTER, registry: Registry | None = None,
                 chores: list[Callable[[Database, datetime], list[str]]] | None = None) -> None:
        if registry is None:
            from assistant.app import default_registry

            registry = default_registry()
        self.db, self.clock, self.deliver, self.hook = db, clock, deliver, hook
        # the experts' sources, and the core's: calls put off until their time (deferral.py)
        self.sources = sources if sources is not None else [*registry.scheduler_sources(),
                                                            ScheduledActions(registry)]
        self.notify = registry.service("notify")
        self.chores = chores if chores is not None else registry.chores()
        self.late_after = late_after
        ensure_schema(db)

    # -- firing ------------------------------------------------------------------------------
    def run_due(self, now: datetime | None = None) -> list[Delivered]:
        """Fire everything due at `now` (default: the clock), including what a firing makes due."""
        now = now or self.clock.now()
        delivered: list[Delivered] = []
        tried: set[DueItem] = set()
        failed: set[DueItem] = set()
        for _ in range(MAX_ROUNDS):
            batch = sorted(((s, i) for s in self.sources for i in s.due(self.db, now) if i not in tried),
                           key=lambda pair: (pair[1].due, pair[1].kind, pair[1].item_id))
            if not batch:
                break
            for source, item in batch:
                tried.add(item)
                try:
                    result = self._fire(source, item, now)
                except Exception:  # noqa: BLE001 - one broken item must not block the others
                    log.exception("firing %s %s failed; it stays due", item.kind, item.item_id)
                    failed.add(item)
                    continue
                if result:
                    delivered.append(result)
            for source in self.sources:
                source.settle(self.db, now, failed)
        return delivered

    def _fire(self, source: Source, item: DueItem, now: datetime) -> Delivered | None:
        late = now - item.due > self.late_after
        with self.db.conn:
            self.db.execute("BEGIN IMMEDIATE")  # take the write lock before re-reading the item
            if not source.still_due(self.db, item):
                return None  # another scheduler got there first
            self._stage("decided", item)
            firing_id = claim(self.db, item.kind, item.item_id, item.key, now, late)
            self._stage("claimed", item)
            fired = source.fire(self.db, item, now)
            self._stage("transitioned", item)
            if firing_id is None:
                return None  # fired before: the transition only catches the state up
            if not fired.text:
                attach(self.db, firing_id, None, fired.why)
                return None
            created = item.due if late else now
            notification_id = self.notify(self.db, fired.text, created, source=f"{item.kind}:{item.item_id}", late=late)
            attach(self.db, firing_id, notification_id, fired.why)
            self._stage("notified", item)
        self._stage("committed", item)
        result = Delivered(notification_id, fired.text.strip(), created, late, f"{item.kind}:{item.item_id}")
        if self.deliver:
            try:
                self.deliver(result)
            except Exception:  # noqa: BLE001 - the inbox has it; an output failing is only logged
                log.exception("delivering notification %s failed", notification_id)
        return result

    def run_chores(self, now: datetime) -> list[Delivered]:
        """The experts' work between firings (e.g. adding the inbox's new documents); each line
        they report goes to the notifications like a firing's. A failing chore is only logged."""
        delivered = []
        for chore in self.chores:
            try:
                lines = chore(self.db, now)
            except Exception:  # noqa: BLE001 - one broken chore must not stop the scheduler
                log.exception("chore %s failed", getattr(chore, "__name__", chore))
                continue
            for text in lines:
                notification_id = self.notify(self.db, text, now, source="chore")
                result = Delivered(notification_id, text, now, False, "chore")
                delivered.append(result)
                if self.deliver:
                    try:
                        self.deliver(result)
                    except Exception:  # noqa: BLE001
                        log.exception("delivering notification %s failed", notification_id)
        return delivered

    def _stage(self, stage: str, item: DueItem) -> None:
        if self.hook:
            self.hook(stage, item)

    def next_due(self, after: datetime) -> datetime | None:
        """The earliest time after `after` at which something comes due."""
        times = [t for t in (s.next_due(self.db, after) for s in self.sources) if t]
        return min(times) if times else None

    def _follow(self, follow: FollowedDatabase) -> None:
        db, reopened = follow.current()
        if reopened:
            self.db = db
            ensure_schema(db)

    # -- running -----------------------------------------------------------------------------
    def simulate_until(self, end: datetime) -> list[Delivered]:
        """Step the clock through every due time up to `end` without sleeping; fire at each."""
        now = self.clock.now()
        delivered = self.run_due(now)
        while (following := self.next_due(now)) is not None and following <= end:
            now = following
            self.clock.set(now)
            delivered += self.run_due(now)
        if now < end:
            self.clock.set(end)
        return delivered

    def run_forever(self, stop: threading.Event, tick: float = TICK_S,
                    follow: FollowedDatabase | None = None) -> None:
        """Fire items as their time comes (within `tick` seconds) until `stop` is set. A frozen clock
        (ASSISTANT_NOW) starts there and moves on with the wall clock. With `follow`, a database
        file removed or replaced meanwhile is reopened (see storage/follow.py)."""
        ticking = _Ticking(self.clock)
        chores_due = 0.0
        while not stop.is_set():
            now = ticking.now()
            try:
                if follow is not None:
                    self._follow(follow)
                if self.chores and wall.monotonic() >= chores_due:
                    chores_due = wall.monotonic() + CHORE_EVERY_S
                    self.run_chores(now)
                self.run_due(now)
                following = self.next_due(now)
            except Exception:  # noqa: BLE001 - e.g. the database briefly locked: try again shortly
                log.exception("scheduler tick failed")
                following = None
            stop.wait(ticking.seconds_until(following, tick))


class _Ticking:
    """The scheduler's notion of now in real-time mode."""

    def __init__(self, clock: Clock) -> None:
        self.clock = clock
        self.start = clock.now() if clock.frozen else None
        self.started = wall.monotonic()

    def _precise(self) -> datetime:
        if self.start is None:
            return datetime.now()
        return self.start + timedelta(seconds=wall.monotonic() - self.started)

    def now(self) -> datetime:
        now = self._precise().replace(microsecond=0)
        if self.start is not None:
            self.clock.set(now)
        return now

    def seconds_until(self, when: datetime | None, cap: float) -> float:
        if when is None:
            return cap
        return max(0.01, min(cap, (when - self._precise()).total_seconds()))
