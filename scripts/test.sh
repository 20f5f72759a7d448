#!/usr/bin/env bash
# README command 2: install, then ruff (lint + format check), then the default test suite (tiny models, CPU, offline).
# Extra arguments go to pytest, e.g. `bash scripts/test.sh -m slow` or `-k config`.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/install.sh
VENV=${ALIGNMENT_VENV:-.venv}
# tests/test_eval_report.py loads the HTML report in a headless browser: install Debian's Chromium
# when none is on PATH (as root, with apt). In CI a failed install fails the run, so that test never
# quietly skips there.
if ! command -v chromium >/dev/null 2>&1 && ! command -v chromium-browser >/dev/null 2>&1 \
  && ! command -v google-chrome >/dev/null 2>&1 && [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
  echo "[test] installing Debian's chromium for the headless report test"
  export DEBIAN_FRONTEND=noninteractive
  if ! apt-get install -y -q chromium >/dev/null 2>&1 \
    && ! { apt-get update -q >/dev/null 2>&1 && apt-get install -y -q chromium >/dev/null 2>&1; }; then
    echo "[test] could not install chromium: tests/test_eval_report.py's browser test will skip" >&2
    if [ "${CI:-}" = "true" ]; then exit 1; fi
  fi
fi
export HF_HUB_OFFLINE=1 TOKENIZERS_PARALLELISM=false
# Lint and format first (seconds): a style problem fails the run before the tests start.
"$VENV/bin/python" -m ruff check .
"$VENV/bin/python" -m ruff format --check .
exec "$VENV/bin/python" -m pytest "$@"
