"""Reward model (LoRA + a one-output score head) on preference pairs, with held-out accuracy per subset.

Launch (one CPU process):
    accelerate launch --config_file recipes/accelerate/cpu.yaml recipes/reward.py --config recipes/smollm2-135m/reward_lora.yaml

Two CPU processes, a GPU, several GPUs: swap the --config_file for another file in
recipes/accelerate/ (cpu_ddp.yaml, gpu.yaml, ddp.yaml, ...); an 8B reward model with QLoRA on one
GPU: --config recipes/llama3-8b/reward_qlora.yaml. Any key can be overridden on the command line,
e.g. `train.max_steps=4 run_dir=runs/try`; `--print-config` prints the resolved config and exits.
Writes `<run_dir>/reward/` (see alignment/stages/reward.py), including eval.json; score with
`alignment score --model <run_dir>/reward --data FILE --out scores.jsonl`. Rerun the same
command after an interruption to resume.
"""

import sys

from alignment.cli.main import run_registered

if __name__ == "__main__":
    sys.exit(run_registered("reward", prog="recipes/reward.py"))
