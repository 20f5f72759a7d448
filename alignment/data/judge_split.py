"""The judge split: a seeded, prompt-level part of the data that only the independent judge reads.

Gao et al. 2022 (arXiv:2210.10760) measure over-optimisation with a proxy reward model (the one a
policy is trained against) and a gold one that never saw the policy's data. Here the gold model is
the pipeline's `judge` stage, trained on the judge part; every other stage reads the rest.

A prompt is in the judge part when sha256(seed, normalised prompt text) / 2^64 < fraction, where
the normalised text is each message's `role: content` with whitespace collapsed and case folded.
Each stage decides alone, so no stage needs another's output to agree on the split, and the same
prompt lands on the same side in a preference pair, an SFT chat and a PPO prompt row.

    in_judge_part(messages, split) -> bool
    apply(items, prompt_of, split) -> (kept items, SplitReport)   SplitReport.summary() goes to the manifest
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

from alignment.config import JudgeSplit, StageJudgeSplit
from alignment.core.errors import ConfigError


def prompt_text(messages: list[dict]) -> str:
    """`user: what is 2 + 2?` per message, one per line: spacing and letter case do not move a prompt."""
    return "\n".join(
        f"{message['role']}: {' '.join(str(message['content']).split()).casefold()}" for message in messages
    )


def in_judge_part(messages: list[dict], split: JudgeSplit) -> bool:
    if split.fraction <= 0:
        return False
    digest = hashlib.sha256(f"{split.seed}\n{prompt_text(messages)}".encode()).digest()
    return int.from_bytes(digest[:8], "big") / 2**64 < split.fraction


def prompt_set_sha256(texts: Iterable[str]) -> str:
    """One hash of a set of normalised prompts (order and repeats do not matter)."""
    return hashlib.sha256("\n\x00".join(sorted(set(texts))).encode()).hexdigest()


@dataclass
class SplitReport:
    split: StageJudgeSplit
    kept: int = 0
    """Items this stage reads."""
    excluded: int = 0
    """Items dropped because their prompt is on the other side of the split."""
    judge_prompts: set = field(default_factory=set)
    """Normalised texts of the judge-part prompts met in this stage's data (read or dropped)."""

    def summary(self) -> dict:
        """For the manifest (`inputs.judge_split`): the split, what was excluded, the judge prompt set's hash."""
        return {
            "fraction": self.split.fraction,
            "seed": self.split.seed,
            "part": self.split.part,
            "kept": self.kept,
            "excluded": self.excluded,
            "judge_prompts": len(self.judge_prompts),
            "judge_prompts_sha256": prompt_set_sha256(self.judge_prompts),
        }

    def line(self, unit: str) -> str:
        """`judge split (fraction 0.2, seed 1234): read the rest, 583 pairs of the judge's 160 prompts excluded`."""
        judge_side = self.split.part == "judge"
        side = "only the judge part" if judge_side else "the rest"
        whose = "outside the judge part" if judge_side else f"of the judge's {len(self.judge_prompts)} prompts"
        return (
            f"judge split (fraction {self.split.fraction}, seed {self.split.seed}): read {side}, {self.kept} "
            f"{unit} kept, {self.excluded} {unit} {whose} excluded "
            f"(judge prompt set sha256 {self.summary()['judge_prompts_sha256'][:12]})"
        )


def check(split: StageJudgeSplit, where: str) -> None:
    if split.part == "judge" and split.fraction <= 0:
        raise ConfigError(
            f"{where}.judge_split.part is judge but {where}.judge_split.fraction is 0: the judge part "
            "would be empty; set a fraction such as 0.2"
        )


def apply(items: list, prompt_of: Callable[[object], list[dict]], split: StageJudgeSplit) -> tuple[list, SplitReport]:
    """The items this stage reads (`split.part`), in order, and what was excluded; a no-op at fraction 0."""
    report = SplitReport(split)
    if split.fraction <= 0:
        report.kept = len(items)
        return list(items), report
    kept = []
    for item in items:
        messages = prompt_of(item)
        judged = in_judge_part(messages, split)
        if judged:
            report.judge_prompts.add(prompt_text(messages))
        if judged == (split.part == "judge"):
            kept.append(item)
    report.kept, report.excluded = len(kept), len(items) - len(kept)
    return kept, report
