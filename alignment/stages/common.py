"""Pure helpers every training stage shares: output-dir checks, saving, manifest, summary.

Functions, not a base class: a stage calls what it needs in the order it needs.
"""

from __future__ import annotations

import json
import os
import shutil
import time
from pathlib import Path

import torch.distributed as dist
import yaml

from alignment import models
from alignment.config import ModelConfig, to_dict
from alignment.errors import AlignmentError
from alignment.tracking import StageResult, is_main_process, sha256_path, write_manifest


def check_stage_dir(stage_dir: Path, config) -> None:
    """Refuse to mix runs: an existing stage dir must hold the same config (then we resume)."""
    saved = stage_dir / "config.yaml"
    if not saved.is_file():
        return
    before = yaml.safe_load(saved.read_text()) or {}
    changed = sorted(_diff_keys(before, to_dict(config)))
    if changed:
        raise AlignmentError(
            f"{stage_dir} already holds a run with a different config (changed: {', '.join(changed)}). "
            "Use another run_dir, or delete that directory to start over."
        )


def check_data_unchanged(manifest: dict, data_files: list[str], stage_dir: Path) -> None:
    """A finished stage is only reused if its data files still hold the same bytes."""
    recorded = {item["path"]: item["sha256"] for item in manifest["inputs"]["data"]}
    changed = [str(path) for path in data_files
               if not Path(path).exists() or recorded.get(str(path)) != sha256_path(path)]
    if changed:
        raise AlignmentError(
            f"{stage_dir} was trained on other contents of {', '.join(changed)} (the file changed since). "
            "Use another run_dir, or delete that directory to train again."
        )


def _diff_keys(before: dict, after: dict, prefix: str = "") -> list[str]:
    keys = []
    for key in sorted(set(before) | set(after)):
        old, new = before.get(key), after.get(key)
        if isinstance(old, dict) and isinstance(new, dict):
            keys += _diff_keys(old, new, f"{prefix}{key}.")
        elif old != new:
            keys.append(f"{prefix}{key}")
    return keys


def input_hashes(model_config: ModelConfig, data_files: list[str]) -> dict:
    location = models.resolve_model_dir(model_config)
    model = {"name": model_config.name_or_path, "path": location}
    if Path(location).exists():
        model["sha256"] = sha256_path(location)
    data = [{"path": str(path), "sha256": sha256_path(path)} for path in data_files]
    return {"model": model, "data": data}


def finish_stage(stage: str, stage_dir: Path, config, trainer, tokenizer, inputs: dict, metrics: dict,
                 merge: bool, started: float) -> StageResult:
    """Save weights (all ranks take part), then model card and manifest (rank 0), then sync."""
    outputs = save_weights(stage_dir, trainer, tokenizer, config, merge)
    if is_main_process():
        metrics = {**metrics, "stage_seconds": round(time.time() - started, 1)}
        with open(stage_dir / "metrics.jsonl", "a", encoding="utf-8") as handle:
            handle.write(json.dumps({"summary": metrics}) + "\n")
        write_model_card(stage_dir, stage, config, inputs, metrics, outputs)
        write_manifest(stage_dir, stage, config, inputs, outputs, metrics)
    if dist.is_available() and dist.is_initialized():
        dist.barrier()
    return StageResult(stage, stage_dir, metrics, seconds=time.time() - started)


def save_weights(stage_dir: Path, trainer, tokenizer, config, merge: bool) -> list[str]:
    """Final weights into `adapter/` (or `merged/` for full fine-tuning), plus `merged/` if asked.

    Every rank calls `trainer.save_model`: under FSDP or DeepSpeed ZeRO-3 it gathers the sharded
    weights (a collective), and it writes on the main process only. Rank 0 then renames the
    staging directory into place, so a crash never leaves half a model where the next stage looks.
    """
    target = stage_dir / ("merged" if config.adapter.method == "full" else "adapter")
    staging = stage_dir / f".{target.name}-staging"
    if is_main_process():
        shutil.rmtree(staging, ignore_errors=True)
    trainer.save_model(str(staging))
    if not is_main_process():
        return []
    tokenizer.save_pretrained(staging)
    (staging / "training_args.bin").unlink(missing_ok=True)  # a pickle; the checkpoints keep it for resume
    shutil.rmtree(target, ignore_errors=True)
    os.rename(staging, target)
    if config.adapter.method == "full":
        return ["merged/"]
    models.make_adapter_portable(target, config.model.name_or_path)
    if not merge:
        return ["adapter/"]
    # Merge from the saved adapter onto a freshly loaded full-precision base: this also works
    # for QLoRA, where the training base is 4-bit and merging in place would lose precision.
    models.merge_adapter(target, stage_dir / "merged", config.model)
    return ["adapter/", "merged/"]


def write_model_card(stage_dir: Path, stage: str, config, inputs: dict, metrics: dict, outputs: list[str]) -> None:
    data_lines = "\n".join(f"- `{item['path']}` (sha256 `{item['sha256'][:12]}`)" for item in inputs["data"])
    metric_lines = "\n".join(f"| {key} | {value} |" for key, value in metrics.items())
    card = f"""# {stage} output of alignment-suite

Base model: `{inputs['model']['name']}`; method: {config.adapter.method} (r={config.adapter.r}, alpha={config.adapter.alpha}).

## Data
{data_lines}

## Metrics
| metric | value |
|---|---|
{metric_lines}

## Files
{", ".join(f"`{name}`" for name in outputs)}, `config.yaml` (the resolved config), `metrics.jsonl`, `manifest.json`.

## Use
```
alignment generate --model {stage_dir} --prompt "Hello!"
```
"""
    (stage_dir / "README.md").write_text(card, encoding="utf-8")


def print_summary(result: StageResult, extra: str = "") -> None:
    if not is_main_process():
        return
    metrics = result.metrics
    minutes, seconds = divmod(int(metrics.get("stage_seconds", result.seconds)), 60)
    parts = [f"{metrics.get('steps')} steps in {minutes}m{seconds:02d}s", f"final loss {metrics.get('final_loss')}"]
    if "eval_loss" in metrics:
        parts.append(f"eval loss {metrics['eval_loss']}")
    if extra:
        parts.append(extra)
    print(f"[{result.stage}] done: {', '.join(parts)} -> {result.output_dir}", flush=True)
