"""Resumable checkpoints that are complete or absent, never half-written.

The Trainer writes `checkpoint-N/` file by file; a kill -9 in the middle leaves a directory
that looks like a checkpoint but is not. `CompletionMarker` writes `checkpoint-N/COMPLETE`
after the Trainer has finished saving (all ranks), and `latest_complete_checkpoint` only ever
returns a directory with that marker, deleting incomplete ones so the Trainer's own
"latest checkpoint" logic and rotation never see them.
"""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path

import torch.distributed as dist
from transformers import TrainerCallback

MARKER = "COMPLETE"
_CHECKPOINT = re.compile(r"^checkpoint-(\d+)$")


class CompletionMarker(TrainerCallback):
    def on_save(self, args, state, control, **kwargs):
        if dist.is_available() and dist.is_initialized():
            dist.barrier()  # every rank has written its part (e.g. its RNG state)
        if state.is_world_process_zero:
            folder = Path(args.output_dir) / f"checkpoint-{state.global_step}"
            if folder.is_dir():
                (folder / MARKER).write_text(json.dumps({"step": state.global_step}) + "\n")


def latest_complete_checkpoint(checkpoints_dir: Path, clean: bool = True) -> Path | None:
    """Newest checkpoint-N with a COMPLETE marker; incomplete ones are removed when `clean`."""
    checkpoints_dir = Path(checkpoints_dir)
    if not checkpoints_dir.is_dir():
        return None
    found = []
    for folder in checkpoints_dir.iterdir():
        match = _CHECKPOINT.match(folder.name)
        if not match or not folder.is_dir():
            continue
        if (folder / MARKER).is_file():
            found.append((int(match.group(1)), folder))
        elif clean:
            shutil.rmtree(folder, ignore_errors=True)
    return max(found)[1] if found else None
