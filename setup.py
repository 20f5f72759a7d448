"""Build hook (the project's metadata is in pyproject.toml): a built wheel carries the shipped
`preference_data/`, `evals/` and `recipes/` inside the package, as `alignment/_shipped/`, where
`alignment.config.stages` finds them once the package is installed outside this checkout. An
editable install (`pip install -e .`, what scripts/install.sh does) reads the checkout itself."""

import shutil
from pathlib import Path

from setuptools import setup
from setuptools.command.build_py import build_py

SHIPPED_FOLDERS = ("preference_data", "evals", "recipes")  # alignment/config/stages.py names the same


class BuildWithShippedData(build_py):
    def run(self):
        super().run()
        if self.editable_mode:
            return
        root = Path(__file__).resolve().parent
        target = Path(self.build_lib) / "alignment" / "_shipped"
        ignore = shutil.ignore_patterns("__pycache__", "*.pyc")
        for folder in SHIPPED_FOLDERS:
            shutil.copytree(root / folder, target / folder, dirs_exist_ok=True, ignore=ignore)


setup(cmdclass={"build_py": BuildWithShippedData})
