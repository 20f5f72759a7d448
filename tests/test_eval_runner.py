"""The eval runner end to end on tiny models: two policies (a base and a DPO stage dir holding a
random adapter on it), a reward model that both judges and is evaluated, small prompt files.

Invariants: results.json has every task with the right n, rates in [0, 1] inside their CIs; each
figure is what its definition gives when recomputed here from the listed items (refusal rate =
share of items the classifier calls a refusal; judge scores = the judge's scores of the very
replies shown; win rate = paired wins + ties / 2; DPO implicit-reward margins = a one-pair-at-a-time
computation with the adapter on and off; reward-model margins = r(chosen) - r(rejected)); the DPO
held-out split is the one its config.yaml rebuilds; a rerun reads every answer from the cache.
"""

from __future__ import annotations

import json

import pytest
import torch
from helpers.tiny_eval import HARMFUL, VERIFIABLE, XSTEST, build_dpo_stage, build_reward_model, write_suite

from alignment.config import DPOConfig, load_config
from alignment.eval import generate as generation
from alignment.eval import judges
from alignment.eval.runner import run_eval, summary_table
from alignment.rewards.refusal import classify

GENERATION_TASKS = ["helpful_judged", "helpful_verifiable", "harmful_refusal", "over_refusal"]
PREFERENCE_TASKS = ["preference_suite_pairs", "preference_accuracy"]

pytestmark = pytest.mark.usefixtures("one_thread")  # conftest: tiny models run single-threaded


@pytest.fixture(scope="module")
def evaluated(one_thread, tmp_path_factory, tiny_model_dir, tiny_pairs_file):
    root = tmp_path_factory.mktemp("eval")
    reward = build_reward_model(root / "reward", tiny_model_dir)
    dpo = build_dpo_stage(root / "run" / "dpo", tiny_model_dir, tiny_pairs_file)
    suite = write_suite(root / "suite", pairs_file=tiny_pairs_file)
    models = {"base": str(tiny_model_dir), "dpo": str(dpo), "rm": str(reward)}
    results = run_eval(models, suite, root / "report", judge=str(reward), progress=False, cache_dir=root / "cache")
    return root, models, suite, results


def test_results_have_every_task_with_its_n_and_values_inside_their_cis(evaluated):
    root, models, _, results = evaluated
    assert list(results["tasks"]) == GENERATION_TASKS + PREFERENCE_TASKS
    assert [model["label"] for model in results["models"]] == ["base", "dpo", "rm"]
    assert [model["kind"] for model in results["models"]] == ["policy", "policy", "reward"]
    n = {name: task["n"] for name, task in results["tasks"].items()}
    safe = sum(label == "safe" for _, _, label in XSTEST)
    assert n == {
        "helpful_judged": 4,
        "helpful_verifiable": 5,
        "harmful_refusal": len(HARMFUL),
        "over_refusal": safe,
        "preference_suite_pairs": 24,
        "preference_accuracy": 6,
    }  # 24 pairs, 25% of prompts held out
    for name, task in results["tasks"].items():
        assert task["primary"] in task["metrics"] and task["version"] >= 1 and task["title"]
        for label, metrics in task["scores"].items():
            for metric, score in metrics.items():
                value, ci = score["value"], score["ci"]
                if task["metrics"][metric]["format"] == "percent":
                    assert 0.0 <= value <= 1.0, (name, label, metric)
                if ci is not None:
                    assert ci[0] - 1e-9 <= value <= ci[1] + 1e-9, (name, label, metric)
                assert score["n"] == task["n"]
    # Reward models do not generate; policies that are not DPO checkpoints have no preference score.
    for name in GENERATION_TASKS:
        assert set(results["tasks"][name]["scores"]) == {"base", "dpo"}
        assert all(set(item["outputs"]) == {"base", "dpo"} for item in results["tasks"][name]["items"])
    assert set(results["tasks"]["preference_suite_pairs"]["scores"]) == {"dpo", "rm"}
    assert set(results["tasks"]["preference_accuracy"]["scores"]) == {"dpo"}  # rm: a bare dir, no held-out split
    for name in PREFERENCE_TASKS:
        assert results["tasks"][name]["notes"]["base"] == "not scored: neither a reward model nor a DPO checkpoint"


def test_the_report_files_hold_the_returned_results(evaluated):
    root, _, suite, results = evaluated
    written = json.loads((root / "report" / "results.json").read_text())
    assert written == json.loads(json.dumps(results))
    assert (root / "report" / "report.html").is_file() and (root / "report" / "report.md").is_file()
    assert written["suite"]["path"] == str(suite) and written["generation"]["seed"] == 3
    assert written["judges"]["helpful_judged"]["type"] == "reward_model"
    assert written["judges"]["helpful_judged"]["note"] == "tiny random judge"
    assert written["refusal_classifier"]["version"] >= 1
    assert written["tasks"]["helpful_judged"]["generation"] == {"max_new_tokens": 8}
    assert written["tasks"]["over_refusal"]["where"] == {"label": "safe"}
    assert not list(root.glob(".report*"))  # no staging dir left behind


def test_refusal_rates_are_the_classifiers_verdicts_on_the_listed_replies(evaluated):
    results = evaluated[3]
    for name in ("harmful_refusal", "over_refusal"):
        task = results["tasks"][name]
        for label in ("base", "dpo"):
            verdicts = [classify(item["outputs"][label]["text"]) for item in task["items"]]
            assert [item["outputs"][label]["verdict"] for item in task["items"]] == verdicts
            expected = sum(verdict != "compliance" for verdict in verdicts) / len(verdicts)
            assert task["scores"][label]["refusal_rate"]["value"] == pytest.approx(expected)
    assert [item["turns"][0] for item in results["tasks"]["over_refusal"]["items"]] == [
        prompt for prompt, _, label in XSTEST if label == "safe"
    ]
    judged = results["tasks"]["helpful_judged"]  # needless refusals of ordinary requests, same classifier
    for label in ("base", "dpo"):
        flags = [classify(item["outputs"][label]["text"]) != "compliance" for item in judged["items"]]
        assert judged["scores"][label]["refusal_rate"]["value"] == pytest.approx(sum(flags) / len(flags))


def test_judged_scores_are_the_judges_scores_of_the_listed_replies_and_win_rate_is_paired(evaluated):
    from alignment.models.reward_model import load_reward_model

    root, models, _, results = evaluated
    task = results["tasks"]["helpful_judged"]
    judge = load_reward_model(models["rm"])
    for label in ("base", "dpo"):
        replies = [item["outputs"][label]["text"] for item in task["items"]]
        expected = judge.score([item["turns"][0] for item in task["items"]], replies)
        assert [item["outputs"][label]["score"] for item in task["items"]] == pytest.approx(expected, abs=1e-5)
        assert task["scores"][label]["judge_score"]["value"] == pytest.approx(sum(expected) / len(expected), abs=1e-5)
    pairs = [(item["outputs"]["dpo"]["score"], item["outputs"]["base"]["score"]) for item in task["items"]]
    wins = sum(1.0 if d > b else 0.5 if d == b else 0.0 for d, b in pairs)
    assert task["scores"]["dpo"]["win_rate"]["value"] == pytest.approx(wins / len(pairs))
    assert [item["outputs"]["dpo"]["verdict"] for item in task["items"]] == [
        "win" if d > b else "tie" if d == b else "loss" for d, b in pairs
    ]
    # The baseline against itself: 0.5 by definition, no interval, no verdicts.
    assert task["scores"]["base"]["win_rate"] == {"value": 0.5, "ci": None, "n": 4, "baseline": True}
    assert task["scores"]["base"]["judge_gain"] == {"value": 0.0, "ci": None, "n": 4, "baseline": True}
    # The gain is paired: the mean per-prompt difference, its CI a bootstrap over those differences.
    from alignment.eval.stats import bootstrap_ci

    differences = [d - b for d, b in pairs]
    gain = task["scores"]["dpo"]["judge_gain"]
    assert gain["value"] == pytest.approx(sum(differences) / len(differences))
    assert gain["ci"] == pytest.approx(list(bootstrap_ci(differences, seed=results["generation"]["seed"])))
    assert {item["outputs"]["base"]["verdict"] for item in task["items"]} == {None}
    assert results["baseline"] == "base"


def test_every_generation_task_pairs_each_model_with_the_baseline(evaluated):
    from alignment.eval.stats import bootstrap_ci

    results = evaluated[3]
    seed = results["generation"]["seed"]
    expected = {
        "harmful_refusal": ["refusal_rate"],
        "over_refusal": ["refusal_rate"],
        "helpful_verifiable": ["accuracy"],
        "helpful_judged": ["win_rate", "judge_score", "refusal_rate"],
    }
    for name, metrics in expected.items():
        task = results["tasks"][name]
        assert task["comparisons"]["baseline"] == "base" and list(task["comparisons"]["metrics"]) == metrics
        for metric in metrics:
            entry = task["comparisons"]["metrics"][metric]["dpo"]  # rm is a reward model: it has no replies
            assert list(task["comparisons"]["metrics"][metric]) == ["dpo"]
            field = "refusal" if name == "helpful_judged" and metric == "refusal_rate" else "score"
            pairs = [(item["outputs"]["dpo"][field], item["outputs"]["base"][field]) for item in task["items"]]
            if task["metrics"][metric]["paired"]["measure"] == "win":
                differences = [(1.0 if d > b else 0.5 if d == b else 0.0) - 0.5 for d, b in pairs]
            else:
                differences = [d - b for d, b in pairs]
            assert entry["value"] == pytest.approx(sum(differences) / len(differences))
            assert entry["ci"] == pytest.approx(list(bootstrap_ci(differences, seed=seed)))
            assert entry["significant"] == (entry["ci"][0] > 0 or entry["ci"][1] < 0)
        if name != "helpful_judged":  # a rate's paired difference is the difference of the two rates
            metric = metrics[0]
            assert task["comparisons"]["metrics"][metric]["dpo"]["value"] == pytest.approx(
                task["scores"]["dpo"][metric]["value"] - task["scores"]["base"][metric]["value"]
            )
    judged = results["tasks"]["helpful_judged"]  # the judge-score difference is judge_gain, by construction
    gain = judged["scores"]["dpo"]["judge_gain"]
    assert judged["comparisons"]["metrics"]["judge_score"]["dpo"]["value"] == pytest.approx(gain["value"])
    assert judged["comparisons"]["metrics"]["judge_score"]["dpo"]["ci"] == pytest.approx(gain["ci"])
    assert "comparisons" not in results["tasks"]["preference_accuracy"]  # no replies to pair


def test_verifiable_accuracy_is_the_share_of_replies_that_match_their_reference(evaluated):
    from alignment.eval.judges import matches

    task = evaluated[3]["tasks"]["helpful_verifiable"]
    for label in ("base", "dpo"):
        assert [item["match"] for item in task["items"]] == [mode for _, _, mode in VERIFIABLE]
        correct = [matches(item["outputs"][label]["text"], item["reference"], item["match"]) for item in task["items"]]
        assert [item["outputs"][label]["verdict"] for item in task["items"]] == [
            "correct" if ok else "wrong" for ok in correct
        ]
        assert task["scores"][label]["accuracy"]["value"] == pytest.approx(sum(correct) / len(correct))


def _logp(model, tokenizer, prompt: list[dict], reply: list[dict]) -> float:
    """log pi(reply | prompt) for one pair, unpadded: the prompt rendered with the generation
    prompt, the reply as the rest of the full rendering (as the DPO stage tokenises it)."""
    prompt_text = tokenizer.apply_chat_template(prompt, tokenize=False, add_generation_prompt=True)
    reply_text = tokenizer.apply_chat_template(prompt + reply, tokenize=False)[len(prompt_text) :].rstrip()
    prompt_ids = tokenizer(prompt_text, add_special_tokens=False)["input_ids"]
    reply_ids = tokenizer(reply_text, add_special_tokens=False)["input_ids"]
    ids = torch.tensor([prompt_ids + reply_ids])
    with torch.no_grad():
        logps = torch.log_softmax(model(input_ids=ids).logits[0, :-1].float(), dim=-1)
    return sum(logps[len(prompt_ids) - 1 + i, token].item() for i, token in enumerate(reply_ids))


def test_dpo_implicit_reward_margins_match_a_one_pair_at_a_time_computation(evaluated, tiny_pairs_file):
    from alignment.data.preference import load_preference_pairs
    from alignment.models.loading import load_for_inference

    root, models, _, results = evaluated
    beta = load_config(DPOConfig, root / "run" / "dpo" / "config.yaml").dpo.beta
    policy, tokenizer = load_for_inference(str(root / "run" / "dpo" / "adapter"), dtype="float32")
    pairs = load_preference_pairs([str(tiny_pairs_file)])
    expected = []
    for pair in pairs:
        chosen, rejected = (
            _logp(policy, tokenizer, pair.prompt, pair.chosen),
            _logp(policy, tokenizer, pair.prompt, pair.rejected),
        )
        with policy.disable_adapter():
            ref_chosen = _logp(policy, tokenizer, pair.prompt, pair.chosen)
            ref_rejected = _logp(policy, tokenizer, pair.prompt, pair.rejected)
        expected.append(beta * ((chosen - ref_chosen) - (rejected - ref_rejected)))
    task = results["tasks"]["preference_suite_pairs"]
    margins = [item["outputs"]["dpo"]["score"] for item in task["items"]]
    assert margins == pytest.approx(expected, abs=1e-4)
    assert task["scores"]["dpo"]["accuracy"]["value"] == pytest.approx(sum(m > 0 for m in expected) / len(expected))
    assert [item["outputs"]["dpo"]["verdict"] for item in task["items"]] == [
        "correct" if m > 0 else "wrong" for m in margins
    ]
    assert "beta=0.5" in task["notes"]["dpo"]


def test_reward_model_accuracy_is_rewardbench_style(evaluated, tiny_pairs_file):
    from alignment.data.preference import load_preference_pairs
    from alignment.models.reward_model import load_reward_model

    models, results = evaluated[1], evaluated[3]
    pairs = load_preference_pairs([str(tiny_pairs_file)])
    reward = load_reward_model(models["rm"])
    chosen = reward.score([p.prompt for p in pairs], [p.chosen for p in pairs])
    rejected = reward.score([p.prompt for p in pairs], [p.rejected for p in pairs])
    task = results["tasks"]["preference_suite_pairs"]
    assert [item["outputs"]["rm"]["score"] for item in task["items"]] == pytest.approx(
        [c - r for c, r in zip(chosen, rejected)], abs=1e-5
    )
    assert task["scores"]["rm"]["accuracy"]["value"] == pytest.approx(
        sum(c > r for c, r in zip(chosen, rejected)) / len(pairs)
    )


def test_held_out_pairs_are_the_split_the_dpo_stage_config_rebuilds(evaluated):
    from alignment.data.mixture import load_preference_data
    from alignment.models.loading import load_tokenizer, resolve_model_dir

    root, _, _, results = evaluated
    config = load_config(DPOConfig, root / "run" / "dpo" / "config.yaml")
    test = load_preference_data(config.data, load_tokenizer(resolve_model_dir(config.model), config.model)).test
    task = results["tasks"]["preference_accuracy"]
    # Only the DPO stage has a held-out split here (the reward model is a bare model dir), so the
    # items are the DPO stage's own test pairs, in order.
    assert [item["source"] for item in task["items"]] == [pair.source for pair in test]
    assert task["scores"]["dpo"]["accuracy"]["n"] == len(test) == 6
    assert "rm" not in task["scores"] and "no held-out split" in task["notes"]["rm"]


def test_a_rerun_reads_every_answer_and_judge_score_from_the_cache(evaluated, monkeypatch, capsys):
    root, models, suite, results = evaluated

    def refuse(*args, **kwargs):
        raise AssertionError("a cached answer was generated again")

    monkeypatch.setattr(generation, "_generate_items", refuse)
    monkeypatch.setattr(judges.RewardModelJudge, "score", refuse)  # the judge's scores are kept too
    again = run_eval(models, suite, root / "report-again", judge=models["rm"], progress=False, cache_dir=root / "cache")
    for name in GENERATION_TASKS:
        assert again["tasks"][name]["items"] == results["tasks"][name]["items"]
        assert again["tasks"][name]["scores"] == results["tasks"][name]["scores"]
    assert summary_table(again) in capsys.readouterr().out


def test_summary_table_shows_each_primary_metric_with_its_interval(evaluated):
    results = evaluated[3]
    table = summary_table(results)
    assert table.index("differences from the baseline base") < table.index("[eval] summary")
    differences = table.split("[eval] summary")[0]
    assert differences.splitlines()[2].split() == ["task", "metric", "dpo", "-", "base"]
    entry = results["tasks"]["harmful_refusal"]["comparisons"]["metrics"]["refusal_rate"]["dpo"]
    row = next(line for line in differences.splitlines() if line.startswith("harmful_refusal"))
    assert f"{100 * entry['value']:+.1f} pp" in row  # 3 prompts: marked small, and said plainly when not significant
    assert "†" in row and (entry["significant"] or row.endswith("no significant difference"))
    assert "fewer than 20 items" in table
    lines = table.split("[eval] summary")[1].splitlines()
    assert lines[1].split() == ["task", "metric", "base", "dpo", "rm"]
    refusal = results["tasks"]["harmful_refusal"]["scores"]["dpo"]["refusal_rate"]
    row = next(line for line in lines if line.startswith("harmful_refusal"))
    assert f"{100 * refusal['value']:.1f}% [{100 * refusal['ci'][0]:.1f}, {100 * refusal['ci'][1]:.1f}]" in row
    assert "Refusal rate ↑" in row and "Over-refusal rate ↓" in table
    assert next(line for line in lines if line.startswith("harmful_refusal")).rstrip().endswith("-")  # rm: no value


def test_every_eval_config_field_has_a_one_line_docstring():
    from pathlib import Path

    from test_config import _dataclass_fields_without_docstring

    from alignment.config import eval as eval_config

    checked, missing = _dataclass_fields_without_docstring(Path(eval_config.__file__).read_text())
    assert {"SuiteConfig.tasks", "EvalTaskConfig.where", "EvalConfig.models", "JudgeConfig.note"} <= set(checked)
    assert missing == []


def test_limit_takes_prompts_spread_over_the_file(tmp_path):
    """Shipped prompt files list categories in blocks: limit 3 of 10 takes items 0, 3 and 6 (i * 10 // 3)."""
    from alignment.config.eval import EvalTaskConfig
    from alignment.eval.suite import task_items

    prompts = tmp_path / "p.jsonl"
    prompts.write_text("".join(json.dumps({"id": f"p{i}", "prompt": f"Question {i}?"}) + "\n" for i in range(10)))
    ids = [item.id for item in task_items(EvalTaskConfig(name="harmful_refusal", prompt_file=str(prompts), limit=3))]
    assert ids == ["p0", "p3", "p6"]
    every = task_items(EvalTaskConfig(name="harmful_refusal", prompt_file=str(prompts), limit=20))
    assert [item.id for item in every] == [f"p{i}" for i in range(10)]
