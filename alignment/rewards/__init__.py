"""Rule rewards and the refusal detector they share with the eval.

- `refusal.py`, `refusal_patterns.py`  does a reply refuse? (rules checked against XSTest's human labels)
- `matching.py`  reading answers in text (numbers, normalised words), shared with the eval's reference match
- `verifiable.py`  verifiable rewards for GRPO: `answer_matches` checks a reply against the prompt row's check
- `rules.py`  rule rewards (`refusal_by_kind`, `harmful_refusal`, `over_refusal`, `terse_reply`,
  `repeated_text`) and the loader for rules named in a config

The rules and `answer_matches` are re-exported here, so configs name them `alignment.rewards:refusal_by_kind`.
"""

from alignment.rewards.rules import (
    REFUSE_KINDS,
    harmful_refusal,
    over_refusal,
    refusal_by_kind,
    repeated_text,
    terse_reply,
)
from alignment.rewards.verifiable import answer_matches

__all__ = [
    "REFUSE_KINDS",
    "answer_matches",
    "harmful_refusal",
    "over_refusal",
    "refusal_by_kind",
    "repeated_text",
    "terse_reply",
]
