"""One writer per run directory: the advisory lock every stage, the pipeline and the eval take.

    with run_lock("runs/x"):     # AlignmentError at once while another live process holds runs/x
        ...

The lock is an `flock` on `.x.lock` beside the directory (beside, not inside: an eval writes its
report directory anew, and nothing that lists a run directory should meet it). The file holds the
holder's pid, host, command and start time, which a refused run prints. The kernel drops an flock
when its process ends, however it ends (`kill -9` included), so the lock of a dead run is free: the
next run takes it over and says whose it was. Only the main process of a distributed job takes it
(the job's other ranks work under it), and a process that holds a directory's lock enters it again
freely (a pipeline running its stages). On release the file goes, and so do the folders that taking
it made, when they are empty: a run refused for bad input leaves nothing behind.
"""

from __future__ import annotations

import fcntl
import json
import os
import socket
import sys
import time
from contextlib import contextmanager
from pathlib import Path

from alignment.core.distributed import is_main_process
from alignment.core.errors import AlignmentError

_HELD: set[Path] = set()


def lock_file(directory: str | Path) -> Path:
    directory = Path(directory).expanduser().resolve()
    return directory.parent / f".{directory.name}.lock"


@contextmanager
def run_lock(directory: str | Path):
    directory = Path(directory).expanduser().resolve()
    if not is_main_process() or directory in _HELD:
        yield
        return
    made = [folder for folder in (directory.parent, *directory.parent.parents) if not folder.exists()]
    directory.parent.mkdir(parents=True, exist_ok=True)
    path = lock_file(directory)
    handle = open(path, "a+", encoding="utf-8")  # held open for as long as the lock is
    try:
        fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except BlockingIOError:
        holder = _holder(path)
        handle.close()
        raise AlignmentError(
            f"{directory} is in use by {holder} (lock {path}); wait for that run to end, or use another run directory"
        ) from None
    previous = _holder(path)
    if previous:  # its process is gone, or the flock would have been refused
        print(f"[lock] {directory}: taking over from {previous}, which is no longer running", file=sys.stderr)
    handle.seek(0)
    handle.truncate()
    handle.write(json.dumps(_me()) + "\n")
    handle.flush()
    _HELD.add(directory)
    try:
        yield
    finally:
        _HELD.discard(directory)
        path.unlink(missing_ok=True)  # before the flock goes, so no one locks a file already gone
        handle.close()
        for folder in made:  # innermost first
            try:
                folder.rmdir()
            except OSError:
                break


def _me() -> dict:
    return {
        "pid": os.getpid(),
        "host": socket.gethostname(),
        "command": " ".join(sys.argv),
        "started": time.strftime("%Y-%m-%d %H:%M:%S"),
    }


def _holder(path: Path) -> str:
    """Who the lock file names, in words; empty for an empty file."""
    text = path.read_text(encoding="utf-8").strip() if path.is_file() else ""
    if not text:
        return ""
    try:
        holder = json.loads(text)
        return f"pid {holder['pid']} on {holder['host']} since {holder['started']} ({holder['command']})"
    except (ValueError, KeyError, TypeError):
        return "another process"
