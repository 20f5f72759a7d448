"""Model specs -> loaded models: each distinct base loaded once, LoRA adapters switched on it.

Input: `{label: spec}` from `alignment eval --model label=spec`. A spec is the embedded name
(`smollm2-135m-instruct`), a model dir, a stage dir (`<run_dir>/sft`: `adapter/` and/or `merged/`
plus `manifest.json`), an adapter dir, or a hub id. Each label resolves to (base, adapter or None):

- an adapter's base is what its `adapter_config.json` names (`models.make_adapter_portable` writes
  the name the user trained from: a stage dir path or the embedded name), resolved by
  `models.resolve_model_dir`;
- a stage dir with both weights is served as its adapter on that base when the base is shared
  with another label, else as `merged/` (no LoRA compute per token);
- sharing rule: a stage dir whose `merged/` is another label's base is that base with the adapter
  disabled. In the quickstart (`base`, `sft`, `dpo`) DPO's adapter sits on `sft/merged`, so
  `sft` = that base with the adapter off, `dpo` = the same base with it on, and the embedded
  SmolLM2 is the one other base: two bases in memory, not three.

Reward models (a SEQ_CLS adapter, a `*ForSequenceClassification` model) are `kind() == "reward"`:
the pool never loads them as language models (the runner scores with scoring.load_reward_model).

Output: `use(label)` yields `(model, tokenizer)` with that label's adapter active; `identity(label)`
gives a sha256 of the weights (base + adapter bytes) that keys the generation cache.
"""

from __future__ import annotations

import hashlib
import json
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from peft import PeftModel

from alignment.config import ModelConfig
from alignment.core.errors import ModelLoadError
from alignment.core.provenance import sha256_file
from alignment.models import loading as models

_hash_cache: dict[str, tuple[tuple, str]] = {}  # dir -> (file sizes and mtimes, sha256): hash once per process


@dataclass
class _Resolved:
    spec: str
    kind: str  # "policy" | "reward"
    base: str  # the base location (resolved dir, or hub id)
    adapter: Path | None  # LoRA adapter dir on top of `base`, or None
    merged: Path | None = None  # a stage dir's merged/ (the other way to serve it)
    tokenizer_source: str = ""  # where this label's tokenizer (chat template) lives


class ModelPool:
    """Labels -> (model, tokenizer); nothing is loaded until `use`. Resolving checks every spec
    (missing dirs, tokenizers without a chat template) up front, so bad input fails before any
    generation starts."""

    def __init__(self, specs: dict[str, str], dtype: str = "auto"):
        self.specs = dict(specs)
        self.dtype = dtype
        resolved = {label: _resolve(label, spec) for label, spec in self.specs.items()}
        self._resolved = _share_bases(resolved)
        self._tokenizers: dict[str, object] = {}
        self._bases: dict[str, object] = {}  # base location -> loaded (Peft)model
        self._adapter_names: dict[str, str] = {}  # label -> peft adapter name
        for label, item in self._resolved.items():
            if item.kind == "policy":
                self._tokenizer(label)

    def kind(self, label: str) -> str:
        return self._get(label).kind

    def identity(self, label: str) -> dict:
        item = self._get(label)
        digest = hashlib.sha256(_weights_sha256(item.base).encode())
        if item.adapter is not None:
            digest.update(_adapter_sha256(item.adapter).encode())
        return {
            "label": label,
            "spec": item.spec,
            "base": item.base,
            "adapter": str(item.adapter) if item.adapter else None,
            "sha256": digest.hexdigest(),
        }

    @contextmanager
    def use(self, label: str):
        """(model, tokenizer) with this label's adapter on, or every adapter off for a bare base."""
        item = self._get(label)
        if item.kind == "reward":
            raise ModelLoadError(f"model '{label}' ({item.spec}) is a reward model: it scores text, it cannot generate")
        model = self._model(label)
        tokenizer = self._tokenizer(label)
        if item.adapter is not None:
            model.set_adapter(self._adapter_names[label])
            yield model, tokenizer
        elif isinstance(model, PeftModel):  # other labels' adapters sit on this base
            with model.disable_adapter():
                yield model, tokenizer
        else:
            yield model, tokenizer

    def close(self) -> None:
        import gc

        import torch

        self._bases.clear()
        self._adapter_names.clear()
        gc.collect()
        if torch.cuda.is_available():
            torch.cuda.empty_cache()

    # -------------------------------------------------------------------------------------

    def _get(self, label: str) -> _Resolved:
        if label not in self._resolved:
            raise ModelLoadError(f"no model labelled '{label}' (have: {', '.join(self._resolved)})")
        return self._resolved[label]

    def _model(self, label: str):
        item = self._resolved[label]
        if item.base not in self._bases:
            model, _ = models.load_for_inference(item.base, dtype=self.dtype)
            self._bases[item.base] = model
        if item.adapter is not None and label not in self._adapter_names:
            name = f"adapter_{len(self._adapter_names)}"  # peft names must be plain identifiers
            self._bases[item.base] = models.attach_adapter(self._bases[item.base], item.adapter, name)
            self._bases[item.base].eval()
            self._adapter_names[label] = name
        return self._bases[item.base]

    def _tokenizer(self, label: str):
        item = self._resolved[label]
        if item.tokenizer_source not in self._tokenizers:
            config = ModelConfig(name_or_path=item.tokenizer_source, dtype=self.dtype)
            try:
                tokenizer = models.load_tokenizer(item.tokenizer_source, config, require_chat_template=False)
            except ModelLoadError as error:
                raise ModelLoadError(f"model '{label}' ({item.spec}): {error}") from None
            if not tokenizer.chat_template:
                raise ModelLoadError(
                    f"model '{label}' ({item.spec}): the tokenizer has no chat template; pick an instruct/chat model"
                )
            self._tokenizers[item.tokenizer_source] = tokenizer
        return self._tokenizers[item.tokenizer_source]


# ---------------------------------------------------------------------------------------
# Resolving specs


def _resolve(label: str, spec: str) -> _Resolved:
    if spec in models.EMBEDDED_MODELS:
        base = _base_location(label, spec, spec)
        return _Resolved(spec, "policy", base, None, tokenizer_source=base)
    path = Path(spec).expanduser()
    if not path.exists():
        if spec.startswith((".", "/", "~")) or spec.count("/") > 1:
            raise ModelLoadError(
                f"model '{label}': {spec} does not exist (expected an embedded model name, "
                "a model dir, a stage dir or an adapter dir)"
            )
        return _Resolved(spec, "policy", spec, None, tokenizer_source=spec)  # a hub id
    if not path.is_dir():
        raise ModelLoadError(f"model '{label}': {spec} is a file, not a model directory")
    if models.is_adapter_dir(path):
        return _adapter_form(label, spec, path)
    merged = path / "merged" if (path / "merged" / "config.json").is_file() else None
    adapter = path / "adapter" if models.is_adapter_dir(path / "adapter") else None
    if merged is None and adapter is None:
        if not (path / "config.json").is_file():
            raise ModelLoadError(
                f"model '{label}': {spec} holds no model (expected config.json, "
                "adapter_config.json, or a stage dir's merged/ or adapter/)"
            )
        base = _base_location(label, spec, str(path))
        return _Resolved(spec, "reward" if _is_reward_model(path) else "policy", base, None, tokenizer_source=base)
    if merged is not None and (_is_reward_model(merged) or adapter is None):
        return _merged_form(spec, merged)
    try:
        resolved = _adapter_form(label, spec, adapter)
    except ModelLoadError:
        if merged is None:
            raise
        resolved = None  # the adapter's base is gone: merged/ holds the same weights
    if merged is not None and (resolved is None or not Path(resolved.base).is_dir()):
        return _merged_form(spec, merged)  # no local base to share (a hub id offline): merged/ is self-contained
    resolved.merged = merged
    return resolved


def _merged_form(spec: str, merged: Path) -> _Resolved:
    location = str(merged.resolve())
    kind = "reward" if _is_reward_model(merged) else "policy"
    return _Resolved(spec, kind, location, None, merged=merged, tokenizer_source=location)


def _adapter_form(label: str, spec: str, adapter: Path) -> _Resolved:
    config = json.loads((adapter / "adapter_config.json").read_text())
    kind = "reward" if config.get("task_type") == "SEQ_CLS" else "policy"
    base_name = models.training_base(adapter)
    if not base_name:
        raise ModelLoadError(f"model '{label}': {adapter}/adapter_config.json names no base_model_name_or_path")
    base = _base_location(label, spec, base_name)
    own_tokenizer = (adapter / "tokenizer_config.json").is_file()
    return _Resolved(
        spec, kind, base, adapter.resolve(), tokenizer_source=str(adapter.resolve()) if own_tokenizer else base
    )


def _base_location(label: str, spec: str, name: str) -> str:
    """A base's canonical location (absolute dir, or hub id), via models.resolve_model_dir."""
    try:
        location = models.resolve_model_dir(ModelConfig(name_or_path=name))
    except ModelLoadError as error:
        raise ModelLoadError(f"model '{label}' ({spec}): {error}") from None
    return str(Path(location).resolve()) if Path(location).is_dir() else location


def _is_reward_model(model_dir: Path) -> bool:
    try:
        models.refuse_reward_model(model_dir)
    except ModelLoadError:
        return True
    return False


def _share_bases(resolved: dict[str, _Resolved]) -> dict[str, _Resolved]:
    """Pick, for stage dirs that hold both adapter/ and merged/, the form that shares a base.

    1. Sharing rule: a stage dir whose merged/ is another label's base becomes that base, bare.
    2. A stage dir left on an adapter whose base no other label uses is served as merged/ instead:
       the same weights without the per-token LoRA cost, and no extra memory."""
    policy = {label: item for label, item in resolved.items() if item.kind == "policy"}
    bases_by_label = {label: item.base for label, item in policy.items()}
    for label, item in policy.items():
        if item.merged is None or item.adapter is None:
            continue
        merged = str(item.merged.resolve())
        if any(base == merged for other, base in bases_by_label.items() if other != label):
            policy[label] = _merged_form(item.spec, item.merged)
    for label, item in policy.items():
        if item.merged is None or item.adapter is None:
            continue
        if not any(other.base == item.base for name, other in policy.items() if name != label):
            policy[label] = _merged_form(item.spec, item.merged)
    return {label: policy.get(label, item) for label, item in resolved.items()}


# ---------------------------------------------------------------------------------------
# Weight identity


def _weights_sha256(location: str) -> str:
    """sha256 of every file in a model dir (hashed once per process unless a file changes);
    a hub id has no local bytes, so its name stands in."""
    path = Path(location)
    if not path.is_dir():
        return hashlib.sha256(f"hub:{location}".encode()).hexdigest()
    files = sorted(p for p in path.rglob("*") if p.is_file())
    signature = tuple((str(p.relative_to(path)), p.stat().st_size, p.stat().st_mtime_ns) for p in files)
    cached = _hash_cache.get(str(path))
    if cached and cached[0] == signature:
        return cached[1]
    digest = hashlib.sha256()
    for file in files:
        digest.update(str(file.relative_to(path)).encode())
        digest.update(sha256_file(file).encode())
    _hash_cache[str(path)] = (signature, digest.hexdigest())
    return digest.hexdigest()


def _adapter_sha256(adapter: Path) -> str:
    """Adapter bytes, without the base path written into adapter_config.json (the base is hashed
    on its own), so a run dir moved elsewhere keeps its identity and its cached generations."""
    digest = hashlib.sha256()
    for file in sorted(p for p in adapter.rglob("*") if p.is_file() and p.name != "README.md"):
        digest.update(str(file.relative_to(adapter)).encode())
        if file.name == "adapter_config.json":
            config = json.loads(file.read_text())
            config.pop("base_model_name_or_path", None)
            digest.update(json.dumps(config, sort_keys=True).encode())
        else:
            digest.update(sha256_file(file).encode())
    return digest.hexdigest()
