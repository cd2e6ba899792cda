"""The evaluator's state checks: an empty expected list means that none may exist."""
from assistant.evaluation import checks
from assistant.evaluation.cases import Expectation


def test_no_timers_expected_fails_when_one_runs():
    expect = Expectation.model_validate({"timers": []})
    assert checks.check_timers(expect.timers, []) == []
    assert checks.check_timers(expect.timers, [{"duration_s": 60, "name": None}])


def test_no_reminders_expected_fails_when_one_exists():
    expect = Expectation.model_validate({"reminders": []})
    assert checks.check_reminders(expect.reminders, []) == []
    assert checks.check_reminders(expect.reminders, [{"text": "x", "due": "2026-12-01T10:00:00", "recurrence": None}])


def test_an_expected_timer_is_found_by_its_duration():
    expect = Expectation.model_validate({"timers": [{"duration_s": 600}]})
    assert checks.check_timers(expect.timers, [{"duration_s": 600, "name": None}]) == []
    assert checks.check_timers(expect.timers, [{"duration_s": 60, "name": None}])


def test_parts_are_the_experts_of_each_request_in_order():
    from assistant.evaluation.cases import Expectation
    from assistant.evaluation.checks import check_reply
    from assistant.messages import Reply

    parts = [Reply(reply="a", expert="smart_home"), Reply(reply="b", declined=True)]
    both = Reply(reply="a b", expert="smart_home", parts=parts)
    assert check_reply(Expectation(parts=["smart_home", "none"]), both) == []
    assert check_reply(Expectation(parts=["smart_home"]), both)
    assert check_reply(Expectation(parts=["timers"]), Reply(reply="x", expert="timers")) == []


def test_a_line_that_crashes_fails_alone_and_the_run_goes_on(scripted_assistant, monkeypatch, tmp_path):
    from assistant.evaluation.cases import EvalCase
    from assistant.evaluation.runner import run_turn

    monkeypatch.setenv("ASSISTANT_HOME", str(tmp_path))

    def crash(*args, **kwargs):
        raise ZeroDivisionError("boom")

    monkeypatch.setattr(scripted_assistant, "handle", crash)
    result = run_turn(scripted_assistant, EvalCase(id="c1", text="anything", expect=Expectation(expert="chat")))
    assert not result.passed and result.problems == ["crashed: ZeroDivisionError: boom"]
    assert result.reply.startswith("internal error: ZeroDivisionError")
