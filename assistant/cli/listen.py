"""`assistant listen`: the voice loop (wake word → speech-to-text → assistant → spoken reply)."""
from __future__ import annotations

import sys
from contextlib import contextmanager
from pathlib import Path

import typer

from assistant.audio import DEFAULT_THRESHOLD, DEFAULT_WAKE_WORD
from assistant.cli.common import console, err_console, friendly, print_error, print_json
from assistant.display import styled


@friendly
def listen(
    input_file: Path = typer.Option(None, "--input", help="Read speech from this WAV file instead of "
                                    "the microphone; exit at its end."),
    no_wake: bool = typer.Option(False, "--no-wake", help="No wake word: every utterance is a command."),
    output: Path = typer.Option(None, "--output", help="Write the spoken replies to this WAV file "
                                "instead of the speaker."),
    as_json: bool = typer.Option(False, "--json", help="One JSON object per handled utterance: the "
                                 "fields of `ask --json` plus `transcript`."),
    wake_word: str = typer.Option(DEFAULT_WAKE_WORD, "--wake-word", help="openWakeWord model name "
                                  "(hey_jarvis, alexa, hey_mycroft, hey_rhasspy) or an .onnx path."),
    threshold: float = typer.Option(None, "--threshold", help="Wake-word score (0-1) that counts as "
                                    f"a detection (default {DEFAULT_THRESHOLD}; with verification, the "
                                    "low first-stage threshold)."),
    verify: bool = typer.Option(True, "--verify/--no-verify", help="Two-stage wake word: Whisper "
                                "confirms each openWakeWord detection (more recall, near misses rejected)."),
    engine: str = typer.Option("auto", "--engine", help="Speech-to-text: whisper, vosk, or auto "
                               "(vosk when a vosk model is configured/installed, else whisper)."),
    vosk_model: Path = typer.Option(None, "--vosk-model", help="A vosk model directory "
                                    "(else $ASSISTANT_VOSK_MODEL, else `models install vosk-en`)."),
    area: str = typer.Option(None, help="The area the microphone is in."),
) -> None:
    """Listen for spoken requests (microphone, or --input FILE.wav), act on them, answer aloud."""
    from assistant.audio.errors import AudioError

    speaker = None
    try:
        loop, source, speaker = _build(input_file, no_wake, output, wake_word, threshold, verify, engine,
                                       vosk_model, area)
        if input_file is None and not as_json:
            err_console.print(f"Listening: {wake_hint(wake_word, no_wake)} (Ctrl-C to stop).", style="dim")
        with _scheduler_when_live(input_file is None, speaker):
            for heard in loop.run(source):
                _show(heard, as_json)
    except AudioError as exc:
        print_error(exc)
        raise typer.Exit(1) from None
    except KeyboardInterrupt:
        pass
    finally:
        if speaker is not None:
            speaker.close()


def _build(input_file, no_wake, output, wake_word, threshold, verify, engine, vosk_model, area):
    """Check every device and model before listening: fail early with what is missing."""
    from assistant.app import build_assistant, new_conversation
    from assistant.audio.ahead import AssistantPlanner
    from assistant.audio.loop import ListenLoop, LoopSettings
    from assistant.config import load_settings
    from assistant.audio.models import build_stt
    from assistant.audio.sources import MicrophoneSource, WavSource
    from assistant.audio.tts import build_speaker

    source = WavSource(input_file) if input_file else MicrophoneSource()
    stt = build_stt(engine, vosk_model)
    stt.load()
    wake = None if no_wake else _wake(wake_word, threshold, verify, stt)
    settings = load_settings()
    assistant = build_assistant(settings, conversation=new_conversation("voice"))  # this loop's own conversation
    assistant.prepare()  # the models and the cached prompt prefix, before the first utterance
    speaker = build_speaker(output, _warn)
    loop = ListenLoop(planner=AssistantPlanner(assistant, source="voice", area=area), stt=stt,
                      speaker=speaker, wake=wake, wake_phrase=wake_word, on_warning=_warn,
                      settings=LoopSettings(follow_up=settings.conversation.follow_up_seconds),
                      vocabulary=lambda: assistant.registry.vocabulary(assistant.db))
    return loop, source, speaker


def _wake(name: str, threshold: float | None, verify: bool, stt):
    from assistant.audio.verify import STAGE1_THRESHOLD, two_stage_wake
    from assistant.audio.wake import OpenWakeWord
    from assistant.audio.whisper import WhisperSTT

    if not verify:
        return OpenWakeWord(name, threshold or DEFAULT_THRESHOLD)
    whisper = stt if isinstance(stt, WhisperSTT) else WhisperSTT()  # verification is Whisper's job
    whisper.load()
    return two_stage_wake(name, whisper, threshold or STAGE1_THRESHOLD)


def wake_hint(wake_word: str, no_wake: bool) -> str:
    """What to say to be heard: the wake word, then the request (or just speak)."""
    return "speak" if no_wake else f"say \"{wake_word.replace('_', ' ')}\", then your request"


def _show(heard, as_json: bool) -> None:
    if as_json:
        print_json(heard.as_json())
        sys.stdout.flush()
        return
    console.print(styled(("you>", "dim"), " ", heard.transcript))
    style = "green" if heard.reply.ok else "yellow"
    console.print(styled(("assistant>", style), " ", heard.reply.reply))


def _warn(message: str) -> None:
    err_console.print(styled(("warning:", "yellow"), " ", message))


@contextmanager
def _scheduler_when_live(live: bool, speaker):
    """On the microphone, reminders, timers and watches fire while listening and are spoken
    (they always reach the inbox too). A file run (--input) replays audio and exits: no scheduler."""
    if not live:
        yield
        return
    from assistant.clock import Clock
    from assistant.paths import database_path
    from assistant.scheduler import start_background_scheduler

    def deliver(item) -> None:
        err_console.print(f"notification> {item.text}")
        if speaker is not None:
            speaker.speak(item.text)

    background = start_background_scheduler(database_path(), Clock.from_env(), deliver)
    try:
        yield
    finally:
        background.stop()
