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
    """Make a sharding request true or refuse it, before anything is written. DeepSpeed needs its
    extra and a GPU. FSDP on a machine without a GPU runs as FSDP2 over gloo (`shard_on_cpu`):
    accelerate alone would run it as plain DDP without saying so."""
    import importlib.util

    import torch

    requested = requested_sharding()
    if requested == "DEEPSPEED" and importlib.util.find_spec("deepspeed") is None:
        raise ConfigError(
            f"[{stage}] the launch config asks for DeepSpeed, which is not installed: "
            "pip install 'alignment-suite[deepspeed]' (on a machine with CUDA)"
        )
    if requested == "DEEPSPEED" and not torch.cuda.is_available():
        raise ConfigError(
            f"[{stage}] the launch config asks for DeepSpeed, but there is no GPU: accelerate would "
            f"run it as plain DDP without saying so. {UNSHARDED}"
        )
    if requested == "FSDP" and not torch.cuda.is_available():
        _check_cpu_fsdp(stage)


def _check_cpu_fsdp(stage: str) -> None:
    """What FSDP on CPUs needs from the launch config: FSDP2 (FSDP1 has no CPU path) and processes
    to shard over."""
    version = os.environ.get("FSDP_VERSION", "1")
    if version != "2":
        raise ConfigError(
            f"[{stage}] the launch config asks for FSDP version {version}; on CPUs only FSDP2 shards "
            "(set fsdp_version: 2, as recipes/accelerate/cpu_fsdp.yaml does)"
        )
    if int(os.environ.get("WORLD_SIZE", "1")) < 2:
        raise ConfigError(f"[{stage}] the launch config asks for FSDP with one process: nothing to shard over")


def shard_on_cpu(stage: str, mixed_precision: str = "no") -> bool:
    """Set accelerate's process state to FSDP2 when the launch config asks for FSDP and there is no
    GPU; True when this run is FSDP on CPUs. accelerate shards only GPUs by itself: it builds the
    plugin from the launch config's variables, records the run as MULTI_CPU, and every `prepare`
    then wraps the model in DDP. torch's FSDP2 (`fully_shard`) works on CPU tensors over gloo, so
    the state is switched before any Trainer or Accelerator reads it, and `prepare` shards the
    model as on GPUs. A Trainer must then keep this state (`use_configured_state`), and the state
    holds the run's mixed precision, since a configured state ignores the Trainer's."""
    import torch

    if requested_sharding() != "FSDP" or torch.cuda.is_available():
        return False
    _check_cpu_fsdp(stage)
    from accelerate import Accelerator, FullyShardedDataParallelPlugin
    from accelerate.state import PartialState
    from accelerate.utils import DistributedType

    plugin = FullyShardedDataParallelPlugin()  # reads FSDP_* as the launcher set them
    # `fsdp_cpu_ram_efficient_loading` moves the model to the meta device and fills the shards
    # from rank 0; every rank here loads the weights itself, so it stays off.
    plugin.cpu_ram_efficient_loading = False
    state = Accelerator(cpu=True, fsdp_plugin=plugin, mixed_precision=mixed_precision).state
    if state.distributed_type == DistributedType.MULTI_CPU:
        state.fsdp_plugin = plugin
        state.distributed_type = DistributedType.FSDP
        # A later AcceleratorState() copies PartialState's fields over its own: both say FSDP.
        PartialState._shared_state["distributed_type"] = DistributedType.FSDP
    if state.distributed_type != DistributedType.FSDP:
        raise ConfigError(f"[{stage}] FSDP on CPUs needs a CPU process group, not {state.distributed_type.value}")
    return True


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


def check_sharded(stage: str, model) -> None:
    """After FSDP's `prepare`: every process must hold only its shard of the parameters (DTensors),
    else the run is not the sharded one the launch config asked for and stops. Says how much of
    the model this process holds."""
    from torch.distributed.tensor import DTensor

    total = local = 0
    for parameter in model.parameters():
        total += parameter.numel()
        local += parameter.to_local().numel() if isinstance(parameter, DTensor) else parameter.numel()
    if local >= total:
        raise ConfigError(f"[{stage}] FSDP was asked for, but every process holds the whole model: not sharded")
    if is_main_process():
        print(f"[{stage}] FSDP: this process holds {local:,} of the model's {total:,} parameters", flush=True)
