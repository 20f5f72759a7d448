"""Compare checkpoints on an eval suite: helpfulness (judged, verifiable), safety (harmful prompts,
over-refusal), preference accuracy; writes results.json, report.html and report.md.

Launch (one CPU process):
    accelerate launch --config_file recipes/accelerate/cpu.yaml recipes/eval.py --config recipes/smollm2-135m/eval.yaml

The config names the models (label -> embedded name, model dir, stage dir or adapter dir), the
suite (evals/default.yaml), the judge reward model and the report directory; any key can be
overridden, e.g. `out=reports/try models="{base: smollm2-135m-instruct, dpo: runs/x/dpo}"`.
`alignment eval --model LABEL=PATH ... --suite ... --out ...` does the same from flags. Generated
answers are cached (per model weights, prompt and generation settings), so a rerun, or a rerun
with one more model, only generates what is new. See alignment/eval/runner.py.
"""

import sys

from alignment.cli.main import run_registered

if __name__ == "__main__":
    sys.exit(run_registered("eval", prog="recipes/eval.py"))
