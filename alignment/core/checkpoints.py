"""Resumable checkpoints that are complete or absent, never half-written.

The Trainer writes `checkpoint-N/` file by file; a kill -9 in the middle leaves a directory
that looks like a checkpoint but is not. `CompletionMarker` writes `checkpoint-N/COMPLETE`
after the Trainer has finished saving (all ranks), and `latest_complete_checkpoint` only ever
returns a directory with that marker, deleting incomplete ones so the Trainer's own
"latest checkpoint" logic and rotation never see them.

The marker also holds the sha256 of every file of the checkpoint; before a run resumes from it,
`latest_complete_checkpoint` checks them and refuses (AlignmentError naming the file) a checkpoint
changed since: a file edited, replaced, truncated or gone, e.g. by a disk fault or a copy cut short.
"""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path

import torch.distributed as dist
from transformers import TrainerCallback

from alignment.core.errors import AlignmentError
from alignment.core.provenance import first_changed_file, sha256_file

MARKER = "COMPLETE"
_CHECKPOINT = re.compile(r"^checkpoint-(\d+)$")


class CompletionMarker(TrainerCallback):
    def on_save(self, args, state, control, **kwargs):
        if dist.is_available() and dist.is_initialized():
            dist.barrier()  # every rank has written its part (e.g. its RNG state)
        if state.is_world_process_zero:
            folder = Path(args.output_dir) / f"checkpoint-{state.global_step}"
            if folder.is_dir():
                write_marker(folder, state.global_step)


def write_marker(folder: Path, step: int) -> None:
    """`COMPLETE`, written last: the step and every file's sha256."""
    files = {
        str(path.relative_to(folder)): sha256_file(path)
        for path in sorted(folder.rglob("*"))
        if path.is_file() and path.name != MARKER
    }
    (folder / MARKER).write_text(json.dumps({"step": step, "files": files}, indent=1) + "\n")


def verify_checkpoint(folder: Path) -> None:
    """AlignmentError naming the first file that is not as the marker recorded it (a marker without
    hashes, from an older version, is taken as it is)."""
    found = first_changed_file(folder, json.loads((folder / MARKER).read_text()).get("files", {}))
    if found:
        path, missing = found
        problem = "is missing" if missing else "changed since the checkpoint was written (its sha256 differs)"
        raise AlignmentError(
            f"{path}: {problem}; refusing to resume from {folder}. Delete that folder to resume from an "
            "earlier checkpoint, or use a new run_dir"
        )


def latest_complete_checkpoint(checkpoints_dir: Path, clean: bool = True) -> Path | None:
    """Newest checkpoint-N with a COMPLETE marker; incomplete ones are removed when `clean` (what a run
    about to resume passes), which also checks the newest one's files against its marker."""
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
    latest = max(found)[1] if found else None
    if latest is not None and clean:
        verify_checkpoint(latest)
    return latest
