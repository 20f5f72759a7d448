"""Pure tensor math for the training stages: no models, no data loading, no side effects.

Bradley-Terry reward-model loss (Bradley & Terry 1952; as used for RLHF reward models in
Ouyang et al. 2022, arXiv:2203.02155), with the optional margin of Llama 2 (Touvron et al. 2023,
arXiv:2307.09288, eq. 2) and the reward-centering term of Eisenstein et al. 2023
(arXiv:2312.09244, eq. 2).

Derivation. The Bradley-Terry model says the chosen reply beats the rejected one with
probability  P(c > r) = exp(r_c) / (exp(r_c) + exp(r_r)) = sigmoid(r_c - r_r).
Maximum likelihood over pairs = minimise the mean negative log-likelihood:
    loss = mean_i  -log sigmoid(r_c,i - r_r,i)                       # = softplus(r_r,i - r_c,i)
A margin m_i >= 0 asks the chosen reward to win by at least m_i before the pair stops pulling:
    loss = mean_i  -log sigmoid(r_c,i - r_r,i - m_i)
Rewards are defined only up to a constant (adding c to both sides leaves the loss unchanged),
so centering adds a penalty that picks the zero-mean solution:
    loss += lambda * mean_i (r_c,i + r_r,i)^2
Hand-checkable values: r_c = r_r gives ln 2 = 0.6931; r_c - r_r = 1 gives ln(1 + e^-1) = 0.3133;
with m = 1 that same pair gives ln 2 again.
"""

from __future__ import annotations

import torch
import torch.nn.functional as F


def bradley_terry_loss(chosen_rewards: torch.Tensor, rejected_rewards: torch.Tensor,
                       margin: torch.Tensor | None = None, center_coefficient: float = 0.0) -> torch.Tensor:
    """Mean Bradley-Terry loss over pairs. Shapes: rewards `[pairs]`, margin `[pairs]` or None."""
    difference = chosen_rewards - rejected_rewards  # [pairs]
    if margin is not None:
        difference = difference - margin
    loss = -F.logsigmoid(difference).mean()
    if center_coefficient:
        loss = loss + center_coefficient * ((chosen_rewards + rejected_rewards) ** 2).mean()
    return loss


def pairwise_accuracy(chosen_rewards: torch.Tensor, rejected_rewards: torch.Tensor) -> float:
    """Fraction of pairs with r_chosen > r_rejected strictly: a tie counts as wrong (RewardBench rule)."""
    if chosen_rewards.numel() == 0:
        return float("nan")
    return (chosen_rewards > rejected_rewards).float().mean().item()
