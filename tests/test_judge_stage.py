"""The judge stage in a tiny pipeline: it trains only on the judge part of the pairs, from the base
model; reward, DPO and SFT never read a judge-part prompt; the eval stage judges with it by default
and results.json records it as independent of the policies, read from their manifests."""

from __future__ import annotations

import json

import pytest
import torch
from conftest import write_separable_pairs
from transformers import AutoTokenizer

from alignment import pipeline
from alignment.config import PipelineConfig, load_config
from alignment.data import judge_split
from alignment.data.mixture import load_preference_data
from alignment.data.sft import load_sft_examples

STAGES = ["sft", "judge", "reward", "dpo"]


@pytest.fixture(scope="module")
def judged_run(tiny_model_dir, tiny_chats_file, tmp_path_factory):
    from helpers.tiny_eval import write_prompt_files, write_suite

    root = tmp_path_factory.mktemp("judged")
    pairs = write_separable_pairs(root / "pairs.jsonl", n=40)  # the chats' prompts too: SFT loses the judge's
    suite = write_suite(
        root / "suite",
        tasks=[
            {
                "name": "helpful_judged",
                "prompt_file": str(write_prompt_files(root / "prompts")["helpful"]),
                "max_new_tokens": 4,
            }
        ],
    )
    overrides = [
        f"run_dir={root / 'run'}",
        f"stages=[{', '.join(STAGES)}, eval]",
        "judge_split.fraction=0.3",
        f"sft.model.name_or_path={tiny_model_dir}",
        f"sft.data.train_files=[{tiny_chats_file}]",
        "sft.data.eval_fraction=0.1",
        f"eval.suite={suite}",
        "eval.models={sft: sft, dpo: dpo}",
        "eval.baseline=sft",
    ]
    for name in STAGES:
        overrides += [
            f"{name}.train.batch_size=2",
            f"{name}.train.max_steps=2",
            f"{name}.train.save_steps=2",
            f"{name}.train.logging_steps=1",
            f"{name}.adapter.r=4",
            f"{name}.adapter.alpha=8",
            f"{name}.adapter.dropout=0.0",
        ]
        if name != "sft":
            overrides += [f"{name}.data.sources=[{{files: [{pairs}], name: sums}}]", f"{name}.data.test_fraction=0.25"]
    config = load_config(PipelineConfig, None, overrides)
    threads = torch.get_num_threads()
    torch.set_num_threads(1)  # tiny models: a second thread only contends on a busy 2-core machine
    try:
        with pytest.MonkeyPatch.context() as patch:
            patch.setenv("ALIGNMENT_CACHE", str(root / "cache"))
            pipeline.run(config)
    finally:
        torch.set_num_threads(threads)
    return config, root / "run", pairs


def manifest(run_dir, stage: str) -> dict:
    return json.loads((run_dir / stage / "manifest.json").read_text())


def test_no_judge_prompt_reaches_the_other_stages_and_the_judge_reads_only_its_part(judged_run, tiny_model_dir):
    config, run_dir, pairs = judged_run
    split = config.judge.data.judge_split
    tokenizer = AutoTokenizer.from_pretrained(tiny_model_dir)
    judge_data = load_preference_data(config.judge.data, tokenizer)  # what each stage's loader hands it
    judge_prompts = {judge_split.prompt_text(pair.prompt) for pair in judge_data.train + judge_data.test}
    assert judge_prompts and all(judge_split.in_judge_part(pair.prompt, split) for pair in judge_data.train)
    for name in ("reward", "dpo"):
        data = load_preference_data(getattr(config, name).data, tokenizer)
        assert not judge_prompts & {judge_split.prompt_text(pair.prompt) for pair in data.train + data.test}
    chats = load_sft_examples(config.sft.data.train_files)
    kept, _ = judge_split.apply(chats, lambda example: example.messages[:-1], config.sft.data.judge_split)
    assert not judge_prompts & {judge_split.prompt_text(chat.messages[:-1]) for chat in kept}
    # the manifests say so: one split, each stage's side, what was left out, the same judge prompt set
    recorded = {name: manifest(run_dir, name)["inputs"]["judge_split"] for name in STAGES}
    assert {(entry["fraction"], entry["seed"]) for entry in recorded.values()} == {(0.3, split.seed)}
    assert [recorded[name]["part"] for name in STAGES] == ["rest", "judge", "rest", "rest"]
    assert recorded["judge"]["kept"] == recorded["reward"]["excluded"] == recorded["dpo"]["excluded"] > 0
    assert recorded["sft"]["excluded"] > 0  # the chats asking a judge-part question
    assert len({recorded[name]["judge_prompts_sha256"] for name in ("judge", "reward", "dpo")}) == 1
    # the judge started from the base model, not from the SFT policy it judges
    assert manifest(run_dir, "judge")["inputs"]["model"]["name"] == str(tiny_model_dir)
    assert "Held-out evaluation" in (run_dir / "judge" / "README.md").read_text()  # its pairwise accuracy


def test_the_eval_judges_with_the_judge_stage_and_records_its_independence(judged_run):
    _, run_dir, _ = judged_run
    results = json.loads((run_dir / "eval" / "results.json").read_text())
    judge = results["judges"]["helpful_judged"]
    assert judge["path"] == str(run_dir / "judge")
    assert judge["independence"]["independent_of"] == ["sft", "dpo"]
    assert judge["independence"]["optimised_against"] == judge["independence"]["shares_data_with"] == []
    report = (run_dir / "eval" / "report.md").read_text()
    assert "independent of: sft, dpo" in report and "NOT INDEPENDENT" not in report
    lineage = json.loads((run_dir / "pipeline.json").read_text())
    assert "judge" in [item["stage"] for item in lineage["records"]["eval"]["inputs"]["upstream"]]


def test_judging_the_same_run_with_its_reward_model_is_marked(judged_run, tmp_path):
    from alignment.eval.runner import run_eval

    _, run_dir, _ = judged_run
    suite = run_dir.parent / "suite" / "suite.yaml"
    results = run_eval(
        {"sft": str(run_dir / "sft"), "dpo": str(run_dir / "dpo")},
        suite,
        tmp_path / "out",
        judge=str(run_dir / "reward"),
        progress=False,
    )
    marks = results["judges"]["helpful_judged"]["independence"]
    assert marks["shares_data_with"] == ["sft", "dpo"]  # DPO's pairs; and the reward model descends from SFT
    assert "NOT INDEPENDENT" in (tmp_path / "out" / "report.md").read_text()
