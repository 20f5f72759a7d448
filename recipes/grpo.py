"""GRPO (group-relative policy optimisation) with a LoRA adapter: sampled groups of replies per prompt,
scored by verifiable checks, rule rewards and/or a reward model, no value model; the reference is the
same weights with the adapter disabled. Dr. GRPO and RLOO are `grpo.advantage` options.

Launch (one CPU process):
    accelerate launch --config_file recipes/accelerate/cpu.yaml recipes/grpo.py --config recipes/smollm2-135m/grpo_lora.yaml

Your own prompts: `data.files=[prompts.jsonl]`, rows `{"prompt", "check": {"answer": ...}}` or
`{"prompt", "reference", "match"}` for the built-in verifiable reward, or a reward of your own named
as `module:function` (or `path/to/file` + `.py:function`) in `grpo.verifiable_rewards`, with
function(messages, reply, check) -> float. Any key
can be overridden on the command line; `--print-config` prints the resolved config and exits. Writes
`<run_dir>/grpo/` (see alignment/stages/grpo.py). Rerun the same command after an interruption to resume.
"""

import sys

from alignment.cli.main import run_registered

if __name__ == "__main__":
    sys.exit(run_registered("grpo", prog="recipes/grpo.py"))
