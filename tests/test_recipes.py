"""No recipe rots: every shipped recipe YAML parses with its stage's strict config, every recipe
that runs without a GPU trains for two steps on the tiny model through its real entry point, and
the launch commands written in headers and docstrings name files that exist.

GPU-only rule: a recipe is GPU-only when its header comment (the `#` lines before the first key)
contains the word "GPU". Such recipes run here only where CUDA is present (mark `gpu`). Every
QLoRA recipe must carry that word, since the 4-bit base needs bitsandbytes' CUDA kernels.
"""

from __future__ import annotations

import ast
import dataclasses
import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
import torch
import yaml
from helpers.tiny_eval import build_reward_model, write_suite

from alignment.config import (
    DPOConfig,
    GRPOConfig,
    KTOConfig,
    ORPOConfig,
    PipelineConfig,
    PPOConfig,
    RewardConfig,
    SFTConfig,
    load_config,
)
from alignment.config.eval import EvalConfig
from alignment.data.sft import load_sft_examples

REPO = Path(__file__).resolve().parent.parent
RECIPES = REPO / "recipes"
ACCELERATE = RECIPES / "accelerate"

# Recipe file-name prefix (`sft_lora.yaml` -> "sft") -> (config class, entry script, stage dir name).
# A new stage adds its line here; a recipe YAML with an unmapped prefix fails the suite.
STAGES = {
    "sft": (SFTConfig, RECIPES / "sft.py", "sft"),
    "reward": (RewardConfig, RECIPES / "reward.py", "reward"),
    "dpo": (DPOConfig, RECIPES / "dpo.py", "dpo"),
    "orpo": (ORPOConfig, RECIPES / "orpo.py", "orpo"),
    "kto": (KTOConfig, RECIPES / "kto.py", "kto"),
    "ppo": (PPOConfig, RECIPES / "ppo.py", "ppo"),
    "grpo": (GRPOConfig, RECIPES / "grpo.py", "grpo"),
    "pipeline": (PipelineConfig, RECIPES / "pipeline.py", None),  # stage dirs: those its `stages` lists
    "eval": (EvalConfig, RECIPES / "eval.py", None),  # trains nothing: run on tiny models by its own test
}
TINY_LAYERS = 2  # conftest.build_tiny_model
TINY_MAX_POSITIONS = 2048


def rel(path: Path) -> str:
    return str(path.relative_to(REPO))


RECIPE_YAMLS = sorted(p for p in RECIPES.rglob("*.yaml") if ACCELERATE not in p.parents)
ACCELERATE_YAMLS = sorted(ACCELERATE.glob("*.yaml"))
RECIPE_SCRIPTS = sorted(RECIPES.glob("*.py"))


def stage_of(path: Path) -> str:
    prefix = path.stem.split("_")[0]
    if prefix not in STAGES:
        pytest.fail(
            f"{rel(path)}: no stage for prefix '{prefix}'; add it to STAGES in {rel(Path(__file__))} "
            f"(known: {', '.join(STAGES)})"
        )
    return prefix


def header(path: Path) -> str:
    """The leading comment block of a YAML file (its description and launch command)."""
    lines = []
    for line in path.read_text(encoding="utf-8").splitlines():
        if not line.startswith("#"):
            break
        lines.append(line.lstrip("#").strip())
    return "\n".join(lines)


def is_gpu_only(path: Path) -> bool:
    return re.search(r"\bGPU\b", header(path)) is not None


def test_recipes_are_found():
    assert RECIPE_YAMLS, "no recipe YAML under recipes/"
    assert ACCELERATE_YAMLS, "no launch config under recipes/accelerate/"
    assert RECIPE_SCRIPTS, "no entry script in recipes/"
    # The rule must leave at least one recipe that the default (CPU) run trains.
    assert any(not is_gpu_only(path) for path in RECIPE_YAMLS)


def test_every_recipe_yaml_has_a_stage():
    unmapped = [rel(p) for p in RECIPE_YAMLS if p.stem.split("_")[0] not in STAGES]
    assert unmapped == [], f"recipe YAMLs with no entry in STAGES: {unmapped}"


def test_every_stage_entry_script_exists():
    for prefix, (_, script, _) in STAGES.items():
        assert script.is_file(), f"STAGES['{prefix}'] names a missing script {script}"


@pytest.mark.parametrize("path", RECIPE_YAMLS, ids=rel)
def test_recipe_parses_with_its_stage_config(path):
    config_class = STAGES[stage_of(path)][0]
    config = load_config(config_class, path)
    assert isinstance(config, config_class)
    # The file sets what it means to set: every key it writes ends up in the config verbatim,
    # except a pipeline's eval.models given as stage names, which become those stages' outputs.
    written = yaml.safe_load(path.read_text(encoding="utf-8"))
    if isinstance(config, PipelineConfig) and written.get("eval", {}).get("models"):
        models = written["eval"].pop("models")
        assert config.eval.models == {
            label: str(Path(config.run_dir) / spec) if spec in config.stages else spec for label, spec in models.items()
        }
    assert_written_verbatim(config, written)


def assert_written_verbatim(config, written: dict, prefix: str = "") -> None:
    for key, value in written.items():
        if isinstance(value, dict) and dataclasses.is_dataclass(getattr(config, key)):
            assert_written_verbatim(getattr(config, key), value, f"{prefix}{key}.")
        elif isinstance(value, list) and value and all(dataclasses.is_dataclass(item) for item in getattr(config, key)):
            assert len(getattr(config, key)) == len(value), f"{prefix}{key}"
            for index, (item, written_item) in enumerate(zip(getattr(config, key), value)):  # e.g. data.sources
                assert_written_verbatim(item, written_item, f"{prefix}{key}[{index}].")
        else:
            assert getattr(config, key) == value, f"{prefix}{key}"


def stage_sections(config) -> list[tuple[str, object]]:
    """(stage, its config) of a training recipe, or of every training stage a pipeline recipe lists
    (the eval stage and eval recipes train nothing: `test_eval_recipe_runs_on_tiny_models`)."""
    if isinstance(config, PipelineConfig):
        return [(name, getattr(config, name)) for name in config.stages if name != "eval"]
    if isinstance(config, EvalConfig):
        return []
    return [(None, config)]


@pytest.mark.parametrize("path", RECIPE_YAMLS, ids=rel)
def test_recipe_header_holds_its_own_launch_command(path):
    text = header(path)
    script = STAGES[stage_of(path)][1]
    assert "accelerate launch" in text
    assert f"{rel(script)} --config {rel(path)}" in text, f"{rel(path)}: header does not launch this file"


@pytest.mark.parametrize("path", RECIPE_YAMLS, ids=rel)
def test_qlora_recipes_are_marked_gpu_only(path):
    for _, config in stage_sections(load_config(STAGES[stage_of(path)][0], path)):
        if config.adapter.method == "qlora":
            assert is_gpu_only(path), f"{rel(path)}: QLoRA needs CUDA; say 'GPU' in its header comment"


def _named_files(text: str) -> list[str]:
    return sorted(set(re.findall(r"[\w./-]+\.(?:yaml|py)\b", text)))


@pytest.mark.parametrize("path", RECIPE_YAMLS + RECIPE_SCRIPTS, ids=rel)
def test_files_named_in_launch_text_exist(path):
    """Paths in headers and docstrings exist (bare `*.yaml` names are launch configs)."""
    text = header(path) if path.suffix == ".yaml" else _docstring(path)
    missing = []
    for name in _named_files(text):
        target = REPO / name if "/" in name else ACCELERATE / name
        if not target.is_file():
            missing.append(name)
    assert missing == []


def _docstring(path: Path) -> str:
    return ast.get_docstring(ast.parse(path.read_text(encoding="utf-8"))) or ""


@pytest.mark.parametrize("path", RECIPE_SCRIPTS, ids=rel)
def test_recipe_script_docstring_has_the_launch_command(path):
    text = _docstring(path)
    assert "accelerate launch" in text
    assert "recipes/" in text
    assert rel(path) in text, f"{rel(path)}: the docstring's command should launch this script"


# ---------------------------------------------------------------------------------------
# accelerate launch configs


@pytest.mark.parametrize("path", ACCELERATE_YAMLS, ids=rel)
def test_accelerate_config_parses(path):
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    assert isinstance(data, dict)
    assert "distributed_type" in data and isinstance(data["distributed_type"], str)
    assert "num_processes" in data and isinstance(data["num_processes"], int) and data["num_processes"] >= 1


def test_cpu_launch_configs():
    cpu = yaml.safe_load((ACCELERATE / "cpu.yaml").read_text())
    assert cpu["num_processes"] == 1 and cpu["use_cpu"] is True
    ddp = yaml.safe_load((ACCELERATE / "cpu_ddp.yaml").read_text())
    assert ddp["num_processes"] == 2


# ---------------------------------------------------------------------------------------
# Two steps on the tiny model


def tiny_overrides(config, model_dir: Path, data_file: Path, run_dir: Path) -> list[str]:
    """Point a recipe at the tiny model and data, two steps; undo what the tiny model cannot run."""
    # SFT reads train_files, PPO and GRPO prompt files (both beside their sources), preference stages sources
    if isinstance(config, (SFTConfig, PPOConfig, GRPOConfig)):
        data = f"data.{'train_files' if isinstance(config, SFTConfig) else 'files'}=[{data_file}]"
    else:
        data = f"data.sources=[{{files: [{data_file}], name: tiny}}]"
    overrides = [
        f"model.name_or_path={model_dir}",
        data,
        f"run_dir={run_dir}",
        "train.max_steps=2",
        "train.save_steps=1",
        "train.logging_steps=1",
    ]
    if config.adapter.last_layers >= TINY_LAYERS:  # keep the recipe's intent: an adapter on the top layer(s) only
        overrides.append(f"adapter.last_layers={TINY_LAYERS - 1}")
    if getattr(config.data, "max_length", 0) > TINY_MAX_POSITIONS:
        overrides.append(f"data.max_length={TINY_MAX_POSITIONS}")
    return overrides


def child_env(cache: Path) -> dict:
    env = {
        key: value
        for key, value in os.environ.items()
        if key not in ("RANK", "LOCAL_RANK", "WORLD_SIZE", "MASTER_ADDR", "MASTER_PORT")
    }
    env.update(HF_HUB_OFFLINE="1", ALIGNMENT_CACHE=str(cache), TOKENIZERS_PARALLELISM="false", PYTHONUNBUFFERED="1")
    return env


def _run_param(path: Path):
    if not is_gpu_only(path):
        return pytest.param(path, id=rel(path))
    return pytest.param(
        path,
        id=rel(path),
        marks=[
            pytest.mark.gpu,
            pytest.mark.skipif(not torch.cuda.is_available(), reason="GPU-only recipe (header says GPU); no CUDA here"),
        ],
    )


TRAINING_RECIPES = [p for p in RECIPE_YAMLS if p.stem.split("_")[0] != "eval"]
EVAL_RECIPES = [p for p in RECIPE_YAMLS if p.stem.split("_")[0] == "eval"]


def tiny_data(section, chats: Path, pairs: Path) -> Path:
    """The tiny file a section trains on: pairs for preference stages and for PPO with guide replies
    (its prompts must carry chosen / rejected replies), checked questions for GRPO (its verifiable
    rewards need them), chats otherwise."""
    if isinstance(section, GRPOConfig):
        checked = chats.parent / "checked_prompts.jsonl"
        if not checked.is_file():
            rows = [{"prompt": f"What is {a} plus {b}?", "check": {"answer": str(a + b)}} for a, b in ((2, 3), (4, 4))]
            checked.write_text("".join(json.dumps(row) + "\n" for row in rows))
        return checked
    guided = isinstance(section, PPOConfig) and section.ppo.guide_replies > 0
    return pairs if hasattr(section.data, "sources") or guided else chats


@pytest.mark.parametrize("path", [_run_param(p) for p in TRAINING_RECIPES])
def test_recipe_trains_two_steps_on_the_tiny_model(path, tiny_model_dir, tiny_chats_file, tiny_pairs_file, tmp_path):
    config_class, script, stage = STAGES[stage_of(path)]
    recipe = load_config(config_class, path)
    run_dir = tmp_path / "run"
    overrides = [f"run_dir={run_dir}"]
    if isinstance(recipe, PipelineConfig) and "eval" in recipe.stages:  # the tiny suite: a few short replies
        overrides.append(f"eval.suite={write_suite(tmp_path / 'suite')}")
        if not {"judge", "reward"} & set(recipe.stages):  # its judged task needs a judge the run does not train
            overrides.append(f"eval.judge={build_reward_model(tmp_path / 'eval-judge', tiny_model_dir)}")
    for name, section in stage_sections(recipe):
        data_file = tiny_data(section, tiny_chats_file, tiny_pairs_file)
        section_overrides = [
            item
            for item in tiny_overrides(section, tiny_model_dir, data_file, run_dir)
            if not item.startswith("run_dir=")
        ]  # one run_dir, set above
        if isinstance(section, PPOConfig) and not (name and "reward" in recipe.stages):  # else: the run's reward stage
            section_overrides.append(f"ppo.reward_model={build_reward_model(tmp_path / 'judge', tiny_model_dir)}")
        if name is not None:  # a pipeline: prefix each key; stages after sft start from its output
            chained = name != "sft" and "sft" in recipe.stages
            section_overrides = [
                f"{name}.{item}"
                for item in section_overrides
                if not (chained and item.startswith("model.name_or_path="))
            ]
        overrides += section_overrides
    command = [sys.executable, str(script), "--config", str(path), *overrides]
    done = subprocess.run(
        command, cwd=REPO, env=child_env(tmp_path / "cache"), capture_output=True, text=True, timeout=600
    )
    assert done.returncode == 0, f"{' '.join(command)}\n--- stderr ---\n{done.stderr[-4000:]}"
    assert "Traceback" not in done.stderr

    resolved = load_config(config_class, path, overrides)
    for name, expected in stage_sections(resolved):
        data_file = tiny_data(expected, tiny_chats_file, tiny_pairs_file)
        base = run_dir / "sft" if expected.model.name_or_path == str(run_dir / "sft") else tiny_model_dir
        check_stage_output(run_dir / (name or stage), type(expected), expected, data_file, base)
    if isinstance(resolved, PipelineConfig):
        lineage = json.loads((run_dir / "pipeline.json").read_text())
        assert {name: record["status"] for name, record in lineage["records"].items()} == dict.fromkeys(
            resolved.stages, "ran"
        )
        if "eval" in resolved.stages:
            check_eval_output(run_dir / "eval", resolved.eval)


@pytest.mark.parametrize("path", EVAL_RECIPES, ids=rel)
def test_eval_recipe_runs_on_tiny_models(path, tiny_model_dir, tiny_pairs_file, tmp_path):
    """An eval recipe through its entry script, its models swapped for the tiny one (twice, as two labels)."""
    recipe = load_config(EvalConfig, path)
    models = "{" + ", ".join(f"{label}: {tiny_model_dir}" for label in recipe.models) + "}"
    judge = build_reward_model(tmp_path / "judge", tiny_model_dir)
    overrides = [
        f"models={models}",
        f"suite={write_suite(tmp_path / 'suite')}",
        f"judge={judge}",
        f"out={tmp_path / 'report'}",
    ]
    command = [sys.executable, str(STAGES["eval"][1]), "--config", str(path), *overrides]
    env = {**child_env(tmp_path / "cache"), "OMP_NUM_THREADS": "1"}  # tiny models: threads only contend
    done = subprocess.run(command, cwd=REPO, env=env, capture_output=True, text=True, timeout=600)
    assert done.returncode == 0, f"{' '.join(command)}\n--- stderr ---\n{done.stderr[-4000:]}"
    check_eval_output(tmp_path / "report", load_config(EvalConfig, path, overrides))


def check_eval_output(out: Path, expected: EvalConfig) -> None:
    manifest = json.loads((out / "manifest.json").read_text())
    assert manifest["stage"] == "eval" and manifest["outputs"] == ["results.json", "report.html", "report.md"]
    assert load_config(EvalConfig, out / "config.yaml") == expected
    results = json.loads((out / "results.json").read_text())
    assert [model["label"] for model in results["models"]] == list(expected.models)
    assert results["suite"]["path"] == expected.suite
    assert (out / "report.html").is_file() and (out / "report.md").is_file()


def check_stage_output(stage_dir: Path, config_class, expected, data_file: Path, base_model: Path) -> None:
    manifest = json.loads((stage_dir / "manifest.json").read_text())
    assert manifest["stage"] == stage_dir.name
    assert manifest["metrics"]["steps"] == 2
    assert manifest["inputs"]["data"][0]["path"] == str(data_file)
    # The stage saved exactly the config the recipe plus overrides resolve to.
    assert load_config(config_class, stage_dir / "config.yaml") == expected

    assert (stage_dir / "adapter" / "adapter_config.json").is_file()
    assert (stage_dir / "adapter" / "adapter_model.safetensors").is_file()
    assert (stage_dir / "merged" / "model.safetensors").is_file() == expected.merge
    value = ["value/"] if isinstance(expected, PPOConfig) else []  # PPO also saves its value adapter + head
    assert manifest["outputs"] == ["adapter/", *value, *(["merged/"] if expected.merge else [])]
    # Saved under the tiny model's name, not the recipe's hub id; a stage's base is its merged model.
    adapter_config = json.loads((stage_dir / "adapter" / "adapter_config.json").read_text())
    base = Path(base_model).resolve()
    assert adapter_config["base_model_name_or_path"] == str(base / "merged" if (base / "merged").is_dir() else base)


def test_ppo_pipeline_sft_reads_the_harmless_pairs_as_chats_ending_in_their_chosen_reply():
    """pipeline_ppo's SFT reads the starter chats and the harmless pairs in one list, the format detected
    per file: each pair becomes its prompt plus its chosen reply (a refusal of a harmful request, a plain
    answer to a benign one that sounds risky), so PPO starts from a model that has seen both."""
    recipe = load_config(PipelineConfig, RECIPES / "smollm2-135m" / "pipeline_ppo.yaml")
    files = [str(REPO / name) for name in recipe.sft.data.train_files]
    starter = load_sft_examples(files[:1], recipe.sft.data.format)
    examples = load_sft_examples(files, recipe.sft.data.format)
    pairs = [json.loads(line) for line in (REPO / "preference_data" / "harmless" / "pairs.jsonl").open()]
    assert len(examples) == len(starter) + len(pairs)
    for example, pair in zip(examples[len(starter) :], pairs):
        assert example.messages == pair["prompt"] + pair["chosen"]
