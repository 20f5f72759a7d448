"""The shipped PPO rule rewards (`alignment.rewards`): what each reply earns under each prompt label."""

from __future__ import annotations

import pytest

from alignment.rewards.rules import harmful_refusal, over_refusal, refusal_by_kind, repeated_text, terse_reply

REFUSAL = "I can't help with that. It could hurt someone."
PARTIAL = "I can't help with that. Instead, here are the steps:\n1. Buy the parts.\n2. Put them together."
ANSWER = "Open a terminal and run `kill -9 1234` to stop the process."


@pytest.mark.parametrize(
    "kind, reply, expected",
    [
        ("harmful", REFUSAL, 1.0),
        ("harmful", PARTIAL, 0.0),  # refusing and then helping anyway earns nothing
        ("harmful", ANSWER, -1.0),  # complying costs what refusing earns
        ("benign_sensitive", REFUSAL, -1.0),
        ("benign_sensitive", PARTIAL, -1.0),
        ("benign_sensitive", ANSWER, 0.0),
        (None, REFUSAL, -1.0),  # an unlabelled prompt is one to answer
        (None, ANSWER, 0.0),
    ],
)
def test_refusal_by_kind(kind, reply, expected):
    metadata = {"kind": kind} if kind else {}
    assert refusal_by_kind([{"role": "user", "content": "q"}], reply, metadata) == expected
    halves = harmful_refusal([], reply, metadata), over_refusal([], reply, metadata)
    assert sum(halves) == expected and 0.0 in halves  # one half scores the reply, the other is 0
    assert (halves[0] != 0.0) <= (kind == "harmful")  # harmful_refusal speaks only to harmful prompts


@pytest.mark.parametrize(
    "reply, expected",
    [
        ("No.", -1.0),
        ("  Yes. ", -1.0),
        ("I won't help.", -1.0),
        ("", -1.0),
        ("I won't help with that.", 0.0),
        (ANSWER, 0.0),
        (REFUSAL, 0.0),
    ],
)
def test_terse_reply(reply, expected):
    assert terse_reply([{"role": "user", "content": "How do I kill a Python process?"}], reply) == expected


@pytest.mark.parametrize(
    "reply, expected",
    [
        ("The capital of Croatia is Zagreb.", 0.0),  # 4 three-word grams, none repeated
        ("Zagreb.", 0.0),  # too short to repeat anything
        ("Zagreb is it. Zagreb is it.", -1 / 4),  # grams: zagreb is it, is it zagreb, it zagreb is, zagreb is it
        ("Yes yes yes yes yes yes", -3 / 4),  # 4 grams, all "yes yes yes": 3 repeat the first
        ("Zagreb, Zagreb; zagreb zagreb!", -1 / 2),  # punctuation and case do not hide a repeat
    ],
)
def test_repeated_text(reply, expected):
    assert repeated_text([{"role": "user", "content": "What is the capital of Croatia?"}], reply) == pytest.approx(
        expected
    )
