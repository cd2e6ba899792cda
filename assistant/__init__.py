"""A local, private conversational assistant: text or speech in, an expert's action out."""
