"""Transcribing ahead of the endpoint and the two-stage wake word, on real engines (no hardware):
a tentative endpoint followed by more speech yields one action with the whole command; Whisper
rejects a near-miss wake phrase that openWakeWord's low first stage let through."""
import numpy as np
import pytest

from assistant.audio.loop import ListenLoop, strip_wake_phrase, wake_phrase_pattern
from assistant.audio.sources import SAMPLE_RATE, ArraySource, WavSource, chunked, read_wav
from assistant.audio.vad import EndpointSettings, Endpointer, EnergyVAD, VadEvent
from assistant.audio.verify import says_keyword, two_stage_wake
from assistant.audio.wake import GainNormalizer, GainSettings
from assistant.audio.whisper import WhisperSTT
from assistant.messages import Reply
from tests.test_audio_loop import audio
from tests.test_audio_speech import speech  # noqa: F401 - the session fixture
from tests.test_audio_stt import words


class CountingWhisper(WhisperSTT):
    """The real engine, counting the background transcriptions it was asked for."""

    submitted = 0

    def submit(self, samples, hint=""):
        self.submitted += 1
        return super().submit(samples, hint)


@pytest.fixture(scope="module")
def whisper():
    engine = CountingWhisper()
    engine.load()
    return engine


def trimmed(samples: np.ndarray, level: int = 200) -> np.ndarray:
    """espeak's own leading/trailing silence removed, so gaps between words are exact."""
    loud = np.flatnonzero(np.abs(samples) > level)
    return samples[loud[0]:loud[-1] + 1]


def silence(seconds: float) -> np.ndarray:
    return np.zeros(int(seconds * SAMPLE_RATE), np.int16)


def recorder():
    calls = []

    def handle(text: str) -> Reply:
        calls.append(text)
        return Reply(reply="done", expert="smart_home", api="turn_on",
                     timings_ms={"first_action": 1.0, "total": 1.0})
    return handle, calls


# ------------------------------------------------------------------ tentative endpoint
def test_endpointer_reports_a_pause_before_the_end():
    samples = audio(("silence", 0.5), ("speech", 1.0), ("silence", 0.3), ("speech", 0.5), ("silence", 1.0))
    endpointer = Endpointer(EnergyVAD(), EndpointSettings(tentative=0.16, hangover=0.56))
    found = [event for chunk in ArraySource(samples) if (event := endpointer.feed(chunk))]
    assert found == [VadEvent.SPEECH_START, VadEvent.PAUSE, VadEvent.PAUSE, VadEvent.SPEECH_END]


def test_speech_resumed_after_a_tentative_endpoint_gives_one_action_with_the_whole_command(speech, whisper):
    first = trimmed(read_wav(speech("turn on the kitchen")))
    last = trimmed(read_wav(speech("lights")))
    samples = np.concatenate([silence(0.5), first, silence(0.32), last, silence(1.2)])  # 0.16 < 0.32 < 0.56
    handle, calls = recorder()
    before = whisper.submitted
    heard = list(ListenLoop(handle=handle, stt=whisper).run(ArraySource(samples)))
    assert whisper.submitted - before == 2  # one at the pause inside the command (discarded), one at its end
    assert len(calls) == 1 and words(calls[0]) == words("turn on the kitchen lights")
    assert len(heard) == 1 and heard[0].stt_early  # the final transcript was the one begun at the pause


def test_transcript_begun_at_the_tentative_endpoint_is_ready_at_the_endpoint(speech, whisper):
    """Paced like a microphone: Whisper works during the hangover, so little is left after it."""
    from assistant.audio.sources import paced

    handle, calls = recorder()
    samples = read_wav(speech("what time is it", lead=0.3, trail=1.0))
    heard = list(ListenLoop(handle=handle, stt=whisper).run(paced(chunked(samples))))
    assert words(calls[0]) == words("what time is it") and heard[0].stt_early
    timings = heard[0].reply.timings_ms
    assert timings["stt"] < 400 and timings["end_of_speech_to_first_action"] < 1200


def test_whisper_without_a_tentative_endpoint_reuses_nothing(speech):
    from assistant.audio.stt import transcribe
    from assistant.audio.whisper import OFF

    engine = WhisperSTT(incremental=OFF)
    stream = engine.stream()
    for chunk in WavSource(speech("what time is it")):
        stream.accept(chunk)
    stream.prepare()
    result = stream.finish(speech_end=0.1)
    assert words(result.text) == words("what time is it") and not result.started_early
    assert transcribe(engine, ArraySource(silence(1.0))).text == ""


# ------------------------------------------------------------------ two-stage wake word
@pytest.fixture(scope="module")
def two_stage(whisper):
    return two_stage_wake("hey_jarvis", whisper)


def detect(detector, samples) -> int:
    detector.reset()
    detector.verifications = []
    return sum(detector.process(chunk) for chunk in chunked(samples))


def test_two_stage_wake_accepts_the_phrase(speech, two_stage):
    assert detect(two_stage, read_wav(speech("hey jarvis, what time is it", lead=0.5))) == 1
    assert two_stage.verifications[-1].accepted


@pytest.mark.parametrize("text, voice", [("hey charlie, thank you", "en-us"),
                                         ("hey travis, turn on the lights", "en-gb")])
def test_two_stage_wake_rejects_a_near_miss_that_passed_stage_one(speech, two_stage, text, voice):
    assert detect(two_stage, read_wav(speech(text, voice=voice, lead=0.5))) == 0
    assert two_stage.verifications and not any(v.accepted for v in two_stage.verifications)


def test_loop_with_two_stage_wake_hears_a_command_said_without_a_pause(speech, whisper):
    handle, calls = recorder()
    samples = read_wav(speech("hey jarvis turn on the kitchen lights", lead=0.8, trail=1.2))
    wake = two_stage_wake("hey_jarvis", whisper)
    list(ListenLoop(handle=handle, stt=whisper, wake=wake).run(ArraySource(samples)))
    assert [words(c) for c in calls] == [words("turn on the kitchen lights")]


def test_keyword_matching_and_stripping():
    assert says_keyword("Hey Jarvis.", "jarvis") and says_keyword("hey jarvi what", "jarvis")
    assert not says_keyword("Hey Travis.", "jarvis") and not says_keyword("hey jars", "jarvis")
    pattern = wake_phrase_pattern("hey_jarvis")
    assert strip_wake_phrase("Hey, Jarvi, what time is it", pattern, "jarvis") == "what time is it"
    assert strip_wake_phrase("turn on jarvis mode", pattern, "jarvis") == "turn on jarvis mode"


def test_gain_normaliser_lifts_quiet_speech_and_leaves_silence():
    normalise = GainNormalizer(GainSettings(target_db=-18, max_boost_db=18))
    quiet = (300 * np.sin(2 * np.pi * 200 * np.arange(1280) / SAMPLE_RATE)).astype(np.int16)  # ~ -43 dBFS
    assert np.abs(normalise(quiet)).max() > 5 * np.abs(quiet).max()  # +18 dB at most
    assert not np.any(GainNormalizer()(np.zeros(1280, np.int16)))


def test_routing_ahead_commits_the_plan_made_during_the_silence(speech, whisper, scripted_assistant):
    """Real Whisper, the real pipeline (scripted confirmer), paced like a microphone: the plan made
    on the tentative transcript is the one carried out, once."""
    from assistant.audio.ahead import AssistantPlanner
    from assistant.audio.sources import paced
    from assistant.experts.timers import list_timers

    scripted_assistant.prepare()  # as `assistant listen` does before listening
    scripted_assistant.roles.get("confirmer").enqueue({"api": "timers.start", "args": {"duration": "5 minutes"}})
    samples = read_wav(speech("set a timer for five minutes", lead=0.3, trail=1.0))
    loop = ListenLoop(planner=AssistantPlanner(scripted_assistant), stt=whisper)
    heard = list(loop.run(paced(chunked(samples))))
    assert len(heard) == 1 and heard[0].stt_early and heard[0].planned_early
    assert heard[0].reply.ok and heard[0].reply.api == "start"
    assert len(list_timers(scripted_assistant.db, scripted_assistant.clock.now())) == 1
    assert len(scripted_assistant.roles.get("confirmer").prompts) == 1
