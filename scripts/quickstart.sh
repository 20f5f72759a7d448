#!/usr/bin/env bash
# README command 1: install, then SFT SmolLM2-135M-Instruct (embedded, no download) on the
# shipped starter chats with LoRA, then ask the result one question.
# Extra arguments are config overrides, e.g. `bash scripts/quickstart.sh train.max_steps=4`.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/install.sh
VENV=${ALIGNMENT_VENV:-.venv}
export HF_HUB_OFFLINE=${HF_HUB_OFFLINE:-1} TOKENIZERS_PARALLELISM=false
launch=recipes/accelerate/cpu.yaml
if command -v nvidia-smi >/dev/null 2>&1 && nvidia-smi -L >/dev/null 2>&1; then launch=recipes/accelerate/gpu.yaml; fi
"$VENV/bin/accelerate" launch --config_file "$launch" recipes/sft.py \
  --config recipes/smollm2-135m/sft_lora.yaml "$@"
run_dir=$("$VENV/bin/python" recipes/sft.py --config recipes/smollm2-135m/sft_lora.yaml "$@" --print-config \
  | sed -n 's/^run_dir: //p')
echo
echo "Q: How do I reverse a list in Python?"
echo -n "A: "
"$VENV/bin/alignment" generate --model "$run_dir/sft" --prompt "How do I reverse a list in Python?" --max-new-tokens 120
