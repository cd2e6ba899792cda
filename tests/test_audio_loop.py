"""The listen loop's state machine, on fake components behind the real interfaces (no models)."""
import tracemalloc

import numpy as np
import pytest

from assistant.audio.loop import Heard, ListenLoop, State, is_stop, wake_phrase_pattern
from assistant.audio.sources import SAMPLE_RATE, ArraySource, looping
from assistant.audio.stt import Transcript
from assistant.messages import Reply
from assistant.testing import FakeSpeaker, FakeStream, FakeSTT, FakeWake, StreamClock


# ------------------------------------------------------------------------------ fakes
def audio(*segments: tuple[str, float]) -> np.ndarray:
    """("silence", s) / ("speech", s): a tone loud enough for the energy VAD stands in for speech."""
    parts = []
    for kind, seconds in segments:
        n = int(seconds * SAMPLE_RATE)
        if kind == "speech":
            parts.append((8000 * np.sin(2 * np.pi * 220 * np.arange(n) / SAMPLE_RATE)).astype(np.int16))
        else:
            parts.append(np.zeros(n, np.int16))
    return np.concatenate(parts)


def echo(text: str) -> Reply:
    return Reply(reply=f"you said {text}", expert="system", api="echo",
                 timings_ms={"first_action": 1.0, "total": 2.0})


def run(samples, *, wake=None, texts=(), handle=echo, speak_seconds=3.0):
    clock = StreamClock()
    states = []
    partials = []
    speaker = FakeSpeaker(clock, speak_seconds)
    loop = ListenLoop(handle=handle, stt=FakeSTT(*texts), speaker=speaker, wake=wake,
                      on_state=lambda old, new: states.append(new.value), on_partial=partials.append)
    heard = list(loop.run(clock.follow(ArraySource(samples))))
    return heard, states, speaker, loop, partials


# ------------------------------------------------------------------------------ tests
def test_wake_word_then_command_walks_every_state():
    samples = audio(("silence", 1.0), ("silence", 0.5), ("speech", 1.0), ("silence", 4.0))
    heard, states, speaker, loop, partials = run(samples, wake=FakeWake(at=[1.0]),
                                                 texts=["turn on the lights"])
    assert [h.transcript for h in heard] == ["turn on the lights"]
    assert states == ["awake", "listening", "routing", "speaking", "idle"]
    assert speaker.said == ["you said turn on the lights"]
    assert partials == ["turn"] and heard[0].partials == ["turn"]
    assert loop.state is State.IDLE


def test_speech_without_the_wake_word_is_ignored():
    samples = audio(("silence", 1.0), ("speech", 1.0), ("silence", 2.0))
    heard, states, *_ = run(samples, wake=FakeWake(at=[]), texts=["turn on the lights"])
    assert heard == [] and states == []


def test_no_wake_mode_handles_every_utterance():
    samples = audio(("silence", 0.5), ("speech", 1.0), ("silence", 4.0), ("speech", 0.8), ("silence", 4.0))
    heard, states, speaker, *_ = run(samples, texts=["what time is it", "what's the date"])
    assert [h.transcript for h in heard] == ["what time is it", "what's the date"]
    assert states.count("routing") == 2 and "awake" not in states


def test_awake_times_out_when_nothing_is_said():
    samples = audio(("silence", 1.0), ("silence", 6.0), ("speech", 1.0), ("silence", 2.0))
    heard, states, *_ = run(samples, wake=FakeWake(at=[0.9]), texts=["too late"])
    assert heard == [] and states == ["awake", "idle"]


def test_stop_while_speaking_interrupts_the_reply():
    samples = audio(("speech", 1.0), ("silence", 1.0), ("speech", 0.4), ("silence", 3.0))
    heard, states, speaker, *_ = run(samples, texts=["tell me a story", "stop"], speak_seconds=10)
    assert [h.transcript for h in heard] == ["tell me a story", "stop"]
    assert heard[1].barge_in and speaker.stopped == 1
    assert speaker.said == ["you said tell me a story"]  # the "stop" reply is not spoken
    assert states[-1] == "idle"


def test_other_talk_while_speaking_does_not_interrupt():
    samples = audio(("speech", 1.0), ("silence", 1.0), ("speech", 0.4), ("silence", 2.0))
    heard, states, speaker, *_ = run(samples, texts=["tell me a story", "wow"], speak_seconds=10)
    assert [h.transcript for h in heard] == ["tell me a story"] and speaker.stopped == 0


def test_wake_word_while_speaking_stops_speech_and_listens():
    samples = audio(("silence", 1.0), ("speech", 1.0), ("silence", 1.5), ("silence", 0.3),
                    ("speech", 0.8), ("silence", 3.0))
    heard, states, speaker, *_ = run(samples, wake=FakeWake(at=[0.9, 3.5]),
                                     texts=["tell me a story", "what time is it"], speak_seconds=10)
    assert [h.transcript for h in heard] == ["tell me a story", "what time is it"]
    assert speaker.stopped == 1 and not heard[1].barge_in


def test_wake_word_inside_talk_over_a_reply_still_wakes():
    """Speech that starts while a reply plays is first heard as possible barge-in; when the wake
    word fires inside it, the reply stops and the command after it is handled."""
    samples = audio(("speech", 1.0), ("silence", 1.0), ("speech", 2.0), ("silence", 3.0))
    heard, states, speaker, *_ = run(samples, wake=FakeWake(at=[0.0, 2.6]),
                                     texts=["tell me a story", "(dropped at the wake word)", "what time is it"],
                                     speak_seconds=10)
    assert [h.transcript for h in heard] == ["tell me a story", "what time is it"]
    assert speaker.stopped == 1 and not heard[1].barge_in


def test_input_ending_mid_utterance_is_still_handled():
    heard, *_ = run(audio(("silence", 0.5), ("speech", 1.5)), texts=["what time is it"])
    assert [h.transcript for h in heard] == ["what time is it"]


def test_empty_transcript_is_not_handled():
    heard, states, *_ = run(audio(("speech", 1.0), ("silence", 2.0)), texts=[""])
    assert heard == [] and "speaking" not in states


def test_a_failing_handler_becomes_an_error_reply_and_the_loop_goes_on():
    calls = []

    def flaky(text):
        calls.append(text)
        if len(calls) == 1:
            raise RuntimeError("model exploded")
        return echo(text)

    samples = audio(("speech", 1.0), ("silence", 4.0), ("speech", 1.0), ("silence", 4.0))
    heard, *_ = run(samples, texts=["one", "two"], handle=flaky)
    assert [h.reply.ok for h in heard] == [False, True]
    assert "model exploded" in heard[0].reply.reply


def test_heard_json_has_the_ask_fields_plus_transcript_and_voice_timings():
    heard, *_ = run(audio(("speech", 1.0), ("silence", 2.0)), texts=["what time is it"])
    data = heard[0].as_json()
    assert set(Reply.model_fields) | {"transcript"} == set(data)
    timings = data["timings_ms"]
    # hangover (~0.56 s of silence, in stream time) is part of the wait after speech ends
    assert 500 <= timings["end_of_speech_to_first_action"] <= timings["end_of_speech_to_reply"]
    assert "stt" in timings


def test_wake_phrase_is_stripped_from_transcripts():
    pattern = wake_phrase_pattern("hey_jarvis")
    assert pattern.sub("", "Hey Jarvis, turn on the lights.") == "turn on the lights."
    assert pattern.sub("", "Jarvis. What time is it?") == "What time is it?"
    assert pattern.sub("", "turn on jarvis") == "turn on jarvis"
    assert pattern.sub("", "So anyway, hey Jarvis, turn on the lights.") == "turn on the lights."
    assert pattern.sub("", "turn on the lights, hey jarvis is great") == "turn on the lights, hey jarvis is great"
    assert wake_phrase_pattern(None).sub("", "hey jarvis") == "hey jarvis"


def test_stop_words_come_from_the_fast_path():
    assert is_stop("Stop.") and is_stop("be quiet") and not is_stop("stop the timer in the kitchen")


def test_an_hour_of_looping_input_does_not_grow_memory():
    """45,000 chunks (one hour) with an utterance every 6 s: allocations stay flat."""
    cycle = audio(("speech", 1.0), ("silence", 5.0))
    clock = StreamClock()
    loop = ListenLoop(handle=echo, stt=FakeSTT(always="what time is it"), speaker=FakeSpeaker(clock, 1.0))
    heard = 0
    tracemalloc.start()
    for index, _ in enumerate(loop.run(clock.follow(looping(ArraySource(cycle), seconds=3600)))):
        heard += 1
        if index == 50:
            baseline = tracemalloc.get_traced_memory()[0]
    grown = tracemalloc.get_traced_memory()[0] - baseline
    tracemalloc.stop()
    assert heard == 600
    assert grown < 200_000, f"memory grew by {grown} bytes over an hour of input"


def test_heard_is_a_plain_record():
    heard = Heard("x", Reply(reply="y"))
    assert heard.partials == [] and heard.barge_in is False


@pytest.mark.parametrize("seconds", [0.0, 0.04])
def test_tiny_inputs_produce_nothing(seconds):
    heard, *_ = run(np.zeros(int(seconds * SAMPLE_RATE), np.int16), texts=["x"])
    assert heard == []


def test_a_pause_inside_an_utterance_prepares_the_transcript_but_acts_once():
    """PAUSE (tentative endpoint) → stream.prepare(); speech resumes; one action at SPEECH_END,
    and finish() learns where speech really ended."""

    class PreparingStream(FakeStream):
        prepared, finished_at = 0, None

        def prepare(self):
            PreparingStream.prepared += 1

        def finish(self, speech_end=None):
            PreparingStream.finished_at = speech_end
            return super().finish(speech_end)

    class PreparingSTT(FakeSTT):
        def stream(self, on_partial=None):
            return PreparingStream(self.texts.pop(0), on_partial)

    samples = audio(("silence", 0.5), ("speech", 1.0), ("silence", 0.3), ("speech", 0.6), ("silence", 2.0))
    calls = []
    loop = ListenLoop(handle=lambda text: calls.append(text) or echo(text), stt=PreparingSTT("set a timer"))
    heard = list(loop.run(ArraySource(samples)))
    assert calls == ["set a timer"] and len(heard) == 1
    assert PreparingStream.prepared == 2  # at the short pause and at the final silence
    assert abs(PreparingStream.finished_at - 2.4) < 0.1  # end of the second burst of speech


# ------------------------------------------------------------------ routing ahead
class EarlyStream(FakeStream):
    """prepare() gives the text so far; finish() gives the final text, "begun early" when the
    last prepare() had the whole of it (as Whisper's tentative transcription does)."""

    def __init__(self, early_texts, final, on_partial):
        super().__init__(final, on_partial)
        self.early_texts, self.last_early = list(early_texts), None

    def prepare(self):
        from concurrent.futures import Future

        self.last_early = self.early_texts.pop(0) if self.early_texts else self.text
        future = Future()
        future.set_result(self.last_early)
        return future

    def finish(self, speech_end=None):
        return Transcript(self.text, "fake", started_early=self.last_early is not None)


class EarlySTT(FakeSTT):
    def __init__(self, early_texts, final):
        super().__init__(final)
        self.early_texts = early_texts

    def stream(self, on_partial=None):
        return EarlyStream(self.early_texts, self.texts.pop(0), on_partial)


class RecordingPlanner:
    def __init__(self):
        self.planned, self.confirmed, self.committed, self.handled = [], [], [], []

    def handle(self, text, say_early=None):
        self.handled.append(text)
        return echo(text)

    def plan(self, text):
        self.planned.append(text)
        return {"text": text}

    def confirm_ahead(self, plan):
        self.confirmed.append(plan["text"])

    def commit(self, plan, started, say_early=None):
        self.committed.append(plan["text"])
        return echo(plan["text"])


ONE_PAUSE = audio(("silence", 0.5), ("speech", 1.0), ("silence", 2.0))
PAUSE_THEN_MORE = audio(("silence", 0.5), ("speech", 1.0), ("silence", 0.3), ("speech", 0.6), ("silence", 2.0))


def test_a_plan_made_at_the_tentative_endpoint_is_committed_when_the_text_holds():
    planner = RecordingPlanner()
    loop = ListenLoop(planner=planner, stt=EarlySTT([], "set a timer"))
    heard = list(loop.run(ArraySource(ONE_PAUSE)))
    assert planner.planned == ["set a timer"] and planner.committed == ["set a timer"]
    assert planner.handled == [] and heard[0].planned_early


def test_speech_after_the_pause_drops_the_plan_and_the_final_text_is_planned_again():
    planner = RecordingPlanner()
    loop = ListenLoop(planner=planner, stt=EarlySTT(["set a"], "set a timer"))
    heard = list(loop.run(ArraySource(PAUSE_THEN_MORE)))
    assert sorted(planner.planned) == ["set a", "set a timer"]  # planned in background threads
    assert planner.committed == ["set a timer"] and planner.handled == [] and len(heard) == 1


def test_a_final_transcript_that_differs_from_the_plan_is_handled_afresh():
    planner = RecordingPlanner()
    loop = ListenLoop(planner=planner, stt=EarlySTT(["set a time"], "set a timer"))
    heard = list(loop.run(ArraySource(ONE_PAUSE)))
    assert planner.committed == [] and planner.handled == ["set a timer"] and not heard[0].planned_early


def test_plans_strip_the_wake_phrase_like_the_final_transcript():
    planner = RecordingPlanner()
    loop = ListenLoop(planner=planner, stt=EarlySTT([], "hey jarvis, what time is it"), wake_phrase="hey_jarvis")
    list(loop.run(ArraySource(ONE_PAUSE)))
    assert planner.planned == ["what time is it"] == planner.committed


def test_a_failing_planner_falls_back_to_handling_the_final_text():
    class BrokenPlanner(RecordingPlanner):
        def plan(self, text):
            raise RuntimeError("boom")

    planner = BrokenPlanner()
    heard = list(ListenLoop(planner=planner, stt=EarlySTT([], "set a timer")).run(ArraySource(ONE_PAUSE)))
    assert planner.handled == ["set a timer"] and heard[0].reply.ok


def test_the_loop_needs_something_to_respond_with():
    with pytest.raises(ValueError):
        ListenLoop(stt=FakeSTT())


def test_each_utterance_is_transcribed_with_the_vocabulary_read_afresh():
    names = [["Porch Light"], ["Porch Light", "Hot Tub"]]
    clock, stt = StreamClock(), FakeSTT("turn on the porch light", "and the hot tub")
    loop = ListenLoop(handle=echo, stt=stt, speaker=FakeSpeaker(clock, 0.1), vocabulary=lambda: names.pop(0))
    samples = audio(("speech", 1.0), ("silence", 3.0), ("speech", 1.0), ("silence", 3.0))
    assert len(list(loop.run(clock.follow(ArraySource(samples))))) == 2
    assert stt.vocabularies == [["Porch Light"], ["Porch Light", "Hot Tub"]]


# ------------------------------------------------------------------------------ follow-up without the wake word
def wav(tmp_path, samples, name="input.wav"):
    """The samples as a 16 kHz mono WAV file, read back through the microphone's interface."""
    import wave

    from assistant.audio.sources import WavSource

    path = tmp_path / name
    with wave.open(str(path), "wb") as out:
        out.setnchannels(1)
        out.setsampwidth(2)
        out.setframerate(SAMPLE_RATE)
        out.writeframes(samples.tobytes())
    return WavSource(path)


def asks_first(text: str) -> Reply:
    """Asks back for "unlock the front door" (a yes) and "set a timer" (a value); echoes the rest."""
    if text == "unlock the front door":
        return Reply(reply="Unlock the front door, are you sure?", needs_confirmation=True)
    if text == "set a timer":
        return Reply(reply="For how long?", asks="duration")
    return echo(text)


def run_wav(tmp_path, samples, *, wake, texts, handle=asks_first, speak_seconds=2.0, follow_up=6.0):
    from assistant.audio.loop import LoopSettings

    clock = StreamClock()
    states = []
    loop = ListenLoop(handle=handle, stt=FakeSTT(*texts), speaker=FakeSpeaker(clock, speak_seconds), wake=wake,
                      settings=LoopSettings(follow_up=follow_up), on_state=lambda old, new: states.append(new.value))
    return list(loop.run(clock.follow(wav(tmp_path, samples)))), states


def test_after_a_question_the_answer_needs_no_wake_word(tmp_path):
    # wake, "unlock the front door", the question is spoken (2 s), then "yes" without the wake word
    samples = audio(("silence", 1.0), ("speech", 1.0), ("silence", 4.0), ("speech", 0.6), ("silence", 3.0))
    heard, states = run_wav(tmp_path, samples, wake=FakeWake(at=[0.9]), texts=["unlock the front door", "yes"])
    assert [h.transcript for h in heard] == ["unlock the front door", "yes"]
    assert [h.follow_up for h in heard] == [False, True]
    assert states[:6] == ["awake", "listening", "routing", "speaking", "awake", "listening"]


def test_a_missing_value_is_answered_without_the_wake_word(tmp_path):
    samples = audio(("silence", 1.0), ("speech", 0.8), ("silence", 4.0), ("speech", 0.8), ("silence", 3.0))
    heard, _ = run_wav(tmp_path, samples, wake=FakeWake(at=[0.9]), texts=["set a timer", "ten minutes"])
    assert [h.transcript for h in heard] == ["set a timer", "ten minutes"] and heard[1].follow_up


def test_the_follow_up_window_closes_after_its_seconds(tmp_path):
    # the answer comes 9 s after the question was spoken: the window (3 s) has closed
    samples = audio(("silence", 1.0), ("speech", 1.0), ("silence", 12.0), ("speech", 0.6), ("silence", 3.0))
    heard, states = run_wav(tmp_path, samples, wake=FakeWake(at=[0.9]), texts=["unlock the front door", "yes"],
                            follow_up=3.0)
    assert [h.transcript for h in heard] == ["unlock the front door"]
    assert states[-2:] == ["awake", "idle"]


def test_a_reply_that_asks_nothing_needs_the_wake_word_again(tmp_path):
    samples = audio(("silence", 1.0), ("speech", 1.0), ("silence", 4.0), ("speech", 0.6), ("silence", 3.0))
    heard, _ = run_wav(tmp_path, samples, wake=FakeWake(at=[0.9]), texts=["turn on the lights", "and the fan"])
    assert [h.transcript for h in heard] == ["turn on the lights"]


def test_follow_up_off_keeps_the_wake_word(tmp_path):
    samples = audio(("silence", 1.0), ("speech", 1.0), ("silence", 4.0), ("speech", 0.6), ("silence", 3.0))
    heard, _ = run_wav(tmp_path, samples, wake=FakeWake(at=[0.9]), texts=["unlock the front door", "yes"],
                       follow_up=0)
    assert [h.transcript for h in heard] == ["unlock the front door"]


def test_a_question_answered_by_voice_completes_on_the_pipeline(tmp_path, scripted_assistant):
    """The whole way: the voice loop's planner over the real pipeline (scripted models), a WAV file."""
    from assistant.audio.ahead import AssistantPlanner
    from assistant.audio.loop import LoopSettings

    scripted_assistant.roles.get("confirmer").enqueue({"api": "smart_home.unlock", "args": {"device": "front door"}})
    samples = audio(("silence", 1.0), ("speech", 1.0), ("silence", 4.0), ("speech", 0.6), ("silence", 3.0))
    clock = StreamClock()
    loop = ListenLoop(planner=AssistantPlanner(scripted_assistant), stt=FakeSTT("unlock the front door", "yes"),
                      speaker=FakeSpeaker(clock, 2.0), wake=FakeWake(at=[0.9]), settings=LoopSettings(follow_up=5))
    heard = list(loop.run(clock.follow(wav(tmp_path, samples))))
    assert heard[0].reply.needs_confirmation and heard[1].reply.api == "unlock"
