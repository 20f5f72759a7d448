"""A loopback OpenAI-compatible chat endpoint for tests of the HTTP judges (never the network).

    server = ChatServer([(200, completion("Rating: 7")), (500, "down", 0.5)])   # replies in turn
    server = ChatServer(lambda body: (200, completion("REFUSAL")))               # or computed per request
    server.base_url          # http://127.0.0.1:<port>/v1
    server.requests          # [{"path", "headers", "body"}] in arrival order
    server.close()

A reply is (status, body) or (status, body, delay in seconds); the last one repeats once the list
runs out. A dict body is sent as JSON, a string as it is (so tests can send garbled replies).
Used by tests/test_eval_judges.py, tests/test_eval_refusal_judges.py and tests/test_eval_report.py.
"""

from __future__ import annotations

import json
import threading
import time
from collections.abc import Callable
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer


def completion(content: str) -> dict:
    """The smallest chat-completion reply carrying `content`."""
    return {"choices": [{"index": 0, "message": {"role": "assistant", "content": content}}]}


class ChatServer:
    def __init__(self, replies: list | Callable[[dict], tuple]):
        self.requests, self.replies = [], replies if callable(replies) else list(replies)
        owner = self

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self):
                body = json.loads(self.rfile.read(int(self.headers["Content-Length"])))
                owner.requests.append({"path": self.path, "headers": dict(self.headers), "body": body})
                status, reply, *delay = owner.next_reply(body)
                time.sleep(delay[0] if delay else 0.0)
                data = reply.encode() if isinstance(reply, str) else json.dumps(reply).encode()
                try:
                    self.send_response(status)
                    self.send_header("Content-Type", "application/json")
                    self.send_header("Content-Length", str(len(data)))
                    self.end_headers()
                    self.wfile.write(data)
                except OSError:
                    pass  # the client gave up waiting (a timeout test)

            def log_message(self, *args):
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.base_url = f"http://127.0.0.1:{self.server.server_address[1]}/v1"
        threading.Thread(target=self.server.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True).start()

    def next_reply(self, body: dict) -> tuple:
        if callable(self.replies):
            return self.replies(body)
        return self.replies.pop(0) if len(self.replies) > 1 else self.replies[0]

    def close(self) -> None:
        self.server.shutdown()
        self.server.server_close()
