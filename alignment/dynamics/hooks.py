"""Where the stages meet `alignment/dynamics/probes.py`: their probe sets, and the Trainer callback.

    sft_probes(tokenizer, rows, config)         held-out (chat, user text): prompt + the reference reply as chosen
    pair_probes(tokenizer, pairs, config)       held-out preference pairs: prompt, chosen, rejected
    prompt_probes(tokenizer, prompts, config)   PPO prompt rows, with their chosen / rejected if any
    DynamicsCallback(...)                        probes an SFT / DPO / KTO / ORPO Trainer run and guards
                                                 it against non-finite gradients (with probing off too)
    non_finite_guard(stage, stage_dir)           the guard alone, for a stage that is not probed (reward)
    stop_if_non_finite(callback, stage, stage_dir)  the error a stopped run ends with

`dynamics.probe_files` replaces a stage's own probe source. Probing needs the whole model in one
process, so it is off under FSDP and DeepSpeed (said once at the start).
"""

from __future__ import annotations

import json
from pathlib import Path

from transformers import TrainerCallback

from alignment.config import DynamicsConfig
from alignment.core.checkpoints import latest_complete_checkpoint
from alignment.core.distributed import is_main_process
from alignment.core.errors import AlignmentError
from alignment.data.chat import IGNORE
from alignment.dynamics import probes as dynamics
from alignment.models.generation import stop_token_ids


def sft_probes(tokenizer, rows: list[tuple[dict, str]], config: DynamicsConfig) -> list[dynamics.Probe]:
    """From (tokenised chat, its last user message) pairs: the prompt is everything before the last
    assistant reply, the chosen text that reply (the tokens SFT trains on), and the page shows the
    user's message (decoding the prompt tokens would end on the template's `assistant` header)."""
    if config.probe_files:
        return dynamics.probes_from_files(config.probe_files, tokenizer, config.probes, config.seed)
    probes = []
    for index in dynamics.sample(len(rows), config.probes, config.seed):
        (row, user_text) = rows[index]
        ids, labels = row["input_ids"], row["labels"]
        end = max(i for i, label in enumerate(labels) if label != IGNORE) + 1
        start = end
        while start > 0 and labels[start - 1] != IGNORE:
            start -= 1
        probes.append(dynamics.Probe(f"p{index}", user_text, list(ids[:start]), chosen_ids=list(ids[start:end])))
    return probes


def pair_probes(tokenizer, pairs: list, config: DynamicsConfig) -> list[dynamics.Probe]:
    """From `PreferencePair`s (prompt, chosen and rejected as messages)."""
    if config.probe_files:
        return dynamics.probes_from_files(config.probe_files, tokenizer, config.probes, config.seed)
    return [
        dynamics.probe_from_messages(
            tokenizer,
            f"p{index}",
            pairs[index].prompt,
            pairs[index].chosen[-1]["content"],
            pairs[index].rejected[-1]["content"],
        )
        for index in dynamics.sample(len(pairs), config.probes, config.seed)
    ]


def kto_probes(tokenizer, rows: list, config: DynamicsConfig) -> list[dynamics.Probe]:
    """From `KTOExample`s grouped by prompt: a prompt's (first) desirable completion is the probe's chosen
    reply and its undesirable one the rejected reply; a prompt with rows of one label only has one."""
    if config.probe_files:
        return dynamics.probes_from_files(config.probe_files, tokenizer, config.probes, config.seed)
    prompts: dict[str, dict] = {}
    for row in rows:
        entry = prompts.setdefault(json.dumps(row.prompt, sort_keys=True), {"prompt": row.prompt})
        entry.setdefault("chosen" if row.label else "rejected", row.completion[-1]["content"])
    grouped = list(prompts.values())
    return [
        dynamics.probe_from_messages(
            tokenizer,
            f"p{index}",
            grouped[index]["prompt"],
            grouped[index].get("chosen"),
            grouped[index].get("rejected"),
        )
        for index in dynamics.sample(len(grouped), config.probes, config.seed)
    ]


def prompt_probes(tokenizer, prompts: list[dict], config: DynamicsConfig) -> list[dynamics.Probe]:
    """From PPO prompt rows ({messages, references}); PPO has no held-out split, so these are a seeded
    sample of its own prompts unless `dynamics.probe_files` names others."""
    if config.probe_files:
        return dynamics.probes_from_files(config.probe_files, tokenizer, config.probes, config.seed)
    return [
        dynamics.probe_from_messages(
            tokenizer,
            f"p{index}",
            prompts[index]["messages"],
            prompts[index]["references"].get("chosen"),
            prompts[index]["references"].get("rejected"),
        )
        for index in dynamics.sample(len(prompts), config.probes, config.seed)
    ]


def sharded(args) -> bool:
    """FSDP or DeepSpeed, set in the TrainingArguments or by `accelerate launch --config_file fsdp.yaml`."""
    from accelerate import PartialState
    from accelerate.utils import DistributedType

    launched = PartialState().distributed_type in (DistributedType.FSDP, DistributedType.DEEPSPEED)
    return launched or bool(getattr(args, "fsdp", None)) or bool(getattr(args, "deepspeed", None))


class DynamicsCallback(TrainerCallback):
    """Probes at step 0, every `dynamics.every` steps and the last step (rank 0); on every rank,
    a NaN/inf gradient drops that step's gradients (so the optimizer leaves the weights as they
    are), stops training and skips the save, so the last complete checkpoint stays the newest."""

    def __init__(self, stage: str, config: DynamicsConfig, stage_dir: Path, tokenizer, probes: list, beta: float = 1.0):
        self.stage, self.config, self.stage_dir, self.tokenizer = stage, config, Path(stage_dir), tokenizer
        self.probes, self.beta = probes, beta
        self.recorder: dynamics.Recorder | None = None
        self.stopped_at: int | None = None
        self.guard, self.loss = config.stop_on_non_finite, None  # with probing off too

    def on_train_begin(self, args, state, control, model=None, **kwargs):
        if sharded(args):
            self.guard = False
            if self.config.enabled and is_main_process():
                print(
                    f"[{self.stage}] dynamics: off under FSDP / DeepSpeed (probing needs the whole model in one "
                    "process)",
                    flush=True,
                )
            return
        if not (self.config.enabled and state.is_world_process_zero and self.probes):
            return
        self.recorder = dynamics.Recorder(
            self.stage,
            self.config,
            self.stage_dir,
            model,
            self.tokenizer,
            self.probes,
            stop_token_ids(model, self.tokenizer),
            state.max_steps,
            beta=self.beta,
            batch_size=args.per_device_eval_batch_size,
        )
        self.recorder.begin(state.global_step)

    def on_pre_optimizer_step(self, args, state, control, model=None, **kwargs):
        step = state.global_step + 1  # the step this update completes
        if self.guard and not dynamics.finite_gradients(model.parameters()):
            for parameter in model.parameters():
                parameter.grad = None  # AdamW skips tensors without a gradient: the weights stay as they are
            self.stopped_at = step
            control.should_training_stop = True
            if self.recorder:
                self.recorder.warn(
                    step,
                    "non_finite_loss",
                    "a gradient became NaN or inf; training stopped before the optimizer applied it",
                )
            return control
        if self.recorder and self.recorder.due(step):
            self.recorder.gradients()
        return control

    def on_log(self, args, state, control, logs=None, **kwargs):
        if logs and "loss" in logs:
            self.loss = logs["loss"]

    def on_step_end(self, args, state, control, **kwargs):
        if self.stopped_at is not None:
            control.should_save = False  # the weights are good, but the run is not: keep the last checkpoint
            return control
        if self.recorder and self.recorder.due(state.global_step):
            self.recorder.check(state.global_step, loss=self.loss)
        return control

    def on_train_end(self, args, state, control, **kwargs):
        if self.recorder:
            self.recorder.finish(state.global_step)


def non_finite_guard(stage: str, stage_dir: Path) -> DynamicsCallback:
    """A DynamicsCallback that only guards: no probes, nothing written unless it stops the run."""
    return DynamicsCallback(stage, DynamicsConfig(enabled=False), stage_dir, tokenizer=None, probes=[])


def stop_if_non_finite(callback: DynamicsCallback | None, stage: str, stage_dir: Path) -> None:
    """Raise when the callback stopped the run: nothing is saved as the stage's output."""
    if callback is not None and callback.stopped_at is not None:
        raise non_finite_error(stage, stage_dir, callback.stopped_at)


def non_finite_error(stage: str, stage_dir: Path, step: int) -> AlignmentError:
    checkpoint = latest_complete_checkpoint(Path(stage_dir) / "checkpoints", clean=False)
    kept = f"the last good checkpoint is {checkpoint}" if checkpoint else "no checkpoint had been written yet"
    return AlignmentError(
        f"[{stage}] a gradient became NaN or inf at step {step}: training stopped before applying "
        f"it and nothing was saved as the output; {kept}. Rerunning resumes from it with the same "
        "config; or check the data, or lower train.lr in a new run_dir"
    )


# ---- PPO: its own loop calls the recorder ----


def ppo_recorder(config, loop, reward, stage_dir: Path) -> dynamics.Recorder | None:
    """The PPO loop's recorder (rank 0, `dynamics.enabled`): probes from its prompts, the policy
    adapter's norms and gradients, fresh samples scored by the reward model (the proxy) and the judge
    (`dynamics.judge`, in a pipeline with a judge stage `<run_dir>/judge`: the gold reward; else the
    reward model itself, and no gold is logged)."""
    settings = config.dynamics
    if not (settings.enabled and is_main_process()):
        return None
    ac = loop.ac
    if ac.sharded:  # probes run on rank 0 alone, and sharded layers gather on every rank
        print(f"[{loop.STAGE}] dynamics: off under FSDP / DeepSpeed (probing needs the whole model in one process)")
        return None
    probes = prompt_probes(ac.tokenizer, loop.prompts, settings)
    sampling = loop.settings  # config.ppo or config.grpo
    recorder = dynamics.Recorder(
        loop.STAGE,
        settings,
        stage_dir,
        ac.model,
        ac.tokenizer,
        probes,
        loop.stop_ids,
        loop.total,
        kl_target=getattr(sampling, "target_kl", 0.0),
        batch_size=config.train.batch_size,
    )
    recorder.sampling = {
        "temperature": sampling.temperature,
        "top_p": sampling.top_p,  # as the rollouts, so
        "max_new_tokens": sampling.max_new_tokens,
    }  # their lengths compare
    batch = config.train.batch_size
    score = (lambda messages, texts: reward.score(messages, texts, batch)) if reward is not None else None
    judge = score
    if settings.judge:
        from alignment.models.reward_model import SeparateReward

        separate = SeparateReward(settings.judge, config.model.dtype)
        judge = lambda messages, texts: separate.score(messages, texts, batch)  # noqa: E731
    if score is not None or settings.judge:
        recorder.scorers = (score or judge, judge)
    return recorder


def rollout_means(history: list[dict], since: int) -> dict:
    """Means of the PPO log's rollout figures over the iterations after step `since`."""
    recent = [record for record in history if record["step"] > since]
    means = {}
    for key in ("reward", "reply_length", "kl", "entropy"):
        values = [record[key] for record in recent if isinstance(record.get(key), (int, float))]
        means[key] = sum(values) / len(values) if values else None
    return means
