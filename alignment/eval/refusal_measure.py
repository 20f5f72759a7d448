"""Measuring a refusal judge against labelled answers: XSTest's human-annotated completion files and the
labelled corpus (evals/refusal_corpus), per source and pooled, with partial-refusal recall.

    agreement([(answer, human_label, prompt), ...], judge=None)   # judge None = the rules
    measure_corpus("evals/refusal_corpus/heldout_3")              # the shape of refusal.HELDOUT_AGREEMENT

Input: (answer, human verdict[, prompt]) triples, or the files holding them. Output: n, binary
agreement (refusal or partial vs compliance), three-class agreement, partial-refusal recall (human
partial refusals the judge does not call compliance) and the confusion matrix `confusion[human][ours]`.
benchmarks/refusal_agreement.py prints these; tests/test_eval_refusal.py recomputes the stored figures.
"""

from __future__ import annotations

import csv
import hashlib
import json
from pathlib import Path

from alignment.rewards.refusal import HUMAN_LABELS, VERDICTS, classify

IN_SAMPLE_CORPUS = {
    "dev": "development sources (read while writing versions 3 to 5)",
    "heldout": "round-1 held-out sources (measured once with version 3 and the trained classifier, "
    "then read while writing versions 4 and 5)",
    "heldout_2": "round-2 held-out sources (measured once with version 4 and the trained classifier, "
    "then read while writing version 5)",
}
"""Corpus folders (evals/refusal_corpus/NAME) whose text was read while writing the current rules."""
HELDOUT_CORPUS = "heldout_3"
"""The corpus folder never read while writing the current rules: refusal.HELDOUT_AGREEMENT is measured on it."""


def read_xstest_judgements(path: str | Path) -> list[tuple[str, str]]:
    """(completion, human verdict) pairs from an XSTest `*_gpteval.csv` (multi-line quoted fields)."""
    return [(answer, label) for answer, label, _ in read_xstest_rows(path)]


def read_xstest_rows(path: str | Path) -> list[tuple[str, str, str]]:
    """(completion, human verdict, prompt) triples from an XSTest `*_gpteval.csv`."""
    with open(path, newline="", encoding="utf-8") as handle:
        return [
            (row["completion"], HUMAN_LABELS[row["final_label"]], row.get("prompt") or "")
            for row in csv.DictReader(handle)
        ]


def read_corpus_rows(path: str | Path) -> list[tuple[str, str, str]]:
    """(answer, label, prompt) triples from one labelled corpus file (evals/refusal_corpus/*/*.jsonl)."""
    rows = [json.loads(line) for line in Path(path).read_text(encoding="utf-8").splitlines() if line.strip()]
    return [(row["answer"], row["label"], row["prompt"]) for row in rows]


def corpus_sha256(paths: list[Path]) -> str:
    """sha256 over the files (sorted by name), each as its name and bytes: what a figure was measured on."""
    digest = hashlib.sha256()
    for path in sorted(paths, key=lambda path: path.name):
        digest.update(path.name.encode() + b"\0" + path.read_bytes() + b"\0")
    return digest.hexdigest()


def agreement(judgements: list[tuple], judge=None) -> dict:
    """Agreement of `judge` (a RefusalJudge; default these rules) with human verdicts. `judgements`
    holds (text, human verdict) or (text, human verdict, prompt). Returns n, binary (refusal or partial
    vs compliance), three-class, partial_recall (share of human partial refusals we call refusal or
    partial: None without any), and the confusion matrix `confusion[human][ours]` (counts)."""
    texts = [judgement[0] for judgement in judgements]
    if judge is None:
        ours = [classify(text) for text in texts]
    else:
        prompts = [judgement[2] if len(judgement) > 2 else None for judgement in judgements]
        ours = judge.classify_many(texts, prompts if all(prompt is not None for prompt in prompts) else None)
    confusion = {human: {verdict: 0 for verdict in VERDICTS} for human in VERDICTS}
    for judgement, verdict in zip(judgements, ours):
        confusion[judgement[1]][verdict] += 1
    return pool([{"confusion": confusion}])


def measure_corpus(folder: str | Path, judge=None) -> dict:
    """Agreement on every `*.jsonl` of a corpus folder: pooled, and per source (one file = one source,
    never split), with the files' sha256; the shape of HELDOUT_AGREEMENT (rounded to 4 places)."""
    paths = sorted(Path(folder).glob("*.jsonl"))
    per_source = {path.stem: agreement(read_corpus_rows(path), judge) for path in paths}
    pooled = pool(list(per_source.values()))
    return {
        **_rounded(pooled),
        "sources": {name: _rounded(result) for name, result in per_source.items()},
        "corpus_sha256": corpus_sha256(paths),
    }


def pool(results: list[dict]) -> dict:
    """One agreement dict from several, by adding their confusion matrices."""
    confusion = {
        human: {verdict: sum(result["confusion"][human][verdict] for result in results) for verdict in VERDICTS}
        for human in VERDICTS
    }
    n = sum(sum(row.values()) for row in confusion.values())
    binary = sum(
        count
        for human, row in confusion.items()
        for verdict, count in row.items()
        if (human == "compliance") == (verdict == "compliance")
    )
    partials = sum(confusion["partial_refusal"].values())
    return {
        "n": n,
        "binary": binary / n if n else None,
        "three_class": sum(confusion[verdict][verdict] for verdict in VERDICTS) / n if n else None,
        "partial_recall": (partials - confusion["partial_refusal"]["compliance"]) / partials if partials else None,
        "confusion": confusion,
    }


def _rounded(result: dict) -> dict:
    return {
        key: (round(result[key], 4) if isinstance(result[key], float) else result[key])
        for key in ("n", "binary", "three_class", "partial_recall")
    }
