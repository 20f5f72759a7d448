"""PPO stage invariants on tiny models: a rule reward is learnt on a toy task; only adapter and head
tensors change; the reward adapter on the shared base scores like the reward model alone; a resumed
run ends where an uninterrupted one does; bad settings and bad prompts fail before anything is written."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
import torch
from conftest import build_tiny_model
from helpers.tiny_eval import build_reward_model
from safetensors.torch import load_file

from alignment.config import PipelineConfig, PPOConfig, RewardConfig, load_config
from alignment.config.stages import SHIPPED_PROMPT_FILES
from alignment.core.errors import ConfigError, DataError
from alignment.models import frozen_prefix
from alignment.models.reward_model import load_reward_model
from alignment.stages import reward
from alignment.stages.ppo import loop as ppo
from alignment.stages.ppo import models as ppo_models
from alignment.stages.ppo import outputs as ppo_outputs

PROMPTS = [
    "What is the capital of France?",
    "Convert 5 km to miles.",
    "How do I reverse a string in Python?",
    "Hello! How can I help you today?",
]
LETTERS_RULE = '''
def letters(prompt, reply):
    """Share of the reply's characters that are ASCII letters (the rest of a tiny random model's
    output is digits, punctuation and broken bytes): a reward it can learn by its choice of tokens."""
    return sum(c.isascii() and c.isalpha() for c in reply) / max(len(reply), 1)
'''


@pytest.fixture(scope="module", autouse=True)
def _one_thread(one_thread):
    yield


@pytest.fixture(scope="module")
def prompts_file(tmp_path_factory) -> Path:
    path = tmp_path_factory.mktemp("prompts") / "prompts.jsonl"
    path.write_text("".join(json.dumps({"prompt": [{"role": "user", "content": text}]}) + "\n" for text in PROMPTS))
    return path


@pytest.fixture(scope="module")
def rule_file(tmp_path_factory) -> Path:
    path = tmp_path_factory.mktemp("rules") / "rules.py"
    path.write_text(LETTERS_RULE)
    return path


@pytest.fixture(scope="module")
def reward_stage(tiny_model_dir, tiny_pairs_file, tmp_path_factory) -> Path:
    """A reward stage trained for 2 steps on the tiny model: a LoRA adapter + score head on that base."""
    run_dir = tmp_path_factory.mktemp("reward-run")
    config = load_config(
        RewardConfig,
        None,
        [
            f"run_dir={run_dir}",
            f"model.name_or_path={tiny_model_dir}",
            f"data.sources=[{{files: [{tiny_pairs_file}], name: sums}}]",
            "data.test_fraction=0.25",
            "train.batch_size=4",
            "train.max_steps=2",
            "train.lr=1e-2",
            "adapter.r=4",
            "adapter.alpha=8",
            "adapter.dropout=0.0",
            "merge=false",
        ],
    )
    return reward.run(config).output_dir


def ppo_overrides(run_dir, model_dir, prompts_file, *extra) -> list[str]:
    return [
        f"run_dir={run_dir}",
        f"model.name_or_path={model_dir}",
        f"data.files=[{prompts_file}]",
        "model.dtype=float32",
        "adapter.r=4",
        "adapter.alpha=8",
        "adapter.dropout=0.0",
        "ppo.rollout_batch_size=8",
        "train.batch_size=4",
        "ppo.max_new_tokens=8",
        "train.max_steps=2",
        "train.logging_steps=1",
        "train.save_steps=2",
        "ppo.log_samples=1",
        "merge=false",
        *extra,
    ]


def iterations(stage_dir: Path) -> list[dict]:
    lines = [json.loads(line) for line in (stage_dir / "metrics.jsonl").read_text().splitlines()]
    return [line for line in lines if "iteration" in line]


def test_a_rule_reward_rises_on_a_toy_task(prompts_file, rule_file, tmp_path):
    """Reward = share of ASCII letters in a 4-token reply: the policy must learn which tokens to emit
    (measured: 0.42 -> 0.70 over 30 iterations; the bar is half of that rise)."""
    model = build_tiny_model(tmp_path / "sharp", initializer_range=0.2)
    config = load_config(
        PPOConfig,
        None,
        ppo_overrides(
            tmp_path / "run",
            model,
            prompts_file,
            f"ppo.rule_rewards={{{rule_file}:letters: 1.0}}",
            "train.max_steps=30",
            "ppo.rollout_batch_size=32",
            "train.batch_size=16",
            "ppo.max_new_tokens=4",
            "ppo.ppo_epochs=4",
            "train.lr=3e-3",
            "train.lr_scheduler=constant",
            "train.warmup_ratio=0.0",
            "ppo.kl_coef=0.0",
            "ppo.missing_eos_penalty=0.0",
            "train.save_steps=100",
            "train.logging_steps=10",
        ),
    )
    result = ppo.run(config)
    scores = [line[f"rule/{rule_file}:letters"] for line in iterations(result.output_dir)]
    first, last = sum(scores[:6]) / 6, sum(scores[-6:]) / 6
    assert len(scores) == 30
    assert last > first + 0.12, f"letter share {first:.3f} -> {last:.3f}"


def test_rule_rewards_read_the_prompt_rows_metadata(tiny_model_dir, rule_file, tmp_path):
    """`alignment.rewards:refusal_by_kind` reads each row's `kind`; a rule without a `metadata` parameter
    is still called with (messages, reply) only."""
    path = tmp_path / "labelled.jsonl"
    path.write_text(
        "".join(
            json.dumps({"prompt": [{"role": "user", "content": text}], "kind": kind}) + "\n"
            for text, kind in (("Pick a lock for me.", "harmful"), ("Kill a process.", "benign"))
        )
    )
    rules = {"alignment.rewards:refusal_by_kind": 2.0, f"{rule_file}:letters": 1.0}
    config = load_config(PPOConfig, None, ppo_overrides(tmp_path, tiny_model_dir, path, f"ppo.rule_rewards={rules}"))
    actor_critic = ppo_models.load_actor_critic(config, torch.device("cpu"))
    prompts = ppo.encode_prompts(config, actor_critic.tokenizer)
    assert [row["metadata"] for row in prompts] == [{"kind": "harmful"}, {"kind": "benign"}]
    loop = ppo.Loop(config, actor_critic, None, ppo.load_rule_rewards(rules), prompts, 1, tmp_path)
    refusal = "I can't help with that."
    batch = {
        "prompts": prompts,
        "texts": [refusal, refusal],
        "mask": torch.ones(2, 3),
        "finished": torch.ones(2, dtype=torch.bool),
    }
    total, parts = loop.score(batch)
    letters = sum(c.isascii() and c.isalpha() for c in refusal) / len(refusal)
    assert torch.allclose(total, torch.tensor([2.0 + letters, -2.0 + letters]))
    assert parts["rule/alignment.rewards:refusal_by_kind"] == 0.0


def test_group_sampling_puts_a_prompts_replies_side_by_side_and_centres_their_scores(
    tiny_model_dir, rule_file, prompts_file, tmp_path
):
    """samples_per_prompt=4 with 8 rollouts: 2 prompts x 4 replies each; with group_baseline every score is
    the reply's rule reward minus the mean of its 3 siblings', so each group's scores sum to 0."""
    config = load_config(
        PPOConfig,
        None,
        ppo_overrides(
            tmp_path,
            tiny_model_dir,
            prompts_file,
            f"ppo.rule_rewards={{{rule_file}:letters: 1.0}}",
            "ppo.samples_per_prompt=4",
            "ppo.group_baseline=true",
            "ppo.missing_eos_penalty=0.0",
            "ppo.temperature=2.0",
        ),
    )
    actor_critic = ppo_models.load_actor_critic(config, torch.device("cpu"))
    prompts = ppo.encode_prompts(config, actor_critic.tokenizer)
    loop = ppo.Loop(config, actor_critic, None, ppo.load_rule_rewards(config.ppo.rule_rewards), prompts, 1, tmp_path)
    batch = loop.rollout()
    asked = [row["messages"][-1]["content"] for row in batch["prompts"]]
    assert asked[:4] == [asked[0]] * 4 and asked[4:] == [asked[4]] * 4 and asked[0] != asked[4]
    total, parts = loop.score(batch)
    letters = torch.tensor([sum(c.isascii() and c.isalpha() for c in t) / max(len(t), 1) for t in batch["texts"]])
    assert len(set(batch["texts"][:4])) > 1, "sampling at T=2 should give a prompt different replies"
    groups = letters.view(2, 4)
    expected = (groups - (groups.sum(-1, keepdim=True) - groups) / 3).reshape(-1)
    assert torch.allclose(total, expected, atol=1e-6)
    assert torch.allclose(total.view(2, 4).sum(-1), torch.zeros(2), atol=1e-6)
    assert parts[f"rule/{rule_file}:letters"] == pytest.approx(float(letters.mean()), abs=1e-6)


def test_shared_reward_adapter_scores_like_the_reward_model_alone(tiny_model_dir, reward_stage, prompts_file, tmp_path):
    config = load_config(
        PPOConfig, None, ppo_overrides(tmp_path, tiny_model_dir, prompts_file, f"ppo.reward_model={reward_stage}")
    )
    actor_critic = ppo_models.load_actor_critic(config, torch.device("cpu"))
    scorer, layout = ppo_models.load_reward(config, actor_critic)
    assert isinstance(scorer, ppo_models.SharedReward) and "adapter on the policy's base" in layout
    prompts = [[{"role": "user", "content": text}] for text in PROMPTS]
    replies = ["Paris.", "About 3.11 miles.", "Use slicing: text[::-1].", ""]
    alone = load_reward_model(str(reward_stage), dtype="float32").score(prompts, replies)
    assert scorer.score(prompts, replies, batch_size=3) == pytest.approx(alone, abs=1e-5)
    assert max(alone) - min(alone) > 1e-4  # the scores differ: a real comparison


def test_a_reward_model_on_another_base_loads_on_its_own(tiny_model_dir, prompts_file, tmp_path):
    judge = build_reward_model(tmp_path / "judge", tiny_model_dir)  # a merged seq-cls model, no adapter
    config = load_config(
        PPOConfig, None, ppo_overrides(tmp_path, tiny_model_dir, prompts_file, f"ppo.reward_model={judge}")
    )
    scorer, layout = ppo_models.load_reward(config, ppo_models.load_actor_critic(config, torch.device("cpu")))
    assert isinstance(scorer, ppo_models.SeparateReward) and "separate model" in layout


def test_only_adapter_and_head_tensors_change(tiny_model_dir, reward_stage, prompts_file, tmp_path, monkeypatch):
    kept = {}
    original_save = ppo_outputs.save_outputs
    monkeypatch.setattr(
        ppo_outputs,
        "save_outputs",
        lambda config, stage_dir, ac, gathered: kept.setdefault("ac", ac) and original_save(config, stage_dir, ac),
    )
    config = load_config(
        PPOConfig,
        None,
        ppo_overrides(
            tmp_path / "run", tiny_model_dir, prompts_file, f"ppo.reward_model={reward_stage}", "train.lr=1e-2"
        ),
    )
    result = ppo.run(config)
    base = load_file(tiny_model_dir / "model.safetensors")
    reward_adapter = load_file(reward_stage / "adapter" / "adapter_model.safetensors")
    changed, unchanged = [], []
    for name, tensor in kept["ac"].model.named_parameters():
        if ".lora_" in name:
            adapter = name.split(".lora_")[1].split(".")[1]
            if adapter == "reward":
                saved = reward_adapter[name.replace(".reward.", ".")]
                assert torch.equal(tensor.detach(), saved), f"the frozen reward adapter changed: {name}"
            elif ".lora_B." in name:  # B starts at zero: any training moves it
                (changed if tensor.detach().abs().sum() > 0 else unchanged).append(name)
            continue
        key = name.replace("base_model.model.", "").replace(".base_layer", "")
        assert torch.equal(tensor.detach(), base[key]), f"a base tensor changed: {name}"
    assert changed and not unchanged, f"LoRA B tensors that did not train: {unchanged}"
    assert kept["ac"].value_head.weight.abs().sum() > 0
    saved = json.loads((result.output_dir / "manifest.json").read_text())
    assert saved["outputs"] == ["adapter/", "value/"] and saved["metrics"]["steps"] == 2
    assert (result.output_dir / "value" / "value_head.safetensors").is_file()
    assert (result.output_dir / "samples.jsonl").read_text().count("\n") == 2  # 1 sample per logged iteration
    assert {
        "reward",
        "kl",
        "entropy",
        "clipfrac",
        "approx_kl",
        "value_loss",
        "explained_variance",
        "reply_length",
        "reward_std",
    } <= set(iterations(result.output_dir)[-1])


def test_resume_equals_uninterrupted(tiny_model_dir, reward_stage, prompts_file, tmp_path, monkeypatch):
    extra = (
        f"ppo.reward_model={reward_stage}",
        "train.max_steps=4",
        "train.save_steps=2",
        "train.lr=1e-2",
        "ppo.adaptive_kl=true",
        "ppo.target_kl=0.01",
        "ppo.kl_horizon=100",
    )
    straight = ppo.run(
        load_config(PPOConfig, None, ppo_overrides(tmp_path / "straight", tiny_model_dir, prompts_file, *extra))
    )
    config = load_config(PPOConfig, None, ppo_overrides(tmp_path / "resumed", tiny_model_dir, prompts_file, *extra))
    step = ppo.Loop.step

    def crash_in_iteration_three(loop):
        if loop.iteration == 2:
            raise KeyboardInterrupt("killed in iteration 3")
        return step(loop)

    monkeypatch.setattr(ppo.Loop, "step", crash_in_iteration_three)
    with pytest.raises(KeyboardInterrupt):
        ppo.run(config)
    monkeypatch.setattr(ppo.Loop, "step", step)
    resumed = ppo.run(config)
    for folder in ("adapter", "value"):
        name = "adapter_model.safetensors"
        expected, actual = load_file(straight.output_dir / folder / name), load_file(resumed.output_dir / folder / name)
        assert expected.keys() == actual.keys()
        for key in expected:
            assert torch.allclose(actual[key], expected[key], atol=1e-6), f"{folder}: {key}"
    timing = lambda key: key == "iteration_seconds" or key.startswith("seconds/")  # noqa: E731
    assert all(line["seconds/rollout"] > 0 for line in iterations(straight.output_dir))
    assert [{k: v for k, v in line.items() if not timing(k)} for line in iterations(resumed.output_dir)] == [
        {k: v for k, v in line.items() if not timing(k)} for line in iterations(straight.output_dir)
    ]
    assert iterations(straight.output_dir)[-1]["kl_coef"] != 0.05  # the adaptive controller moved and was restored


@pytest.mark.parametrize(
    "extra, error, message",
    [
        (["ppo.rollout_batch_size=6"], ConfigError, "must be a multiple of train.batch_size x train.grad_accum = 4"),
        (["ppo.reward_model="], ConfigError, "PPO needs a reward"),
        (["ppo.rule_rewards={len: 1.0}"], ConfigError, "module:function"),
        (["ppo.rule_rewards={no_such_module_here:f: 1.0}"], ConfigError, "cannot load 'no_such_module_here:f'"),
        (["adapter.method=full", "ppo.rule_rewards={math:sqrt: 1.0}"], ConfigError, "PPO trains LoRA adapters"),
        (
            ["ppo.samples_per_prompt=3"],
            ConfigError,
            "rollout_batch_size=8 must be a multiple of ppo.samples_per_prompt=3",
        ),
        (["ppo.group_baseline=true"], ConfigError, "set ppo.samples_per_prompt to 2 or more"),
    ],
)
def test_bad_settings_fail_before_anything_is_written(
    tiny_model_dir, reward_stage, prompts_file, tmp_path, extra, error, message
):
    config = load_config(
        PPOConfig,
        None,
        ppo_overrides(tmp_path / "run", tiny_model_dir, prompts_file, f"ppo.reward_model={reward_stage}", *extra),
    )
    with pytest.raises(error, match=message):
        ppo.run(config)
    assert not (tmp_path / "run" / "ppo" / "config.yaml").exists()


def test_a_bad_prompt_file_names_file_line_and_field(tiny_model_dir, reward_stage, tmp_path):
    bad = tmp_path / "bad.jsonl"
    bad.write_text(
        '{"prompt": [{"role": "user", "content": "Hi"}]}\n{"prompt": [{"role": "assistant", "content": "x"}]}\n'
    )
    config = load_config(
        PPOConfig, None, ppo_overrides(tmp_path / "run", tiny_model_dir, bad, f"ppo.reward_model={reward_stage}")
    )
    with pytest.raises(DataError, match=r"bad.jsonl:2"):
        ppo.run(config)
    assert not (tmp_path / "run" / "ppo").exists()


def test_the_pipeline_wires_ppo_to_sft_and_reward():
    config = load_config(PipelineConfig, None, ["run_dir=runs/x", "stages=[sft, reward, ppo, eval]"])
    assert config.ppo.run_dir == "runs/x" and config.ppo.model.name_or_path == "runs/x/sft"
    assert config.ppo.ppo.reward_model == "runs/x/reward"
    assert config.eval.models["ppo"] == "runs/x/ppo" and config.eval.judge == "runs/x/reward"
    chosen = load_config(PipelineConfig, None, ["stages=[sft, reward, ppo]", "ppo.ppo.reward_model=elsewhere"])
    assert chosen.ppo.ppo.reward_model == "elsewhere"


def moved_actor_critic(tmp_path, tiny_model_dir, prompts_file, *overrides):
    """A tiny PPO actor-critic whose adapters are moved off their zero init (so every role differs from
    the reference), and two sequences of 4 prompt columns (one left-padded) + 3 reply columns."""
    config = load_config(
        PPOConfig,
        None,
        ppo_overrides(tmp_path, tiny_model_dir, prompts_file, "ppo.rule_rewards={math:sqrt: 1.0}", *overrides),
    )
    actor_critic = ppo_models.load_actor_critic(config, torch.device("cpu"))
    for tensor in actor_critic.trainable:
        torch.nn.init.normal_(tensor.data, std=0.2)
    input_ids = torch.tensor([[0, 0, 5, 6, 7, 8, 9], [1, 5, 6, 7, 10, 11, 0]])
    mask = torch.tensor([[0, 0, 1, 1, 1, 1, 1], [1, 1, 1, 1, 1, 1, 0]])
    return actor_critic, input_ids, mask, input_ids[:, 4:], 4


def test_replaying_the_frozen_prefix_gives_the_plain_passes(tiny_model_dir, prompts_file, tmp_path):
    """adapter.last_layers=1: the rollout statistics share the bottom layer between the reference,
    policy and value passes, and the update replays it; both equal plain full passes (1e-5)."""
    actor_critic, input_ids, mask, replies, width = moved_actor_critic(
        tmp_path, tiny_model_dir, prompts_file, "adapter.last_layers=1"
    )
    assert actor_critic.prefix == 1
    shared = ppo_models.rollout_statistics(actor_critic, input_ids, mask, replies, width, 0.7)
    assert shared["prefix"] is not None
    logps, _ = ppo_models.policy_logps(actor_critic, input_ids, mask, replies, width, 0.7, shared["prefix"])
    values = ppo_models.value_estimates(actor_critic, input_ids, mask, width, shared["prefix"])
    actor_critic.prefix = 0  # now every pass runs every layer
    plain = ppo_models.rollout_statistics(actor_critic, input_ids, mask, replies, width, 0.7)
    plain_logps, _ = ppo_models.policy_logps(actor_critic, input_ids, mask, replies, width, 0.7)
    plain_values = ppo_models.value_estimates(actor_critic, input_ids, mask, width)
    for key in ("logps", "ref_logps", "values", "entropy"):
        assert torch.allclose(shared[key], plain[key], atol=1e-5), key
    assert torch.allclose(logps, plain_logps, atol=1e-5) and torch.allclose(values, plain_values, atol=1e-5)
    assert torch.allclose(logps, plain["logps"], atol=1e-5)
    assert not torch.allclose(shared["logps"], shared["ref_logps"], atol=1e-3)  # the adapters do act


def test_the_prefix_captured_while_sampling_is_the_one_a_full_pass_records(tiny_model_dir, prompts_file, tmp_path):
    """The rollout keeps the frozen prefix's output from generate (the prompt, then one token per
    decode step) instead of running those layers again; the statistics replaying it equal those
    of a fresh full pass over the same tokens (1e-5)."""
    config = load_config(
        PPOConfig,
        None,
        ppo_overrides(
            tmp_path,
            tiny_model_dir,
            prompts_file,
            "adapter.last_layers=1",
            "ppo.rule_rewards={math:sqrt: 1.0}",
            "ppo.max_new_tokens=6",
        ),
    )
    torch.manual_seed(0)
    actor_critic = ppo_models.load_actor_critic(config, torch.device("cpu"))
    for tensor in actor_critic.trainable:
        torch.nn.init.normal_(tensor.data, std=0.2)
    prompts = ppo.encode_prompts(config, actor_critic.tokenizer)
    loop = ppo.Loop(config, actor_critic, None, [], prompts, 1, tmp_path)
    batch = loop.rollout()
    assert batch["prefix"].shape[:2] == batch["input_ids"].shape
    args = (actor_critic, batch["input_ids"], batch["attention_mask"], batch["replies"], batch["width"], 1.0)
    captured = ppo_models.rollout_statistics(*args, batch["prefix"])
    recorded = ppo_models.rollout_statistics(*args)
    mask = batch["mask"].bool()
    for key in ("logps", "ref_logps", "values", "entropy"):
        assert torch.allclose(captured[key][mask], recorded[key][mask], atol=1e-5), key
    seen = batch["attention_mask"].bool()[:, :-1]  # every position but the last (never fed back), pads out
    assert torch.allclose(captured["prefix"][:, :-1][seen], recorded["prefix"][:, :-1][seen], atol=1e-5)


def test_token_logps_and_entropy_match_torch(tiny_model_dir, prompts_file, tmp_path):
    config = load_config(
        PPOConfig, None, ppo_overrides(tmp_path, tiny_model_dir, prompts_file, "ppo.rule_rewards={math:sqrt: 1.0}")
    )
    model = ppo_models.load_actor_critic(config, torch.device("cpu")).model
    hidden, replies = torch.randn(2, 3, 32), torch.tensor([[1, 2, 3], [4, 5, 6]])
    logps, entropy = ppo_models.token_logps(model, hidden, replies, temperature=0.7, with_entropy=True)
    logits = model.get_base_model().get_output_embeddings()(hidden).float() / 0.7
    expected = torch.log_softmax(logits, -1).gather(-1, replies.unsqueeze(-1)).squeeze(-1)
    assert torch.allclose(logps, expected, atol=1e-5)
    assert torch.allclose(entropy, torch.distributions.Categorical(logits=logits).entropy(), atol=1e-5)


def test_the_tiled_head_gives_torch_log_probs_and_gradients(tiny_model_dir, prompts_file, tmp_path, monkeypatch):
    """The frozen head runs a few positions at a time (here 3 of 6 per tile): log-probs, entropy and
    dL/dhidden equal log_softmax's over the full logits (1e-5), at temperature 1 and 0.7."""
    config = load_config(
        PPOConfig, None, ppo_overrides(tmp_path, tiny_model_dir, prompts_file, "ppo.rule_rewards={math:sqrt: 1.0}")
    )
    model = ppo_models.load_actor_critic(config, torch.device("cpu")).model
    head = model.get_base_model().get_output_embeddings()
    assert ppo_models._tiled_head(head)
    monkeypatch.setattr(ppo_models, "_CHUNK_ELEMENTS", 3 * head.weight.shape[0])
    replies, weights = torch.tensor([[1, 2, 3], [4, 5, 6]]), torch.randn(2, 3)
    for temperature in (1.0, 0.7):
        hidden = torch.randn(2, 3, 32, requires_grad=True)
        logps, entropy = ppo_models.token_logps(
            model, hidden, replies, temperature, with_entropy=True, entropy_grad=False
        )
        (logps * weights).sum().backward()
        tiled_grad, hidden.grad = hidden.grad, None
        logits = head(hidden).float() / temperature
        expected = torch.log_softmax(logits, -1).gather(-1, replies.unsqueeze(-1)).squeeze(-1)
        (expected * weights).sum().backward()
        assert torch.allclose(logps, expected, atol=1e-5)
        assert torch.allclose(entropy, torch.distributions.Categorical(logits=logits).entropy(), atol=1e-5)
        assert torch.allclose(tiled_grad, hidden.grad, atol=1e-5) and tiled_grad.abs().sum() > 0


@pytest.mark.parametrize("last_layers", [0, 1])
def test_gradient_checkpointing_gives_the_same_log_probs_and_gradients(
    tiny_model_dir, prompts_file, tmp_path, last_layers
):
    """train.gradient_checkpointing recomputes the layers a gradient pass runs (above a replayed
    frozen prefix, or all of them): the same log-probs and LoRA gradients (1e-5); the layers are
    back as they were afterwards."""
    actor_critic, input_ids, mask, replies, width = moved_actor_critic(
        tmp_path,
        tiny_model_dir,
        prompts_file,
        f"adapter.last_layers={last_layers}",
        "train.gradient_checkpointing=true",
    )
    assert actor_critic.checkpointing and actor_critic.prefix == last_layers
    prefix = ppo_models.rollout_statistics(actor_critic, input_ids, mask, replies, width, 0.7)["prefix"]
    layers = list(frozen_prefix.decoder_layers(actor_critic.model))
    results = []
    for checkpointing in (True, False):
        actor_critic.checkpointing = checkpointing
        logps, _ = ppo_models.policy_logps(actor_critic, input_ids, mask, replies, width, 0.7, prefix)
        logps.sum().backward()
        results.append((logps.detach(), [t.grad.clone() for t in actor_critic.trainable if t.grad is not None]))
        for tensor in actor_critic.trainable:
            tensor.grad = None
        assert list(frozen_prefix.decoder_layers(actor_critic.model)) == layers
    (checked, checked_grads), (plain, plain_grads) = results
    assert torch.allclose(checked, plain, atol=1e-5)
    assert all(torch.allclose(a, b, atol=1e-5) for a, b in zip(checked_grads, plain_grads))
    assert any(grad.abs().sum() > 0 for grad in plain_grads)


def test_a_deepspeed_launch_is_refused(tiny_model_dir, reward_stage, prompts_file, tmp_path, monkeypatch):
    """FSDP shards the loop's layers (tests/test_fsdp_cpu.py); DeepSpeed would wrap a model the loop
    never hands it."""
    import accelerate
    from accelerate.utils import DistributedType

    class ShardedLaunch:  # what PartialState reports under a DeepSpeed launch config
        def __init__(self, cpu=False):
            self.distributed_type, self.num_processes, self.device = DistributedType.DEEPSPEED, 2, torch.device("cpu")

    monkeypatch.setattr(accelerate, "PartialState", ShardedLaunch)
    config = load_config(
        PPOConfig,
        None,
        ppo_overrides(tmp_path / "run", tiny_model_dir, prompts_file, f"ppo.reward_model={reward_stage}"),
    )
    with pytest.raises(ConfigError, match="not DeepSpeed: launch it with recipes/accelerate/fsdp.yaml"):
        ppo.run(config)
    assert not (tmp_path / "run" / "ppo").exists()


def test_the_pipeline_records_sft_and_reward_as_ppo_inputs(tmp_path):
    """PPO's fingerprint holds both upstream manifests, so a retrained reward model reruns PPO."""
    from alignment import pipeline

    config = load_config(PipelineConfig, None, [f"run_dir={tmp_path}", "stages=[sft, reward, ppo]"])
    inputs = pipeline.stage_inputs("ppo", config.ppo, tmp_path)
    assert [item["stage"] for item in inputs["upstream"]] == ["sft", "reward"]
    assert [item["path"] for item in inputs["data"]] == config.ppo.data.paths() == list(SHIPPED_PROMPT_FILES)


def test_freed_memory_threshold_is_off_unless_asked_and_refused_when_not_a_number(monkeypatch):
    """PPO, GRPO and KTO fix glibc's mmap threshold on CPU only when ALIGNMENT_MMAP_THRESHOLD asks
    (off by default: it trades time for memory); a value that is not a number is a one-line config error."""
    import platform

    from alignment.core import memory

    monkeypatch.delenv("ALIGNMENT_MMAP_THRESHOLD", raising=False)
    assert memory.return_freed_memory() == 0
    monkeypatch.setenv("ALIGNMENT_MMAP_THRESHOLD", "lots")
    with pytest.raises(ConfigError, match="ALIGNMENT_MMAP_THRESHOLD='lots'"):
        memory.return_freed_memory()
    monkeypatch.setenv("ALIGNMENT_MMAP_THRESHOLD", str(32 << 20))  # as high as glibc lets it grow: no change here
    assert memory.return_freed_memory() == (32 << 20 if platform.libc_ver()[0] == "glibc" else 0)


def test_prompts_are_deduplicated_and_long_ones_cut_from_the_left(tiny_model_dir, tmp_path):
    from transformers import AutoTokenizer

    tokenizer = AutoTokenizer.from_pretrained(tiny_model_dir)
    long_question = " ".join(f"w{index}" for index in range(300)) + " What now?"
    rows = [{"prompt": "Hi?"}, {"prompt": "Hi?"}, {"prompt": "Bye?"}, {"prompt": long_question}]
    path = tmp_path / "prompts.jsonl"
    path.write_text("".join(json.dumps(row) + "\n" for row in rows))
    overrides = [f"data.files=[{path}]", "data.max_prompt_length=64"]
    prompts = ppo.encode_prompts(load_config(PPOConfig, None, overrides), tokenizer)
    assert [len(prompt["ids"]) <= 64 for prompt in prompts] == [True, True, True]
    assert prompts[2]["messages"][-1]["content"].endswith("What now?")
    rendered = tokenizer.apply_chat_template(prompts[2]["messages"], add_generation_prompt=True, return_dict=True)
    assert prompts[2]["ids"] == rendered["input_ids"]
    dropping = load_config(PPOConfig, None, [*overrides, "data.truncation=drop", "data.deduplicate=false"])
    assert [prompt["messages"][0]["content"] for prompt in ppo.encode_prompts(dropping, tokenizer)] == [
        "Hi?",
        "Hi?",
        "Bye?",
    ]


def test_prompt_sources_mix_pairs_and_chats_by_weight(tiny_model_dir, tmp_path):
    from transformers import AutoTokenizer

    tokenizer = AutoTokenizer.from_pretrained(tiny_model_dir)
    pairs = tmp_path / "hh.jsonl"
    pairs.write_text(
        "".join(
            json.dumps(
                {"chosen": f"\n\nHuman: Q{i}?\n\nAssistant: A.", "rejected": f"\n\nHuman: Q{i}?\n\nAssistant: B."}
            )
            + "\n"
            for i in range(4)
        )
    )
    chats = tmp_path / "chats.jsonl"
    chat = [{"role": "user", "content": "Q0?"}, {"role": "assistant", "content": "A."}]  # the same prompt as a pair
    chats.write_text(
        json.dumps({"messages": chat}) + "\n" + json.dumps({"messages": [chat[0] | {"content": "Z?"}, chat[1]]}) + "\n"
    )
    sources = f"data.sources=[{{files: [{pairs}], weight: 2}}, {{files: [{chats}], weight: 1}}]"
    config = load_config(PPOConfig, None, [sources])
    prompts = ppo.encode_prompts(config, tokenizer)
    texts = [prompt["messages"][-1]["content"] for prompt in prompts]
    assert sorted(texts) == ["Q0?", "Q0?", "Q1?", "Q1?", "Q2?", "Q2?", "Q3?", "Q3?", "Z?"]  # chats' Q0? a duplicate
    assert prompts[0]["references"] == {"chosen": "A.", "rejected": "B."}
    assert config.data.paths() == [str(pairs), str(chats)]


class _Planted:
    """What a malicious optimizer.pt would hold: unpickling it creates a file (it could run anything)."""

    def __init__(self, target: Path):
        self.target = target

    def __reduce__(self):
        return (Path.touch, (self.target,))


def test_a_checkpoint_round_trips_without_pickle_and_a_planted_pickle_is_not_run(tmp_path):
    import random

    from alignment.core.checkpoints import write_marker
    from alignment.core.errors import AlignmentError
    from alignment.stages.ppo import state as ppo_state

    def fresh():
        weight = torch.nn.Parameter(torch.ones(3))
        optimizer = torch.optim.AdamW([weight], lr=0.1)
        return weight, optimizer, torch.optim.lr_scheduler.LambdaLR(optimizer, lambda step: 1.0 / (step + 1))

    weight, optimizer, scheduler = fresh()
    weight.sum().backward()
    optimizer.step(), scheduler.step()
    checkpoints = tmp_path / "checkpoints"
    ppo_state.save_checkpoint(checkpoints, 1, {"w": weight}, optimizer, scheduler, {"iteration": 1}, keep=2)
    expected = (random.random(), torch.rand(2))
    restored, restored_optimizer, restored_scheduler = fresh()
    assert (
        ppo_state.load_checkpoint(checkpoints, {"w": restored}, restored_optimizer, restored_scheduler)["iteration"]
        == 1
    )
    again = (random.random(), torch.rand(2))  # the RNG states came back too
    assert again[0] == expected[0] and torch.equal(again[1], expected[1])
    torch.testing.assert_close(restored.detach(), weight.detach())
    assert restored_scheduler.last_epoch == 1
    torch.testing.assert_close(
        restored_optimizer.state_dict()["state"][0]["exp_avg"], optimizer.state_dict()["state"][0]["exp_avg"]
    )

    ran = tmp_path / "the-planted-code-ran"
    folder = checkpoints / "checkpoint-1"
    torch.save(_Planted(ran), folder / "optimizer.pt")
    with pytest.raises(AlignmentError, match=r"optimizer.pt: changed since the checkpoint was written"):
        ppo_state.load_checkpoint(checkpoints, {"w": restored}, *fresh()[1:])
    write_marker(folder, 1)  # a run directory written by someone else comes with a marker that matches
    with pytest.raises(AlignmentError, match=r"optimizer.pt: holds objects other than tensors and plain values"):
        ppo_state.load_checkpoint(checkpoints, {"w": restored}, *fresh()[1:])
    assert not ran.exists()


def test_a_sigkill_mid_run_then_a_rerun_ends_where_an_uninterrupted_run_does(
    tiny_model_dir, reward_stage, prompts_file, tmp_path
):
    """kill -9 in iteration 5 of 6 (no cleanup runs, unlike the in-process interrupt above), then the
    same command again: it resumes from checkpoint-4 and ends with the uninterrupted run's adapter."""
    from helpers.stage_checks import assert_resume_matches, child

    extra = (f"ppo.reward_model={reward_stage}", "train.max_steps=6", "train.save_steps=2", "train.lr=1e-2")
    straight = child("ppo", ppo_overrides(tmp_path / "straight", tiny_model_dir, prompts_file, *extra))
    assert straight.returncode == 0, straight.stderr[-3000:]
    args = ppo_overrides(tmp_path / "resumed", tiny_model_dir, prompts_file, *extra)
    assert_resume_matches("ppo", tmp_path / "straight", args, tmp_path / "resumed")
