"""The DPO stage: `offline.py` trains on preference pairs from files (DPO / IPO / SimPO through TRL);
`online.py` runs on-policy rounds (sample from the policy, rank the samples, train on those pairs),
each round an offline run.

    run(config: DPOConfig) -> StageResult     # on-policy when dpo.online.rounds > 0
"""

from __future__ import annotations

from alignment.config import DPOConfig
from alignment.core.provenance import StageResult
from alignment.stages.dpo import offline, online


def run(config: DPOConfig, callbacks: list | None = None) -> StageResult:
    if config.dpo.online.rounds > 0:
        return online.run(config, callbacks)
    return offline.run(config, callbacks)
