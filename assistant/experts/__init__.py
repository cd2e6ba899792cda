"""The experts: one module (or package) per domain, each declaring its APIs via `assistant.registry`."""
