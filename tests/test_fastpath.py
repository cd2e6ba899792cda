import pytest

from assistant.routing import fastpath


@pytest.mark.parametrize("text, expected", [
    ("stop", "system.stop"),
    ("Stop!", "system.stop"),
    ("never mind", "system.stop"),
    ("nevermind", "system.stop"),
    ("Alexa, cancel", "system.stop"),
    ("cancel that", "system.stop"),
    ("forget it", "system.stop"),
    ("what time is it", "system.time"),
    ("What's the time?", "system.time"),
    ("what's the date today", "system.date"),
    ("what day is it", "system.date"),
    ("help", "system.help"),
    ("what can you do?", "system.help"),
    ("yes", "confirmation.confirm"),
    ("Yes, I'm sure.", "confirmation.confirm"),
    ("no", "confirmation.deny"),
    ("ok never mind that", "system.stop"),
    ("nah forget about it", "system.stop"),
    ("alright that's all", "system.stop"),
    ("um, stop", "system.stop"),
])
def test_fixed_commands_match(text, expected):
    decision = fastpath.match(text)
    assert decision is not None
    assert decision.qualified == expected


@pytest.mark.parametrize("text", [
    "cancel the pasta timer",
    "stop the music in the kitchen",
    "what time is my reminder",
    "turn on the kitchen lights",
    "yes turn on the lights",
    "help me remember to buy milk",
])
def test_commands_with_a_target_go_to_the_model(text):
    assert fastpath.match(text) is None


def test_confirmation_answers_have_their_own_source():
    assert fastpath.match("yes").source == "confirmation"
    assert fastpath.match("stop").source == "fastpath"


@pytest.mark.parametrize("text, expert", [
    ("in 20 minutes remind me to check the oven", "reminders"),
    ("please remind us tomorrow to pay the rent", "reminders"),
    ("set a reminder for 6 to call the plumber", "reminders"),
    ("put oat milk on the shopping list", "lists"),
    ("add eggs and bread to my grocery list", "lists"),
    ("disarm the alarm", "smart_home"),
    ("turn off the alarm system", "smart_home"),
    ("deactivate the security system", "smart_home"),
    ("set an alarm for 7 am", "timers"),  # an alarm at a clock time (session 19)
    ("remind me what my wife's name is", None),  # a question about a fact: memory
    ("remind me whether the door is locked", None),
    ("add a timer for 5 minutes", None),
    ("put the lights on in the living room", None),
    ("rmind me to water the plants at 6", "reminders"),  # typed fast
    # asking for a capability no expert has: declined, whatever else the words resemble
    ("call the plumber about the leaking tap", "none"),
    ("can you text my brother that dinner is ready", "none"),
    ("please order more dishwasher tablets", "none"),
    ("could u book a table for two at 8", "none"),
    ("buy a new lamp for the bedroom", "none"),
    ("send an email to the landlord", "none"),
    ("what's on my calendar this afternoon", "none"),
    ("any new emails from work", "none"),
    ("remind me to call the plumber at 5", "reminders"),  # a reminder *about* calling
    ("add email the landlord to my to do list", "lists"),
    ("call me captain from now on", None),
    ("let's call it a night", None),
    ("show me my notification inbox", None),
    ("turn on the lights in the booking office", None),  # "book" must open the request
])
def test_cues_pin_only_unambiguous_phrasings(text, expert):
    from assistant.app import default_registry
    from assistant.routing.cues import pin, pinned_expert

    registry = default_registry()
    assert pinned_expert(registry, text) == expert
    prior = {"timers": 0.7, "reminders": 0.3}
    assert pin(registry, prior, text) == ({expert: 1.0} if expert else prior)


def test_a_certain_prior_decides_the_expert_without_a_forward_pass(scripted_assistant):
    """A cue needs no model to choose the expert: a decline cue needs no model at all."""
    confirmer = scripted_assistant.roles.get("confirmer")
    reply = scripted_assistant.handle("please order more dishwasher tablets")
    assert reply.declined and confirmer.prompts == []
    assert reply.routing["expert_scores"] == {"decline": 0.0}
