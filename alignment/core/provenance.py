"""Provenance of a stage's outputs: content hashes, the manifest, git sha and package versions.

Every stage writes to `<run_dir>/<stage>/`:
- `config.yaml`     the resolved config,
- `metrics.jsonl`   one JSON object per logged step (core/training_log.py),
- `manifest.json`   inputs by path + content hash, config hash, git sha, package versions,
                    outputs and final metrics; written last, so its presence means "complete",
- `README.md`       a model card.
"""

from __future__ import annotations

import dataclasses
import hashlib
import json
import platform
import subprocess
import time
from dataclasses import dataclass, field
from importlib import metadata
from pathlib import Path

from alignment.core.errors import AlignmentError
from alignment.core.io import write_json_atomically

PACKAGES = ("torch", "transformers", "trl", "peft", "accelerate", "datasets", "bitsandbytes", "alignment-suite")


@dataclass
class StageResult:
    """What a stage hands to the next one and to the summary table."""

    stage: str
    output_dir: Path
    metrics: dict = field(default_factory=dict)
    seconds: float = 0.0
    skipped: bool = False


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
    return hashlib.sha256(json.dumps(dataclasses.asdict(config), sort_keys=True).encode()).hexdigest()


def git_sha() -> str | None:
    try:
        root = Path(__file__).resolve().parents[2]
        out = subprocess.run(["git", "rev-parse", "HEAD"], cwd=root, capture_output=True, text=True, timeout=5)
        dirty = subprocess.run(
            ["git", "status", "--porcelain", "--untracked-files=no"],
            cwd=root,
            capture_output=True,
            text=True,
            timeout=5,
        )
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


def write_manifest(stage_dir: Path, stage: str, config, inputs: dict, outputs: list[str], metrics: dict) -> dict:
    manifest = {
        "stage": stage,
        "finished_at": time.strftime("%Y-%m-%dT%H:%M:%S%z"),
        "config_sha256": config_hash(config),
        "inputs": inputs,
        "outputs": outputs,
        "output_files": output_hashes(stage_dir, outputs),
        "metrics": metrics,
        "git_sha": git_sha(),
        "packages": package_versions(),
    }
    write_json_atomically(stage_dir / "manifest.json", manifest)
    return manifest


def output_hashes(stage_dir: Path, outputs: list[str] | dict[str, str]) -> dict[str, str]:
    """sha256 of every file of the outputs (`adapter/`, `merged/`, `eval.json`, ...), by path in the stage dir."""
    stage_dir = Path(stage_dir)
    files = []
    for name in outputs.values() if isinstance(outputs, dict) else outputs:  # the eval's {kind: file}
        path = stage_dir / name
        files += (
            sorted(p for p in path.rglob("*") if p.is_file()) if path.is_dir() else [path] if path.is_file() else []
        )
    return {str(path.relative_to(stage_dir)): sha256_file(path) for path in files}


def check_outputs_unchanged(stage_dir: Path, manifest: dict) -> None:
    """A finished stage is reused (skipped) only while its outputs hold the bytes it wrote:
    AlignmentError naming the first file gone or changed (a manifest from an older version, without
    hashes, is taken as it is)."""
    found = first_changed_file(Path(stage_dir), manifest.get("output_files", {}))
    if found:
        path, missing = found
        problem = "is missing" if missing else "changed since the stage finished (its sha256 differs)"
        raise AlignmentError(
            f"{path} {problem}; refusing to reuse {stage_dir} as finished. Delete that folder to run the stage "
            "again, or use another run_dir"
        )


def first_changed_file(root: Path, recorded: dict[str, str]) -> tuple[Path, bool] | None:
    """(path, missing) of the first file under `root` that is gone or whose sha256 is not the one
    `recorded` ({relative name: sha256}) holds; None when all are as recorded."""
    for name, digest in recorded.items():
        path = root / name
        if not path.is_file():
            return path, True
        if sha256_file(path) != digest:
            return path, False
    return None


def read_manifest(stage_dir: Path) -> dict | None:
    path = Path(stage_dir) / "manifest.json"
    return json.loads(path.read_text()) if path.is_file() else None
