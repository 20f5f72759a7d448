"""A stage's preference data from its sources: load, deduplicate, split by prompt, fit to length, weight
(and, for SFT, the chats of its sources: `load_sft_mixture`).

Input: `PreferenceDataConfig` (sources with files, format, weight and column mapping; ranking rule,
test fraction, max length and truncation, deduplication, seed) and the stage's tokenizer.
Output: `PreferenceData`: train and test `PreferencePair`s, each tagged with its source's subset
name, and a report of what was read, held out, cut and dropped, and why.

The order matters:
1. Load every source. Problems from all sources are collected and raised together before anything
   is written, as `file:line: field: problem`.
1b. Keep one side of the judge split (`data.judge_split`, `judge_split.py`): the judge stage reads
   only the judge part's prompts, every other stage only the rest; what went is counted per source.
2. Split each source by prompt. Whole prompts go to test, so the pairs a ranked list expands into
   never straddle the split. The split depends only on the seed and the source's own rows, so
   adding a source does not reshuffle another source's test set. A prompt held out by any source
   is then removed from every source's training part: no test prompt is trained on.
3. Fit pairs whose prompt + reply is longer than `max_length` tokens under the stage's tokenizer, as
   `data.truncation` says (`truncation.py`: by default the prompt is cut from the left and the
   replies at their end, and the pair stays), counting each cut and each drop by reason. Dropping
   every pair is an error, not an empty run.
4. Weight the training part of each source: weight 0.5 keeps a seeded half, 2 repeats it twice,
   2.5 twice plus a seeded half. The test part is never weighted, so test metrics describe the
   data as it is.
"""

from __future__ import annotations

import json
import math
import random
from collections import Counter
from dataclasses import dataclass, field, replace
from pathlib import Path

from alignment.config import DataSourceConfig, PreferenceDataConfig
from alignment.core.errors import ConfigError, DataError
from alignment.data import judge_split
from alignment.data.dedup import distinct
from alignment.data.preference import PreferencePair, load_preference_pairs
from alignment.data.prompts import load_prompts
from alignment.data.sft import load_sft_examples
from alignment.data.truncation import MODES, fit_pair


@dataclass
class SourceReport:
    name: str
    read: int = 0
    """Pairs loaded (after ranked lists were expanded)."""
    train: int = 0
    """Training pairs after weighting and length filtering."""
    test: int = 0
    """Held-out pairs after length filtering."""
    dropped: Counter = field(default_factory=Counter)
    """Pairs removed, by reason."""
    cut: int = 0
    """Pairs kept after a cut to fit `max_length` (counted once each, before weighting)."""
    truncated: Counter = field(default_factory=Counter)
    """What those cuts cut: the prompt, a reply, or both (a pair may count under both)."""


@dataclass
class PreferenceData:
    train: list[PreferencePair]
    test: list[PreferencePair]
    sources: list[SourceReport]
    judge_split: judge_split.SplitReport | None = None
    """What the judge split kept and excluded (None when data.judge_split.fraction is 0)."""

    def summary(self) -> str:
        """One line per source, e.g. `helpful: 1200 pairs read -> 1077 train, 120 test; cut 3 (3 reply cut
        at the end); dropped 2 (2 duplicate of an earlier pair)`."""
        lines = []
        for report in self.sources:
            line = f"{report.name}: {report.read} pairs read -> {report.train} train, {report.test} test"
            if report.truncated:
                reasons = ", ".join(f"{count} {reason}" for reason, count in sorted(report.truncated.items()))
                line += f"; cut {report.cut} to fit max_length ({reasons})"
            if report.dropped:
                reasons = ", ".join(f"{count} {reason}" for reason, count in sorted(report.dropped.items()))
                line += f"; dropped {sum(report.dropped.values())} ({reasons})"
            lines.append(line)
        if self.judge_split is not None:
            lines.append(self.judge_split.line("pairs"))
        return "\n".join(lines)


def source_name(source) -> str:
    """A source's name (`DataSourceConfig` or `SFTSourceConfig`): its own, else its hub name or first file's stem."""
    if source.name:
        return source.name
    if source.files:
        return Path(source.files[0]).stem
    if source.hub:
        return Path(source.hub.rstrip("/")).name + (f"-{source.subset}" if source.subset else "")
    raise ConfigError("a data source has no files and no hub dataset")


def load_preference_data(config: PreferenceDataConfig, tokenizer) -> PreferenceData:
    """Train/test pairs for a stage; `DataError` (nothing written) if any source has bad rows."""
    _check_config(config)
    loaded, duplicates = _deduplicate(_load_sources(config)) if config.deduplicate else (_load_sources(config), {})
    loaded, split = _judge_side(loaded, config.judge_split)
    splits = [
        split_by_prompt(pairs, config.test_fraction, f"{config.seed}/{source_name(source)}") for source, pairs in loaded
    ]
    # a prompt held out by one source must not be trained on through another source
    held_out = {prompt_key(pair) for _, test_part in splits for pair in test_part}
    train, test, reports = [], [], []
    for (source, pairs), (source_train, source_test) in zip(loaded, splits):
        other_side = split.excluded_by_source.get(source_name(source), 0)
        copies = duplicates.get(source_name(source), 0)
        report = SourceReport(source_name(source), read=len(pairs) + other_side + copies)
        if other_side:
            report.dropped[split.reason] += other_side
        if copies:
            report.dropped[DUPLICATE] += copies
        kept = [pair for pair in source_train if prompt_key(pair) not in held_out]
        if len(kept) != len(source_train):
            report.dropped["prompt held out by another source"] += len(source_train) - len(kept)
        source_train = fit_to_length(tokenizer, kept, config.max_length, config.truncation, report)
        source_test = fit_to_length(tokenizer, source_test, config.max_length, config.truncation, report)
        # weighting comes last: dropped counts are distinct pairs, and copies are not tokenised twice
        source_train = apply_weight(source_train, source.weight, f"{config.seed}/{report.name}/weight")
        report.train, report.test = len(source_train), len(source_test)
        train.extend(source_train)
        test.extend(source_test)
        reports.append(report)
    if not train:
        raise DataError(
            [
                (
                    ", ".join(source.paths()[0] for source, _ in loaded),
                    "-",
                    f"no training pairs left after filtering (max_length={config.max_length} tokens, "
                    f"truncation={config.truncation}): "
                    + "; ".join(_dropped_text(report) for report in reports)
                    + "; raise data.max_length?",
                )
            ]
        )
    return PreferenceData(train, test, reports, split.report)


@dataclass
class _Side:
    report: judge_split.SplitReport | None
    excluded_by_source: dict
    reason: str


def _judge_side(loaded: list, split) -> tuple[list, _Side]:
    """Each source's pairs on this stage's side of the judge split (all of them at fraction 0)."""
    judge_split.check(split, "data")
    reason = "prompt outside the judge part" if split.part == "judge" else "prompt in the judge part"
    if split.fraction <= 0:
        return loaded, _Side(None, {}, reason)
    total = judge_split.SplitReport(split)
    kept_sources, excluded = [], {}
    for source, pairs in loaded:
        kept, report = judge_split.apply(pairs, lambda pair: pair.prompt, split)
        total.kept += report.kept
        total.excluded += report.excluded
        total.judge_prompts |= report.judge_prompts
        excluded[source_name(source)] = report.excluded
        kept_sources.append((source, kept))
    return kept_sources, _Side(total, excluded, reason)


DUPLICATE = "duplicate of an earlier pair"


def _deduplicate(loaded: list) -> tuple[list, dict[str, int]]:
    """Each source's pairs without those identical to an earlier pair of any source; copies per source."""
    seen: set[str] = set()
    kept_sources, copies = [], {}
    for source, pairs in loaded:
        kept = distinct(pairs, lambda pair: [pair.prompt, pair.chosen, pair.rejected], seen)
        copies[source_name(source)] = len(pairs) - len(kept)
        kept_sources.append((source, kept))
    return kept_sources, copies


def _dropped_text(report: SourceReport) -> str:
    return f"{report.name}: {sum(report.dropped.values())} of {report.read} dropped"


def _check_config(config: PreferenceDataConfig) -> None:
    if not config.sources:
        raise ConfigError("data.sources is empty; list at least one source with files")
    if not 0.0 <= config.test_fraction < 1.0:
        raise ConfigError(f"data.test_fraction must be in [0, 1), got {config.test_fraction}")
    if config.max_length < 2:
        raise ConfigError(f"data.max_length must be at least 2 tokens, got {config.max_length}")
    if config.truncation not in MODES:
        raise ConfigError(f"data.truncation must be one of {', '.join(MODES)}, got {config.truncation!r}")
    check_weights(config.sources, "data.sources")


def check_weights(sources: list, key: str) -> None:
    """Each source has files or a hub dataset, a finite weight >= 0 (not all 0) and a distinct name."""
    for index, source in enumerate(sources):
        if not source.files and not source.hub:
            raise ConfigError(f"{key}[{index}] has no files and no hub dataset; give files: or hub:")
        if (source.subset or source.revision) and not source.hub:
            raise ConfigError(f"{key}[{index}]: subset and revision apply to a hub dataset; give hub:")
        if not math.isfinite(source.weight) or source.weight < 0:
            raise ConfigError(f"{key}[{index}].weight must be a finite number >= 0, got {source.weight}")
    if all(source.weight == 0 for source in sources):
        raise ConfigError("every data source has weight 0; nothing would be trained on")
    names = [source_name(source) for source in sources]
    repeated = sorted({name for name in names if names.count(name) > 1})
    if repeated:
        raise ConfigError(f"{key}: subset name(s) {', '.join(repeated)} used twice; give each source a distinct name")


def _load_sources(config: PreferenceDataConfig) -> list[tuple[DataSourceConfig, list[PreferencePair]]]:
    """Every source's pairs, each tagged with its source's name; the problems of all sources are raised together."""

    def load(paths: list[str], fmt: str, columns: dict) -> list[PreferencePair]:
        return load_preference_pairs(paths, fmt, config.ranking, config.min_score_gap, columns)

    loaded = _load_each(config.sources, load)
    for source, pairs in zip(config.sources, loaded):
        name = source_name(source)
        for pair in pairs:
            pair.subset = name
    return list(zip(config.sources, loaded))


def prompt_key(pair: PreferencePair) -> str:
    return json.dumps(pair.prompt, ensure_ascii=False, sort_keys=True)


def split_by_prompt(
    pairs: list[PreferencePair], test_fraction: float, seed: str | int
) -> tuple[list[PreferencePair], list[PreferencePair]]:
    """Hold out `test_fraction` of the distinct prompts (at least one when the fraction is above 0
    and there are two or more prompts); every pair of a held-out prompt goes to test."""
    groups: dict[str, list[PreferencePair]] = {}
    for pair in pairs:
        groups.setdefault(prompt_key(pair), []).append(pair)
    keys = list(groups)
    random.Random(seed).shuffle(keys)
    n_test = round(len(keys) * test_fraction)
    if test_fraction > 0 and len(keys) >= 2:
        n_test = min(max(n_test, 1), len(keys) - 1)
    held_out = set(keys[:n_test])
    train = [pair for pair in pairs if prompt_key(pair) not in held_out]
    test = [pair for pair in pairs if prompt_key(pair) in held_out]
    return train, test


def apply_weight(items: list, weight: float, seed: str | int) -> list:
    """`int(weight)` whole copies plus a seeded sample of the fractional part (rounded half up), in file order."""
    whole, fraction = int(weight), weight - int(weight)
    count = math.floor(len(items) * fraction + 0.5)
    picked = sorted(random.Random(seed).sample(range(len(items)), count))
    return items * whole + [items[index] for index in picked]


def fit_to_length(tokenizer, pairs: list[PreferencePair], max_length: int, mode: str, report: SourceReport) -> list:
    """The pairs fitted to `max_length` tokens (prompt + chosen and prompt + rejected) as `mode` says
    (`truncation.py`); cut pairs counted in `report.cut` and `report.truncated`, drops in `report.dropped`."""
    if not pairs:
        return []
    chosen = token_counts(tokenizer, [pair.prompt + pair.chosen for pair in pairs])
    rejected = token_counts(tokenizer, [pair.prompt + pair.rejected for pair in pairs])
    kept = []
    for pair, chosen_length, rejected_length in zip(pairs, chosen, rejected):
        if max(chosen_length, rejected_length) <= max_length:
            kept.append(pair)
            continue
        cuts = Counter()
        fitted = fit_pair(tokenizer, pair.prompt, [pair.chosen, pair.rejected], max_length, mode, cuts, report.dropped)
        if fitted is not None:
            prompt, (chosen_reply, rejected_reply) = fitted
            kept.append(replace(pair, prompt=prompt, chosen=chosen_reply, rejected=rejected_reply))
            report.truncated.update(cuts)
            report.cut += 1
    return kept


def token_counts(tokenizer, chats: list[list[dict]]) -> list[int]:
    """Tokens in each chat as the model sees it: rendered through the chat template."""
    texts = [tokenizer.apply_chat_template(chat, tokenize=False) for chat in chats]
    return [len(ids) for ids in tokenizer(texts, add_special_tokens=False)["input_ids"]]


@dataclass
class SFTMixture:
    """The chats of every SFT source, duplicates dropped, each tagged with its source."""

    examples: list
    origins: list[int]
    """The index (in `sources`) of each example's source."""
    sources: list
    """The `SFTSourceConfig`s, in order."""
    names: list[str]
    read: list[int]
    """Chats read per source, duplicates included."""
    duplicates: list[int]
    """Chats dropped per source as copies of an earlier chat (of any source)."""


def load_sft_mixture(sources: list, deduplicate: bool = True) -> SFTMixture:
    """Every source's chats (`SFTSourceConfig`: files or a hub dataset, format, columns, weight); one
    `DataError` for the problems of all sources, before anything is written."""
    check_weights(sources, "data.sources")
    names = [source_name(source) for source in sources]
    loaded = _load_each(sources, load_sft_examples)
    mixture = SFTMixture([], [], list(sources), names, [len(examples) for examples in loaded], [])
    seen: set[str] = set()
    for index, examples in enumerate(loaded):
        kept = distinct(examples, lambda example: example.messages, seen) if deduplicate else examples
        mixture.duplicates.append(len(examples) - len(kept))
        mixture.examples += kept
        mixture.origins += [index] * len(kept)
    return mixture


def load_prompt_mixture(sources: list, deduplicate: bool, seed: int) -> tuple[list, int, int]:
    """(prompts, read, duplicates): every `PromptSourceConfig`'s prompts (prompt rows, SFT chats or
    preference pairs), copies of an earlier prompt of any source dropped, each source weighted
    (seeded); one `DataError` for the problems of all sources, before anything is written."""
    check_weights(sources, "data.sources")
    loaded = _load_each(sources, load_prompts)
    seen: set[str] = set()
    prompts, read, duplicates = [], 0, 0
    for source, rows in zip(sources, loaded):
        kept = distinct(rows, lambda example: example.prompt, seen) if deduplicate else rows
        read, duplicates = read + len(rows), duplicates + len(rows) - len(kept)
        prompts += kept if source.weight == 1 else apply_weight(kept, source.weight, f"{seed}/{source_name(source)}")
    return prompts, read, duplicates


def _load_each(sources: list, load) -> list[list]:
    """`load(paths, format, columns)` of every source (checked by `check_weights` first); the problems of
    all sources raised together as one `DataError`."""
    loaded, problems = [], []
    for source in sources:
        try:
            loaded.append(load(source.paths(), source.format, source.columns))
        except DataError as error:
            problems.extend(error.problems)
    if problems:
        raise DataError(problems)
    return loaded
