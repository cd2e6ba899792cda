"""The command-line interface: one sub-app per noun."""
