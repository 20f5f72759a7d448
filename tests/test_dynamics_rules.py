"""Each diagnostic rule fires on a constructed run that shows its failure, and stays quiet on a
near miss just inside its threshold."""

from __future__ import annotations

from alignment.config import DynamicsConfig
from alignment.dynamics import rules

CONFIG = DynamicsConfig()


def check(step: int, lora: dict | None = None, ppo: dict | None = None, **means) -> dict:
    record = {"kind": "check", "step": step, "means": means, "lora_norm": lora or {}}
    if ppo is not None:
        record["ppo"] = ppo
    return record


def test_likelihood_displacement_fires_when_chosen_falls_while_the_margin_rises():
    start = check(0, chosen_change=0.0, rejected_change=0.0, margin=0.0)
    displaced = check(8, chosen_change=-0.2, rejected_change=-0.6, margin=1.5)
    message = rules.likelihood_displacement([start, displaced], CONFIG)
    assert "fell 0.200 nats/token" in message and "0.000 -> 1.500" in message
    assert rules.evaluate([start, displaced], CONFIG)[0][0] == "likelihood_displacement"


def test_likelihood_displacement_quiet_when_chosen_rises_or_falls_little():
    start = check(0, chosen_change=0.0, margin=0.0)
    assert rules.likelihood_displacement([start, check(8, chosen_change=0.1, margin=1.5)], CONFIG) is None
    assert rules.likelihood_displacement([start, check(8, chosen_change=-0.04, margin=1.5)], CONFIG) is None
    assert rules.likelihood_displacement([start, check(8, chosen_change=-0.3, margin=-0.1)], CONFIG) is None
    assert rules.likelihood_displacement([start, check(8, chosen_change=-0.3, margin=None)], CONFIG) is None


def rollout(reward: float, length: float, judge: float) -> dict:
    return {"reward": reward, "reply_length": length, "kl": 1.0, "entropy": 2.0, "judge": judge}


def test_reward_length_hack_fires_when_reward_and_length_rise_but_the_judge_does_not():
    checks = [
        check(0, ppo={"reward": None, "judge": 0.1}),
        check(4, ppo=rollout(0.0, 40, 0.1)),
        check(8, ppo=rollout(0.5, 50, 0.12)),
        check(12, ppo=rollout(1.0, 60, 0.15)),
    ]
    message = rules.reward_length_hack(checks, CONFIG)
    assert "+50%" in message and "+1.000" in message and "+0.050" in message


def test_reward_length_hack_quiet_when_the_judge_follows_or_length_is_flat():
    judged = [
        check(4, ppo=rollout(0.0, 40, 0.1)),
        check(8, ppo=rollout(0.5, 50, 0.4)),
        check(12, ppo=rollout(1.0, 60, 0.5)),
    ]
    assert rules.reward_length_hack(judged, CONFIG) is None  # judge rose 0.4 >= 0.25 x 1.0
    flat = [
        check(4, ppo=rollout(0.0, 40, 0.1)),
        check(8, ppo=rollout(0.5, 42, 0.1)),
        check(12, ppo=rollout(1.0, 47, 0.1)),
    ]
    assert rules.reward_length_hack(flat, CONFIG) is None  # +17.5% < 20%
    assert rules.reward_length_hack(judged[:2], CONFIG) is None  # needs three checks with rollouts


def test_kl_above_target_needs_k_consecutive_checks():
    ppo_checks = [check(step, ppo={"kl": kl}) for step, kl in ((4, 7.0), (8, 5.0), (12, 7.0), (16, 8.0))]
    assert rules.kl_above_target(ppo_checks, CONFIG, kl_target=6.0) is None  # 7, 5, 7: broken by 5
    ppo_checks.append(check(20, ppo={"kl": 6.5}))
    message = rules.kl_above_target(ppo_checks, CONFIG, kl_target=6.0)
    assert "7.00, 8.00, 6.50" in message and "12, 16, 20" in message


def test_kl_rule_uses_the_probe_kl_outside_ppo_and_is_off_without_a_target():
    checks = [check(step, kl=12.0) for step in (0, 4, 8)]
    assert rules.kl_above_target(checks, CONFIG) is None
    assert rules.kl_above_target(checks, DynamicsConfig(kl_target=10.0)) is not None


def test_entropy_collapse_below_the_floor_fraction_of_step_0():
    assert "0.200" in rules.entropy_collapse([check(0, entropy=2.0), check(8, entropy=0.2)], CONFIG)
    assert rules.entropy_collapse([check(0, entropy=2.0), check(8, entropy=0.7)], CONFIG) is None


def layers(*norms: float) -> dict:
    return {str(index): {"q_proj": norm, "v_proj": norm} for index, norm in enumerate(norms)}


def test_dead_lora_names_layers_that_stay_near_zero_two_checks_running():
    checks = [
        check(0, lora=layers(0, 0, 0, 0)),
        check(4, lora=layers(1.0, 1e-4, 1.2, 0.9)),
        check(8, lora=layers(2.0, 2e-4, 2.1, 1.8)),
    ]
    message = rules.dead_lora(checks, CONFIG)
    assert message.startswith("LoRA layer(s) 1 ") and "steps 4 and 8" in message


def test_dead_lora_quiet_for_a_layer_that_wakes_up_or_too_early():
    waking = [
        check(0, lora=layers(0, 0, 0)),
        check(4, lora=layers(1.0, 1e-4, 1.2)),
        check(8, lora=layers(2.0, 0.5, 2.1)),
    ]
    assert rules.dead_lora(waking, CONFIG) is None
    assert rules.dead_lora(waking[:2], CONFIG) is None  # step 0 and one check: too early to tell


def test_a_healthy_run_fires_nothing():
    checks = [
        check(0, chosen_change=0.0, margin=0.0, entropy=2.0, kl=0.0, lora=layers(0, 0)),
        check(4, chosen_change=0.05, margin=0.4, entropy=1.9, kl=0.5, lora=layers(1.0, 0.8)),
        check(8, chosen_change=0.08, margin=0.9, entropy=1.8, kl=0.9, lora=layers(1.6, 1.5)),
    ]
    assert rules.evaluate(checks, CONFIG, kl_target=6.0) == []


def sampled(step: int, proxy: float, gold: float, kl: float = 1.0, spread: float = 0.2) -> dict:
    """A PPO check's 4 fresh probe samples: proxy = the training reward model's scores, gold = the judge's,
    each the given mean + (-1, -0.5, 0.5, 1) x `spread` (sample variance 0.333 x spread^2)."""
    offsets = [-spread, -spread / 2, spread / 2, spread]
    per_probe = {"sample_reward": [proxy + o for o in offsets], "gold": [gold + o for o in offsets]}
    record = check(
        step, ppo={"reward": proxy, "reply_length": 30.0, "kl": kl, "sample_reward": proxy, "judge": gold, "gold": gold}
    )
    record["per_probe"] = {**per_probe, "judge": per_probe["gold"]}
    return record


def test_over_optimisation_fires_when_the_proxy_rises_while_the_gold_falls():
    # the standard error of a change in the 4-probe mean: sqrt(2 x 0.0133 / 4) = 0.129 at spread 0.2
    checks = [
        sampled(0, 0.0, 0.5, 0.0),
        sampled(4, 0.4, 0.7, 1.0),
        sampled(8, 0.9, 0.6, 2.5),
        sampled(12, 1.5, 0.3, 4.0),
    ]
    message = rules.over_optimisation(checks, CONFIG)  # last 3 checks: proxy +1.100, gold -0.400 (3.1 errors)
    assert "iterations 4 to 12" in message and "rose +1.100" in message
    assert "fell -0.400, 3.1 standard errors" in message
    assert "KL went 1.00 -> 4.00" in message
    assert "over_optimisation" in [rule for rule, _ in rules.evaluate(checks, CONFIG)]


def test_over_optimisation_quiet_on_a_near_miss_or_without_an_independent_judge():
    near = [sampled(4, 0.4, 0.7), sampled(8, 0.9, 0.6), sampled(12, 1.5, 0.45)]
    assert rules.over_optimisation(near, CONFIG) is None  # gold fell 0.25 = 1.94 errors, inside gold_drop 2.0
    noisy = [sampled(4, 0.4, 0.7, spread=1.0), sampled(8, 0.9, 0.6, spread=1.0), sampled(12, 1.5, 0.3, spread=1.0)]
    assert rules.over_optimisation(noisy, CONFIG) is None  # the same fall in noisier samples: 0.6 errors
    both_up = [sampled(4, 0.4, 0.7), sampled(8, 0.9, 0.8), sampled(12, 1.5, 0.9)]
    assert rules.over_optimisation(both_up, CONFIG) is None
    proxy_flat = [sampled(4, 0.4, 0.7), sampled(8, 0.45, 0.5), sampled(12, 0.5, 0.2)]
    assert rules.over_optimisation(proxy_flat, CONFIG) is None  # proxy +0.1 (0.8 errors): no climb to blame
    no_gold = [check(step, ppo={"sample_reward": step / 4, "judge": 0.5 - step / 40}) for step in (4, 8, 12)]
    assert rules.over_optimisation(no_gold, CONFIG) is None  # the judge is the proxy itself: no gold logged
    assert rules.over_optimisation(near[1:], CONFIG) is None  # needs gold_checks (3) checks with a gold
