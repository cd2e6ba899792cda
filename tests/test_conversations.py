"""Conversations: state per conversation (nothing leaks between them), the chat's continuity, the
conversation log (`history`, `forget`), on the real pipeline with scripted models."""
import dataclasses
import json
from datetime import datetime, timedelta

from typer.testing import CliRunner

from assistant.chatting import chat_messages, estimate_tokens
from assistant.cli.main import app
from assistant.experts.smart_home import list_devices
from assistant.storage.conversations import DEFAULT, Exchange, forget_all, history, recent_turns
from assistant.storage.core_tables import MIGRATIONS, park_action, waiting_slot
from assistant.storage.db import open_database

FRONT_DOOR = "lock.front_door_9a7b"


def device(assistant, device_id):
    return next(d for d in list_devices(assistant.db) if d["id"] == device_id)


def confirmer(assistant):
    return assistant.roles.get("confirmer")


def session(assistant, name):
    """The same assistant (database, models, clock), speaking in conversation `name`."""
    return dataclasses.replace(assistant, conversation=name)


# ------------------------------------------------------------------ state per conversation
def test_a_yes_in_another_conversation_does_not_confirm(scripted_assistant):
    a, b = session(scripted_assistant, "A"), session(scripted_assistant, "B")
    confirmer(a).enqueue({"api": "smart_home.unlock", "args": {"device": "front door"}})
    assert a.handle("unlock the front door").needs_confirmation
    answered = b.handle("yes")
    assert answered.api == "stop"  # a bare yes with nothing to confirm in B
    assert device(a, FRONT_DOOR)["state"] == "locked"
    assert a.handle("yes").api == "unlock"
    assert device(a, FRONT_DOOR)["state"] == "unlocked"


def test_a_question_in_one_conversation_does_not_supersede_anothers(scripted_assistant):
    a, b = session(scripted_assistant, "A"), session(scripted_assistant, "B")
    now = a.clock.now()
    park_action(a.db, at=now, expert="timers", api="start", args={}, question="For how long?",
                slot="duration", conversation="A")
    park_action(a.db, at=now, expert="reminders", api="create", args={}, question="When?",
                slot="when", conversation="B")
    assert waiting_slot(a.db, now, conversation="A")[1].api == "start"
    assert waiting_slot(a.db, now, conversation="B")[1].api == "create"
    assert waiting_slot(a.db, now) is None  # the default conversation asked nothing
    reply = a.handle("ten minutes")  # A's answer completes A's timer
    assert reply.api == "start" and reply.args["duration"] == "10 minutes"
    assert waiting_slot(b.db, now, conversation="B") is not None


def test_the_previous_turn_and_undo_are_the_conversations_own(scripted_assistant):
    a, b = session(scripted_assistant, "A"), session(scripted_assistant, "B")
    confirmer(a).enqueue({"api": "smart_home.turn_on", "args": {"area": "kitchen", "device_type": "light"}})
    a.handle("turn on the kitchen lights")
    assert a.plan("now dim them").previous is not None
    assert b.plan("now dim them").previous is None
    b.handle("undo that")  # nothing of B's to undo
    assert device(a, "light.kitchen_ceiling_4f2a9c")["state"] == "on"
    a.handle("undo that")
    assert device(a, "light.kitchen_ceiling_4f2a9c")["state"] == "off"


def test_every_turn_is_recorded_in_its_conversation(scripted_assistant):
    a = session(scripted_assistant, "A")
    a.handle("what time is it")
    scripted_assistant.handle("stop")
    turns = recent_turns(a.db, "A", a.clock.now() - timedelta(minutes=1))
    assert [t.text for t in turns] == ["what time is it"] and turns[0].reply
    assert [t.text for t in recent_turns(a.db, DEFAULT, a.clock.now() - timedelta(minutes=1))] == ["stop"]


def test_rows_from_before_conversations_are_the_default_ones(tmp_path):
    path = tmp_path / "old.db"
    db = open_database(path, [m for m in MIGRATIONS if (m.owner, m.version) < ("core", 6)])
    db.execute("INSERT INTO action_log (at, text, expert, api, args) VALUES ('2026-11-25T09:00:00', 'x', "
               "'timers', 'start', '{}')")
    db.conn.close()
    db = open_database(path, MIGRATIONS)
    assert db.execute("SELECT conversation FROM action_log").fetchone()[0] == DEFAULT


# ------------------------------------------------------------------ the chat's continuity
def test_the_chat_sees_its_own_conversations_turns_and_actions(scripted_assistant):
    a, b = session(scripted_assistant, "A"), session(scripted_assistant, "B")
    chat = a.roles.get("chat")
    confirmer(a).enqueue({"api": "smart_home.turn_on", "args": {"area": "kitchen", "device_type": "light"}},
                         {"api": "chat.respond", "args": {}}, {"api": "chat.respond", "args": {}},
                         {"api": "chat.respond", "args": {}})
    a.handle("turn on the kitchen lights")
    chat.enqueue("Why did the lamp go to school? To get brighter!", "Another: the fridge runs.", "Hello.")
    a.handle("tell me a joke")
    a.handle("another one")
    prompt = chat.prompts[1]
    assert prompt[-1].content == "another one"
    assert [m.content for m in prompt[1:3]] == ["turn on the kitchen lights", a.db.execute(
        "SELECT reply FROM conversation_turns WHERE text = 'turn on the kitchen lights'").fetchone()[0]]
    assert any(m.role == "assistant" and "brighter" in m.content for m in prompt)
    assert "turn on the kitchen lights" in prompt[0].content  # what it did, in the system message
    b.handle("tell me a joke")
    assert [m.role for m in chat.prompts[2]] == ["system", "user"]  # B has no history


def test_the_chat_persona_comes_from_the_config(scripted_assistant):
    scripted_assistant.roles.settings.conversation.persona = "You are Ada, a butler."
    confirmer(scripted_assistant).enqueue({"api": "chat.respond", "args": {}})
    scripted_assistant.roles.get("chat").enqueue("Indeed.")
    scripted_assistant.handle("how are you")
    assert scripted_assistant.roles.get("chat").prompts[0][0].content.startswith("You are Ada, a butler.")


def test_a_long_history_is_condensed_within_the_budget():
    at = datetime(2026, 11, 25, 9)
    history_ = [Exchange(at, f"question {i} " + "word " * 40, f"answer {i} " + "word " * 40, "chat", "respond")
                for i in range(30)]
    messages = chat_messages("and in French?", history_, budget=300)
    assert messages[-1].content == "and in French?"
    assert sum(estimate_tokens(m.content) for m in messages[1:-1]) <= 300
    assert "answer 29" in messages[-2].content  # the newest turn is kept whole
    assert "Earlier:" in messages[0].content or len(messages) < 62
    assert estimate_tokens(messages[0].content) < 400


def test_no_history_is_just_the_persona_and_the_words():
    messages = chat_messages("hi", [], persona="P")
    assert [(m.role, m.content) for m in messages] == [("system", "P"), ("user", "hi")]


# ------------------------------------------------------------------ history and forget
def test_history_and_forget_all(scripted_assistant):
    a = session(scripted_assistant, "A")
    confirmer(a).enqueue({"api": "smart_home.turn_on", "args": {"area": "kitchen", "device_type": "light"}})
    a.handle("turn on the kitchen lights")
    scripted_assistant.handle("what time is it")
    found = history(a.db, "A")
    assert [t["text"] for t in found["turns"]] == ["turn on the kitchen lights"]
    assert found["actions"][0]["api"] == "turn_on" and found["actions"][0]["conversation"] == "A"
    assert len(history(a.db)["turns"]) == 2
    counts = forget_all(a.db)
    assert counts["conversation_turns"] == 2 and counts["action_log"] >= 1
    assert history(a.db) == {"turns": [], "actions": []}
    assert device(a, "light.kitchen_ceiling_4f2a9c")["state"] == "on"  # done stays done


runner = CliRunner()


def test_cli_sessions_history_and_forget():
    env = {"ASSISTANT_NOW": "2026-11-25T09:00:00"}
    assert runner.invoke(app, ["ask", "--session", "script-1", "what time is it"], env=env).exit_code == 0
    assert runner.invoke(app, ["ask", "what's the date"], env=env).exit_code == 0
    one = json.loads(runner.invoke(app, ["history", "--json", "--session", "script-1"]).stdout)
    assert [t["text"] for t in one["turns"]] == ["what time is it"]
    assert one["turns"][0]["conversation"] == "script-1"
    everything = json.loads(runner.invoke(app, ["history", "--json"]).stdout)
    assert {t["conversation"] for t in everything["turns"]} == {"script-1", DEFAULT}
    assert "Conversation" in runner.invoke(app, ["history"]).stdout
    refused = runner.invoke(app, ["forget", "--all"], input="n\n")
    assert refused.exit_code == 1 and json.loads(runner.invoke(app, ["history", "--json"]).stdout)["turns"]
    assert runner.invoke(app, ["forget", "--all"], input="y\n").exit_code == 0
    assert json.loads(runner.invoke(app, ["history", "--json"]).stdout) == {"turns": [], "actions": []}
    assert runner.invoke(app, ["forget"]).exit_code == 2
    assert runner.invoke(app, ["forget", "--all", "--yes"]).exit_code == 0


# ------------------------------------------------------------------ the evaluation's conversations
def test_an_eval_conversation_may_switch_sessions(tmp_path):
    from assistant.app import default_registry
    from assistant.evaluation.cases import load_conversations
    from assistant.evaluation.runner import run_conversation
    from assistant.testing import scripted_roles
    from tests.conftest import DEV_HOME

    path = tmp_path / "conv.yaml"
    path.write_text(f"""- id: s
  home: {DEV_HOME}
  now: '2026-11-30T22:00:00'
  turns:
  - {{text: what time is it, session: a, expect: {{reply_contains_any: ['10:00']}}}}
  - {{text: 'yes', session: b, expect: {{expert: system}}}}
  - {{text: what time is it, expect: {{reply_contains_any: [midnight]}}}}
""")
    roles = scripted_roles()
    results = run_conversation(load_conversations(path)[0], roles, default_registry())
    assert [r.passed for r in results] == [True, True, False]
    assert "midnight" in results[2].problems[0]
