"""Peak resident memory on CPU, traded for time: give freed tensor memory back to the system.

glibc's malloc serves large blocks from its heap once the first ones were freed (its mmap threshold
rises to 32 MB), and a heap keeps freed pages. A training step allocates and frees hundreds of MB of
activations, logits and gradients per micro-batch, so the process keeps the high-water mark of each
pass and the next pass's fragments stack on top: its peak RSS grows well past what is live at any
moment. With the threshold fixed low, every block of `threshold` bytes or more gets its own mapping,
returned to the system when the tensor is freed, and faulted in afresh when the next one is made:
less memory, more time. PPO, GRPO and KTO read the setting on CPU; it is off unless asked for.

    ALIGNMENT_MMAP_THRESHOLD=1048576  blocks of 1 MiB and more get their own mapping (the most memory saved)
    ALIGNMENT_MMAP_THRESHOLD=0        leave malloc as it is (the default)

Measured on the GRPO benchmark (docs/LOG.md): 1 MiB cut the peak RSS by 26-44% and cost 4-34% more
time per step.
"""

from __future__ import annotations

import ctypes
import ctypes.util
import os

from alignment.core.errors import ConfigError

_M_MMAP_THRESHOLD = -3  # mallopt parameter number in glibc's malloc.h
DEFAULT_THRESHOLD = 0  # off: time matters more than memory on most CPU runs


def return_freed_memory() -> int:
    """Fix glibc's mmap threshold at ALIGNMENT_MMAP_THRESHOLD bytes; returns the threshold set, or 0
    when nothing was changed (not asked for, or not glibc)."""
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
