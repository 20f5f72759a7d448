"""PPO stage: prompts in, a LoRA policy tuned against a reward model (and optional rule rewards) out.

    run(config: PPOConfig) -> StageResult

RLHF with PPO (Schulman et al. 2017, arXiv:1707.06347) as in Ziegler et al. 2019
(arXiv:1909.08593) and Ouyang et al. 2022 (arXiv:2203.02155), written out here because TRL removed
its PPOTrainer after 1.12. One frozen base holds every role (`stages/ppo/models.py`): the policy and value
LoRA adapters, the reference (adapters off) and, when trained on the same base, the reward adapter.
Each iteration, per process:

1. rollout     `rollout_batch_size` sampled replies, `samples_per_prompt` per prompt (KV cache, stop at end of turn);
               with guide_replies, the last of a prompt's slots hold its row's reference replies
               (`stages/ppo/guides.py`)
               sequences [batch, width + reply]: prompt left-padded to `width`, reply right-padded
2. score       reward model on the re-rendered text (its own tokenizer) + weighted rule rewards,
               normalised by running moments and clipped; minus the missing-EOS and length penalties;
               with group_baseline, minus the mean score of the prompt's other replies (RLOO)
3. KL          per reply token t: kl_t = log pi(y_t) - log pi_ref(y_t) (or k3); reward
               r_t = -kl_coef * kl_t, plus the score on the last token; kl_coef fixed or adaptive
4. advantages  values from the value adapter + head; GAE(gamma, lam); whitened advantages
5. update      `ppo_epochs` passes over minibatches of train.batch_size x train.grad_accum rollouts:
               clipped policy loss + value_coef x clipped value loss - entropy_coef x entropy;
               gradients averaged over processes; epochs stop early once approx-KL > approx_kl_stop
6. log         metrics.jsonl (one line per iteration), samples.jsonl (a few rollouts per log step)

Writes `<run_dir>/ppo/`: adapter/ (the policy; `alignment generate --model <run_dir>/ppo`),
merged/ (merge: true), value/ (value adapter + head), checkpoints/, config.yaml, metrics.jsonl,
samples.jsonl, manifest.json, README.md. Bad prompts fail before anything is written; an
interrupted run resumes from its last complete checkpoint (`stages/ppo/state.py`); a finished one with the
same config and data is skipped.
"""

from __future__ import annotations

import contextlib
import json
import math
import os
import time
from pathlib import Path

import torch
import torch.distributed as dist
from transformers import GenerationConfig, get_scheduler, set_seed

from alignment.config import PPOConfig, save_config, to_dict
from alignment.core import memory, tracking
from alignment.core.distributed import check_mode, is_main_process, rank, requested_sharding
from alignment.core.errors import ConfigError, DataError
from alignment.core.provenance import StageResult
from alignment.data import judge_split
from alignment.data.mixture import load_prompt_mixture
from alignment.data.truncation import cut_prompt
from alignment.dynamics import hooks as dynamics_hooks
from alignment.dynamics import probes as dynamics
from alignment.losses import (
    KLController,
    explained_variance,
    gae,
    kl_per_token,
    leave_one_out,
    masked_mean,
    masked_whiten,
    ppo_policy_loss,
    ppo_value_loss,
)
from alignment.models import frozen_prefix
from alignment.models.generation import stop_token_ids
from alignment.rewards.rules import load_rule_rewards
from alignment.stages.common import check_stage_dir, finished_result
from alignment.stages.ppo import guides as ppo_guides
from alignment.stages.ppo import models as ppo_models
from alignment.stages.ppo import outputs as ppo_outputs
from alignment.stages.ppo.state import (
    RunningMoments,
    average_and_clip,
    gather,
    load_checkpoint,
    mean_over_processes,
    prompt_indices,
    save_checkpoint,
    trim_logs,
)

STAGE = "ppo"


def run(config: PPOConfig, callbacks: list | None = None) -> StageResult:
    """`callbacks` is the pipeline's stage interface; the PPO loop runs no Trainer to call them."""
    stage_dir = Path(config.run_dir).expanduser() / STAGE
    finished = finished_result(STAGE, stage_dir, config, config.data.paths())
    if finished:
        return finished
    started = time.time()
    rules = load_rule_rewards(config.ppo.rule_rewards)
    check_settings(config, rules)
    world, device, sharded = join_processes()
    if device.type == "cpu":
        memory.return_freed_memory()  # with ALIGNMENT_MMAP_THRESHOLD: less memory, more time
    set_seed(config.train.seed + rank())  # adapter init is overwritten below so all ranks start equal
    actor_critic = ppo_models.load_actor_critic(config, device)
    same_start_on_every_rank(actor_critic)
    if sharded:
        ppo_models.shard_layers(actor_critic, STAGE)
    split_summary: dict = {}
    prompts = encode_prompts(config, actor_critic.tokenizer, split_summary)  # DataError before any write
    reward, reward_layout = ppo_models.load_reward(config, actor_critic)

    check_stage_dir(stage_dir, config)
    if is_main_process():
        stage_dir.mkdir(parents=True, exist_ok=True)
        save_config(config, stage_dir / "config.yaml")
    loop = Loop(config, actor_critic, reward, rules, prompts, world, stage_dir)
    loop.probing = dynamics_hooks.ppo_recorder(config, loop, reward, stage_dir)
    _report_start(config, loop, reward_layout, world)
    loop.train()
    metrics = {**loop.summary(), "train_seconds": round(time.time() - started, 1)}
    return ppo_outputs.finish(config, stage_dir, actor_critic, metrics, started, split_summary or None)


# ---- before the loop ----


def check_settings(config: PPOConfig, rules: list) -> None:
    """Settings that can only fail together (single values are range-checked when the config loads)."""
    if not config.ppo.reward_model and not rules:
        raise ConfigError("ppo.reward_model: PPO needs a reward; give a reward stage dir or ppo.rule_rewards")
    minibatch = config.train.batch_size * config.train.grad_accum
    if config.ppo.rollout_batch_size % minibatch:
        raise ConfigError(
            f"ppo.rollout_batch_size={config.ppo.rollout_batch_size} must be a multiple of "
            f"train.batch_size x train.grad_accum = {minibatch}"
        )
    if config.ppo.rollout_batch_size % config.ppo.samples_per_prompt:
        raise ConfigError(
            f"ppo.rollout_batch_size={config.ppo.rollout_batch_size} must be a multiple of "
            f"ppo.samples_per_prompt={config.ppo.samples_per_prompt}"
        )
    if config.ppo.guide_replies >= config.ppo.samples_per_prompt:
        raise ConfigError(
            f"ppo.guide_replies={config.ppo.guide_replies} must leave each prompt a sampled reply: "
            f"raise ppo.samples_per_prompt above it"
        )
    if config.ppo.group_baseline and config.ppo.samples_per_prompt < 2:
        raise ConfigError(
            "ppo.group_baseline compares a prompt's replies with each other: set ppo.samples_per_prompt to 2 or more"
        )


def join_processes(stage: str = STAGE) -> tuple[int, torch.device, bool]:
    """(processes, this process's device, sharded). Under an FSDP launch config the loop shards the
    decoder layers itself (`models.shard_layers`, FSDP2 on GPUs and CPUs alike); DeepSpeed would
    shard a model this loop never hands it, so it is refused, not ignored."""
    from accelerate import PartialState

    state = PartialState(cpu=not torch.cuda.is_available())
    asked = requested_sharding()
    if asked == "DEEPSPEED" or state.distributed_type.value == "DEEPSPEED":
        raise ConfigError(
            f"the {stage} stage runs on one device, under DDP or under FSDP, not DeepSpeed: launch it with "
            "recipes/accelerate/fsdp.yaml or ddp.yaml (GPUs), cpu_fsdp.yaml or cpu_ddp.yaml (CPU)"
        )
    sharded = asked == "FSDP"
    if sharded and os.environ.get("FSDP_VERSION", "1") != "2":
        raise ConfigError(f"[{stage}] shards with FSDP2: set fsdp_version: 2 in the launch config")
    mode = "FSDP" if sharded else state.distributed_type.value
    check_mode(stage, mode, state.num_processes, state.backend)
    return state.num_processes, state.device, sharded


def same_start_on_every_rank(actor_critic) -> None:
    """Rank 0's initial adapters everywhere: processes then stay equal, since they apply the same
    averaged gradients."""
    if dist.is_available() and dist.is_initialized():
        for tensor in actor_critic.trainable:
            dist.broadcast(tensor.data, src=0)


def encode_prompts(config: PPOConfig, tokenizer, split_summary: dict | None = None, stage: str = STAGE) -> list[dict]:
    """{messages, ids, metadata, references, check, source} per prompt, rendered with the generation
    prompt; prompts identical to an earlier one (`data.deduplicate`) and those in the judge part
    (`data.judge_split`) dropped, over-long ones cut from the left or dropped (`data.truncation`).
    `split_summary` gets the split's manifest entry."""
    examples, read, duplicates = load_prompt_mixture(
        config.data.all_sources(), config.data.deduplicate, config.data.seed
    )
    judge_split.check(config.data.judge_split, "data")
    examples, split = judge_split.apply(examples, lambda example: example.prompt, config.data.judge_split)
    if config.data.judge_split.fraction > 0 and split_summary is not None:
        split_summary.update(split.summary())
    rows, too_long, cut = [], 0, 0
    limit = config.data.max_prompt_length
    for example in examples:
        messages = example.prompt
        ids = _prompt_ids(tokenizer, messages)
        if len(ids) > limit and config.data.truncation == "prompt":
            messages = cut_prompt(tokenizer, messages, limit) or messages
            ids = _prompt_ids(tokenizer, messages)
            cut += len(ids) <= limit
        if len(ids) > limit:
            too_long += 1
            continue
        rows.append(
            {
                "messages": messages,
                "ids": list(ids),
                "metadata": example.metadata,
                "references": example.references,
                "check": example.check,
                "source": example.source,
            }
        )
    if not rows:
        raise DataError(
            [
                (
                    config.data.paths()[0],
                    "prompt",
                    f"no prompt fits data.max_prompt_length="
                    f"{config.data.max_prompt_length} tokens (of {len(examples)} outside the judge part)",
                )
            ]
        )
    if is_main_process():
        print(
            f"[{stage}] {read} prompts read, {len(rows)} used"
            + (f", {cut} cut from the left to data.max_prompt_length" if cut else "")
            + (f", {duplicates} dropped (duplicates of an earlier prompt)" if duplicates else "")
            + (f", {too_long} dropped (over data.max_prompt_length)" if too_long else "")
            + (f"; {split.line('prompts')}" if config.data.judge_split.fraction > 0 else ""),
            flush=True,
        )
    return rows


def _prompt_ids(tokenizer, messages: list[dict]) -> list[int]:
    return list(
        tokenizer.apply_chat_template(messages, add_generation_prompt=True, tokenize=True, return_dict=True)[
            "input_ids"
        ]
    )


def _report_start(config: PPOConfig, loop: Loop, reward_layout: str, world: int) -> None:
    if not is_main_process():
        return
    shared = f"; the {loop.ac.prefix} frozen bottom layers run once per batch for all roles" if loop.ac.prefix else ""
    guided = (
        (
            f"; the last {config.ppo.guide_replies} of each group's replies are reference replies where the "
            f"prompt has them ({loop.guided} of {len(loop.prompts)} do)"
        )
        if config.ppo.guide_replies
        else ""
    )
    print(
        f"[ppo] reward: {reward_layout}; {loop.total} iterations of {config.ppo.rollout_batch_size} rollouts "
        f"x {world} process(es), {config.ppo.ppo_epochs} epoch(s) each{shared}{guided}",
        flush=True,
    )


# ---- the loop ----


class Loop:
    """State of one run: models, optimiser, schedule, KL controller, reward moments, iteration.

    The GRPO stage (`stages/grpo.py`) subclasses it: the rollout, checkpoints, probes and log are
    shared; the scoring, statistics and update are its own. `STAGE` names the config section
    (`config.ppo` / `config.grpo`, read as `self.settings`), the stage dir and the log prefix."""

    STAGE = STAGE
    SHOWN = (
        "reward",
        "score",
        "kl",
        "kl_coef",
        "entropy",
        "clipfrac",
        "approx_kl",
        "value_loss",
        "explained_variance",
        "reply_length",
        "iteration_seconds",
    )
    """Figures printed at each log step."""

    def __init__(self, config, actor_critic, reward, rules, prompts, world, stage_dir):
        self.config, self.ac, self.reward, self.rules, self.prompts = config, actor_critic, reward, rules, prompts
        self.world, self.stage_dir = world, stage_dir
        self.trackers = tracking.Trackers([], self.STAGE, stage_dir, stage_dir)  # the sinks open in train()
        self.settings = getattr(config, self.STAGE)
        self._init_schedule()
        self.iteration, self.history, self.probing = 0, [], None
        self.stop_ids = stop_token_ids(actor_critic.model, actor_critic.tokenizer)
        end = ppo_guides.end_of_turn(actor_critic.tokenizer, self.stop_ids)
        self.guided = ppo_guides.attach(
            prompts,
            actor_critic.tokenizer,
            end,
            self.settings.max_new_tokens,
            self.settings.guide_replies,
            config.data.paths(),
        )

    def _init_schedule(self) -> None:
        """Iterations, optimiser, learning-rate schedule, KL controller and reward moments."""
        config, actor_critic = self.config, self.ac
        settings, train = self.settings, config.train
        self.minibatch = train.batch_size * train.grad_accum
        per_iteration = settings.rollout_batch_size * self.world
        self.total = (
            train.max_steps
            if train.max_steps > 0
            else max(1, math.ceil(train.epochs * len(self.prompts) / per_iteration))
        )
        updates = self.total * settings.ppo_epochs * (settings.rollout_batch_size // self.minibatch)
        self.optimizer = torch.optim.AdamW(actor_critic.trainable, lr=train.lr, weight_decay=train.weight_decay)
        self.scheduler = get_scheduler(
            train.lr_scheduler,
            self.optimizer,
            num_warmup_steps=int(train.warmup_ratio * updates),
            num_training_steps=updates,
        )
        self.kl = KLController(settings.kl_coef, settings.adaptive_kl, settings.target_kl, settings.kl_horizon)
        self.moments = RunningMoments()

    def checkpoint_state(self) -> dict:
        """What a checkpoint's state.json holds besides the tensors and the optimiser."""
        return {"iteration": self.iteration, "kl": self.kl.state_dict(), "moments": vars(self.moments)}

    def restore(self, state: dict) -> None:
        self.iteration = state["iteration"]
        self.kl.load_state_dict(state["kl"])
        self.moments = RunningMoments(**state["moments"])

    def named_tensors(self) -> dict:
        named = {name: p for name, p in self.ac.model.named_parameters() if any(p is t for t in self.ac.trainable)}
        if self.ac.value_head is not None:
            named.update({f"value_head.{name}": p for name, p in self.ac.value_head.named_parameters()})
        return named

    def train(self) -> None:
        checkpoints = self.stage_dir / "checkpoints"
        state = load_checkpoint(checkpoints, self.named_tensors(), self.optimizer, self.scheduler)
        if state:
            self.restore(state)
            if is_main_process():
                print(f"[{self.STAGE}] resuming from {state['checkpoint']} (iteration {self.iteration})", flush=True)
        trim_logs(self.stage_dir, self.iteration)
        self.ac.model.eval()  # dropout off throughout: the rollout and the update must see one network
        self._probe(begin=True)
        self.trackers = tracking.Trackers(
            self.config.report_to, self.STAGE, Path(self.config.run_dir), self.stage_dir, _flat(to_dict(self.config))
        )
        try:
            self._iterate(checkpoints)
        finally:
            self.trackers.close()
        if self.probing:
            self.probing.finish(self.iteration)

    def _iterate(self, checkpoints: Path) -> None:
        while self.iteration < self.total:
            started = time.time()
            metrics = self.step()
            self.iteration += 1
            metrics.update(iteration=self.iteration, iteration_seconds=round(time.time() - started, 2))
            self.log(metrics)
            self._probe()
            if self.iteration % self.config.train.save_steps == 0 and self.iteration < self.total:
                save_checkpoint(
                    checkpoints,
                    self.iteration,
                    self.named_tensors(),
                    self.optimizer,
                    self.scheduler,
                    self.checkpoint_state(),
                    self.config.train.save_total_limit,
                )

    def _probe(self, begin: bool = False) -> None:
        """Learning-dynamics probes of the policy (rank 0, `dynamics/hooks.py`): at the start, then when due."""
        if self.probing is None or not (begin or self.probing.due(self.iteration)):
            return
        ppo_models.use_adapter(self.ac, ppo_models.POLICY)
        last = self.probing.checks[-1]["step"] if self.probing.checks else 0
        figures = dynamics_hooks.rollout_means(self.history, last)
        if begin:
            self.probing.begin(self.iteration, ppo=figures)
        else:
            self.probing.check(self.iteration, ppo=figures)

    def _guard(self) -> None:
        """Stop before a NaN/inf gradient reaches the weights (the last checkpoint stays the newest), and
        keep the per-layer gradient norms of an iteration that ends in a probe."""
        if self.config.dynamics.stop_on_non_finite and not dynamics.finite_gradients(self.ac.trainable):
            if self.probing:
                self.probing.warn(self.iteration + 1, "non_finite_loss", "a gradient became NaN or inf")
            raise dynamics_hooks.non_finite_error(self.STAGE, self.stage_dir, self.iteration + 1)
        if self.probing and self.probing.due(self.iteration + 1):
            self.probing.gradients()

    def step(self) -> dict:
        """One PPO iteration: rollout -> score -> KL -> advantages -> update."""
        settings, clock = self.settings, Clock()
        batch = clock("rollout", self.rollout)  # token tensors + texts
        scores, parts = clock("score", self.score, batch)  # [batch]
        stats = clock("statistics", self.statistics, batch)  # logps, ref_logps, values, entropy: [batch, reply]
        mask = batch["mask"]
        kl = kl_per_token(stats["logps"], stats["ref_logps"], settings.kl_estimator) * mask
        rewards = -self.kl.value * kl  # [batch, reply]
        last = mask.sum(-1).long() - 1  # index of each reply's last token
        rewards[torch.arange(len(last)), last] += scores
        advantages, returns = gae(rewards, stats["values"], mask, settings.gamma, settings.lam)
        if settings.whiten_advantages:
            advantages = masked_whiten(advantages, mask)
        update = clock("update", self.update, batch, stats, advantages, returns)
        own = ~batch["guided"]  # guide replies pay the penalty too (it bounds how far they pull), but are
        kl_per_reply = mean_over_processes(float(kl.sum(-1)[own].mean()))  # no sample of the policy's KL
        self.kl.update(kl_per_reply, settings.rollout_batch_size * self.world)
        return {
            **parts,
            **update,
            "kl": kl_per_reply,
            "kl_coef": self.kl.value,
            "entropy": mean_over_processes(float(masked_mean(stats["entropy"], mask))),
            "explained_variance": explained_variance(stats["values"], returns, mask),
            **clock.seconds,
            "samples": [
                {"prompt": row["messages"][-1]["content"], "reply": text, "score": round(float(s), 4)}
                for row, text, s in zip(batch["prompts"], batch["texts"], scores)
            ],
        }

    # -- 1. rollout --

    @torch.no_grad()
    def rollout(self) -> dict:
        settings, ac = self.settings, self.ac
        count = settings.rollout_batch_size // settings.samples_per_prompt  # distinct prompts
        start = (self.iteration * self.world + rank()) * count
        rows = [
            self.prompts[i]
            for i in prompt_indices(len(self.prompts), self.config.data.seed, start, count)
            for _ in range(settings.samples_per_prompt)
        ]  # a prompt's replies side by side
        taken = ppo_guides.slots(rows, settings.samples_per_prompt, settings.guide_replies)
        sampled = [index for index, guide in enumerate(taken) if guide is None]
        width = max(len(row["ids"]) for row in rows)
        pad = ac.tokenizer.pad_token_id
        input_ids = torch.tensor([[pad] * (width - len(r["ids"])) + r["ids"] for r in rows], device=ac.device)
        attention = torch.tensor([[0] * (width - len(r["ids"])) + [1] * len(r["ids"]) for r in rows], device=ac.device)
        ppo_models.use_adapter(ac, ppo_models.POLICY)
        generation = GenerationConfig(
            max_new_tokens=settings.max_new_tokens,
            do_sample=True,
            top_k=0,
            temperature=settings.temperature,
            top_p=settings.top_p,
            pad_token_id=pad,
            eos_token_id=self.stop_ids,
        )
        with self._capturing() as captured:  # the frozen prefix's output while sampling, replayed later
            output = ac.model.generate(
                input_ids=input_ids[sampled],
                attention_mask=attention[sampled],
                generation_config=generation,
                synced_gpus=ac.sharded,  # sharded layers gather in every step: all processes step until all end
            )
        replies, mask, finished = self._cut_at_stop(output[:, width:])  # [batch, reply] each
        prefix = captured.hidden(width + replies.shape[1]) if captured else None  # [batch, seq, hidden]
        if len(sampled) < len(rows):  # guide replies fill their slots; the statistics pass records the prefix
            replies, mask, finished = ppo_guides.merge(replies, mask, finished, taken, ac.tokenizer.pad_token_id)
            prefix = None
        texts = [self._text(row[: int(m.sum())]) for row, m in zip(replies.tolist(), mask)]
        return {
            "prompts": rows,
            "width": width,
            "texts": texts,
            "replies": replies,
            "mask": mask,
            "guided": torch.tensor([guide is not None for guide in taken], device=ac.device),
            "finished": finished,
            "input_ids": torch.cat([input_ids, replies], dim=1),
            "attention_mask": torch.cat([attention, mask.long()], dim=1),
            "prefix": prefix,
        }

    def _capturing(self):
        if not self.ac.prefix:
            return contextlib.nullcontext(None)
        return frozen_prefix.capture(frozen_prefix.decoder_layers(self.ac.model), self.ac.prefix)

    def _text(self, ids: list[int]) -> str:
        """A reply's text, its stop token left out (a rejected guide counts as ended but has none)."""
        ids = ids[:-1] if ids and ids[-1] in self.stop_ids else ids
        return self.ac.tokenizer.decode(ids, skip_special_tokens=True).strip()

    def _cut_at_stop(self, generated: torch.Tensor):
        """Keep each reply up to and including its first stop token; pad the rest."""
        is_stop = torch.isin(generated, torch.tensor(self.stop_ids, device=generated.device))
        seen_stop_before = (is_stop.cumsum(-1) - is_stop.long()) > 0
        mask = (~seen_stop_before).float()  # [batch, reply]
        finished = is_stop.any(-1)
        length = int(mask.sum(-1).max())
        replies = generated.masked_fill(mask == 0, self.ac.tokenizer.pad_token_id)[:, :length]
        return replies, mask[:, :length], finished

    # -- 2. score --

    def score(self, batch: dict) -> tuple[torch.Tensor, dict]:
        """Final score per reply [batch], and its parts for the log: means over the policy's own samples."""
        settings, device = self.settings, self.ac.device
        messages = [row["messages"] for row in batch["prompts"]]
        total = torch.zeros(len(messages), device=device)
        own = ~batch["guided"] if "guided" in batch else torch.ones(len(messages), dtype=torch.bool, device=device)
        parts = {}
        if self.reward is not None:
            raw = torch.tensor(self.reward.score(messages, batch["texts"], self.config.train.batch_size), device=device)
            gathered, sampled = gather(raw), gather(own.float()).bool()
            logged = gathered[sampled]
            parts.update(reward=float(logged.mean()), reward_std=float(logged.std(unbiased=False)))
            if settings.normalize_rewards:
                self.moments.update(gathered.cpu())
                raw = (raw - self.moments.mean) / max(self.moments.std, 1e-6)
            if settings.reward_clip:
                raw = raw.clamp(-settings.reward_clip, settings.reward_clip)
            total += raw
        for name, values, weight in self.rule_values(batch):
            parts[f"rule/{name}"] = mean_over_processes(float(values[own].mean()))
            total += weight * values
        lengths = batch["mask"].sum(-1)
        total -= settings.missing_eos_penalty * (~batch["finished"]).float() + settings.length_penalty * lengths
        parts.update(
            score=mean_over_processes(float(total[own].mean())),
            reply_length=mean_over_processes(float(lengths[own].mean())),
            eos_fraction=mean_over_processes(float(batch["finished"][own].float().mean())),
        )
        if settings.group_baseline:
            total = leave_one_out(total, settings.samples_per_prompt)
        return total, parts

    def rule_values(self, batch: dict):
        """(name, values `[batch]`, weight) of each rule reward on the rollout's replies."""
        for name, function, weight in self.rules:
            values = [
                float(function(row["messages"], text, metadata=row["metadata"]))
                for row, text in zip(batch["prompts"], batch["texts"])
            ]
            yield name, torch.tensor(values, device=self.ac.device), weight

    # -- 3./4. statistics of the rollout --

    def statistics(self, batch: dict, **passes) -> dict:
        """`rollout_statistics` over the rollout in micro-batches; `passes` picks them (GRPO leaves some out)."""
        size, parts = self.config.train.batch_size, []
        for start in range(0, len(batch["texts"]), size):
            rows = slice(start, start + size)
            prefix = batch["prefix"][rows] if batch["prefix"] is not None else None
            parts.append(
                ppo_models.rollout_statistics(
                    self.ac,
                    batch["input_ids"][rows],
                    batch["attention_mask"][rows],
                    batch["replies"][rows],
                    batch["width"],
                    self.settings.temperature,
                    prefix,
                    **passes,
                )
            )
        return {
            key: torch.cat([part[key] for part in parts]) if parts[0][key] is not None else None for key in parts[0]
        }

    # -- 5. update --

    def update(self, batch: dict, stats: dict, advantages: torch.Tensor, returns: torch.Tensor) -> dict:
        settings = self.settings
        n = len(batch["texts"])
        totals = {"policy_loss": 0.0, "value_loss": 0.0, "clipfrac": 0.0, "value_clipfrac": 0.0, "approx_kl": 0.0}
        updates, epochs_run = 0, 0
        for _ in range(settings.ppo_epochs):
            epoch_kl, epoch_updates = 0.0, 0
            order = torch.randperm(n)
            for start in range(0, n, self.minibatch):
                figures = self._minibatch(batch, stats, advantages, returns, order[start : start + self.minibatch])
                for key in totals:
                    totals[key] += figures[key]
                epoch_kl += figures["approx_kl"]
                updates, epoch_updates = updates + 1, epoch_updates + 1
            epochs_run += 1
            mean_kl = mean_over_processes(epoch_kl / epoch_updates)
            if settings.approx_kl_stop and mean_kl > settings.approx_kl_stop:
                break
        result = {key: mean_over_processes(value / updates) for key, value in totals.items()}
        return {**result, "epochs_run": epochs_run, "lr": self.scheduler.get_last_lr()[0]}

    def _minibatch(self, batch, stats, advantages, returns, indices) -> dict:
        settings, train = self.settings, self.config.train
        figures = {"policy_loss": 0.0, "value_loss": 0.0, "clipfrac": 0.0, "value_clipfrac": 0.0, "approx_kl": 0.0}
        micro = [indices[i : i + train.batch_size] for i in range(0, len(indices), train.batch_size)]
        for rows in micro:  # policy then value, each backpropagated at once: one pass's activations alive
            inputs = (batch["input_ids"][rows], batch["attention_mask"][rows])
            prefix = stats["prefix"][rows] if stats["prefix"] is not None else None
            mask = batch["mask"][rows]
            logps, entropy = ppo_models.policy_logps(
                self.ac,
                *inputs,
                batch["replies"][rows],
                batch["width"],
                settings.temperature,
                prefix,
                bool(settings.entropy_coef),
            )
            policy_loss, clipfrac, approx_kl = ppo_policy_loss(
                logps, stats["logps"][rows], advantages[rows], mask, settings.clip_range
            )
            loss = (
                policy_loss - settings.entropy_coef * masked_mean(entropy, mask)
                if settings.entropy_coef
                else policy_loss
            )
            (loss / len(micro)).backward()
            values = ppo_models.value_estimates(self.ac, *inputs, batch["width"], prefix)
            value_loss, value_clipfrac = ppo_value_loss(
                values, stats["values"][rows], returns[rows], mask, settings.value_clip_range
            )
            (settings.value_coef * value_loss / len(micro)).backward()
            for key, value in (
                ("policy_loss", policy_loss),
                ("value_loss", value_loss),
                ("clipfrac", clipfrac),
                ("value_clipfrac", value_clipfrac),
                ("approx_kl", approx_kl),
            ):
                figures[key] += float(value.detach()) / len(micro)
        average_and_clip(self.ac.trainable, train.max_grad_norm)
        self._guard()
        self.optimizer.step()
        self.scheduler.step()
        self.optimizer.zero_grad(set_to_none=True)
        return figures

    # -- 6. log --

    def log(self, metrics: dict) -> None:
        samples = metrics.pop("samples")
        record = {
            "step": self.iteration,
            **{key: round(value, 6) if isinstance(value, float) else value for key, value in metrics.items()},
        }
        self.history.append(record)
        if not is_main_process():
            return
        with open(self.stage_dir / "metrics.jsonl", "a", encoding="utf-8") as handle:
            handle.write(json.dumps(record) + "\n")
        self.trackers.log(record, self.iteration)
        every = self.config.train.logging_steps
        if self.iteration % every and self.iteration not in (1, self.total):
            return
        print(
            f"[{self.STAGE}] {self.iteration}/{self.total} "
            + " ".join(f"{key} {record[key]:.4g}" for key in self.SHOWN if isinstance(record.get(key), (int, float))),
            flush=True,
        )
        kept = samples[: self.settings.log_samples]
        with open(self.stage_dir / "samples.jsonl", "a", encoding="utf-8") as handle:
            for sample in kept:
                handle.write(json.dumps({"step": self.iteration, **sample}) + "\n")
        for sample in kept:
            print(f"[{self.STAGE}]   {sample['prompt'][:70]!r} -> {sample['reply'][:90]!r} (score {sample['score']})")

    def summary(self) -> dict:
        """Headline figures: first and last iteration's reward, KL, reply length; iterations run."""
        if not self.history:
            return {"steps": self.iteration}
        first, last = self.history[0], self.history[-1]
        figures = {"steps": self.iteration, "final_kl": last.get("kl"), "final_reply_length": last.get("reply_length")}
        for key in ("reward", "score"):
            if key in first:
                figures[f"first_{key}"], figures[f"final_{key}"] = first[key], last[key]
        return figures


class Clock:
    """Seconds per phase of an iteration, logged as `seconds/<phase>`: where the time goes."""

    def __init__(self):
        self.seconds = {}

    def __call__(self, phase: str, function, *args):
        started = time.perf_counter()
        result = function(*args)
        self.seconds[f"seconds/{phase}"] = round(time.perf_counter() - started, 3)
        return result


def _flat(tree: dict, prefix: str = "") -> dict:
    """A nested config as `{"ppo.kl_coef": 0.05, ...}`: the parameters a tracker records."""
    flat = {}
    for key, value in tree.items():
        if isinstance(value, dict) and value:
            flat.update(_flat(value, f"{prefix}{key}."))
        else:
            flat[f"{prefix}{key}"] = value
    return flat
