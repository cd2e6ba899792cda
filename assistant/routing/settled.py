"""What of the fast router's proposal independent evidence already settles, so that the confirmer
need not rank it (RoutingConfig.settle_expert, settle_api, settle_unproposed).

The confirmer chooses the expert by ranking every expert name (one forward pass), then the API by
ranking that expert's API names (one pass per point where the names part), and then writes the
arguments. When two sources that do not share their mistakes already name the proposal's choice,
the ranking adds little but time:
- the expert: the rules of that expert read the words as a complete call, and the classifier (an
  embedding, not the rules) puts the same expert first by a clear lead;
- the API: the expert is settled (so, or by a cue), and the nearest labelled example of that
  expert (the retrieval pool) calls the same API with no example of another API as near.
The model still writes the arguments (the proposal's are only its draft), so a misread value is
still the confirmer's to correct.
- the expert of a line with no proposal (RoutingConfig.settle_unproposed): the classifier's first
  choice, by the same clear lead, when the line is no follow-up (the classifier reads only the new
  words) and that expert is not idle. The ranking adds the prior's lead (margin / temperature,
  times the prior's weight: 7.5 nats at 0.1) to the model's own scores, so only a model surer of
  another expert by more than that could overturn it. What it saves is most of the confirmer on
  what has no arguments: a decline ("none") or a chat line runs no model pass at all. Never
  when the user's own state is sure of another expert (a question their documents answer fully:
  routing/cues.py `lean`): that evidence is independent of the classifier, and disagrees.
"""
from __future__ import annotations

from assistant.messages import Decision
from assistant.routing.classifier import ExpertGuess
from assistant.routing.cues import SURE
from assistant.routing.schema import DECLINE


def settled_expert(proposal: Decision | None, guess: ExpertGuess | None, margin: float) -> str | None:
    """The proposal's expert when the classifier's first choice is the same one, at least `margin`
    ahead of the runner-up; else None (the confirmer ranks the experts)."""
    if proposal is None or proposal.qualified is None or guess is None:
        return None
    return proposal.expert if guess.expert == proposal.expert and guess.margin >= margin else None


def settled_api(proposal: Decision | None, expert: str | None, nearest_api: str | None) -> str | None:
    """The proposal's qualified API when its expert is the settled `expert` and the nearest
    labelled example's API (`nearest_api`, None when unsure) is the same; else None."""
    if proposal is None or proposal.qualified is None or expert is None or proposal.expert != expert:
        return None
    return proposal.qualified if nearest_api == proposal.api else None


def settled_unproposed(guess: ExpertGuess | None, margin: float, idle: tuple[str, ...] = (),
                       prior: dict[str, float] | None = None) -> str | None:
    """For a line with no proposal: the classifier's expert (DECLINE for its "none") when it
    leads the runner-up by at least `margin`, is not `idle`, and the `prior` the user's state
    leaned (when given) is not sure of another (`cues.SURE`); else None (the confirmer ranks)."""
    if guess is None or guess.margin < margin:
        return None
    if prior and max(prior.values()) >= SURE and max(prior, key=prior.get) != guess.expert:
        return None  # the user's own state is sure of another expert
    expert = DECLINE if guess.expert == "none" else guess.expert
    return None if expert in idle else expert
