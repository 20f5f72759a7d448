"""An eval suite file (evals/*.yaml) -> a checked `SuiteConfig` and the prompts of each task.

    suite = load_suite("evals/default.yaml")          # ConfigError: unknown key / task, missing field
    items = task_items(suite.tasks[0])                 # DataError / AlignmentError: bad or empty file

Loading goes through the strict config loader (`alignment.config.load_config`), so a typo in the
suite is an error naming the key. On top of the types, this module checks what the dataclass
cannot: every task name is known (the error lists the valid ones), ids are unique, a generation
task names a prompt file, a `where` filter names columns the file has. Paths are relative to the
current directory, like every other path in this project's configs.
"""

from __future__ import annotations

import typing
from pathlib import Path

from alignment.config import PreferenceFormat, load_config
from alignment.config.eval import EvalTaskConfig, SuiteConfig
from alignment.core.errors import AlignmentError, ConfigError
from alignment.eval.prompt_files import read_prompt_file


def task_names() -> list[str]:
    from alignment.eval.tasks import TASKS

    return list(TASKS)


def load_suite(path: str | Path, overrides: list[str] | None = None) -> SuiteConfig:
    """The suite at `path` (plus dotted overrides), checked; ConfigError names file and key."""
    suite = load_config(SuiteConfig, path, overrides)
    if not suite.tasks:
        raise ConfigError(f"{path}: tasks is empty; list at least one of {', '.join(task_names())}")
    seen = set()
    for index, task in enumerate(suite.tasks):
        where = f"{path}: tasks[{index}]"
        if task.name not in task_names():
            raise ConfigError(f"{where}.name: unknown task '{task.name}'; valid tasks: {', '.join(task_names())}")
        if task_id(task) in seen:
            raise ConfigError(f"{where}.id: '{task_id(task)}' is used twice; give each entry a distinct id")
        seen.add(task_id(task))
        generates = task.name != "preference_accuracy"
        if generates and not task.prompt_file:
            raise ConfigError(f"{where}.prompt_file: {task.name} asks the models prompts; name a prompt file")
        if not generates and task.prompt_file:
            raise ConfigError(
                f"{where}.prompt_file: preference_accuracy scores preference pairs, not prompts; use preference_files"
            )
        formats = typing.get_args(PreferenceFormat)
        if task.preference_format not in formats:
            raise ConfigError(
                f"{where}.preference_format: '{task.preference_format}' is not one of {', '.join(formats)}"
            )
        if task.max_new_tokens < 0 or task.limit < 0:
            raise ConfigError(f"{where}: max_new_tokens and limit must be 0 (suite default / all) or positive")
    settings = suite.generation
    if settings.max_new_tokens < 1 or settings.batch_size < 1:
        raise ConfigError(f"{path}: generation.max_new_tokens and generation.batch_size must be at least 1")
    if settings.temperature < 0 or not 0 < settings.top_p <= 1:
        raise ConfigError(f"{path}: generation.temperature must be >= 0 and generation.top_p in (0, 1]")
    return suite


def task_id(task: EvalTaskConfig) -> str:
    return task.id or task.name


def max_new_tokens(suite: SuiteConfig, task: EvalTaskConfig) -> int:
    return task.max_new_tokens or suite.generation.max_new_tokens


def task_items(task: EvalTaskConfig) -> list:
    """The `EvalItem`s a generation task asks: the prompt file read, filtered by `where`, cut to `limit`
    items spread evenly over the file (items i * n // limit), so a subset keeps the mix of categories
    of a file whose categories come in blocks.
    An empty result is an error (a report over zero prompts would show empty rates as if measured)."""
    path = Path(task.prompt_file)
    if not path.exists():
        raise AlignmentError(f"{task.prompt_file}: prompt file of task {task_id(task)} not found")
    items = read_prompt_file(
        path, format=task.format, columns=task.columns or None, turns=task.turns, where=task.where or None
    )
    if not items:
        kept = f" after where {task.where}" if task.where else ""
        raise AlignmentError(f"{task.prompt_file}: no prompts{kept} (task {task_id(task)})")
    if not task.limit or task.limit >= len(items):
        return items
    return [items[index * len(items) // task.limit] for index in range(task.limit)]
