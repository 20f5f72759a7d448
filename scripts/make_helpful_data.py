"""Write the `helpful` preference data, the helpful PPO prompts and the helpful eval sets.

    python scripts/make_helpful_data.py                   # rewrite the shipped files
    python scripts/make_helpful_data.py --out-dir /tmp/x  # write the same tree under /tmp/x

Outputs (paths relative to the repository root, or to --out-dir):
    preference_data/helpful/pairs.jsonl    TRL conversational pairs + category, rejected_kind, check?
    preference_data/helpful/ranked.jsonl   {"prompt", "responses": [4], "ranks": [1..4], "category"}
    preference_data/prompts/helpful.jsonl  {"prompt", "category"} for PPO
    evals/helpful_verifiable.jsonl         {"id", "prompt", "category", "reference", "match"}
    evals/helpful_open.jsonl               {"id", "prompt", "category"}
    evals/helpful_open_extra.jsonl         {"id", "prompt", "category"}: 60 more held-out open requests
    evals/helpful_open_more.jsonl          {"id", "prompt", "category"}: 120 more, written after the PPO runs

Two kinds of items. Verifiable ones (arithmetic, unit conversion, string operations, capitals,
chemical elements, other facts) are drawn from the tables in scripts/helpful_content/ and every
answer is computed (scripts/helpful_builders/verifiable.py) with `decimal.Decimal` or plain string functions; a wrong reply is
computed from a named, plausible mistake (a forgotten carry, the inverse conversion factor, a
swapped letter, a confused city), and the row's `check` holds the operands and the right answer
as strings so tests/test_shipped_helpful_data.py can recompute it. Open-ended ones (how_to,
explain, writing, coding) are hand-written with a good and a plausibly wrong answer; the other
rejected kinds are derived: `truncated` cuts the good answer before its answer / mid-way,
`incomplete` drops steps (or the code, or later sentences), `off_topic` is another prompt's good
answer, `evasive` and `needless_refusal` come from templated pools per request kind.

The eval sets are held out: their capitals, elements, facts, words and sentences come from the
*_EVAL tables, their arithmetic and conversions use other templates and number ranges, and their
open-ended prompts are different tasks. See preference_data/helpful/DATA_CARD.md and evals/DATA_CARD.md.

Determinism: one `random.Random(SEED)` makes every choice in a fixed order; no clock, no environment.
This file only fixes that order (build_all); the logic lives in scripts/helpful_builders/ (see its
__init__ for the module map) and every text in scripts/helpful_content/.
"""

from __future__ import annotations

import argparse
import random
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))  # the content and builder packages sit beside this script

from helpful_builders.evals import build_evals, build_open_extra, build_open_more  # noqa: E402
from helpful_builders.output import write_outputs  # noqa: E402
from helpful_builders.training import build_pairs, build_prompts, build_ranked  # noqa: E402

SEED = 1150
REPO = Path(__file__).resolve().parent.parent


def build_all(seed: int = SEED) -> dict[str, list[dict]]:
    """Every file's rows from one seeded generator; the order of these calls fixes the output bytes."""
    rng = random.Random(seed)
    seen: set[str] = set()
    pairs, open_pool = build_pairs(rng, seen)
    ranked = build_ranked(rng, seen, open_pool)
    prompts = build_prompts(rng, seen, open_pool)
    verifiable, open_evals = build_evals(rng)
    open_extra = build_open_extra(rng)  # drawn after the files above, so they keep the bytes they had without it
    open_more = build_open_more(rng)    # and this after open_extra, for the same reason
    return {"pairs": pairs, "ranked": ranked, "prompts": prompts, "eval_verifiable": verifiable, "eval_open": open_evals,
            "eval_open_extra": open_extra, "eval_open_more": open_more}


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out-dir", type=Path, default=REPO, help="root under which the output paths are written")
    args = parser.parse_args(argv)
    write_outputs(build_all(), args.out_dir)


if __name__ == "__main__":
    main()
