"""Pure helpers every training stage shares: output-dir checks, saving, manifest, summary.

Functions, not a base class: a stage calls what it needs in the order it needs.
"""

from __future__ import annotations

import json
import os
import shutil
import time
from pathlib import Path

import torch
import torch.distributed as dist
import yaml
from transformers import TrainerCallback

from alignment.config import ModelConfig, to_dict
from alignment.core import tracking
from alignment.core.checkpoints import latest_complete_checkpoint
from alignment.core.distributed import check_mode, check_sharded, is_main_process, shard_on_cpu
from alignment.core.errors import AlignmentError, ConfigError
from alignment.core.provenance import (
    StageResult,
    check_outputs_unchanged,
    config_hash,
    read_manifest,
    sha256_path,
    write_manifest,
)
from alignment.data import hub
from alignment.models import loading as models
from alignment.models.reward_model import position_limit


def trainer_arguments(config, stage_dir: Path) -> dict:
    """The TrainingArguments every stage sets the same way from `config.train`, `config.model` and
    `config.report_to` (pointed at `<run_dir>`: `core/tracking.py`); each stage's `_trl_args` adds its
    own keys and builds its TRL config."""
    train = config.train
    tracking.prepare(config.report_to, stage_dir.name, Path(config.run_dir), stage_dir)
    bf16 = models.pick_dtype(config.model.dtype) == torch.bfloat16
    # FSDP on CPUs: the process state is set up here, and the Trainer keeps it (`shard_on_cpu`).
    configured = shard_on_cpu(stage_dir.name, "bf16" if bf16 else "no")
    return dict(
        run_name=stage_dir.name,
        output_dir=str(stage_dir / "checkpoints"),
        max_steps=train.max_steps,
        num_train_epochs=train.epochs,
        per_device_train_batch_size=train.batch_size,
        per_device_eval_batch_size=train.batch_size,
        gradient_accumulation_steps=train.grad_accum,
        learning_rate=train.lr,
        lr_scheduler_type=train.lr_scheduler,
        warmup_steps=train.warmup_ratio,  # a float in [0, 1) is a ratio of total steps
        weight_decay=train.weight_decay,
        max_grad_norm=train.max_grad_norm,
        seed=train.seed,
        logging_steps=train.logging_steps,
        logging_first_step=True,
        save_strategy="steps",
        save_steps=train.save_steps,
        save_total_limit=train.save_total_limit,
        bf16=bf16,  # TRL's own default differs per trainer
        use_cpu=not torch.cuda.is_available(),
        train_sampling_strategy="group_by_length" if train.group_by_length else "random",
        activation_checkpointing=train.gradient_checkpointing,  # TRL's RewardConfig defaults it to True
        dataloader_num_workers=train.num_workers,
        include_num_input_tokens_seen="non_padding",
        report_to=config.report_to or "none",
        ddp_find_unused_parameters=False,
        save_only_model=False,
        **({"accelerator_config": {"use_configured_state": True}} if configured else {}),
    )


def finished_result(stage: str, stage_dir: Path, config, data_files: list[str]) -> StageResult | None:
    """The recorded result when `stage_dir` finished with this config, these data bytes and this
    base model, else None. Changed data or a changed base model under the same config is refused
    (AlignmentError), never silently reused or overwritten."""
    finished = read_manifest(stage_dir)
    if not finished or finished.get("config_sha256") != config_hash(config):
        return None
    check_data_unchanged(finished, data_files, stage_dir)
    check_model_unchanged(finished, config.model, stage_dir)
    check_outputs_unchanged(stage_dir, finished)
    print(f"[{stage}] already complete with this config and data: {stage_dir} (skipping)")
    return StageResult(stage, stage_dir, finished.get("metrics", {}), skipped=True)


def check_stage_dir(stage_dir: Path, config) -> None:
    """Refuse to mix runs: an existing stage dir must hold the same config (then we resume)."""
    saved = stage_dir / "config.yaml"
    if not saved.is_file():
        return
    before = yaml.safe_load(saved.read_text()) or {}
    changed = sorted(changed_keys(before, to_dict(config)))
    if changed:
        raise AlignmentError(
            f"{stage_dir} already holds a run with a different config (changed: {', '.join(changed)}). "
            "Use another run_dir, or delete that directory to start over."
        )


def check_data_unchanged(manifest: dict, data_files: list[str], stage_dir: Path) -> None:
    """A finished stage is only reused if its data files still hold the same bytes."""
    recorded = {item["path"]: item["sha256"] for item in manifest["inputs"]["data"]}
    changed = [
        str(path) for path in data_files if not hub.exists(path) or recorded.get(str(path)) != hub.fingerprint(path)
    ]
    if changed:
        raise AlignmentError(
            f"{stage_dir} was trained on other contents of {', '.join(changed)} (the file changed since). "
            "Use another run_dir, or delete that directory to train again."
        )


def check_model_unchanged(manifest: dict, model_config: ModelConfig, stage_dir: Path) -> None:
    """A finished stage is only reused if its base model (e.g. an SFT stage retrained since) still
    holds the same bytes. A hub id has no recorded hash and is taken as unchanged."""
    recorded = manifest["inputs"]["model"].get("sha256")
    location = models.resolve_model_dir(model_config)
    if recorded and Path(location).exists() and sha256_path(location) != recorded:
        raise AlignmentError(
            f"{stage_dir} was trained on other weights of {model_config.name_or_path} (the model changed since, "
            "e.g. a retrained SFT stage). Use another run_dir, or delete that directory to train again."
        )


def changed_keys(before: dict, after: dict, prefix: str = "") -> list[str]:
    """Dotted keys whose values differ between two nested config dicts (e.g. `train.lr`)."""
    keys = []
    for key in sorted(set(before) | set(after)):
        old, new = before.get(key), after.get(key)
        if isinstance(old, dict) and isinstance(new, dict):
            keys += changed_keys(old, new, f"{prefix}{key}.")
        elif old != new:
            keys.append(f"{prefix}{key}")
    return keys


def preference_files(data_config) -> list[str]:
    """Every file (and hub dataset) of every preference source, in config order (what the manifest hashes)."""
    return [path for source in data_config.sources for path in source.paths()]


def report_preference_data(stage: str, data) -> None:
    """Print the per-source summary of a `PreferenceData` (rank 0), e.g. `[dpo] helpful: 1200 pairs read -> ...`."""
    if not is_main_process():
        return
    world = int(os.environ.get("WORLD_SIZE", "1"))
    print(
        f"[{stage}] "
        + data.summary().replace("\n", f"\n[{stage}] ")
        + (f"\n[{stage}] {world} processes" if world > 1 else "")
    )


def preference_data_metrics(data) -> dict:
    """Per source: pairs read, trained on, held out, cut to fit and dropped (for metrics and the manifest)."""
    return {
        report.name: {
            "read": report.read,
            "train": report.train,
            "test": report.test,
            "cut_to_fit": report.cut,
            "dropped": sum(report.dropped.values()),
            "dropped_by_reason": dict(sorted(report.dropped.items())),
        }
        for report in data.sources
    }


def split_note(report, unit: str) -> str:
    """`; judge split: 583 pairs excluded (part rest)` for a stage's summary line; empty without a split."""
    if report is None:
        return ""
    return f"; judge split: {report.excluded} {unit} excluded (read part {report.split.part})"


def input_hashes(model_config: ModelConfig, data_files: list[str], judge_split=None) -> dict:
    """The manifest's `inputs`: the model and data files by path and sha256, and, for a stage that read
    one side of a judge split, which side and what was left out (read by eval/independence.py)."""
    location = models.resolve_model_dir(model_config)
    model = {"name": model_config.name_or_path, "path": location}
    if Path(location).exists():
        model["sha256"] = sha256_path(location)
    data = [{"path": str(path), "sha256": hub.fingerprint(path)} for path in data_files]
    inputs = {"model": model, "data": data}
    if judge_split is not None:
        inputs["judge_split"] = judge_split.summary()
    return inputs


def finish_stage(
    stage: str,
    stage_dir: Path,
    config,
    trainer,
    tokenizer,
    inputs: dict,
    metrics: dict,
    merge: bool,
    started: float,
    card_usage: str | None = None,
    card_extra: str = "",
) -> StageResult:
    """Save weights (all ranks take part), then model card and manifest (rank 0), then sync.

    `card_usage` replaces the model card's `alignment generate` example; `card_extra` is Markdown
    added before the file list (e.g. an evaluation table)."""
    outputs = save_weights(stage_dir, trainer, tokenizer, config, merge)
    if is_main_process():
        metrics = {**metrics, "stage_seconds": round(time.time() - started, 1)}
        with open(stage_dir / "metrics.jsonl", "a", encoding="utf-8") as handle:
            handle.write(json.dumps({"summary": metrics}) + "\n")
        write_model_card(stage_dir, stage, config, inputs, metrics, outputs, card_usage, card_extra)
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
    if sharded_checkpoints(trainer):
        # The Trainer's save_model writes nothing when checkpoints are sharded: gather the
        # shards into one state dict (a collective, every rank) and write it from rank 0.
        state_dict = trainer.accelerator.get_state_dict(trainer.model)
        if is_main_process():
            trainer.accelerator.unwrap_model(trainer.model).save_pretrained(staging, state_dict=state_dict)
    else:
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


def sharded_checkpoints(trainer) -> bool:
    """FSDP with sharded checkpoints (`fsdp_state_dict_type: SHARDED_STATE_DICT`)."""
    plugin = getattr(trainer.accelerator.state, "fsdp_plugin", None) if trainer.is_fsdp_enabled else None
    return plugin is not None and "FULL_STATE_DICT" not in str(plugin.state_dict_type)


def write_model_card(
    stage_dir: Path,
    stage: str,
    config,
    inputs: dict,
    metrics: dict,
    outputs: list[str],
    usage: str | None = None,
    extra: str = "",
) -> None:
    if usage is None:  # a chat model: our command, then the transformers (and peft) lines
        usage = f'alignment generate --model {stage_dir} --prompt "Hello!"'
        usage += "\n```\n\nWith transformers and peft:\n```python\n" + python_usage(stage_dir, config, outputs)
    data_lines = "\n".join(f"- `{item['path']}` (sha256 `{item['sha256'][:12]}`)" for item in inputs["data"])
    metric_lines = "\n".join(f"| {key} | {value} |" for key, value in metrics.items())
    adapter = config.adapter
    recorded = models.adapter_base(config.model.name_or_path)
    base_note = f" (the adapter records it as `{recorded}`)" if recorded != inputs["model"]["name"] else ""
    card = f"""# {stage} output of alignment-suite

Base model: `{inputs["model"]["name"]}`{base_note}; method: {adapter.method} (r={adapter.r}, alpha={adapter.alpha}).

## Data
{data_lines}

## Metrics
| metric | value |
|---|---|
{metric_lines}
{extra}
## Files
{", ".join(f"`{name}`" for name in outputs)}, `config.yaml` (the resolved config), `metrics.jsonl`, `manifest.json`.

## Use
```
{usage}
```
"""
    (stage_dir / "README.md").write_text(card, encoding="utf-8")


LOAD = "from_pretrained"
"""Spelled once: the cards show loading code; only models/loading.py loads weights (tests/test_layout.py)."""


def python_usage(stage_dir: Path, config, outputs: list[str]) -> str:
    """The lines of transformers (and peft) code that load this stage's output, for its model card."""
    merged, adapter = Path(stage_dir) / "merged", Path(stage_dir) / "adapter"
    head = "from transformers import AutoModelForCausalLM, AutoTokenizer\n"
    if "merged/" in outputs:
        return head + (f'model = AutoModelForCausalLM.{LOAD}("{merged}")\ntokenizer = AutoTokenizer.{LOAD}("{merged}")')
    base = models.adapter_base(config.model.name_or_path)
    tokenizer = f'tokenizer = AutoTokenizer.{LOAD}("{adapter}")'
    if config.model.name_or_path in models.EMBEDDED_MODELS:  # recorded: the hub id; trained: its conversion here
        return head + (
            "from peft import AutoPeftModelForCausalLM, PeftModel\n"
            f'model = AutoPeftModelForCausalLM.{LOAD}("{adapter}")  # on {base} from the hub\n'
            "# the hub's weights are unquantised, so outputs differ somewhat from these, the weights it was\n"
            "# trained on (this package's Q4_1 GGUF conversion):\n"
            f'base = AutoModelForCausalLM.{LOAD}("{models.resolve_model_dir(config.model)}")\n'
            f'model = PeftModel.{LOAD}(base, "{adapter}")\n' + tokenizer
        )
    return head + (
        "from peft import AutoPeftModelForCausalLM\n"
        f'model = AutoPeftModelForCausalLM.{LOAD}("{adapter}")  # its base: {base}\n' + tokenizer
    )


def train_metrics(trainer, output, started: float) -> dict:
    """Steps, losses, tokens and speed of a finished `trainer.train()`."""
    seconds = output.metrics.get("train_runtime", time.time() - started)
    tokens = trainer.state.num_input_tokens_seen or 0
    losses = [log["loss"] for log in trainer.state.log_history if "loss" in log]
    return {
        "steps": trainer.state.global_step,
        "train_loss_mean": round(output.training_loss, 4),
        "final_loss": round(losses[-1], 4) if losses else None,
        "train_tokens": int(tokens),
        "train_seconds": round(seconds, 1),
        "train_tokens_per_second": round(tokens / seconds, 1) if seconds else 0.0,
    }


SMALL_N = 20
"""Below this many held-out pairs an accuracy is flagged as rough (the eval report's † uses the same 20)."""


def accuracy_text(accuracy: float | None, n: int) -> str:
    """`0.875 (n=32)`; under SMALL_N pairs `1.000 (n=1, too few pairs to read)`; `n/a (n=0)` without pairs."""
    if accuracy is None or not n:
        return f"n/a (n={n})"
    return f"{accuracy:.3f} (n={n}{', too few pairs to read' if n < SMALL_N else ''})"


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


def check_position_limit(config, model, tokenizer) -> None:
    """`data.max_length` may not exceed the positions the model reads (its `max_position_embeddings`,
    BERT's 512): past them an encoder fails inside training with an index error and a decoder trains
    on positions it never learnt. Checked once the model is loaded, before anything is written."""
    limit = position_limit(model.config, tokenizer)
    if limit is not None and config.data.max_length > limit:
        raise ConfigError(
            f"data.max_length={config.data.max_length} is more than {config.model.name_or_path} reads "
            f"({limit} positions); set data.max_length={limit} or less"
        )


def train_resuming(trainer, stage_dir: Path, stage: str):
    """`trainer.train()`, from the newest complete checkpoint under `<stage_dir>/checkpoints` when
    there is one (rank 0 removes incomplete ones first); the Trainer's output."""
    resume = latest_complete_checkpoint(stage_dir / "checkpoints", clean=is_main_process())
    if resume and is_main_process():
        print(f"[{stage}] resuming from {resume}")
    return trainer.train(resume_from_checkpoint=str(resume) if resume else None)


def check_trainer_mode(trainer, stage: str) -> None:
    """`distributed.check_mode` for a Trainer: the mode its accelerator actually runs; under FSDP,
    once training starts, that the model it trains is sharded (`ShardCheck`)."""
    state = trainer.accelerator.state
    check_mode(stage, state.distributed_type.value, state.num_processes, state.backend)
    if trainer.is_fsdp_enabled:
        trainer.add_callback(ShardCheck(stage))


class ShardCheck(TrainerCallback):
    """`distributed.check_sharded` on the model the Trainer prepared, before its first step."""

    def __init__(self, stage: str):
        self.stage = stage

    def on_train_begin(self, args, state, control, model=None, **kwargs):
        check_sharded(self.stage, model)
