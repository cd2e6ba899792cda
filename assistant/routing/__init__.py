"""Routing: utterance → Decision (which expert API, which arguments), by fast path or model."""
