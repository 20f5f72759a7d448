"""Several stages in one run directory: SFT -> reward model -> DPO, each reading the previous
stage's output, with lineage in `<run_dir>/pipeline.json`.

Launch (one CPU process):
    accelerate launch --config_file recipes/accelerate/cpu.yaml recipes/pipeline.py --config recipes/smollm2-135m/pipeline_dpo.yaml

Two CPU processes or GPUs: swap the --config_file (cpu_ddp.yaml, gpu.yaml, ddp.yaml, ...). Any key
can be overridden per stage on the command line, e.g. `sft.train.max_steps=4 run_dir=runs/try`;
`--print-config` prints the resolved config (with the run_dir and model chaining the pipeline
fills in) and exits. Rerun the same command to skip finished stages and resume an interrupted
one; a changed stage config reruns that stage and the stages that read its output, moving the
old outputs aside to `<stage>.stale-<timestamp>/` (see alignment/pipeline.py).
"""

import sys

from alignment.cli.main import run_registered

if __name__ == "__main__":
    sys.exit(run_registered("pipeline", prog="recipes/pipeline.py"))
