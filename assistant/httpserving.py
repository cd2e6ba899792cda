"""A threaded HTTP server with a bound on connections at once: the webhook's and the hub's."""
from __future__ import annotations

import logging
import sys
import threading
from http.server import ThreadingHTTPServer

log = logging.getLogger("assistant.http")


class BoundedThreadingHTTPServer(ThreadingHTTPServer):
    """Serves each connection in its own thread, at most `max_connections` at once; one more is
    refused (`refuse`) and closed."""

    daemon_threads = True

    def __init__(self, address: tuple[str, int], handler: type, max_connections: int) -> None:
        super().__init__(address, handler)
        self.slots = threading.BoundedSemaphore(max_connections)

    def refuse(self, request) -> None:
        """What a connection over the bound is told before it is closed (by default nothing)."""

    def process_request(self, request, client_address) -> None:
        if not self.slots.acquire(blocking=False):
            self.refuse(request)
            self.shutdown_request(request)
            return
        super().process_request(request, client_address)

    def handle_error(self, request, client_address) -> None:
        """A connection that failed outside its handler's own catch: a caller gone away is no error;
        anything else is logged (one line; the traceback in the error log, assistant/errorlog.py)."""
        if isinstance(sys.exc_info()[1], (ConnectionError, TimeoutError)):
            return
        log.exception("a connection from %s failed", client_address[0])

    def process_request_thread(self, request, client_address) -> None:
        try:
            super().process_request_thread(request, client_address)
        finally:
            self.slots.release()
