"""Voice: audio sources, wake word, voice-activity detection, speech-to-text, speech output and
the listen loop that joins them. One short module per stage; heavy packages (sounddevice,
openwakeword, faster-whisper, vosk, pyttsx3) are imported only inside the adapter that needs them.

Install them with `pip install -e ".[voice]"` (scripts/setup.sh does).
"""
