"""The NaN/inf guard covers every Trainer-based stage, with probing off too: a non-finite loss (a
LoRA weight turned NaN after step 2's checkpoint) stops the run before the optimizer applies the
step, saves nothing as the output and keeps checkpoint-2, whose tensors are all finite. SFT and
PPO (and GRPO, which runs PPO's loop) are covered with probing on in tests/test_dynamics.py."""

from __future__ import annotations

import pytest
import torch
from helpers.stage_checks import PoisonAt
from safetensors.torch import load_file

from alignment.config import DPOConfig, KTOConfig, ORPOConfig, RewardConfig, load_config
from alignment.core.errors import AlignmentError
from alignment.stages.registry import STAGES

STAGE_CONFIGS = {
    "reward": (RewardConfig, []),  # no probes: the guard alone
    "dpo": (DPOConfig, ["dynamics.enabled=false"]),
    "kto": (KTOConfig, ["dynamics.enabled=false"]),
    "orpo": (ORPOConfig, ["dynamics.enabled=false"]),
}


@pytest.mark.parametrize("stage", STAGE_CONFIGS)
def test_a_nan_loss_stops_the_stage_and_keeps_the_last_good_checkpoint(
    stage, tiny_model_dir, tiny_pairs_file, tmp_path
):
    config_class, extra = STAGE_CONFIGS[stage]
    overrides = [
        f"run_dir={tmp_path}",
        f"model.name_or_path={tiny_model_dir}",
        f"data.sources=[{{files: [{tiny_pairs_file}], name: sums}}]",
        "data.test_fraction=0.25",
        "train.batch_size=2",
        "train.max_steps=6",
        "train.save_steps=2",
        "train.lr=1e-2",
        "adapter.r=4",
        "adapter.alpha=8",
        *extra,
    ]
    config = load_config(config_class, None, overrides)
    with pytest.raises(AlignmentError, match=rf"\[{stage}\] a gradient became NaN or inf at step 3.*checkpoint-2"):
        STAGES[stage].run(config, callbacks=[PoisonAt(2)])
    stage_dir = tmp_path / stage
    assert sorted(path.name for path in (stage_dir / "checkpoints").glob("checkpoint-*")) == ["checkpoint-2"]
    saved = load_file(stage_dir / "checkpoints" / "checkpoint-2" / "adapter_model.safetensors")
    assert all(torch.isfinite(tensor).all() for tensor in saved.values())
    assert not (stage_dir / "manifest.json").exists() and not (stage_dir / "adapter").exists()
