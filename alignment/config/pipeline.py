"""The pipeline's config: every stage's section in one run directory, and the keys the pipeline fills in.

`PipelineConfig` (re-exported by `alignment.config`) checks the stage list and sets what chains the
stages: run_dir, the model each stage starts from, PPO's reward model, the judge split copied into
every training stage, and the eval stage's models, judge and report dir (`alignment/pipeline.py` runs it).
"""

from __future__ import annotations

import dataclasses
import typing
from dataclasses import dataclass, field
from pathlib import Path
from typing import Literal

from alignment.config.eval import EvalConfig
from alignment.config.loader import to_dict
from alignment.config.stages import (
    DEFAULT_MODEL,
    DPOConfig,
    GRPOConfig,
    JudgeSplit,
    KTOConfig,
    ORPOConfig,
    PPOConfig,
    RewardConfig,
    SFTConfig,
    StageJudgeSplit,
)
from alignment.core.errors import ConfigError

PipelineStage = Literal["sft", "judge", "reward", "dpo", "kto", "orpo", "ppo", "grpo", "eval"]


@dataclass
class PipelineJudgeSplit(JudgeSplit):
    fraction: float = 0.2
    """Share of prompts only the judge stage reads (applied when stages lists judge; 0 < fraction < 1)."""


@dataclass
class PipelineConfig:
    """Several stages in one run directory, chained by artifact path (`alignment/pipeline.py`).

    Each stage section is that stage's own config, the same keys as its standalone recipe, except
    two the pipeline sets: `run_dir` (this run_dir, so stages write `<run_dir>/<stage>/`) and, for
    every stage after sft when sft is listed, `model.name_or_path` (`<run_dir>/sft`, its merged
    model). Leave those two out of the sections; setting them is an error. With reward and ppo
    listed, an empty `ppo.reward_model` becomes `<run_dir>/reward`."""

    run_dir: str = "runs/pipeline"
    """Run directory: each stage writes `<run_dir>/<stage>/`, the lineage goes to `<run_dir>/pipeline.json`."""
    stages: list[PipelineStage] = field(default_factory=lambda: ["sft", "reward", "dpo"])
    """Stages to run, in order (sft first; the later ones start from its output)."""
    judge_split: PipelineJudgeSplit = field(default_factory=PipelineJudgeSplit)
    """The prompts only the judge stage reads, by seeded hash (`alignment/data/judge_split.py`); with judge listed."""
    sft: SFTConfig = field(default_factory=SFTConfig)
    """Supervised fine-tuning (the sft stage's config, without run_dir)."""
    judge: RewardConfig = field(default_factory=RewardConfig)
    """Independent judge: a reward model on the judge part only, from the base model (the reward stage's config)."""
    reward: RewardConfig = field(default_factory=RewardConfig)
    """Reward model (the reward stage's config, without run_dir; its backbone is the SFT model)."""
    dpo: DPOConfig = field(default_factory=DPOConfig)
    """DPO (the dpo stage's config, without run_dir; policy and reference start from the SFT model)."""
    kto: KTOConfig = field(default_factory=KTOConfig)
    """KTO (the kto stage's config, without run_dir; policy and reference start from the SFT model)."""
    orpo: ORPOConfig = field(default_factory=ORPOConfig)
    """ORPO (the orpo stage's config, without run_dir; starts from the SFT model when sft is listed)."""
    ppo: PPOConfig = field(default_factory=PPOConfig)
    """PPO (the ppo stage's config, without run_dir; starts from the SFT model, rewarded by this run's reward stage)."""
    grpo: GRPOConfig = field(default_factory=GRPOConfig)
    """GRPO (the grpo stage's config, without run_dir; starts from the SFT model; rewards as grpo.grpo names them)."""
    eval: EvalConfig = field(default_factory=EvalConfig)
    """Eval harness (without out; models default to base and this run's policies, the judge to its judge)."""

    def __post_init__(self):
        """Check the stage list and fill in the keys the pipeline owns, so the resolved config
        (`--print-config`, `<run_dir>/pipeline_config.yaml`) shows what each stage really gets."""
        order = list(typing.get_args(PipelineStage))
        if (
            not self.stages
            or len(set(self.stages)) != len(self.stages)
            or self.stages != sorted(self.stages, key=order.index)
        ):
            raise ConfigError(f"stages: {self.stages} must list each stage once, in the order {', '.join(order)}")
        sft_output = str(Path(self.run_dir) / "sft")
        for name in order[:-1]:  # the training stages; eval is filled in below
            section = getattr(self, name)
            default_run_dir = next(f.default for f in dataclasses.fields(section) if f.name == "run_dir")
            if section.run_dir not in (default_run_dir, self.run_dir):
                raise ConfigError(
                    f"{name}.run_dir: the pipeline writes every stage under run_dir "
                    f"({self.run_dir}); remove {name}.run_dir"
                )
            section.run_dir = self.run_dir
            if name == "judge":
                self._judge_model(sft_output)
            elif name != "sft" and "sft" in self.stages:
                if section.model.name_or_path not in (DEFAULT_MODEL, sft_output):
                    raise ConfigError(
                        f"{name}.model.name_or_path: the pipeline starts {name} from the sft output "
                        f"({sft_output}); remove the key, or leave sft out of stages"
                    )
                section.model.name_or_path = sft_output
        if "ppo" in self.stages and "reward" in self.stages and not self.ppo.ppo.reward_model:
            self.ppo.ppo.reward_model = str(Path(self.run_dir) / "reward")
        self._fill_judge_split()
        if "sft" in self.stages and self.stages != ["sft"] and not self.sft.merge:
            raise ConfigError("sft.merge: the later stages load the merged SFT model; set it to true")
        self._fill_eval()

    def _judge_model(self, sft_output: str) -> None:
        """The judge starts from the base SFT started from: a judge fine-tuned from the SFT policy would
        descend from a model it judges (and from the SFT data), so its verdicts would not be independent."""
        if self.judge.model.name_or_path == sft_output:
            raise ConfigError(
                f"judge.model.name_or_path: the judge must not start from the sft output ({sft_output}), "
                "a model it judges; remove the key (the judge then starts from sft's base model)"
            )
        if "sft" in self.stages and self.judge.model.name_or_path == DEFAULT_MODEL:
            self.judge.model.name_or_path = self.sft.model.name_or_path

    def _fill_judge_split(self) -> None:
        """Copy the pipeline's judge_split into every training stage (the judge reads part judge)."""
        sections = {
            "sft": self.sft.data,
            "judge": self.judge.data,
            "reward": self.reward.data,
            "dpo": self.dpo.data,
            "kto": self.kto.data,
            "orpo": self.orpo.data,
            "ppo": self.ppo.data,
            "grpo": self.grpo.data,
        }
        for name, data in sections.items():  # a resolved config (pipeline_config.yaml) already holds the values
            allowed = [to_dict(StageJudgeSplit())] + ([self._stage_split(name)] if "judge" in self.stages else [])
            if to_dict(data.judge_split) not in allowed:
                raise ConfigError(
                    f"{name}.data.judge_split: the pipeline sets it from the top-level judge_split; "
                    "remove it and set judge_split (fraction, seed) instead"
                )
        if "judge" not in self.stages:
            return
        if self.judge_split.fraction <= 0:
            raise ConfigError(
                "judge_split.fraction: stages lists judge, so some prompts must be set aside for it; "
                "set a fraction in (0, 1) such as 0.2"
            )
        for name, data in sections.items():
            data.judge_split = StageJudgeSplit(**self._stage_split(name))
        for name in ("ppo", "grpo"):  # the probe samples: proxy vs gold reward
            if name in self.stages and not getattr(self, name).dynamics.judge:
                getattr(self, name).dynamics.judge = str(Path(self.run_dir) / "judge")

    def _stage_split(self, name: str) -> dict:
        return {
            "fraction": self.judge_split.fraction,
            "seed": self.judge_split.seed,
            "part": "judge" if name == "judge" else "rest",
        }

    def _fill_eval(self) -> None:
        """eval.out is `<run_dir>/eval`; empty eval.models become the run's models (base = the model
        SFT started from, then each listed policy stage), a model given as a listed stage's name
        (sft, dpo, ppo) that stage's output, and an empty eval.judge its judge stage (else its reward
        model, which the report then marks)."""
        run_dir = Path(self.run_dir)
        default_out = next(f.default for f in dataclasses.fields(EvalConfig) if f.name == "out")
        if self.eval.out not in (default_out, str(run_dir / "eval")):
            raise ConfigError(f"eval.out: the pipeline writes the eval report to {run_dir / 'eval'}; remove eval.out")
        self.eval.out = str(run_dir / "eval")
        policies = ("sft", "dpo", "kto", "orpo", "ppo", "grpo")
        if not self.eval.models:
            first = next((name for name in policies if name in self.stages), None)
            models = {"base": getattr(self, first).model.name_or_path} if first else {}
            self.eval.models = {**models, **{name: str(run_dir / name) for name in policies if name in self.stages}}
        else:  # a stage name (sft, dpo, ppo) listed in stages is that stage's output in this run
            self.eval.models = {
                label: str(run_dir / spec) if spec in policies and spec in self.stages else spec
                for label, spec in self.eval.models.items()
            }
        if not self.eval.judge and "judge" in self.stages:  # independent of every policy: the default
            self.eval.judge = str(run_dir / "judge")
        elif not self.eval.judge and "reward" in self.stages:  # the report marks this judge (eval/independence.py)
            self.eval.judge = str(run_dir / "reward")
        if "eval" in self.stages and not self.eval.models:
            raise ConfigError(
                "eval.models: nothing to evaluate; list sft, dpo, kto, orpo, ppo or grpo in stages, or set eval.models"
            )
