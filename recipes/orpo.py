"""ORPO (odds-ratio preference optimisation) with a LoRA adapter on preference pairs: SFT and
preference in one loss, no reference model, so it starts from a base or instruct model directly.

Launch (one CPU process):
    accelerate launch --config_file recipes/accelerate/cpu.yaml recipes/orpo.py --config recipes/smollm2-135m/orpo_lora.yaml

Any key can be overridden on the command line, e.g. `orpo.beta=0.2 train.max_steps=4 run_dir=runs/try`;
`--print-config` prints the resolved config and exits. Writes `<run_dir>/orpo/` (see
alignment/stages/orpo.py), including eval.json with the held-out implicit-reward accuracy. Rerun the
same command after an interruption to resume.
"""

import sys

from alignment.cli.main import run_registered

if __name__ == "__main__":
    sys.exit(run_registered("orpo", prog="recipes/orpo.py"))
