"""`assistant eval`: run labelled utterances against fresh state and score the outcomes."""
