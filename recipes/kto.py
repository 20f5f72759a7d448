"""KTO (Kahneman-Tversky optimisation) with a LoRA adapter on unpaired thumbs-up / thumbs-down rows,
or on preference pairs split into rows; the reference is the same weights with the adapter disabled.

Launch (one CPU process):
    accelerate launch --config_file recipes/accelerate/cpu.yaml recipes/kto.py --config recipes/smollm2-135m/kto_lora.yaml

Your own KTO rows: `data.unpaired_files=[rows.jsonl]` (`{"prompt", "completion", "label"}` or
`{"messages", "label"}`; `data.sources=[]` to train on them alone). Any key can be overridden on the
command line; `--print-config` prints the resolved config and exits. Writes `<run_dir>/kto/` (see
alignment/stages/kto.py). Rerun the same command after an interruption to resume.
"""

import sys

from alignment.cli.main import run_registered

if __name__ == "__main__":
    sys.exit(run_registered("kto", prog="recipes/kto.py"))
