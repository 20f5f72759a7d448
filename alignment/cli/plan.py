"""`alignment plan`: will a recipe fit, per stage and per device, before anything is loaded.

    alignment plan --config recipes/smollm2-135m/dpo_lora.yaml                 # this machine (CPU or its GPU)
    alignment plan --config recipes/llama3-8b/dpo_qlora.yaml --gpus 8 --launch fsdp
    alignment plan --config recipes/llama3-8b/sft_qlora.yaml --model-shape llama-8b --gpu-memory 24
    alignment plan --config recipes/smollm2-135m/pipeline_dpo.yaml --json      # for machines

Reads the recipe (a stage or a pipeline config, with `key.sub=value` overrides) and the model's
config.json (or `--model-shape`), never its weights; prints each stage's components (weights, LoRA
and optimizer state, activations, logits, KV cache, second models), its peak per device, whether it
fits and the launch config of recipes/accelerate/ to use. Without `--launch` the smallest that fits:
one device, then ddp, then fsdp. The estimates are `alignment/planner.py`'s (docs/plan.md).
"""

from __future__ import annotations

import argparse
import json
import os
from pathlib import Path

from alignment import planner
from alignment.core.errors import ConfigError

GIB = planner.GIB


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="alignment plan", description=__doc__.strip().split("\n\n")[0])
    parser.add_argument("--config", required=True, help="stage or pipeline recipe (YAML)")
    parser.add_argument("--stage", choices=sorted(planner.STAGE_CONFIGS), help="the stage a stage recipe is for")
    parser.add_argument("--gpus", type=int, help="devices (processes) to plan for; implies --device gpu")
    parser.add_argument("--launch", choices=planner.LAUNCHES, help="launch config (recipes/accelerate/NAME.yaml)")
    parser.add_argument(
        "--device", choices=["auto", "cpu", "gpu"], default="auto", help="auto: a GPU if torch sees one"
    )
    parser.add_argument("--gpu-memory", type=float, metavar="GIB", help="memory per GPU (default: the GPU's, else 80)")
    parser.add_argument("--model-shape", default="", metavar="PRESET", help=f"one of {', '.join(planner.PRESETS)}")
    parser.add_argument(
        "--reply-share",
        type=float,
        default=1.0,
        metavar="FRACTION",
        help="share of positions that are reply tokens, the only ones SFT, DPO, ORPO, KTO score (default 1: a budget)",
    )
    parser.add_argument("--json", action="store_true", help="print the plan as JSON")
    parser.add_argument("overrides", nargs="*", metavar="key.sub=value", help="dotted config overrides")
    return parser


def run(argv: list[str]) -> int:
    args = _parser().parse_args(argv)
    if args.gpus is not None and args.gpus < 1:
        raise ConfigError(f"--gpus {args.gpus}: give 1 or more")
    if args.gpu_memory is not None and args.gpu_memory <= 0:
        raise ConfigError(f"--gpu-memory {args.gpu_memory}: give the GiB of one GPU, more than 0")
    if not 0 < args.reply_share <= 1:
        raise ConfigError(f"--reply-share {args.reply_share}: give a fraction in (0, 1]")
    device = _device(args)
    if args.launch and (args.launch.startswith("cpu")) != (device == "cpu"):
        raise ConfigError(f"--launch {args.launch}: a {'CPU' if device == 'cpu' else 'GPU'} plan needs a launch for it")
    processes = args.gpus or (2 if args.launch in ("cpu_ddp", "cpu_fsdp") else 1)  # their files' num_processes
    if args.launch in ("cpu", "gpu") and processes > 1:
        raise ConfigError(f"--launch {args.launch} runs one process; --gpus {processes} needs ddp, fsdp or deepspeed")
    capacity = _capacity(device, args.gpu_memory)
    stages, in_pipeline = planner.stages_of(args.config, args.overrides, args.stage or "")
    plans, shapes = [], {}
    for stage, config in stages:
        shape = _shape(config, args.model_shape, shapes, in_pipeline)
        plans.append(
            _choose(stage, config, shape, device, processes, args.launch, capacity, in_pipeline, args.reply_share)
        )
    if args.json:
        print(json.dumps({"config": args.config, "stages": [plan.to_dict() for plan in plans]}, indent=2))
    else:
        print("\n\n".join(table(plan) for plan in plans))
    return 0


def _shape(config, preset: str, seen: dict, in_pipeline: bool) -> planner.ModelShape:
    """The stage's model shape; in a pipeline, a stage that starts from an earlier stage's output
    (`<run_dir>/sft`, not made yet) has the shape of the model that stage trained."""
    earlier = Path(config.model.name_or_path).parent == Path(config.run_dir) and in_pipeline
    if earlier and seen:
        return next(iter(seen.values()))
    shape = seen.setdefault(config.model.name_or_path, planner.shape_for(config.model, preset))
    return shape


def _device(args) -> str:
    if args.device != "auto":
        if args.device == "cpu" and args.gpus:
            raise ConfigError("--gpus: a CPU plan has no GPUs; leave out --device cpu or --gpus")
        return args.device
    if args.gpus or args.gpu_memory or (args.launch and not args.launch.startswith("cpu")):
        return "gpu"
    import torch

    return "gpu" if torch.cuda.is_available() else "cpu"


def _capacity(device: str, gpu_memory: float | None) -> int:
    """Bytes per device: --gpu-memory, else the visible GPU's, else an H100's; on CPU the machine's RAM."""
    if device == "cpu":
        return _total_ram()
    if gpu_memory:
        return int(gpu_memory * GIB)
    import torch

    if torch.cuda.is_available():
        return torch.cuda.get_device_properties(0).total_memory
    return planner.DEFAULT_GPU_BYTES


def _total_ram() -> int:
    try:
        for line in Path("/proc/meminfo").read_text().splitlines():
            if line.startswith("MemTotal:"):
                return int(line.split()[1]) * 1024
    except OSError:
        pass
    return os.sysconf("SC_PAGE_SIZE") * os.sysconf("SC_PHYS_PAGES")


def _choose(stage, config, shape, device, processes, launch, capacity, in_pipeline, share) -> planner.StagePlan:
    """The plan under `launch`, or the first launch that fits: data-parallel, then sharded."""
    candidates = [launch or ""] if launch or device == "cpu" or processes == 1 else ["ddp", "fsdp"]
    for candidate in candidates:
        plan = planner.plan_stage(stage, config, shape, device, processes, candidate, capacity, in_pipeline, share)
        if plan.fits:
            break
    return plan


def table(plan: planner.StagePlan) -> str:
    """One stage's components as aligned rows, then the peak and the verdict."""
    shape = plan.shape
    devices = f"{plan.processes} {'process' if plan.processes == 1 else 'processes'}"
    lines = [
        f"stage {plan.stage}: {plan.device}, {devices}, launch recipes/accelerate/{plan.launch}.yaml, "
        f"{plan.dtype}, model {shape.name} ({shape.parameters() / 1e6:,.1f}M params, {shape.layers} layers)",
        f"  {'component':<34} {'GiB':>8}  note",
        f"  {'runtime baseline':<34} {plan.baseline_bytes / GIB:>8.2f}  "
        + ("Python, torch and libraries" if plan.device == "cpu" else "CUDA context"),
    ]
    for item in plan.resident:
        lines.append(f"  {item.name:<34} {item.bytes / GIB:>8.2f}  {item.note}")
    for phase, items in plan.phases.items():
        mark = " (peak)" if phase == plan.peak_phase else ""
        for item in items:
            lines.append(f"  {f'[{phase}{mark}] {item.name}':<34} {item.bytes / GIB:>8.2f}  {item.note}")
    verdict = "fits" if plan.fits else "DOES NOT FIT"
    if plan.device == "cpu" and plan.processes > 1:
        verdict += f" ({plan.processes} processes share the machine's memory)"
    lines.append(
        f"  {'peak per device':<34} {plan.peak_bytes / GIB:>8.2f}  baseline + {plan.allocator_factor:.2f} x "
        f"(resident + {plan.peak_phase}) of {plan.capacity_bytes / GIB:.1f} GiB: "
        f"{verdict}"
    )
    lines += [f"  note: {note}" for note in plan.notes]
    return "\n".join(lines)
