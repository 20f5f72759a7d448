"""Is a judge independent of the models it judges? Read from the stage manifests, never assumed.

    independence(judge_path, models) -> {"optimised_against": [labels], "shares_data_with": [labels],
                                         "independent_of": [labels], "unknown": [labels], "reasons": {label: text}}
    marks(identity, models) -> the same for a judge's results.json identity (any judge type)
    judge_line(task, identity, key_values) -> the report's line for one judge, marks included
    independence_text(entry) -> "not independent: optimised against it: ppo; ..." (one line for the report)

A judge's verdict on a policy is guaranteed by construction (Goodhart) when the policy was optimised
against it (PPO's `inputs.reward_model`), and biased when the two learnt from the same pairs (Gao
et al. 2022, arXiv:2210.10760). Both are read from `manifest.json` along each model's lineage: a
stage dir's manifest names its base model (`inputs.model`) and, for PPO, its reward model, each of
which may itself be a stage dir, and so on. Two stages share data when they read a file with the same path or
bytes, unless both read it
through the same judge split (`inputs.judge_split`: same fraction and seed) from different parts,
which are disjoint by prompt. A model without a manifest (a hub or embedded model) is `unknown`;
so is every model when the judge has none, except those optimised against it.
"""

from __future__ import annotations

import json
from pathlib import Path

MAX_DEPTH = 8  # lineages are a few stages long; this only stops a cycle of hand-edited manifests


def stage_dir(spec: str | None) -> Path | None:
    """The stage dir holding `spec` (the dir itself, or its merged/ or adapter/), or None."""
    if not spec:
        return None
    path = Path(spec).expanduser()
    for candidate in (path, path.parent):
        if (candidate / "manifest.json").is_file():
            return candidate.resolve()
    return None


def _manifest(directory: Path) -> dict:
    try:
        return json.loads((directory / "manifest.json").read_text(encoding="utf-8"))
    except (OSError, json.JSONDecodeError):
        return {}


def lineage(spec: str | None) -> list[tuple[Path, dict]]:
    """(stage dir, manifest) of the model and of every stage dir it descends from (its base model) or
    learnt from (PPO's reward model, whose pairs shaped its reward), nearest first."""
    found, queue = [], [stage_dir(spec)]
    while queue and len(found) < MAX_DEPTH:
        directory = queue.pop(0)
        if directory is None or directory in [seen for seen, _ in found]:
            continue
        manifest = _manifest(directory)
        found.append((directory, manifest))
        inputs = manifest.get("inputs") or {}
        model = inputs.get("model") or {}
        queue += [
            stage_dir(model.get("name")) or stage_dir(model.get("path")),
            stage_dir((inputs.get("reward_model") or {}).get("path")),
        ]
    return found


def _reads(manifest: dict) -> list[tuple[dict, dict | None]]:
    inputs = manifest.get("inputs") or {}
    return [(item, inputs.get("judge_split")) for item in inputs.get("data") or []]


def _same_file(first: dict, second: dict) -> bool:
    same_bytes = bool(first.get("sha256")) and first.get("sha256") == second.get("sha256")
    return first.get("path") == second.get("path") or same_bytes


def _disjoint(first: dict | None, second: dict | None) -> bool:
    """Both read through the same split (fraction, seed) from different parts: no prompt in common."""
    if not first or not second:
        return False
    return (
        (first.get("fraction"), first.get("seed")) == (second.get("fraction"), second.get("seed"))
        and first.get("fraction", 0) > 0
        and first.get("part") != second.get("part")
    )


def shared_files(model_lineage: list, judge_lineage: list) -> list[str]:
    """Data files a stage of the model's lineage read that a stage of the judge's lineage read too,
    not separated by the judge split."""
    shared = []
    for _, model_manifest in model_lineage:
        for item, split in _reads(model_manifest):
            for _, judge_manifest in judge_lineage:
                for judge_item, judge_split in _reads(judge_manifest):
                    if (
                        _same_file(item, judge_item)
                        and not _disjoint(split, judge_split)
                        and item.get("path") not in shared
                    ):
                        shared.append(item.get("path"))
    return shared


def optimised_against(model_lineage: list, judge_dir: Path | None, judge_spec: str) -> str | None:
    """The stage of the model's lineage that was optimised against the judge (its reward model), if any."""
    for directory, manifest in model_lineage:
        reward = ((manifest.get("inputs") or {}).get("reward_model") or {}).get("path")
        if not reward:
            continue
        reward_dir = stage_dir(reward)
        same_path = Path(reward).expanduser() == Path(judge_spec).expanduser()
        if same_path or (judge_dir is not None and reward_dir == judge_dir):
            return directory.name
    return None


def independence(judge_spec: str, models: dict[str, str]) -> dict:
    """How the judge at `judge_spec` relates to each model (label -> spec), with a reason per label."""
    judge_dir = stage_dir(judge_spec)
    judge_lineage = lineage(judge_spec)
    result = {"optimised_against": [], "shares_data_with": [], "independent_of": [], "unknown": [], "reasons": {}}
    for label, spec in models.items():
        model_lineage = lineage(spec)
        stage = optimised_against(model_lineage, judge_dir, judge_spec)
        if stage is not None:
            result["optimised_against"].append(label)
            result["reasons"][label] = f"its {stage} stage was trained to maximise this judge's score"
            continue
        if judge_dir is not None and judge_dir in [directory for directory, _ in model_lineage]:
            result["shares_data_with"].append(label)
            result["reasons"][label] = "the judge is one of its own stages"
            continue
        if not model_lineage or not judge_lineage:
            result["unknown"].append(label)
            missing = "the model" if not model_lineage else "the judge"
            result["reasons"][label] = f"{missing} has no stage manifest, so its training data is not known here"
            continue
        shared = shared_files(model_lineage, judge_lineage)
        if shared:
            result["shares_data_with"].append(label)
            result["reasons"][label] = f"it and the judge learnt from {', '.join(shared)}"
        else:
            result["independent_of"].append(label)
            result["reasons"][label] = "no training file in common outside the judge split, not optimised against it"
    return result


def marks(identity: dict, models: dict[str, str]) -> dict:
    """results.json `judges[task].independence` for a judge's identity: from the manifests for a local
    reward model; an HTTP judge is served elsewhere, so no stage here trained against it or on its data."""
    if identity.get("type") == "reward_model" and identity.get("path"):
        return independence(identity["path"], models)
    labels = list(models)
    return {
        "optimised_against": [],
        "shares_data_with": [],
        "independent_of": labels,
        "unknown": [],
        "reasons": dict.fromkeys(labels, f"a {identity.get('type', 'remote')} judge that no stage here trained"),
    }


def independence_text(entry: dict) -> str:
    """One line for the report next to the judge: what it is not independent of, and of whom it is."""
    marks = entry.get("independence")
    if not marks:
        return ""
    parts = []
    if marks.get("optimised_against"):
        parts.append(f"optimised against it: {', '.join(marks['optimised_against'])}")
    if marks.get("shares_data_with"):
        parts.append(f"shares training data with: {', '.join(marks['shares_data_with'])}")
    head = "NOT INDEPENDENT: " + "; ".join(parts) if parts else "independent"
    if marks.get("independent_of"):
        head += f"; independent of: {', '.join(marks['independent_of'])}"
    if marks.get("unknown"):
        head += f"; provenance unknown: {', '.join(marks['unknown'])}"
    return head


def judge_line(task: str, identity: dict, key_values) -> str:
    """The report's judge line, `helpful_judged: type=reward_model, path=... [NOT INDEPENDENT: ...]`;
    `key_values` renders the identity without the marks (the report's own `key=value` style)."""
    shown = {key: value for key, value in identity.items() if key != "independence"}
    marks = independence_text(identity)
    return f"{task}: {key_values(shown)}" + (f" [{marks}]" if marks else "")
