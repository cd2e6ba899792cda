"""The `chat` expert: open conversation, answered creatively by the chat model."""
from __future__ import annotations

from pathlib import Path

from assistant.context import ExpertContext
from assistant.messages import ActionResult
from assistant.registry import api, build_expert

NO_CHAT_MODEL = "I'm here, but my chat model isn't available right now. I can still run your home, timers, reminders and lists."


@api(speculative_safe=True)
def respond(ctx: ExpertContext) -> ActionResult:
    """Small talk, jokes, greetings, feelings, opinions and general questions."""
    text = ctx.utterance.text if ctx.utterance else ""
    if ctx.compose is None:
        return ActionResult(reply=NO_CHAT_MODEL, ok=False)
    reply = ctx.compose(text).strip()
    return ActionResult(reply=reply or "Hmm, I'm not sure what to say to that.")


EXPERT = build_expert("chat", "conversation, jokes, fun facts and trivia, and general-knowledge questions "
                      "answered from what the assistant already knows", [respond], capability="a chat",
                      examples=Path(__file__).with_suffix(".jsonl"))
