"""Run evaluation cases, each against fresh state, with the models loaded once."""
from __future__ import annotations

import statistics
from functools import lru_cache
from pathlib import Path
from typing import Any, Callable

from pydantic import BaseModel

from assistant import errorlog
from assistant.clock import Clock
from assistant.evaluation import checks
from assistant.evaluation.cases import EvalCase, load_cases, load_conversations
from assistant.llm.roles import ModelRoles
from assistant.messages import Reply
from assistant.pipeline import Assistant
from assistant.registry import Registry
from assistant.storage.conversations import DEFAULT
from assistant.storage.scheduled import list_scheduled


class CaseResult(BaseModel):
    id: str
    text: str
    passed: bool
    problems: list[str]
    expert: str | None
    expected_expert: str | None
    api: str | None
    args: dict[str, Any]
    reply: str
    timings_ms: dict[str, float]
    speculation: dict[str, Any] | None = None
    declined: bool = False  # the reply refused ("Sorry, I can't do that")


class EvalReport(BaseModel):
    n: int
    passed: int
    expert_accuracy: float | None
    in_scope_refused: int = 0  # lines an expert serves that got the refusal
    latency_ms: dict[str, Any]
    per_expert: dict[str, dict[str, int]]
    results: list[CaseResult]


def run_eval(path: Path, roles: ModelRoles, registry: Registry,
             on_result: Callable[[CaseResult], None] | None = None) -> EvalReport:
    """Score a file: single utterances (JSON lines) or conversations (YAML, each on its own state)."""
    results = []
    for turns in eval_units(path):
        for result in run_conversation(turns, roles, registry):
            results.append(result)
            if on_result:
                on_result(result)
    return summarise(results)


def eval_units(path: Path) -> list[list[EvalCase]]:
    """What runs on one fresh state: each line of a JSON-lines file, each conversation of a YAML one."""
    if path.suffix in (".yaml", ".yml"):
        return load_conversations(path)
    return [[case] for case in load_cases(path)]


def run_case(case: EvalCase, roles: ModelRoles, registry: Registry) -> CaseResult:
    assistant = fresh_assistant(case, roles, registry)
    result = run_turn(assistant, case)
    assistant.db.conn.close()
    return result


def run_conversation(cases: list[EvalCase], roles: ModelRoles, registry: Registry) -> list[CaseResult]:
    """Turns of one conversation, in order, on one state (follow-ups see the earlier turns)."""
    assistant = fresh_assistant(cases[0], roles, registry)
    results = [run_turn(assistant, case) for case in cases]
    assistant.db.conn.close()
    return results


def fresh_assistant(case: EvalCase, roles: ModelRoles, registry: Registry) -> Assistant:
    from assistant.app import open_state

    db = open_state(registry, ":memory:")
    if case.home is not None:
        registry.service("load_home")(db, _home_spec(registry, case.home))
    clock = Clock(case.now) if case.now else Clock.from_env()
    if case.documents:
        registry.service("add_documents")(db, case.documents, clock.now())
    return Assistant(db=db, clock=clock, registry=registry, roles=roles, input_area=case.area)


def run_turn(assistant: Assistant, case: EvalCase) -> CaseResult:
    db, now = assistant.db, assistant.clock.now
    views = {view.noun: view.rows for view in assistant.registry.views()}
    before = {d["id"]: d for d in views["devices"](db, now())}
    assistant.conversation = case.session or DEFAULT  # the conversation this turn is said in
    try:
        # a chat reply streams as it would to a user (nothing is said): timings_ms has reply_begins
        reply = assistant.handle(case.text, area=case.area, source=case.source, say_early=lambda start: None)
    except Exception as exc:  # noqa: BLE001 - one line's crash fails that line, not the whole run
        path = errorlog.write(exc, f"eval {case.id}")
        return _result(case, Reply(reply=errorlog.one_line(exc, path), ok=False), [f"crashed: {type(exc).__name__}: {exc}"])
    expect = case.expect
    problems = checks.check_reply(expect, reply)
    if expect.devices is not None:
        after = {d["id"]: d for d in views["devices"](db, now())}
        problems += checks.check_devices(expect.devices, before, after)
    if expect.reminders is not None:
        problems += checks.check_reminders(expect.reminders, views["reminders"](db, now()))
    if expect.timers is not None:
        problems += checks.check_timers(expect.timers, views["timers"](db, now()))
    if expect.lists is not None:
        problems += checks.check_lists(expect.lists, views["lists"](db, now()))
    if expect.scheduled is not None:
        problems += checks.check_scheduled(expect.scheduled, list_scheduled(db))
    if expect.sources is not None:
        problems += checks.check_sources(expect.sources, reply)
    if expect.reply_contains is not None:
        problems += checks.check_reply_words(expect.reply_contains, reply)
    return _result(case, reply, problems)


@lru_cache(maxsize=32)
def _home_spec(registry: Registry, path: Path):
    return registry.service("load_home_file")(path)


def _result(case: EvalCase, reply: Reply, problems: list[str]) -> CaseResult:
    return CaseResult(id=case.id, text=case.text, passed=not problems, problems=problems,
                      expert=reply.expert if not reply.declined else None, declined=reply.declined,
                      expected_expert=case.expect.expert if case.expect.declined is not True else None,
                      api=reply.api, args=reply.args, reply=reply.reply, timings_ms=reply.timings_ms,
                      speculation=reply.speculation)


def summarise(results: list[CaseResult]) -> EvalReport:
    routed = [r for r in results if r.expected_expert is not None]
    per_expert: dict[str, dict[str, int]] = {}
    for r in results:
        key = r.expected_expert or "declined"
        row = per_expert.setdefault(key, {"n": 0, "passed": 0, "routed": 0})
        row["n"] += 1
        row["passed"] += r.passed
        row["routed"] += (r.expert == r.expected_expert)
    return EvalReport(
        n=len(results), passed=sum(r.passed for r in results),
        expert_accuracy=(sum(r.expert == r.expected_expert for r in routed) / len(routed)) if routed else None,
        in_scope_refused=sum(r.declined for r in routed),
        latency_ms={"p50": _pct([r.timings_ms.get("total", 0) for r in results], 50),
                    "p95": _pct([r.timings_ms.get("total", 0) for r in results], 95),
                    **{k: {"p50": _pct(v, 50), "p95": _pct(v, 95)} for k, v in _by_timing(results).items()}},
        per_expert=per_expert, results=results)


def _by_timing(results: list[CaseResult]) -> dict[str, list[float]]:
    return {key: [r.timings_ms[key] for r in results if key in r.timings_ms]
            for key in ("first_action", "confirmed")}


def _pct(values: list[float], pct: int) -> float | None:
    if not values:
        return None
    if len(values) == 1:
        return round(values[0], 1)
    return round(statistics.quantiles(values, n=100, method="inclusive")[pct - 1], 1)
