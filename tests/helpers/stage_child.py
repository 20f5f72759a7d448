"""Child process for stage tests: run one stage from overrides, optionally SIGKILL itself.

    python tests/helpers/stage_child.py STAGE [--kill-at-step N] key=value ...     (STAGE: sft, reward, dpo, kto, orpo)

`--kill-at-step N` sends SIGKILL to this process when step N ends (before any checkpoint of
step N), which is what a power cut or OOM killer does: no cleanup code runs.
"""

import importlib
import os
import signal
import sys

from transformers import TrainerCallback

from alignment.cli.main import run_stage
from alignment.config import DPOConfig, KTOConfig, ORPOConfig, RewardConfig, SFTConfig

CONFIGS = {"sft": SFTConfig, "reward": RewardConfig, "dpo": DPOConfig, "kto": KTOConfig, "orpo": ORPOConfig}


class KillAt(TrainerCallback):
    def __init__(self, step: int):
        self.step = step

    def on_step_end(self, args, state, control, **kwargs):
        if state.global_step == self.step:
            os.kill(os.getpid(), signal.SIGKILL)


def main(stage: str, argv: list[str]) -> int:
    callbacks = []
    if argv[:1] == ["--kill-at-step"]:
        callbacks.append(KillAt(int(argv[1])))
        argv = argv[2:]
    module = importlib.import_module(f"alignment.stages.{stage}")
    return run_stage(CONFIGS[stage], lambda config: module.run(config, callbacks=callbacks), argv)


if __name__ == "__main__":
    sys.exit(main(sys.argv[1], sys.argv[2:]))
