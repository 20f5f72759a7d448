"""Judge stage: an independent Bradley-Terry reward model that judges the policies' helpfulness.

    run(config: RewardConfig) -> StageResult

The reward stage's code (`stages/reward.py`) with two differences, both explicit in the config:
it reads only the judge part of the preference data (`data.judge_split.part: judge`, a seeded
share of the prompts that no other stage reads: `data/judge_split.py`), and it writes
`<run_dir>/judge/`. This is the gold model of Gao et al. 2022 (arXiv:2210.10760): the policies are
optimised against (PPO) or trained on the pairs of (DPO) the proxy reward model, never this one, so
its verdict on them is not guaranteed by construction. In a pipeline it starts from the SFT stage's
base model, not from the SFT policy (`config.PipelineConfig`). The eval stage judges with it by
default, and PPO's learning dynamics score fresh samples with it as the gold reward.

    alignment judge --config recipes/smollm2-135m/reward_lora.yaml data.judge_split.fraction=0.2
"""

from __future__ import annotations

from alignment.config import RewardConfig
from alignment.core.errors import ConfigError
from alignment.core.provenance import StageResult
from alignment.stages import reward

STAGE = "judge"


def run(config: RewardConfig, callbacks: list | None = None) -> StageResult:
    check_split(config)
    return reward.run(config, callbacks, stage=STAGE)


def check_split(config: RewardConfig) -> None:
    """A judge that read the proxy's pairs would not be independent: refuse rather than train one."""
    split = config.data.judge_split
    if split.part != "judge" or split.fraction <= 0:
        raise ConfigError(
            f"data.judge_split: the judge stage reads only the judge part of the prompts; set "
            f"data.judge_split.part=judge and a fraction in (0, 1) such as 0.2 (got part "
            f"{split.part}, fraction {split.fraction})"
        )
