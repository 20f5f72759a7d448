#!/usr/bin/env bash
# README command 2: install, then run the default test suite (tiny models, CPU, offline).
# Extra arguments go to pytest, e.g. `bash scripts/test.sh -m slow` or `-k config`.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/install.sh
VENV=${ALIGNMENT_VENV:-.venv}
export HF_HUB_OFFLINE=1 TOKENIZERS_PARALLELISM=false
exec "$VENV/bin/python" -m pytest "$@"
