"""SFT stage invariants on a tiny model: only LoRA changes, outputs and provenance, skip,
refusal to mix runs, save/load identity, resume after kill -9, and 2-process DDP."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
import torch
from safetensors.torch import load_file
from transformers import AutoModelForCausalLM, TrainerCallback

from alignment.config import SFTConfig, load_config
from alignment.core.errors import AlignmentError
from alignment.core.provenance import sha256_path
from alignment.models.loading import load_for_inference
from alignment.stages import sft

REPO = Path(__file__).resolve().parent.parent
CHILD = REPO / "tests" / "helpers" / "sft_child.py"


def tiny_overrides(model_dir, data_file, run_dir, *extra) -> list[str]:
    return [
        f"run_dir={run_dir}",
        f"model.name_or_path={model_dir}",
        f"data.train_files=[{data_file}]",
        "data.eval_fraction=0.0",
        "train.batch_size=2",
        "train.max_steps=4",
        "train.save_steps=2",
        "train.logging_steps=1",
        "train.lr=1e-2",
        "adapter.r=4",
        "adapter.alpha=8",
        *extra,
    ]


class Capture(TrainerCallback):
    def on_train_end(self, args, state, control, model=None, **kwargs):
        self.model = model


@pytest.fixture(scope="module")
def trained(tiny_model_dir, tiny_chats_file, tmp_path_factory):
    """One in-process 4-step run; returns (config, result, in-memory trained model)."""
    run_dir = tmp_path_factory.mktemp("run")
    config = load_config(SFTConfig, None, tiny_overrides(tiny_model_dir, tiny_chats_file, run_dir))
    capture = Capture()
    result = sft.run(config, callbacks=[capture])
    return config, result, capture.model


def test_only_lora_tensors_change(trained, tiny_model_dir):
    _, _, model = trained
    base = load_file(tiny_model_dir / "model.safetensors")
    lora_changed = 0
    for name, tensor in model.named_parameters():
        if "lora_" in name:
            lora_changed += int(tensor.detach().abs().sum() > 0 and "lora_B" in name)
            continue
        base_name = name.replace("base_model.model.", "").replace(".base_layer", "")
        # compare in the training dtype (bf16 on GPUs): loading casts the fp32 file once
        assert torch.equal(tensor.detach().cpu(), base[base_name].to(tensor.dtype)), f"{base_name} changed"
    assert lora_changed > 0  # lora_B starts at zero: non-zero means it trained


def test_stage_writes_outputs_and_provenance(trained, tiny_chats_file):
    config, result, _ = trained
    stage = result.output_dir
    for name in (
        "adapter/adapter_model.safetensors",
        "adapter/adapter_config.json",
        "merged/model.safetensors",
        "config.yaml",
        "metrics.jsonl",
        "manifest.json",
        "README.md",
        "checkpoints/checkpoint-4/COMPLETE",
    ):
        assert (stage / name).is_file(), name
    assert load_config(SFTConfig, stage / "config.yaml") == config
    assert not list(stage.glob("adapter/*.bin")) and not list(stage.glob("merged/*.bin"))  # safetensors only
    manifest = json.loads((stage / "manifest.json").read_text())
    assert manifest["inputs"]["data"][0]["sha256"] == sha256_path(tiny_chats_file)
    assert manifest["inputs"]["model"]["sha256"] == sha256_path(config.model.name_or_path)
    assert manifest["metrics"]["steps"] == 4
    assert manifest["metrics"]["data"] == {
        "read": 24,
        "train": 24,
        "eval": 0,
        "cut_to_fit": {},
        "dropped_by_reason": {},
        "sources": {"chats": {"read": 24, "duplicates": 0, "train": 24, "eval": 0, "weight": 1.0}},
    }
    assert manifest["packages"]["torch_build"] == torch.__version__
    assert manifest["packages"]["transformers"] and manifest["packages"]["trl"]
    lines = [json.loads(line) for line in (stage / "metrics.jsonl").read_text().splitlines()]
    assert [line["step"] for line in lines if "loss" in line] == [1, 2, 3, 4]
    assert lines[-1]["summary"]["steps"] == 4
    adapter_config = json.loads((stage / "adapter" / "adapter_config.json").read_text())
    assert adapter_config["base_model_name_or_path"] == str(Path(config.model.name_or_path).resolve())


def test_save_then_load_gives_identical_logits(trained):
    _, result, model = trained
    inputs = torch.tensor([[5, 17, 42, 99, 7, 3]], device=model.device)
    model.eval()
    with torch.no_grad():
        expected = model(inputs).logits
        adapter_model, _ = load_for_inference(str(result.output_dir / "adapter"))
        merged_model, _ = load_for_inference(str(result.output_dir))  # stage dir -> merged/
        assert adapter_model.device == merged_model.device == model.device
        if model.get_input_embeddings().weight.dtype == torch.float32:
            assert torch.equal(adapter_model(inputs).logits, expected)
            assert torch.allclose(merged_model(inputs).logits, expected, atol=1e-5)
        else:  # bf16 (GPU): the trainer's forward ran under autocast, so only bf16 rounding apart
            assert torch.allclose(adapter_model(inputs).logits.float(), expected.float(), atol=2e-2)
            assert torch.allclose(merged_model(inputs).logits.float(), expected.float(), atol=5e-2)


def test_rerun_with_same_config_skips(trained):
    config, result, _ = trained
    before = (result.output_dir / "manifest.json").read_text()
    again = sft.run(config)
    assert again.skipped and (result.output_dir / "manifest.json").read_text() == before


def test_changed_config_in_same_run_dir_is_refused(trained, tmp_path):
    config, result, _ = trained
    manifest = result.output_dir / "manifest.json"
    saved = manifest.read_text()
    manifest.rename(tmp_path / "manifest.json")  # pretend the run was interrupted
    try:
        changed = load_config(SFTConfig, result.output_dir / "config.yaml", ["train.lr=0.5"])
        with pytest.raises(AlignmentError, match=r"already holds a run with a different config \(changed: train.lr\)"):
            sft.run(changed)
    finally:
        manifest.write_text(saved)


def _child(args: list[str], launcher: list[str] | None = None) -> subprocess.CompletedProcess:
    env = {**os.environ, "HF_HUB_OFFLINE": "1", "TOKENIZERS_PARALLELISM": "false"}
    command = (launcher or [sys.executable]) + [str(CHILD), *args]
    return subprocess.run(command, cwd=REPO, env=env, capture_output=True, text=True, timeout=600)


def _adapter_weights(run_dir: Path) -> dict:
    return load_file(run_dir / "sft" / "adapter" / "adapter_model.safetensors")


def test_resume_after_kill_matches_uninterrupted_run(tiny_model_dir, tiny_chats_file, tmp_path):
    # dropout on, so the restored RNG state matters too
    extra = ["adapter.dropout=0.1"]
    straight = _child(tiny_overrides(tiny_model_dir, tiny_chats_file, tmp_path / "straight", *extra))
    assert straight.returncode == 0, straight.stderr[-3000:]

    resumed_dir = tmp_path / "resumed"
    args = tiny_overrides(tiny_model_dir, tiny_chats_file, resumed_dir, *extra)
    killed = _child(["--kill-at-step", "3", *args])
    assert killed.returncode == -9
    checkpoints = resumed_dir / "sft" / "checkpoints"
    assert (checkpoints / "checkpoint-2" / "COMPLETE").is_file()
    assert not (resumed_dir / "sft" / "manifest.json").exists()
    # A checkpoint half-written when the kill came: must be ignored and removed, not resumed from.
    (checkpoints / "checkpoint-3").mkdir()
    (checkpoints / "checkpoint-3" / "trainer_state.json").write_text("{truncated")

    again = _child(args)
    assert again.returncode == 0, again.stderr[-3000:]
    assert "resuming from" in again.stdout and "checkpoint-2" in again.stdout
    assert not (checkpoints / "checkpoint-3").exists()
    expected, actual = _adapter_weights(tmp_path / "straight"), _adapter_weights(resumed_dir)
    assert expected.keys() == actual.keys()
    for name in expected:
        assert torch.allclose(actual[name], expected[name], atol=1e-6), name
    steps = [json.loads(line).get("step") for line in (resumed_dir / "sft" / "metrics.jsonl").read_text().splitlines()]
    assert [s for s in steps if s is not None] == sorted(s for s in steps if s is not None)
    # the learning-dynamics log also reads like one run: one setup, each check once, the same probes
    resumed_log, straight_log = (_dynamics(resumed_dir), _dynamics(tmp_path / "straight"))
    assert [r["kind"] for r in resumed_log] == [r["kind"] for r in straight_log]
    assert [r["step"] for r in resumed_log] == [r["step"] for r in straight_log]
    assert resumed_log[0]["probes"] == straight_log[0]["probes"]


def _dynamics(run_dir: Path) -> list[dict]:
    return [json.loads(line) for line in (run_dir / "sft" / "dynamics.jsonl").read_text().splitlines()]


def test_two_process_ddp_equals_one_process_with_accumulation(tiny_model_dir, tiny_chats_file, tmp_path):
    """DDP over 2 CPU processes x batch 2 takes the same steps as 1 process x batch 2 x accumulation 2.

    Tolerance: 1e-5 absolute on the adapter weights after 4 steps (fp32; the two runs sum the
    same per-token gradients in a different order).
    """
    common = ["adapter.dropout=0.0", "train.max_steps=4"]
    single = _child(tiny_overrides(tiny_model_dir, tiny_chats_file, tmp_path / "single", *common, "train.grad_accum=2"))
    assert single.returncode == 0, single.stderr[-3000:]
    launcher = [
        sys.executable,
        "-m",
        "accelerate.commands.launch",
        "--config_file",
        str(REPO / "recipes" / "accelerate" / "cpu_ddp.yaml"),
        "--main_process_port",
        "29561",
    ]
    ddp = _child(tiny_overrides(tiny_model_dir, tiny_chats_file, tmp_path / "ddp", *common), launcher)
    assert ddp.returncode == 0, ddp.stderr[-3000:]
    assert "2 processes" in ddp.stdout
    expected, actual = _adapter_weights(tmp_path / "single"), _adapter_weights(tmp_path / "ddp")
    for name in expected:
        assert torch.allclose(actual[name], expected[name], atol=1e-5), name
    single_loss = [
        json.loads(x)["loss"] for x in (tmp_path / "single/sft/metrics.jsonl").read_text().splitlines() if '"loss"' in x
    ]
    ddp_loss = [
        json.loads(x)["loss"] for x in (tmp_path / "ddp/sft/metrics.jsonl").read_text().splitlines() if '"loss"' in x
    ]
    assert single_loss == pytest.approx(ddp_loss, abs=1e-4)


def test_duplicates_are_dropped_and_long_chats_cut_and_both_recorded(tiny_model_dir, tiny_chats_file, tmp_path):
    lines = tiny_chats_file.read_text().splitlines()
    long_chat = [
        {"role": "user", "content": "Count."},
        {"role": "assistant", "content": " ".join(str(index) for index in range(300))},
    ]
    data = tmp_path / "chats.jsonl"
    data.write_text("\n".join([*lines, *lines[:3], json.dumps({"messages": long_chat})]) + "\n")
    overrides = tiny_overrides(tiny_model_dir, data, tmp_path / "run", "train.max_steps=1", "data.max_length=96")
    result = sft.run(load_config(SFTConfig, None, overrides))
    counts = result.metrics["data"]
    assert counts == {
        "read": 28,
        "train": 25,
        "eval": 0,
        "cut_to_fit": {"cut_reply_end": 1},
        "dropped_by_reason": {"duplicate_of_an_earlier_chat": 3},
        "sources": {"chats": {"read": 28, "duplicates": 3, "train": 25, "eval": 0, "weight": 1.0}},
    }
    assert json.loads((result.output_dir / "manifest.json").read_text())["metrics"]["data"] == counts


def test_bad_data_writes_nothing(tiny_model_dir, tmp_path):
    bad = tmp_path / "bad.jsonl"
    bad.write_text('{"messages": [{"role": "user", "content": "hi"}]}\n')
    config = load_config(SFTConfig, None, tiny_overrides(tiny_model_dir, bad, tmp_path / "run"))
    with pytest.raises(AlignmentError, match="last message is from 'user'"):
        sft.run(config)
    assert not (tmp_path / "run").exists()


def test_full_fine_tuning_saves_a_merged_model_and_no_adapter(tiny_model_dir, tiny_chats_file, tmp_path):
    config = load_config(
        SFTConfig,
        None,
        tiny_overrides(
            tiny_model_dir,
            tiny_chats_file,
            tmp_path / "run",
            "adapter.method=full",
            "train.max_steps=2",
            "train.lr=1e-3",
        ),
    )
    result = sft.run(config)
    assert not (result.output_dir / "adapter").exists()
    trained = load_file(result.output_dir / "merged" / "model.safetensors")
    base = load_file(tiny_model_dir / "model.safetensors")
    changed = [name for name in base if not torch.equal(trained[name], base[name])]
    assert "model.embed_tokens.weight" in changed and "lm_head.weight" in changed  # every weight trains


def test_packing_keeps_prompt_tokens_out_of_the_loss(tiny_model_dir, tiny_chats_file, tmp_path):
    """With packing, chats are concatenated into max_length blocks; labels must survive it."""
    from datasets import Dataset
    from transformers import AutoTokenizer
    from trl import SFTTrainer

    from alignment.data.chat import IGNORE, tokenize_examples
    from alignment.data.sft import load_sft_examples

    config = load_config(
        SFTConfig,
        None,
        tiny_overrides(tiny_model_dir, tiny_chats_file, tmp_path / "run", "train.packing=true", "data.max_length=128"),
    )
    tokenizer = AutoTokenizer.from_pretrained(tiny_model_dir)
    rows, _ = tokenize_examples(tokenizer, load_sft_examples([str(tiny_chats_file)]), 128)
    model = AutoModelForCausalLM.from_pretrained(tiny_model_dir)
    trainer = SFTTrainer(
        model=model,
        args=sft._trl_args(config, tmp_path / "run" / "sft", has_eval=False),
        train_dataset=Dataset.from_list(rows),
        processing_class=tokenizer,
    )
    packed = trainer.train_dataset
    assert len(packed) < len(rows)  # several chats per sequence
    labelled = sum(sum(label != IGNORE for label in row["labels"]) for row in packed)
    assert labelled == sum(sum(label != IGNORE for label in row["labels"]) for row in rows)
    result = sft.run(config)
    assert result.metrics["steps"] == 4


def test_finished_stage_is_not_reused_when_its_data_changed(tiny_model_dir, tiny_chats_file, tmp_path):
    data = tmp_path / "chats.jsonl"
    data.write_text(tiny_chats_file.read_text())
    config = load_config(
        SFTConfig, None, tiny_overrides(tiny_model_dir, data, tmp_path / "run", "train.max_steps=1", "merge=false")
    )
    sft.run(config)
    data.write_text("\n".join(data.read_text().splitlines()[:10]) + "\n")
    with pytest.raises(AlignmentError, match=r"was trained on other contents of .*chats.jsonl"):
        sft.run(config)


def test_sources_are_mixed_by_weight_after_the_eval_split(tiny_model_dir, tiny_chats_file, tmp_path):
    lines = tiny_chats_file.read_text().splitlines()
    first, second = tmp_path / "first.jsonl", tmp_path / "second.jsonl"
    first.write_text("\n".join(lines[:12]) + "\n")
    second.write_text("\n".join(lines[10:]) + "\n")  # two chats repeat the first source's last two
    sources = f"data.sources=[{{files: [{first}], weight: 2}}, {{files: [{second}], weight: 0.5}}]"
    overrides = tiny_overrides(tiny_model_dir, first, tmp_path / "run", "train.max_steps=1", "data.eval_fraction=0.25")
    overrides = [item for item in overrides if not item.startswith("data.train_files=")] + [sources]
    config = load_config(SFTConfig, None, overrides)
    assert [source.weight for source in config.data.all_sources()] == [2, 0.5]  # no train_files: sources only
    counts = sft.run(config).metrics["data"]
    # 24 distinct chats (2 copies dropped), 6 held out for eval, never weighted; the 18 others weighted
    assert (counts["read"], counts["eval"]) == (26, 6)
    assert counts["dropped_by_reason"] == {"duplicate_of_an_earlier_chat": 2}
    first_part, second_part = counts["sources"]["first"], counts["sources"]["second"]
    assert (first_part["read"], first_part["duplicates"], second_part["read"], second_part["duplicates"]) == (
        12,
        0,
        14,
        2,
    )
    assert first_part["eval"] + second_part["eval"] == 6
    assert first_part["train"] == 2 * (12 - first_part["eval"])
    assert second_part["train"] == int((12 - second_part["eval"]) * 0.5 + 0.5)
    assert counts["train"] == first_part["train"] + second_part["train"]
    manifest = json.loads((tmp_path / "run" / "sft" / "manifest.json").read_text())
    assert [item["path"] for item in manifest["inputs"]["data"]] == [str(first), str(second)]


def test_weighting_repeats_and_samples_each_source_with_a_seed():
    from alignment.config import SFTSourceConfig
    from alignment.data.mixture import SFTMixture

    mixture = SFTMixture([], [], [SFTSourceConfig(weight=2), SFTSourceConfig(weight=0.5)], ["a", "b"], [], [])
    rows = [("a1", "", 0), ("b1", "", 1), ("a2", "", 0), ("b2", "", 1), ("b3", "", 1), ("b4", "", 1)]
    picked = sft.weighted(rows, mixture, seed=1)
    assert [row for row, _, _ in picked[:4]] == ["a1", "a2", "a1", "a2"]
    assert len(picked) == 6 and {row for row, _, _ in picked[4:]} < {"b1", "b2", "b3", "b4"}
    assert sft.weighted(rows, mixture, seed=1) == picked


def test_adapters_load_with_peft_alone_and_name_a_base_that_holds_a_model(trained, tmp_path):
    from peft import AutoPeftModelForCausalLM, PeftModel

    config, result, _ = trained
    # a second stage on top of the first: its adapter's base is the first stage's merged model
    data_file = config.data.train_files[0]
    overrides = tiny_overrides(result.output_dir, data_file, tmp_path / "next", "train.max_steps=1", "merge=false")
    upper = sft.run(load_config(SFTConfig, None, overrides)).output_dir
    adapter = upper / "adapter"
    base = json.loads((adapter / "adapter_config.json").read_text())["base_model_name_or_path"]
    assert base == str((result.output_dir / "merged").resolve())
    assert f"base_model: {base}" in (adapter / "README.md").read_text()  # peft's card agrees with the config
    ids = torch.tensor([[1, 17, 42, 99, 7]])
    by_peft = AutoPeftModelForCausalLM.from_pretrained(str(adapter)).eval()
    by_base = PeftModel.from_pretrained(AutoModelForCausalLM.from_pretrained(base), str(adapter)).eval()
    with torch.no_grad():
        torch.testing.assert_close(by_peft(ids).logits, by_base(ids).logits)
    card = (upper / "README.md").read_text()
    assert f'AutoPeftModelForCausalLM.from_pretrained("{adapter}")' in card
    assert f"the adapter records it as `{base}`" in card


def test_a_full_disk_stops_cleanly_keeps_the_last_checkpoint_and_a_rerun_resumes(
    tiny_model_dir, tiny_chats_file, tmp_path
):
    straight = _child(tiny_overrides(tiny_model_dir, tiny_chats_file, tmp_path / "straight"))
    assert straight.returncode == 0, straight.stderr[-3000:]
    run_dir = tmp_path / "run"
    args = tiny_overrides(tiny_model_dir, tiny_chats_file, run_dir)  # 4 steps, a checkpoint every 2
    full = _child(["--disk-full-after-save", "2", *args])  # step 4's checkpoint meets a full disk
    assert full.returncode == 2, full.stderr[-3000:]
    assert "error: cannot write" in full.stderr and "No space left on device" in full.stderr
    assert "Traceback" not in full.stderr
    checkpoints = run_dir / "sft" / "checkpoints"
    assert (checkpoints / "checkpoint-2" / "COMPLETE").is_file()
    assert not (checkpoints / "checkpoint-4" / "COMPLETE").exists()
    assert not (run_dir / "sft" / "manifest.json").exists()

    again = _child(args)  # space again
    assert again.returncode == 0, again.stderr[-3000:]
    assert "resuming from" in again.stdout and "checkpoint-2" in again.stdout
    expected, actual = _adapter_weights(tmp_path / "straight"), _adapter_weights(run_dir)
    for name in expected:
        assert torch.allclose(actual[name], expected[name], atol=1e-6), name


def test_a_checkpoint_or_an_output_changed_since_it_was_written_is_refused_naming_the_file(
    tiny_model_dir, tiny_chats_file, tmp_path
):
    args = tiny_overrides(tiny_model_dir, tiny_chats_file, tmp_path / "run")
    assert _child(["--kill-at-step", "3", *args]).returncode == -9
    weights = tmp_path / "run" / "sft" / "checkpoints" / "checkpoint-2" / "adapter_model.safetensors"
    weights.write_bytes(weights.read_bytes()[:-8] + bytes(8))  # a disk fault, a copy cut short
    again = _child(args)
    assert again.returncode == 2, again.stderr[-3000:]
    assert f"error: {weights}: changed since the checkpoint was written" in again.stderr
    assert "Traceback" not in again.stderr

    config = load_config(SFTConfig, None, tiny_overrides(tiny_model_dir, tiny_chats_file, tmp_path / "done"))
    output = sft.run(config).output_dir / "adapter" / "adapter_model.safetensors"
    assert sft.run(config).skipped  # unchanged: reused
    output.write_bytes(output.read_bytes()[:-8] + bytes(8))
    with pytest.raises(AlignmentError, match=r"adapter_model.safetensors changed since the stage finished"):
        sft.run(config)


def test_a_file_size_limit_at_the_merge_stops_cleanly_and_a_rerun_finishes(tiny_model_dir, tiny_chats_file, tmp_path):
    """A real write failure from the OS: RLIMIT_FSIZE of 100 kB lets the LoRA checkpoints through but
    not the merged model (the tiny model is 179 kB): exit 2, one line, the last checkpoint kept; the
    same command without the limit resumes from it and writes the outputs."""
    import resource
    import signal

    def limited():
        signal.signal(signal.SIGXFSZ, signal.SIG_IGN)  # a write past the limit then fails with EFBIG
        resource.setrlimit(resource.RLIMIT_FSIZE, (100_000, 100_000))

    args = tiny_overrides(tiny_model_dir, tiny_chats_file, tmp_path / "run")
    env = {**os.environ, "HF_HUB_OFFLINE": "1", "TOKENIZERS_PARALLELISM": "false"}
    command = [sys.executable, str(CHILD), *args]
    full = subprocess.run(command, cwd=REPO, env=env, capture_output=True, text=True, timeout=600, preexec_fn=limited)
    assert full.returncode == 2, full.stderr[-3000:]
    assert "error: cannot write" in full.stderr and "File too large" in full.stderr
    assert "Traceback" not in full.stderr
    stage = tmp_path / "run" / "sft"
    assert (stage / "checkpoints" / "checkpoint-4" / "COMPLETE").is_file() and not (stage / "manifest.json").exists()
    again = _child(args)
    assert again.returncode == 0, again.stderr[-3000:]
    assert "resuming from" in again.stdout and (stage / "merged" / "model.safetensors").is_file()
