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

Direct preference optimisation, three variants (`dpo_sigmoid_loss`, `ipo_loss`, `simpo_loss`).
Notation per pair: logp_c, logp_r = summed log-probs of the chosen / rejected reply under the
policy, ref_c, ref_r the same under the reference, |y_c|, |y_r| the reply lengths in tokens.

DPO (Rafailov et al. 2023, arXiv:2305.18290). The KL-regularised RLHF optimum is
pi(y|x) = pi_ref(y|x) exp(r(x,y)/beta) / Z(x), so r(x,y) = beta log pi(y|x)/pi_ref(y|x) + beta log Z(x).
Put that reward into Bradley-Terry; Z(x) cancels in the difference:
    delta = (logp_c - ref_c) - (logp_r - ref_r)
    loss  = -log sigmoid(beta * delta)
Conservative DPO (cDPO; label smoothing eps = the probability a label is flipped) takes the
expected loss under that noise:
    loss  = -(1 - eps) log sigmoid(beta * delta) - eps log sigmoid(-beta * delta)
Policy = reference gives delta = 0 and loss ln 2 for every eps. Hand values: beta = 0.1,
delta = 10 -> -log sigmoid(1) = 0.31326; with eps = 0.1: 0.9 * 0.31326 + 0.1 * 1.31326 = 0.41326.

IPO (Azar et al. 2023, arXiv:2310.12036, eq. 17): regress the log-ratio gap onto 1/(2 tau)
instead of pushing it to infinity (beta plays tau):
    h    = (logp_c - ref_c) / |y_c| - (logp_r - ref_r) / |y_r|
    loss = (h - 1 / (2 beta))^2
The per-token normalisation is TRL's (confirmed with the IPO authors there); without it the
square grows with reply length. Hand values: beta = 0.1 (target 5): h = 0 -> 25;
log-ratios 6 over 2 tokens and -4 over 4 tokens -> h = 3 + 1 = 4 -> 1.

SimPO (Meng et al. 2024, arXiv:2405.14734, eq. 6): reference-free; the reward is the
length-normalised log-prob, and gamma is a target margin:
    z    = beta * logp_c / |y_c| - beta * logp_r / |y_r| - gamma
    loss = -(1 - eps) log sigmoid(z) - eps log sigmoid(-z)
Hand value: beta = 2, gamma = 0.5, logp_c = -4 over 4 tokens, logp_r = -6 over 3 tokens:
z = 2 * (-1) - 2 * (-2) - 0.5 = 1.5 -> -log sigmoid(1.5) = 0.20141.
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


# ---- direct preference optimisation ----


def _smoothed_logistic(z: torch.Tensor, label_smoothing: float) -> torch.Tensor:
    """-(1 - eps) log sigmoid(z) - eps log sigmoid(-z), per pair."""
    return -(1 - label_smoothing) * F.logsigmoid(z) - label_smoothing * F.logsigmoid(-z)


def dpo_sigmoid_loss(chosen_logps: torch.Tensor, rejected_logps: torch.Tensor, ref_chosen_logps: torch.Tensor,
                     ref_rejected_logps: torch.Tensor, beta: float, label_smoothing: float = 0.0) -> torch.Tensor:
    """Per-pair DPO loss (cDPO with label_smoothing > 0). All inputs `[pairs]` summed log-probs."""
    delta = (chosen_logps - ref_chosen_logps) - (rejected_logps - ref_rejected_logps)  # [pairs]
    return _smoothed_logistic(beta * delta, label_smoothing)


def ipo_loss(chosen_logps: torch.Tensor, rejected_logps: torch.Tensor, ref_chosen_logps: torch.Tensor,
             ref_rejected_logps: torch.Tensor, chosen_lengths: torch.Tensor, rejected_lengths: torch.Tensor,
             beta: float) -> torch.Tensor:
    """Per-pair IPO loss on per-token log-ratios; lengths `[pairs]` are reply tokens."""
    h = ((chosen_logps - ref_chosen_logps) / chosen_lengths.clamp(min=1)
         - (rejected_logps - ref_rejected_logps) / rejected_lengths.clamp(min=1))  # [pairs]
    return (h - 1 / (2 * beta)) ** 2


def simpo_loss(chosen_logps: torch.Tensor, rejected_logps: torch.Tensor, chosen_lengths: torch.Tensor,
               rejected_lengths: torch.Tensor, beta: float, gamma: float, label_smoothing: float = 0.0) -> torch.Tensor:
    """Per-pair SimPO loss: no reference model."""
    z = beta * (chosen_logps / chosen_lengths.clamp(min=1) - rejected_logps / rejected_lengths.clamp(min=1)) - gamma
    return _smoothed_logistic(z, label_smoothing)


def implicit_rewards(logps: torch.Tensor, ref_logps: torch.Tensor | None, lengths: torch.Tensor, beta: float,
                     reference_free: bool) -> torch.Tensor:
    """The reward each variant optimises: beta * (logp - ref) for DPO/IPO, beta * logp / |y| for SimPO."""
    if reference_free:
        return beta * logps / lengths.clamp(min=1)
    return beta * (logps - ref_logps)
