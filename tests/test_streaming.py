"""A chat reply's first sentence reaches the user as soon as it is written (issue 13): finding it
in streamed text, what the chat may say early, where the pipeline lets it, the REPL and the voice
loop. Scripted models only."""
import io
import threading
import time

import pytest

from assistant import testing
from assistant.audio.loop import ListenLoop
from assistant.audio.sources import ArraySource
from assistant.config import Settings
from assistant.experts.chat import NOTHING_DONE
from assistant.llm.backend import ChatMessage, Generation
from assistant.llm.scripted import ScriptedLLM
from assistant.llm.timeout import ModelTimeout, TimeLimited
from assistant.messages import Decision, Reply
from assistant.routing.classifier import ExpertGuess
from assistant.streaming import FirstSentence, first_sentence, remainder
from tests.test_audio_loop import ONE_PAUSE, EarlySTT, RecordingPlanner

JOKE = "Why did the scarecrow win an award? Because he was outstanding in his field."


@pytest.mark.parametrize("text, sentence", [
    (JOKE, "Why did the scarecrow win an award?"),
    ("\n Hi! How are you?", "Hi!"),
    ("Mr. Smith went to Washington. He stayed.", "Mr. Smith went to Washington."),
    ("Use a spoon, e.g. the big one. Then stir.", "Use a spoon, e.g. the big one."),
    ("It's on St. Mark's Square. Lovely.", "It's on St. Mark's Square."),
    ("Pi is about 3.14. Nice, isn't it?", "Pi is about 3.14."),
    ("J. K. Rowling wrote it. Yes.", "J. K. Rowling wrote it."),
    ("Well... maybe not. Sure.", "Well... maybe not."),
    ('"Hello!" she said. Then she left.', '"Hello!" she said.'),
    ("Here are two: 1. Apples 2. Pears. Enjoy!", "Here are two: 1. Apples 2. Pears."),
    ("Version 3.5 is out", None),
    ("Hello there.", None),  # no more text: it may not be the end
    ("Hello there. ", None),
])
def test_the_first_sentence(text, sentence):
    assert first_sentence(text) == sentence


def test_the_first_sentence_is_delivered_once_as_soon_as_the_next_begins():
    delivered = []
    first = FirstSentence(delivered.append)
    for piece in ["Why did", " Mr.", " Smith", " laugh?", " ", "Because", " it", " was", " funny."]:
        first.feed(piece)
        if piece == "Because":
            assert delivered == ["Why did Mr. Smith laugh?"]
    assert delivered == ["Why did Mr. Smith laugh?"]


def test_a_first_sentence_not_kept_means_nothing_is_delivered():
    delivered = []
    first = FirstSentence(delivered.append, keep=lambda sentence: False)
    for piece in JOKE.split(" "):
        first.feed(piece + " ")
    assert delivered == [] and first.delivered is None


def test_the_rest_of_a_reply():
    assert remainder("Hi! How are you?", "Hi!") == "How are you?"
    assert remainder("Hi!", "Hi!") == ""
    assert remainder("Sorry, that failed.", "Hi!") is None
    assert remainder("Hi!", None) == "Hi!"


# ------------------------------------------------------------------------------ backends
def test_the_scripted_backend_streams_word_by_word():
    pieces = []
    text = ScriptedLLM([JOKE]).generate([ChatMessage("user", "a joke")], on_text=pieces.append).text
    assert len(pieces) > 5 and "".join(pieces) == text == JOKE


@pytest.mark.parametrize("finish, tokens", [("stop", 4), ("length", 5)])
def test_the_llama_backend_streams_its_plain_completion(finish, tokens):
    from assistant.llm.llama import LlamaBackend

    class Llama:  # llama-cpp-python's streamed completion: pieces, then the finish reason
        n_tokens = 0

        def create_completion(self, *, prompt, stream, max_tokens, **options):
            self.n_tokens = len(prompt)

            def chunks():
                for piece in ["Hi", "!", " Bye", "."]:
                    self.n_tokens += 1  # each output token evaluated for the next
                    yield {"choices": [{"text": piece, "finish_reason": None}]}
                yield {"choices": [{"text": "", "finish_reason": finish}]}
            return chunks()

    backend = LlamaBackend.__new__(LlamaBackend)
    backend.llama, pieces = Llama(), []
    text, completed = backend._streamed({"prompt": [1, 2, 3], "max_tokens": 5}, 3, pieces.append)
    assert pieces == ["Hi", "!", " Bye", "."] and text == "Hi! Bye." and completed == tokens


def test_the_time_limit_passes_text_on_until_it_gives_up():
    class Slow:
        name = "slow"

        def generate(self, messages, *, on_text=None, **options):
            on_text("Hello.")
            time.sleep(0.4)
            on_text(" Too late.")
            return Generation(text="Hello. Too late.")

    pieces = []
    with pytest.raises(ModelTimeout):
        TimeLimited(Slow(), 0.1).generate([], on_text=pieces.append)
    time.sleep(0.6)
    assert pieces == ["Hello."]


def test_the_endpoint_gives_its_whole_text_once(monkeypatch):
    from assistant.llm.endpoint import EndpointBackend

    backend = EndpointBackend("http://127.0.0.1:9/v1", model="m", template=None)
    monkeypatch.setattr(backend, "_post", lambda path, body: {
        "choices": [{"message": {"content": JOKE}}], "usage": {"completion_tokens": 12}})
    pieces = []
    assert backend.generate([ChatMessage("user", "a joke")], on_text=pieces.append).text == JOKE
    assert pieces == [JOKE]


# ------------------------------------------------------------------------------ the pipeline
def chatty(tmp_path, *replies):
    a = testing.scripted_assistant(tmp_path / "state.db", classifier=testing.FixedClassifier("chat"))
    a.roles.get("chat").enqueue(*replies)
    return a


def test_a_chat_reply_begins_with_its_first_sentence_said_early(tmp_path):
    a = chatty(tmp_path, JOKE)
    testing.confirmer(a).enqueue({"api": "chat.respond", "args": {}})
    said = []
    reply = a.handle("tell me a joke", say_early=said.append)
    assert said == ["Why did the scarecrow win an award?"] and reply.reply == JOKE
    assert 0 < reply.timings_ms["reply_begins"] <= reply.timings_ms["total"]


def test_without_a_sink_nothing_streams_and_no_time_is_recorded(tmp_path):
    a = chatty(tmp_path, JOKE)
    testing.confirmer(a).enqueue({"api": "chat.respond", "args": {}})
    reply = a.handle("tell me a joke")
    assert reply.reply == JOKE and "reply_begins" not in reply.timings_ms


@pytest.mark.parametrize("text, claims", [("I've added oat milk to your shopping list. Anything else?", True),
                                          ("Sure! Added oat milk to your list. Anything else?", True),
                                          ("Sure! Why not? It goes with everything.", False)])
def test_a_claim_or_a_bare_interjection_is_not_said_early(tmp_path, text, claims):
    a = chatty(tmp_path, text)
    testing.confirmer(a).enqueue({"api": "chat.respond", "args": {}})
    said = []
    reply = a.handle("sorry I keep forgetting the oat milk", say_early=said.append)
    assert said == [] and "reply_begins" not in reply.timings_ms
    assert (NOTHING_DONE in reply.reply) == claims


def test_a_reply_with_a_later_claim_still_starts_with_what_was_said(tmp_path):
    a = chatty(tmp_path, "Oat milk is lovely in coffee. I've added it to your list.")
    testing.confirmer(a).enqueue({"api": "chat.respond", "args": {}})
    said = []
    reply = a.handle("oat milk is the best", say_early=said.append)
    assert said == ["Oat milk is lovely in coffee."]
    assert reply.reply.startswith(said[0]) and NOTHING_DONE in reply.reply


def test_arithmetic_is_not_streamed(tmp_path):
    a = chatty(tmp_path)
    said = []
    reply = a.handle("what is 12 times 12", say_early=said.append)
    assert "144" in reply.reply and said == [] and "reply_begins" not in reply.timings_ms


@pytest.mark.parametrize("confirmed", [{"api": "chat.respond", "args": {}},
                                       {"api": "timers.start", "args": {"duration": "5 minutes"}}])
def test_a_speculative_chat_call_never_streams(tmp_path, confirmed):
    a = chatty(tmp_path, JOKE, JOKE)
    testing.confirmer(a).enqueue(confirmed)
    plan = a.plan("tell me a joke for 5 minutes")
    plan.proposal = Decision(expert="chat", api="respond", source="router")  # run before the confirmer
    said = []
    reply = a.commit(plan, say_early=said.append)
    assert reply.speculation["ran"] and said == [] and "reply_begins" not in reply.timings_ms
    assert reply.expert == confirmed["api"].split(".")[0]


def test_a_part_of_several_requests_is_answered_whole(tmp_path):
    class Words:
        def guess(self, text):
            expert = "timers" if "timer" in text else "chat"
            return ExpertGuess(expert, 0.9, 0.5, ((expert, 0.9), ("none", 0.4)))

    a = testing.scripted_assistant(tmp_path / "state.db", classifier=Words())
    a.roles.get("chat").enqueue(JOKE)
    testing.confirmer(a).enqueue({"api": "chat.respond", "args": {}},
                                 {"api": "timers.start", "args": {"duration": "10 minutes"}})
    said = []
    reply = a.handle("tell me a joke and set a timer for 10 minutes", say_early=said.append)
    assert len(reply.parts) == 2 and JOKE in reply.reply and said == []


# ------------------------------------------------------------------------------ the REPL
def test_the_repl_prints_the_first_sentence_then_the_rest(tmp_path, monkeypatch):
    from assistant.cli import chat
    from assistant.display import SafeConsole

    out = io.StringIO()
    monkeypatch.setattr(chat, "console", SafeConsole(file=out, width=300))
    a = chatty(tmp_path, JOKE)
    testing.confirmer(a).enqueue({"api": "chat.respond", "args": {}})
    model, printed = a.roles.get("chat"), []
    generate = model.generate

    def generating(*args, **options):  # what was printed by the time the reply was written
        generation = generate(*args, **options)
        printed.append(out.getvalue())
        return generation

    monkeypatch.setattr(model, "generate", generating)
    respond = chat._Responder(Settings(), "c", None, None)
    respond.assistant = a
    chat._print_reply(*chat._answer(respond, "tell me a joke"), respond.said)
    assert printed == ["assistant> Why did the scarecrow win an award?"]
    assert out.getvalue() == f"assistant> {JOKE}\n"


def test_the_repl_prints_a_reply_that_breaks_its_promise_whole(monkeypatch):
    from assistant.cli import chat
    from assistant.display import SafeConsole

    out = io.StringIO()
    monkeypatch.setattr(chat, "console", SafeConsole(file=out, width=300))
    respond = chat._Responder(Settings(), "c", None, None)

    class Failing:
        def handle(self, line, area=None, say_early=None):
            say_early("Once upon a time.")
            return Reply(reply="Sorry, something went wrong.", ok=False)

    respond.assistant = Failing()
    chat._print_reply(*chat._answer(respond, "a story"), respond.said)
    assert out.getvalue() == "assistant> Once upon a time.\nassistant> Sorry, something went wrong.\n"


# ------------------------------------------------------------------------------ the voice loop
class EarlyPlanner(RecordingPlanner):
    """Says the start of its reply early, from another thread (as the model's worker does)."""

    def __init__(self, start, reply):
        super().__init__()
        self.start, self.reply = start, reply

    def commit(self, plan, started, say_early=None):
        self.committed.append(plan["text"])
        if say_early is not None:
            worker = threading.Thread(target=say_early, args=(self.start,))
            worker.start()
            worker.join()
        return Reply(reply=self.reply, expert="chat", api="respond")


class Speaker(testing.FakeSpeaker):
    """Records what it was asked, in order: a sentence said, "wait" (until said) or "stop"."""

    def __init__(self):
        super().__init__(testing.StreamClock(), 0.0)
        self.asked = []

    def speak(self, text):
        super().speak(text)
        self.asked.append(text)

    def wait(self):
        self.asked.append("wait")

    def stop(self):
        super().stop()
        self.asked.append("stop")


FIRST = "Why did the scarecrow win an award?"


@pytest.mark.parametrize("reply, asked", [
    (JOKE, [FIRST, "wait", "Because he was outstanding in his field."]),  # the rest after the first
    (FIRST, [FIRST]),
    ("Sorry, something went wrong.", [FIRST, "stop", "Sorry, something went wrong."]),
])
def test_the_voice_loop_speaks_the_first_sentence_then_the_rest(reply, asked):
    speaker = Speaker()
    planner = EarlyPlanner(FIRST, reply)
    heard = list(ListenLoop(planner=planner, stt=EarlySTT([], "tell me a joke"), speaker=speaker)
                 .run(ArraySource(ONE_PAUSE)))
    assert heard[0].reply.reply == reply and speaker.asked[:-1] == asked  # (the loop's last wait)
