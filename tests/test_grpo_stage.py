"""GRPO stage invariants on tiny models: a verifiable reward is learnt on a toy task; only LoRA tensors
change; a run killed with SIGKILL and rerun ends where an uninterrupted run does; the built-in
verifiable reward reads answers as the eval does (the last number, for numbers); bad settings, prompt
files without checks and reward functions that fail are refused before anything is written."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
import torch
from conftest import build_tiny_model
from helpers.stage_checks import assert_only_lora_changed, assert_resume_matches, child

from alignment.config import GRPOConfig, PipelineConfig, load_config
from alignment.core.errors import ConfigError, DataError
from alignment.rewards.verifiable import answer_matches
from alignment.stages import grpo
from alignment.stages.ppo import models as ppo_models

PROMPTS = [
    ("What is the capital of France?", "Paris"),
    ("Convert 5 km to miles.", "3.11"),
    ("How do I reverse a string in Python?", None),
    ("What is 6 times 7?", "42"),
]
VERIFIERS = '''
def letters(messages, reply, check):
    """Share of the reply's characters that are ASCII letters: a reward a tiny random model can learn
    by its choice of tokens (its output is mostly digits, punctuation and broken bytes)."""
    return sum(c.isascii() and c.isalpha() for c in reply) / max(len(reply), 1)


def raises(messages, reply, check):
    raise KeyError("answer")


def text(messages, reply, check):
    return "one"


def constant(messages, reply, check):
    return 1.0
'''


@pytest.fixture(scope="module", autouse=True)
def _one_thread(one_thread):
    yield


@pytest.fixture(scope="module")
def prompts_file(tmp_path_factory) -> Path:
    path = tmp_path_factory.mktemp("prompts") / "prompts.jsonl"
    rows = [
        {"prompt": [{"role": "user", "content": text}], **({"check": {"answer": answer}} if answer else {})}
        for text, answer in PROMPTS
    ]
    path.write_text("".join(json.dumps(row) + "\n" for row in rows))
    return path


@pytest.fixture(scope="module")
def verifier_file(tmp_path_factory) -> Path:
    path = tmp_path_factory.mktemp("verifiers") / "verifiers.py"
    path.write_text(VERIFIERS)
    return path


def grpo_overrides(run_dir, model_dir, prompts_file, verifier_file, *extra) -> list[str]:
    return [
        f"run_dir={run_dir}",
        f"model.name_or_path={model_dir}",
        f"data.files=[{prompts_file}]",
        "model.dtype=float32",
        "adapter.r=4",
        "adapter.alpha=8",
        "adapter.dropout=0.0",
        f"grpo.verifiable_rewards={{{verifier_file}:letters: 1.0}}",
        "grpo.group_size=4",
        "grpo.rollout_batch_size=8",
        "grpo.max_new_tokens=6",
        "train.batch_size=4",
        "train.max_steps=2",
        "train.logging_steps=1",
        "train.save_steps=2",
        "train.lr=1e-2",
        "grpo.log_samples=1",
        "merge=false",
        *extra,
    ]


def grpo_config(run_dir, model_dir, prompts_file, verifier_file, *extra) -> GRPOConfig:
    return load_config(GRPOConfig, None, grpo_overrides(run_dir, model_dir, prompts_file, verifier_file, *extra))


def iterations(stage_dir: Path) -> list[dict]:
    lines = [json.loads(line) for line in (stage_dir / "metrics.jsonl").read_text().splitlines()]
    return [line for line in lines if "iteration" in line]


def test_a_verifiable_reward_rises_on_a_toy_task(prompts_file, verifier_file, tmp_path):
    """Reward = share of ASCII letters in a 4-token reply, on the 3 prompts with a check (the fourth has
    none: it gets 0 from the reward and its group teaches nothing). Measured: 0.53 -> 0.77 over 30
    iterations of 4 epochs; the bar is half of that rise."""
    model = build_tiny_model(tmp_path / "sharp", initializer_range=0.2)
    config = grpo_config(
        tmp_path / "run",
        model,
        prompts_file,
        verifier_file,
        "train.max_steps=30",
        "grpo.group_size=8",
        "grpo.rollout_batch_size=32",
        "train.batch_size=16",
        "grpo.max_new_tokens=4",
        "grpo.epochs=4",
        "train.lr=3e-3",
        "train.lr_scheduler=constant",
        "train.warmup_ratio=0.0",
        "train.save_steps=100",
        "train.logging_steps=10",
    )
    result = grpo.run(config)
    scores = [line["accuracy"] for line in iterations(result.output_dir)]
    first, last = sum(scores[:6]) / 6, sum(scores[-6:]) / 6
    assert len(scores) == 30
    assert last > first + 0.12, f"letter share {first:.3f} -> {last:.3f}"
    assert not (result.output_dir / "value").exists()  # no critic
    trained = [line["trained_replies"] for line in iterations(result.output_dir)]
    assert max(trained) <= 32 and min(trained) < 32  # the unchecked prompt's group (all 0) is left out
    manifest = json.loads((result.output_dir / "manifest.json").read_text())
    assert manifest["metrics"]["final_accuracy"] == scores[-1]


def test_advantages_are_relative_to_the_group(tiny_model_dir, prompts_file, verifier_file, tmp_path):
    """A rollout of 8 holds 2 prompts x 4 replies side by side; each group's advantages are its scores'
    z-scores, so they sum to 0 per group."""
    config = grpo_config(tmp_path, tiny_model_dir, prompts_file, verifier_file, "grpo.temperature=2.0")
    actor = ppo_models.load_actor_critic(config, torch.device("cpu"), value=False)
    prompts = grpo.encode_prompts(config, actor.tokenizer, stage="grpo")
    assert actor.value_head is None and all("value" not in name for name, _ in actor.model.named_parameters())
    loop = grpo.GRPOLoop(config, actor, None, [], prompts, 1, tmp_path)
    loop.verifiers = grpo.load_rule_rewards(config.grpo.verifiable_rewards, metadata=False)
    batch = loop.rollout()
    asked = [row["messages"][-1]["content"] for row in batch["prompts"]]
    assert asked[:4] == [asked[0]] * 4 and asked[4:] == [asked[4]] * 4 and asked[0] != asked[4]
    scores, parts = loop.score(batch)
    expected = [
        sum(c.isascii() and c.isalpha() for c in t) / max(len(t), 1) if row["check"] else 0.0
        for t, row in zip(batch["texts"], batch["prompts"])
    ]
    assert torch.allclose(scores, torch.tensor(expected))
    advantages = grpo.group_advantages(scores, 4, "grpo")
    assert torch.allclose(advantages.view(2, 4).sum(-1), torch.zeros(2), atol=1e-5)
    assert {"reward", "reward_std", "uniform_groups", "reply_length"} <= parts.keys()


def test_only_lora_tensors_change_and_no_reference_pass_without_kl(
    tiny_model_dir, prompts_file, verifier_file, tmp_path, monkeypatch
):
    kept = {}
    finish = grpo.ppo_outputs.finish

    def keep(config, stage_dir, actor, *args, **kwargs):
        kept["model"] = actor.model
        return finish(config, stage_dir, actor, *args, **kwargs)

    calls = []
    statistics = ppo_models.rollout_statistics
    monkeypatch.setattr(grpo.ppo_outputs, "finish", keep)
    monkeypatch.setattr(
        ppo_models, "rollout_statistics", lambda *a, **k: calls.append(k) or statistics(*a, **k)
    )  # kl_coef 0 and one update per rollout: neither a reference nor a sampling-log-prob pass is needed
    config = grpo_config(tmp_path, tiny_model_dir, prompts_file, verifier_file, "train.grad_accum=2")
    grpo.run(config)  # 8 replies = 2 micro-batches of 4, one optimiser step
    assert calls == []
    assert_only_lora_changed(kept["model"], tiny_model_dir)


def test_kl_and_several_epochs_take_the_passes_they_need(tiny_model_dir, prompts_file, verifier_file, tmp_path):
    config = grpo_config(
        tmp_path, tiny_model_dir, prompts_file, verifier_file, "grpo.kl_coef=0.1", "grpo.epochs=2", "train.lr=5e-2"
    )
    result = grpo.run(config)
    lines = iterations(result.output_dir)
    assert all(line["kl"] > 0 for line in lines)  # the reference pass ran; the policy moved off it
    assert all(0 < line["clipfrac"] <= 1 for line in lines)  # later updates' ratios moved off 1 at this rate
    without = grpo.run(grpo_config(tmp_path / "no-kl", tiny_model_dir, prompts_file, verifier_file))
    assert all("kl" not in line for line in iterations(without.output_dir))  # no KL term: none measured


def test_when_every_group_is_uniform_nothing_is_trained(tiny_model_dir, prompts_file, verifier_file, tmp_path):
    """A reward that pays every reply alike gives every group advantage 0: no reply reaches the update
    (with the KL and epoch passes that would otherwise run), and the adapter stays as initialised."""
    from safetensors.torch import load_file

    config = grpo_config(
        tmp_path,
        tiny_model_dir,
        prompts_file,
        verifier_file,
        f"grpo.verifiable_rewards={{{verifier_file}:constant: 1.0}}",
        "grpo.kl_coef=0.1",
        "grpo.epochs=2",
    )
    result = grpo.run(config)
    assert [line["trained_replies"] for line in iterations(result.output_dir)] == [0.0, 0.0]
    adapter = load_file(result.output_dir / "adapter" / "adapter_model.safetensors")
    assert all(torch.count_nonzero(tensor) == 0 for name, tensor in adapter.items() if "lora_B" in name)


def test_resume_after_kill_matches_uninterrupted_run(tiny_model_dir, prompts_file, verifier_file, tmp_path):
    common = ["train.max_steps=6", "train.save_steps=2", "grpo.kl_coef=0.05"]
    straight = child(
        "grpo", grpo_overrides(tmp_path / "straight", tiny_model_dir, prompts_file, verifier_file, *common)
    )
    assert straight.returncode == 0, straight.stderr[-3000:]
    args = grpo_overrides(tmp_path / "resumed", tiny_model_dir, prompts_file, verifier_file, *common)
    assert_resume_matches("grpo", tmp_path / "straight", args, tmp_path / "resumed")
    assert (
        iterations(tmp_path / "resumed" / "grpo")[-1]["reward"]
        == iterations(tmp_path / "straight" / "grpo")[-1]["reward"]
    )


@pytest.mark.parametrize(
    "extra, message",
    [
        (["grpo.group_size=1"], "grpo.group_size: must be at least 2"),
        (["grpo.group_size=3"], "rollout_batch_size=8 must be a multiple of grpo.group_size=3"),
        (["grpo.verifiable_rewards={}"], "no reward; set grpo.verifiable_rewards"),
        (["grpo.advantage=ppo"], "grpo.advantage"),
        (["grpo.verifiable_rewards={nowhere_module:f: 1.0}"], "grpo.verifiable_rewards: cannot load"),
    ],
)
def test_bad_settings_fail_before_anything_is_written(
    tiny_model_dir, prompts_file, verifier_file, tmp_path, extra, message
):
    with pytest.raises(ConfigError, match=message.replace("(", r"\(").replace(")", r"\)")):
        grpo.run(grpo_config(tmp_path, tiny_model_dir, prompts_file, verifier_file, *extra))
    assert not (tmp_path / "grpo").exists()


def test_failing_reward_functions_and_missing_checks_name_the_row(
    tiny_model_dir, prompts_file, verifier_file, tmp_path
):
    def refused(*extra, files=None):
        config = grpo_config(tmp_path, tiny_model_dir, files or prompts_file, verifier_file, *extra)
        with pytest.raises(DataError) as caught:
            grpo.run(config)
        assert not (tmp_path / "grpo").exists()
        return str(caught.value)

    message = refused(f"grpo.verifiable_rewards={{{verifier_file}:raises: 1.0}}")
    assert f"{prompts_file}:1" in message and "raises raised KeyError" in message
    assert "returned 'one', not a finite number" in refused(f"grpo.verifiable_rewards={{{verifier_file}:text: 1.0}}")
    bare = tmp_path / "bare.jsonl"
    bare.write_text(json.dumps({"prompt": "Hello?"}) + "\n")
    assert "check: missing" in refused(files=bare) and str(bare) in refused(files=bare)
    broken = tmp_path / "broken.jsonl"
    broken.write_text(json.dumps({"prompt": "Hello?"}) + "\n" + json.dumps({"prompt": "Hi?", "check": {"x": 1}}) + "\n")
    message = refused("grpo.verifiable_rewards={alignment.rewards:answer_matches: 1.0}", files=broken)
    assert f"{broken}:2" in message and "check.answer" in message


def test_the_cli_exits_2_on_a_group_of_one(tiny_model_dir, prompts_file, verifier_file, tmp_path):
    done = child("grpo", grpo_overrides(tmp_path, tiny_model_dir, prompts_file, verifier_file, "grpo.group_size=1"))
    assert done.returncode == 2 and "grpo.group_size" in done.stderr
    assert not (tmp_path / "grpo").exists()


@pytest.mark.parametrize(
    "reply, check, expected",
    [
        ("3316 + 4117 = 7433", {"answer": "7433"}, 1.0),
        ("The answer is 7433, not 7432.", {"answer": "7433"}, 0.0),  # the last number is the final answer
        ("7,433", {"answer": "7433"}, 1.0),
        ("About 88.4 kg.", {"answer": "88.45"}, 1.0),  # 1% for a decimal reference, as in the eval
        ("The capital is Canberra.", {"answer": "Canberra"}, 1.0),
        ("Sydney, probably.", {"answer": "Canberra"}, 0.0),
        ("It is written nretnal.", {"answer": "nretnal"}, 1.0),
        ("xenon gas", {"answer": "xenon", "match": "contains"}, 1.0),
        ("lake, ocean, rain, river", {"answer": "lake, ocean, rain, river"}, 1.0),
    ],
)
def test_the_built_in_verifiable_reward(reply, check, expected):
    assert answer_matches([], reply, check) == expected


def test_the_pipeline_wires_grpo_to_sft_and_evaluates_it():
    config = load_config(PipelineConfig, None, ["run_dir=runs/x", "stages=[sft, reward, grpo, eval]"])
    assert config.grpo.model.name_or_path == "runs/x/sft" and config.grpo.run_dir == "runs/x"
    assert config.grpo.grpo.reward_model == ""  # GRPO's rewards are named, never implied
    assert config.eval.models["grpo"] == "runs/x/grpo"


def test_a_mix_of_reward_model_rule_and_verifiable_rewards(
    tiny_model_dir, tiny_pairs_file, prompts_file, verifier_file, tmp_path
):
    """The reward stage's adapter loads onto the policy's base and is weighted with a rule and a
    verifiable reward; each part is logged."""
    from alignment.config import RewardConfig
    from alignment.stages import reward

    reward_dir = reward.run(
        load_config(
            RewardConfig,
            None,
            [
                f"run_dir={tmp_path / 'reward-run'}",
                f"model.name_or_path={tiny_model_dir}",
                f"data.sources=[{{files: [{tiny_pairs_file}], name: sums}}]",
                "data.test_fraction=0.25",
                "train.batch_size=4",
                "train.max_steps=2",
                "adapter.r=4",
                "adapter.alpha=8",
                "merge=false",
            ],
        )
    ).output_dir
    config = grpo_config(
        tmp_path,
        tiny_model_dir,
        prompts_file,
        verifier_file,
        f"grpo.reward_model={reward_dir}",
        "grpo.reward_model_weight=0.5",
        "grpo.rule_rewards={alignment.rewards:terse_reply: 1.0}",
        "train.max_steps=1",
    )
    result = grpo.run(config)
    line = iterations(result.output_dir)[0]
    assert {"reward_model", "rule/alignment.rewards:terse_reply", f"verifiable/{verifier_file}:letters"} <= line.keys()
    manifest = json.loads((result.output_dir / "manifest.json").read_text())
    assert manifest["inputs"]["reward_model"]["path"] == str(reward_dir)
