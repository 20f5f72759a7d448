"""`alignment init DIR`: a project folder to edit, outside any checkout.

    alignment init my-project      # my-project/{recipes,preference_data,evals}/ + README.md
    cd my-project && alignment sft --config recipes/smollm2-135m/sft_lora.yaml

Copies the shipped recipes, datasets (with their data cards) and eval suites from the installed
package (`stages.SHIPPED_ROOT`), so the recipes' relative paths find the project's own copies.
Nothing is written when any of those folders is already there.
"""

from __future__ import annotations

import argparse
import shutil
import tempfile
from pathlib import Path

from alignment.config.stages import SHIPPED_FOLDERS, SHIPPED_ROOT
from alignment.core.errors import AlignmentError

README = """# {name}

Made by `alignment init`: the shipped recipes, preference data and eval suites, to edit.
Run from this folder:

    alignment sft --config recipes/smollm2-135m/sft_lora.yaml
    alignment pipeline --config recipes/smollm2-135m/pipeline_dpo.yaml
    alignment data validate preference_data/helpful/pairs.jsonl

A recipe's paths are read from its own folder and the folders above it, so these recipes read
this folder's `preference_data/` and `evals/`. Outputs go to `run_dir` (runs/...) under the
current directory.
"""


def run(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(prog="alignment init", description=__doc__.strip().split("\n\n")[0])
    parser.add_argument("directory", metavar="DIR", help="the project folder (made if missing)")
    args = parser.parse_args(argv)
    target = Path(args.directory)
    taken = [name for name in (*SHIPPED_FOLDERS, "README.md") if (target / name).exists()]
    if taken:
        raise AlignmentError(f"{target}: already has {', '.join(taken)}; nothing written (choose an empty folder)")
    target.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=".alignment-init-", dir=target))
    try:  # copy aside, then move into place: an interrupted copy leaves no half-made folder
        for folder in SHIPPED_FOLDERS:
            shutil.copytree(
                SHIPPED_ROOT / folder, staging / folder, ignore=shutil.ignore_patterns("__pycache__", "*.pyc")
            )
        (staging / "README.md").write_text(README.format(name=target.resolve().name), encoding="utf-8")
        for name in (*SHIPPED_FOLDERS, "README.md"):
            (staging / name).rename(target / name)
    finally:
        shutil.rmtree(staging, ignore_errors=True)
    files = sum(1 for path in target.rglob("*") if path.is_file())
    print(f"[init] {target}: {', '.join(SHIPPED_FOLDERS)} and README.md ({files} files)")
    print(f"next: cd {target} && alignment sft --config recipes/smollm2-135m/sft_lora.yaml")
    return 0
