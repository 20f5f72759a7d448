#!/usr/bin/env bash
# README command 2: install, then ruff (lint + format check), then the default test suite (tiny models, CPU, offline).
# Extra arguments go to pytest, e.g. `bash scripts/test.sh -m slow` or `-k config`.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/install.sh
VENV=${ALIGNMENT_VENV:-.venv}
export HF_HUB_OFFLINE=1 TOKENIZERS_PARALLELISM=false
# Lint and format first (seconds): a style problem fails the run before the tests start.
"$VENV/bin/python" -m ruff check .
"$VENV/bin/python" -m ruff format --check .
exec "$VENV/bin/python" -m pytest "$@"
