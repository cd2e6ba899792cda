"""Session 19's kinds (no evaluation sentence; homes and lines written for them)."""
import pytest

from assistant import testing
from assistant.experts.lists import _without_request


def test_an_item_freed_of_the_request_verb_loses_its_article_too():
    assert _without_request("add a torch", "to do", "add a torch to the to-do list") == "torch"
    assert _without_request("put an umbrella on my to do list", "to do", "") == "umbrella"
    assert _without_request("add some batteries", "shopping", "add some batteries to the list") == "batteries"
    # a count stays: "a dozen" is the number
    assert _without_request("add a dozen eggs", "shopping", "add a dozen eggs to the list") == "a dozen eggs"


def _states(assistant):
    from assistant.experts.smart_home import list_devices
    return {d["id"]: d["state"] for d in list_devices(assistant.db)}


@pytest.mark.parametrize("text", ["ok now switch both of them off", "turn both off", "off both of them please",
                                  "and now the two of them off"])
def test_both_of_them_after_a_follow_up_is_both_devices(scripted_assistant, text):
    model = testing.confirmer(scripted_assistant)
    model.enqueue({"api": "smart_home.turn_on", "args": {"device": "bedroom lamp"}},
                  # ("and the desk lamp" is the previous call on it, no model) and what a model wrote for the pointer: the last device only
                  {"api": "smart_home.turn_off", "args": {"device": "both of the desk lamp"}})
    scripted_assistant.handle("switch on the bedroom lamp")
    scripted_assistant.handle("and the desk lamp")
    assert _states(scripted_assistant)["light.office_desk_lamp_2b6d"] == "on"
    scripted_assistant.handle(text)
    states = _states(scripted_assistant)
    assert states["light.bedroom_lamp_5e8f"] == "off" and states["light.office_desk_lamp_2b6d"] == "off"


def test_both_after_two_requests_of_their_own_is_only_what_they_said(scripted_assistant):
    model = testing.confirmer(scripted_assistant)
    model.enqueue({"api": "smart_home.turn_on", "args": {"device": "bedroom lamp"}},
                  {"api": "smart_home.turn_off", "args": {"device": "bedroom lamp"}})
    scripted_assistant.handle("turn on the desk lamp and the bedroom lamp")
    scripted_assistant.handle("now turn both off")
    states = _states(scripted_assistant)
    assert states["light.bedroom_lamp_5e8f"] == "off" and states["light.office_desk_lamp_2b6d"] == "off"
