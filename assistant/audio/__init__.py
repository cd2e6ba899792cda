"""Voice: audio sources, wake word, voice-activity detection, speech-to-text, speech output and
the listen loop that joins them. One short module per stage; heavy packages (sounddevice,
openwakeword, faster-whisper, vosk, pyttsx3) are imported only inside the adapter that needs them.

Install them with `pip install -e ".[voice]"` (scripts/setup.sh does).
"""

DEFAULT_WAKE_WORD = "hey_jarvis"  # openWakeWord model; detected 10/10 on synthetic speech here ("alexa" 7-8/12)
DEFAULT_THRESHOLD = 0.5  # single-stage wake-word score (0..1); two-stage: verify.STAGE1_THRESHOLD
