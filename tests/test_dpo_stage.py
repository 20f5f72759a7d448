"""DPO stage invariants on tiny models: the first loss is ln 2 (policy = reference); only LoRA
tensors change; the cached reference log-probs equal a fresh adapter-disabled pass after training
and a second run reads them instead of recomputing; our loss equals TRL's for sigmoid and IPO;
IPO and the reference-free SimPO train; outputs and held-out implicit-reward eval; skip, refusal,
bad settings and resume after kill -9."""

from __future__ import annotations

import json
import math
import os
import subprocess
import sys
from pathlib import Path

import pytest
import torch
from helpers.stage_checks import assert_only_lora_changed
from safetensors.torch import load_file
from transformers import TrainerCallback
from trl import DPOTrainer

from alignment.cli.main import main as cli_main
from alignment.config import DPOConfig, load_config
from alignment.core.errors import AlignmentError
from alignment.stages.dpo import offline as dpo

REPO = Path(__file__).resolve().parent.parent
CHILD = REPO / "tests" / "helpers" / "stage_child.py"


def overrides(model_dir, pairs_file, run_dir, *extra) -> list[str]:
    return [
        f"run_dir={run_dir}",
        f"model.name_or_path={model_dir}",
        f"data.sources=[{{files: [{pairs_file}], name: sums}}]",
        "data.test_fraction=0.25",
        "train.batch_size=4",
        "train.max_steps=10",
        "train.save_steps=5",
        "train.logging_steps=1",
        "train.lr=1e-2",
        "adapter.r=4",
        "adapter.alpha=8",
        "dpo.eval_batch_size=5",
        *extra,
    ]


class Capture(TrainerCallback):
    def on_train_end(self, args, state, control, model=None, **kwargs):
        self.model = model


@pytest.fixture(scope="module")
def cache_root(tmp_path_factory) -> Path:
    return tmp_path_factory.mktemp("cache")


@pytest.fixture(scope="module")
def trained(tiny_model_dir, tiny_pairs_file, cache_root, tmp_path_factory):
    """One in-process sigmoid run with precomputed reference log-probs; (config, result, model)."""
    saved = os.environ.get("ALIGNMENT_CACHE")
    os.environ["ALIGNMENT_CACHE"] = str(cache_root)  # a module fixture runs before the per-test cache fixture
    try:
        config = load_config(
            DPOConfig, None, overrides(tiny_model_dir, tiny_pairs_file, tmp_path_factory.mktemp("run"))
        )
        capture = Capture()
        result = dpo.run(config, callbacks=[capture])
    finally:
        if saved is None:
            os.environ.pop("ALIGNMENT_CACHE", None)
        else:
            os.environ["ALIGNMENT_CACHE"] = saved
    return config, result, capture.model


def _losses(stage_dir: Path) -> list[float]:
    lines = [json.loads(line) for line in (stage_dir / "metrics.jsonl").read_text().splitlines()]
    return [line["loss"] for line in lines if "loss" in line]


def test_first_loss_is_ln2_and_the_loss_falls(trained):
    _, result, _ = trained
    losses = _losses(result.output_dir)
    assert len(losses) == 10
    assert losses[0] == pytest.approx(math.log(2), abs=1e-4)  # policy = reference at step 1
    assert losses[-1] < losses[0] - 0.05
    assert result.metrics["eval_implicit_accuracy"] == 1.0
    assert result.metrics["eval_chosen_logp_change"] > result.metrics["eval_rejected_logp_change"]


def test_only_lora_tensors_change(trained, tiny_model_dir):
    assert_only_lora_changed(trained[2], tiny_model_dir)


def test_reference_logps_do_not_move_during_training(trained, tiny_model_dir, tiny_pairs_file):
    config, result, model = trained
    cached = result.metrics["reference_logps"]["train"]
    assert cached["cache"] == "computed"
    trainer, rows = _trainer(config, model, tiny_pairs_file)
    saved = json.loads(Path(cached["file"]).read_text())
    before = torch.tensor([saved[dpo.pair_key(row)] for row in rows])  # what training read
    scores = dpo.score_rows(trainer, rows, 5, "reference")  # adapter disabled, after training
    chosen, rejected = scores["chosen"], scores["rejected"]
    assert torch.allclose(chosen, before[:, 0], atol=1e-4) and torch.allclose(rejected, before[:, 1], atol=1e-4)
    policy_chosen = dpo.score_rows(trainer, rows, 5, "policy")["chosen"]
    assert (policy_chosen - chosen).abs().max() > 1e-2  # the policy moved; the reference did not


def test_a_second_run_reads_the_cache_and_runs_no_reference_pass(
    trained, tiny_model_dir, tiny_pairs_file, tmp_path, monkeypatch, cache_root
):
    monkeypatch.setenv("ALIGNMENT_CACHE", str(cache_root))
    score_rows = dpo.score_rows

    def no_reference(trainer, rows, batch_size, mode):
        assert mode == "policy", "a reference forward pass ran although the cache holds these pairs"
        return score_rows(trainer, rows, batch_size, mode)

    monkeypatch.setattr(dpo, "score_rows", no_reference)
    # 2 steps read a seeded sample of 8 of the 18 training pairs: every one of them is in the cache
    config = load_config(DPOConfig, None, overrides(tiny_model_dir, tiny_pairs_file, tmp_path, "train.max_steps=2"))
    result = dpo.run(config)
    assert result.metrics["data"]["sums"]["train"] == 18 and result.metrics["reference_logps"]["train"]["computed"] == 0
    assert {split: figures["cache"] for split, figures in result.metrics["reference_logps"].items()} == {
        "train": "hit",
        "test": "hit",
    }
    assert _losses(result.output_dir)[0] == pytest.approx(math.log(2), abs=1e-4)


def _trainer(config, model, pairs_file):
    from datasets import Dataset

    from alignment.data.mixture import load_preference_data
    from alignment.models.loading import load_tokenizer, resolve_model_dir

    tokenizer = load_tokenizer(resolve_model_dir(config.model), config.model)
    rows = dpo.encode_pairs(tokenizer, load_preference_data(config.data, tokenizer).train)
    trainer = dpo.PreferenceTrainer(
        model=model,
        args=dpo._trl_args(config, Path("/tmp/unused")),
        settings=config.dpo,
        train_dataset=Dataset.from_list([dpo._training_columns(row) for row in rows]),
        processing_class=tokenizer,
    )
    # Handed a trained PeftModel, TRL adds a frozen copy of its adapter ("ref") as the reference;
    # the stage's reference is the base (adapter disabled), so drop the copy.
    model.delete_adapter("ref")
    return trainer, rows


@pytest.mark.parametrize("loss", ["sigmoid", "ipo"])
def test_our_loss_equals_trls_on_a_batch(trained, tiny_pairs_file, loss):
    """TRL's own _compute_loss (adapter-disabled reference) and ours agree on a trained policy."""
    import dataclasses

    config, _, model = trained
    config = dataclasses.replace(config, dpo=dataclasses.replace(config.dpo, loss=loss))
    trainer, rows = _trainer(config, model, tiny_pairs_file)
    batch = trainer.data_collator([dpo._training_columns(row) for row in rows[:4]])
    model.eval()
    with torch.no_grad():
        ours = trainer._compute_loss(model, batch)
        theirs = DPOTrainer._compute_loss(trainer, model, batch, return_outputs=False)
    assert ours.item() == pytest.approx(theirs.item(), rel=1e-5, abs=1e-6)
    assert abs(ours.item() - {"sigmoid": math.log(2), "ipo": 25.0}[loss]) > 1e-3  # a trained, not a fresh, policy


@pytest.mark.parametrize("loss, extra", [("ipo", []), ("simpo", ["dpo.beta=2.0", "dpo.label_smoothing=0.1"])])
def test_ipo_and_simpo_train(tiny_model_dir, tiny_pairs_file, tmp_path, loss, extra):
    config = load_config(
        DPOConfig,
        None,
        overrides(
            tiny_model_dir, tiny_pairs_file, tmp_path, f"dpo.loss={loss}", "train.max_steps=6", "merge=false", *extra
        ),
    )
    result = dpo.run(config)
    losses = _losses(result.output_dir)
    if loss == "ipo":
        assert losses[0] == pytest.approx(25.0, abs=1e-3)  # (0 - 1 / (2 * 0.1))^2
    assert losses[-1] < losses[0]
    # SimPO needs no reference for training: no precomputed pass; the held-out scoring runs it
    assert set(result.metrics["reference_logps"]) == (set() if loss == "simpo" else {"train", "test"})
    assert result.metrics["eval_chosen_logp_change"] is not None
    evaluation = json.loads((result.output_dir / "eval.json").read_text())
    assert evaluation["reward"].endswith("(simpo)") == (loss == "simpo")


def test_stage_writes_outputs_and_provenance(trained, tiny_pairs_file):
    config, result, _ = trained
    stage = result.output_dir
    for name in (
        "adapter/adapter_model.safetensors",
        "adapter/adapter_config.json",
        "merged/model.safetensors",
        "config.yaml",
        "metrics.jsonl",
        "eval.json",
        "manifest.json",
        "README.md",
        "checkpoints/checkpoint-10/COMPLETE",
    ):
        assert (stage / name).is_file(), name
    assert load_config(DPOConfig, stage / "config.yaml") == config
    manifest = json.loads((stage / "manifest.json").read_text())
    assert manifest["stage"] == "dpo" and manifest["outputs"] == ["adapter/", "merged/"]
    assert manifest["inputs"]["data"][0]["path"] == str(tiny_pairs_file)
    assert manifest["metrics"]["first_loss"] == pytest.approx(math.log(2), abs=1e-4)
    evaluation = json.loads((stage / "eval.json").read_text())
    assert evaluation["subsets"]["sums"]["n"] == 6 and evaluation["overall"]["accuracy"] == 1.0
    assert "## Held-out evaluation" in (stage / "README.md").read_text()


def test_rerun_skips_and_a_changed_config_is_refused(trained, tmp_path):
    config, result, _ = trained
    manifest = result.output_dir / "manifest.json"
    before = manifest.read_text()
    assert dpo.run(config).skipped and manifest.read_text() == before
    manifest.rename(tmp_path / "manifest.json")  # pretend the run was interrupted
    try:
        changed = load_config(DPOConfig, result.output_dir / "config.yaml", ["dpo.beta=0.5"])
        with pytest.raises(AlignmentError, match=r"different config \(changed: dpo.beta\)"):
            dpo.run(changed)
    finally:
        manifest.write_text(before)


@pytest.mark.parametrize(
    "setting, message",
    [("dpo.label_smoothing=0.5", r"label_smoothing must be in \[0, 0.5\)"), ("dpo.beta=0", "beta must be positive")],
)
def test_bad_settings_fail_before_anything_is_written(tiny_model_dir, tiny_pairs_file, tmp_path, setting, message):
    config = load_config(DPOConfig, None, overrides(tiny_model_dir, tiny_pairs_file, tmp_path / "run", setting))
    with pytest.raises(AlignmentError, match=message):
        dpo.run(config)
    assert not (tmp_path / "run").exists()


def _child(args: list[str]) -> subprocess.CompletedProcess:
    env = {**os.environ, "HF_HUB_OFFLINE": "1", "TOKENIZERS_PARALLELISM": "false"}
    return subprocess.run(
        [sys.executable, str(CHILD), "dpo", *args], cwd=REPO, env=env, capture_output=True, text=True, timeout=600
    )


def test_resume_after_kill_matches_uninterrupted_run(tiny_model_dir, tiny_pairs_file, tmp_path):
    extra = ["train.max_steps=6", "train.save_steps=2", "merge=false"]
    dpo.run(load_config(DPOConfig, None, overrides(tiny_model_dir, tiny_pairs_file, tmp_path / "straight", *extra)))
    resumed_dir = tmp_path / "resumed"
    args = overrides(tiny_model_dir, tiny_pairs_file, resumed_dir, *extra)
    killed = _child(["--kill-at-step", "5", *args])
    assert killed.returncode == -9
    assert (resumed_dir / "dpo" / "checkpoints" / "checkpoint-4" / "COMPLETE").is_file()
    assert not (resumed_dir / "dpo" / "manifest.json").exists()
    again = _child(args)
    assert again.returncode == 0, again.stderr[-3000:]
    assert "resuming from" in again.stdout and "checkpoint-4" in again.stdout
    assert "0 computed" in again.stdout  # the resumed run reuses the cached reference log-probs
    expected = load_file(tmp_path / "straight" / "dpo" / "adapter" / "adapter_model.safetensors")
    actual = load_file(resumed_dir / "dpo" / "adapter" / "adapter_model.safetensors")
    assert expected.keys() == actual.keys()
    for name in expected:
        assert torch.allclose(actual[name], expected[name], atol=1e-6), name


def test_dpo_command_resolves_its_config_strictly(capsys):
    assert (
        cli_main(
            ["dpo", "--config", str(REPO / "recipes/smollm2-135m/dpo_lora.yaml"), "--print-config", "dpo.loss=ipo"]
        )
        == 0
    )
    assert "loss: ipo" in capsys.readouterr().out
    assert cli_main(["dpo", "dpo.label_smothing=0.1"]) == 2
    assert "did you mean 'dpo.label_smoothing'?" in capsys.readouterr().err


def test_a_damaged_reference_cache_is_computed_again_with_a_notice(
    tiny_model_dir, tiny_pairs_file, tmp_path, monkeypatch, capsys
):
    monkeypatch.setenv("ALIGNMENT_CACHE", str(tmp_path / "cache"))
    config = load_config(
        DPOConfig, None, overrides(tiny_model_dir, tiny_pairs_file, tmp_path / "a", "train.max_steps=1")
    )
    first = dpo.run(config).metrics["reference_logps"]["train"]
    cache = Path(first["file"])
    cache.write_text(cache.read_text()[:50])  # cut short
    again = load_config(
        DPOConfig, None, overrides(tiny_model_dir, tiny_pairs_file, tmp_path / "b", "train.max_steps=1")
    )
    second = dpo.run(again).metrics["reference_logps"]["train"]
    assert second["cache"] == "computed" and second["computed"] == first["computed"]
    assert f"{cache}: not a reference log-prob cache (damaged?); computing its entries again" in capsys.readouterr().out
    assert json.loads(cache.read_text())  # rebuilt whole
