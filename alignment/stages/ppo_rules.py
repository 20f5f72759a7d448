"""PPO's rule rewards: `module:function` or `file.py:function` names loaded as weighted callables.

    load_rule_rewards({"alignment.rewards:harmful_refusal": 2.0}) -> [(name, fn(messages, reply, metadata), weight)]
"""

from __future__ import annotations

import importlib
import importlib.util
import inspect
from pathlib import Path

from alignment.errors import ConfigError


def load_rule_rewards(spec: dict[str, float]) -> list[tuple[str, object, float]]:
    """`module:function` or `path/to/file.py:function` -> (name, callable, weight); errors name the key."""
    rules = []
    for name, weight in spec.items():
        where, _, function = name.rpartition(":")
        if not where or not function:
            raise ConfigError(f"ppo.rule_rewards: '{name}' must be module:function or file.py:function")
        try:
            if where.endswith(".py"):
                module_spec = importlib.util.spec_from_file_location(Path(where).stem, where)
                module = importlib.util.module_from_spec(module_spec)
                module_spec.loader.exec_module(module)
            else:
                module = importlib.import_module(where)
            rules.append((name, _with_metadata(getattr(module, function)), weight))
        except (ImportError, FileNotFoundError, AttributeError, SyntaxError) as error:
            raise ConfigError(f"ppo.rule_rewards: cannot load '{name}': {type(error).__name__}: {error}") from None
    return rules


def _with_metadata(function):
    """fn(messages, reply, metadata) for every rule; rules without a `metadata` parameter ignore the row's fields."""
    try:
        if "metadata" in inspect.signature(function).parameters:
            return function
    except (TypeError, ValueError):  # a builtin without an introspectable signature
        pass
    return lambda messages, reply, metadata: function(messages, reply)
