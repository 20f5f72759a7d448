"""What several stage tests share: tiny-run overrides for the preference stages, a callback that keeps
the trained model, one that poisons it with a NaN, and two checks: only the LoRA tensors moved, and a
run killed with SIGKILL then rerun ends where an uninterrupted run does."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import torch
from safetensors.torch import load_file
from transformers import TrainerCallback

REPO = Path(__file__).resolve().parents[2]
CHILD = REPO / "tests" / "helpers" / "stage_child.py"


class PoisonAt(TrainerCallback):
    """Makes every later loss NaN by writing NaN into one LoRA weight as step `step` + 1 begins
    (after step `step`'s checkpoint is saved)."""

    def __init__(self, step: int):
        self.step = step

    def on_step_begin(self, args, state, control, model=None, **kwargs):
        if state.global_step == self.step:
            with torch.no_grad():
                next(p for name, p in model.named_parameters() if "lora_A" in name).fill_(float("nan"))


class Capture(TrainerCallback):
    """Keeps the model the trainer ends with (`capture.model`)."""

    def on_train_end(self, args, state, control, model=None, **kwargs):
        self.model = model


def preference_overrides(model_dir, pairs_file, run_dir, *extra) -> list[str]:
    """8 steps of 4 rows on the tiny pairs, a quarter held out, LoRA r 4, a high learning rate."""
    return [
        f"run_dir={run_dir}",
        f"model.name_or_path={model_dir}",
        f"data.sources=[{{files: [{pairs_file}], name: sums}}]",
        "data.test_fraction=0.25",
        "train.batch_size=4",
        "train.max_steps=8",
        "train.save_steps=4",
        "train.logging_steps=1",
        "train.lr=1e-2",
        "adapter.r=4",
        "adapter.alpha=8",
        *extra,
    ]


def assert_only_lora_changed(model, base_dir: Path) -> None:
    """Every base tensor equals the saved base model's; some lora_B (which starts at zero) moved."""
    base = load_file(Path(base_dir) / "model.safetensors")
    trained = []
    for name, tensor in model.named_parameters():
        if "lora_" in name:
            trained.append("lora_B" in name and not torch.equal(tensor, torch.zeros_like(tensor)))
            continue
        base_name = name.replace("base_model.model.", "").replace(".base_layer", "")
        assert torch.equal(tensor.detach().cpu(), base[base_name].to(tensor.dtype)), f"{base_name} changed"
    assert any(trained)


def child(stage: str, args: list[str]) -> subprocess.CompletedProcess:
    env = {**os.environ, "HF_HUB_OFFLINE": "1", "TOKENIZERS_PARALLELISM": "false"}
    return subprocess.run(
        [sys.executable, str(CHILD), stage, *args], cwd=REPO, env=env, capture_output=True, text=True, timeout=600
    )


def assert_resume_matches(stage: str, straight_dir: Path, args: list[str], resumed_dir: Path) -> None:
    """`args` (run_dir=resumed_dir, 6 steps, a checkpoint every 2) killed at step 5, then rerun: the
    rerun resumes from checkpoint-4 and ends with the adapter of the uninterrupted run in straight_dir."""
    killed = child(stage, ["--kill-at-step", "5", *args])
    assert killed.returncode == -9
    assert (resumed_dir / stage / "checkpoints" / "checkpoint-4" / "COMPLETE").is_file()
    assert not (resumed_dir / stage / "manifest.json").exists()
    again = child(stage, args)
    assert again.returncode == 0, again.stderr[-3000:]
    assert "resuming from" in again.stdout and "checkpoint-4" in again.stdout
    expected = load_file(straight_dir / stage / "adapter" / "adapter_model.safetensors")
    actual = load_file(resumed_dir / stage / "adapter" / "adapter_model.safetensors")
    assert expected.keys() == actual.keys()
    for name in expected:
        assert torch.allclose(actual[name], expected[name], atol=1e-6), name
