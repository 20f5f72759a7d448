"""Distributed helpers that work the same with one plain process and under `accelerate launch`
(torchrun sets RANK; torch.distributed may or may not be initialised yet)."""

from __future__ import annotations

import os

import torch.distributed as dist


def is_main_process() -> bool:
    """Rank 0 under torchrun / accelerate launch, or a plain single process."""
    return int(os.environ.get("RANK", "0")) == 0


def rank() -> int:
    return dist.get_rank() if dist.is_available() and dist.is_initialized() else 0


def barrier() -> None:
    if dist.is_available() and dist.is_initialized():
        dist.barrier()
