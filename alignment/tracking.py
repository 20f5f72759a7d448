"""Run directories, provenance and metrics.

Every stage writes to `<run_dir>/<stage>/`:
- `config.yaml`     the resolved config,
- `metrics.jsonl`   one JSON object per logged step (and a final `summary` line),
- `manifest.json`   inputs by path + content hash, config hash, git sha, package versions,
                    outputs and final metrics; written last, so its presence means "complete",
- `README.md`       a model card.
"""

from __future__ import annotations

import hashlib
import json
import os
import platform
import subprocess
import time
from dataclasses import dataclass, field
from importlib import metadata
from pathlib import Path

from transformers import TrainerCallback

from alignment.config import to_dict

PACKAGES = ("torch", "transformers", "trl", "peft", "accelerate", "datasets", "bitsandbytes", "alignment-suite")


@dataclass
class StageResult:
    """What a stage hands to the next one and to the summary table."""

    stage: str
    output_dir: Path
    metrics: dict = field(default_factory=dict)
    seconds: float = 0.0
    skipped: bool = False


def is_main_process() -> bool:
    """Rank 0 under torchrun / accelerate launch, or a plain single process."""
    return int(os.environ.get("RANK", "0")) == 0


def sha256_file(path: Path, chunk: int = 1 << 20) -> str:
    digest = hashlib.sha256()
    with open(path, "rb") as handle:
        while block := handle.read(chunk):
            digest.update(block)
    return digest.hexdigest()


def sha256_path(path: str | Path) -> str:
    """Content hash of a file, or of every file in a directory (names and bytes, sorted)."""
    path = Path(path)
    if path.is_file():
        return sha256_file(path)
    digest = hashlib.sha256()
    for item in sorted(p for p in path.rglob("*") if p.is_file()):
        digest.update(str(item.relative_to(path)).encode())
        digest.update(sha256_file(item).encode())
    return digest.hexdigest()


def config_hash(config) -> str:
    return hashlib.sha256(json.dumps(to_dict(config), sort_keys=True).encode()).hexdigest()


def git_sha() -> str | None:
    try:
        root = Path(__file__).resolve().parent.parent
        out = subprocess.run(["git", "rev-parse", "HEAD"], cwd=root, capture_output=True, text=True, timeout=5)
        dirty = subprocess.run(["git", "status", "--porcelain", "--untracked-files=no"], cwd=root,
                               capture_output=True, text=True, timeout=5)
    except (OSError, subprocess.SubprocessError):
        return None
    if out.returncode != 0:
        return None
    return out.stdout.strip() + ("-dirty" if dirty.stdout.strip() else "")


def package_versions() -> dict:
    import torch

    versions = {"python": platform.python_version(), "torch_build": torch.__version__}
    for name in PACKAGES:
        try:
            versions[name] = metadata.version(name)
        except metadata.PackageNotFoundError:
            versions[name] = None
    return versions


def write_text_atomically(path: Path, text: str) -> None:
    """Write to a staging file beside `path`, then rename: a crash never leaves half a file."""
    staging = path.with_name(f".{path.name}.tmp")
    staging.write_text(text, encoding="utf-8")
    os.replace(staging, path)


def write_json_atomically(path: Path, data) -> None:
    write_text_atomically(path, json.dumps(data, indent=2, default=str) + "\n")


def write_manifest(stage_dir: Path, stage: str, config, inputs: dict, outputs: list[str], metrics: dict) -> dict:
    manifest = {
        "stage": stage,
        "finished_at": time.strftime("%Y-%m-%dT%H:%M:%S%z"),
        "config_sha256": config_hash(config),
        "inputs": inputs,
        "outputs": outputs,
        "metrics": metrics,
        "git_sha": git_sha(),
        "packages": package_versions(),
    }
    write_json_atomically(stage_dir / "manifest.json", manifest)
    return manifest


def read_manifest(stage_dir: Path) -> dict | None:
    path = Path(stage_dir) / "manifest.json"
    return json.loads(path.read_text()) if path.is_file() else None


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
