"""What a PPO run carries from one iteration to the next, its resumable checkpoints, and the few
collectives it needs when several processes run it.

    checkpoints/checkpoint-N/      N = PPO iterations done
        trainable.safetensors      policy + value LoRA tensors and the value head (by parameter name)
        optimizer.pt               AdamW and learning-rate scheduler state
        state.json                 iteration, KL coefficient, running reward statistics
        rng-<rank>.pt              python, numpy and torch RNG states of each process

The two .pt files hold tensors and plain values only and are read with `weights_only=True`:
PyTorch's restricted unpickler, which refuses any other object, so resuming from a run directory
someone else wrote cannot run their code (a refused file is an AlignmentError naming it).
        COMPLETE                   written last: a checkpoint without it is ignored and removed

The prompt order is a pure function of (seed, iteration), so the iteration count is the data position.
A resumed run restores all of the above and continues exactly where the uninterrupted one would.
"""

from __future__ import annotations

import json
import math
import os
import pickle
import random
import shutil
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import torch
import torch.distributed as dist
from torch.distributed.tensor import DTensor

from alignment.core.checkpoints import MARKER, latest_complete_checkpoint, write_marker
from alignment.core.distributed import barrier, is_main_process, rank
from alignment.core.errors import AlignmentError, ConfigError
from alignment.core.training_log import trim_log


@dataclass
class RunningMoments:
    """Mean and variance of every reward-model score seen so far (Chan et al.'s parallel update)."""

    count: int = 0
    mean: float = 0.0
    m2: float = 0.0

    def update(self, values: torch.Tensor) -> None:
        values = values.double()
        n = values.numel()
        if n == 0:
            return
        batch_mean = values.mean().item()
        batch_m2 = ((values - batch_mean) ** 2).sum().item()
        total = self.count + n
        delta = batch_mean - self.mean
        self.mean += delta * n / total
        self.m2 += batch_m2 + delta**2 * self.count * n / total
        self.count = total

    @property
    def std(self) -> float:
        return math.sqrt(self.m2 / self.count) if self.count > 1 else 1.0


def prompt_indices(n_prompts: int, seed: int, start: int, count: int) -> list[int]:
    """Prompts `start .. start + count - 1` of an endless stream that visits every prompt once per
    pass, each pass in its own seeded order."""
    indices, orders = [], {}
    for position in range(start, start + count):
        rotation, offset = divmod(position, n_prompts)
        if rotation not in orders:
            order = list(range(n_prompts))
            random.Random(f"{seed}-{rotation}").shuffle(order)
            orders[rotation] = order
        indices.append(orders[rotation][offset])
    return indices


def save_checkpoint(
    checkpoints_dir: Path, iteration: int, named_tensors: dict, optimizer, scheduler, state: dict, keep: int
) -> None:
    """Write checkpoint-<iteration>/ (staged, then renamed, then marked COMPLETE), keep the newest `keep`."""
    folder = checkpoints_dir / f"checkpoint-{iteration}"
    staging = checkpoints_dir / f".checkpoint-{iteration}-staging"
    sharded = any(isinstance(tensor, DTensor) for tensor in named_tensors.values())
    if rank() == 0:
        shutil.rmtree(staging, ignore_errors=True)
        staging.mkdir(parents=True)
        (staging / "state.json").write_text(json.dumps(state, indent=2) + "\n")
    barrier()
    if rank() == 0 or sharded:  # sharded (FSDP): every process writes its own shards
        from safetensors.torch import save_file

        suffix = f"-{rank()}" if sharded else ""
        save_file(
            {name: _local(tensor).detach().cpu().contiguous() for name, tensor in named_tensors.items()},
            str(staging / f"trainable{suffix}.safetensors"),
        )
        torch.save(
            {"optimizer": _local_optimizer_state(optimizer), "scheduler": scheduler.state_dict()},
            staging / f"optimizer{suffix}.pt",
        )
    barrier()
    torch.save(_rng_state(), staging / f"rng-{rank()}.pt")
    barrier()
    if rank() == 0:
        shutil.rmtree(folder, ignore_errors=True)
        os.rename(staging, folder)
        write_marker(folder, iteration)
        finished = sorted(
            (int(path.name.split("-")[1]), path)
            for path in checkpoints_dir.glob("checkpoint-*")
            if (path / MARKER).is_file()
        )
        for _, old in finished[:-keep]:
            shutil.rmtree(old, ignore_errors=True)
    barrier()


def load_checkpoint(checkpoints_dir: Path, named_tensors: dict, optimizer, scheduler) -> dict | None:
    """Restore the newest complete checkpoint into the given tensors, optimizer and scheduler (in
    place) and this process's RNG; return its state.json, or None when there is none."""
    folder = latest_complete_checkpoint(checkpoints_dir, clean=rank() == 0)
    barrier()
    if folder is None:
        return None
    from safetensors.torch import load_file

    sharded = any(isinstance(tensor, DTensor) for tensor in named_tensors.values())
    suffix = f"-{rank()}" if sharded else ""
    shards = len(list(folder.glob("trainable-*.safetensors")))
    if shards != (dist.get_world_size() if sharded else 0):
        raise ConfigError(
            f"{folder}: saved by {shards or 'one unsharded set of'} process(es); resume it with the launch "
            "config that wrote it (a sharded checkpoint is read by as many FSDP processes as wrote it)"
        )
    saved = load_file(str(folder / f"trainable{suffix}.safetensors"))
    missing = sorted(set(named_tensors) - set(saved))
    if missing:
        raise RuntimeError(f"{folder}: checkpoint lacks {len(missing)} trainable tensors, e.g. {missing[0]}")
    with torch.no_grad():
        for name, tensor in named_tensors.items():
            _local(tensor).copy_(saved[name].to(tensor.device, tensor.dtype))
    states = _load_plain(folder / f"optimizer{suffix}.pt")
    optimizer.load_state_dict(states["optimizer"])
    _shard_optimizer_state(optimizer)
    scheduler.load_state_dict(states["scheduler"])
    rng_file = folder / f"rng-{rank()}.pt"
    if rng_file.is_file():
        _set_rng_state(_load_plain(rng_file))
    state = json.loads((folder / "state.json").read_text())
    state["checkpoint"] = str(folder)
    return state


def _load_plain(path: Path):
    """A .pt file of tensors and plain values; anything else is refused, never unpickled."""
    try:
        return torch.load(path, weights_only=True)
    except pickle.UnpicklingError as error:
        raise AlignmentError(
            f"{path}: holds objects other than tensors and plain values, which could run code when loaded; "
            f"refusing to read it (delete {path.parent} to resume from an earlier checkpoint). "
            f"{str(error).splitlines()[0]}"
        ) from None


def _rng_state() -> dict:
    name, keys, position, has_gauss, cached_gaussian = np.random.get_state()
    return {
        "python": random.getstate(),
        "numpy": [name, keys.tolist(), position, has_gauss, cached_gaussian],  # plain values: weights_only loads it
        "torch": torch.get_rng_state(),
        "cuda": torch.cuda.get_rng_state_all() if torch.cuda.is_available() else None,
    }


def _set_rng_state(state: dict) -> None:
    random.setstate(state["python"])
    name, keys, position, has_gauss, cached_gaussian = state["numpy"]
    np.random.set_state((name, np.array(keys, dtype=np.uint32), position, has_gauss, cached_gaussian))
    torch.set_rng_state(state["torch"])
    if state.get("cuda") is not None and torch.cuda.is_available():
        torch.cuda.set_rng_state_all(state["cuda"])


# ---- several processes ----


def _local(tensor: torch.Tensor) -> torch.Tensor:
    """This process's shard of a sharded (FSDP) tensor; a whole tensor as it is."""
    return tensor.to_local() if isinstance(tensor, DTensor) else tensor


def _local_optimizer_state(optimizer) -> dict:
    """The optimizer's state dict with each sharded moment as this process's shard."""
    saved = optimizer.state_dict()
    saved["state"] = {
        key: {name: _local(value) for name, value in moments.items()} for key, moments in saved["state"].items()
    }
    return saved


def _shard_optimizer_state(optimizer) -> None:
    """After load_state_dict from `_local_optimizer_state`: each moment of a sharded parameter back
    into a sharded tensor laid out like its parameter."""
    for group in optimizer.param_groups:
        for parameter in group["params"]:
            if not isinstance(parameter, DTensor):
                continue
            moments = optimizer.state.get(parameter, {})
            for name, value in moments.items():
                if isinstance(value, torch.Tensor) and not isinstance(value, DTensor) and value.dim() > 0:
                    moments[name] = DTensor.from_local(
                        value, parameter.device_mesh, parameter.placements, run_check=False
                    )


def _distributed() -> bool:
    return dist.is_available() and dist.is_initialized() and dist.get_world_size() > 1


def gather(values: torch.Tensor) -> torch.Tensor:
    if not _distributed():
        return values
    parts = [torch.empty_like(values) for _ in range(dist.get_world_size())]
    dist.all_gather(parts, values.contiguous())
    return torch.cat(parts)


def mean_over_processes(value: float) -> float:
    if not _distributed():
        return value
    tensor = torch.tensor([value], dtype=torch.float64)
    dist.all_reduce(tensor)
    return float(tensor) / dist.get_world_size()


def average_and_clip(parameters: list, max_norm: float) -> None:
    """Gradients averaged over the processes, then clipped to `max_norm` (0: not clipped) by their
    norm over all of them, as `clip_grad_norm_` does. FSDP averaged the sharded ones in the
    backward (reduce-scatter); the whole ones are averaged here (`average_gradients`)."""
    sharded = [p for p in parameters if isinstance(p, DTensor)]
    whole = [p for p in parameters if not isinstance(p, DTensor)]
    average_gradients(whole)
    if not max_norm:
        return
    if not sharded:
        torch.nn.utils.clip_grad_norm_(parameters, max_norm)
        return
    squares = torch.zeros((), dtype=torch.float64)
    for parameter in sharded:
        if parameter.grad is not None:
            squares += parameter.grad.to_local().double().pow(2).sum().cpu()
    dist.all_reduce(squares)  # the shards' squares, summed over processes
    for parameter in whole:
        if parameter.grad is not None:
            squares += parameter.grad.double().pow(2).sum().cpu()
    scale = min(1.0, max_norm / (float(squares.sqrt()) + 1e-6))
    if scale < 1.0:
        for parameter in parameters:
            if parameter.grad is not None:
                _local(parameter.grad).mul_(scale)


def average_gradients(parameters: list) -> None:
    """DDP's job, by hand: the two adapters are used in separate passes, so a DDP wrapper would see
    unused parameters in every backward; one all-reduce per optimiser step is all that is needed."""
    if not _distributed():
        return
    world = dist.get_world_size()
    for parameter in parameters:
        if parameter.grad is None:
            parameter.grad = torch.zeros_like(parameter)
        dist.all_reduce(parameter.grad)
        parameter.grad /= world


def trim_logs(stage_dir: Path, iteration: int) -> None:
    """Drop log lines written after the checkpoint being resumed from (the run repeats them)."""
    if is_main_process():
        for name in ("metrics.jsonl", "samples.jsonl"):
            trim_log(stage_dir / name, iteration)
