"""PPO math against the values derived by hand in `alignment/losses.py`."""

from __future__ import annotations

import math

import pytest
import torch

from alignment.losses import (
    KLController,
    explained_variance,
    gae,
    kl_per_token,
    leave_one_out,
    masked_whiten,
    ppo_policy_loss,
    ppo_value_loss,
)


def test_gae_and_returns_on_a_three_step_toy():
    rewards, values, mask = torch.tensor([[0.0, 0.0, 1.0]]), torch.tensor([[0.5, 0.6, 0.7]]), torch.ones(1, 3)
    advantages, returns = gae(rewards, values, mask, gamma=1.0, lam=0.95)
    assert advantages[0].tolist() == pytest.approx([0.46575, 0.385, 0.3], abs=1e-6)
    assert returns[0].tolist() == pytest.approx([0.96575, 0.985, 1.0], abs=1e-6)


def test_gae_with_discount_matches_the_recursion_by_hand():
    # gamma 0.9, lam 0.5: delta_2 = 1 - 0.7 = 0.3; delta_1 = 0.9 * 0.7 - 0.6 = 0.03; delta_0 = 0.9 * 0.6 - 0.5 = 0.04
    # A_2 = 0.3; A_1 = 0.03 + 0.45 * 0.3 = 0.165; A_0 = 0.04 + 0.45 * 0.165 = 0.11425
    rewards, values, mask = torch.tensor([[0.0, 0.0, 1.0]]), torch.tensor([[0.5, 0.6, 0.7]]), torch.ones(1, 3)
    advantages, _ = gae(rewards, values, mask, gamma=0.9, lam=0.5)
    assert advantages[0].tolist() == pytest.approx([0.11425, 0.165, 0.3], abs=1e-6)


def test_gae_ignores_padding_after_a_short_reply():
    # row 2 is the 3-step toy cut to 2 tokens, its score on token 1: A_1 = 1 - 0.6 = 0.4, A_0 = 0.1 + 0.95 * 0.4 = 0.48
    rewards = torch.tensor([[0.0, 0.0, 1.0], [0.0, 1.0, 5.0]])
    values = torch.tensor([[0.5, 0.6, 0.7], [0.5, 0.6, 9.0]])
    mask = torch.tensor([[1.0, 1.0, 1.0], [1.0, 1.0, 0.0]])
    advantages, returns = gae(rewards, values, mask, gamma=1.0, lam=0.95)
    assert advantages[1].tolist() == pytest.approx([0.48, 0.4, 0.0], abs=1e-6)
    assert returns[1].tolist() == pytest.approx([0.98, 1.0, 0.0], abs=1e-6)


def test_policy_clipping_by_hand():
    old = torch.zeros(1, 2)
    logps = torch.log(torch.tensor([[1.5, 1.5]]))  # ratio 1.5 on both tokens
    mask = torch.ones(1, 2)
    # A = +1: max(-1.5, -1.2) = -1.2 (clipped); A = -1: max(1.5, 1.2) = 1.5 (not clipped)
    loss, clip_fraction, approx_kl = ppo_policy_loss(logps, old, torch.tensor([[1.0, -1.0]]), mask, 0.2)
    assert loss.item() == pytest.approx((-1.2 + 1.5) / 2, abs=1e-6)
    assert clip_fraction.item() == pytest.approx(0.5)
    assert approx_kl.item() == pytest.approx(0.5 - math.log(1.5), abs=1e-6)  # (rho - 1) - log rho


def test_clipped_policy_tokens_get_no_gradient():
    logps = torch.log(torch.tensor([[1.5, 0.9]])).requires_grad_(True)
    loss, _, _ = ppo_policy_loss(logps, torch.zeros(1, 2), torch.tensor([[1.0, 1.0]]), torch.ones(1, 2), 0.2)
    loss.backward()
    assert logps.grad[0, 0].item() == 0.0  # past 1 + eps: no further push
    assert logps.grad[0, 1].item() == pytest.approx(-0.9 / 2)  # d(-A rho)/d logp = -A rho, over 2 tokens


def test_value_clipping_by_hand():
    # V_old 0, V 1, R 1, c 0.2: plain 0, clipped (0.2 - 1)^2 = 0.64 -> 0.5 * 0.64 = 0.32
    loss, clipped = ppo_value_loss(torch.tensor([[1.0]]), torch.zeros(1, 1), torch.ones(1, 1), torch.ones(1, 1), 0.2)
    assert loss.item() == pytest.approx(0.32, abs=1e-6)
    assert clipped.item() == 1.0
    loss, clipped = ppo_value_loss(torch.tensor([[0.1]]), torch.zeros(1, 1), torch.ones(1, 1), torch.ones(1, 1), 0.2)
    assert loss.item() == pytest.approx(0.5 * 0.81, abs=1e-6) and clipped.item() == 0.0


def test_kl_estimators_by_hand():
    logps, ref = torch.tensor([-1.0]), torch.tensor([-2.0])
    assert kl_per_token(logps, ref, "k1").item() == pytest.approx(1.0)
    assert kl_per_token(logps, ref, "k3").item() == pytest.approx(math.exp(-1) - 1 + 1, abs=1e-6)
    assert kl_per_token(ref, logps, "k3").item() >= 0


def test_adaptive_kl_controller_moves_towards_the_target():
    high = KLController(0.1, adaptive=True, target=6.0, horizon=1000)
    high.update(current_kl=12.0, rollouts=100)
    assert high.value == pytest.approx(0.102)  # error clipped to +0.2: 0.1 * (1 + 0.2 * 0.1)
    low = KLController(0.1, adaptive=True, target=6.0, horizon=1000)
    low.update(current_kl=3.0, rollouts=100)
    assert low.value == pytest.approx(0.098)  # error -0.5 clipped to -0.2: 0.1 * (1 - 0.2 * 0.1)
    assert low.value < 0.1 < high.value
    fixed = KLController(0.1)
    fixed.update(current_kl=100.0, rollouts=100)
    assert fixed.value == 0.1


def test_whitening_and_explained_variance():
    values = torch.tensor([[1.0, 2.0, 3.0, 100.0]])
    mask = torch.tensor([[1.0, 1.0, 1.0, 0.0]])
    whitened = masked_whiten(values, mask)
    assert whitened[0, :3].mean().item() == pytest.approx(0.0, abs=1e-6)
    assert whitened[0, :3].pow(2).mean().item() == pytest.approx(1.0, abs=1e-4)
    assert whitened[0, 3].item() == 0.0
    returns = torch.tensor([[1.0, 2.0, 3.0]])
    assert explained_variance(returns, returns, torch.ones(1, 3)) == pytest.approx(1.0)
    assert explained_variance(torch.full((1, 3), 2.0), returns, torch.ones(1, 3)) == pytest.approx(0.0)


def test_leave_one_out_baseline_by_hand():
    scores = torch.tensor([1.0, 2.0, 6.0, 0.0, 0.0, 3.0])  # two groups of 3
    # 1 - (2+6)/2 = -3, 2 - (1+6)/2 = -1.5, 6 - (1+2)/2 = 4.5; 0 - 1.5, 0 - 1.5, 3 - 0
    assert torch.allclose(leave_one_out(scores, 3), torch.tensor([-3.0, -1.5, 4.5, -1.5, -1.5, 3.0]))
