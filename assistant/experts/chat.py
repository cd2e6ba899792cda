"""The `chat` expert: open conversation, answered creatively by the chat model; arithmetic is
worked out exactly instead (assistant/experts/arithmetic.py), and pinned here by its cue."""
from __future__ import annotations

from pathlib import Path

from assistant.context import ExpertContext
from assistant.experts import arithmetic
from assistant.messages import ActionResult, Decision, Request
from assistant.registry import api, build_expert

NO_CHAT_MODEL = "I'm here, but my chat model isn't available right now. I can still run your home, timers, reminders and lists."


@api(speculative_safe=True)
def respond(ctx: ExpertContext) -> ActionResult:
    """Small talk, jokes, greetings, feelings, opinions, arithmetic, translations, what was said
    earlier in the conversation, and general questions."""
    text = ctx.utterance.text if ctx.utterance else ""
    calculation = arithmetic.evaluate(text)
    if calculation is not None:
        return ActionResult(reply=calculation.reply())
    if ctx.compose is None:
        return ActionResult(reply=NO_CHAT_MODEL, ok=False)
    reply = ctx.compose(text).strip()
    return ActionResult(reply=reply or "Hmm, I'm not sure what to say to that.")


def propose(request: Request) -> Decision | None:
    """A calculation is answered at once (and exactly)."""
    return Decision(expert="chat", api="respond", source="router") if arithmetic.evaluate(request.text) else None


EXPERT = build_expert("chat", "conversation, jokes, fun facts and trivia, arithmetic, translations, questions "
                      "about this conversation, and general-knowledge questions answered from what the "
                      "assistant already knows", [respond], capability="a chat",
                      propose=propose, cues=(arithmetic.CUE,),
                      examples=Path(__file__).with_suffix(".jsonl"))
