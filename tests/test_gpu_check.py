"""scripts/gpu_check.sh without CUDA (its --quick CPU fallback): every CUDA part is skipped with the
message saying so, the throughput smoke run measures real numbers, and the summary counts the parts.

On a machine with CUDA the script runs the GPU parts instead (minutes): this test is then skipped,
and docs/gpu.md says how to run the check on a lent GPU.
"""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
import torch

REPO = Path(__file__).resolve().parent.parent

pytestmark = pytest.mark.skipif(torch.cuda.is_available(), reason="with CUDA the script runs the GPU parts (minutes)")


@pytest.fixture(scope="module")
def quick_run(tmp_path_factory):
    out = tmp_path_factory.mktemp("gpu_check")
    env = {**os.environ, "HF_HUB_OFFLINE": "1", "OMP_NUM_THREADS": "2"}
    env.pop("OUT", None)
    done = subprocess.run(
        ["bash", "scripts/gpu_check.sh", "--quick", "--out", str(out)],
        cwd=REPO,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
    )
    return done, out


def test_cuda_parts_are_skipped_with_a_message(quick_run):
    done, _ = quick_run
    assert done.returncode == 0, done.stdout[-3000:] + done.stderr[-3000:]
    for part in ("pytest-gpu", "stages-bf16", "stages-qlora", "throughput (1B)"):
        assert f"no CUDA: skipping {part}" in done.stdout


def test_summary_counts_every_part(quick_run):
    _, out = quick_run
    summary = (out / "summary.md").read_text()
    rows = dict(re.findall(r"^\| ([\w() -]+?) \| (passed|failed|skipped) \|", summary, flags=re.M))
    assert rows == {
        "env": "passed",
        "pytest-gpu": "skipped",
        "stages-bf16": "skipped",
        "stages-qlora": "skipped",
        "stages-cpu": "skipped",
        "throughput (1B)": "skipped",
        "throughput-cpu-smoke": "passed",
    }
    assert (out / "gpu_check.log").read_text().count("######## ") == 2  # env and the smoke run


def test_throughput_table_has_measured_rows(quick_run):
    _, out = quick_run
    record = json.loads((out / "gpu_throughput.json").read_text())
    assert [row["stage"] for row in record["rows"]] == ["sft_lora", "sft_full", "dpo_lora"]
    for row in record["rows"]:
        assert row["tokens_per_s"] > 0 and row["seconds_per_step"] > 0 and row["peak_memory_gib"] > 0
        assert row["tflops_per_s"] > 0
        assert row["mfu"] is None  # no peak FLOP/s on a CPU
    # The markdown table (also in summary.md) shows the same figures, MFU n/a.
    table = (out / "gpu_throughput.md").read_text()
    lines = [line for line in table.splitlines() if line.startswith("| sft_") or line.startswith("| dpo_")]
    assert len(lines) == 3
    for line, row in zip(lines, record["rows"]):
        cells = [cell.strip() for cell in line.strip("|").split("|")]
        assert int(cells[4].replace(",", "")) == round(row["tokens_per_s"]) > 0
        assert cells[6] == "n/a"
    assert table in (out / "summary.md").read_text()
    assert "MFU goal 40% (SFT, DPO): n/a" in table


def test_flop_counts_follow_the_docstring():
    """LoRA trains with 4N + 6R per token against full training's 6N; attention 12·L·d·T both ways."""
    import importlib.util

    spec = importlib.util.spec_from_file_location("gpu_throughput", REPO / "benchmarks" / "gpu_throughput.py")
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # its dataclass looks itself up there
    spec.loader.exec_module(module)
    shape = module.Shape(linear=1000, head=100, layers=2, attention_width=8, total=1200)
    seq, tokens = 16, 32
    attention = 4 * 2 * 8 * 16  # per token, forward
    assert module.train_flops(shape, tokens, tokens, seq, None) == tokens * (6 * 1000 + 3 * attention + 6 * 100)
    assert module.train_flops(shape, tokens, 8, seq, 10) == tokens * (4 * 1000 + 60 + 3 * attention) + 8 * 400
    assert module.forward_flops(shape, tokens, 8, seq) == tokens * (2 * 1000 + attention) + 8 * 200
