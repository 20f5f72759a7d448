"""The judge split: a seeded, prompt-level part of the data that only the judge stage reads.

Invariants: the split is a function of the prompt text and the seed alone (spacing and letter case
do not move a prompt; the same prompt lands on the same side in a pair, an SFT chat and a PPO
prompt row); the two parts are disjoint and together are all the data; every stage's loader keeps
only its side and counts what it left out; the pipeline copies one split into every stage."""

from __future__ import annotations

import json

import pytest
from transformers import AutoTokenizer

from alignment.config import PipelineConfig, PPOConfig, PreferenceDataConfig, StageJudgeSplit, load_config
from alignment.core.errors import ConfigError
from alignment.data import judge_split
from alignment.data.mixture import load_preference_data, prompt_key
from alignment.data.prompts import load_prompts
from alignment.data.sft import load_sft_examples

SPLIT = {"fraction": 0.3, "seed": 7}


def user(text: str) -> list[dict]:
    return [{"role": "user", "content": text}]


@pytest.fixture(scope="module")
def pairs_file(tmp_path_factory):
    """60 pairs over 40 prompts (20 prompts have two pairs), so whole prompts must move together."""
    path = tmp_path_factory.mktemp("split") / "pairs.jsonl"
    rows = [
        {"prompt": f"What is {i} plus {i + 1}?", "chosen": f"It is {2 * i + 1}.", "rejected": "No."} for i in range(40)
    ]
    rows += [
        {
            "prompt": f"What is {i} plus {i + 1}?",
            "chosen": f"{i} + {i + 1} = {2 * i + 1}.",
            "rejected": "I can't help with that.",
        }
        for i in range(20)
    ]
    path.write_text("".join(json.dumps(row) + "\n" for row in rows))
    return path


def test_the_split_depends_on_the_prompt_text_and_the_seed_only():
    split = StageJudgeSplit(**SPLIT)
    prompts = [user(f"Question number {i}: what is {i} squared?") for i in range(400)]
    sides = [judge_split.in_judge_part(prompt, split) for prompt in prompts]
    assert sides == [judge_split.in_judge_part(prompt, split) for prompt in prompts]  # deterministic
    assert 0.22 < sum(sides) / len(sides) < 0.38  # about the fraction
    respaced = [user(f"  question NUMBER {i}:\twhat is {i}   squared? ") for i in range(400)]
    assert sides == [judge_split.in_judge_part(prompt, split) for prompt in respaced]
    other_seed = StageJudgeSplit(fraction=0.3, seed=8)
    assert sides != [judge_split.in_judge_part(prompt, other_seed) for prompt in prompts]
    assert not any(judge_split.in_judge_part(prompt, StageJudgeSplit(fraction=0.0)) for prompt in prompts)


def test_preference_data_sides_are_disjoint_by_prompt_and_cover_everything(pairs_file, tiny_model_dir):
    tokenizer = AutoTokenizer.from_pretrained(tiny_model_dir)
    source = [{"files": [str(pairs_file)], "name": "sums"}]

    def load(part: str, fraction: float = SPLIT["fraction"]):
        split = f"judge_split={{fraction: {fraction}, seed: 7, part: {part}}}"
        config = load_config(PreferenceDataConfig, None, [f"sources={json.dumps(source)}", "test_fraction=0.2", split])
        return load_preference_data(config, tokenizer)

    rest, judge, everything = load("rest"), load("judge"), load("rest", 0.0)
    prompts = {
        side: {prompt_key(pair) for pair in data.train + data.test}
        for side, data in (("rest", rest), ("judge", judge), ("all", everything))
    }
    assert prompts["rest"] and prompts["judge"] and not prompts["rest"] & prompts["judge"]
    assert prompts["rest"] | prompts["judge"] == prompts["all"]
    assert all(judge_split.in_judge_part(pair.prompt, StageJudgeSplit(**SPLIT)) for pair in judge.train + judge.test)
    # what each side left out is counted, and both sides name the same judge prompt set
    assert rest.judge_split.excluded == judge.judge_split.kept == len(judge.train) + len(judge.test)
    assert rest.judge_split.summary()["judge_prompts_sha256"] == judge.judge_split.summary()["judge_prompts_sha256"]
    assert rest.sources[0].dropped["prompt in the judge part"] == rest.judge_split.excluded
    assert "judge split (fraction 0.3, seed 7): read the rest" in rest.summary()
    assert everything.judge_split is None


def test_sft_chats_and_ppo_prompts_from_judge_pairs_fall_on_the_judge_side(pairs_file, tmp_path):
    split = StageJudgeSplit(**SPLIT)
    judged = {
        prompt_key_text(row["prompt"])
        for row in map(json.loads, pairs_file.read_text().splitlines())
        if judge_split.in_judge_part(user(row["prompt"]), split)
    }
    chats = load_sft_examples([str(pairs_file)], "chosen")  # SFT on the pairs' chosen replies
    kept, report = judge_split.apply(chats, lambda example: example.messages[:-1], split)
    assert report.excluded == sum(1 for chat in chats if prompt_key_text(chat.messages[0]["content"]) in judged) > 0
    assert not any(prompt_key_text(chat.messages[0]["content"]) in judged for chat in kept)
    prompts = load_prompts([str(pairs_file)])
    kept_prompts, prompt_report = judge_split.apply(prompts, lambda example: example.prompt, split)
    assert prompt_report.excluded == report.excluded
    assert not any(prompt_key_text(example.prompt[0]["content"]) in judged for example in kept_prompts)


def prompt_key_text(text: str) -> str:
    return judge_split.prompt_text(user(text))


def test_ppo_drops_the_judge_part_of_its_prompts(pairs_file, tiny_model_dir):
    from alignment.stages.ppo import loop as ppo

    tokenizer = AutoTokenizer.from_pretrained(tiny_model_dir)
    config = load_config(
        PPOConfig, None, [f"data.files=[{pairs_file}]", "data.judge_split.fraction=0.3", "data.judge_split.seed=7"]
    )
    summary: dict = {}
    rows = ppo.encode_prompts(config, tokenizer, summary)
    assert rows and not any(judge_split.in_judge_part(row["messages"], StageJudgeSplit(**SPLIT)) for row in rows)
    assert summary["part"] == "rest" and summary["excluded"] > 0 and summary["kept"] == len(rows)


def test_the_pipeline_copies_one_split_into_every_stage_and_starts_the_judge_from_the_base():
    config = load_config(
        PipelineConfig,
        None,
        [
            "run_dir=runs/x",
            "stages=[sft, judge, reward, ppo, eval]",
            "judge_split.seed=9",
            "sft.model.name_or_path=my-base",
        ],
    )
    for section in (config.sft, config.reward, config.ppo):
        assert (section.data.judge_split.fraction, section.data.judge_split.seed, section.data.judge_split.part) == (
            0.2,
            9,
            "rest",
        )
    assert config.judge.data.judge_split.part == "judge" and config.judge.data.judge_split.seed == 9
    assert config.judge.model.name_or_path == "my-base"  # not runs/x/sft: a model it judges
    assert config.reward.model.name_or_path == "runs/x/sft"
    assert config.eval.judge == "runs/x/judge" and config.ppo.dynamics.judge == "runs/x/judge"
    assert config.ppo.ppo.reward_model == "runs/x/reward"  # PPO is still optimised against the proxy
    without = load_config(PipelineConfig, None, ["run_dir=runs/x", "stages=[sft, reward, dpo, eval]"])
    assert without.eval.judge == "runs/x/reward" and without.dpo.data.judge_split.fraction == 0


@pytest.mark.parametrize(
    "overrides, message",
    [
        (["stages=[sft, judge, reward]", "judge_split.fraction=0"], "judge_split.fraction: stages lists judge"),
        (
            ["stages=[sft, judge, reward]", "reward.data.judge_split.fraction=0.5"],
            "reward.data.judge_split: the pipeline sets it",
        ),
        (["stages=[sft, judge, reward]", "judge.model.name_or_path=runs/x/sft"], "must not start from the sft output"),
        (["judge_split.fraction=1.0"], "judge_split.fraction: must be in \\[0, 1\\)"),
    ],
)
def test_bad_judge_configs_fail_before_anything_runs(overrides, message):
    with pytest.raises(ConfigError, match=message):
        load_config(PipelineConfig, None, ["run_dir=runs/x", *overrides])


def test_a_judge_part_with_no_fraction_is_refused():
    with pytest.raises(ConfigError, match="part is judge but data.judge_split.fraction is 0"):
        judge_split.check(StageJudgeSplit(part="judge"), "data")


def test_alignment_judge_without_a_fraction_exits_2_with_one_line(capsys, tmp_path):
    from alignment.cli.main import main

    assert main(["judge", f"run_dir={tmp_path}"]) == 2
    error = capsys.readouterr().err
    assert error.startswith("error: data.judge_split: the judge stage reads only the judge part")
    assert error.count("\n") == 1
    assert not (tmp_path / "judge").exists()
