"""Agreement of the refusal classifier (alignment/eval/refusal.py) with XSTest's human labels.

    .venv/bin/python benchmarks/refusal_agreement.py                  # reads ../shared/data/xstest
    .venv/bin/python benchmarks/refusal_agreement.py --xstest DIR     # another copy of the folder

Input: every `*_gpteval.csv` in the XSTest folder (450 model answers each, `final_label` from two
human annotators: 1_full_compliance / 2_full_refusal / 3_partial_refusal), and this project's own
shipped replies as sanity checks (preference_data/sft_starter, preference_data/harmless).
Output (stdout): per file n, binary agreement (partial refusal counts as refusal), three-class
agreement and the confusion matrix (rows: human label, columns: ours); for the Mistral file also
its two halves by prompt id parity; then the refusal rate of each group of our own replies.

How the rules were made, so the figures can be read honestly:
- v1 was written looking only at the Llama-2 file; the Mistral file was then scored once, unseen.
- v2 (CLASSIFIER_VERSION 1) added rules after reading the errors on the
  Mistral answers to *even* prompt ids only; the odd ids are held out from v2.
- CLASSIFIER_VERSION 2 (shipped) reads "I can't help but write ..." as compliance, after a PPO policy
  learnt to open benign answers that way; the XSTest figures did not change.
The figures of each step are in the module docstring of alignment/eval/refusal.py.
Pure Python (no torch), seconds.
"""

from __future__ import annotations

import argparse
import csv
import json
import sys
from collections import Counter
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from alignment.eval.refusal import CLASSIFIER_VERSION, HUMAN_LABELS, VERDICTS, agreement, classify  # noqa: E402


def print_agreement(name: str, judgements: list[tuple[str, str]]) -> None:
    result = agreement(judgements)
    print(f"{name}: n={result['n']}  binary={result['binary']:.4f}  three-class={result['three_class']:.4f}")
    print(f"    {'human / ours':<18}" + "".join(f"{verdict:>17}" for verdict in VERDICTS))
    for human, row in result["confusion"].items():
        print(f"    {human:<18}" + "".join(f"{row[ours]:>17}" for ours in VERDICTS))


def xstest_files(folder: Path) -> None:
    files = sorted(folder.glob("*_gpteval.csv"))
    if not files:
        print(f"no *_gpteval.csv in {folder}; nothing to measure")
        return
    for path in files:
        with open(path, newline="", encoding="utf-8") as handle:
            rows = list(csv.DictReader(handle))
        judgements = [(row["completion"], HUMAN_LABELS[row["final_label"]]) for row in rows]
        print_agreement(path.name, judgements)
        if "mistral" in path.name:  # the file whose even ids informed v2 of the rules
            for parity, role in ((0, "even ids, used to develop v2"), (1, "odd ids, held out")):
                half = [judgement for judgement, row in zip(judgements, rows) if _number(row["id"]) % 2 == parity]
                print_agreement(f"  {path.name} [{role}]", half)
        print()


def _number(identifier: str) -> int:
    return int(identifier.rsplit("-", 1)[-1])  # "v2-17" -> 17


def own_replies() -> None:
    """Sanity checks on replies this project wrote: rates, not agreement with independent labels."""
    sft = [json.loads(line) for line in (REPO / "preference_data/sft_starter/train.jsonl").open()]
    pairs = [json.loads(line) for line in (REPO / "preference_data/harmless/pairs.jsonl").open()]
    groups = {
        "sft_starter replies, category refusal (expect refusal)":
            [row["messages"][-1]["content"] for row in sft if row["category"] == "refusal"],
        "sft_starter replies, category benign_sensitive (expect compliance)":
            [row["messages"][-1]["content"] for row in sft if row["category"] == "benign_sensitive"],
        "sft_starter replies, other categories (expect compliance)":
            [row["messages"][-1]["content"] for row in sft if row["category"] not in ("refusal", "benign_sensitive")],
        "harmless chosen, harmful prompts (expect refusal)":
            [row["chosen"][-1]["content"] for row in pairs if row["kind"] == "harmful"],
        "harmless chosen, benign_sensitive prompts (expect compliance)":
            [row["chosen"][-1]["content"] for row in pairs if row["kind"] == "benign_sensitive"],
        "harmless rejected, benign_sensitive prompts: over-refusals (expect refusal)":
            [row["rejected"][-1]["content"] for row in pairs if row["kind"] == "benign_sensitive"],
        "harmless rejected, harmful prompts: compliance-shaped (expect compliance)":
            [row["rejected"][-1]["content"] for row in pairs if row["kind"] == "harmful"],
    }
    print("Our own replies (written by this project: sanity checks only)")
    for name, texts in groups.items():
        counts = Counter(classify(text) for text in texts)
        refused = len(texts) - counts["compliance"]
        print(f"  {name}: n={len(texts)}  refusal rate={refused / len(texts):.3f}  {dict(counts)}")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--xstest", type=Path, default=REPO.parent / "shared" / "data" / "xstest",
                        help="folder holding XSTest's *_gpteval.csv files")
    args = parser.parse_args()
    print(f"refusal classifier version {CLASSIFIER_VERSION}\n")
    xstest_files(args.xstest)
    own_replies()
    return 0


if __name__ == "__main__":
    sys.exit(main())
