"""`assistant serve`: the hub (assistant/hub/): models loaded and warm, the scheduler running, the
HTTP API on loopback, until Ctrl-C or SIGTERM."""
from __future__ import annotations

import logging
import signal
import threading

import typer

from assistant.cli.common import console, err_console, friendly, print_error


@friendly
def serve(host: str = typer.Option(None, "--host", help="Address to listen on (default: [hub] host, "
                                   "loopback); anything else lets other machines in."),
          port: int = typer.Option(None, "--port", min=0, max=65535,
                                   help="Port (default: [hub] port, 8765; 0 picks a free one)."),
          scheduler: bool = typer.Option(True, "--scheduler/--no-scheduler",
                                         help="Fire reminders, timers and watches (as `assistant daemon`)."),
          wyoming_port: int = typer.Option(None, "--wyoming-port", min=0, max=65535,
                                           help="Also serve Wyoming conversation (text in, text out) on "
                                           "this port, e.g. 10700 (default: [hub] wyoming_port; none: off)."),
          wyoming_speech: bool = typer.Option(None, "--wyoming-speech/--no-wyoming-speech",
                                              help="The Wyoming service also does speech-to-text and "
                                              "text-to-speech, for satellites (default: [hub] wyoming_speech, on)."),
          quiet: bool = typer.Option(False, "--quiet", help="No request log on stderr.")) -> None:
    """Run the hub: `ask` and `chat` use it while it runs (see README, "The hub")."""
    from assistant.app import build_assistant, default_registry, open_state
    from assistant.cli.main import version
    from assistant.cli.scheduled import VIEW as SCHEDULED
    from assistant.config import load_settings
    from assistant.hub import discovery
    from assistant.hub.engine import Engine
    from assistant.hub.server import HubError, start_hub
    from assistant.paths import database_path, user_dir

    from assistant.errorlog import OneLineHandler

    # one line a record; a traceback goes to the error log (assistant/errorlog.py)
    logging.basicConfig(level=logging.WARNING if quiet else logging.INFO, format="%(asctime)s %(message)s",
                        handlers=[OneLineHandler()])
    settings = load_settings()
    token = discovery.hub_token(settings.hub, create=True)
    prototype = build_assistant(settings, conversation="hub")
    registry = prototype.registry
    engine = Engine(prototype, lambda: open_state(registry, database_path(), settings.home),
                    [*registry.views(), SCHEDULED], settings.hub.max_sessions)
    err_console.print("Loading the models…")
    engine.warm()
    try:
        hub = start_hub(engine, token, host or settings.hub.host,
                        settings.hub.port if port is None else port, version())
    except HubError as exc:
        print_error(exc)
        raise typer.Exit(1) from None
    wyoming = background = None
    try:
        speech = settings.hub.wyoming_speech if wyoming_speech is None else wyoming_speech
        wyoming = _wyoming(engine, host or settings.hub.host, settings.hub.wyoming_port if wyoming_port is None
                           else wyoming_port, version(), speech)
        discovery.announce(hub.url, wyoming=wyoming.uri if wyoming else None)
        background = _scheduler(prototype.clock) if scheduler else None
        where = "config/environment" if settings.hub.configured_token() else user_dir() / discovery.TOKEN_FILE
        console.print(f"Hub: {hub.url} (token: {where}); Ctrl-C to stop.", soft_wrap=True)
        _wait_for_a_stop_signal()
    finally:
        discovery.withdraw()
        hub.stop()
        if wyoming:
            wyoming.stop()
        if background:
            background.stop()
        engine.close()
    console.print("Hub stopped.")


def _wyoming(engine, host: str, port: int | None, version: str, speech: bool):
    """The Wyoming service, when a port is given (`wyoming` is a dependency); with `speech`, its
    speech-to-text and text-to-speech loaded before it listens."""
    if port is None:
        return None
    from assistant.hub.wyoming_service import start_wyoming

    try:
        service = start_wyoming(engine, host, port, version, _speech(engine) if speech else None)
    except OSError as exc:
        print_error(f"Wyoming cannot listen on {host}:{port}: {exc.strerror or exc}")
        raise typer.Exit(1) from None
    offers = "conversation, speech-to-text, text-to-speech" if speech else "conversation"
    console.print(f"Wyoming service ({offers}): {service.uri}", soft_wrap=True)
    return service


def _speech(engine):
    from assistant.audio.errors import AudioError
    from assistant.audio.models import build_stt
    from assistant.hub.wyoming_speech import HubSpeech

    speech = HubSpeech(build_stt("auto"), engine.vocabulary)
    try:
        speech.load()
    except AudioError as exc:
        print_error(f"{exc} (or serve Wyoming without speech: --no-wyoming-speech)")
        raise typer.Exit(1) from None
    return speech


def _scheduler(clock):
    from assistant.paths import database_path
    from assistant.scheduler import desktop_delivery, fan_out, start_background_scheduler, terminal_delivery

    return start_background_scheduler(database_path(), clock, fan_out(terminal_delivery(console), desktop_delivery()))


def _wait_for_a_stop_signal() -> None:
    stop = threading.Event()
    for signum in (signal.SIGINT, signal.SIGTERM):
        signal.signal(signum, lambda *_: stop.set())
    signal.pthread_sigmask(signal.SIG_UNBLOCK, {signal.SIGINT, signal.SIGTERM})
    while not stop.wait(1.0):
        pass
