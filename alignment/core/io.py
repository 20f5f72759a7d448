"""Atomic file writes: write a staging file beside the target, then rename it over the target, so
a crash (or `kill -9`) never leaves half a file where a reader expects a whole one. The staging
name is unique (two processes writing one cache never share it) and is removed if the write fails.
`append_lines` adds to an append-only log (the eval's caches) so that a torn last line costs only
itself."""

from __future__ import annotations

import json
import os
import tempfile
from pathlib import Path


def write_bytes_atomically(path: Path, data: bytes) -> None:
    path = Path(path)
    handle, staging = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(handle, "wb") as file:
            file.write(data)
        os.chmod(staging, 0o644)  # mkstemp makes it private; our outputs are meant to be read
        os.replace(staging, path)
    except BaseException:
        Path(staging).unlink(missing_ok=True)
        raise


def write_text_atomically(path: Path, text: str) -> None:
    write_bytes_atomically(path, text.encode("utf-8"))


def write_json_atomically(path: Path, data) -> None:
    write_text_atomically(path, json.dumps(data, indent=2, default=str) + "\n")


def append_lines(path: Path, lines: str) -> None:
    """Append whole lines to a log such as a JSONL cache, durably (fsync); a last line torn by a
    kill has no newline, so ours then start on a fresh line and the torn one stays unparseable."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    with open(path, "a+b") as handle:
        handle.seek(0, os.SEEK_END)
        if handle.tell():
            handle.seek(-1, os.SEEK_END)
            if handle.read(1) != b"\n":
                lines = "\n" + lines
        handle.write(lines.encode("utf-8"))
        handle.flush()
        os.fsync(handle.fileno())
