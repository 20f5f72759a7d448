"""DPO (or IPO / SimPO) with a LoRA adapter on preference pairs; the reference is the same weights
with the adapter disabled.

Launch (one CPU process):
    accelerate launch --config_file recipes/accelerate/cpu.yaml recipes/dpo.py --config recipes/smollm2-135m/dpo_lora.yaml

Start from an SFT stage instead of the embedded base: add `model.name_or_path=runs/quickstart/sft`
(the SFT stage must have finished with merge: true). Two CPU processes, a GPU, several GPUs: swap
the --config_file for another file in recipes/accelerate/; an 8B model with QLoRA on one GPU:
--config recipes/llama3-8b/dpo_qlora.yaml. Any key can be overridden on the command line, e.g.
`dpo.loss=ipo train.max_steps=4 run_dir=runs/try`; `--print-config` prints the resolved config and
exits. Writes `<run_dir>/dpo/` (see alignment/stages/dpo/offline.py), including eval.json with the held-out
implicit-reward accuracy. Rerun the same command after an interruption to resume.
"""

import sys

from alignment.cli.main import run_registered

if __name__ == "__main__":
    sys.exit(run_registered("dpo", prog="recipes/dpo.py"))
