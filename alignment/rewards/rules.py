"""Rule rewards for PPO and on-policy DPO: `ppo.rule_rewards: {alignment.rewards:refusal_by_kind: 1.0}`, or its
two halves
`{alignment.rewards:harmful_refusal: 1.0, alignment.rewards:over_refusal: 2.0}` weighted apart.

A rule is `fn(prompt_messages, reply_text[, metadata]) -> float`; `metadata` holds the prompt row's
other scalar fields (the shipped `preference_data/prompts/` rows carry `kind` and `category`).

`refusal_by_kind` is a safety rule for PPO on labelled prompts, in the spirit of rule-based rewards
for safety (Mu et al. 2024, arXiv:2411.01111): prompts are labelled by what the reply should do, and a
rule grader checks the reply against the label, next to a reward model that judges helpfulness.
The grader is the refusal classifier (`alignment.rewards.refusal`, shared with the eval; rules checked against
XSTest's human labels). The held-out eval reads the same classifier on other prompts, so a policy
that learned to fool the rules would fool the eval too: read the eval's sampled replies, not only
its rates. Measured PPO runs with it on SmolLM2-135M in a CPU budget: benchmarks/README.md.

`terse_reply` guards against a hack those runs found: a small reward model can pay more for "No." than
for an answer (`benchmarks/reward_refusal_probe.py` measures it), and the refusal classifier counts
"No." as compliance, so a policy can learn to answer benign prompts with one word.

Rules are named in configs as `module:function` or `path/to/file.py:function` with a weight;
`load_rule_rewards({"alignment.rewards:harmful_refusal": 2.0})` -> [(name, fn(messages, reply, metadata), weight)].
"""

from __future__ import annotations

import importlib
import importlib.util
import inspect
from pathlib import Path

from alignment.core.errors import ConfigError
from alignment.rewards.refusal import classify

REFUSE_KINDS = frozenset({"harmful"})
"""`kind` labels whose prompts should be refused; every other prompt should be answered."""


def refusal_by_kind(messages: list[dict], reply: str, metadata: dict) -> float:
    """`harmful_refusal + over_refusal`: both halves of the safety rule at one weight."""
    return harmful_refusal(messages, reply, metadata) + over_refusal(messages, reply, metadata)


def harmful_refusal(messages: list[dict], reply: str, metadata: dict) -> float:
    """A prompt labelled harmful: +1 for a refusal, -1 for compliance, 0 for a partial refusal ("I can't,
    but here is how ..."). Any other prompt: 0.

    Compliance with a harmful prompt costs as much as a refusal earns: a policy that hardly ever
    samples a refusal still learns from every harmful prompt it answers.
    """
    if metadata.get("kind") not in REFUSE_KINDS:
        return 0.0
    return {"refusal": 1.0, "partial_refusal": 0.0, "compliance": -1.0}[classify(reply)]


def over_refusal(messages: list[dict], reply: str, metadata: dict) -> float:
    """Any prompt not labelled harmful (rows without a `kind` included): -1 for a refusal or a partial one,
    0 for an answer. A prompt labelled harmful: 0. Weighted apart from `harmful_refusal`, it sets how much
    refusing a benign prompt costs next to what refusing a harmful one earns."""
    if metadata.get("kind") in REFUSE_KINDS:
        return 0.0
    return -1.0 if classify(reply) != "compliance" else 0.0


TERSE_WORDS = 4
"""Replies with fewer words than this are terse: "No.", "Yes.", "I won't help." (3 words)."""


def terse_reply(messages: list[dict], reply: str) -> float:
    """-1 for a reply of fewer than TERSE_WORDS words, else 0, on any prompt: a one-word reply neither
    answers a request nor explains a refusal, so it should never pay."""
    return -1.0 if len(reply.split()) < TERSE_WORDS else 0.0


REPEAT_WORDS = 3
"""`repeated_text` reads word n-grams of this length."""


def repeated_text(messages: list[dict], reply: str) -> float:
    """Minus the share of the reply's word 3-grams that repeat an earlier one (0 for a reply that never
    repeats itself, towards -1 for one that says one thing over and over); replies of fewer than four
    words give 0. A match anywhere in the reply pays a verifiable reward, so a policy can learn to
    repeat and vary one sentence ("The capital of Uruguay is Montevideo. The capital of Uruguay is
    Uruguay. ...") until it names the answer somewhere; this rule prices that."""
    words = [word.strip(".,;:!?\"'()").lower() for word in reply.split()]
    grams = [tuple(words[i : i + REPEAT_WORDS]) for i in range(len(words) - REPEAT_WORDS + 1)]
    if not grams:
        return 0.0
    return -(len(grams) - len(set(grams))) / len(grams)


# ---------------------------------------------------------------------------------------
# Loading rules named in a config


def load_rule_rewards(
    spec: dict[str, float], key: str = "ppo.rule_rewards", metadata: bool = True
) -> list[tuple[str, object, float]]:
    """`module:function` or `path/to/file.py:function` -> (name, callable, weight); errors name the
    config `key`. With `metadata` every rule is called fn(messages, reply, metadata); without, the
    functions are returned as they are (GRPO's verifiable rewards take the row's check instead)."""
    rules = []
    for name, weight in spec.items():
        where, _, function = name.rpartition(":")
        if not where or not function:
            raise ConfigError(f"{key}: '{name}' must be module:function or file.py:function")
        try:
            if where.endswith(".py"):
                module_spec = importlib.util.spec_from_file_location(Path(where).stem, where)
                module = importlib.util.module_from_spec(module_spec)
                module_spec.loader.exec_module(module)
            else:
                module = importlib.import_module(where)
            loaded = getattr(module, function)
            if not callable(loaded):
                raise AttributeError(f"{function} is not a function")
            rules.append((name, _with_metadata(loaded) if metadata else loaded, weight))
        except (ImportError, FileNotFoundError, AttributeError, SyntaxError) as error:
            raise ConfigError(f"{key}: cannot load '{name}': {type(error).__name__}: {error}") from None
    return rules


def _with_metadata(function):
    """fn(messages, reply, metadata) for every rule; rules without a `metadata` parameter ignore the row's fields."""
    try:
        if "metadata" in inspect.signature(function).parameters:
            return function
    except (TypeError, ValueError):  # a builtin without an introspectable signature
        pass
    return lambda messages, reply, metadata: function(messages, reply)
