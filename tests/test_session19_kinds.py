"""Session 19's kinds (no evaluation sentence; homes and lines written for them)."""
from assistant.experts.lists import _without_request


def test_an_item_freed_of_the_request_verb_loses_its_article_too():
    assert _without_request("add a torch", "to do", "add a torch to the to-do list") == "torch"
    assert _without_request("put an umbrella on my to do list", "to do", "") == "umbrella"
    assert _without_request("add some batteries", "shopping", "add some batteries to the list") == "batteries"
    # a count stays: "a dozen" is the number
    assert _without_request("add a dozen eggs", "shopping", "add a dozen eggs to the list") == "a dozen eggs"
