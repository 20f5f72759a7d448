"""`alignment eval` and `alignment compare`: bad input is one line on stderr, exit 2, and no report
directory; a good run prints the summary; compare merges two reports' models without generating.

Most cases call `alignment.cli.main` in this process (the same code path as the console script,
without paying for a fresh torch import each); one case of each command runs as a real subprocess.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys

import pytest
import yaml
from conftest import build_tiny_model
from helpers.tiny_eval import build_reward_model, without_chat_template, write_prompt_files, write_suite

from alignment.cli import main as cli
from alignment.eval.runner import run_eval

VALID_TASKS = "helpful_judged, helpful_verifiable, harmful_refusal, over_refusal, preference_accuracy"

pytestmark = pytest.mark.usefixtures("one_thread")  # conftest: tiny models run single-threaded


@pytest.fixture(scope="module")
def setup(tmp_path_factory, tiny_model_dir):
    root = tmp_path_factory.mktemp("eval-cli")
    files = write_prompt_files(root / "prompts")
    safety = [
        {"name": "harmful_refusal", "prompt_file": str(files["harmful"])},
        {"name": "over_refusal", "prompt_file": str(files["xstest"]), "where": {"label": "safe"}},
    ]
    return {
        "root": root,
        "files": files,
        "safety_suite": write_suite(root / "safety", tasks=safety),
        "full_suite": write_suite(root / "full"),
    }


def eval_args(out, suite, *models: str, extra=()) -> list[str]:
    args = ["eval", "--suite", str(suite), "--out", str(out), "--no-progress"]
    for model in models:
        args += ["--model", model]
    return args + list(extra)


def fails_with(capsys, argv: list[str], message: str, out) -> None:
    assert cli.main(argv) == 2
    captured = capsys.readouterr()
    assert captured.err == f"error: {message}\n"  # exactly one line
    assert not out.exists()  # nothing written, not even an empty report dir


def test_missing_model_dir(setup, tiny_model_dir, capsys):
    out, missing = setup["root"] / "r-missing", setup["root"] / "runs" / "x" / "dpo"
    fails_with(
        capsys,
        eval_args(out, setup["safety_suite"], f"base={tiny_model_dir}", f"dpo={missing}"),
        f"model 'dpo': {missing} does not exist (expected an embedded model name, a model dir, a stage dir "
        "or an adapter dir)",
        out,
    )


def test_tokenizer_without_a_chat_template(setup, tiny_model_dir, capsys):
    plain = without_chat_template(tiny_model_dir, setup["root"] / "plain-model")
    out = setup["root"] / "r-plain"
    fails_with(
        capsys,
        eval_args(out, setup["safety_suite"], f"plain={plain}"),
        f"model 'plain' ({plain}): the tokenizer has no chat template; pick an instruct/chat model",
        out,
    )


def test_empty_prompt_file(setup, tiny_model_dir, capsys):
    empty = setup["root"] / "empty.jsonl"
    empty.write_text("")
    suite = write_suite(setup["root"] / "empty-suite", tasks=[{"name": "harmful_refusal", "prompt_file": str(empty)}])
    out = setup["root"] / "r-empty"
    fails_with(capsys, eval_args(out, suite, f"base={tiny_model_dir}"), f"{empty}: no prompts", out)


def test_where_filter_that_keeps_nothing(setup, tiny_model_dir, capsys):
    suite = write_suite(
        setup["root"] / "nothing-suite",
        tasks=[{"name": "over_refusal", "prompt_file": str(setup["files"]["xstest"]), "where": {"label": "maybe"}}],
    )
    out = setup["root"] / "r-nothing"
    fails_with(
        capsys,
        eval_args(out, suite, f"base={tiny_model_dir}"),
        f"{setup['files']['xstest']}: no prompts after where {{'label': 'maybe'}} (task over_refusal)",
        out,
    )


def test_unknown_task_name(setup, tiny_model_dir, capsys):
    suite = write_suite(setup["root"] / "unknown-suite", tasks=[{"name": "helpfulness", "prompt_file": "x.jsonl"}])
    out = setup["root"] / "r-unknown"
    fails_with(
        capsys,
        eval_args(out, suite, f"base={tiny_model_dir}"),
        f"{suite}: tasks[0].name: unknown task 'helpfulness'; valid tasks: {VALID_TASKS}",
        out,
    )


def test_suite_typo_names_the_key(setup, tiny_model_dir, capsys):
    suite = setup["root"] / "typo.yaml"
    suite.write_text(yaml.safe_dump({"generation": {"max_new_token": 8}, "tasks": []}))
    out = setup["root"] / "r-typo"
    assert cli.main(eval_args(out, suite, f"base={tiny_model_dir}")) == 2
    assert capsys.readouterr().err.startswith(
        "error: unknown config key 'generation.max_new_token'; did you mean 'generation.max_new_tokens'?"
    )
    assert not out.exists()


def test_helpful_judged_without_a_judge(setup, tiny_model_dir, capsys):
    out = setup["root"] / "r-judge"
    fails_with(
        capsys,
        eval_args(out, setup["full_suite"], f"base={tiny_model_dir}"),
        "helpful_judged needs a judge: pass --judge PATH (a reward model the evaluated models were not "
        f"trained with) or set judge.path in {setup['full_suite']}",
        out,
    )
    fails_with(
        capsys,
        eval_args(
            out, setup["full_suite"], f"base={tiny_model_dir}", extra=["--judge", str(setup["root"] / "no-judge")]
        ),
        f"judge {setup['root'] / 'no-judge'}: no such directory",
        out,
    )


def test_baseline_must_be_a_model(setup, tiny_model_dir, capsys):
    out = setup["root"] / "r-baseline"
    fails_with(
        capsys,
        eval_args(out, setup["safety_suite"], f"base={tiny_model_dir}", extra=["--baseline", "sft"]),
        "--baseline sft: not one of the models that generate (base)",
        out,
    )


def test_model_flag_needs_a_label(setup, tiny_model_dir, capsys):
    out = setup["root"] / "r-label"
    fails_with(
        capsys,
        eval_args(out, setup["safety_suite"], str(tiny_model_dir)),
        f"--model {tiny_model_dir}: expected LABEL=PATH, e.g. --model sft=runs/x/sft",
        out,
    )


def child_env(cache) -> dict:
    env = {
        key: value
        for key, value in os.environ.items()
        if key not in ("RANK", "LOCAL_RANK", "WORLD_SIZE", "MASTER_ADDR", "MASTER_PORT")
    }
    env.update(HF_HUB_OFFLINE="1", ALIGNMENT_CACHE=str(cache), TOKENIZERS_PARALLELISM="false", OMP_NUM_THREADS="1")
    return env


def test_eval_then_compare_merges_two_reports_without_generating(setup, tiny_model_dir, capsys):
    root = setup["root"]
    other = build_tiny_model(root / "other-model", seed=1)
    assert cli.main(eval_args(root / "a", setup["safety_suite"], f"base={tiny_model_dir}")) == 0
    out = capsys.readouterr().out
    assert "[eval] summary" in out and "harmful_refusal" in out and f"{root / 'a' / 'report.html'}" in out
    run_eval({"other": str(other)}, setup["safety_suite"], root / "b", progress=False)
    # The real console path, in a fresh process; it must not generate (no model is even loaded).
    done = subprocess.run(
        [sys.executable, "-m", "alignment.cli", "compare", str(root / "a"), str(root / "b"), "--out", str(root / "ab")],
        capture_output=True,
        text=True,
        timeout=300,
        env=child_env(root / "empty-cache"),
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout.startswith(
        f"[compare] note: {root / 'b'} used baseline 'other'; win rates, judge gains and "
        f"paired differences are recomputed against 'base' (the baseline of {root / 'a'}) "
        "from the stored items\n"
    )
    assert done.stdout.endswith(f"merged 2 reports -> {root / 'ab' / 'report.html'}\n")
    differences = done.stdout.split("[compare] differences from the baseline base")[1].split("[compare] summary")[0]
    assert "base - other" not in differences and "other - base" in differences  # the paired table comes first
    merged = json.loads((root / "ab" / "results.json").read_text())
    first, second = (json.loads((root / name / "results.json").read_text()) for name in ("a", "b"))
    assert [model["label"] for model in merged["models"]] == ["base", "other"]
    for name in ("harmful_refusal", "over_refusal"):
        assert merged["tasks"][name]["scores"] == {**first["tasks"][name]["scores"], **second["tasks"][name]["scores"]}
        assert list(merged["tasks"][name]["comparisons"]["metrics"]["refusal_rate"]) == ["other"]  # paired vs base
    assert not (root / "empty-cache" / "generations").exists()


def test_a_bad_eval_exits_2_through_a_real_process(setup, tmp_path):
    suite = write_suite(tmp_path / "s", tasks=[{"name": "refusal", "prompt_file": "x.jsonl"}])
    done = subprocess.run(
        [sys.executable, "-m", "alignment.cli", *eval_args(tmp_path / "r", suite, "base=x")],
        capture_output=True,
        text=True,
        timeout=300,
        env=child_env(tmp_path / "cache"),
    )
    assert done.returncode == 2
    assert done.stderr == f"error: {suite}: tasks[0].name: unknown task 'refusal'; valid tasks: {VALID_TASKS}\n"
    assert not (tmp_path / "r").exists()


def judged_suite(setup, name: str, judge) -> object:
    files = setup["files"]
    tasks = [
        {"name": "helpful_judged", "prompt_file": str(files["helpful"])},
        {"name": "harmful_refusal", "prompt_file": str(files["harmful"])},
    ]
    return write_suite(setup["root"] / name, judge=str(judge), tasks=tasks)


def test_compare_across_judges_drops_judged_tasks_or_rescores_them_with_one_judge(setup, tiny_model_dir, capsys):
    from alignment.eval.judges import RewardModelJudge
    from alignment.eval.prompt_files import EvalItem
    from alignment.eval.stats import win_rate

    root = setup["root"] / "judges"
    judge_a, judge_b, judge_c = (
        build_reward_model(root / f"rm-{seed}", tiny_model_dir, seed=seed) for seed in (7, 8, 9)
    )
    other = build_tiny_model(root / "other-model", seed=2)
    run_eval({"base": str(tiny_model_dir)}, judged_suite(setup, "judged-a", judge_a), root / "a", progress=False)
    run_eval({"other": str(other)}, judged_suite(setup, "judged-b", judge_b), root / "b", progress=False)
    capsys.readouterr()

    # Different judges, no --judge: the judged task is dropped with a note; the refusal task is kept and paired.
    assert cli.main(["compare", str(root / "a"), str(root / "b"), "--out", str(root / "ab")]) == 0
    out = capsys.readouterr().out
    merged = json.loads((root / "ab" / "results.json").read_text())
    assert list(merged["tasks"]) == ["harmful_refusal"] and merged["judges"] == {}
    assert len(merged["notes"]) == 2 and merged["notes"][0].startswith("task 'helpful_judged' dropped: judged by ")
    assert "pass --judge PATH" in merged["notes"][0] and f"[compare] note: {merged['notes'][0]}" in out
    assert merged["notes"][0] in (root / "ab" / "report.md").read_text()
    assert merged["baseline"] == "base"  # the first report's: the other report's baseline is recomputed against it
    assert list(merged["tasks"]["harmful_refusal"]["comparisons"]["metrics"]["refusal_rate"]) == ["other"]

    # --judge: every stored reply rescored by that one judge, win rates recomputed against the merged baseline.
    assert (
        cli.main(["compare", str(root / "a"), str(root / "b"), "--out", str(root / "abj"), "--judge", str(judge_c)])
        == 0
    )
    merged = json.loads((root / "abj" / "results.json").read_text())
    assert merged["judges"]["helpful_judged"]["path"] == str(judge_c)
    assert merged["judges"]["helpful_judged"]["sha256"] == RewardModelJudge(str(judge_c)).identity()["sha256"]
    task = merged["tasks"]["helpful_judged"]
    items = task["items"]
    prompts = [EvalItem(id=item["id"], turns=item["turns"]) for item in items]
    judge = RewardModelJudge(str(judge_c))
    scores = {label: [item["outputs"][label]["score"] for item in items] for label in ("base", "other")}
    for label in ("base", "other"):
        expected = judge.score(prompts, [item["outputs"][label]["text"] for item in items])
        assert scores[label] == pytest.approx(expected, abs=1e-5)
        assert task["scores"][label]["judge_score"]["value"] == pytest.approx(sum(expected) / len(expected), abs=1e-5)
    assert task["scores"]["other"]["win_rate"]["value"] == pytest.approx(win_rate(scores["other"], scores["base"]))
    assert task["scores"]["base"]["win_rate"] == {"value": 0.5, "ci": None, "n": len(items), "baseline": True}
    assert task["comparisons"]["metrics"]["win_rate"]["other"]["value"] == pytest.approx(
        task["scores"]["other"]["win_rate"]["value"] - 0.5
    )
    assert [item["outputs"]["base"]["verdict"] for item in items] == [None] * len(items)
