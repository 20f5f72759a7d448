"""Child process for stage tests: run one stage from overrides, optionally SIGKILL itself.

    python tests/helpers/stage_child.py STAGE [--kill-at-step N | --disk-full-after-save N] key=value ...
                                                                         (sft, reward, dpo, kto, orpo, grpo, ppo)

`--kill-at-step N` sends SIGKILL to this process when step N ends (before any checkpoint of
step N), which is what a power cut or OOM killer does: no cleanup code runs. GRPO and PPO run no
Trainer: their loop is killed once iteration N is logged, before that iteration's checkpoint.

`--disk-full-after-save N` makes every file write after step N's checkpoint fail as a full disk does
(OSError ENOSPC from torch.save and safetensors' save_file, what a checkpoint writes with).
"""

import errno
import importlib
import os
import signal
import sys

from transformers import TrainerCallback

from alignment.cli.main import run_stage
from alignment.config import DPOConfig, GRPOConfig, KTOConfig, ORPOConfig, PPOConfig, RewardConfig, SFTConfig

CONFIGS = {
    "sft": SFTConfig,
    "reward": RewardConfig,
    "dpo": DPOConfig,
    "kto": KTOConfig,
    "orpo": ORPOConfig,
    "grpo": GRPOConfig,
    "ppo": PPOConfig,
}


class KillAt(TrainerCallback):
    def __init__(self, step: int):
        self.step = step

    def on_step_end(self, args, state, control, **kwargs):
        if state.global_step == self.step:
            os.kill(os.getpid(), signal.SIGKILL)


class DiskFullAfterSave(TrainerCallback):
    def __init__(self, step: int):
        self.step = step

    def on_save(self, args, state, control, **kwargs):
        if state.global_step != self.step:
            return
        import safetensors.torch
        import torch

        def full(*args, **kwargs):
            raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC), str(args[1]) if len(args) > 1 else None)

        torch.save = safetensors.torch.save_file = full


def _kill_loop_at(loop_class, iteration: int) -> None:
    log = loop_class.log

    def log_then_kill(loop, metrics):
        log(loop, metrics)
        if loop.iteration == iteration:
            os.kill(os.getpid(), signal.SIGKILL)

    loop_class.log = log_then_kill


def main(stage: str, argv: list[str]) -> int:
    callbacks = []
    module = importlib.import_module(f"alignment.stages.{stage}")
    if argv[:1] == ["--kill-at-step"]:
        if stage in ("grpo", "ppo"):  # no Trainer: the loop is killed once iteration N is logged
            _kill_loop_at(
                module.GRPOLoop if stage == "grpo" else importlib.import_module(f"{module.__name__}.loop").Loop,
                int(argv[1]),
            )
        callbacks.append(KillAt(int(argv[1])))
        argv = argv[2:]
    if argv[:1] == ["--disk-full-after-save"]:
        callbacks.append(DiskFullAfterSave(int(argv[1])))
        argv = argv[2:]
    return run_stage(CONFIGS[stage], lambda config: module.run(config, callbacks=callbacks), argv)


if __name__ == "__main__":
    sys.exit(main(sys.argv[1], sys.argv[2:]))
