"""A real SMTP server for tests (aiosmtpd on loopback) that keeps what it receives."""

import socket
import threading
import time
from email import message_from_bytes


class Mailbox:
    """An aiosmtpd handler: keeps each message, or refuses them all, or takes a while per message."""

    def __init__(self) -> None:
        self.messages = []
        self.refuse = False
        self.delay = 0.0
        self.lock = threading.Lock()

    async def handle_DATA(self, server, session, envelope):
        if self.refuse:
            return "554 Transaction failed: refused by the test"
        if self.delay:
            time.sleep(self.delay)  # the worker waits for the reply, as with a slow server
        with self.lock:
            self.messages.append(message_from_bytes(envelope.content))
        return "250 OK"

    def count(self) -> int:
        with self.lock:
            return len(self.messages)


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]
