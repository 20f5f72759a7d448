"""PPO guide replies: a preference row's chosen / rejected replies take the last slots of its prompt's
group, are scored and trained on like samples; settings that cannot work fail before a run."""

from __future__ import annotations

import json

import pytest
import torch
from test_ppo_stage import ppo_overrides

from alignment.config import PPOConfig, load_config
from alignment.core.errors import ConfigError
from alignment.data.prompts import load_prompts
from alignment.rewards.rules import terse_reply
from alignment.stages.ppo import guides as ppo_guides
from alignment.stages.ppo import loop as ppo
from alignment.stages.ppo import models as ppo_models

PAIRS = [("Pick a lock for me.", "No.", "Sure, step one."), ("Kill a process.", "Use kill.", "No.")]


@pytest.fixture(scope="module", autouse=True)
def _one_thread(one_thread):
    yield


@pytest.fixture
def pairs_file(tmp_path):
    path = tmp_path / "pairs.jsonl"
    path.write_text(
        "".join(
            json.dumps(
                {
                    "prompt": [{"role": "user", "content": p}],
                    "chosen": [{"role": "assistant", "content": c}],
                    "rejected": [{"role": "assistant", "content": r}],
                }
            )
            + "\n"
            for p, c, r in PAIRS
        )
    )
    return path


def test_prompt_rows_keep_their_reference_replies(tmp_path):
    path = tmp_path / "mixed.jsonl"
    rows = [
        {
            "prompt": [{"role": "user", "content": "a"}],
            "chosen": [{"role": "assistant", "content": " yes "}],
            "rejected": [{"role": "assistant", "content": "no"}],
        },
        {"prompt": "b", "chosen": "plain text", "rejected": ""},
        {"prompt": "c", "chosen": [{"role": "user", "content": "not a reply"}]},
        {"prompt": "d"},
    ]
    path.write_text("".join(json.dumps(row) + "\n" for row in rows))
    found = [example.references for example in load_prompts([str(path)])]
    assert found == [{"chosen": "yes", "rejected": "no"}, {"chosen": "plain text"}, {}, {}]


def test_guides_take_the_last_slots_of_their_group_and_merge_with_the_samples():
    """3 replies per prompt, 2 guides: prompt A (two references) gets 1 sample + chosen + rejected;
    prompt B (no references) gets 3 samples. The samples keep their order; padding is the pad id."""
    a = {"guides": [([7, 8, 9], False), ([5, 2], True)]}
    b = {"guides": []}
    rows = [a, a, a, b, b, b]
    taken = ppo_guides.slots(rows, samples_per_prompt=3, guide_replies=2)
    assert taken == [None, ([7, 8, 9], False), ([5, 2], True), None, None, None]
    sampled = torch.tensor([[11, 2], [12, 0], [13, 14], [15, 2]])  # 4 sampled rows, pad 0
    mask = torch.tensor([[1, 1], [1, 0], [1, 1], [1, 1]]).float()
    finished = torch.tensor([True, True, False, True])
    replies, full_mask, full_finished = ppo_guides.merge(sampled, mask, finished, taken, pad_id=0)
    assert replies.tolist() == [[11, 2, 0], [7, 8, 9], [5, 2, 0], [12, 0, 0], [13, 14, 0], [15, 2, 0]]
    assert full_mask.tolist() == [[1, 1, 0], [1, 1, 1], [1, 1, 0], [1, 0, 0], [1, 1, 0], [1, 1, 0]]
    assert full_finished.tolist() == [True, False, True, True, False, True]


def test_a_guided_rollout_holds_the_reference_replies_and_an_iteration_runs(tiny_model_dir, pairs_file, tmp_path):
    config = load_config(
        PPOConfig,
        None,
        ppo_overrides(
            tmp_path,
            tiny_model_dir,
            pairs_file,
            "ppo.rule_rewards={alignment.rewards:terse_reply: 1.0}",
            "ppo.samples_per_prompt=4",
            "ppo.guide_replies=2",
            "ppo.group_baseline=true",
            "ppo.max_new_tokens=24",
        ),
    )
    ppo.check_settings(config, ppo.load_rule_rewards(config.ppo.rule_rewards))
    actor_critic = ppo_models.load_actor_critic(config, torch.device("cpu"))
    prompts = ppo.encode_prompts(config, actor_critic.tokenizer)
    loop = ppo.Loop(config, actor_critic, None, ppo.load_rule_rewards(config.ppo.rule_rewards), prompts, 1, tmp_path)
    assert loop.guided == 2
    end = ppo_guides.end_of_turn(actor_critic.tokenizer, loop.stop_ids)
    assert end in loop.stop_ids and prompts[0]["guides"][0][0][-1] == end  # a chosen guide ends as a sample would
    rejected_ids, rejected_ended = prompts[0]["guides"][1]
    assert end not in rejected_ids and rejected_ended  # a rejected one: no end token to teach down, yet finished
    batch = loop.rollout()
    for group in (0, 4):
        asked = batch["prompts"][group]["messages"][-1]["content"]
        _, chosen, rejected = next(pair for pair in PAIRS if pair[0] == asked)
        assert batch["texts"][group + 2 : group + 4] == [chosen, rejected]
        assert batch["finished"][group + 2 : group + 4].tolist() == [True, True]
    assert batch["prefix"] is None and batch["replies"].shape == batch["mask"].shape
    metrics = loop.step()
    assert metrics["policy_loss"] == metrics["policy_loss"] and metrics["kl"] == metrics["kl"]  # not NaN
    replies = [sample["reply"] for sample in metrics["samples"]]
    assert replies.count("No.") >= 2
    own = [reply for index, reply in enumerate(replies) if index % 4 < 2]  # the logged figures: samples only
    expected = sum(terse_reply([], reply) for reply in own) / len(own)
    assert metrics["rule/alignment.rewards:terse_reply"] == pytest.approx(expected)


def test_guide_settings_that_cannot_work_fail_first(tiny_model_dir, pairs_file, tmp_path):
    rules = ppo.load_rule_rewards({"alignment.rewards:terse_reply": 1.0})
    config = load_config(
        PPOConfig,
        None,
        ppo_overrides(tmp_path, tiny_model_dir, pairs_file, "ppo.samples_per_prompt=2", "ppo.guide_replies=2"),
    )
    with pytest.raises(ConfigError, match="guide_replies=2 must leave each prompt a sampled reply"):
        ppo.check_settings(config, rules)
    with pytest.raises(ConfigError, match="guide_replies"):
        load_config(PPOConfig, None, ppo_overrides(tmp_path, tiny_model_dir, pairs_file, "ppo.guide_replies=3"))
    plain = tmp_path / "plain.jsonl"
    plain.write_text(json.dumps({"prompt": "no replies here"}) + "\n")
    config = load_config(
        PPOConfig,
        None,
        ppo_overrides(tmp_path, tiny_model_dir, plain, "ppo.samples_per_prompt=2", "ppo.guide_replies=1"),
    )
    actor_critic = ppo_models.load_actor_critic(config, torch.device("cpu"))
    prompts = ppo.encode_prompts(config, actor_critic.tokenizer)
    with pytest.raises(ConfigError, match=f"{plain}.* have none"):
        ppo.Loop(config, actor_critic, None, rules, prompts, 1, tmp_path)


def test_guide_ids_are_cut_like_a_sample_and_only_chosen_replies_carry_the_end_token():
    assert ppo_guides._guide([5, 6], 2, True, 4) == ([5, 6, 2], True)
    assert ppo_guides._guide([5, 6], 2, False, 4) == ([5, 6], True)
    assert ppo_guides._guide([5, 6, 7, 8], 2, True, 4) == ([5, 6, 7, 8], False)  # the end token did not fit
    assert ppo_guides._guide([5, 6, 7, 8], 2, False, 4) == ([5, 6, 7, 8], False)
    assert ppo_guides._guide([5, 6, 7], 2, False, 4) == ([5, 6, 7], True)


def test_a_guide_ends_with_the_stop_token_the_chat_template_writes():
    """Llama-3 style: stop ids {eos 7, end-of-turn 9}; the template closes a reply with 9, so guides do too."""

    class Template:
        def apply_chat_template(self, messages, add_generation_prompt=False, tokenize=True, return_dict=True):
            return {"input_ids": [1, 2] if add_generation_prompt else [1, 2, 5, 9, 4]}

    assert ppo_guides.end_of_turn(Template(), [7, 9]) == 9
    assert ppo_guides.end_of_turn(Template(), [7]) == 7  # a template that writes no stop id: the first one
