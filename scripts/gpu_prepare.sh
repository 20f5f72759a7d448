#!/usr/bin/env bash
# Run HERE, on a machine where pip reaches PyPI, before a device `run` of scripts/gpu_check.sh (docs/gpu.md).
# The lent GPU machine has no network; its python3 has torch 2.11+cu130, accelerate, peft, safetensors,
# tokenizers, pyarrow, pandas, but transformers 5.17 (we need >=5.23) and no trl, datasets or bitsandbytes.
# This puts what it lacks where `carry` takes it (64 MiB a call, the working tree included):
#   .whl/        the missing wheels for CPython 3.12 on manylinux x86_64, each at the version our own
#                virtual environment runs (the versions the test suite passed on), no dependencies
#                pulled in beyond the ones named below; bitsandbytes trimmed to its CUDA 13 and CPU
#                libraries (its full wheel, 43 MB, holds one library per CUDA and ROCm release);
#   .gpu_carry/  the embedded SmolLM2-135M-Instruct's config, tokenizer and chat template, without
#                its weights: the converted weights are 538 MB (float32) and the GGUF they come from
#                94 MB, each over the limit, so gpu_check.sh trains on random weights of this shape.
# Both folders are git-ignored. Ends with the size that would travel, and fails above 60 MiB.
set -euo pipefail
cd "$(dirname "$0")/.."
VENV=${ALIGNMENT_VENV:-.venv}
PY="$VENV/bin/python"
WHEELS=.whl
CARRY=.gpu_carry
# transformers>=5.23 needs huggingface_hub>=2.4, which needs httpx2 (httpcore2, truststore); regex is
# version-checked when transformers imports; datasets needs dill, multiprocess and fsspec<=2026.9.
PACKAGES=(transformers huggingface_hub httpx2 httpcore2 truststore regex accelerate peft trl datasets dill
  multiprocess fsspec bitsandbytes)
PLATFORMS=(manylinux_2_28_x86_64 manylinux_2_27_x86_64 manylinux_2_24_x86_64 manylinux_2_17_x86_64
  manylinux2014_x86_64 manylinux1_x86_64)

rm -rf "$WHEELS" && mkdir -p "$WHEELS"
pins=()
for name in "${PACKAGES[@]}"; do
  pins+=("$name==$("$PY" -c 'import importlib.metadata as m, sys; print(m.version(sys.argv[1]))' "$name")")
done
echo "[prepare] downloading ${pins[*]}"
"$PY" -m pip download -q --no-deps --only-binary=:all: --python-version 3.12 --implementation cp \
  "${PLATFORMS[@]/#/--platform=}" -d "$WHEELS" "${pins[@]}"

# Keep bitsandbytes' CUDA 13 and CPU libraries only (the GPU machine's torch is built for CUDA 13.0).
"$PY" - "$WHEELS"/bitsandbytes-*.whl <<'EOF'
import re, sys, zipfile
from pathlib import Path

wheel = Path(sys.argv[1])
drop = re.compile(r"libbitsandbytes_(?!cuda13\d\.|cpu\.)[^/]*\.(so|dll|dylib)$")
trimmed = wheel.with_suffix(".trimmed")
with zipfile.ZipFile(wheel) as source, zipfile.ZipFile(trimmed, "w", zipfile.ZIP_DEFLATED) as target:
    for item in source.infolist():
        if drop.search(item.filename):
            continue
        data = source.read(item)
        if item.filename.endswith(".dist-info/RECORD"):  # list only the files kept
            lines = data.decode().splitlines()
            data = "".join(line + "\n" for line in lines if not drop.search(line.split(",")[0])).encode()
        target.writestr(item, data)
before, after = wheel.stat().st_size, trimmed.stat().st_size
trimmed.replace(wheel)
print(f"[prepare] {wheel.name}: {before / 2**20:.1f} MiB -> {after / 2**20:.1f} MiB (CUDA 13 and CPU libraries)")
EOF

# The embedded model's shape: its config, tokenizer and chat template, converted here if not yet cached.
rm -rf "$CARRY" && mkdir -p "$CARRY/smollm2-135m-instruct"
source_dir=$("$PY" -c 'from alignment.models.loading import embedded_model_dir as d; print(d("smollm2-135m-instruct"))')
for file in config.json generation_config.json tokenizer.json tokenizer_config.json chat_template.jinja; do
  cp "$source_dir/$file" "$CARRY/smollm2-135m-instruct/"
done
echo "[prepare] $CARRY/smollm2-135m-instruct: the shape of $source_dir, no weights"

# What a device call sends: tracked files, untracked files git does not ignore, and the carried folders.
bytes=$({ git ls-files; git ls-files -o --exclude-standard; find "$WHEELS" "$CARRY" -type f; } \
  | sort -u | while read -r file; do [ -f "$file" ] && stat -c %s "$file"; done | awk '{s += $1} END {print s}')
mib=$(awk -v b="$bytes" 'BEGIN {printf "%.1f", b / 2^20}')
echo "[prepare] $WHEELS $(du -sh "$WHEELS" | cut -f1), $CARRY $(du -sh "$CARRY" | cut -f1); a device call sends $mib MiB (limit 64)"
if awk -v b="$bytes" 'BEGIN {exit !(b > 60 * 2^20)}'; then
  echo "[prepare] over 60 MiB: leave something out of carry" >&2
  exit 1
fi
