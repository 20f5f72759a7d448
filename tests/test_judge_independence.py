"""The report's independence marks, read from stage manifests: a judge is marked when a model was
optimised against it (PPO's reward model) or learnt from the same data outside the judge split,
also through the model's lineage (its SFT start); the judge stage is independent of both policies."""

from __future__ import annotations

import json
from pathlib import Path

from alignment.eval.independence import independence, independence_text, marks

SPLIT = {"fraction": 0.2, "seed": 1234}


def stage(
    run_dir: Path,
    name: str,
    model: str,
    data: list[str],
    part: str | None = None,
    split_seed: int = 1234,
    reward_model: str | None = None,
) -> str:
    inputs = {
        "model": {"name": model, "path": model},
        "data": [{"path": path, "sha256": f"sha-{path}"} for path in data],
    }
    if part is not None:
        inputs["judge_split"] = {"fraction": 0.2, "seed": split_seed, "part": part, "excluded": 3}
    if reward_model is not None:
        inputs["reward_model"] = {"path": reward_model}
    directory = run_dir / name
    directory.mkdir(parents=True)
    (directory / "manifest.json").write_text(json.dumps({"stage": name, "inputs": inputs}))
    return str(directory)


def ppo_run(run_dir: Path) -> dict:
    """The PPO quickstart's shape: sft (chats + the harmless pairs' chosen replies), judge from the base on
    the judge part, reward from sft on the rest, ppo from sft on the rest, optimised against reward."""
    sft = stage(run_dir, "sft", "base-model", ["chats.jsonl", "harmless.jsonl"], "rest")
    judge = stage(run_dir, "judge", "base-model", ["helpful.jsonl", "harmless.jsonl"], "judge")
    reward = stage(run_dir, "reward", sft, ["helpful.jsonl", "harmless.jsonl"], "rest")
    ppo = stage(run_dir, "ppo", sft, ["harmless.jsonl"], "rest", reward_model=reward)
    return {"sft": sft, "judge": judge, "reward": reward, "ppo": ppo}


def test_the_judge_stage_is_independent_of_the_policies_and_the_base_is_unknown(tmp_path):
    run = ppo_run(tmp_path)
    result = independence(run["judge"], {"base": "base-model", "sft": run["sft"], "ppo": run["ppo"]})
    assert result["independent_of"] == ["sft", "ppo"]
    assert result["optimised_against"] == result["shares_data_with"] == []
    assert result["unknown"] == ["base"]  # no manifest: its training data is not known here


def test_the_reward_model_ppo_was_optimised_against_is_marked(tmp_path):
    run = ppo_run(tmp_path)
    result = independence(run["reward"], {"sft": run["sft"], "ppo": run["ppo"]})
    assert result["optimised_against"] == ["ppo"]
    assert "trained to maximise this judge's score" in result["reasons"]["ppo"]
    # the reward model descends from the SFT model, so it learnt from the SFT data too
    assert result["shares_data_with"] == ["sft"] and result["independent_of"] == []
    text = independence_text({"independence": result})
    assert text.startswith("NOT INDEPENDENT: optimised against it: ppo; shares training data with: sft")
    merged = Path(run["reward"]) / "adapter"  # a judge given as the stage's adapter dir is the same judge
    merged.mkdir()
    assert independence(str(merged), {"ppo": run["ppo"]})["optimised_against"] == ["ppo"]


def test_shared_pairs_are_marked_unless_the_split_separates_them(tmp_path):
    run = ppo_run(tmp_path)
    unsplit = stage(tmp_path, "dpo", run["sft"], ["helpful.jsonl"])  # no judge split: the judge's pairs too
    other_seed = stage(tmp_path, "dpo2", run["sft"], ["helpful.jsonl"], "rest", split_seed=99)
    result = independence(run["judge"], {"dpo": unsplit, "dpo2": other_seed, "sft": run["sft"]})
    assert result["shares_data_with"] == ["dpo", "dpo2"] and result["independent_of"] == ["sft"]
    assert "helpful.jsonl" in result["reasons"]["dpo"]


def test_a_judge_without_a_manifest_marks_only_what_was_optimised_against_it(tmp_path):
    run = ppo_run(tmp_path)
    outside = tmp_path / "someone-elses-reward-model"
    outside.mkdir()
    result = independence(str(outside), {"sft": run["sft"]})
    assert result["unknown"] == ["sft"] and not result["independent_of"]
    remote = marks({"type": "http", "model": "judge-7b"}, {"sft": run["sft"]})
    assert remote["independent_of"] == ["sft"]


def test_a_policy_shares_the_data_of_the_reward_model_it_was_optimised_against(tmp_path):
    """PPO learns the reward model's preferences: pairs the reward model read are pairs PPO learnt from."""
    sft = stage(tmp_path, "sft", "base-model", ["chats.jsonl"])
    judge = stage(tmp_path, "judge", "base-model", ["helpful.jsonl"], "judge")
    reward = stage(tmp_path, "reward", sft, ["helpful.jsonl"])  # no judge split: it read the judge's pairs
    ppo = stage(tmp_path, "ppo", sft, ["prompts.jsonl"], reward_model=reward)
    result = independence(judge, {"sft": sft, "ppo": ppo})
    assert result["shares_data_with"] == ["ppo"] and result["independent_of"] == ["sft"]
    assert "helpful.jsonl" in result["reasons"]["ppo"]
