"""The Python API (`from alignment import load_config, run_stage, run_pipeline, evaluate`): a tiny
SFT -> DPO pipeline, one stage and an eval run through it, with the same checks and results as the
command line; `import alignment` stays light."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest
from helpers.tiny_eval import write_prompt_files, write_suite

import alignment
from alignment import evaluate, load_config, run_pipeline, run_stage
from alignment.config import SFTConfig
from alignment.core.errors import ConfigError


def test_importing_the_package_does_not_import_torch():
    code = "import sys, alignment; print('torch' in sys.modules, callable(alignment.load_config))"
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120)
    assert done.stdout.strip() == "False True", done.stderr


def test_a_tiny_pipeline_a_stage_and_an_eval_through_the_api(
    tiny_model_dir, tiny_chats_file, tiny_pairs_file, tmp_path
):
    run_dir = tmp_path / "run"
    overrides = [
        f"run_dir={run_dir}",
        "stages=[sft, dpo]",
        f"sft.model.name_or_path={tiny_model_dir}",
        f"sft.data.train_files=[{tiny_chats_file}]",
        "sft.data.eval_fraction=0",
        f"dpo.data.sources=[{{files: [{tiny_pairs_file}], name: sums}}]",
    ]
    for stage in ("sft", "dpo"):
        overrides += [f"{stage}.train.max_steps=2", f"{stage}.train.batch_size=2", f"{stage}.adapter.r=4"]
    records = run_pipeline(None, overrides)
    assert [record["stage"] for record in records] == ["sft", "dpo"]
    assert (run_dir / "dpo" / "manifest.json").is_file()

    config = load_config("sft", None, [f"run_dir={tmp_path / 'one'}", f"model.name_or_path={tiny_model_dir}"])
    assert isinstance(config, SFTConfig)
    config = load_config(
        "sft",
        None,
        [
            f"run_dir={tmp_path / 'one'}",
            f"model.name_or_path={tiny_model_dir}",
            f"data.train_files=[{tiny_chats_file}]",
            "train.max_steps=1",
            "data.eval_fraction=0",
        ],
    )
    result = run_stage("sft", config)
    assert result.metrics["steps"] == 1 and not result.skipped
    assert run_stage("sft", config).skipped  # a finished stage is skipped, as from the command line

    suite = write_suite(
        tmp_path / "suite", tasks=[{"name": "harmful_refusal", "prompt_file": str(write_suite_prompts(tmp_path))}]
    )
    results = evaluate(
        {"base": str(tiny_model_dir), "dpo": str(run_dir / "dpo")}, suite=suite, out=tmp_path / "report", progress=False
    )
    assert results == json.loads((tmp_path / "report" / "results.json").read_text())
    assert [model["label"] for model in results["models"]] == ["base", "dpo"]


def write_suite_prompts(tmp_path):
    return write_prompt_files(tmp_path / "prompts")["harmful"]


def test_mistakes_are_the_command_lines_errors():
    with pytest.raises(ConfigError, match="unknown stage 'sfft'"):
        load_config("sfft")
    with pytest.raises(ConfigError, match="train.max_step"):
        load_config("sft", None, ["train.max_step=2"])
    with pytest.raises(ConfigError, match="use run_pipeline"):
        run_stage("pipeline")
    assert alignment.__version__
