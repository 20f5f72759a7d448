#!/usr/bin/env bash
# The GPU check of issue 30 in one command, sized for 8 minutes on one H100 with no network (docs/gpu.md):
#   bash scripts/gpu_check.sh [--quick] [--out DIR]      (DIR: $OUT when set, else runs/gpu_check)
# Parts, each timed, logged and counted in the summary table at the end:
#   wheels       install the wheels scripts/gpu_prepare.sh put in .whl/ into a temporary folder on
#                PYTHONPATH (only where the project's .venv is absent, i.e. on the lent machine);
#   env          the versions in use, and every stage module, trl, datasets and peft import;
#   pytest-gpu   the `gpu`-marked tests (the files that say pytest.mark.gpu);
#   stages-bf16  SFT, reward, DPO, KTO, ORPO, PPO, GRPO through the CLI on the shipped
#                recipes/smollm2-135m/*.yaml, a few steps each, LoRA in bf16, then the eval on a small
#                slice of evals/quickstart.yaml and the learning-dynamics report (probes are on);
#   stages-qlora the same with adapter.method=qlora (needs bitsandbytes' CUDA library);
#   throughput   benchmarks/gpu_throughput.py on a random ~1B Llama shape: tokens/s, peak memory, MFU.
# The stages train random weights in the shape of the embedded SmolLM2-135M-Instruct (its config and
# tokenizer from .gpu_carry/, else from the local cache): its weights are too large to carry.
# On CUDA, pytest-gpu and the two stage passes run side by side (16 cores, one GPU), then the
# throughput alone. Without CUDA each CUDA part prints "no CUDA: skipping <part>" and the CPU fallback
# runs instead: the stage pass on a 2-layer model of that shape (stages-cpu; not with --quick) and the
# throughput script's CPU smoke run. Writes summary.md (both tables), gpu_throughput.{md,json} and
# gpu_check.log (every part's output) to DIR; exits 1 when a part failed.
set -uo pipefail
cd "$(dirname "$0")/.."
REPO=$PWD
QUICK=0
OUT_DIR=${OUT:-runs/gpu_check}
while [ $# -gt 0 ]; do
  case $1 in
    --quick) QUICK=1 ;;
    --out) OUT_DIR=$2 && shift ;;
    *) echo "usage: bash scripts/gpu_check.sh [--quick] [--out DIR]" >&2 && exit 2 ;;
  esac
  shift
done
mkdir -p "$OUT_DIR" && OUT_DIR=$(cd "$OUT_DIR" && pwd)
WORK=$(mktemp -d "${TMPDIR:-/tmp}/gpu_check.XXXXXX")
mkdir -p "$WORK/logs"
export HF_HUB_OFFLINE=1 TOKENIZERS_PARALLELISM=false PYTHONUNBUFFERED=1 REPO WORK
ALIGNMENT_CACHE_BEFORE=${ALIGNMENT_CACHE:-}  # where the embedded model's conversion is (build_model)
BEGIN=$(date +%s)
if [ -x "${ALIGNMENT_VENV:-.venv}/bin/python" ]; then PY="$REPO/${ALIGNMENT_VENV:-.venv}/bin/python"; else PY=python3; fi
export PY

# ---------------------------------------------------------------------------------------
# Bookkeeping: one line per part (or stage) in $WORK/parts.tsv: name, status, seconds, note

record() { printf '%s\t%s\t%s\t%s\n' "$1" "$2" "$3" "${4:-}" >>"$WORK/parts.tsv"; }
export -f record

skip() {  # skip PART REASON
  echo "$2: skipping $1"
  record "$1" skipped 0 "$2"
}

part() {  # part NAME SECONDS COMMAND...: run it under a time limit, its output to logs/NAME.log
  local name=$1 limit=$2 start status rc
  shift 2
  start=$(date +%s)
  echo "[gpu_check] $name: started (limit ${limit}s)"
  # through bash -c, so that COMMAND may be one of the functions exported here
  timeout "$limit" bash -c '"$@"' "$name" "$@" >"$WORK/logs/$name.log" 2>&1
  rc=$?
  status=$([ $rc = 0 ] && echo passed || echo failed)
  local note=$([ $rc = 124 ] && echo "timed out after ${limit}s")
  record "$name" "$status" $(($(date +%s) - start)) "$note"
  echo "[gpu_check] $name: $status in $(($(date +%s) - start))s ${note}"
  if [ $rc != 0 ]; then tail -n 30 "$WORK/logs/$name.log" | sed "s/^/[$name] /"; fi
}

cli() { "$PY" -m alignment.cli "$@"; }
export -f cli

# ---------------------------------------------------------------------------------------
# The stage pass: every stage on the model in $1, through the CLI and the shipped recipes

stage() {  # stage PASS NAME COMMAND...: one stage of a pass, timed, recorded, never stopping the pass
  local pass=$1 name=$2 start rc
  shift 2
  start=$(date +%s)
  echo "===== $pass/$name: $*"
  "$@"
  rc=$?
  record "$pass/$name" "$([ $rc = 0 ] && echo passed || echo failed)" $(($(date +%s) - start))
  echo "===== $pass/$name: exit $rc in $(($(date +%s) - start))s"
  return $rc
}
export -f stage

stage_pass() {  # stage_pass PASS MODEL_DIR METHOD DTYPE STEPS
  local pass=$1 model=$2 method=$3 dtype=$4 steps=$5 failed=0
  local run="$WORK/$pass" recipes="$REPO/recipes/smollm2-135m"
  # adapter.last_layers=0: every layer adapted (the recipes' 4-12 top layers are a CPU speed choice)
  local common=("run_dir=$run" "model.dtype=$dtype" "adapter.method=$method" adapter.last_layers=0
    "train.max_steps=$steps" "train.save_steps=$steps" train.logging_steps=1)
  # after SFT: its merged model; 1% of the pairs held out (~30) keeps each stage's closing eval short
  local sft=("model.name_or_path=$run/sft") held_out=data.test_fraction=0.01
  stage "$pass" sft cli sft --config "$recipes/sft_lora.yaml" "${common[@]}" "model.name_or_path=$model" \
    data.eval_fraction=0.01 || failed=1
  stage "$pass" reward cli reward --config "$recipes/reward_lora.yaml" "${common[@]}" "${sft[@]}" $held_out \
    merge=false || failed=1
  stage "$pass" dpo cli dpo --config "$recipes/dpo_lora.yaml" "${common[@]}" "${sft[@]}" $held_out || failed=1
  # KTO's default precomputes the reference over every training row (5,600): per step instead
  # merge=false from here on: SFT's and DPO's merges are the ones read later (by the stages, by the eval)
  stage "$pass" kto cli kto --config "$recipes/kto_lora.yaml" "${common[@]}" "${sft[@]}" $held_out \
    kto.precompute_ref_logps=false merge=false || failed=1
  stage "$pass" orpo cli orpo --config "$recipes/orpo_lora.yaml" "${common[@]}" "${sft[@]}" $held_out \
    merge=false || failed=1
  stage "$pass" ppo cli ppo --config "$recipes/ppo_lora.yaml" "${common[@]}" "${sft[@]}" "ppo.reward_model=$run/reward" \
    ppo.rollout_batch_size=8 ppo.max_new_tokens=16 train.batch_size=4 merge=false || failed=1
  stage "$pass" grpo cli grpo --config "$recipes/grpo_lora.yaml" "${common[@]}" "${sft[@]}" grpo.group_size=4 \
    grpo.rollout_batch_size=8 grpo.max_new_tokens=16 train.batch_size=8 train.grad_accum=1 merge=false || failed=1
  small_suite "$run/suite.yaml"
  stage "$pass" eval cli eval --model "sft=$run/sft" --model "dpo=$run/dpo" --suite "$run/suite.yaml" \
    --judge "$run/reward" --baseline sft --out "$run/eval" --no-progress || failed=1
  stage "$pass" dynamics dynamics_report "$run" || failed=1
  stage "$pass" outputs check_outputs "$run" "$steps" || failed=1
  return $failed
}
export -f stage_pass

small_suite() {  # evals/quickstart.yaml cut to 4 prompts a task and 16 new tokens, prompt paths absolute
  "$PY" - "$1" <<'EOF'
import os, sys
import yaml

suite = yaml.safe_load(open(os.path.join(os.environ["REPO"], "evals", "quickstart.yaml")))
suite["generation"]["batch_size"] = 8
for task in suite["tasks"]:
    if task.get("prompt_file"):
        task.update(prompt_file=os.path.join(os.environ["REPO"], task["prompt_file"]), limit=4, max_new_tokens=16)
yaml.safe_dump(suite, open(sys.argv[1], "w"), sort_keys=False)
EOF
}
export -f small_suite

dynamics_report() {  # the offline dynamics report, from the dynamics.jsonl each training stage wrote
  cli dynamics "$1" || return 1
  local missing=0 name
  for name in sft dpo kto orpo ppo grpo; do
    [ -s "$1/$name/dynamics.jsonl" ] || { echo "$1/$name/dynamics.jsonl: missing or empty" && missing=1; }
  done
  ls "$1"/dynamics.html && return $missing
}
export -f dynamics_report

check_outputs() {  # every training stage's manifest says it trained the steps asked for
  "$PY" - "$1" "$2" <<'EOF'
import json, sys
from pathlib import Path

run, steps = Path(sys.argv[1]), int(sys.argv[2])
bad = []
for name in ("sft", "reward", "dpo", "kto", "orpo", "ppo", "grpo"):
    manifest = run / name / "manifest.json"
    found = json.loads(manifest.read_text())["metrics"].get("steps") if manifest.is_file() else None
    print(f"{name}: {found} steps")
    if found != steps:
        bad.append(name)
sys.exit(f"stages without {steps} steps: {bad}" if bad else 0)
EOF
}
export -f check_outputs

build_model() {  # build_model DEST full|tiny: random weights in the embedded model's shape, its tokenizer
  local source="$REPO/.gpu_carry/smollm2-135m-instruct"
  if [ ! -f "$source/config.json" ]; then
    source=$(ALIGNMENT_CACHE=$ALIGNMENT_CACHE_BEFORE "$PY" -c 'from alignment.models.loading import embedded_model_dir as d; print(d("smollm2-135m-instruct"))') \
      || return 1
  fi
  "$PY" - "$source" "$1" "$2" <<'EOF'
import shutil, sys
import torch
from transformers import AutoConfig, AutoModelForCausalLM, AutoTokenizer

source, dest, size = sys.argv[1:]
config = AutoConfig.from_pretrained(source)
if size == "tiny":  # two layers, hidden 64: the CPU fallback trains it in seconds
    config.update(dict(num_hidden_layers=2, hidden_size=64, intermediate_size=128, num_attention_heads=4,
                       num_key_value_heads=2, head_dim=16))
torch.manual_seed(0)
model = AutoModelForCausalLM.from_config(config, dtype=torch.bfloat16 if size == "full" else torch.float32)
model.save_pretrained(dest)
AutoTokenizer.from_pretrained(source).save_pretrained(dest)
shutil.copy(f"{source}/generation_config.json", dest)
parameters = sum(p.numel() for p in model.parameters())
print(f"{dest}: random {config.architectures[0]}, {config.num_hidden_layers} layers, {parameters / 1e6:.1f}M parameters")
EOF
}
export -f build_model

environment() {
  "$PY" - <<'EOF'
import importlib, importlib.metadata as metadata, platform, sys
import torch

print(f"python {platform.python_version()} ({sys.executable}); torch {torch.__version__}")
if torch.cuda.is_available():
    print(f"CUDA {torch.version.cuda}: {torch.cuda.get_device_name(0)}, bf16 {torch.cuda.is_bf16_supported()}")
for name in ("transformers", "trl", "peft", "accelerate", "datasets", "huggingface_hub", "tokenizers",
             "safetensors", "pyarrow", "bitsandbytes"):
    try:
        print(f"{name} {metadata.version(name)}  ({importlib.import_module(name).__file__})")
    except Exception as error:  # reported, then judged below: bitsandbytes is optional here
        print(f"{name}: {type(error).__name__}: {error}")
for module in ("alignment.cli.main", "alignment.stages.sft", "alignment.stages.reward", "alignment.stages.dpo",
               "alignment.stages.kto", "alignment.stages.orpo", "alignment.stages.ppo", "alignment.stages.grpo",
               "alignment.eval.runner", "alignment.dynamics"):
    importlib.import_module(module)
print("every stage module imports")
EOF
}
export -f environment

# ---------------------------------------------------------------------------------------
# The parts

if [ "$PY" = python3 ] && compgen -G ".whl/*.whl" >/dev/null; then
  part wheels 45 bash -c "python3 -m pip install -q --no-index --no-deps --no-compile --no-cache-dir --upgrade \
    --target '$WORK/site' .whl/*.whl"
  export PYTHONPATH="$WORK/site:$REPO${PYTHONPATH:+:$PYTHONPATH}"
elif [ "$PY" = python3 ]; then
  skip wheels "no .whl/ (run scripts/gpu_prepare.sh here first)"
fi
export PYTHONPATH="$REPO${PYTHONPATH:+:$PYTHONPATH}"
export ALIGNMENT_CACHE_BEFORE ALIGNMENT_CACHE="$WORK/cache"  # the stages' caches (reference log-probs) stay in $WORK
part env 45 environment
cat "$WORK/logs/env.log"

CUDA=$("$PY" -c 'import torch; print(int(torch.cuda.is_available()))' 2>/dev/null || echo 0)
if [ "$CUDA" = 1 ]; then
  part model 45 build_model "$WORK/model" full
  gpu_tests=$(grep -l "pytest.mark.gpu" tests/*.py | tr '\n' ' ')
  part pytest-gpu 300 "$PY" -m pytest -m gpu -p no:cacheprovider -q $gpu_tests &
  part stages-bf16 300 stage_pass stages-bf16 "$WORK/model" lora bfloat16 3 &
  if "$PY" -c 'import bitsandbytes' >/dev/null 2>&1; then
    part stages-qlora 300 stage_pass stages-qlora "$WORK/model" qlora bfloat16 3 &
  else
    skip stages-qlora "no bitsandbytes (run scripts/gpu_prepare.sh and carry .whl)"
  fi
  wait
  part throughput 120 "$PY" benchmarks/gpu_throughput.py --out "$OUT_DIR"
else
  for name in pytest-gpu stages-bf16 stages-qlora; do skip "$name" "no CUDA"; done
  if [ $QUICK = 1 ]; then
    skip stages-cpu "--quick"
  else
    part model 60 build_model "$WORK/model" tiny
    part stages-cpu 600 stage_pass stages-cpu "$WORK/model" lora auto 2
  fi
  skip "throughput (1B)" "no CUDA"
  part throughput-cpu-smoke 180 "$PY" benchmarks/gpu_throughput.py --cpu-smoke --out "$OUT_DIR"
fi

# ---------------------------------------------------------------------------------------
# Summary

{
  device=$(grep -m1 '^CUDA' "$WORK/logs/env.log" || echo "no CUDA, $(nproc) CPU threads")
  echo "# gpu_check $(date -u +%Y-%m-%dT%H:%M:%SZ) on $(uname -n): $device; $(head -1 "$WORK/logs/env.log" | cut -d';' -f2)"
  echo
  echo "| part | status | seconds | note |"
  echo "|---|---|---:|---|"
  awk -F'\t' '{printf "| %s | %s | %s | %s |\n", $1, $2, $3, $4}' "$WORK/parts.tsv"
  echo
  echo "total: $(($(date +%s) - BEGIN)) s"
  if [ -f "$OUT_DIR/gpu_throughput.md" ]; then echo && cat "$OUT_DIR/gpu_throughput.md"; fi
} >"$OUT_DIR/summary.md"
for log in "$WORK"/logs/*.log; do echo "######## $(basename "$log" .log)" && cat "$log"; done >"$OUT_DIR/gpu_check.log"
echo
cat "$OUT_DIR/summary.md"
echo "(logs: $OUT_DIR/gpu_check.log; models and stage outputs: $WORK, removed when every part passed)"
if grep -q $'\tfailed\t' "$WORK/parts.tsv"; then exit 1; fi
rm -rf "$WORK"  # kept above, for a look at what failed
