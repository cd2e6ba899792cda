"""A local, private conversational assistant: text or speech in, an expert's action out."""

__version__ = "0.1.0"  # the one version: pyproject reads it (tool.setuptools.dynamic)
