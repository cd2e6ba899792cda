"""The model layer: one backend interface, real (llama.cpp) and scripted implementations, roles."""
from assistant.llm.backend import ChatMessage, Generation, LLMBackend, ModelError

__all__ = ["ChatMessage", "Generation", "LLMBackend", "ModelError"]
