"""Session 29's kinds (no evaluation sentence): a question about when a person of the household's
life comes, or who they are, is memory's (only the user can have said it)."""
import pytest

from assistant.experts import memory
from assistant.messages import Request


@pytest.mark.parametrize("text", ["what day does the window washer come", "when is the nanny coming",
                                  "what time does the piano teacher get here", "is the handyman coming today",
                                  "when's the tree surgeon due", "how often does the pest control guy visit",
                                  "who's our electrician", "who is my accountant"])
def test_when_a_person_of_theirs_comes_is_recalled(text):
    decision = memory.propose(Request(text=text, words=text, now=None))
    assert decision is not None and (decision.expert, decision.api) == ("memory", "recall")
    assert decision.args == {"question": text}


def test_when_the_plumber_comes_is_pinned_to_memory():
    """Session 15 left it unpinned; only the user can have said it (no reminder is a timetable)."""
    from assistant.app import default_registry
    from assistant.routing.cues import pinned_expert
    assert pinned_expert(default_registry(), "what time does the plumber come") == "memory"


@pytest.mark.parametrize("text", ["when will my lyft driver arrive", "when is the food delivery guy coming",
                                  "when does the boiler come on", "who is the manager of chelsea",
                                  "when does the train arrive", "when did the romans come to britain",
                                  "when does the dishwasher finish"])
def test_rides_deliveries_machines_and_the_world_are_not(text):
    assert memory.ASKED_ABOUT_THEIR_PEOPLE.match(text) is None
