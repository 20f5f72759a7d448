"""Diagnostic rules over learning-dynamics checks: each a pure function, a documented threshold.

    evaluate(checks, config, kl_target) -> [(rule, message), ...]   rules true at the latest check

`checks` are the `check` records of `dynamics.jsonl` so far (schema in `dynamics.py`); `config` is a
`DynamicsConfig` (thresholds). The recorder warns once per rule and run. The rules:

- likelihood_displacement: the chosen replies' mean per-token log-prob has fallen more than
  `displacement_nats` below step 0 while the margin rose above its step-0 value: the model separates
  the pairs by pushing both replies down (Razin et al. 2024; Ren & Sutherland, ICLR 2025, the
  "squeezing effect"), so probability mass goes to replies in neither set.
- reward_length_hack (PPO, from the third check): since the first check the rollout reward rose, the
  rollout reply length grew by more than `length_rise` (a fraction), and the judge score of fresh
  samples on the probe prompts rose by less than `judge_share` of the reward's rise: the reward is
  bought with length (Singhal et al. 2023), not quality the judge sees.
- over_optimisation (PPO with a judge of its own): between the first and last of the last
  `gold_checks` checks, the fresh probe samples' proxy reward (the reward model PPO is trained
  against) rose by more than `proxy_rise` standard errors while their gold reward (the independent
  judge) fell by more than `gold_drop` standard errors (each the standard error of the difference of
  two probe means: a few fresh samples per check are noisy): the policy climbs the proxy past where
  the gold agrees (Gao et al. 2022, arXiv:2210.10760), so more KL buys a worse policy.
- kl_above_target: the KL to the reference (PPO: per rollout reply; else: per greedy probe answer)
  above `kl_target` (0: PPO's ppo.target_kl, no rule elsewhere) for `kl_patience` checks running.
- entropy_collapse: the probe entropy per token below `entropy_floor` x its step-0 value: the policy
  has become near-deterministic, and sampling no longer explores.
- dead_lora: at two checks running (after step 0), layers whose LoRA update norm is below
  `dead_lora_ratio` x the median layer's: those adapters are not learning (no gradient reaches them,
  or a zero learning rate for them).
- non_finite_loss (written by the stage hook, not here): a NaN/inf gradient; the run stops before the
  optimizer applies it, and the last complete checkpoint is kept.
"""

from __future__ import annotations

import statistics

from alignment.config import DynamicsConfig


def evaluate(checks: list[dict], config: DynamicsConfig, kl_target: float = 0.0) -> list[tuple[str, str]]:
    fired = []
    for rule in (
        likelihood_displacement,
        reward_length_hack,
        over_optimisation,
        kl_above_target,
        entropy_collapse,
        dead_lora,
    ):
        message = rule(checks, config, kl_target)
        if message:
            fired.append((rule.__name__, message))
    return fired


def _means(check: dict, key: str):
    return check.get("means", {}).get(key)


def likelihood_displacement(checks: list[dict], config: DynamicsConfig, kl_target: float = 0.0) -> str | None:
    if len(checks) < 2:
        return None
    change, margin, first_margin = (
        _means(checks[-1], "chosen_change"),
        _means(checks[-1], "margin"),
        _means(checks[0], "margin"),
    )
    if None in (change, margin, first_margin) or change >= -config.displacement_nats or margin <= first_margin:
        return None
    rejected = _means(checks[-1], "rejected_change")
    return (
        f"the chosen replies' log-prob fell {-change:.3f} nats/token since step 0 (threshold "
        f"{config.displacement_nats}) while the margin rose {first_margin:.3f} -> {margin:.3f}"
        + (f"; the rejected fell {-rejected:.3f}" if rejected is not None else "")
        + ": the pairs are separated by pushing both down (likelihood displacement)"
    )


def reward_length_hack(checks: list[dict], config: DynamicsConfig, kl_target: float = 0.0) -> str | None:
    rollouts = [check["ppo"] for check in checks if check.get("ppo", {}).get("reward") is not None]
    if len(rollouts) < 3:
        return None
    first, last = rollouts[0], rollouts[-1]
    reward_rise = last["reward"] - first["reward"]
    length_rise = (last["reply_length"] - first["reply_length"]) / max(first["reply_length"], 1e-9)
    if reward_rise <= 0 or length_rise <= config.length_rise:
        return None
    if first.get("judge") is None or last.get("judge") is None:
        return None
    judge_rise = last["judge"] - first["judge"]
    if judge_rise >= config.judge_share * reward_rise:
        return None
    return (
        f"rollout reward rose {reward_rise:+.3f} and reply length {100 * length_rise:+.0f}% "
        f"({first['reply_length']:.1f} -> {last['reply_length']:.1f} tokens) while the judge score of fresh "
        f"probe samples moved {judge_rise:+.3f} (under {config.judge_share} of the reward's rise): "
        "the reward is bought with length"
    )


def over_optimisation(checks: list[dict], config: DynamicsConfig, kl_target: float = 0.0) -> str | None:
    logged = [check for check in checks if (check.get("ppo") or {}).get("gold") is not None]
    if len(logged) < config.gold_checks:
        return None
    first, last = logged[-config.gold_checks], logged[-1]
    proxy = _shift(first, last, "sample_reward")  # (change of the probe mean, its standard error)
    gold = _shift(first, last, "gold")
    if (
        proxy is None
        or gold is None
        or proxy[0] <= config.proxy_rise * proxy[1]
        or -gold[0] <= config.gold_drop * gold[1]
    ):
        return None
    kl = [check["ppo"].get("kl") for check in (first, last)]
    kl_text = f" as KL went {kl[0]:.2f} -> {kl[1]:.2f} nats" if all(isinstance(v, (int, float)) for v in kl) else ""
    return (
        f"over the last {config.gold_checks} checks (iterations {first['step']} to {last['step']}) the proxy "
        f"reward of fresh probe samples rose {proxy[0]:+.3f} while the gold (the independent judge) fell "
        f"{gold[0]:+.3f}, {-gold[0] / gold[1]:.1f} standard errors (threshold {config.gold_drop}){kl_text}: "
        "the policy is over-optimising the reward model it is trained against"
    )


def _shift(first: dict, last: dict, key: str) -> tuple[float, float] | None:
    """(mean at `last` - mean at `first`, the standard error of that difference) over the probes'
    fresh samples (independent draws at each check); None without two values at each."""
    before, after = (
        [value for value in (check.get("per_probe") or {}).get(key) or [] if value is not None]
        for check in (first, last)
    )
    if len(before) < 2 or len(after) < 2:
        return None
    error = (statistics.variance(before) / len(before) + statistics.variance(after) / len(after)) ** 0.5
    return statistics.fmean(after) - statistics.fmean(before), max(error, 1e-9)


def kl_above_target(checks: list[dict], config: DynamicsConfig, kl_target: float = 0.0) -> str | None:
    target = config.kl_target or kl_target
    if not target or len(checks) < config.kl_patience:
        return None
    recent = checks[-config.kl_patience :]
    values = [check["ppo"]["kl"] if "ppo" in check else _means(check, "kl") for check in recent]
    if any(value is None or value <= target for value in values):
        return None
    return (
        f"KL to the reference above the target {target} for {config.kl_patience} checks running "
        f"({', '.join(f'{value:.2f}' for value in values)} nats per reply at steps "
        f"{', '.join(str(check['step']) for check in recent)})"
    )


def entropy_collapse(checks: list[dict], config: DynamicsConfig, kl_target: float = 0.0) -> str | None:
    if len(checks) < 2:
        return None
    first, last = _means(checks[0], "entropy"), _means(checks[-1], "entropy")
    if first is None or last is None or first <= 0 or last >= config.entropy_floor * first:
        return None
    return (
        f"probe entropy fell to {last:.3f} nats/token from {first:.3f} at step 0 (below "
        f"{config.entropy_floor} x): the policy is collapsing onto few tokens"
    )


def dead_layers(check: dict, ratio: float) -> list[str]:
    """Layers whose summed LoRA update norm is below `ratio` x the median layer's."""
    totals = {
        layer: sum(value**2 for value in modules.values()) ** 0.5
        for layer, modules in check.get("lora_norm", {}).items()
    }
    if len(totals) < 2:
        return []
    median = statistics.median(totals.values())
    if median <= 0:
        return []
    return sorted((layer for layer, total in totals.items() if total < ratio * median), key=_layer_order)


def dead_lora(checks: list[dict], config: DynamicsConfig, kl_target: float = 0.0) -> str | None:
    if len(checks) < 3:  # step 0 (every update is zero there) and two checks after it
        return None
    dead = sorted(
        set(dead_layers(checks[-1], config.dead_lora_ratio)) & set(dead_layers(checks[-2], config.dead_lora_ratio)),
        key=_layer_order,
    )
    if not dead:
        return None
    return (
        f"LoRA layer(s) {', '.join(dead)} have an update norm below {config.dead_lora_ratio} x the median "
        f"layer's at steps {checks[-2]['step']} and {checks[-1]['step']}: they are not learning"
    )


def _layer_order(layer: str):
    return (0, int(layer)) if layer.isdigit() else (1, layer)
