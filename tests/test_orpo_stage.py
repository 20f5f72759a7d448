"""The ORPO stage on a tiny model: it trains without a reference pass, changes only LoRA tensors,
records its own config, and the eval reads it as the preference policy it is. The loss itself is
checked against hand-computed values in tests/test_losses.py."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from helpers.stage_checks import Capture, assert_only_lora_changed, assert_resume_matches, preference_overrides

from alignment.cli.main import main as cli_main
from alignment.config import ORPOConfig, load_config
from alignment.core.errors import ConfigError
from alignment.eval.tasks.preference_accuracy import dpo_stage_dir, load_dpo_config
from alignment.stages import orpo

REPO = Path(__file__).resolve().parent.parent


def orpo_overrides(model_dir, pairs_file, run_dir, *extra) -> list[str]:
    return preference_overrides(model_dir, pairs_file, run_dir, "orpo.eval_batch_size=5", *extra)


@pytest.fixture(scope="module")
def trained(tiny_model_dir, tiny_pairs_file, tmp_path_factory):
    config = load_config(
        ORPOConfig, None, orpo_overrides(tiny_model_dir, tiny_pairs_file, tmp_path_factory.mktemp("r"))
    )
    capture = Capture()
    return config, orpo.run(config, callbacks=[capture]), capture.model


def test_orpo_trains_without_a_reference_pass(trained):
    config, result, _ = trained
    assert result.output_dir == Path(config.run_dir) / "orpo"
    lines = [json.loads(line) for line in (result.output_dir / "metrics.jsonl").read_text().splitlines()]
    losses = [line["loss"] for line in lines if "loss" in line]
    assert len(losses) == 8 and losses[-1] < losses[0]
    assert result.metrics["reference_logps"] == {}  # reference-free: no precomputed pass
    evaluation = json.loads((result.output_dir / "eval.json").read_text())
    assert evaluation["reward"] == "beta * logp / |y| (orpo)"
    # the held-out chosen replies became likelier: ORPO's NLL term is SFT on them
    assert result.metrics["eval_chosen_logp_change"] > 0


def test_the_stage_records_its_own_config(trained):
    config, result, _ = trained
    manifest = json.loads((result.output_dir / "manifest.json").read_text())
    assert manifest["stage"] == "orpo"
    assert load_config(ORPOConfig, result.output_dir / "config.yaml") == config
    assert orpo.run(config).skipped  # a rerun of the finished stage skips


def test_only_lora_tensors_change(trained, tiny_model_dir):
    assert_only_lora_changed(trained[2], tiny_model_dir)


def test_the_eval_reads_an_orpo_stage_as_a_reference_free_policy(trained):
    config, result, _ = trained
    assert dpo_stage_dir(str(result.output_dir / "merged")) == result.output_dir
    as_dpo = load_dpo_config(result.output_dir / "config.yaml")
    assert (as_dpo.dpo.loss, as_dpo.dpo.beta) == ("orpo", config.orpo.beta)


def test_bad_settings_fail_before_writing(tiny_model_dir, tiny_pairs_file, tmp_path, capsys):
    with pytest.raises(ConfigError, match="orpo.beta"):
        load_config(ORPOConfig, None, orpo_overrides(tiny_model_dir, tiny_pairs_file, tmp_path, "orpo.beta=0"))
    assert cli_main(["orpo", "orpo.lam=0.1"]) == 2
    assert "unknown config key 'orpo.lam' (valid keys in orpo: beta, eval_batch_size)" in capsys.readouterr().err
    assert not tmp_path.joinpath("orpo").exists()


def test_orpo_command_prints_the_recipe(capsys):
    recipe = str(REPO / "recipes/smollm2-135m/orpo_lora.yaml")
    assert cli_main(["orpo", "--config", recipe, "--print-config", "orpo.beta=0.2"]) == 0
    assert "beta: 0.2" in capsys.readouterr().out


def test_resume_after_kill_matches_uninterrupted_run(tiny_model_dir, tiny_pairs_file, tmp_path):
    extra = ["train.max_steps=6", "train.save_steps=2", "merge=false"]
    orpo.run(
        load_config(ORPOConfig, None, orpo_overrides(tiny_model_dir, tiny_pairs_file, tmp_path / "straight", *extra))
    )
    args = orpo_overrides(tiny_model_dir, tiny_pairs_file, tmp_path / "resumed", *extra)
    assert_resume_matches("orpo", tmp_path / "straight", args, tmp_path / "resumed")
