"""Offline (no LLM): on every line where the settle checks fire (assistant/routing/settled.py), does
the proposal's call alone (the confirmer scripted to fail, so the proposal is carried out) pass the
line's expectations? A settled line that fails shows what the skipped ranking might have fixed.
On a line with no proposal where the classifier's lead settles the expert (settle_unproposed), is
that the line's expected expert (a decline for none)?

    python scripts/check_settled.py data/eval/test.jsonl data/eval/fresh.jsonl data/eval/followups.yaml
"""
import sys
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
from assistant import testing
from assistant.app import default_registry
from assistant.config import RoutingConfig
from assistant.evaluation.runner import fresh_assistant, run_turn, eval_units
from assistant.routing import cues
from assistant.routing.classifier import default_classifier
from assistant.routing.schema import DECLINE
from assistant.storage.conversations import DEFAULT

registry = default_registry()
roles = testing.scripted_roles()
roles.settings.routing = RoutingConfig(settle_expert=True, settle_api=True, settle_unproposed=True)
classifier = default_classifier(registry)
for path in sys.argv[1:]:
    c = Counter(); bad = []; unproposed = []
    for unit in eval_units(Path(path)):
        a = fresh_assistant(unit[0], roles, registry); a.classifier = classifier
        for case in unit:
            a.conversation = case.session or DEFAULT
            plan = a.plan(case.text, area=case.area, source=case.source)
            settled = (None, None)
            if not (plan.parts or plan.answer or plan.decision is not None or plan.asks_first) and plan.guess:
                prior = cues.pin(registry, plan.guess.probabilities(a.routing.prior_temperature), plan.utterance.text, a.db)
                settled = a._settled(plan, prior, tuple(registry.idle(a.db)))
            result = run_turn(a, case)
            c["lines"] += 1
            if plan.proposal is None and settled[0]:
                c["unproposed, expert settled"] += 1
                c["unproposed, the expected expert"] += settled[0] == (case.expect.expert or DECLINE)
                if settled[0] != (case.expect.expert or DECLINE):
                    unproposed.append((case.id, settled[0], "expected", case.expect.expert))
            elif any(settled):
                c["settled"] += 1; c["settled expert"] += bool(settled[0]); c["settled api"] += bool(settled[1])
                c["settled, proposal passes"] += result.passed
                if not result.passed:
                    bad.append((case.id, case.text, settled, result.problems[:2]))
    print(Path(path).name, dict(c))
    for b in bad: print("   proposal alone fails on a settled line:", b)
    for u in unproposed: print("   no proposal, settled on another expert than expected:", u)
