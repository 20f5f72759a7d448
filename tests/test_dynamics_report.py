"""Learning-dynamics report: synthetic dynamics.jsonl -> dynamics.html + PNG figures, errors, CLI, eval link.

No models: `write_log` writes records that follow the stages' schema (setup, checks, warnings,
summary) for a 2-layer x 2-head model with 3 checks (steps 0, 4, 8), LoRA on layer 1 only
(layer 0 frozen). The numbers are chosen so the page's figures can be checked by hand:
the overhead is 0.6 s of probes / 12.0 s of training = 5.0%.
"""

from __future__ import annotations

import html
import json
from pathlib import Path

import pytest

from alignment.cli import main as cli
from alignment.core.errors import AlignmentError
from alignment.dynamics.report import read_log, write_report
from alignment.eval.report import write_report as write_eval_report

PNG_MAGIC = b"\x89PNG\r\n\x1a\n"
STEPS = (0, 4, 8)
FIGURES = ("trajectories", "lora_norm", "grad_norm", "attention_entropy")


def setup_record(stage: str) -> dict:
    probes = [
        {
            "id": "p0",
            "prompt": "Name a <b>colour</b> & a fruit" + " long" * 80,
            "chosen": "Red & apple.",
            "rejected": "<script>alert('probe')</script>",
            "greedy": "Blue, banana.",
        },
        {"id": "p1", "prompt": "Say hi", "chosen": None, "rejected": None, "greedy": "Hi!"},
    ]
    return {
        "kind": "setup",
        "step": 0,
        "stage": stage,
        "every": 4,
        "layers": 2,
        "heads": 2,
        "frozen_layers": 1,
        "modules": ["q_proj", "v_proj"],
        "probes": probes,
        "thresholds": {"entropy_collapse": 0.5},
    }


def check_record(stage: str, index: int) -> dict:
    """Check `index` (0, 1, 2): chosen falls while rejected falls faster; layer 1's heads sharpen."""
    step = STEPS[index]
    means = {
        "chosen_logp": -1.0 - 0.1 * index,
        "rejected_logp": -2.0 - 0.3 * index,
        "greedy_logp": -0.5,
        "chosen_change": -0.1 * index,
        "rejected_change": -0.3 * index,
        "greedy_change": -0.01 * index,
        "margin": None if stage == "sft" else 0.4 * index,
        "entropy": 1.5 - 0.1 * index,
        "kl": None if index == 0 else 0.2 * index,
    }
    record = {
        "kind": "check",
        "step": step,
        "seconds": 0.2,
        "train_seconds": 5.0 * index,
        "loss": None if index == 0 else 0.7 - 0.05 * index,
        "means": means,
        "per_probe": {key: [value, None] for key, value in means.items()},
        "lora_norm": {"1": {"q_proj": 0.01 * index, "v_proj": 0.02 * index}},
        "grad_norm": {} if index == 0 else {"1": 0.3 / index},
        "attention_entropy": [[1.0, 1.2], [1.1 - 0.2 * index, 0.9 - 0.1 * index]],
    }
    if stage == "ppo":
        record["ppo"] = {
            "reward": 0.1 * index,
            "reply_length": 40.0 + 5 * index,
            "kl": 0.1 * index,
            "entropy": 1.5,
            "sample_reward": 0.05 * index,
            "sample_length": 30.0 + index,
            "judge": None if index == 0 else 0.1,
        }
    return record


def write_log(run_dir: Path, stage: str, warnings=(), summary: bool = True, tail: str = "") -> Path:
    """`<run_dir>/<stage>/dynamics.jsonl` with setup, 3 checks, the given warnings and (optionally) a summary."""
    records = [setup_record(stage)] + [check_record(stage, index) for index in range(len(STEPS))]
    records += [{"kind": "warning", "step": step, "rule": rule, "message": message} for step, rule, message in warnings]
    if summary:
        records.append(
            {
                "kind": "summary",
                "step": STEPS[-1],
                "checks": len(STEPS),
                "probe_seconds": 0.6,
                "train_seconds": 12.0,
                "overhead": 0.05,
                "warnings": len(warnings),
            }
        )
    path = run_dir / stage / "dynamics.jsonl"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text("".join(json.dumps(record) + "\n" for record in records) + tail, encoding="utf-8")
    return path


PAYLOAD = "<script>alert('x')</script>"


@pytest.fixture(scope="module")
def full_run(tmp_path_factory) -> Path:
    """A run with all three stages: dpo has a warning carrying a script payload, ppo was interrupted."""
    run_dir = tmp_path_factory.mktemp("run")
    write_log(run_dir, "sft")
    write_log(run_dir, "dpo", warnings=[(8, "likelihood_displacement", f"chosen fell {PAYLOAD} by 0.2 nats")])
    write_log(run_dir, "ppo", summary=False)
    write_report(run_dir)
    return run_dir


def test_every_named_figure_is_a_png_file(full_run):
    names = [f"{stage}_{figure}.png" for stage in ("sft", "dpo", "ppo") for figure in FIGURES] + [
        "ppo_reward_length.png"
    ]
    for name in names:
        data = (full_run / "dynamics" / name).read_bytes()
        assert data.startswith(PNG_MAGIC), name
    assert sorted(path.name for path in (full_run / "dynamics").iterdir()) == sorted(names)  # and nothing else


def test_page_has_a_section_per_stage_with_each_figure_and_its_alt_text(full_run):
    page = (full_run / "dynamics.html").read_text(encoding="utf-8")
    for stage in ("sft", "dpo", "ppo"):
        assert f'<section id="{stage}">' in page
    assert page.count('<img src="data:image/png;base64,') == 3 * len(FIGURES) + 1
    assert page.count(' alt="') == page.count("<img ")
    assert "change from step 0 to step 8" in page  # the attention-entropy alt text names the steps compared


def test_warning_message_is_escaped_and_listed(full_run):
    page = (full_run / "dynamics.html").read_text(encoding="utf-8")
    assert PAYLOAD not in page
    assert "&lt;script&gt;alert(&#x27;x&#x27;)&lt;/script&gt;" in page
    assert "likelihood_displacement" in page
    assert page.count("<script") == 0  # the page runs no script at all; probe texts are escaped too


def test_no_warnings_is_said_where_there_are_none(full_run):
    page = (full_run / "dynamics.html").read_text(encoding="utf-8")
    sft = page[page.index('<section id="sft">') : page.index('<section id="dpo">')]
    dpo = page[page.index('<section id="dpo">') : page.index('<section id="ppo">')]
    assert "no warnings" in sft and "no warnings" not in dpo


def test_overhead_line_and_interrupted_note(full_run):
    page = (full_run / "dynamics.html").read_text(encoding="utf-8")
    dpo = page[page.index('<section id="dpo">') : page.index('<section id="ppo">')]
    ppo = page[page.index('<section id="ppo">') :]
    assert "0.6 s of probes / 12.0 s of training = 5.0% (3 checks)" in dpo
    assert "No summary record" in ppo and "No summary record" not in dpo
    assert "0.6 s of probes / 10.0 s of training = 6.0%" in ppo  # so far: 3 checks x 0.2 s / last train_seconds


def test_probe_texts_are_shortened_and_escaped(full_run):
    page = (full_run / "dynamics.html").read_text(encoding="utf-8")
    assert "Name a &lt;b&gt;colour&lt;/b&gt; &amp; a fruit" in page
    prompt = setup_record("dpo")["probes"][0]["prompt"]  # 430 characters
    assert html.escape(prompt[:199]) + "…</td>" in page and html.escape(prompt) not in page
    assert "Blue, banana." in page


def test_torn_last_line_is_skipped(tmp_path):
    path = write_log(tmp_path, "dpo", summary=False, tail='{"kind": "check", "step": 12, "seconds": 0.')
    log = read_log(path)
    assert [check["step"] for check in log.checks] == list(STEPS)
    assert write_report(tmp_path).is_file()


def test_malformed_middle_line_names_file_and_line(tmp_path):
    path = write_log(tmp_path, "sft")
    lines = path.read_text().splitlines()
    lines[2] = lines[2][:20]  # line 3: a check cut short, with whole lines after it
    path.write_text("\n".join(lines) + "\n")
    with pytest.raises(AlignmentError, match=rf"{path}:3: not JSON"):
        write_report(tmp_path)
    assert not (tmp_path / "dynamics.html").exists()


def test_no_log_is_a_clear_error(tmp_path):
    with pytest.raises(AlignmentError, match="no dynamics.jsonl found under run_dir"):
        write_report(tmp_path)


def test_cli_prints_the_page_path_and_exits_0(tmp_path, capsys):
    write_log(tmp_path, "sft")
    assert cli.main(["dynamics", str(tmp_path)]) == 0
    assert capsys.readouterr().out.strip() == str(tmp_path / "dynamics.html")
    assert (tmp_path / "dynamics.html").is_file()


def test_cli_bad_input_exits_2_with_one_message(tmp_path, capsys):
    assert cli.main(["dynamics", str(tmp_path)]) == 2
    err = capsys.readouterr().err
    assert err.startswith("error: ") and "no dynamics.jsonl found" in err and "Traceback" not in err


def minimal_results() -> dict:
    return {
        "schema": 1,
        "models": [{"label": "sft", "sha256": "0" * 64}],
        "tasks": {
            "t": {
                "primary": "m",
                "metrics": {"m": {"format": "number", "higher_is_better": True}},
                "scores": {"sft": {"m": {"value": 0.5, "ci": None, "n": 1}}},
            }
        },
    }


@pytest.mark.parametrize("present", [None, "dynamics.html", "dpo/dynamics.jsonl"])
def test_eval_report_links_the_dynamics_page_only_when_the_run_has_one(tmp_path, present):
    if present:
        (tmp_path / present).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / present).write_text("{}\n")
    page = write_eval_report(minimal_results(), tmp_path / "eval")["html"].read_text(encoding="utf-8")
    link = '<a href="../dynamics.html">Learning dynamics of this run</a>'
    assert (link in page) == bool(present)


def test_alt_texts_carry_the_numbers_the_figures_show(full_run):
    """Last check (index 2): LoRA q 0.02, v 0.04 on layer 1 -> sqrt(0.02^2 + 0.04^2) = 0.0447;
    attention entropy of layer 1 head 0 went 1.1 -> 0.7 (-0.4), the sharpest head."""
    page = (full_run / "dynamics.html").read_text(encoding="utf-8")
    assert "highest layer 1 (0.0447)" in page
    assert "lowest layer 1 head 0 (-0.4)" in page
    assert "chosen change -0.2, rejected change -0.6" in page


def rewrite_checks(path: Path, change) -> None:
    records = [json.loads(line) for line in path.read_text().splitlines()]
    for record in records:
        if record["kind"] == "check":
            change(record)
    path.write_text("".join(json.dumps(record) + "\n" for record in records))


def test_unmeasured_layer_logged_as_empty_row_renders_blank(tmp_path):
    path = write_log(tmp_path, "dpo")
    rewrite_checks(path, lambda record: record["attention_entropy"].__setitem__(0, []))
    write_report(tmp_path)
    assert (tmp_path / "dynamics" / "dpo_attention_entropy.png").read_bytes().startswith(PNG_MAGIC)


def test_attention_map_changing_shape_between_checks_is_an_error(tmp_path):
    path = write_log(tmp_path, "dpo")
    rewrite_checks(path, lambda record: record["attention_entropy"].append([1.0, 1.0]) if record["step"] == 8 else None)
    with pytest.raises(AlignmentError, match="attention_entropy changes shape between checks"):
        write_report(tmp_path)


def test_ppo_with_an_independent_judge_draws_proxy_and_gold_against_kl(tmp_path):
    path = write_log(tmp_path, "ppo")
    records = [json.loads(line) for line in path.read_text().splitlines()]
    for record in records:
        if record["kind"] == "check":  # the proxy keeps rising, the gold turns down after the second check
            index = STEPS.index(record["step"])
            record["ppo"].update({"sample_reward": 0.5 * index, "gold": [0.2, 0.4, 0.1][index]})
    path.write_text("".join(json.dumps(record) + "\n" for record in records))
    write_report(tmp_path)
    assert (tmp_path / "dynamics" / "ppo_proxy_gold.png").read_bytes().startswith(PNG_MAGIC)
    page = (tmp_path / "dynamics.html").read_text(encoding="utf-8")
    assert "proxy vs gold reward against KL" in page
    assert "proxy 1 and gold -0.1 at the last check" in page  # changes since the first check, in the alt text


def test_proxy_gold_places_step_zero_at_kl_zero():
    """Step 0 has no rollouts, so no rollout KL; the policy is the reference there, so it plots at KL 0."""
    from alignment.dynamics.figures import proxy_gold

    checks = [
        {"step": 0, "ppo": {"kl": None, "sample_reward": 1.0, "gold": 2.0}},
        {"step": 4, "ppo": {"kl": 0.5, "sample_reward": 1.5, "gold": 1.8}},
    ]
    plot = proxy_gold(checks)
    assert "against KL (0 -> 0.5 nats)" in plot.alt
