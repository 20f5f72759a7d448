"""GRPO stage: prompts in, a LoRA policy tuned by group-relative advantages out; no value model.

    run(config: GRPOConfig) -> StageResult

Group RL as in GRPO (Shao et al. 2024, arXiv:2402.03300), with Dr. GRPO's unbiased variant (Liu et al.
2025, arXiv:2503.20783) and RLOO's leave-one-out baseline (Ahmadian et al. 2024, arXiv:2402.14740) as
options; the loss math is in `alignment/losses.py` (`group_advantages`, `grpo_token_loss`,
`aggregate_token_loss`). It is the PPO loop (`stages/ppo/loop.py`) without its critic: the rollout
(batched seeded sampling, frozen-prefix capture), checkpoints, probes and log are PPO's code. Each
iteration, per process:

1. rollout     rollout_batch_size / group_size prompts, group_size sampled replies each, side by side
2. score       reward = reward_model_weight x reward model + weighted rule rewards + weighted verifiable
               rewards (fn(messages, reply, check) on prompts whose row has a check) - missing-EOS penalty
3. advantages  per group: grpo (z-score), dr_grpo (centred) or rloo (leave-one-out); one per reply
4. statistics  only what the update needs: reference log-probs when kl_coef > 0 (adapters off, the
               same base), sampling log-probs when a rollout feeds more than one optimiser step
               (epochs > 1 or several minibatches; else the ratio is 1 and the detached log-probs serve)
5. update      `epochs` passes over minibatches of train.batch_size x train.grad_accum replies: clipped
               ratio x advantage + kl_coef x k3, aggregated per token, per reply or by a constant
6. log         metrics.jsonl, samples.jsonl (a few rollouts per log step), dynamics probes as for PPO

Writes `<run_dir>/grpo/`: adapter/ (`alignment generate --model <run_dir>/grpo`), merged/ (merge: true),
checkpoints/, config.yaml, metrics.jsonl, samples.jsonl, manifest.json, README.md. Bad settings, prompts
or reward functions fail before anything is written; an interrupted run resumes from its last
complete checkpoint; a finished one with the same config and data is skipped.
"""

from __future__ import annotations

import math
import time
from pathlib import Path

import torch
from transformers import get_scheduler, set_seed

from alignment.config import GRPOConfig, save_config
from alignment.core import memory
from alignment.core.distributed import is_main_process, rank
from alignment.core.errors import ConfigError, DataError
from alignment.core.provenance import StageResult
from alignment.dynamics import hooks as dynamics_hooks
from alignment.losses import aggregate_token_loss, group_advantages, grpo_token_loss, masked_mean
from alignment.rewards.rules import load_rule_rewards
from alignment.rewards.verifiable import BUILT_IN, finite_number, reference_of
from alignment.stages.common import check_stage_dir, finished_result
from alignment.stages.ppo import models as ppo_models
from alignment.stages.ppo import outputs as ppo_outputs
from alignment.stages.ppo.loop import Clock, Loop, encode_prompts, join_processes, same_start_on_every_rank
from alignment.stages.ppo.state import average_and_clip, gather, mean_over_processes

STAGE = "grpo"


def run(config: GRPOConfig, callbacks: list | None = None) -> StageResult:
    """`callbacks` is the pipeline's stage interface; the loop runs no Trainer to call them."""
    stage_dir = Path(config.run_dir).expanduser() / STAGE
    finished = finished_result(STAGE, stage_dir, config, config.data.paths())
    if finished:
        return finished
    started = time.time()
    settings = config.grpo
    rules = load_rule_rewards(settings.rule_rewards, "grpo.rule_rewards")
    verifiers = load_rule_rewards(settings.verifiable_rewards, "grpo.verifiable_rewards", metadata=False)
    check_settings(config, rules, verifiers)
    world, device, sharded = join_processes(STAGE)
    if device.type == "cpu":
        memory.return_freed_memory()  # with ALIGNMENT_MMAP_THRESHOLD: less memory, more time
    set_seed(config.train.seed + rank())  # adapter init is overwritten below so all ranks start equal
    actor = ppo_models.load_actor_critic(config, device, value=False)
    same_start_on_every_rank(actor)
    if sharded:
        ppo_models.shard_layers(actor, STAGE)
    split_summary: dict = {}
    prompts = encode_prompts(config, actor.tokenizer, split_summary, STAGE)  # DataError before any write
    check_verifiable(prompts, verifiers)
    reward, reward_layout = ppo_models.load_reward(config, actor, settings.reward_model)

    check_stage_dir(stage_dir, config)
    if is_main_process():
        stage_dir.mkdir(parents=True, exist_ok=True)
        save_config(config, stage_dir / "config.yaml")
    loop = GRPOLoop(config, actor, reward, rules, prompts, world, stage_dir)
    loop.verifiers = verifiers
    loop.probing = dynamics_hooks.ppo_recorder(config, loop, reward, stage_dir)
    _report_start(config, loop, reward_layout, world, verifiers)
    loop.train()
    metrics = {**loop.summary(), "train_seconds": round(time.time() - started, 1)}
    return ppo_outputs.finish(config, stage_dir, actor, metrics, started, split_summary or None, stage=STAGE)


# ---- before the loop ----


def check_settings(config: GRPOConfig, rules: list, verifiers: list) -> None:
    """Settings that can only fail together (single values are range-checked when the config loads)."""
    settings = config.grpo
    if not settings.reward_model and not rules and not verifiers:
        raise ConfigError(
            "grpo: no reward; set grpo.verifiable_rewards (e.g. {"
            + BUILT_IN
            + ": 1.0}), grpo.rule_rewards or grpo.reward_model"
        )
    if settings.rollout_batch_size % settings.group_size:
        raise ConfigError(
            f"grpo.rollout_batch_size={settings.rollout_batch_size} must be a multiple of "
            f"grpo.group_size={settings.group_size} (whole groups per iteration)"
        )
    minibatch = config.train.batch_size * config.train.grad_accum
    if settings.rollout_batch_size % minibatch:
        raise ConfigError(
            f"grpo.rollout_batch_size={settings.rollout_batch_size} must be a multiple of "
            f"train.batch_size x train.grad_accum = {minibatch}"
        )


def check_verifiable(prompts: list[dict], verifiers: list) -> None:
    """With verifiable rewards: some prompt must carry a check, every check must be one the built-in
    reward reads (when it is used), and every function must return a finite number for an empty
    reply to each checked prompt; one DataError naming file:row and key otherwise, before any write."""
    if not verifiers:
        return
    checked = [row for row in prompts if row["check"] is not None]
    if not checked:
        files = sorted({row["source"].rsplit(":", 1)[0] for row in prompts})
        raise DataError(
            [
                (
                    ", ".join(files),
                    "check",
                    f"missing: grpo.verifiable_rewards needs prompts whose rows carry a `check` object "
                    f"(with an `answer`) or `reference` (+ `match`) fields; none of {len(prompts)} do",
                )
            ]
        )
    problems = []
    for row in checked:
        for name, function, _ in verifiers:
            if name == BUILT_IN:
                try:
                    reference_of(row["check"])
                except ValueError as error:
                    key, _, message = str(error).partition(": ")
                    problems.append((row["source"], key, message))
                    break
            try:
                _verify(name, function, row["messages"], "", row)
            except DataError as error:
                problems += error.problems
                break
        if len(problems) >= 20:
            break
    if problems:
        raise DataError(problems)


def _report_start(config: GRPOConfig, loop: GRPOLoop, reward_layout: str, world: int, verifiers: list) -> None:
    if not is_main_process():
        return
    settings = config.grpo
    layout = reward_layout if loop.reward is not None else "none"
    checked = sum(row["check"] is not None for row in loop.prompts)
    shared = f"; the {loop.ac.prefix} frozen bottom layers run once per batch" if loop.ac.prefix else ""
    kl = f"KL {settings.kl_coef} x k3 to the adapters-off reference" if settings.kl_coef else "no KL term"
    print(
        f"[grpo] rewards: reward model: {layout}; {len(loop.rules)} rule(s); {len(verifiers)} verifiable "
        f"({checked} of {len(loop.prompts)} prompts have a check). {loop.total} iterations of "
        f"{settings.rollout_batch_size // settings.group_size} prompts x {settings.group_size} replies x {world} "
        f"process(es); advantage {settings.advantage}, {settings.loss_aggregation} aggregation, {kl}{shared}",
        flush=True,
    )


# ---- the loop ----


class GRPOLoop(Loop):
    """The PPO loop's rollout, checkpoints, probes and log; group advantages and the GRPO loss."""

    STAGE = STAGE
    SHOWN = (
        "reward",
        "accuracy",
        "reward_std",
        "uniform_groups",
        "kl",
        "entropy",
        "clipfrac",
        "reply_length",
        "iteration_seconds",
    )
    verifiers: list = []

    def _init_schedule(self) -> None:
        settings, train = self.settings, self.config.train
        self.minibatch = train.batch_size * train.grad_accum
        per_iteration = settings.rollout_batch_size * self.world
        self.total = (
            train.max_steps
            if train.max_steps > 0
            else max(1, math.ceil(train.epochs * len(self.prompts) * settings.group_size / per_iteration))
        )
        self.steps_per_rollout = settings.epochs * (settings.rollout_batch_size // self.minibatch)
        updates = self.total * self.steps_per_rollout
        self.optimizer = torch.optim.AdamW(self.ac.trainable, lr=train.lr, weight_decay=train.weight_decay)
        self.scheduler = get_scheduler(
            train.lr_scheduler,
            self.optimizer,
            num_warmup_steps=int(train.warmup_ratio * updates),
            num_training_steps=updates,
        )

    def checkpoint_state(self) -> dict:
        return {"iteration": self.iteration}

    def restore(self, state: dict) -> None:
        self.iteration = state["iteration"]

    def step(self) -> dict:
        """One iteration: rollout -> score -> group advantages -> statistics -> update."""
        settings, clock = self.settings, Clock()
        batch = clock("rollout", self.rollout)
        scores, parts = clock("score", self.score, batch)  # [batch]
        advantages = group_advantages(scores, settings.group_size, settings.advantage)
        kept = torch.arange(len(advantages))
        if settings.skip_uniform_groups:  # their advantages are 0: no gradient, only cost (and, per token, dilution)
            kept = (advantages != 0).nonzero().squeeze(-1)
        trained = _rows(batch, kept)
        stats = clock("statistics", self.statistics, trained)
        update = clock("update", self.update, trained, stats, advantages[kept])
        return {
            **parts,
            "trained_replies": mean_over_processes(float(len(kept))),
            **update,
            **clock.seconds,
            "samples": [
                {"prompt": row["messages"][-1]["content"], "reply": text, "score": round(float(s), 4)}
                for row, text, s in zip(batch["prompts"], batch["texts"], scores)
            ],
        }

    # -- 2. score --

    def score(self, batch: dict) -> tuple[torch.Tensor, dict]:
        """Reward per reply [batch], and its parts for the log (means over all processes)."""
        settings, device = self.settings, self.ac.device
        messages = [row["messages"] for row in batch["prompts"]]
        total = torch.zeros(len(messages), device=device)
        parts = {}
        if self.reward is not None:
            raw = torch.tensor(self.reward.score(messages, batch["texts"], self.config.train.batch_size), device=device)
            parts["reward_model"] = mean_over_processes(float(raw.mean()))
            total += settings.reward_model_weight * raw
        for name, values, weight in self.rule_values(batch):
            parts[f"rule/{name}"] = mean_over_processes(float(values.mean()))
            total += weight * values
        checked = torch.tensor([row["check"] is not None for row in batch["prompts"]], device=device)
        for name, function, weight in self.verifiers:
            values = torch.tensor(
                [
                    _verify(name, function, m, t, row) if row["check"] is not None else 0.0
                    for m, t, row in zip(messages, batch["texts"], batch["prompts"])
                ],
                device=device,
            )
            total += weight * values
            gathered, mask = gather(values), gather(checked.float()).bool()
            if mask.any():
                parts[f"verifiable/{name}"] = float(gathered[mask].mean())
        if self.verifiers and len(self.verifiers) == 1:
            parts["accuracy"] = parts.get(f"verifiable/{self.verifiers[0][0]}")
        lengths = batch["mask"].sum(-1)
        total -= settings.missing_eos_penalty * (~batch["finished"]).float()
        groups = gather(total).view(-1, settings.group_size)
        spread = groups.std(-1, unbiased=False)
        parts.update(
            reward=float(groups.mean()),
            reward_std=float(spread.mean()),  # within groups: what the advantages are made of
            uniform_groups=float((spread == 0).float().mean()),  # all replies scored alike: no signal
            reply_length=mean_over_processes(float(lengths.float().mean())),
            eos_fraction=mean_over_processes(float(batch["finished"].float().mean())),
        )
        return total, {key: value for key, value in parts.items() if value is not None}

    # -- 4. statistics --

    def statistics(self, batch: dict) -> dict:
        """Reference and sampling log-probs `[batch, reply]` where the update needs them (else None), and
        the frozen prefix's output to replay."""
        reference = self.settings.kl_coef > 0
        policy = self.steps_per_rollout > 1
        nothing = not reference and not policy and (batch["prefix"] is not None or not self.ac.prefix)
        if nothing or not batch["texts"]:  # no pass needed, or no reply to train on (all groups uniform)
            return {"logps": None, "ref_logps": None, "prefix": batch["prefix"]}
        stats = super().statistics(batch, reference=reference, policy=policy)
        return {key: stats[key] for key in ("logps", "ref_logps", "prefix")}

    # -- 5. update --

    def update(self, batch: dict, stats: dict, advantages: torch.Tensor) -> dict:
        """`epochs` passes, each of rollout_batch_size / minibatch optimiser steps over this process's
        trained replies (fewer rows per step when uniform groups were skipped; every process takes the
        same steps, and none when no process has a reply to train on)."""
        settings = self.settings
        n = len(batch["texts"])
        totals = {"loss": 0.0, "clipfrac": 0.0, "kl": 0.0, "entropy": 0.0}
        if mean_over_processes(float(n)) == 0:
            return {"lr": self.scheduler.get_last_lr()[0]}
        steps, updates = settings.rollout_batch_size // self.minibatch, 0
        for _ in range(settings.epochs):
            for indices in torch.tensor_split(torch.randperm(n), steps):
                figures = self._minibatch(batch, stats, advantages, indices)
                for key in totals:
                    totals[key] += figures[key]
                updates += 1
        result = {key: mean_over_processes(value / updates) for key, value in totals.items()}
        if stats["ref_logps"] is None:
            result.pop("kl")
        return {**result, "lr": self.scheduler.get_last_lr()[0]}

    def _minibatch(self, batch, stats, advantages, indices) -> dict:
        settings, train = self.settings, self.config.train
        mask_all = batch["mask"][indices]
        denominator = {
            "token": float(mask_all.sum().clamp(min=1)),
            "sequence": float(len(indices)),
            "constant": float(len(indices) * settings.max_new_tokens),
        }[settings.loss_aggregation]
        figures = {"loss": 0.0, "clipfrac": 0.0, "kl": 0.0, "entropy": 0.0}
        micro = [indices[i : i + train.batch_size] for i in range(0, len(indices), train.batch_size)]
        for rows in micro:  # none when this process has no reply for this step: its gradients count as 0
            mask = batch["mask"][rows]
            prefix = stats["prefix"][rows] if stats["prefix"] is not None else None
            logps, entropy = ppo_models.policy_logps(
                self.ac,
                batch["input_ids"][rows],
                batch["attention_mask"][rows],
                batch["replies"][rows],
                batch["width"],
                settings.temperature,
                prefix,
                with_entropy=True,
                entropy_grad=False,  # logged, not trained on
            )
            old = stats["logps"][rows] if stats["logps"] is not None else logps.detach()
            ref = stats["ref_logps"][rows] if stats["ref_logps"] is not None else None
            token_loss, clipped, kl = grpo_token_loss(
                logps, old, ref, advantages[rows], settings.clip_range, settings.kl_coef
            )
            loss = aggregate_token_loss(token_loss, mask, settings.loss_aggregation, denominator)
            loss.backward()
            share = len(rows) / len(indices)
            figures["loss"] += float(loss.detach())
            figures["clipfrac"] += float(masked_mean(clipped.float(), mask)) * share
            figures["entropy"] += float(masked_mean(entropy.detach(), mask)) * share
            if kl is not None:
                figures["kl"] += float((kl.detach() * mask).sum(-1).mean()) * share  # per reply, as PPO logs it
        average_and_clip(self.ac.trainable, train.max_grad_norm)
        self._guard()
        self.optimizer.step()
        self.scheduler.step()
        self.optimizer.zero_grad(set_to_none=True)
        return figures

    def summary(self) -> dict:
        figures = super().summary()
        if self.history and "accuracy" in self.history[0]:
            figures["first_accuracy"], figures["final_accuracy"] = (
                self.history[0]["accuracy"],
                self.history[-1]["accuracy"],
            )
        return figures


def _rows(batch: dict, kept: torch.Tensor) -> dict:
    """The rollout's rows `kept` (all of them when nothing was skipped)."""
    if len(kept) == len(batch["texts"]):
        return batch
    picked = kept.tolist()
    return {
        key: value[kept]
        if isinstance(value, torch.Tensor)
        else [value[i] for i in picked]
        if isinstance(value, list)
        else value
        for key, value in batch.items()
    }


def _verify(name: str, function, messages: list[dict], reply: str, row: dict) -> float:
    """A verifiable reward's value for one reply; a DataError naming the prompt's row when it fails."""
    try:
        value = function(messages, reply, row["check"])
    except Exception as error:  # noqa: BLE001 - any failure of a user function is reported with its row
        raise DataError([(row["source"], "check", f"{name} raised {type(error).__name__}: {error}")]) from None
    number = finite_number(value)
    if number is None:
        raise DataError([(row["source"], "check", f"{name} returned {value!r}, not a finite number")])
    return number
