"""The KTO stage on a tiny model: our loss (`alignment.losses.kto_loss`, hand values in
tests/test_losses.py) is the one TRL's trainer computes on a batch, the first loss is w / 2
(policy = reference), only LoRA tensors change, pairs unpair into desirable and undesirable rows,
KTO rows are read too, and settings that would break the KL estimate are refused before writing."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
import torch
from helpers.stage_checks import Capture, assert_only_lora_changed, assert_resume_matches, preference_overrides

from alignment.config import KTOConfig, load_config
from alignment.core.errors import AlignmentError, DataError
from alignment.losses import kto_loss
from alignment.stages import kto


def kto_overrides(model_dir, pairs_file, run_dir, *extra) -> list[str]:
    return preference_overrides(model_dir, pairs_file, run_dir, "kto.eval_batch_size=4", "kto.beta=0.5", *extra)


@pytest.fixture(scope="module")
def trained(tiny_model_dir, tiny_pairs_file, tmp_path_factory):
    config = load_config(KTOConfig, None, kto_overrides(tiny_model_dir, tiny_pairs_file, tmp_path_factory.mktemp("r")))
    capture = Capture()
    return config, kto.run(config, callbacks=[capture]), capture.model


def _losses(stage_dir: Path) -> list[float]:
    lines = [json.loads(line) for line in (stage_dir / "metrics.jsonl").read_text().splitlines()]
    return [line["loss"] for line in lines if "loss" in line]


def test_first_loss_is_half_the_weight_and_the_loss_falls(trained):
    _, result, _ = trained
    losses = _losses(result.output_dir)
    assert len(losses) == 8
    assert losses[0] == pytest.approx(0.5, abs=1e-4)  # policy = reference: 1 - sigmoid(0) per row
    assert losses[-1] < losses[0] - 0.05
    evaluation = json.loads((result.output_dir / "eval.json").read_text())
    assert evaluation["reward_margin"] > 0  # held-out desirable rows rewarded above undesirable ones


def test_pairs_unpair_into_one_desirable_and_one_undesirable_row(trained):
    _, result, _ = trained
    data = result.metrics["data"]
    assert data["desirable"] == data["undesirable"] > 0


def test_only_lora_tensors_change(trained, tiny_model_dir):
    assert_only_lora_changed(trained[2], tiny_model_dir)


def test_our_loss_is_the_trainers_on_a_batch(trained):
    """TRL's KTO loss on one batch of the trained policy against ours from the same log-probs."""
    config, result, model = trained
    tokenizer_dir = result.output_dir / "adapter"
    from datasets import Dataset
    from transformers import AutoTokenizer
    from trl import KTOTrainer
    from trl.trainer.utils import use_adapter

    tokenizer = AutoTokenizer.from_pretrained(tokenizer_dir)
    train, _, _, _ = kto.load_rows(config, tokenizer)
    args = kto._trl_args(config, result.output_dir / "scratch")
    args.precompute_ref_log_probs = False  # the reference per batch, from the adapter-off model (below)
    trainer = KTOTrainer(
        model=model,
        args=args,
        train_dataset=Dataset.from_list([kto._columns(row) for row in train[:8]]),
        processing_class=tokenizer,
    )
    # Handed a trained PeftModel, TRL adds a frozen copy of its adapter ("ref") as the reference;
    # the stage's reference is the base (adapter disabled), so drop the copy.
    if "ref" in model.peft_config:
        model.delete_adapter("ref")
    batch = next(iter(trainer.get_train_dataloader()))
    model.eval()
    with torch.no_grad():
        theirs = trainer._compute_loss(model, batch, return_outputs=False)

        def logps(ids, mask, completion):
            labels = ids.masked_fill(completion == 0, -100)
            out = model(input_ids=ids, attention_mask=mask, labels=labels, fused_lm_head=True, use_cache=False)
            return out.log_probs[:, -(ids.size(1) - 1) :].sum(-1)

        policy = logps(batch["input_ids"], batch["attention_mask"], batch["completion_mask"])
        mismatched = logps(batch["KL_input_ids"], batch["KL_attention_mask"], batch["KL_completion_mask"])
        with use_adapter(model, None):
            reference = logps(batch["input_ids"], batch["attention_mask"], batch["completion_mask"])
            reference_mismatched = logps(batch["KL_input_ids"], batch["KL_attention_mask"], batch["KL_completion_mask"])
    kl = (mismatched - reference_mismatched).mean().clamp(min=0)
    ours = kto_loss(policy, reference, batch["label"].bool(), kl, config.kto.beta).mean()
    assert ours.item() == pytest.approx(theirs.item(), rel=1e-4, abs=1e-6)
    assert abs(ours.item() - 0.5) > 1e-3  # a trained policy, not a fresh one


def test_kto_rows_are_read_beside_the_pairs(tiny_model_dir, tmp_path):
    rows = [
        {
            "prompt": [{"role": "user", "content": f"What is {i} plus {i}?"}],
            "completion": [{"role": "assistant", "content": str(2 * i) if i % 2 else "no idea"}],
            "label": bool(i % 2),
        }
        for i in range(12)
    ]
    path = tmp_path / "kto.jsonl"
    path.write_text("".join(json.dumps(row) + "\n" for row in rows))
    config = load_config(
        KTOConfig,
        None,
        kto_overrides(
            tiny_model_dir,
            path,
            tmp_path / "run",
            "data.sources=[]",
            f"data.unpaired_files=[{path}]",
            "train.max_steps=2",
        ),
    )
    train, test, counts, _ = kto.load_rows(
        config, __import__("alignment.models.loading", fromlist=["x"]).load_tokenizer(str(tiny_model_dir), config.model)
    )
    assert counts["KTO rows"] == 12 and len(train) + len(test) == 12
    assert {row.label for row in train} == {True, False}
    assert kto.run(config).metrics["steps"] == 2


def test_duplicate_kto_rows_are_dropped_and_long_ones_cut_and_counted(tiny_model_dir, tmp_path):
    rows = [
        {
            "prompt": [{"role": "user", "content": f"What is {i} plus {i}?"}],
            "completion": [{"role": "assistant", "content": str(2 * i) if i % 2 else "no idea"}],
            "label": bool(i % 2),
        }
        for i in range(12)
    ]
    rows[0]["completion"][0]["content"] = " ".join(f"w{index}" for index in range(300))
    path = tmp_path / "kto.jsonl"
    path.write_text("".join(json.dumps(row) + "\n" for row in rows + rows[1:3]))
    overrides = [f"data.unpaired_files=[{path}]", "data.sources=[]", "data.max_length=64"]
    config = load_config(KTOConfig, None, kto_overrides(tiny_model_dir, path, tmp_path / "run", *overrides))
    tokenizer = __import__("alignment.models.loading", fromlist=["x"]).load_tokenizer(str(tiny_model_dir), config.model)
    train, test, counts, _ = kto.load_rows(config, tokenizer)
    assert counts["KTO rows duplicating an earlier row (dropped)"] == 2
    assert counts["KTO rows cut to fit max_length"] == 1 and len(train) + len(test) == 12
    config = load_config(
        KTOConfig, None, kto_overrides(tiny_model_dir, path, tmp_path / "run", *overrides, "data.truncation=drop")
    )
    train, test, counts, _ = kto.load_rows(config, tokenizer)
    assert counts["KTO rows over max_length (dropped)"] == 1 and len(train) + len(test) == 11


@pytest.mark.parametrize(
    "setting, message",
    [("train.group_by_length=true", "group_by_length"), ("train.batch_size=1", "batch_size")],
)
def test_settings_that_break_the_kl_estimate_fail_before_writing(
    tiny_model_dir, tiny_pairs_file, tmp_path, setting, message
):
    config = load_config(KTOConfig, None, kto_overrides(tiny_model_dir, tiny_pairs_file, tmp_path / "run", setting))
    with pytest.raises(AlignmentError, match=message):
        kto.run(config)
    assert not (tmp_path / "run").exists()


def test_resume_after_kill_matches_uninterrupted_run(tiny_model_dir, tiny_pairs_file, tmp_path):
    extra = ["train.max_steps=6", "train.save_steps=2", "merge=false"]
    kto.run(load_config(KTOConfig, None, kto_overrides(tiny_model_dir, tiny_pairs_file, tmp_path / "straight", *extra)))
    args = kto_overrides(tiny_model_dir, tiny_pairs_file, tmp_path / "resumed", *extra)
    assert_resume_matches("kto", tmp_path / "straight", args, tmp_path / "resumed")


def test_the_manifest_records_the_judge_split_it_read(tiny_model_dir, tiny_pairs_file, tmp_path):
    """The eval decides a judge's independence from this record (eval/independence.py)."""
    args = kto_overrides(
        tiny_model_dir, tiny_pairs_file, tmp_path, "data.judge_split.fraction=0.5", "train.max_steps=1"
    )
    result = kto.run(load_config(KTOConfig, None, args))
    recorded = json.loads((result.output_dir / "manifest.json").read_text())["inputs"]["judge_split"]
    assert (recorded["fraction"], recorded["part"]) == (0.5, "rest")
    assert recorded["excluded"] > 0 and recorded["kept"] > 0


def test_dynamics_probe_held_out_prompts_with_a_desirable_and_an_undesirable_reply(trained):
    """KTO's probes pair each held-out prompt's desirable row (chosen) with its undesirable one (rejected);
    the margin uses kto.beta, and the chosen replies' log-probs rise against the rejected ones'."""
    _, result, _ = trained
    lines = [json.loads(line) for line in (result.output_dir / "dynamics.jsonl").read_text().splitlines()]
    setup, checks = lines[0], [line for line in lines if line.get("kind") == "check"]
    assert setup["stage"] == "kto" and setup["probes"]
    assert all(probe["chosen"] and probe["rejected"] for probe in setup["probes"])
    assert [check["step"] for check in checks] == [0, 4, 8]
    assert checks[-1]["means"]["margin"] > checks[0]["means"]["margin"]


def test_rows_of_one_label_only_are_refused_before_writing(tiny_model_dir, tmp_path):
    path = tmp_path / "thumbs_up.jsonl"
    rows = [
        {"prompt": f"What is {i} plus {i}?", "completion": str(2 * i), "label": True}  # desirable only
        for i in range(12)
    ]
    path.write_text("".join(json.dumps(row) + "\n" for row in rows))
    overrides = kto_overrides(
        tiny_model_dir, path, tmp_path / "run", "data.sources=[]", f"data.unpaired_files=[{path}]"
    )
    with pytest.raises(DataError, match="are desirable and none undesirable") as caught:
        kto.run(load_config(KTOConfig, None, overrides))
    assert str(path) in str(caught.value)
    assert not (tmp_path / "run").exists()
