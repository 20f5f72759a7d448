"""The one HTTP client of the eval judges: an OpenAI-compatible `/chat/completions` call with
bounded retries, shared by the helpfulness judge (judges.HTTPJudge) and the refusal judge
(refusal_judges.HTTPRefusalJudge).

    client = ChatClient("http://localhost:8000/v1", "judge-model", what="judge")
    rating = client.ask(messages, item_id="q17", parse=parse_rating, expected="'Rating: N' (1-10)")

Input: chat messages, the id of the eval item they judge (for the error message), and `parse`, which
turns the reply's text into a value or None when the text holds none.
Output: the parsed value; or one AlignmentError naming the endpoint, the item id, what went wrong
on the last attempt and how many attempts were made.

What is retried, up to `retries` more times, waiting `retry_wait * 2**attempt` seconds (capped at
`max_wait`) plus up to `jitter` of that at random, so many clients do not retry in lockstep:
- the endpoint cannot be reached, or the connection drops;
- no reply within `timeout` seconds;
- HTTP 429 (rate limited) and 5xx (the server's fault);
- a garbled reply: not JSON, no `choices[0].message.content`, or text `parse` finds nothing in
  (models at temperature 0 still wander now and then; a second ask usually lands).
Any other HTTP status (400, 401, 404 ...) is the caller's mistake and fails at once.
The API key is read from the environment variable `api_key_env` at each call and never appears
in an identity or an error; without it no Authorization header is sent (local servers).
"""

from __future__ import annotations

import http.client
import json
import os
import random
import time
import urllib.error
import urllib.request
from collections.abc import Callable
from typing import TypeVar

from alignment.core.errors import AlignmentError

Parsed = TypeVar("Parsed")


class _Retry(Exception):
    """One failed attempt that may succeed on the next one."""


class ChatClient:
    """POSTs chat messages to `<base_url>/chat/completions` at temperature 0 (see the module docstring)."""

    def __init__(
        self,
        base_url: str,
        model: str,
        api_key_env: str = "OPENAI_API_KEY",
        timeout: float = 60,
        retries: int = 3,
        retry_wait: float = 1.0,
        max_wait: float = 30.0,
        jitter: float = 0.1,
        what: str = "judge",
    ):
        self.url = base_url.rstrip("/") + "/chat/completions"
        self.model, self.api_key_env, self.timeout, self.what = model, api_key_env, timeout, what
        self.retries, self.retry_wait, self.max_wait, self.jitter = retries, retry_wait, max_wait, jitter

    def ask(
        self, messages: list[dict], item_id: str, parse: Callable[[str], Parsed | None], expected: str = "an answer"
    ) -> Parsed:
        """`parse(reply text)` of the first usable reply; AlignmentError after `retries + 1` failed attempts."""
        body = json.dumps({"model": self.model, "temperature": 0, "messages": messages}).encode()
        for attempt in range(self.retries + 1):
            try:
                return self._attempt(body, parse, expected)
            except _Retry as problem:
                if attempt == self.retries:
                    raise AlignmentError(
                        f"{self.what} {self.url}: item {item_id}: {problem}, after {self.retries + 1} attempts"
                    ) from None
                time.sleep(self.wait(attempt))
            except AlignmentError as error:  # not worth retrying: name the item and stop
                raise AlignmentError(f"{self.what} {self.url}: item {item_id}: {error}") from None
        raise AssertionError("unreachable")

    def wait(self, attempt: int) -> float:
        """Seconds before retry `attempt + 1`: exponential, capped, with a little random jitter."""
        base = min(self.retry_wait * 2**attempt, self.max_wait)
        return base * (1 + self.jitter * random.random())

    def _attempt(self, body: bytes, parse, expected: str):
        text = self._post(body)
        try:
            reply = json.loads(text)
        except json.JSONDecodeError:
            raise _Retry(f"reply is not JSON: {text[:200]!r}") from None
        try:
            content = reply["choices"][0]["message"]["content"]
        except (KeyError, IndexError, TypeError):
            raise _Retry(
                f"reply is not a chat completion (no choices[0].message.content): {json.dumps(reply)[:200]}"
            ) from None
        value = parse(content) if isinstance(content, str) else None
        if value is None:
            raise _Retry(f"no {expected} in its reply: {str(content)[:200]!r}")
        return value

    def _post(self, body: bytes) -> str:
        headers = {"Content-Type": "application/json"}
        key = os.environ.get(self.api_key_env)
        if key:
            headers["Authorization"] = f"Bearer {key}"
        request = urllib.request.Request(self.url, data=body, headers=headers, method="POST")
        try:
            with urllib.request.urlopen(request, timeout=self.timeout) as response:
                return response.read().decode("utf-8", errors="replace")
        except urllib.error.HTTPError as error:
            detail = error.read().decode("utf-8", errors="replace")[:200]
            problem = f"HTTP {error.code} {error.reason}: {detail}"
            if error.code == 429 or error.code >= 500:
                raise _Retry(problem) from None
            raise AlignmentError(problem) from None
        except TimeoutError:
            raise _Retry(f"no reply within {self.timeout:g} s") from None
        except urllib.error.URLError as error:
            if isinstance(error.reason, TimeoutError):
                raise _Retry(f"no reply within {self.timeout:g} s") from None
            raise _Retry(f"cannot connect ({error.reason})") from None
        except (ConnectionError, OSError, http.client.HTTPException) as error:
            raise _Retry(f"cannot connect ({error})") from None

    def identity(self) -> dict:
        """Where and how it asks (never the key itself)."""
        return {"url": self.url, "model": self.model, "temperature": 0.0, "api_key_env": self.api_key_env}
