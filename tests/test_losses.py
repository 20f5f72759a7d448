"""Loss math against values derived by hand in `alignment/losses.py`."""

from __future__ import annotations

import math

import pytest
import torch

from alignment.losses import bradley_terry_loss, pairwise_accuracy


def test_equal_rewards_give_ln2():
    assert bradley_terry_loss(torch.tensor([0.3, -2.0]), torch.tensor([0.3, -2.0])).item() == pytest.approx(math.log(2))


def test_reward_gap_of_one():
    # -log sigmoid(1) = log(1 + e^-1) = 0.31326
    loss = bradley_terry_loss(torch.tensor([1.5]), torch.tensor([0.5]))
    assert loss.item() == pytest.approx(math.log(1 + math.exp(-1)), abs=1e-6)
    assert loss.item() == pytest.approx(0.31326, abs=1e-5)


def test_margin_matches_hand_computation():
    # pair 1: gap 1, margin 1 -> -log sigmoid(0) = ln 2 = 0.693147
    # pair 2: gap 2, margin 0.5 -> -log sigmoid(1.5) = log(1 + e^-1.5) = 0.201413
    # mean = 0.447280
    chosen, rejected, margin = torch.tensor([1.0, 2.0]), torch.tensor([0.0, 0.0]), torch.tensor([1.0, 0.5])
    expected = (math.log(2) + math.log(1 + math.exp(-1.5))) / 2
    assert bradley_terry_loss(chosen, rejected, margin).item() == pytest.approx(expected, abs=1e-6)
    assert expected == pytest.approx(0.447280, abs=1e-6)
    # a margin makes the loss larger for the same rewards (the chosen side must win by more)
    assert bradley_terry_loss(chosen, rejected, margin) > bradley_terry_loss(chosen, rejected)


def test_centering_term_matches_hand_computation():
    # gap 0 for both pairs -> ln 2; (r_c + r_r)^2 = 4 and 16 -> mean 10; 0.01 * 10 = 0.1
    chosen, rejected = torch.tensor([1.0, -2.0]), torch.tensor([1.0, -2.0])
    loss = bradley_terry_loss(chosen, rejected, center_coefficient=0.01)
    assert loss.item() == pytest.approx(math.log(2) + 0.1, abs=1e-6)


def test_gradient_pushes_chosen_up_and_rejected_down():
    chosen, rejected = torch.zeros(1, requires_grad=True), torch.zeros(1, requires_grad=True)
    bradley_terry_loss(chosen, rejected).backward()
    # d/dr_c [-log sigmoid(r_c - r_r)] = -(1 - sigmoid(0)) = -0.5
    assert chosen.grad.item() == pytest.approx(-0.5)
    assert rejected.grad.item() == pytest.approx(0.5)


def test_ties_count_as_wrong():
    assert pairwise_accuracy(torch.tensor([1.0, 2.0, 3.0]), torch.tensor([1.0, 1.0, 4.0])) == pytest.approx(1 / 3)
    assert pairwise_accuracy(torch.tensor([0.5]), torch.tensor([0.5])) == 0.0


# ---- DPO family: the hand values derived in alignment/losses.py ----

from alignment.losses import dpo_sigmoid_loss, implicit_rewards, ipo_loss, kto_loss, orpo_loss, simpo_loss  # noqa: E402


def test_dpo_policy_equal_to_reference_gives_ln2_for_any_smoothing():
    logps, ref = torch.tensor([-12.0, -3.5]), torch.tensor([-12.0, -3.5])
    for smoothing in (0.0, 0.1, 0.3):
        loss = dpo_sigmoid_loss(logps, logps - 1.0, ref, ref - 1.0, beta=0.1, label_smoothing=smoothing)
        assert loss.tolist() == pytest.approx([math.log(2)] * 2, abs=1e-6)


def test_dpo_sigmoid_and_conservative_hand_values():
    # delta = (-5 - -15) - (-20 - -20) = 10; beta 0.1 -> -log sigmoid(1) = 0.31326
    args = (torch.tensor([-5.0]), torch.tensor([-20.0]), torch.tensor([-15.0]), torch.tensor([-20.0]))
    assert dpo_sigmoid_loss(*args, beta=0.1).item() == pytest.approx(0.31326, abs=1e-5)
    # eps 0.1: 0.9 * 0.31326 + 0.1 * log(1 + e) = 0.41326
    assert dpo_sigmoid_loss(*args, beta=0.1, label_smoothing=0.1).item() == pytest.approx(0.41326, abs=1e-5)


def test_ipo_hand_values():
    zero = torch.tensor([0.0])
    lengths = torch.tensor([2.0]), torch.tensor([4.0])
    assert ipo_loss(zero, zero, zero, zero, *lengths, beta=0.1).item() == pytest.approx(25.0)
    # log-ratios 6 over 2 tokens, -4 over 4 tokens: h = 3 + 1 = 4; (4 - 5)^2 = 1
    loss = ipo_loss(
        torch.tensor([-4.0]), torch.tensor([-14.0]), torch.tensor([-10.0]), torch.tensor([-10.0]), *lengths, beta=0.1
    )
    assert loss.item() == pytest.approx(1.0, abs=1e-6)


def test_kto_hand_values():
    logps, ref = torch.tensor([-10.0, -10.0, -20.0]), torch.tensor([-20.0, -20.0, -20.0])  # r = 10, 10, 0
    desirable = torch.tensor([True, False, True])
    losses = kto_loss(logps, ref, desirable, torch.tensor(0.0), beta=0.1)
    assert losses.tolist() == pytest.approx([0.26894, 0.73106, 0.5], abs=1e-5)  # 1 - sigmoid(1), 1 - sigmoid(-1)
    # the reference point moves the desirable row's target: 1 - sigmoid(0.1 * (10 - 5))
    assert kto_loss(logps[:1], ref[:1], desirable[:1], torch.tensor(5.0), beta=0.1).item() == pytest.approx(
        0.37754, abs=1e-5
    )
    weighted = kto_loss(
        logps, ref, desirable, torch.tensor(0.0), beta=0.1, desirable_weight=2.0, undesirable_weight=3.0
    )
    assert weighted.tolist() == pytest.approx([2 * 0.26894, 3 * 0.73106, 1.0], abs=1e-4)


def test_orpo_hand_value():
    chosen, rejected, lengths = torch.tensor([-4.0]), torch.tensor([-6.0]), (torch.tensor([4.0]), torch.tensor([3.0]))
    loss = orpo_loss(chosen, rejected, *lengths, lam=0.1)
    log_odds = (-1 - math.log(1 - math.exp(-1))) - (-2 - math.log(1 - math.exp(-2)))
    assert log_odds == pytest.approx(1.31326, abs=1e-5)
    assert loss.item() == pytest.approx(1 + 0.1 * math.log(1 + math.exp(-log_odds)), abs=1e-6)
    assert loss.item() == pytest.approx(1.02382, abs=1e-5)
    # lam = 0 leaves the chosen reply's NLL per token; a reply the model is sure of stays finite
    assert orpo_loss(chosen, rejected, *lengths, lam=0.0).item() == pytest.approx(1.0)
    assert torch.isfinite(orpo_loss(torch.tensor([0.0]), rejected, *lengths, lam=0.1)).all()


def test_simpo_hand_value_and_reward():
    chosen, rejected, lengths = torch.tensor([-4.0]), torch.tensor([-6.0]), (torch.tensor([4.0]), torch.tensor([3.0]))
    loss = simpo_loss(chosen, rejected, *lengths, beta=2.0, gamma=0.5)
    assert loss.item() == pytest.approx(math.log(1 + math.exp(-1.5)), abs=1e-6)
    assert loss.item() == pytest.approx(0.20141, abs=1e-5)
    assert implicit_rewards(chosen, None, lengths[0], 2.0, reference_free=True).item() == pytest.approx(-2.0)
    assert implicit_rewards(
        chosen, torch.tensor([-5.0]), lengths[0], 0.1, reference_free=False
    ).item() == pytest.approx(0.1)


# ---- GRPO (hand values in the losses module docstring) ----

from alignment.losses import aggregate_token_loss, group_advantages, grpo_token_loss  # noqa: E402


def test_group_advantages_hand_values():
    scores = torch.tensor([1.0, 0.0, 0.0, 1.0, 3.0, 3.0, 3.0, 3.0])  # two groups of 4; the second all alike
    assert torch.allclose(group_advantages(scores, 4, "grpo", eps=0.0)[:4], torch.tensor([1.0, -1.0, -1.0, 1.0]))
    assert torch.allclose(group_advantages(scores, 4, "dr_grpo")[:4], torch.tensor([0.5, -0.5, -0.5, 0.5]))
    assert torch.allclose(group_advantages(scores, 4, "rloo")[:4], torch.tensor([2.0, -2.0, -2.0, 2.0]) / 3)
    for method in ("grpo", "dr_grpo", "rloo"):  # a group whose replies all score the same teaches nothing
        assert torch.equal(group_advantages(scores, 4, method)[4:], torch.zeros(4))
    with pytest.raises(ValueError, match="unknown group advantage"):
        group_advantages(scores, 4, "ppo")


def test_grpo_loss_aggregations_hand_values():
    logps = torch.zeros(2, 2)  # ratio 1 everywhere
    mask = torch.tensor([[1.0, 1.0], [1.0, 0.0]])  # a 2-token reply with A = 1, a 1-token reply with A = -1
    loss, clipped, kl = grpo_token_loss(logps, logps, None, torch.tensor([1.0, -1.0]), 0.2, 0.0)
    assert kl is None and not clipped.any()
    assert aggregate_token_loss(loss, mask, "token").item() == pytest.approx(-1 / 3)
    assert aggregate_token_loss(loss, mask, "sequence").item() == pytest.approx(0.0)
    assert aggregate_token_loss(loss, mask, "constant", 2 * 4).item() == pytest.approx(-0.125)


def test_grpo_loss_clips_the_ratio_and_adds_beta_k3():
    old = torch.zeros(1, 1)
    up = torch.full((1, 1), math.log(1.5))  # ratio 1.5, clipped to 1.2 for a positive advantage
    loss, clipped, _ = grpo_token_loss(up, old, None, torch.tensor([1.0]), 0.2, 0.0)
    assert loss.item() == pytest.approx(-1.2) and clipped.all()
    loss, clipped, _ = grpo_token_loss(up, old, None, torch.tensor([-1.0]), 0.2, 0.0)
    assert loss.item() == pytest.approx(1.5) and not clipped.any()  # pessimistic: the unclipped term is larger
    ref = torch.full((1, 1), -1.0)
    loss, _, kl = grpo_token_loss(old, old, ref, torch.tensor([0.0]), 0.2, 0.1)  # log p = 0, log p_ref = -1
    assert kl.item() == pytest.approx(math.exp(-1) - 1 + 1)  # k3 = e^-1 - (-1) - 1 = 0.36788
    assert loss.item() == pytest.approx(0.1 * math.exp(-1))


def test_grpo_token_aggregation_of_micro_batches_adds_up_to_the_whole():
    torch.manual_seed(0)
    loss, mask = torch.randn(6, 5), (torch.rand(6, 5) > 0.3).float()
    whole = aggregate_token_loss(loss, mask, "token")
    parts = sum(aggregate_token_loss(loss[i : i + 2], mask[i : i + 2], "token", float(mask.sum())) for i in (0, 2, 4))
    assert parts.item() == pytest.approx(whole.item())
    whole = aggregate_token_loss(loss, mask, "sequence")
    parts = sum(aggregate_token_loss(loss[i : i + 3], mask[i : i + 3], "sequence", 6.0) for i in (0, 3))
    assert parts.item() == pytest.approx(whole.item())
