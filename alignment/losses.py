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

ORPO (Hong et al. 2024, arXiv:2403.07691, eqs. 4-7): reference-free, SFT and preference in one loss.
With the length-normalised likelihood P(y|x) = exp(logp / |y|), the odds are odds(y) = P / (1 - P), so
    log odds(y) = logp / |y| - log(1 - exp(logp / |y|))
    L_OR  = -log sigmoid(log odds(y_c) - log odds(y_r))
    loss  = -logp_c / |y_c| + lambda * L_OR          # the chosen reply's NLL per token, plus the odds ratio
The mean log-prob is capped just below 0 (P < 1) so log(1 - P) stays finite.
Hand value: lambda = 0.1, logp_c = -4 over 4 tokens, logp_r = -6 over 3 tokens: log odds(c) =
-1 - log(1 - e^-1) = -0.54132, log odds(r) = -2 - log(1 - e^-2) = -1.85459, difference 1.31326,
L_OR = -log sigmoid(1.31326) = 0.23818, loss = 1 + 0.1 * 0.23818 = 1.02382.

KTO (Ethayarajh et al. 2024, arXiv:2402.01306, eqs. 6-8): unpaired rows, each desirable or not. The
implicit reward is r = logp - ref (summed over the completion), and z_0 is the reference point, an
estimate of KL(policy || reference) over the batch from mismatched (prompt, completion) pairs,
clamped at 0 and not back-propagated:
    desirable:    loss = w_D * (1 - sigmoid(beta * (r - z_0)))
    undesirable:  loss = w_U * (1 - sigmoid(beta * (z_0 - r)))
Policy = reference gives r = 0, z_0 = 0 and loss w / 2 for every row. Hand value: beta = 0.1,
r = 10, z_0 = 0: desirable 1 - sigmoid(1) = 0.26894, undesirable 1 - sigmoid(-1) = 0.73106; with
z_0 = 5 the desirable row gives 1 - sigmoid(0.5) = 0.37754.

Group-relative policy optimisation (GRPO; Shao et al. 2024, arXiv:2402.03300, eq. 3), no value model.
Each prompt gets a group of G sampled replies with scores s_1..s_G; a reply's advantage, the same for
all its tokens, compares its score with the group's (`group_advantages`):
    grpo     A_i = (s_i - mean(s)) / (std(s) + eps)            # std over the group, population (1/G)
    dr_grpo  A_i = s_i - mean(s)                               # Dr. GRPO (Liu et al. 2025, arXiv:2503.20783)
    rloo     A_i = s_i - mean_{j != i} s_j = G/(G-1) (s_i - mean(s))   # Ahmadian et al. 2024, arXiv:2402.14740
A group whose replies all score the same has A = 0 everywhere: it teaches nothing.
Per token t of reply i, with rho = pi / pi_old (pi_old = the policy that sampled; rho = 1 on the first
pass) and k3 = pi_ref/pi - log(pi_ref/pi) - 1 (the KL estimate in GRPO's loss, never negative):
    l_it = -min(rho A_i, clip(rho, 1 - eps_c, 1 + eps_c) A_i) + beta * k3_it
and `grpo_loss` aggregates the l_it of a batch three ways:
    token     sum_it l_it / sum_i |y_i|             # every token weighs the same (DAPO, Yu et al. 2025)
    sequence  mean_i (sum_t l_it / |y_i|)           # GRPO's paper: each reply weighs the same
    constant  sum_it l_it / (n * L_max)             # Dr. GRPO: no length normalisation, L_max = max_new_tokens
Hand values, G = 4, s = (1, 0, 0, 1): mean 0.5, std 0.5, so grpo A = (1, -1, -1, 1) (eps aside),
dr_grpo A = (0.5, -0.5, -0.5, 0.5), rloo A = (2/3, -2/3, -2/3, 2/3). With rho = 1 and beta = 0 the
loss of one reply of 2 tokens with A = 1 and one of 1 token with A = -1 is token: (-2 + 1) / 3 = -1/3,
sequence: (-1 + 1) / 2 = 0, constant (L_max = 4): (-2 + 1) / 8 = -0.125.
"""

from __future__ import annotations

import torch
import torch.nn.functional as F


def bradley_terry_loss(
    chosen_rewards: torch.Tensor,
    rejected_rewards: torch.Tensor,
    margin: torch.Tensor | None = None,
    center_coefficient: float = 0.0,
) -> torch.Tensor:
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


def dpo_sigmoid_loss(
    chosen_logps: torch.Tensor,
    rejected_logps: torch.Tensor,
    ref_chosen_logps: torch.Tensor,
    ref_rejected_logps: torch.Tensor,
    beta: float,
    label_smoothing: float = 0.0,
) -> torch.Tensor:
    """Per-pair DPO loss (cDPO with label_smoothing > 0). All inputs `[pairs]` summed log-probs."""
    delta = (chosen_logps - ref_chosen_logps) - (rejected_logps - ref_rejected_logps)  # [pairs]
    return _smoothed_logistic(beta * delta, label_smoothing)


def ipo_loss(
    chosen_logps: torch.Tensor,
    rejected_logps: torch.Tensor,
    ref_chosen_logps: torch.Tensor,
    ref_rejected_logps: torch.Tensor,
    chosen_lengths: torch.Tensor,
    rejected_lengths: torch.Tensor,
    beta: float,
) -> torch.Tensor:
    """Per-pair IPO loss on per-token log-ratios; lengths `[pairs]` are reply tokens."""
    h = (chosen_logps - ref_chosen_logps) / chosen_lengths.clamp(min=1) - (
        rejected_logps - ref_rejected_logps
    ) / rejected_lengths.clamp(min=1)  # [pairs]
    return (h - 1 / (2 * beta)) ** 2


def simpo_loss(
    chosen_logps: torch.Tensor,
    rejected_logps: torch.Tensor,
    chosen_lengths: torch.Tensor,
    rejected_lengths: torch.Tensor,
    beta: float,
    gamma: float,
    label_smoothing: float = 0.0,
) -> torch.Tensor:
    """Per-pair SimPO loss: no reference model."""
    z = beta * (chosen_logps / chosen_lengths.clamp(min=1) - rejected_logps / rejected_lengths.clamp(min=1)) - gamma
    return _smoothed_logistic(z, label_smoothing)


def kto_loss(
    logps: torch.Tensor,
    ref_logps: torch.Tensor,
    desirable: torch.Tensor,
    kl: torch.Tensor,
    beta: float,
    desirable_weight: float = 1.0,
    undesirable_weight: float = 1.0,
) -> torch.Tensor:
    """Per-row KTO loss. `logps`, `ref_logps` `[rows]` summed completion log-probs; `desirable` `[rows]`
    bool; `kl` the batch's reference point z_0 (a scalar, already clamped at 0 and detached)."""
    rewards = logps - ref_logps  # [rows]
    desirable_loss = desirable_weight * (1 - torch.sigmoid(beta * (rewards - kl)))
    undesirable_loss = undesirable_weight * (1 - torch.sigmoid(beta * (kl - rewards)))
    return torch.where(desirable, desirable_loss, undesirable_loss)


REFERENCE_FREE = frozenset({"simpo", "orpo"})
"""The preference losses that need no reference model (their implicit reward is beta * logp / |y|)."""


def orpo_loss(
    chosen_logps: torch.Tensor,
    rejected_logps: torch.Tensor,
    chosen_lengths: torch.Tensor,
    rejected_lengths: torch.Tensor,
    lam: float,
) -> torch.Tensor:
    """Per-pair ORPO loss: the chosen reply's per-token NLL plus lam x the odds-ratio term."""
    mean_chosen = (chosen_logps / chosen_lengths.clamp(min=1)).clamp(max=-1e-6)  # [pairs]
    mean_rejected = (rejected_logps / rejected_lengths.clamp(min=1)).clamp(max=-1e-6)
    log_odds = (mean_chosen - torch.log1p(-torch.exp(mean_chosen))) - (
        mean_rejected - torch.log1p(-torch.exp(mean_rejected))
    )
    return -mean_chosen - lam * F.logsigmoid(log_odds)


def implicit_rewards(
    logps: torch.Tensor, ref_logps: torch.Tensor | None, lengths: torch.Tensor, beta: float, reference_free: bool
) -> torch.Tensor:
    """The reward each variant optimises: beta * (logp - ref) for DPO/IPO, beta * logp / |y| for the
    reference-free SimPO and ORPO."""
    if reference_free:
        return beta * logps / lengths.clamp(min=1)
    return beta * (logps - ref_logps)


# ---------------------------------------------------------------------------------------
# PPO for language models (Schulman et al. 2017, arXiv:1707.06347; RLHF form of Ziegler et al.
# 2019, arXiv:1909.08593, and Ouyang et al. 2022). Per rollout, tensors are `[batch, reply]` over
# the reply tokens; `mask` is 1 on real reply tokens (the stop token included) and 0 on padding.
#
# Per-token reward: r_t = -kl_coef * kl_t, plus the sequence score on the reply's last token.
# GAE (Schulman et al. 2016, arXiv:1506.02438), backwards over t with V beyond the reply = 0:
#     delta_t = r_t + gamma * V_{t+1} - V_t
#     A_t     = delta_t + gamma * lam * A_{t+1};   returns R_t = A_t + V_t
# Hand values (gamma 1, lam 0.95, r = [0, 0, 1], V = [0.5, 0.6, 0.7]):
#     delta = [0.1, 0.1, 0.3];  A_2 = 0.3, A_1 = 0.1 + 0.95 * 0.3 = 0.385,
#     A_0 = 0.1 + 0.95 * 0.385 = 0.46575;  R = [0.96575, 0.985, 1.0]
# Clipped policy loss with ratio rho_t = exp(logp_t - logp_old_t) and clip epsilon e:
#     L = mean_t max(-A_t rho_t, -A_t clip(rho_t, 1 - e, 1 + e))
# Hand value: A = 1, rho = 1.5, e = 0.2 -> max(-1.5, -1.2) = -1.2 (clipped: no gain past 1 + e);
#             A = -1, rho = 1.5 -> max(1.5, 1.2) = 1.5 (never clipped in the direction that hurts).
# Clipped value loss with the rollout's values V_old and clip c:
#     L_V = 0.5 * mean_t max((V_t - R_t)^2, (V_old_t + clip(V_t - V_old_t, -c, c) - R_t)^2)
# Hand value: V_old = 0, V = 1, R = 1, c = 0.2 -> max(0, 0.64) * 0.5 = 0.32.


def masked_mean(values: torch.Tensor, mask: torch.Tensor) -> torch.Tensor:
    """Mean of `values` over positions where `mask` is 1 (0 if there are none)."""
    return (values * mask).sum() / mask.sum().clamp(min=1)


def masked_whiten(values: torch.Tensor, mask: torch.Tensor, eps: float = 1e-8) -> torch.Tensor:
    """Shift and scale the masked entries to mean 0 and (population) std 1; padding stays 0."""
    mean = masked_mean(values, mask)
    variance = masked_mean((values - mean) ** 2, mask)
    return (values - mean) * torch.rsqrt(variance + eps) * mask


def gae(
    rewards: torch.Tensor, values: torch.Tensor, mask: torch.Tensor, gamma: float, lam: float
) -> tuple[torch.Tensor, torch.Tensor]:
    """(advantages, returns), each `[batch, reply]`, by the recursion above. The mask must be a
    prefix of ones per row (replies are right-padded), so V beyond the reply is taken as 0."""
    values = values * mask
    advantages = torch.zeros_like(rewards)
    running = torch.zeros_like(rewards[:, 0])  # [batch]
    next_value = torch.zeros_like(rewards[:, 0])
    for t in reversed(range(rewards.shape[1])):
        delta = rewards[:, t] + gamma * next_value - values[:, t]
        running = (delta + gamma * lam * running) * mask[:, t]
        advantages[:, t] = running
        next_value = values[:, t]
    return advantages, (advantages + values) * mask


def leave_one_out(scores: torch.Tensor, group: int) -> torch.Tensor:
    """Each score minus the mean of the other scores in its group (RLOO baseline, Ahmadian et al. 2024).

    scores: [n] with each group's `group` entries side by side (n a multiple of `group`, group >= 2).
    """
    grouped = scores.view(-1, group)  # [n / group, group]
    others = (grouped.sum(-1, keepdim=True) - grouped) / (group - 1)  # mean of the other entries
    return (grouped - others).reshape(-1)


def ppo_policy_loss(
    logps: torch.Tensor, old_logps: torch.Tensor, advantages: torch.Tensor, mask: torch.Tensor, clip_range: float
) -> tuple[torch.Tensor, torch.Tensor, torch.Tensor]:
    """(clipped policy loss, clip fraction, approximate KL to the rollout policy).

    The approximate KL is the k3 estimate mean((rho - 1) - log rho), never negative."""
    log_ratio = logps - old_logps
    ratio = torch.exp(log_ratio)
    unclipped = -advantages * ratio
    clipped = -advantages * torch.clamp(ratio, 1.0 - clip_range, 1.0 + clip_range)
    loss = masked_mean(torch.maximum(unclipped, clipped), mask)
    clip_fraction = masked_mean((clipped > unclipped).float(), mask)
    approx_kl = masked_mean((ratio - 1.0) - log_ratio, mask)
    return loss, clip_fraction.detach(), approx_kl.detach()


GROUP_ADVANTAGES = ("grpo", "dr_grpo", "rloo")
LOSS_AGGREGATIONS = ("token", "sequence", "constant")


def group_advantages(scores: torch.Tensor, group: int, method: str = "grpo", eps: float = 1e-4) -> torch.Tensor:
    """One advantage per reply `[n]` from its group's scores (module docstring); `scores` holds each
    group's `group` entries side by side (n a multiple of `group`, group >= 2)."""
    grouped = scores.view(-1, group)  # [n / group, group]
    centred = grouped - grouped.mean(-1, keepdim=True)
    if method == "grpo":
        advantages = centred / (grouped.std(-1, unbiased=False, keepdim=True) + eps)
    elif method == "dr_grpo":
        advantages = centred
    elif method == "rloo":
        advantages = leave_one_out(scores, group).view(-1, group)
    else:
        raise ValueError(f"unknown group advantage {method!r}; expected {', '.join(GROUP_ADVANTAGES)}")
    return advantages.reshape(-1)


def grpo_token_loss(
    logps: torch.Tensor,
    old_logps: torch.Tensor,
    ref_logps: torch.Tensor | None,
    advantages: torch.Tensor,
    clip_range: float,
    beta: float,
) -> tuple[torch.Tensor, torch.Tensor, torch.Tensor | None]:
    """(l_it `[batch, reply]`, clipped `[batch, reply]` bool, k3 `[batch, reply]` or None without a
    reference): the per-token GRPO loss of the module docstring, before aggregation. `advantages` `[batch]`."""
    ratio = torch.exp(logps - old_logps)
    advantage = advantages.unsqueeze(-1)  # one per reply, the same for its tokens
    unclipped = -advantage * ratio
    clipped = -advantage * torch.clamp(ratio, 1.0 - clip_range, 1.0 + clip_range)
    loss = torch.maximum(unclipped, clipped)
    kl = None
    if ref_logps is not None:
        kl = kl_per_token(logps, ref_logps, "k3")
        if beta:
            loss = loss + beta * kl
    return loss, (clipped > unclipped), kl


def aggregate_token_loss(
    token_loss: torch.Tensor, mask: torch.Tensor, how: str, denominator: float | None = None
) -> torch.Tensor:
    """Reduce a `[batch, reply]` loss to a scalar (module docstring). `denominator` replaces the
    batch's own normaliser so micro-batches of one optimiser step add up to the whole batch's loss:
    token -> the step's total reply tokens, sequence -> its replies, constant -> replies x L_max."""
    masked = token_loss * mask
    if how == "token":
        return masked.sum() / (denominator if denominator is not None else mask.sum().clamp(min=1))
    if how == "sequence":
        per_reply = masked.sum(-1) / mask.sum(-1).clamp(min=1)
        return per_reply.sum() / (denominator if denominator is not None else len(per_reply))
    if how == "constant":
        if denominator is None:
            raise ValueError("constant aggregation needs its denominator (replies x max_new_tokens)")
        return masked.sum() / denominator
    raise ValueError(f"unknown loss aggregation {how!r}; expected {', '.join(LOSS_AGGREGATIONS)}")


def ppo_value_loss(
    values: torch.Tensor, old_values: torch.Tensor, returns: torch.Tensor, mask: torch.Tensor, clip_range: float
) -> tuple[torch.Tensor, torch.Tensor]:
    """(clipped value loss, fraction of tokens where the clipped term is the larger one)."""
    clipped_values = old_values + torch.clamp(values - old_values, -clip_range, clip_range)
    plain = (values - returns) ** 2
    clipped = (clipped_values - returns) ** 2
    loss = 0.5 * masked_mean(torch.maximum(plain, clipped), mask)
    return loss, masked_mean((clipped > plain).float(), mask).detach()


def kl_per_token(logps: torch.Tensor, ref_logps: torch.Tensor, estimator: str = "k1") -> torch.Tensor:
    """KL(policy || reference) estimate per sampled token (Schulman 2020, "Approximating KL divergence").

    k1 = log p - log p_ref (unbiased, can be negative); k3 = (r - 1) - log r with r = p_ref / p
    (unbiased, never negative). Hand values: log p = -1, log p_ref = -2 -> k1 = 1,
    k3 = (e^-1 - 1) + 1 = 0.36788."""
    log_ratio = logps - ref_logps
    if estimator == "k1":
        return log_ratio
    if estimator == "k3":
        return torch.expm1(-log_ratio) + log_ratio
    raise ValueError(f"unknown KL estimator {estimator!r}; expected k1 or k3")


def explained_variance(values: torch.Tensor, returns: torch.Tensor, mask: torch.Tensor) -> float:
    """1 - Var(R - V) / Var(R) over masked tokens: 1 = values predict returns, <= 0 = no better than a constant."""
    variance = masked_mean((returns - masked_mean(returns, mask)) ** 2, mask)
    residual = returns - values
    residual_variance = masked_mean((residual - masked_mean(residual, mask)) ** 2, mask)
    return float(1.0 - residual_variance / variance) if variance > 0 else float("nan")


class KLController:
    """The KL coefficient: fixed, or adaptive (Ziegler et al. 2019, section 2.2):
        error = clip(KL / target - 1, -0.2, 0.2);   coef <- coef * (1 + error * n / horizon)
    where KL is the mean per-reply KL of the last iteration and n its number of rollouts. Too much
    KL raises the coefficient, too little lowers it. Hand value: coef 0.1, target 6, KL 12, n 100,
    horizon 1000 -> error 0.2 -> 0.1 * 1.02 = 0.102."""

    def __init__(self, value: float, adaptive: bool = False, target: float = 6.0, horizon: int = 10000):
        self.value, self.adaptive, self.target, self.horizon = value, adaptive, target, horizon

    def update(self, current_kl: float, rollouts: int) -> None:
        if not self.adaptive:
            return
        error = min(max(current_kl / self.target - 1.0, -0.2), 0.2)
        self.value *= 1.0 + error * rollouts / self.horizon

    def state_dict(self) -> dict:
        return {"value": self.value}

    def load_state_dict(self, state: dict) -> None:
        self.value = float(state["value"])
