"""The hub's Wyoming speech (speech-to-text, text-to-speech) and the satellites: real Whisper, the
project's own voice (pyttsx3) making the spoken commands at test time, the scripted pipeline routing
them, a `wyoming` client or `assistant satellite` talking to the hub over loopback."""
import asyncio
import json
import wave

import numpy as np
import pytest
from typer.testing import CliRunner

from assistant import testing
from assistant.app import open_state
from assistant.cli.main import app
from assistant.hub.engine import Engine
from tests.conftest import DEV_HOME, has_microphone
from tests.test_hub import WordsClassifier, confirmer_rule

runner = CliRunner()


@pytest.fixture(scope="module")
def whisper():
    from assistant.audio.errors import AudioError
    from assistant.audio.whisper import WhisperSTT

    from assistant.audio.tts import synthesize

    stt = WhisperSTT()
    try:
        stt.load()
        synthesize("ok")  # the project's voice makes the commands (pyttsx3 needs espeak-ng)
    except AudioError as exc:
        pytest.skip(f"speech engines missing: {exc}")
    return stt


@pytest.fixture
def service(tmp_path, whisper):
    """The scripted hub's engine and its Wyoming service with speech; yields (service, engine)."""
    from assistant.hub.wyoming_service import start_wyoming
    from assistant.hub.wyoming_speech import HubSpeech

    path = tmp_path / "state.db"
    proto = testing.scripted_assistant(path, home=DEV_HOME, classifier=WordsClassifier())
    testing.confirmer(proto)._rule = confirmer_rule
    engine = Engine(proto, lambda: open_state(proto.registry, path), list(proto.registry.views()))
    running = start_wyoming(engine, "127.0.0.1", 0, "test", HubSpeech(whisper, engine.vocabulary))
    yield running, engine
    running.stop()
    engine.close()


def lights(engine, area: str) -> set[str]:
    return {d["state"] for d in engine.listing("devices") if d["area"] == area and d["id"].startswith("light.")}


def test_a_wyoming_client_speaks_a_command_and_hears_the_reply(service, tmp_path):
    """Audio in (transcribe), the command routed (transcript → handled), audio out (synthesize):
    the `wyoming` package's own client, and the kitchen lights come on."""
    from wyoming.asr import Transcribe, Transcript
    from wyoming.audio import AudioChunk, AudioStart, AudioStop, wav_to_chunks
    from wyoming.client import AsyncTcpClient
    from wyoming.handle import Handled
    from wyoming.info import Describe, Info
    from wyoming.tts import Synthesize

    running, engine = service
    command = testing.speech_wav(tmp_path / "command.wav", "Turn on the kitchen lights.")
    assert lights(engine, "kitchen") == {"off"}

    async def talk():
        async with AsyncTcpClient("127.0.0.1", running.port) as client:
            await client.write_event(Describe().event())
            info = Info.from_event(await client.read_event())
            await client.write_event(Transcribe(language="en").event())
            with wave.open(str(command), "rb") as wav:
                for event in wav_to_chunks(wav, 1024, start_event=True, stop_event=True):
                    await client.write_event(event.event())
            heard = Transcript.from_event(await client.read_event()).text
            await client.write_event(Transcript(heard, context={"conversation_id": "ha"}).event())
            handled = await client.read_event()
            await client.write_event(Synthesize(Handled.from_event(handled).text).event())
            start = AudioStart.from_event(await client.read_event())
            audio = b""
            while not AudioStop.is_type((event := await client.read_event()).type):
                audio += AudioChunk.from_event(event).audio
            return info, heard, handled, start, audio

    info, heard, handled, start, audio = asyncio.run(talk())
    assert [p.name for p in info.asr] == ["assistant-stt"] and [p.name for p in info.tts] == ["assistant-tts"]
    assert "kitchen light" in heard.lower()
    assert handled.type == "handled" and handled.data["context"]["api"] == "turn_on"
    assert lights(engine, "kitchen") == {"on"}
    seconds = len(audio) / 2 / start.rate
    assert start.channels == 1 and 0.5 < seconds < 10 and np.abs(np.frombuffer(audio, "<i2")).max() > 1000


def test_a_satellite_in_the_kitchen_gives_turn_on_the_lights_its_meaning(service, tmp_path):
    """Wake word on the satellite, speech-to-text and routing on the hub; a question's answer needs
    no wake word; the spoken replies are written to a WAV file."""
    running, engine = service
    said = testing.speech_wav(tmp_path / "said.wav", "Hey Jarvis!", "turn on the lights", "Hey Jarvis!",
                              "set a timer", "seven minutes", "turn off the lights", gap=0.8)
    replies = tmp_path / "replies.wav"
    result = runner.invoke(app, ["satellite", "--hub", running.uri, "--area", "kitchen", "--wav", str(said),
                                 "--output", str(replies), "--json", "--session", "sat-kitchen"])
    assert result.exit_code == 0, result.output
    heard = [json.loads(line) for line in result.stdout.splitlines()]
    assert [h["reply"] for h in heard[1:3]] == ["For how long?", "Timer set for 7 minutes."]
    assert lights(engine, "kitchen") == {"on"} and lights(engine, "bedroom") == {"off"}  # no wake: not heard
    assert len(heard) == 3 and heard[0]["api"] == "turn_on"
    timings = heard[0]["timings_ms"]  # the hub's round trip counts in what the user waits for
    assert timings["end_of_speech_to_reply"] >= timings["stt"] + timings["total"] > timings["stt"]
    with wave.open(str(replies)) as wav:
        assert wav.getnframes() > wav.getframerate() * 2  # three replies spoken


@pytest.mark.skipif(has_microphone(), reason="a microphone is present")
def test_a_satellite_without_a_microphone_says_so_in_one_line():
    result = runner.invoke(app, ["satellite", "--hub", "tcp://127.0.0.1:9", "--area", "kitchen"])
    assert result.exit_code == 1
    assert len(result.stderr.strip().splitlines()) == 1 and "--wav" in result.stderr


def test_a_satellite_without_a_hub_says_so(tmp_path):
    silence = tmp_path / "silence.wav"
    with wave.open(str(silence), "wb") as wav:
        wav.setnchannels(1), wav.setsampwidth(2), wav.setframerate(16000)
        wav.writeframes(np.zeros(1600, np.int16).tobytes())
    result = runner.invoke(app, ["satellite", "--hub", "tcp://127.0.0.1:9", "--wav", str(silence)])
    assert result.exit_code == 1 and "no hub answers at tcp://127.0.0.1:9" in result.stderr
