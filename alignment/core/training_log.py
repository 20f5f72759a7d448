"""The training log: `metrics.jsonl` (one JSON object per logged Trainer step) and its trimming on
resume, so a resumed run's log reads like one uninterrupted run."""

from __future__ import annotations

import json
from pathlib import Path

from transformers import TrainerCallback

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
