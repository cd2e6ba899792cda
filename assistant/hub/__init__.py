"""`assistant serve`: one long-lived process with the models warm, the scheduler running, and an
HTTP API on loopback that `ask` and `chat` use when it runs.

- `contract.py`  the JSON shapes: `AskRequest` in, `ask --json`'s reply out
- `discovery.py` where a running hub is found (hub.json) and its token (hub_token)
- `guard.py`     one lock around every model call: many clients, one loaded model
- `engine.py`    one conversation per client session on the shared models; the listings
- `server.py`    the HTTP server (standard library), its routes, auth and request log
- `client.py`    find a running hub and ask it; `None` when there is none
- `wyoming_service.py`  the same conversations over Wyoming (Home Assistant's voice protocol)
- `wyoming_speech.py`   its speech-to-text and text-to-speech, on the project's own engines
- `link.py`      a satellite's blocking Wyoming connection to the hub
- `satellite.py` the listen loop with speech-to-text, routing and the voice on the hub
"""
