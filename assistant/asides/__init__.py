"""Words around a request that ask nothing themselves, so the request is read without them (the
router, the rules and the grounding checks all see the same words). One module per kind of aside:
- `courtesy`: "be a dear and …", "would you mind turning …", "… that would be great", states asked
  by their opposite ("make it not dark") ("please" and "could you" are handled where words are
  normalised, assistant/words.py);
- `reasons`: a reason given after a command ("turn the dehumidifier off, the washing's dry now");
- `particles`: interjections, greetings and particles of spoken Englishes, "on the fan" as a verb;
- `remarks`: a remark before the request, a tag or a word of address after it;
- `stories`: the request among sentences that only tell, or asked after a story in the same sentence.
"""
from assistant.asides.courtesy import without_courtesy
from assistant.asides.particles import INTERJECTION, without_particles
from assistant.asides.reasons import without_reason
from assistant.asides.remarks import without_remark
from assistant.asides.stories import request_after_story, without_story

__all__ = ["INTERJECTION", "request_after_story", "without_courtesy", "without_particles", "without_reason",
           "without_remark", "without_story"]
