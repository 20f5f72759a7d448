"""`alignment plan` and `alignment/planner.py`: the estimate's arithmetic against values worked out by
hand for a tiny shape, sharding by launch, the CLI's table and JSON on shipped recipes, bad input.

The tiny shape (vocab 100, hidden 8, MLP 16, 2 layers, 2 heads and 1 KV head of width 4, untied):
    embeddings   100 x 8 x 2 (input + head)                                   = 1600
    one layer    q 8x8 + k 8x4 + v 8x4 + o 8x8 + gate 8x16 + up 8x16 + down 16x8 = 576, norms 2 x 8
    total        1600 + 2 x (576 + 16) + 8 (final norm)                       = 2792
    LoRA r 4     per layer r x sum(in + out) = 4 x (16 + 12 + 12 + 16 + 24 + 24 + 24) = 512
    widest saved tensor per token: max(MLP inner 16 x 2 bytes, down_proj's fp32 LoRA input 16 x 4) = 64 bytes,
    so a micro-batch's activations stay in malloc's heap below 32 MiB / 64 = 524,288 tokens
"""

from __future__ import annotations

import json

import pytest

from alignment import planner
from alignment.cli.main import main
from alignment.config import DPOConfig, GRPOConfig, SFTConfig, load_config

TINY = planner.ModelShape("tiny", 100, 8, 16, 2, 2, 1, 4, False)


def sft_config(*overrides: str) -> SFTConfig:
    return load_config(SFTConfig, None, ["model.dtype=bfloat16", "adapter.r=4", *overrides])


def item(plan, name: str) -> planner.Item:
    return next(entry for entry in plan.resident if entry.name == name)


def test_parameters_and_weight_bytes_by_hand():
    assert TINY.parameters() == 2792
    plan = planner.plan_stage("sft", sft_config(), TINY)
    assert item(plan, "weights").bytes == 2792 * 2  # bf16
    fp32 = planner.plan_stage("sft", sft_config("model.dtype=float32"), TINY)
    assert item(fp32, "weights").bytes == 2792 * 4


def test_the_smollm2_preset_has_its_model_card_size():
    assert planner.PRESETS["smollm2-135m"].parameters() == 134_515_008


def test_lora_parameters_are_rank_times_fan_in_plus_fan_out_per_module():
    assert planner.lora_parameters(TINY, sft_config()) == 2 * 512
    assert planner.lora_parameters(TINY, sft_config("adapter.last_layers=1")) == 512
    assert planner.lora_parameters(TINY, sft_config("adapter.target_modules=[q_proj, v_proj]")) == 2 * 4 * (16 + 12)
    plan = planner.plan_stage("sft", sft_config("adapter.last_layers=1"), TINY)
    assert item(plan, "LoRA parameters").bytes == 512 * 4  # fp32
    assert item(plan, "LoRA grads + AdamW").bytes == 512 * 12  # fp32 gradient + two moments


def test_qlora_stores_the_decoder_linears_in_nf4():
    plan = planner.plan_stage("sft", sft_config("adapter.method=qlora"), TINY)
    linear = 2 * 576
    assert item(plan, "weights").bytes == pytest.approx(
        linear * planner.NF4_BYTES_PER_PARAM + (2792 - linear) * 2, abs=1
    )


def test_sharding_divides_by_the_process_count_where_the_launch_shards():
    config = sft_config()
    one = planner.plan_stage("sft", config, TINY, device="gpu")
    ddp = planner.plan_stage("sft", config, TINY, device="gpu", processes=4, launch="ddp")
    fsdp = planner.plan_stage("sft", config, TINY, device="gpu", processes=4, launch="fsdp")
    zero2 = planner.plan_stage("sft", config, TINY, device="gpu", processes=4, launch="deepspeed_zero2")
    for name in ("weights", "LoRA parameters", "LoRA grads + AdamW"):
        assert item(ddp, name).bytes == item(one, name).bytes
        assert item(fsdp, name).bytes == pytest.approx(item(one, name).bytes / 4, abs=1)
    assert item(zero2, "weights").bytes == item(one, "weights").bytes
    assert item(zero2, "LoRA grads + AdamW").bytes == item(one, "LoRA grads + AdamW").bytes / 4


def test_activations_scale_with_tokens_and_layers_and_checkpointing_cuts_them():
    per_token = planner.activation_bytes_per_token(TINY, sft_config(), 2)
    plan = planner.plan_stage("sft", sft_config("train.batch_size=2", "data.max_length=10"), TINY)
    (activations,) = [entry for entry in plan.phases["train step"] if entry.name == "activations"]
    assert activations.bytes == 2 * 10 * 2 * per_token
    last = planner.plan_stage(
        "sft", sft_config("train.batch_size=2", "data.max_length=10", "adapter.last_layers=1"), TINY
    )
    assert last.phases["train step"][0].bytes == activations.bytes // 2
    checkpointed = planner.plan_stage(
        "sft", sft_config("train.batch_size=2", "data.max_length=10", "train.gradient_checkpointing=true"), TINY
    )
    assert checkpointed.phases["train step"][0].bytes == 2 * 10 * (2 * 8 * 2 + per_token)


def test_sft_logits_are_vocab_by_scored_positions():
    plan = planner.plan_stage("sft", sft_config("train.batch_size=2", "data.max_length=10"), TINY)
    logits = plan.phases["train step"][1]
    assert logits.bytes == 2 * 10 * 100 * (2 * 2 + 12)
    half = planner.plan_stage("sft", sft_config("train.batch_size=2", "data.max_length=10"), TINY, reply_share=0.5)
    assert half.phases["train step"][1].bytes == logits.bytes // 2


def test_the_peak_is_baseline_plus_factor_times_resident_and_the_largest_phase():
    plan = planner.plan_stage("sft", sft_config(), TINY, device="cpu", capacity_bytes=planner.GIB)
    resident = sum(entry.bytes for entry in plan.resident)
    largest = max(sum(entry.bytes for entry in items) for items in plan.phases.values())
    activations = plan.phases["train step"][0].bytes
    # the base again, its file's pages, and on top the heap malloc kept from the training step's activations
    assert [entry.bytes for entry in plan.phases["merge"]] == [2792 * 2, 2792 * 2, activations]
    expected = planner.CPU_BASELINE_BYTES + planner.CPU_ALLOCATOR_FACTOR * (resident + largest)
    assert plan.peak_bytes == pytest.approx(expected, abs=1)
    assert plan.fits
    gpu = planner.plan_stage("sft", sft_config(), TINY, device="gpu", capacity_bytes=planner.GIB)
    assert "merge" not in gpu.phases and any("host RAM" in note for note in gpu.notes)  # the merge runs on the host


def test_the_kept_heap_is_the_training_activations_while_each_tensor_is_under_the_mmap_threshold():
    under = planner.plan_stage("sft", sft_config("train.batch_size=64", "data.max_length=8191"), TINY)
    activations = under.phases["train step"][0]
    assert under.phases["merge"][-1] == planner.Item("kept heap", activations.bytes, under.phases["merge"][-1].note)
    # 64 x 8192 tokens x 64 bytes = 32 MiB: glibc maps such blocks apart and unmaps them when freed
    over = planner.plan_stage("sft", sft_config("train.batch_size=64", "data.max_length=8192"), TINY)
    assert [entry.name for entry in over.phases["merge"]] == ["merged copy", "weight file pages"]
    gpu = planner.plan_stage("sft", sft_config(), TINY, device="gpu")
    assert all(entry.name != "kept heap" for items in gpu.phases.values() for entry in items)


def test_a_cpu_rollout_reuses_the_kept_heap_and_copies_no_head():
    settings = ["grpo.rollout_batch_size=4", "grpo.group_size=2", "train.batch_size=2", "data.max_prompt_length=6"]
    settings += ["grpo.max_new_tokens=2"]
    grpo = planner.plan_stage("grpo", load_config(GRPOConfig, None, ["model.dtype=bfloat16", *settings]), TINY)
    names = [entry.name for entry in grpo.phases["rollout"]]
    assert names == ["KV cache", "sampling logits", "kept heap"]  # the loader keeps the head input contiguous
    kv_and_sampler = grpo.phases["rollout"][0].bytes + grpo.phases["rollout"][1].bytes  # small blocks: reuse the heap
    assert grpo.phases["rollout"][2].bytes == grpo.phases["train step"][0].bytes - kv_and_sampler  # after an update
    gpu = planner.plan_stage("grpo", load_config(GRPOConfig, None, ["model.dtype=bfloat16", *settings]), TINY, "gpu")
    assert [entry.name for entry in gpu.phases["rollout"]] == ["KV cache", "sampling logits"]


def test_dpo_reference_is_the_adapter_disabled_and_ppo_rollouts_hold_a_kv_cache():
    dpo = planner.plan_stage("dpo", load_config(DPOConfig, None, ["model.dtype=bfloat16"]), TINY)
    assert [entry.name for entry in dpo.resident] == ["weights", "LoRA parameters", "LoRA grads + AdamW"]
    kv = planner.kv_cache(TINY, sequences=3, length=5, dtype_bytes=2)
    assert kv.bytes == 3 * 5 * 2 * 2 * 1 * 4 * 2  # K and V x layers x KV heads x head width x bf16


def test_shape_from_the_tiny_models_config_json(tiny_model_dir):
    shape = planner.shape_from_json(tiny_model_dir / "config.json", "tiny")
    assert (shape.hidden_size, shape.layers, shape.heads, shape.kv_heads, shape.head_dim) == (32, 2, 4, 2, 8)
    assert shape.file_bytes == (tiny_model_dir / "model.safetensors").stat().st_size


def test_cli_table_on_a_shipped_recipe(capsys):
    assert main(["plan", "--config", "recipes/smollm2-135m/dpo_lora.yaml", "--device", "cpu"]) == 0
    out = capsys.readouterr().out
    assert out.startswith("stage dpo: cpu, 1 process, launch recipes/accelerate/cpu.yaml")
    assert "LoRA parameters" in out and "[train step" in out and "peak per device" in out


def test_cli_json_on_a_pipeline_recipe(capsys):
    assert main(["plan", "--config", "recipes/smollm2-135m/pipeline_ppo.yaml", "--device", "cpu", "--json"]) == 0
    stages = json.loads(capsys.readouterr().out)["stages"]
    assert [stage["stage"] for stage in stages] == ["sft", "judge", "reward", "ppo"]
    ppo = stages[-1]
    assert "rollout" in ppo["phases"] and ppo["fits"] is True
    tensors = sum(entry["bytes"] for entry in ppo["resident"])
    tensors += sum(entry["bytes"] for entry in ppo["phases"][ppo["peak_phase"]])
    assert ppo["peak_bytes"] == pytest.approx(ppo["baseline_bytes"] + ppo["allocator_factor"] * tensors, abs=1)


def test_cli_qlora_recipe_over_gpus(capsys):
    argv = ["plan", "--config", "recipes/llama3-8b/dpo_qlora.yaml", "--model-shape", "llama-8b", "--json"]
    assert main([*argv, "--gpus", "8", "--launch", "fsdp"]) == 0
    (fsdp,) = json.loads(capsys.readouterr().out)["stages"]
    assert main([*argv, "--gpus", "1"]) == 0
    (one,) = json.loads(capsys.readouterr().out)["stages"]
    assert fsdp["launch"] == "recipes/accelerate/fsdp.yaml" and one["launch"] == "recipes/accelerate/gpu.yaml"
    assert fsdp["resident"][0]["bytes"] == pytest.approx(one["resident"][0]["bytes"] / 8, abs=1)
    assert one["resident"][0]["bytes"] < 6 * planner.GIB  # 8B in nf4, not 16 GB of bf16
    assert main([*argv, "--gpus", "1", "--gpu-memory", "8"]) == 0
    (small,) = json.loads(capsys.readouterr().out)["stages"]
    assert small["fits"] is False


@pytest.mark.parametrize(
    "argv, says",
    [
        (["--config", "missing.yaml"], "missing.yaml: no such config file"),
        (["--config", "recipes/smollm2-135m/sft_lora.yaml", "--gpus", "0"], "--gpus 0"),
        (["--config", "recipes/smollm2-135m/sft_lora.yaml", "--model-shape", "gpt-9"], "--model-shape gpt-9"),
        (["--config", "recipes/llama3-8b/sft_qlora.yaml", "--gpus", "1"], "--model-shape"),
        (["--config", "recipes/smollm2-135m/sft_lora.yaml", "train.batch_sise=2"], "batch_size"),
        (["--config", "recipes/smollm2-135m/sft_lora.yaml", "--device", "cpu", "--launch", "fsdp"], "--launch fsdp"),
    ],
)
def test_bad_input_is_one_line_and_exit_2(argv, says, capsys):
    assert main(["plan", *argv]) == 2
    error = capsys.readouterr().err.strip()
    assert error.startswith("error: ") and says in error and "\n" not in error


def test_an_unknown_stage_is_refused():
    with pytest.raises(SystemExit) as stopped:
        main(["plan", "--config", "recipes/smollm2-135m/sft_lora.yaml", "--stage", "rlhf"])
    assert stopped.value.code == 2
