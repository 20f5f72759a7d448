"""Supervised fine-tuning (LoRA by default) of a chat model on conversations.

Launch (one CPU process):
    accelerate launch --config_file recipes/accelerate/cpu.yaml recipes/sft.py --config recipes/smollm2-135m/sft_lora.yaml

Two CPU processes (real gloo DDP), a GPU, several GPUs: swap the --config_file for another file
in recipes/accelerate/ (cpu_ddp.yaml, gpu.yaml, ddp.yaml, fsdp.yaml, deepspeed_zero2.yaml, ...).
Any config key can be overridden on the command line, e.g. `train.max_steps=4 run_dir=runs/try`;
`--print-config` prints the resolved config and exits. Writes `<run_dir>/sft/` (see
alignment/stages/sft.py). Rerun the same command after an interruption to resume.
"""

import sys

from alignment.cli.main import run_registered

if __name__ == "__main__":
    sys.exit(run_registered("sft", prog="recipes/sft.py"))
