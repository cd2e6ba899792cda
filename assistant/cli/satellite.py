"""`assistant satellite`: a microphone (or WAV files) in one room for a hub that runs elsewhere
(assistant/hub/satellite.py): wake word here, speech-to-text and routing on the hub."""
from __future__ import annotations

from pathlib import Path

import typer

from assistant.audio import DEFAULT_THRESHOLD, DEFAULT_WAKE_WORD
from assistant.cli.common import err_console, friendly, print_error

DEFAULT_WYOMING_PORT = 10700  # Home Assistant's usual port for a Wyoming satellite service
GAP_SECONDS = 1.5  # silence after each --wav file: each ends an utterance
NO_MIC_HINT = "Stream a file instead: --wav FILE.wav."


@friendly
def satellite(
    hub: str = typer.Option(None, "--hub", help="The hub's Wyoming address, tcp://HOST:PORT (default: "
                            f"the hub running on this machine, else the config's hub.wyoming_port or {DEFAULT_WYOMING_PORT})."),
    area: str = typer.Option(None, "--area", help="The room this satellite is in: 'turn on the "
                             "lights' means that room's."),
    wav: list[Path] = typer.Option(None, "--wav", help="Stream this WAV file instead of the microphone "
                                   "(repeatable: one after another); exit at the end."),
    output: Path = typer.Option(None, "--output", help="Write the spoken replies to this WAV file "
                                "instead of playing them."),
    no_wake: bool = typer.Option(False, "--no-wake", help="No wake word: every utterance is a command."),
    wake_word: str = typer.Option(DEFAULT_WAKE_WORD, "--wake-word", help="openWakeWord model name or .onnx path."),
    threshold: float = typer.Option(DEFAULT_THRESHOLD, "--threshold", help="Wake-word score (0-1) that counts."),
    session: str = typer.Option(None, "--session", help="The conversation's name on the hub "
                                "(default: a new one for this satellite)."),
    as_json: bool = typer.Option(False, "--json", help="One JSON object per handled utterance."),
) -> None:
    """Stream a room's speech to a running hub (`assistant serve --wyoming-port 10700`) and play its replies."""
    from assistant.audio.errors import AudioError
    from assistant.cli.listen import _show, wake_hint
    from assistant.hub.link import LinkError

    link = speaker = None
    try:
        source = _source(wav)
        link, loop, speaker = _connect(hub, area, session, output, None if no_wake else (wake_word, threshold))
        if not wav and not as_json:
            err_console.print(f"Satellite{f' in {area}' if area else ''} → {link.uri}: "
                              f"{wake_hint(wake_word, no_wake)} (Ctrl-C to stop).", style="dim")
        for heard in loop.run(source):
            _show(heard, as_json)
    except (AudioError, LinkError) as exc:
        print_error(exc)
        raise typer.Exit(1) from None
    except KeyboardInterrupt:
        pass
    finally:
        if speaker is not None:
            speaker.close()
        if link is not None:
            link.close()


def _source(wav: list[Path] | None):
    """The WAV files one after another (with a gap after each), else the microphone."""
    import numpy as np

    from assistant.audio.sources import SAMPLE_RATE, ArraySource, MicrophoneSource, WavSource

    if not wav:
        return MicrophoneSource(hint=NO_MIC_HINT)
    gap = np.zeros(int(GAP_SECONDS * SAMPLE_RATE), np.int16)
    return ArraySource(np.concatenate([part for path in wav for part in (WavSource(path).samples, gap)]))


def _connect(hub: str | None, area: str | None, session: str | None, output: Path | None, wake):
    """The link to the hub (checked to offer speech), the satellite's loop, its speaker."""
    from assistant.app import new_conversation
    from assistant.audio.loop import LoopSettings
    from assistant.audio.tts import build_speaker
    from assistant.cli.listen import _warn
    from assistant.config import load_settings
    from assistant.hub.link import LinkError, WyomingLink
    from assistant.hub.satellite import hub_offers_speech, satellite_loop

    settings = load_settings()
    link = WyomingLink(hub or _local_hub(settings.hub.wyoming_port))
    lacking = hub_offers_speech(link)
    if lacking:
        link.close()
        raise LinkError(f"the hub at {link.uri} offers no {lacking}: start it with --wyoming-speech")
    speaker = build_speaker(output, _warn, link.synthesize)
    detector = _wake(*wake) if wake else None
    name = session or new_conversation("satellite" + (f"-{area}" if area else ""))
    loop = satellite_loop(link, session=name, area=area, speaker=speaker, wake=detector,
                          wake_phrase=wake[0] if wake else None,
                          settings=LoopSettings(follow_up=settings.conversation.follow_up_seconds))
    return link, loop, speaker


def _local_hub(configured_port: int | None) -> str:
    """A hub on this machine: the one announced in hub.json, else the configured or usual port."""
    from assistant.hub.discovery import alive, read_address

    announced = read_address()
    if announced is not None and announced.wyoming and alive(announced.pid):
        return announced.wyoming
    return f"tcp://127.0.0.1:{configured_port or DEFAULT_WYOMING_PORT}"


def _wake(name: str, threshold: float):
    from assistant.audio.wake import OpenWakeWord

    return OpenWakeWord(name, threshold)
