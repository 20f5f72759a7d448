"""PPO with LoRA adapters against a reward model: policy, value, reference (adapters off) and, when it
was trained on the same base, the reward adapter all share one base model in memory.

Launch (one CPU process):
    accelerate launch --config_file recipes/accelerate/cpu.yaml recipes/ppo.py --config recipes/smollm2-135m/ppo_lora.yaml

The recipe starts from an SFT stage and a reward stage of the same run (`runs/quickstart/sft`,
`runs/quickstart/reward`): run the quickstart pipeline first, or point `model.name_or_path` and
`ppo.reward_model` elsewhere. Two CPU processes or GPUs: swap the --config_file (cpu_ddp.yaml,
gpu.yaml, ddp.yaml); FSDP and DeepSpeed are not supported by this stage. Any key can be overridden
on the command line, e.g. `ppo.kl_coef=0.1 train.max_steps=4 run_dir=runs/try`; `--print-config`
prints the resolved config and exits. Writes `<run_dir>/ppo/` (see alignment/stages/ppo/loop.py). Rerun
the same command after an interruption to resume.
"""

import sys

from alignment.cli.main import run_registered

if __name__ == "__main__":
    sys.exit(run_registered("ppo", prog="recipes/ppo.py"))
