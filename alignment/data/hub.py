"""Datasets read through `datasets`: hub names (`{hub: org/name, subset, split, revision}` in a data
source) and local dataset folders loaded the same way, and one split of a saved `datasets` directory.

A source's `paths()` (alignment/config/stages.py) turns these into path strings that travel with
the files through the readers, the manifests and the skip checks:

    hub:Anthropic/hh-rlhf?subset=harmless-base&split=test&revision=main   -> datasets.load_dataset
    hub:/data/my-dataset-repo?split=train                                  -> the same, on a folder
    runs/saved-dataset?split=test                                          -> datasets.load_from_disk

    parse(path) -> Reference | None
    hub_rows(reference, name, problems) -> (location, row) per row, `name[split]:row N`
    fingerprint(path) -> sha256 of a local file or folder, or of the reference itself for a hub name

The Hub is often out of reach (offline machines, `HF_HUB_OFFLINE=1`): a hub name that cannot be
loaded is one problem that says so and suggests a local copy, never a traceback.
"""

from __future__ import annotations

import hashlib
import os
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import parse_qsl

from alignment.config.stages import HUB_PREFIX, REFERENCE_KEYS, shipped_path
from alignment.core.provenance import sha256_path


@dataclass(frozen=True)
class Reference:
    target: str
    """The hub name or local path."""
    hub: bool
    subset: str = ""
    split: str = ""
    revision: str = ""


def parse(path: str) -> Reference | None:
    """The reference a data path names, or None for a plain file or directory path."""
    text = str(path)
    hub = text.startswith(HUB_PREFIX)
    target, mark, query = text.removeprefix(HUB_PREFIX).partition("?")
    params = dict(parse_qsl(query, keep_blank_values=True)) if mark else {}
    if mark and not set(params) <= set(REFERENCE_KEYS):  # a '?' that is part of a file name
        target, params = text.removeprefix(HUB_PREFIX), {}
    if not hub and not params:
        return None
    return Reference(target, hub, **params)


def fingerprint(path: str) -> str:
    """What the manifest records for a data path: the bytes of a local file or folder, or, for a hub
    name (whose bytes are not read here), the reference itself: pin `revision` to make it mean a content."""
    reference = parse(path)
    local = Path(reference.target if reference else shipped_path(path))
    if local.exists():
        return sha256_path(local)
    return "reference:" + hashlib.sha256(str(path).encode()).hexdigest()


def exists(path: str) -> bool:
    """A local path that exists, or a hub dataset (a name or folder: checked when it is read)."""
    reference = parse(path)
    if reference is not None and reference.hub:
        return True
    return Path(reference.target if reference else shipped_path(path)).exists()


def hub_rows(reference: Reference, name: str, problems: list):
    """Rows of `datasets.load_dataset(target, subset, split=split or 'train', revision)`."""
    import datasets  # slow to import: only when a hub source is read

    split = reference.split or "train"
    label = reference.target + (f"/{reference.subset}" if reference.subset else "") + f"[{split}]"
    try:
        loaded = datasets.load_dataset(
            reference.target, reference.subset or None, split=split, revision=reference.revision or None
        )
    except ValueError as error:
        if "split" in str(error).lower():
            problems.append((name, "split", f"no split '{split}' in {label}: {_splits(reference)}"))
        else:
            problems.append((name, "hub", f"cannot load {label}: {_first_line(error)}"))
        return
    except Exception as error:  # offline, unknown name, missing subset: datasets raises many kinds
        problems.append((name, "hub", _load_failure(reference, label, error)))
        return
    for number, row in enumerate(loaded, start=1):
        yield f"{label}:row {number}", row


def _load_failure(reference: Reference, label: str, error: Exception) -> str:
    if not Path(reference.target).exists() and _offline(error):
        return (
            f"cannot load {label}: the Hugging Face Hub is not reachable (offline or HF_HUB_OFFLINE=1). "
            f"Where it is, save a copy (datasets.load_dataset('{reference.target}', ...).save_to_disk(DIR)) "
            "and give DIR in files:, or give a local dataset folder as hub:"
        )
    return f"cannot load {label}: {_first_line(error)}"


def _offline(error: Exception) -> bool:
    text = f"{type(error).__name__} {error}".lower()
    return os.environ.get("HF_HUB_OFFLINE") == "1" or any(
        word in text for word in ("offline", "connection", "couldn't reach", "resolve", "network")
    )


def _splits(reference: Reference) -> str:
    import datasets

    try:
        names = datasets.get_dataset_split_names(reference.target, reference.subset or None)
    except Exception:  # the split list itself may need the Hub
        return "set split: to one of the dataset's splits"
    return "it has " + ", ".join(f"'{name}'" for name in names)


def _first_line(error: Exception) -> str:
    return (str(error).strip().splitlines() or [type(error).__name__])[0]
