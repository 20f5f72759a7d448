"""Distributed helpers that work the same with one plain process and under `accelerate launch`
(torchrun sets RANK; torch.distributed may or may not be initialised yet)."""

from __future__ import annotations

import os

import torch.distributed as dist

from alignment.core.errors import ConfigError


def is_main_process() -> bool:
    """Rank 0 under torchrun / accelerate launch, or a plain single process."""
    return int(os.environ.get("RANK", "0")) == 0


def rank() -> int:
    return dist.get_rank() if dist.is_available() and dist.is_initialized() else 0


def barrier() -> None:
    if dist.is_available() and dist.is_initialized():
        dist.barrier()


def requested_sharding() -> str | None:
    """The sharding an `accelerate launch` config asked for ("FSDP", "DEEPSPEED"), from the variables
    the launcher sets; None for DDP, one process, or no launcher."""
    for name, mode in (("ACCELERATE_USE_FSDP", "FSDP"), ("ACCELERATE_USE_DEEPSPEED", "DEEPSPEED")):
        if os.environ.get(name, "false").lower() == "true":
            return mode
    return None


def refuse_unshardable(stage: str) -> None:
    """ConfigError when the launch config asks for DeepSpeed and it is not installed, or for any
    sharding and there is no GPU: accelerate would run it as plain DDP (`check_mode` says the same
    once a Trainer exists, for whatever else disagrees)."""
    import importlib.util

    import torch

    requested = requested_sharding()
    if requested == "DEEPSPEED" and importlib.util.find_spec("deepspeed") is None:
        raise ConfigError(
            f"[{stage}] the launch config asks for DeepSpeed, which is not installed: "
            "pip install 'alignment-suite[deepspeed]' (on a machine with CUDA)"
        )
    if requested and not torch.cuda.is_available():
        raise ConfigError(
            f"[{stage}] the launch config asks for {MODE_WORDS[requested]}, but there is no GPU: accelerate would "
            f"run it as plain DDP without saying so. {UNSHARDED}"
        )


UNSHARDED = "Refusing rather than training unsharded; on CPUs launch with recipes/accelerate/cpu_ddp.yaml"

MODE_WORDS = {"NO": "one process", "MULTI_CPU": "DDP", "MULTI_GPU": "DDP", "FSDP": "FSDP", "DEEPSPEED": "DeepSpeed"}


def check_mode(stage: str, distributed_type: str, processes: int, backend: str | None) -> None:
    """Say how this run is distributed (once, on the main process), and refuse a run that would not
    shard although its launch config asked for sharding: accelerate quietly runs an FSDP or DeepSpeed
    config as plain DDP on CPUs, and a job sized for sharding runs out of memory without it."""
    actual = MODE_WORDS.get(distributed_type, distributed_type)
    requested = requested_sharding()
    if requested and distributed_type != requested:
        raise ConfigError(
            f"[{stage}] the launch config asks for {MODE_WORDS[requested]}, but this run would be "
            f"{actual} ({processes} processes, {backend or 'no backend'}): accelerate shards only on GPUs. {UNSHARDED}"
        )
    if is_main_process():
        spread = f" over {processes} processes, backend {backend}" if processes > 1 else ""
        print(f"[{stage}] distributed: {actual}{spread}", flush=True)
