"""The built wheel works outside this checkout (issue: a package that works anywhere).

Builds the wheel from a copy of the project's files (the checkout gets no build/ folder), installs
it into a fresh virtual environment and runs the `alignment` command of that environment from a
folder outside the checkout: `--version`, `data validate` on shipped data by name and by path, and
`init` followed by a two-step SFT of the project's recipe on the tiny model.

The fresh environment borrows the test environment's dependencies (torch, transformers, ...)
through a `.pth` path line, so the test needs no network; that line adds the folder to the
module search path without running the test environment's own `.pth` files, so the editable
install of this checkout is not importable there: `alignment` is the wheel's copy (asserted).
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import sysconfig
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent
PROJECT_FILES = ("pyproject.toml", "setup.py", "MANIFEST.in", "README.md")
PROJECT_FOLDERS = ("alignment", "preference_data", "evals", "recipes")


@pytest.fixture(scope="module")
def installed(tmp_path_factory) -> Path:
    """A fresh virtual environment with the built wheel installed; its bin/ folder."""
    root = tmp_path_factory.mktemp("wheel")
    source = root / "source"
    source.mkdir()
    for name in PROJECT_FILES:
        shutil.copy2(REPO / name, source / name)
    for name in PROJECT_FOLDERS:
        shutil.copytree(REPO / name, source / name, ignore=shutil.ignore_patterns("__pycache__", "*.pyc"))
    pip = [sys.executable, "-m", "pip", "--disable-pip-version-check", "-q"]
    wheels = root / "dist"
    subprocess.run(
        [*pip, "wheel", str(source), "--no-deps", "--no-build-isolation", "-w", str(wheels)],
        check=True,
        timeout=300,
    )
    (wheel,) = wheels.glob("alignment_suite-*.whl")
    venv = root / "venv"
    subprocess.run([sys.executable, "-m", "venv", "--without-pip", str(venv)], check=True, timeout=120)
    python = venv / "bin" / "python"
    subprocess.run([*pip, "--python", str(python), "install", "--no-deps", str(wheel)], check=True, timeout=300)
    site = subprocess.run(
        [str(python), "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])"],
        capture_output=True,
        text=True,
        check=True,
    ).stdout.strip()
    (Path(site) / "borrowed_dependencies.pth").write_text(sysconfig.get_paths()["purelib"] + "\n")
    return venv / "bin"


def run(bin_dir: Path, cwd: Path, *args: str) -> subprocess.CompletedProcess:
    env = {key: value for key, value in os.environ.items() if key not in ("PYTHONPATH", "VIRTUAL_ENV")}
    env.update(HF_HUB_OFFLINE="1", ALIGNMENT_CACHE=str(cwd / ".cache"), TOKENIZERS_PARALLELISM="false")
    env["PATH"] = f"{bin_dir}{os.pathsep}{env.get('PATH', '')}"
    return subprocess.run(
        [str(bin_dir / "alignment"), *args], cwd=cwd, env=env, capture_output=True, text=True, timeout=600
    )


def test_the_wheel_carries_the_shipped_data_and_runs_outside_the_checkout(installed, tmp_path):
    where = subprocess.run(
        [
            str(installed / "python"),
            "-c",
            "import alignment.config.stages as s; print(s.__file__); print(s.SHIPPED_ROOT)",
        ],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        check=True,
    ).stdout.split()
    venv = installed.parent
    assert Path(where[0]).is_relative_to(venv) and Path(where[1]).is_relative_to(venv)  # not this checkout
    assert (
        Path(where[1]).name == "_shipped" and (Path(where[1]) / "recipes" / "smollm2-135m" / "sft_lora.yaml").is_file()
    )

    done = run(installed, tmp_path, "--version")
    assert done.returncode == 0 and done.stdout.startswith("alignment-suite ")
    done = run(installed, tmp_path, "data", "validate", "preference_data:harmless")
    assert done.returncode == 0, done.stderr
    assert "harmless/pairs.jsonl: preference data" in done.stdout and "ranked.jsonl" in done.stdout
    done = run(installed, tmp_path, "data", "validate", "preference_data/helpful/pairs.jsonl")  # the shipped copy
    assert done.returncode == 0, done.stderr
    assert done.stdout.startswith("preference_data/helpful/pairs.jsonl: preference data")  # no such file here
    done = run(installed, tmp_path, "data", "validate", "preference_data:nope")
    assert done.returncode == 2 and "no shipped preference_data named 'nope'; shipped: harmless" in done.stderr


def test_init_then_a_two_step_sft_outside_the_checkout(installed, tmp_path, tiny_model_dir):
    done = run(installed, tmp_path, "init", "project")
    assert done.returncode == 0, done.stderr
    project = tmp_path / "project"
    # the project's own data is what its recipe reads: cut its SFT file to 40 chats
    starter = project / "preference_data" / "sft_starter" / "train.jsonl"
    starter.write_text("".join(starter.read_text(encoding="utf-8").splitlines(keepends=True)[:40]), encoding="utf-8")

    overrides = [
        f"model.name_or_path={tiny_model_dir}",
        "run_dir=runs/sft",
        "train.max_steps=2",
        "train.batch_size=2",
        "train.save_steps=2",
        "data.eval_fraction=0",
        "data.max_length=256",
        "adapter.last_layers=1",
    ]
    done = run(installed, project, "sft", "--config", "recipes/smollm2-135m/sft_lora.yaml", *overrides)
    assert done.returncode == 0, done.stderr[-3000:]
    stage = project / "runs" / "sft" / "sft"
    manifest = json.loads((stage / "manifest.json").read_text())
    assert [item["path"] for item in manifest["inputs"]["data"]] == ["preference_data/sft_starter/train.jsonl"]
    assert manifest["metrics"]["steps"] == 2
    assert manifest["metrics"]["data"]["read"] == 40  # the project's copy, not the shipped one
    assert (stage / "adapter" / "adapter_model.safetensors").is_file()

    again = run(installed, project, "init", ".")
    assert again.returncode == 2 and "already has preference_data, evals, recipes, README.md; nothing written" in (
        again.stderr
    )
