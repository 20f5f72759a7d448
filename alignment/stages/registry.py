"""The stage registry: the one table of stages that the pipeline, the `alignment` command and the
recipes read. A stage is a name, its config class and the module whose `run(config, callbacks)`
returns a `StageResult`.

The module is named, not imported: importing a stage imports torch, transformers and TRL (seconds),
so a command imports only the stage it runs, and only once its config is valid.

    from alignment.stages.registry import STAGES
    STAGES["dpo"].run(config)      # imports alignment.stages.dpo, then calls its run()
"""

from __future__ import annotations

import importlib
from dataclasses import dataclass

from alignment.config import (
    DPOConfig,
    EvalConfig,
    GRPOConfig,
    KTOConfig,
    ORPOConfig,
    PipelineConfig,
    PPOConfig,
    RewardConfig,
    SFTConfig,
)


@dataclass(frozen=True)
class Stage:
    name: str
    """The stage's name: its command (`alignment <name>`), its pipeline entry and its `<run_dir>/<name>/`."""
    config: type
    """The config dataclass its YAML file is read into."""
    module: str
    """The module whose `run(config, callbacks=None) -> StageResult` runs it."""
    summary: str
    """One line for `alignment --help` and the docs."""
    overrides: tuple[str, ...] = ()
    """Dotted overrides the command line always applies (what makes the judge a judge)."""

    def run(self, config, callbacks: list | None = None):
        """Run it under the lock of the directory it writes (`core/run_lock.py`): one run at a time."""
        from alignment.core.distributed import refuse_unshardable
        from alignment.core.run_lock import run_lock

        refuse_unshardable(self.name)  # before anything is written
        with run_lock(config.out if isinstance(config, EvalConfig) else config.run_dir):
            return importlib.import_module(self.module).run(config, callbacks=callbacks)


STAGES: dict[str, Stage] = {
    stage.name: stage
    for stage in (
        Stage("sft", SFTConfig, "alignment.stages.sft", "supervised fine-tuning on chats"),
        Stage(
            "judge",
            RewardConfig,
            "alignment.stages.judge",
            "an independent reward model on the judge part of the data",
            overrides=("data.judge_split.part=judge",),
        ),
        Stage("reward", RewardConfig, "alignment.stages.reward", "a Bradley-Terry reward model on preference pairs"),
        Stage(
            "dpo",
            DPOConfig,
            "alignment.stages.dpo",
            "DPO / IPO / SimPO on preference pairs, optionally on-policy rounds",
        ),
        Stage("kto", KTOConfig, "alignment.stages.kto", "KTO on unpaired rows (or pairs split into rows)"),
        Stage("orpo", ORPOConfig, "alignment.stages.orpo", "ORPO: SFT and preference in one reference-free loss"),
        Stage("ppo", PPOConfig, "alignment.stages.ppo", "PPO against a reward model and rule rewards"),
        Stage(
            "grpo",
            GRPOConfig,
            "alignment.stages.grpo",
            "GRPO / Dr. GRPO / RLOO: critic-free group RL on verifiable, rule and reward-model rewards",
        ),
        Stage("eval", EvalConfig, "alignment.eval.runner", "the eval suite: helpfulness, safety, side-by-side report"),
    )
}
"""Every stage the `alignment` command runs, in pipeline order; a pipeline lists those its config has a
section for (`config/pipeline.py`)."""

TRAINING_STAGES = tuple(name for name in STAGES if name != "eval")

PIPELINE = Stage("pipeline", PipelineConfig, "alignment.pipeline", "chain the stages above in one run directory")
"""Not a stage itself: the command that runs a list of them."""
