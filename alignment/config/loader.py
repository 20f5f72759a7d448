"""The strict config loader: YAML + dotted overrides -> typed dataclasses, and back to YAML.

`load_config(SFTConfig, "recipe.yaml", ["train.max_steps=4"])` reads the file, applies the
overrides, and checks every key and value against the dataclass fields before anything runs: an
unknown key fails naming its path and the nearest valid key, a value of the wrong type names the
expected type, an out-of-range value names its range (`config/ranges.py`). The dataclasses
themselves live in `config.py`, which re-exports these functions.

Input paths in a config file (`INPUT_PATH_KEYS`: data files, prompt files, the eval suite, a
`.jinja` template) are read relative to that file: from its folder, else from the nearest folder
above it that has the path (so `preference_data/...` in `recipes/x/y.yaml` is the project's), else
as written (the current directory, then the shipped data). A path found near the file but not the
same file from the current directory is stored absolute, so the saved `config.yaml` names what
was read. Paths given as command-line overrides are relative to the current directory. Shipped
names (`preference_data:harmless`, `evals:default`, `recipes:smollm2-135m/sft_lora`) become their
files (`stages.shipped_files`), and a config file named by a relative path into the shipped
folders that is not there from the working directory is read from the shipped copy, so the
shipped recipes run from any folder.
"""

from __future__ import annotations

import dataclasses
import difflib
import math
import re
import types
import typing
from pathlib import Path
from typing import Any, Literal

import yaml

from alignment.config.ranges import RANGES
from alignment.config.stages import HUB_PREFIX, shipped_files, shipped_path
from alignment.core.errors import ConfigError

# ---------------------------------------------------------------------------------------
# Loading


def load_config(cls: type, path: str | Path | None = None, overrides: list[str] | None = None):
    """Build `cls` from a YAML file plus `key.sub=value` overrides, strictly."""
    raw: dict = {}
    if path is not None:
        file = Path(shipped_path(str(path)))
        raw = _read_yaml(file)
        _map_input_paths(raw, lambda text: _near(text, file.parent.resolve()))
    for item in overrides or []:
        _apply_override(raw, item)
    _map_input_paths(raw, lambda text: text)
    return from_dict(cls, raw)


INPUT_PATH_KEYS = frozenset(
    {"files", "train_files", "probe_files", "prompt_files", "unpaired_files", "preference_files", "prompt_file"}
    | {"suite", "chat_template"}
)
"""Config keys (at any depth) whose values are files to read: resolved relative to their config file."""


def _map_input_paths(raw: dict, locate, seen: set | None = None) -> None:
    """Rewrite, in place, every input path under `raw`: shipped names become their files, then
    `locate(path)` places the rest. Sections and lists of sections (`sources`) are walked, each
    mapping once: YAML aliases can name one mapping 9**11 times (an alias bomb)."""
    seen = set() if seen is None else seen
    if id(raw) in seen:
        return
    seen.add(id(raw))
    for key, value in raw.items():
        if isinstance(value, dict):
            _map_input_paths(value, locate, seen)
        elif isinstance(value, list) and key not in INPUT_PATH_KEYS:
            for item in value:
                if isinstance(item, dict):
                    _map_input_paths(item, locate, seen)
        elif key in INPUT_PATH_KEYS and isinstance(value, list):
            raw[key] = [locate(path) for item in value for path in _expand(item, key)]
        elif key in INPUT_PATH_KEYS and isinstance(value, str) and value:
            raw[key] = locate(_expand(value, key, single=True)[0])


def _expand(item, key: str, single: bool = False) -> list:
    """A shipped name's files (ConfigError naming the key when unknown); anything else as it is."""
    if not isinstance(item, str):
        return [item]
    try:
        return shipped_files(item, single=single)
    except ConfigError as error:
        raise ConfigError(f"{key}: {error}") from None


def _near(text, folder: Path):
    """A relative input path as its config file means it: from `folder`, else from the nearest
    folder above that has it; as written when none has it (the current directory decides)."""
    if not isinstance(text, str):
        return text
    location, mark, query = text.partition("?")  # `DIR?split=test`
    relative = Path(location)
    if not location or text.startswith(HUB_PREFIX) or relative.is_absolute():
        return text
    for base in (folder, *folder.parents):
        candidate = base / relative
        if candidate.exists():
            same = relative.exists() and relative.resolve() == candidate.resolve()
            return text if same else str(candidate) + mark + query
    return text


def _read_yaml(path: Path) -> dict:
    if not path.is_file():
        raise ConfigError(f"{path}: config file not found")
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
    except yaml.YAMLError as error:
        raise ConfigError(f"{path}: not valid YAML: {error}") from None
    if data is None:
        return {}
    if not isinstance(data, dict):
        raise ConfigError(f"{path}: top level must be a mapping of keys, got {type(data).__name__}")
    return data


def _apply_override(raw: dict, item: str) -> None:
    """`train.max_steps=4` -> raw["train"]["max_steps"] = 4 (value parsed as YAML)."""
    key, sep, text = item.partition("=")
    if not sep or not key.strip():
        raise ConfigError(f"override {item!r}: expected KEY=VALUE, e.g. train.max_steps=4")
    try:
        value = yaml.safe_load(text) if text.strip() else ""
    except yaml.YAMLError:
        value = text
    node = raw
    parts = key.strip().split(".")
    for part in parts[:-1]:
        child = node.setdefault(part, {})
        if child is None:  # `train:` with every key commented out
            child = node[part] = {}
        if not isinstance(child, dict):
            raise ConfigError(f"override {item!r}: '{part}' is not a section")
        node = child
    node[parts[-1]] = value


def from_dict(cls: type, raw: Any, prefix: str = ""):
    """Check `raw` against dataclass `cls` and build it; errors name the dotted key path."""
    if not isinstance(raw, dict):
        raise ConfigError(f"{prefix.rstrip('.') or 'config'}: expected a mapping, got {_type_name(raw)}")
    fields = {f.name: f for f in dataclasses.fields(cls)}
    hints = typing.get_type_hints(cls)
    for key in raw:
        if key not in fields:
            raise ConfigError(_unknown_key_message(prefix, str(key), list(fields)))
    values = {}
    for name, value in raw.items():
        values[name] = _coerce(hints[name], value, f"{prefix}{name}")
    checks = [check for base in cls.__mro__ for check in RANGES.get(base.__name__, ())]
    for name, allowed, wanted in checks:
        if name in values and not allowed(values[name]):
            wanted = wanted(values[name]) if callable(wanted) else wanted  # a message that names the value's fix
            raise ConfigError(f"{prefix}{name}: must be {wanted}, got {values[name]!r}")
    return cls(**values)


def _unknown_key_message(prefix: str, key: str, valid: list[str]) -> str:
    message = f"unknown config key '{prefix}{key}'"
    close = difflib.get_close_matches(key, valid, n=1, cutoff=0.5)
    if close:
        message += f"; did you mean '{prefix}{close[0]}'?"
    section = prefix.rstrip(".") or "the top level"
    return message + f" (valid keys in {section}: {', '.join(valid)})"


def _coerce(hint: Any, value: Any, path: str) -> Any:
    """Return `value` if it fits `hint` (ints widen to floats), else raise ConfigError."""
    origin = typing.get_origin(hint)
    if dataclasses.is_dataclass(hint):
        # `train:` with every key commented out is YAML null: an empty section, like an empty file
        return from_dict(hint, {} if value is None else value, path + ".")
    if origin in (typing.Union, types.UnionType):
        options = typing.get_args(hint)
        if value is None and type(None) in options:
            return None
        errors = []
        for option in (o for o in options if o is not type(None)):
            try:
                return _coerce(option, value, path)
            except ConfigError as error:
                errors.append(str(error))
        raise ConfigError(f"{path}: expected {_hint_name(hint)}, got {_type_name(value)} {value!r}")
    if origin is Literal:
        choices = typing.get_args(hint)
        if value not in choices:
            close = difflib.get_close_matches(str(value), [str(c) for c in choices], n=1)
            hint_text = f"; did you mean '{close[0]}'?" if close else ""
            raise ConfigError(f"{path}: {value!r} is not one of {', '.join(map(str, choices))}{hint_text}")
        return value
    if origin is list:
        (item_hint,) = typing.get_args(hint)
        if not isinstance(value, list):
            raise ConfigError(f"{path}: expected {_hint_name(hint)}, got {_type_name(value)} {value!r}")
        return [_coerce(item_hint, item, f"{path}[{i}]") for i, item in enumerate(value)]
    if origin is dict:
        if not isinstance(value, dict):
            raise ConfigError(f"{path}: expected a mapping, got {_type_name(value)} {value!r}")
        key_hint, value_hint = typing.get_args(hint) or (Any, Any)
        return {
            _coerce(key_hint, key, f"{path} key {key!r}"): _coerce(value_hint, item, f"{path}.{key}")
            for key, item in value.items()
        }
    return _coerce_scalar(hint, value, path)


_SCIENTIFIC = re.compile(r"[-+]?(\d+\.?\d*|\.\d+)[eE][-+]?\d+")


def _coerce_scalar(hint: Any, value: Any, path: str) -> Any:
    # bool is a subclass of int: check it first so `max_steps: true` is rejected.
    if hint is bool:
        ok = isinstance(value, bool)
    elif hint is int:
        ok = isinstance(value, int) and not isinstance(value, bool)
    elif hint is float:
        # PyYAML follows YAML 1.1, which reads `1e-4` (no dot) as a string: accept that spelling.
        if isinstance(value, str) and _SCIENTIFIC.fullmatch(value.strip()):
            value = float(value)
        ok = isinstance(value, (int, float)) and not isinstance(value, bool)
        value = float(value) if ok else value
        if ok and not math.isfinite(value):  # YAML's .nan / .inf: no setting means them
            raise ConfigError(f"{path}: must be a finite number, got {value}")
    elif hint is str:
        ok = isinstance(value, str)
    elif hint is Any:
        ok = True
    else:
        raise TypeError(f"config field {path}: unsupported annotation {hint!r}")
    if not ok:
        raise ConfigError(f"{path}: expected {_hint_name(hint)}, got {_type_name(value)} {value!r}")
    return value


def _hint_name(hint: Any) -> str:
    origin = typing.get_origin(hint)
    if origin in (typing.Union, types.UnionType):
        return " or ".join(_hint_name(h) for h in typing.get_args(hint))
    if origin is list:
        item = typing.get_args(hint)[0]
        plural = {bool: "booleans", int: "integers", float: "numbers", str: "strings"}
        return f"a list of {plural.get(item, _hint_name(item))}"
    if hint is type(None):
        return "null"
    return {bool: "a boolean", int: "an integer", float: "a number", str: "a string"}.get(hint, str(hint))


def _type_name(value: Any) -> str:
    if value is None:
        return "null"
    return {bool: "boolean", int: "integer", float: "number", str: "string", list: "list", dict: "mapping"}.get(
        type(value), type(value).__name__
    )


# ---------------------------------------------------------------------------------------
# Writing


def to_dict(config: Any) -> dict:
    """Plain nested dict of a config dataclass (for YAML, JSON, hashing)."""
    return dataclasses.asdict(config)


def to_yaml(config: Any) -> str:
    return yaml.safe_dump(to_dict(config), sort_keys=False, default_flow_style=False)


def save_config(config: Any, path: str | Path) -> None:
    Path(path).write_text(to_yaml(config), encoding="utf-8")
