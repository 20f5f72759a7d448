"""On-policy DPO rounds (`dpo.online`, alignment/stages/dpo/online.py) on a tiny model: pairs are each
prompt's best vs worst sample, balanced by kind; round 2 samples from round 1's model and continues its
adapter (its first loss is no longer ln 2); the stage dir holds the last round's weights and the joined
logs with steps counted on; a finished run is skipped and a lost round is redone from the same seeds;
the pipeline fingerprints the prompt files; bad settings are refused."""

from __future__ import annotations

import json
import math
import re
import shutil
from pathlib import Path

import pytest
from safetensors.torch import load_file

from alignment.config import DPOConfig, load_config
from alignment.core.errors import AlignmentError, ConfigError
from alignment.data.prompts import PromptExample
from alignment.models.loading import load_lora_weights
from alignment.pipeline import stage_inputs
from alignment.stages import dpo
from alignment.stages.dpo import online as dpo_online

LENGTH_RULE = '''
def length(prompt, reply, metadata):
    """Longer replies score higher: a tiny random model's samples always differ in length."""
    return len(reply) / 10.0
'''


pytestmark = pytest.mark.usefixtures("one_thread")  # conftest: tiny models run single-threaded


@pytest.fixture(scope="module")
def prompts_file(tmp_path_factory) -> Path:
    path = tmp_path_factory.mktemp("prompts") / "prompts.jsonl"
    rows = [
        {
            "prompt": [{"role": "user", "content": f"What is {i} plus {i + 1}?"}],
            "kind": "harmful" if i % 3 == 0 else "benign",
        }
        for i in range(12)
    ]
    path.write_text("".join(json.dumps(row) + "\n" for row in rows))
    return path


def online_overrides(model_dir, pairs_file, prompts_file, rule_file, run_dir, *extra) -> list[str]:
    return [
        f"run_dir={run_dir}",
        f"model.name_or_path={model_dir}",
        f"data.sources=[{{files: [{pairs_file}], name: sums}}]",
        "data.test_fraction=0.25",
        "train.batch_size=2",
        "train.max_steps=2",
        "train.save_steps=1",
        "train.logging_steps=1",
        "train.lr=1e-2",
        "adapter.r=4",
        "adapter.alpha=8",
        "dpo.eval_batch_size=5",
        "dpo.online.rounds=2",
        f"dpo.online.prompt_files=[{prompts_file}]",
        "dpo.online.prompts_per_round=8",
        "dpo.online.samples=3",
        "dpo.online.max_new_tokens=8",
        "dpo.online.batch_size=4",
        f"dpo.online.rule_rewards={{{rule_file}:length: 1.0}}",
        "dynamics.probes=2",
        *extra,
    ]


@pytest.fixture(scope="module")
def online_run(tiny_model_dir, tiny_pairs_file, prompts_file, tmp_path_factory):
    rule_file = tmp_path_factory.mktemp("rules") / "rules.py"
    rule_file.write_text(LENGTH_RULE)
    run_dir = tmp_path_factory.mktemp("online")
    args = online_overrides(tiny_model_dir, tiny_pairs_file, prompts_file, rule_file, run_dir)
    config = load_config(DPOConfig, None, args)
    return config, dpo.run(config), args


def _example(kind: str, text: str = "q") -> PromptExample:
    return PromptExample(prompt=[{"role": "user", "content": text}], source="x:1", metadata={"kind": kind})


def test_pairs_are_best_vs_worst_above_the_gap_and_balanced_by_kind():
    prompts = [
        _example("harmful", "a"),
        _example("benign", "b"),
        _example("benign", "c"),
        _example("benign", "d"),
        _example("harmful", "e"),
    ]
    replies = [["no", "sure", "maybe"], ["x", "y", "z"], ["p", "q", "r"], ["same", "same", "s"], ["u", "v", "w"]]
    scores = [[1.0, -1.0, 0.0], [0.0, -1.0, 0.0], [0.2, 0.0, 0.1], [1.0, 1.0, 0.0], [0.0, 0.0, 0.0]]
    pairs, counts = dpo_online.make_pairs(prompts, replies, scores, min_gap=0.5, balance=False, seed="s")
    # "c" has a gap of 0.2 < 0.5, "e" none: left out; ties keep the first best and the first worst.
    assert [(row["chosen"][0]["content"], row["rejected"][0]["content"]) for row in pairs] == [
        ("x", "y"),
        ("same", "s"),
        ("no", "sure"),
    ]
    assert counts == {"benign": 2, "harmful": 1}
    balanced, counts = dpo_online.make_pairs(prompts, replies, scores, min_gap=0.5, balance=True, seed="s")
    assert counts == {"benign": 1, "harmful": 1} and len(balanced) == 2
    assert balanced == dpo_online.make_pairs(prompts, replies, scores, min_gap=0.5, balance=True, seed="s")[0]


def test_round_two_samples_from_round_one_and_continues_its_adapter(online_run):
    config, result, _ = online_run
    stage_dir = Path(config.run_dir) / "dpo"
    rounds = json.loads((stage_dir / "rounds.json").read_text())
    assert [item["round"] for item in rounds] == [1, 2]
    assert rounds[0]["policy"] == config.model.name_or_path
    assert rounds[1]["policy"] == str(stage_dir / "rounds" / "01" / "dpo")
    for item in rounds:
        pairs = [
            json.loads(line)
            for line in (stage_dir / "rounds" / f"{item['round']:02d}" / "pairs.jsonl").read_text().splitlines()
        ]
        assert len(pairs) == item["pairs"] > 0
        assert all(row["score_chosen"] - row["score_rejected"] >= config.dpo.online.min_gap for row in pairs)
        samples = (stage_dir / "rounds" / f"{item['round']:02d}" / "samples.jsonl").read_text().splitlines()
        assert len(samples) == 8 and all(len(json.loads(line)["replies"]) == 3 for line in samples)
    # Round 1 starts from LoRA's initialisation (policy = reference: ln 2); round 2 from round 1's adapter.
    assert rounds[0]["dpo"]["first_loss"] == pytest.approx(math.log(2), abs=1e-3)
    assert abs(rounds[1]["dpo"]["first_loss"] - math.log(2)) > 1e-3
    final = load_file(stage_dir / "adapter" / "adapter_model.safetensors")
    last = load_file(stage_dir / "rounds" / "02" / "dpo" / "adapter" / "adapter_model.safetensors")
    assert final.keys() == last.keys() and all((final[key] == last[key]).all() for key in final)
    assert (stage_dir / "merged" / "config.json").is_file() and (stage_dir / "eval.json").is_file()
    assert result.metrics["rounds"] == 2 and result.metrics["steps"] == 4


def test_the_stage_logs_join_the_rounds_with_steps_counted_on(online_run):
    config, _, _ = online_run
    stage_dir = Path(config.run_dir) / "dpo"
    metrics = [json.loads(line) for line in (stage_dir / "metrics.jsonl").read_text().splitlines()]
    steps = [(row["round"], row["step"]) for row in metrics if "loss" in row and "step" in row]
    assert [step for _, step in steps] == [1, 2, 3, 4] and [r for r, _ in steps] == [1, 1, 2, 2]
    assert "summary" in metrics[-1] and metrics[-1]["summary"]["rounds"] == 2
    dynamics = [json.loads(line) for line in (stage_dir / "dynamics.jsonl").read_text().splitlines()]
    assert [row["kind"] for row in dynamics].count("setup") == 1 and dynamics[0]["total_steps"] == 4
    checks = [row["step"] for row in dynamics if row["kind"] == "check"]
    assert checks == sorted(checks) and max(checks) > 2  # round 2's checks come after round 1's


def test_a_finished_run_is_skipped_and_a_lost_round_is_redone_the_same(online_run, capsys):
    config, _, args = online_run
    stage_dir = Path(config.run_dir) / "dpo"
    assert dpo.run(load_config(DPOConfig, None, args)).skipped
    before = (stage_dir / "rounds" / "02" / "pairs.jsonl").read_bytes()
    first = (stage_dir / "rounds" / "01" / "pairs.jsonl").read_bytes()
    shutil.rmtree(stage_dir / "rounds" / "02")
    (stage_dir / "manifest.json").unlink()
    capsys.readouterr()
    result = dpo.run(load_config(DPOConfig, None, args))
    out = capsys.readouterr().out
    assert "already complete" in out and "round 2:" in out and "round 1:" not in out
    assert (stage_dir / "rounds" / "01" / "pairs.jsonl").read_bytes() == first
    assert (stage_dir / "rounds" / "02" / "pairs.jsonl").read_bytes() == before  # seeded sampling
    assert not result.skipped and result.metrics["rounds"] == 2


def test_an_adapter_that_does_not_fit_is_refused(online_run, tiny_model_dir, tmp_path):
    from peft import LoraConfig, get_peft_model
    from transformers import AutoModelForCausalLM

    config, _, _ = online_run
    model = get_peft_model(
        AutoModelForCausalLM.from_pretrained(tiny_model_dir), LoraConfig(r=2, target_modules=["q_proj"])
    )
    with pytest.raises(AlignmentError, match="do not fit"):
        load_lora_weights(model, Path(config.run_dir) / "dpo" / "adapter")


def test_the_pipeline_fingerprints_the_prompt_files(online_run, prompts_file):
    config, _, _ = online_run
    inputs = stage_inputs("dpo", config, Path(config.run_dir))
    assert str(prompts_file) in [item["path"] for item in inputs["data"]]


@pytest.mark.parametrize(
    "setting, message",
    [
        ("dpo.online.samples=1", "at least 2"),
        ("dpo.online.temperature=0", "positive"),
        ("dpo.online.rounds=-1", "0 (offline DPO) or more"),
    ],
)
def test_bad_online_settings_are_refused(setting, message):
    with pytest.raises(ConfigError, match=re.escape(message)):
        load_config(DPOConfig, None, [setting])


def test_a_guide_is_chosen_only_where_no_sample_scores_as_well():
    prompts = [_example("harmful", "a"), _example("harmful", "b")]
    # two samples each, then the row's own reply (the guide)
    replies = [["sure a", "ok a", "I can't help with that."], ["I won't help.", "sure b", "I can't help with that."]]
    scores = [[0.0, 0.0, 1.0], [1.0, 0.0, 1.0]]
    pairs, _ = dpo_online.make_pairs(prompts, replies, scores, min_gap=0.5, balance=False, seed="s", samples=2)
    assert [row["chosen"][0]["content"] for row in pairs] == ["I can't help with that.", "I won't help."]
    assert [row["chosen_is_guide"] for row in pairs] == [True, False]  # a tie goes to the policy's own sample
    assert [row["rejected"][0]["content"] for row in pairs] == ["sure a", "sure b"]


def test_guides_without_chosen_replies_fail_before_writing(tiny_model_dir, prompts_file, tmp_path):
    args = [
        f"run_dir={tmp_path / 'run'}",
        f"model.name_or_path={tiny_model_dir}",
        "dpo.online.rounds=1",
        f"dpo.online.prompt_files=[{prompts_file}]",
        "dpo.online.guides=true",
    ]
    with pytest.raises(AlignmentError, match="chosen"):
        dpo.run(load_config(DPOConfig, None, args))
    assert not (tmp_path / "run").exists()


def test_rounds_without_prompt_files_fail_before_writing(tiny_model_dir, tmp_path):
    config = load_config(
        DPOConfig, None, [f"run_dir={tmp_path / 'run'}", f"model.name_or_path={tiny_model_dir}", "dpo.online.rounds=1"]
    )
    with pytest.raises(AlignmentError, match="prompt_files"):
        dpo.run(config)
    assert not (tmp_path / "run").exists()


def test_the_eval_reads_the_held_out_margins_of_the_last_round(online_run, tmp_path, monkeypatch):
    from alignment.cli import main as cli

    config, _, _ = online_run
    stage_dir = Path(config.run_dir) / "dpo"
    suite = tmp_path / "suite.yaml"
    suite.write_text("name: t\ntasks:\n  - name: preference_accuracy\n")
    assert (
        cli.main(
            [
                "eval",
                "--model",
                f"dpo={stage_dir}",
                "--suite",
                str(suite),
                "--out",
                str(tmp_path / "r"),
                "--no-progress",
            ]
        )
        == 0
    )
    task = json.loads((tmp_path / "r" / "results.json").read_text())["tasks"]["preference_accuracy"]
    saved = json.loads((stage_dir / "eval.json").read_text())["pairs"]
    assert task["n"] == len(saved) > 0 and "eval.json" in task["notes"]["dpo"]
