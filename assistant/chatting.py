"""The chat model's prompt with continuity: the persona, what the assistant did lately, and the
conversation's recent turns, bounded in tokens.

Newest turns are kept whole while they fit the budget; older ones that do not are condensed into
one line of the system message ("Earlier: the user said …"), cut to what is left of the budget, so
"another one", "and in French?" and "what did I just ask you to do?" have what they refer to,
and a long conversation never crowds the model's context.
"""
from __future__ import annotations

from typing import Callable

from assistant.llm.backend import ChatMessage
from assistant.storage.conversations import Exchange

PERSONA = ("You are a warm, witty voice assistant in the user's home. Reply in one or two short "
           "spoken sentences. Never claim to have done anything in the home that the list of what "
           "you did does not show.")
CONTINUITY = ("The conversation so far is below. Short new words refer back to it: \"another one\" means "
              "a new one of the same kind; \"and in <a language>?\" means your last answer again, in that "
              "language; "
              "\"what did I ask?\" is answered from the user's earlier messages (you are the assistant, "
              "they are the user).")
EARLIER_CHARS = 160  # one earlier turn, at most, in the summary line


def estimate_tokens(text: str) -> int:
    """About four characters a token (English, BPE vocabularies); used when no tokenizer is at hand."""
    return len(text) // 4 + 1


def chat_messages(text: str, history: list[Exchange], *, persona: str = PERSONA, budget: int = 600,
                  count: Callable[[str], int] = estimate_tokens) -> list[ChatMessage]:
    """The messages for the chat model: system (persona, actions, earlier turns condensed), the
    recent turns as user/assistant messages, then `text`. `budget`: tokens for the history."""
    system = [persona]
    actions = [turn for turn in history if turn.acted]
    if actions:
        did = "; ".join(f'"{turn.text}" → {turn.reply}' for turn in actions[-5:])
        system.append(f"What you did for the user lately (request → your answer): {did}")
    kept: list[Exchange] = []
    left = budget - count(" ".join(system))
    for turn in reversed(history):
        cost = count(turn.text) + count(turn.reply) + 8  # the two messages' framing
        if cost > left:
            break
        kept.insert(0, turn)
        left -= cost
    earlier = history[:len(history) - len(kept)]
    if earlier:
        system.append(_summary(earlier, left, count))
    if history:
        system.append(CONTINUITY)
    messages = [ChatMessage("system", "\n".join(part for part in system if part))]
    for turn in kept:
        messages += [ChatMessage("user", turn.text), ChatMessage("assistant", turn.reply)]
    return [*messages, ChatMessage("user", text)]


def _summary(earlier: list[Exchange], budget: int, count: Callable[[str], int]) -> str:
    """Earlier turns in one line, newest kept first, within `budget` tokens (may be empty)."""
    parts: list[str] = []
    for turn in reversed(earlier):
        part = _clip(f'the user said "{turn.text}" and you answered "{turn.reply}"')
        if count(part) + 2 > budget:
            break
        parts.insert(0, part)
        budget -= count(part) + 2
    return f"Earlier: {'; '.join(parts)}." if parts else ""


def _clip(text: str) -> str:
    return text if len(text) <= EARLIER_CHARS else text[:EARLIER_CHARS - 1].rstrip() + "…"
