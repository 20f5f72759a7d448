"""ORPO stage: odds-ratio preference optimisation (Hong et al. 2024, arXiv:2403.07691), SFT and
preference in one loss, with no reference model, from a base or an instruct model.

    run(config: ORPOConfig) -> StageResult

The loss (`alignment.losses.orpo_loss`) is the chosen reply's NLL per token plus lambda x
-log sigmoid(log odds(chosen) - log odds(rejected)). Everything else, pairs, LoRA, training,
held-out implicit-reward accuracy (beta * logp / |y|), resume, dynamics, the model card, is the DPO
stage's (`stages/dpo/offline.py`), run on `config.as_dpo_config()` (`dpo.loss: orpo`); the stage
writes `<run_dir>/orpo/` and records the ORPO config itself.

    alignment orpo --config recipes/smollm2-135m/orpo_lora.yaml
"""

from __future__ import annotations

from alignment.config import ORPOConfig
from alignment.core.provenance import StageResult
from alignment.stages.dpo import offline

STAGE = "orpo"


def run(config: ORPOConfig, callbacks: list | None = None) -> StageResult:
    return offline.run(config.as_dpo_config(), callbacks, stage=STAGE, record_config=config)
