"""Agreement of a refusal judge with human labels: in-sample data, then held-out sources.

    .venv/bin/python benchmarks/refusal_agreement.py                      # the rules, every group
    .venv/bin/python benchmarks/refusal_agreement.py --no-heldout         # while changing rules: never the held-out
    .venv/bin/python benchmarks/refusal_agreement.py --errors casual_chatty   # an in-sample source's disagreements
    .venv/bin/python benchmarks/refusal_agreement.py --suite my_suite.yaml    # the suite's refusal: backend
    .venv/bin/python benchmarks/refusal_agreement.py --backend http --base-url http://localhost:8000/v1 --model m
    .venv/bin/python benchmarks/refusal_agreement.py --backend model --path evals/refusal_classifier --heldout-only

Input:
- in-sample: XSTest's two `*_gpteval.csv` completion files (../shared/data/xstest, 450 answers each,
  `final_label` from human annotators), read while writing every version of the rules; the development
  sources of the corpus, evals/refusal_corpus/dev/*.jsonl, read while writing versions 3 to 5; the round-1
  held-out sources, evals/refusal_corpus/heldout/*.jsonl, measured once with version 3, then read while
  writing versions 4 and 5; and the round-2 held-out sources, evals/refusal_corpus/heldout_2/*.jsonl,
  measured once with version 4, then read while writing version 5 (so no longer held out);
- held-out: evals/refusal_corpus/heldout_3/*.jsonl (round 3), whole sources (one file = one model /
  writer) whose text was never read while writing version 5. Never split a file by ids.
Output (stdout): per source n, binary agreement (partial refusal counts as refusal), three-class
agreement, partial-refusal recall (human partial refusals we call refusal or partial), and the
confusion matrix (rows: human label, columns: ours); pooled figures per group; then the held-out
figures as the dict refusal.HELDOUT_AGREEMENT stores (`--heldout-constant`).
Rules backend: pure Python, seconds. Other backends load or call what the suite names.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from alignment.eval.refusal_judges import build_refusal_judge  # noqa: E402
from alignment.eval.refusal_measure import (
    HELDOUT_CORPUS,
    IN_SAMPLE_CORPUS,
    agreement,
    measure_corpus,
    pool,
    read_corpus_rows,
    read_xstest_rows,
)
from alignment.rewards.refusal import VERDICTS  # noqa: E402

CORPUS = REPO / "evals" / "refusal_corpus"


def print_agreement(name: str, result: dict) -> None:
    recall = "-" if result["partial_recall"] is None else f"{result['partial_recall']:.3f}"
    print(
        f"{name}: n={result['n']}  binary={result['binary']:.3f}  three-class={result['three_class']:.3f}  "
        f"partial-refusal recall={recall}"
    )
    print(f"    {'human / ours':<18}" + "".join(f"{verdict:>17}" for verdict in VERDICTS))
    for human, row in result["confusion"].items():
        print(f"    {human:<18}" + "".join(f"{row[ours]:>17}" for ours in VERDICTS))


def measure_group(title: str, sources: dict, judge) -> dict:
    """Print each source's agreement and the pooled one; sources: name -> (answer, label, prompt) rows."""
    print(f"== {title}")
    results = {}
    for name, rows in sources.items():
        results[name] = agreement(rows, judge)
        print_agreement(f"  {name}", results[name])
    if len(results) > 1:
        print_agreement(f"  pooled ({len(results)} sources)", pool(list(results.values())))
    print()
    return results


def print_errors(source: str, judge) -> None:
    paths = [CORPUS / folder / f"{source}.jsonl" for folder in IN_SAMPLE_CORPUS]
    path = next((path for path in paths if path.is_file()), None)
    if path is None:
        raise SystemExit(
            f"--errors: {source} is not an in-sample corpus source ({', '.join(IN_SAMPLE_CORPUS)}); "
            f"the held-out sources of {HELDOUT_CORPUS}/ are never printed"
        )
    rows = [json.loads(line) for line in path.read_text().splitlines() if line.strip()]
    verdicts = judge.classify_many([row["answer"] for row in rows], [row["prompt"] for row in rows])
    for row, verdict in zip(rows, verdicts):
        if verdict != row["label"]:
            print(f"{row['id']} [{row['style']}] human={row['label']} ours={verdict}\n    {row['answer'][:600]!r}\n")


class _Remembered:
    """A judge that classifies each list of answers once (the held-out files are measured twice below)."""

    def __init__(self, judge):
        self.judge, self.seen = judge, {}

    def classify_many(self, answers, prompts=None, ids=None):
        key = (tuple(answers), tuple(prompts) if prompts is not None else None)
        if key not in self.seen:
            self.seen[key] = self.judge.classify_many(answers, prompts, ids)
        return self.seen[key]

    def identity(self):
        return self.judge.identity()


def build_judge(args):
    from alignment.config.eval import RefusalConfig

    if args.suite:
        from alignment.eval.suite import load_suite

        return build_refusal_judge(load_suite(args.suite).refusal, where=f"{args.suite}: refusal")
    return build_refusal_judge(
        RefusalConfig(backend=args.backend, path=args.path, base_url=args.base_url, model=args.model)
    )


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--xstest",
        type=Path,
        default=REPO.parent / "shared" / "data" / "xstest",
        help="folder holding XSTest's *_gpteval.csv files",
    )
    parser.add_argument("--backend", default="rules", choices=["rules", "model", "http"])
    parser.add_argument("--path", default="", help="model backend: the classifier directory")
    parser.add_argument("--base-url", default="", help="http backend: the endpoint")
    parser.add_argument("--model", default="", help="http backend: the model name")
    parser.add_argument("--suite", default="", help="measure the refusal: backend of this suite file instead")
    parser.add_argument("--no-heldout", action="store_true", help="skip the held-out sources (while developing)")
    parser.add_argument(
        "--write-heldout",
        action="store_true",
        help="model backend, a trained classifier dir: store the held-out figures in its heldout.json",
    )
    parser.add_argument(
        "--heldout-only",
        action="store_true",
        help="only the held-out sources (a slow model backend whose in-sample figures are known)",
    )
    parser.add_argument("--errors", default="", help="print the disagreements of this development source and stop")
    args = parser.parse_args()
    if args.write_heldout and (args.backend != "model" or args.suite or args.no_heldout):
        parser.error("--write-heldout needs --backend model --path DIR and the held-out sources")
    judge = _Remembered(build_judge(args))
    print(f"refusal judge: {json.dumps({k: v for k, v in judge.identity().items() if k != 'prompt'})}\n")
    if args.errors:
        print_errors(args.errors, judge)
        return 0
    if not args.heldout_only:
        xstest = {path.name: read_xstest_rows(path) for path in sorted(args.xstest.glob("*_gpteval.csv"))}
        measure_group("in-sample: XSTest completions (read while writing the rules)", xstest, judge)
        in_sample = {}
        for folder, title in IN_SAMPLE_CORPUS.items():
            sources = {path.stem: read_corpus_rows(path) for path in sorted((CORPUS / folder).glob("*.jsonl"))}
            in_sample.update(measure_group(f"in-sample: corpus {folder}/, {title}", sources, judge))
        print_agreement(f"in-sample corpus pooled ({len(in_sample)} sources)", pool(list(in_sample.values())))
        print()
    if args.no_heldout:
        return 0
    heldout = {path.stem: read_corpus_rows(path) for path in sorted((CORPUS / HELDOUT_CORPUS).glob("*.jsonl"))}
    measure_group(f"HELD-OUT: corpus {HELDOUT_CORPUS}/, sources never read while writing the rules", heldout, judge)
    print("as refusal.HELDOUT_AGREEMENT:")
    measured = measure_corpus(CORPUS / HELDOUT_CORPUS, judge)
    print(json.dumps(measured, indent=4))
    if args.write_heldout:
        write_heldout(Path(args.path), measured)
    return 0


def write_heldout(classifier: Path, measured: dict) -> None:
    """heldout.json of a trained classifier dir: the figures, tied to its weights' sha256 (its identity
    shows them only for these weights; alignment/eval/refusal_classifier.heldout_figures)."""
    import subprocess
    import time

    from alignment.core.provenance import sha256_file
    from alignment.eval.refusal_classifier import HELDOUT_FILE

    commit = subprocess.run(["git", "rev-parse", "--short", "HEAD"], cwd=REPO, capture_output=True, text=True)
    stored = {
        "weights_sha256": sha256_file(classifier / "adapter_model.safetensors"),
        "measured": time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime()),
        "commit": commit.stdout.strip(),
        "command": "benchmarks/refusal_agreement.py " + " ".join(sys.argv[1:]),
        "agreement": measured,
    }
    (classifier / HELDOUT_FILE).write_text(json.dumps(stored, indent=2) + "\n")
    print(f"wrote {classifier / HELDOUT_FILE}")


if __name__ == "__main__":
    sys.exit(main())
