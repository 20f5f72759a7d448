"""Typed configs and the strict loader, as one import: `from alignment.config import DPOConfig, load_config`.

- `stages.py`    the stage configs (one tree of dataclasses per stage over the `StageConfig` base)
- `pipeline.py`  the pipeline config (every stage section plus the keys that chain them)
- `eval.py`      the eval suite config
- `loader.py`    YAML + dotted overrides -> dataclasses, strict: a typo names the key and the nearest valid one
- `ranges.py`    the allowed range of every numeric value, checked by the loader
"""

from alignment.config.eval import EvalConfig
from alignment.config.loader import from_dict, load_config, save_config, to_dict, to_yaml
from alignment.config.pipeline import PipelineConfig, PipelineJudgeSplit, PipelineStage
from alignment.config.stages import (
    DEFAULT_MODEL,
    AdapterConfig,
    DataSourceConfig,
    DPOConfig,
    DPOSettings,
    DynamicsConfig,
    GRPOConfig,
    GRPOSettings,
    JudgeSplit,
    KTOConfig,
    KTODataConfig,
    KTOSettings,
    ModelConfig,
    OnlineDPOSettings,
    ORPOConfig,
    ORPOSettings,
    PPOConfig,
    PPOSettings,
    PreferenceDataConfig,
    PreferenceFormat,
    PromptDataConfig,
    PromptSourceConfig,
    RewardConfig,
    RewardSettings,
    SFTConfig,
    SFTDataConfig,
    SFTSourceConfig,
    StageConfig,
    StageJudgeSplit,
    TrainConfig,
)

__all__ = [
    "DEFAULT_MODEL",
    "AdapterConfig",
    "DataSourceConfig",
    "DPOConfig",
    "DPOSettings",
    "DynamicsConfig",
    "EvalConfig",
    "GRPOConfig",
    "GRPOSettings",
    "JudgeSplit",
    "KTOConfig",
    "KTODataConfig",
    "KTOSettings",
    "ModelConfig",
    "OnlineDPOSettings",
    "ORPOConfig",
    "ORPOSettings",
    "PipelineConfig",
    "PipelineJudgeSplit",
    "PipelineStage",
    "PPOConfig",
    "PPOSettings",
    "PreferenceDataConfig",
    "PreferenceFormat",
    "PromptDataConfig",
    "RewardConfig",
    "RewardSettings",
    "SFTConfig",
    "SFTDataConfig",
    "SFTSourceConfig",
    "PromptSourceConfig",
    "StageConfig",
    "StageJudgeSplit",
    "TrainConfig",
    "from_dict",
    "load_config",
    "save_config",
    "to_dict",
    "to_yaml",
]
