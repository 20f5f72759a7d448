"""The DPO reference and policy passes share the forward of the frozen bottom layers
(`alignment/models/frozen_prefix.py`) when LoRA adapts only the top ones (`adapter.last_layers`):
the shared passes give the log-probs and LoRA gradients of two plain passes, the prefix is found
(and refused when there is none), and a stage run this way trains like one with precomputed
reference log-probs."""

from __future__ import annotations

import math
from types import SimpleNamespace

import pytest
import torch
from peft import LoraConfig, get_peft_model
from test_dpo_stage import _losses, overrides  # tests/ is on sys.path (pytest rootdir-relative imports)
from transformers import AutoModelForCausalLM
from trl.trainer.utils import add_fused_lm_head, use_adapter

from alignment.config import DPOConfig, load_config
from alignment.models import frozen_prefix
from alignment.stages.dpo import offline as dpo

TARGETS = ["q_proj", "k_proj", "v_proj", "o_proj", "gate_proj", "up_proj", "down_proj"]


def _policy(model_dir, layers=(1,)):
    torch.manual_seed(0)
    model = AutoModelForCausalLM.from_pretrained(model_dir, dtype=torch.float32)
    add_fused_lm_head(model)
    model = get_peft_model(
        model, LoraConfig(r=4, lora_alpha=8, target_modules=TARGETS, layers_to_transform=list(layers))
    )
    with torch.no_grad():  # a trained-looking adapter: policy != reference
        for name, parameter in model.named_parameters():
            if "lora_B" in name:
                parameter.normal_(std=0.5)
    return model


def _batch():
    torch.manual_seed(1)
    input_ids = torch.randint(3, 300, (4, 12))
    attention_mask = torch.ones_like(input_ids)
    attention_mask[1, 9:] = attention_mask[3, 7:] = 0  # right padding
    completion_mask = torch.zeros_like(input_ids)
    completion_mask[:, 5:] = 1
    completion_mask *= attention_mask
    return {"input_ids": input_ids, "attention_mask": attention_mask, "completion_mask": completion_mask}


def _lora_grads(model) -> dict:
    return {name: p.grad.clone() for name, p in model.named_parameters() if p.requires_grad}


def test_the_prefix_is_the_layers_below_the_adapter(tiny_model_dir):
    assert frozen_prefix.frozen_prefix_length(_policy(tiny_model_dir, layers=(1,))) == 1
    assert frozen_prefix.frozen_prefix_length(_policy(tiny_model_dir, layers=(0, 1))) == 0
    assert len(frozen_prefix.decoder_layers(_policy(tiny_model_dir))) == 2


def test_shared_passes_equal_two_plain_passes(tiny_model_dir):
    model, batch = _policy(tiny_model_dir), _batch()
    with torch.no_grad(), use_adapter(model, None):
        plain_reference = dpo.sequence_logps(model, batch)[0]
    plain, plain_lengths = dpo.sequence_logps(model, batch)
    plain.sum().backward()
    plain_grads = _lora_grads(model)
    model.zero_grad()

    trainer = SimpleNamespace(accelerator=SimpleNamespace(unwrap_model=lambda m: m), model=model, prefix=1)
    shared, lengths, reference = dpo.policy_and_reference_logps(trainer, model, batch)
    shared.sum().backward()
    assert torch.allclose(reference, plain_reference, atol=1e-5)
    assert torch.allclose(shared, plain, atol=1e-5) and torch.equal(lengths, plain_lengths)
    assert (shared - reference).abs().max() > 1e-2  # the adapter matters: the check can fail
    for name, grad in _lora_grads(model).items():
        assert torch.allclose(grad, plain_grads[name], atol=1e-5), name
    assert isinstance(frozen_prefix.decoder_layers(model)[0], type(frozen_prefix.decoder_layers(model)[1]))  # restored


def test_replay_refuses_hidden_states_of_another_batch(tiny_model_dir):
    model, batch = _policy(tiny_model_dir), _batch()
    layers = frozen_prefix.decoder_layers(model)
    with torch.no_grad(), frozen_prefix.record(layers, 1) as seen:
        dpo.sequence_logps(model, batch)
    short = {key: value[:, :8] for key, value in batch.items()}
    with pytest.raises(ValueError, match="do not fit"), frozen_prefix.replay(layers, 1, seen.hidden):
        dpo.sequence_logps(model, short)


def test_a_shared_prefix_run_trains_like_a_precomputed_one(tiny_model_dir, tiny_pairs_file, tmp_path):
    runs = {}
    for name, extra in (("shared", []), ("precomputed", ["dpo.precompute_ref_logps=true"])):
        config = load_config(
            DPOConfig,
            None,
            overrides(
                tiny_model_dir, tiny_pairs_file, tmp_path / name, "adapter.last_layers=1", "train.max_steps=4", *extra
            ),
        )
        runs[name] = dpo.run(config)
    shared, precomputed = runs["shared"], runs["precomputed"]
    assert "frozen bottom layers" in shared.metrics["reference_pass"] and shared.metrics["reference_logps"] == {}
    assert precomputed.metrics["reference_pass"].startswith("precomputed")
    losses = _losses(shared.output_dir)
    assert losses[0] == pytest.approx(math.log(2), abs=1e-4)
    assert losses == pytest.approx(_losses(precomputed.output_dir), abs=1e-4)
    for key in ("eval_implicit_accuracy", "eval_margin_mean", "eval_chosen_logp_change"):
        assert shared.metrics[key] == pytest.approx(precomputed.metrics[key], abs=1e-3), key


def test_the_fused_head_scores_only_reply_positions_on_cpu_with_the_same_numbers(tiny_model_dir, monkeypatch):
    import trl.trainer.utils as trl_utils
    from trl.kernels.chunked_logprob import _use_triton as trl_decides

    model, batch = _policy(tiny_model_dir), _batch()
    monkeypatch.setattr(trl_utils, "_use_triton", trl_decides)  # TRL's own rule (a stage run may have patched it)
    assert not trl_utils._use_triton(torch.device("cpu"))
    every_position, _ = dpo.sequence_logps(model, batch)
    dpo.score_reply_positions_only()
    assert trl_utils._use_triton(torch.device("cpu"))
    compact, _ = dpo.sequence_logps(model, batch)
    assert torch.allclose(compact, every_position, atol=1e-5)


def test_saved_held_out_margins_equal_the_eval_harness_computing_them(
    tiny_model_dir, tiny_pairs_file, tmp_path, monkeypatch
):
    """The stage scores its held-out pairs with the shared prefix and the fused head and saves each
    margin; the eval harness reads them. Its own plain computation (full logits, adapter on, then
    off) must give the same margins."""
    from alignment.eval.loading import ModelPool
    from alignment.eval.tasks import preference_accuracy

    config = load_config(
        DPOConfig,
        None,
        overrides(
            tiny_model_dir, tiny_pairs_file, tmp_path, "adapter.last_layers=1", "train.max_steps=4", "merge=false"
        ),
    )
    stage = dpo.run(config).output_dir
    pool = ModelPool({"dpo": str(stage)}, dtype="float32")
    pairs, read, how = preference_accuracy._implicit_margins(pool, "dpo", stage, None, 4)
    assert "from the stage's eval.json" in how and len(read) == len(pairs) == 6
    monkeypatch.setattr(preference_accuracy, "saved_margins", lambda stage, rows: None)
    _, computed, how = preference_accuracy._implicit_margins(pool, "dpo", stage, None, 4)
    assert "eval.json" not in how
    assert read == pytest.approx(computed, abs=1e-4)
    assert max(abs(m) for m in computed) > 1e-3  # trained: the margins are not all zero
