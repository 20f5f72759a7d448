#!/usr/bin/env bash
# README command 1: install, then the quickstart pipeline on SmolLM2-135M-Instruct (embedded, no
# download) and the shipped data: LoRA SFT on the starter chats -> independent judge (a reward model on
# the judge part of the prompts) -> reward model on the helpful + harmless pairs -> DPO from the SFT
# model -> eval of SFT vs DPO on held-out prompts, judged by the judge
# (evals/quickstart.yaml), ending with a summary table and the path of the HTML report.
# Extra arguments are config overrides, e.g. `bash scripts/quickstart.sh run_dir=runs/try`.
# Rerun it to skip finished stages (seconds) or resume an interrupted one.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/install.sh
VENV=${ALIGNMENT_VENV:-.venv}
export HF_HUB_OFFLINE=${HF_HUB_OFFLINE:-1} TOKENIZERS_PARALLELISM=false
recipe=${RECIPE:-recipes/smollm2-135m/pipeline_dpo.yaml}  # RECIPE=recipes/smollm2-135m/pipeline_ppo.yaml: the PPO pipeline
launch=(--config_file recipes/accelerate/cpu.yaml)
if command -v nvidia-smi >/dev/null 2>&1 && nvidia-smi -L >/dev/null 2>&1; then
  launch=(--config_file recipes/accelerate/gpu.yaml)
else  # what accelerate picks by itself on CPU, given, so that it does not warn about choosing it
  launch+=(--num_cpu_threads_per_process "$("$VENV/bin/python" -c 'import psutil; print(psutil.cpu_count(logical=False) or 1)')")
fi
exec "$VENV/bin/accelerate" launch "${launch[@]}" recipes/pipeline.py --config "$recipe" "$@"
