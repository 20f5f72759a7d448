"""GPU-only paths: bf16 auto dtype and QLoRA (nf4 base, bf16 compute) on CUDA. Skipped without CUDA."""

from __future__ import annotations

import json

import pytest
import torch
from transformers import TrainerCallback

from alignment.config import SFTConfig, load_config
from alignment.models import loading as models
from alignment.stages import sft

pytestmark = [pytest.mark.gpu, pytest.mark.skipif(not torch.cuda.is_available(), reason="needs a CUDA GPU")]


class Capture(TrainerCallback):
    def on_train_end(self, args, state, control, model=None, **kwargs):
        self.model = model


def _run(tiny_model_dir, tiny_chats_file, run_dir, *extra):
    config = load_config(
        SFTConfig,
        None,
        [
            f"run_dir={run_dir}",
            f"model.name_or_path={tiny_model_dir}",
            f"data.train_files=[{tiny_chats_file}]",
            "data.eval_fraction=0.0",
            "train.batch_size=4",
            "train.max_steps=3",
            "train.lr=1e-2",
            "adapter.r=4",
            "adapter.alpha=8",
            *extra,
        ],
    )
    capture = Capture()
    result = sft.run(config, callbacks=[capture])
    return result, capture.model


def test_auto_dtype_is_bf16_on_a_bf16_gpu():
    assert torch.cuda.is_bf16_supported()
    assert models.pick_dtype("auto") == torch.bfloat16


def test_lora_sft_trains_in_bf16_on_gpu(tiny_model_dir, tiny_chats_file, tmp_path):
    result, model = _run(tiny_model_dir, tiny_chats_file, tmp_path / "run")
    assert next(model.parameters()).device.type == "cuda"
    base_dtypes = {p.dtype for n, p in model.named_parameters() if "lora_" not in n}
    assert base_dtypes == {torch.bfloat16}
    assert result.metrics["steps"] == 3 and torch.isfinite(torch.tensor(result.metrics["final_loss"]))
    merged = json.loads((result.output_dir / "merged" / "config.json").read_text())
    assert merged["dtype"] == "bfloat16"


def test_qlora_sft_on_gpu(tiny_model_dir, tiny_chats_file, tmp_path):
    import bitsandbytes as bnb

    result, model = _run(tiny_model_dir, tiny_chats_file, tmp_path / "run", "adapter.method=qlora")
    four_bit = [m for m in model.modules() if isinstance(m, bnb.nn.Linear4bit)]
    assert four_bit and all(m.weight.device.type == "cuda" and m.weight.quant_type == "nf4" for m in four_bit)
    assert all("lora_" in n for n, p in model.named_parameters() if p.requires_grad)
    assert any(p.abs().sum() > 0 for n, p in model.named_parameters() if "lora_B" in n)
    # The merged model is saved in full precision (merged from the adapter onto a fresh base).
    merged_model, _ = models.load_for_inference(str(result.output_dir))
    with torch.no_grad():
        logits = merged_model(torch.tensor([[5, 6, 7]], device=merged_model.device)).logits
    assert torch.isfinite(logits).all()
