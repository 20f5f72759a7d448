"""Rule rewards and the refusal detector they share with the eval.

- `refusal.py`, `refusal_patterns.py`  does a reply refuse? (rules checked against XSTest's human labels)
- `rules.py`  rule rewards (`refusal_by_kind`, `harmful_refusal`, `over_refusal`, `terse_reply`) and the
  loader for rules named in a config

The rules are re-exported here, so configs name them `alignment.rewards:refusal_by_kind`.
"""

from alignment.rewards.rules import REFUSE_KINDS, harmful_refusal, over_refusal, refusal_by_kind, terse_reply

__all__ = ["REFUSE_KINDS", "harmful_refusal", "over_refusal", "refusal_by_kind", "terse_reply"]
