"""`assistant daemon`: the scheduler in real time (Ctrl-C to stop), or through simulated time."""
from __future__ import annotations

import signal
import threading
from datetime import datetime, timedelta

import typer

from assistant.clock import Clock, ClockError, parse_iso
from assistant.cli.common import console, friendly, open_db, print_error

MAX_SIMULATED = timedelta(days=10 * 365)  # a daily reminder is ~3,650 steps; year 9999 would never end


@friendly
def daemon(simulate_until: str = typer.Option(None, "--simulate-until", metavar="ISO",
                                              help="Run from ASSISTANT_NOW (or now) to this time quickly, then exit."),
           webhook_port: int = typer.Option(None, "--webhook-port",
                                            help="Also accept events on POST /events at this port (0: any free port)."),
           webhook_host: str = typer.Option("127.0.0.1", "--webhook-host",
                                            help="Address for the webhook; loopback unless you mean otherwise."),
           quiet: bool = typer.Option(False, "--quiet", help="Do not print notifications as they fire.")) -> None:
    """Fire reminders, timers and watches as they come due; missed ones fire on start, marked late."""
    from assistant.scheduler import Scheduler, desktop_delivery, fan_out, terminal_delivery

    if simulate_until is not None and webhook_port is not None:
        raise ClockError("--webhook-port only works in real time, not with --simulate-until")
    clock = Clock.from_env()
    if simulate_until is not None:  # "" too: an empty time is an error, not "run in real time"
        end = parse_iso(simulate_until, "--simulate-until")
        db = open_db()
        try:
            return _simulate(Scheduler(db, clock, None if quiet else terminal_delivery(console)), clock, end)
        finally:
            db.conn.close()
    follow = _followed_state()
    try:
        deliver = fan_out(None if quiet else terminal_delivery(console), desktop_delivery())
        _run(Scheduler(follow.db, clock, deliver), clock, webhook_port, webhook_host, follow)
    finally:
        follow.close()


def _followed_state():
    """The state database, reopened if its file is removed or replaced while the daemon runs."""
    from assistant.app import default_registry, open_state
    from assistant.paths import database_path
    from assistant.storage.follow import FollowedDatabase

    registry = default_registry()
    return FollowedDatabase(database_path(), lambda path: open_state(registry, path))


def _simulate(scheduler, clock: Clock, end: datetime) -> None:
    start = clock.now()
    if end < start:
        raise ClockError(f"--simulate-until {end.isoformat()} is before the start time {start.isoformat()}")
    if end - start > MAX_SIMULATED:
        raise ClockError(f"--simulate-until {end.isoformat()} is more than {MAX_SIMULATED.days // 365} years "
                         f"after the start time {start.isoformat()}; simulate a shorter span")
    fired = scheduler.simulate_until(end)
    console.print(f"Simulated {start:%Y-%m-%d %H:%M} to {end:%Y-%m-%d %H:%M}: "
                  f"{len(fired)} notification{'' if len(fired) == 1 else 's'}.")


def _run(scheduler, clock: Clock, webhook_port: int | None, webhook_host: str, follow) -> None:
    from assistant.paths import database_path, user_dir
    from assistant.scheduler.webhook import WebhookError, start_webhook

    stop = threading.Event()
    # Ctrl-C and SIGTERM stop it cleanly whatever it inherited from whoever started it (an ignored
    # SIGINT, a blocked signal mask: both pass through exec)
    for signum in (signal.SIGINT, signal.SIGTERM):
        signal.signal(signum, lambda *_: stop.set())
    signal.pthread_sigmask(signal.SIG_UNBLOCK, {signal.SIGINT, signal.SIGTERM})
    try:
        webhook = start_webhook(database_path(), clock, webhook_port, webhook_host) if webhook_port is not None else None
    except WebhookError as exc:
        print_error(exc)
        raise typer.Exit(1) from None
    if webhook:
        console.print(f"Webhook: POST {webhook.url} (bearer token in {user_dir() / 'webhook_token'})",
                      soft_wrap=True)
    console.print("Scheduler running; Ctrl-C to stop.")
    try:
        scheduler.run_forever(stop, follow=follow)
    except KeyboardInterrupt:
        pass
    finally:
        if webhook:
            webhook.stop()
    console.print("Scheduler stopped.")
