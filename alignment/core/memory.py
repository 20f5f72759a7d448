"""Peak resident memory on CPU: give freed tensor memory back to the system.

glibc's malloc serves large blocks from its heap once the first ones were freed (its mmap threshold
rises to 32 MB), and a heap keeps freed pages. A training step allocates and frees hundreds of MB of
activations, logits and gradients per micro-batch; without a fixed threshold the process keeps the
high-water mark of each pass and stacks the next pass's fragments on top, so its peak RSS grows
well past what is live at any moment. With the threshold fixed, every block of `threshold` bytes or
more gets its own mapping, returned to the system when the tensor is freed.

    ALIGNMENT_MMAP_THRESHOLD=0        leave malloc as it is
    ALIGNMENT_MMAP_THRESHOLD=4194304  another threshold in bytes (default 1 MiB)
"""

from __future__ import annotations

import ctypes
import ctypes.util
import os

from alignment.core.errors import ConfigError

_M_MMAP_THRESHOLD = -3  # mallopt parameter number in glibc's malloc.h
DEFAULT_THRESHOLD = 1 << 20


def return_freed_memory() -> int:
    """Fix glibc's mmap threshold (the environment's or 1 MiB); returns the threshold set, or 0 when
    nothing was changed (turned off, or not glibc)."""
    raw = os.environ.get("ALIGNMENT_MMAP_THRESHOLD", str(DEFAULT_THRESHOLD)).strip()
    try:
        threshold = int(raw)
    except ValueError:
        raise ConfigError(f"ALIGNMENT_MMAP_THRESHOLD={raw!r}: give a whole number of bytes (0 = off)") from None
    if threshold <= 0:
        return 0
    name = ctypes.util.find_library("c")
    try:
        libc = ctypes.CDLL(name)
        mallopt = libc.mallopt
    except (OSError, AttributeError, TypeError):  # not glibc (musl, macOS): nothing to set
        return 0
    mallopt.argtypes, mallopt.restype = [ctypes.c_int, ctypes.c_int], ctypes.c_int
    return threshold if mallopt(_M_MMAP_THRESHOLD, threshold) == 1 else 0
