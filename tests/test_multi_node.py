"""Several machines, tried on one: recipes/accelerate/cpu_multi_node.yaml launched twice on 127.0.0.1
(machine_rank 0 and 1, one process each, gloo). Two-step SFT ends with the weights one process with
gradient accumulation 2 gives (what 2-process DDP gives, tests/test_sft_stage.py), and DPO trains on
its output the same way; both write their stage as a one-machine run does."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import torch
from safetensors.torch import load_file
from test_sft_stage import tiny_overrides

REPO = Path(__file__).resolve().parent.parent
CONFIG = REPO / "recipes" / "accelerate" / "cpu_multi_node.yaml"


def on_two_machines(recipe: str, args: list[str], port: int) -> list[subprocess.CompletedProcess]:
    """`accelerate launch` of `recipe` as machine 0 and machine 1, side by side; both results."""
    env = {key: value for key, value in os.environ.items() if key not in ("RANK", "LOCAL_RANK", "WORLD_SIZE")}
    env.update(HF_HUB_OFFLINE="1", TOKENIZERS_PARALLELISM="false")
    machines = [
        subprocess.Popen(
            [sys.executable, "-m", "accelerate.commands.launch", "--config_file", str(CONFIG)]
            + ["--machine_rank", str(rank), "--main_process_port", str(port), str(REPO / "recipes" / recipe), *args],
            cwd=REPO,
            env=env,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        for rank in (0, 1)
    ]
    results = []
    for machine in machines:
        out, err = machine.communicate(timeout=600)
        results.append(subprocess.CompletedProcess(machine.args, machine.returncode, out, err))
    return results


def test_sft_then_dpo_on_two_local_machines(tiny_model_dir, tiny_chats_file, tiny_pairs_file, tmp_path):
    common = ["adapter.dropout=0.0", "train.max_steps=2", "train.save_steps=2"]
    single = subprocess.run(
        [sys.executable, "-m", "alignment.cli", "sft"]
        + tiny_overrides(tiny_model_dir, tiny_chats_file, tmp_path / "single", *common, "train.grad_accum=2"),
        cwd=REPO,
        env={**os.environ, "HF_HUB_OFFLINE": "1"},
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert single.returncode == 0, single.stderr[-3000:]
    sft = on_two_machines("sft.py", tiny_overrides(tiny_model_dir, tiny_chats_file, tmp_path / "nodes", *common), 29581)
    for machine in sft:
        assert machine.returncode == 0, machine.stderr[-3000:]
    assert "[sft] distributed: DDP over 2 processes, backend gloo" in sft[0].stdout
    expected = load_file(tmp_path / "single" / "sft" / "adapter" / "adapter_model.safetensors")
    actual = load_file(tmp_path / "nodes" / "sft" / "adapter" / "adapter_model.safetensors")
    for name in expected:
        assert torch.allclose(actual[name], expected[name], atol=1e-5), name

    dpo_args = [
        f"run_dir={tmp_path / 'nodes'}",
        f"model.name_or_path={tmp_path / 'nodes' / 'sft'}",
        f"data.sources=[{{files: [{tiny_pairs_file}], name: sums}}]",
        "data.test_fraction=0.25",
        "train.batch_size=2",
        *common,
    ]
    dpo = on_two_machines("dpo.py", dpo_args, 29583)
    for machine in dpo:
        assert machine.returncode == 0, machine.stderr[-3000:]
    assert "[dpo] distributed: DDP over 2 processes, backend gloo" in dpo[0].stdout
    assert (tmp_path / "nodes" / "dpo" / "manifest.json").is_file()
