"""The training log: `metrics.jsonl` (one JSON object per logged Trainer step) and its trimming on
resume, so a resumed run's log reads like one uninterrupted run."""

from __future__ import annotations

import json
from pathlib import Path

from transformers import TrainerCallback
from transformers.trainer_callback import ProgressCallback

from alignment.core.io import write_text_atomically


def trim_log(path: Path, step: int) -> None:
    """Drop the JSONL lines of `path` logged after `step` (and any line torn by a crash): a resumed
    run repeats those steps, so the file then reads like one uninterrupted run."""
    if not path.is_file():
        return
    kept = []
    for line in path.read_text(encoding="utf-8").splitlines():
        try:
            record = json.loads(line)
        except json.JSONDecodeError:  # a line torn by the crash we are resuming from
            continue
        if record.get("step", 0) <= step:
            kept.append(line)
    write_text_atomically(path, "".join(line + "\n" for line in kept))


class MetricsLogger(TrainerCallback):
    """Appends every Trainer log (loss, lr, grad norm, eval loss) to metrics.jsonl on rank 0.

    On resume, lines logged after the resumed step are dropped first, so the file reads like
    one uninterrupted run.
    """

    def __init__(self, path: Path):
        self.path = Path(path)

    def on_train_begin(self, args, state, control, **kwargs):
        if state.is_world_process_zero:
            trim_log(self.path, state.global_step)

    def on_log(self, args, state, control, logs=None, **kwargs):
        if not state.is_world_process_zero or not logs:
            return
        record = {"step": state.global_step, "epoch": round(state.epoch or 0.0, 4), **logs}
        with open(self.path, "a", encoding="utf-8") as handle:
            handle.write(json.dumps(record) + "\n")


class StepLines(ProgressCallback):
    """The Trainer's progress bar, with each logged step written as one readable line under it,
    `[sft] step 4/12: loss 2.431, grad_norm 0.193, lr 1.2e-04, entropy 2.162`, instead of the
    Trainer's dict of quoted numbers. The end-of-training dict (runtime, samples per second) is not
    written: each stage prints its own summary line. Everything logged still goes to metrics.jsonl."""

    def __init__(self, stage: str):
        super().__init__()
        self.stage = stage

    def on_log(self, args, state, control, logs=None, **kwargs):
        if not state.is_world_process_zero or self.training_bar is None or not logs or "train_loss" in logs:
            return
        text = ", ".join(f"{_short(key)} {_number(value)}" for key, value in logs.items() if _shown(key))
        self.training_bar.write(f"[{self.stage}] step {state.global_step}/{state.max_steps}: {text}")


def _shown(key: str) -> bool:
    """Losses, rewards, norms and rates; not the bookkeeping (epoch, token counts, runtimes, speeds)."""
    bookkeeping = ("epoch", "num_tokens", "num_input_tokens_seen", "total_flos")
    return key not in bookkeeping and not key.endswith(("_runtime", "_per_second"))


def _short(key: str) -> str:
    return "lr" if key == "learning_rate" else key


def _number(value) -> str:
    if isinstance(value, float):
        return f"{value:.2e}" if value and abs(value) < 1e-3 else f"{value:.4g}"
    return str(value)


def use_step_lines(trainer, stage: str) -> None:
    """Swap the Trainer's default progress callback for `StepLines` (same bar, readable log lines)."""
    trainer.remove_callback(ProgressCallback)
    if not trainer.args.disable_tqdm:
        trainer.add_callback(StepLines(stage))
