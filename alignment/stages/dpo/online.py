"""On-policy DPO: rounds of sample -> rank -> train, on one LoRA adapter over one base (`dpo.online`).

    run(config: DPOConfig) -> StageResult        # config.dpo.online.rounds >= 1

Off-policy pairs, written by other models, move DPO's implicit rewards without moving what the
policy says (Xu et al. 2024, arXiv:2404.10719; Guo et al. 2024, arXiv:2402.04792, online AI
feedback). Each round here:

1. samples `online.samples` replies to a seeded `online.prompts_per_round` of `online.prompt_files`
   (the judge split applies) from the current policy: the start model in round 1, the previous
   round's merged model after that. With `online.greedy` one of them is the greedy reply, the one
   the eval sees;
2. scores every reply with the rule rewards (default: `alignment.rewards:refusal_by_kind`, which
   pays refusing prompts labelled harmful and answering the rest) and/or a reward model;
3. pairs each prompt's best against its worst reply when their scores differ by `online.min_gap`,
   keeping as many pairs of each prompt `kind` as the rarest kind has (`online.balance_kinds`);
4. trains DPO (`alignment.stages.dpo`, `train.max_steps` per round) on those pairs plus
   `data.sources` (empty list: the round's pairs only), continuing the previous round's adapter.
   The reference stays the start model (the adapter disabled) in every round.

Writes `<run_dir>/dpo/rounds/NN/` (samples.jsonl with every reply and score, pairs.jsonl, and that
round's DPO stage dir `dpo/` with its own dynamics.jsonl), then `<run_dir>/dpo/` as a DPO stage does:
adapter/, merged/, eval.json (the last round's held-out pairs), metrics.jsonl and dynamics.jsonl of
all rounds (steps counted on across rounds, each row tagged with its round), rounds.json, README.md,
manifest.json. Killed, it resumes: finished rounds are kept, a round with its pairs written trains
on them (from its last checkpoint), a round without them samples again (seeded: the same replies).
"""

from __future__ import annotations

import copy
import json
import os
import random
import shutil
import time
from collections import Counter
from pathlib import Path

from tqdm import tqdm

from alignment.config import DataSourceConfig, DPOConfig, save_config
from alignment.core.distributed import barrier, is_main_process
from alignment.core.errors import DataError
from alignment.core.io import write_json_atomically, write_text_atomically
from alignment.core.provenance import StageResult, read_manifest, write_manifest
from alignment.data import judge_split
from alignment.data.prompts import load_prompts
from alignment.models import loading as models
from alignment.rewards.rules import load_rule_rewards
from alignment.stages.common import check_stage_dir, finished_result, input_hashes, print_summary, write_model_card
from alignment.stages.dpo import offline as dpo

STAGE = "dpo"


def run(config: DPOConfig, callbacks: list | None = None) -> StageResult:
    online = config.dpo.online
    stage_dir = Path(config.run_dir).expanduser() / STAGE
    files = list(online.prompt_files) + dpo.preference_files(config.data)
    finished = finished_result(STAGE, stage_dir, config, files)
    if finished:
        return finished
    started = time.time()
    if not online.prompt_files:
        raise DataError([("dpo.online.prompt_files", "prompt_files", "on-policy rounds need prompts to sample for")])
    prompts, split = read_prompts(config)
    if online.guides and not any("chosen" in example.references for example in prompts):
        raise DataError(
            [
                (
                    online.prompt_files[0],
                    "chosen",
                    "dpo.online.guides needs prompt rows with a chosen reply (pairs files)",
                )
            ]
        )
    check_stage_dir(stage_dir, config)
    if is_main_process():
        stage_dir.mkdir(parents=True, exist_ok=True)
        save_config(config, stage_dir / "config.yaml")
    rounds, previous = [], None
    for number in range(1, online.rounds + 1):
        round_dir = stage_dir / "rounds" / f"{number:02d}"
        policy = str(previous / STAGE) if previous else config.model.name_or_path
        summary = sample_round(config, number, round_dir, policy, prompts)
        round_config = round_dpo_config(config, round_dir)
        dpo.run(round_config, callbacks=callbacks, initial_adapter=previous / STAGE / "adapter" if previous else None)
        summary["dpo"] = read_manifest(round_dir / STAGE)["metrics"]
        rounds.append(summary)
        previous = round_dir
    if not is_main_process():
        barrier()
        return StageResult(STAGE, stage_dir, {}, seconds=time.time() - started)
    result = finish(config, stage_dir, previous, rounds, split, files, started)
    barrier()
    return result


def read_prompts(config: DPOConfig) -> tuple[list, judge_split.SplitReport]:
    """The prompt rows outside the judge part (`data.judge_split`), in file order."""
    examples = load_prompts(list(config.dpo.online.prompt_files))
    judge_split.check(config.data.judge_split, "data")
    kept, split = judge_split.apply(examples, lambda example: example.prompt, config.data.judge_split)
    if not kept:
        raise DataError([(config.dpo.online.prompt_files[0], "prompt", "no prompt left outside the judge part")])
    return kept, split


# ---- one round: sample, score, pair ----


def sample_round(config: DPOConfig, number: int, round_dir: Path, policy: str, prompts: list) -> dict:
    """Write `round_dir`/samples.jsonl and pairs.jsonl (rank 0; kept if already there); their summary."""
    pairs_file = round_dir / "pairs.jsonl"
    summary_file = round_dir / "round.json"
    if is_main_process() and not summary_file.is_file():
        started = time.time()
        online = config.dpo.online
        picked = pick_prompts(prompts, online.prompts_per_round, f"{config.train.seed}/online/{number}")
        replies = sample_replies(config, policy, picked, number)
        if online.guides:  # the row's own chosen reply, last: a tie goes to the policy's sample
            replies = [
                texts + ([example.references["chosen"]] if "chosen" in example.references else [])
                for example, texts in zip(picked, replies)
            ]
        scores = score_replies(config, picked, replies)
        pairs, counts = make_pairs(
            picked,
            replies,
            scores,
            online.min_gap,
            online.balance_kinds,
            f"{config.train.seed}/balance/{number}",
            samples=online.samples,
        )
        if not pairs:
            raise DataError(
                [
                    (
                        str(pairs_file),
                        "pairs",
                        f"round {number}: no prompt's samples differ by "
                        f"dpo.online.min_gap={online.min_gap}; lower it, or sample more (dpo.online.samples)",
                    )
                ]
            )
        round_dir.mkdir(parents=True, exist_ok=True)
        _write_jsonl(
            round_dir / "samples.jsonl",
            [
                {
                    "prompt": example.prompt,
                    "kind": example.metadata.get("kind", ""),
                    "replies": texts,
                    "scores": marks,
                    "guide": len(texts) > online.samples,  # the last reply is the row's own chosen one
                }
                for example, texts, marks in zip(picked, replies, scores)
            ],
        )
        _write_jsonl(pairs_file, pairs)
        greedy = [marks[0] for marks in scores] if online.greedy else []
        summary = {
            "round": number,
            "policy": policy,
            "prompts": len(picked),
            "samples": online.samples,
            "pairs": len(pairs),
            "pairs_by_kind": counts,
            "pairs_with_guide_chosen": sum(row["chosen_is_guide"] for row in pairs),
            "greedy_score_mean": round(sum(greedy) / len(greedy), 4) if greedy else None,
            "sample_score_mean": round(sum(map(sum, scores)) / sum(map(len, scores)), 4),
            "seconds": round(time.time() - started, 1),
        }
        write_json_atomically(summary_file, summary)
        print(
            f"[dpo] round {number}: {len(picked)} prompts x {online.samples} replies from {policy} -> "
            f"{len(pairs)} pairs {dict(counts)}; mean greedy score {summary['greedy_score_mean']} "
            f"({summary['seconds']} s)",
            flush=True,
        )
    barrier()
    return json.loads(summary_file.read_text())


def pick_prompts(prompts: list, count: int, seed: str) -> list:
    if count <= 0 or count >= len(prompts):
        return list(prompts)
    return [prompts[index] for index in sorted(random.Random(seed).sample(range(len(prompts)), count))]


def sample_replies(config: DPOConfig, policy: str, prompts: list, number: int) -> list[list[str]]:
    """`online.samples` replies per prompt (the first greedy with `online.greedy`), seeded per prompt."""
    from alignment.models.generation import GenerationSettings, reply_texts

    online = config.dpo.online
    model, tokenizer = models.load_for_inference(policy, dtype=config.model.dtype)
    conversations = [example.prompt for example in prompts]
    replies = [[] for _ in prompts]
    bar = tqdm(total=online.samples * len(prompts), desc=f"round {number}: sample", disable=not is_main_process())
    for sample in range(online.samples):
        greedy = online.greedy and sample == 0
        settings = GenerationSettings(
            max_new_tokens=online.max_new_tokens,
            temperature=0.0 if greedy else online.temperature,
            top_p=1.0 if greedy else online.top_p,
            batch_size=online.batch_size,
        )
        seeds = [hash_seed(config.train.seed, number, sample, index) for index in range(len(prompts))]
        for index, text in enumerate(
            reply_texts(model, tokenizer, conversations, seeds, settings, progress=bar.update)
        ):
            replies[index].append(text)
    bar.close()
    del model
    return replies


def hash_seed(*parts) -> int:
    return random.Random("/".join(map(str, parts))).getrandbits(62)


def score_replies(config: DPOConfig, prompts: list, replies: list[list[str]]) -> list[list[float]]:
    """Rule rewards (weighted sum) plus `online.reward_model_weight` x the reward model's score."""
    online = config.dpo.online
    rules = load_rule_rewards(online.rule_rewards)
    scores = [
        [
            sum(weight * float(rule(example.prompt, text, example.metadata)) for _, rule, weight in rules)
            for text in texts
        ]
        for example, texts in zip(prompts, replies)
    ]
    if online.reward_model and online.reward_model_weight:
        from alignment.models.reward_model import load_reward_model

        judge = load_reward_model(online.reward_model, dtype=config.model.dtype)
        flat = [(index, sample) for index, texts in enumerate(replies) for sample in range(len(texts))]
        marks = judge.score(
            [prompts[index].prompt for index, _ in flat],
            [replies[index][sample] for index, sample in flat],
            batch_size=online.batch_size,
        )
        for (index, sample), mark in zip(flat, marks):
            scores[index][sample] += online.reward_model_weight * mark
    return [[round(value, 4) for value in row] for row in scores]


def make_pairs(
    prompts: list,
    replies: list[list[str]],
    scores: list[list[float]],
    min_gap: float,
    balance: bool,
    seed: str,
    samples: int | None = None,
) -> tuple[list[dict], dict[str, int]]:
    """Best vs worst reply per prompt (score gap >= min_gap, different texts), as preference rows;
    with `balance`, a seeded sample of each prompt kind down to the rarest kind's count. Replies past
    the first `samples` of a prompt are guides (the row's own reply, `chosen_is_guide` in the row)."""
    samples = max(map(len, replies), default=0) if samples is None else samples
    by_kind: dict[str, list[dict]] = {}
    for example, texts, marks in zip(prompts, replies, scores):
        best = max(range(len(texts)), key=lambda index: (marks[index], -index))
        worst = min(range(len(texts)), key=lambda index: (marks[index], index))
        if marks[best] - marks[worst] < max(min_gap, 1e-9) or texts[best].strip() == texts[worst].strip():
            continue
        kind = str(example.metadata.get("kind", ""))
        by_kind.setdefault(kind, []).append(
            {
                "prompt": example.prompt,
                "chosen": [{"role": "assistant", "content": texts[best]}],
                "rejected": [{"role": "assistant", "content": texts[worst]}],
                "kind": kind,
                "score_chosen": marks[best],
                "score_rejected": marks[worst],
                "chosen_is_guide": best >= samples,
            }
        )
    if balance and len(by_kind) > 1:
        keep = min(len(rows) for rows in by_kind.values())
        rng = random.Random(seed)
        by_kind = {
            kind: [rows[index] for index in sorted(rng.sample(range(len(rows)), keep))]
            for kind, rows in sorted(by_kind.items())
        }
    pairs = [row for kind in sorted(by_kind) for row in by_kind[kind]]
    return pairs, dict(sorted(Counter(row["kind"] for row in pairs).items()))


def round_dpo_config(config: DPOConfig, round_dir: Path) -> DPOConfig:
    """The round's DPO: `data.sources` plus this round's pairs, everything else as configured; each
    round merges (the next round samples from its merged model)."""
    round_config = copy.deepcopy(config)
    round_config.run_dir = str(round_dir)
    round_config.dpo.online.rounds = 0
    round_config.merge = True
    round_config.data.sources = list(round_config.data.sources) + [
        DataSourceConfig(
            files=[str(round_dir / "pairs.jsonl")], name="on_policy", weight=config.dpo.online.pairs_weight
        )
    ]
    return round_config


# ---- the stage's outputs ----


def finish(
    config: DPOConfig, stage_dir: Path, last: Path, rounds: list[dict], split, files: list[str], started: float
) -> StageResult:
    """Copy the last round's weights and eval in; join the rounds' logs; card and manifest last."""
    last_stage = last / STAGE
    outputs = ["adapter/"] + (["merged/"] if config.merge else [])
    for name in [item.rstrip("/") for item in outputs]:
        staging = stage_dir / f".{name}-staging"
        shutil.rmtree(staging, ignore_errors=True)
        shutil.copytree(last_stage / name, staging)
        shutil.rmtree(stage_dir / name, ignore_errors=True)
        os.rename(staging, stage_dir / name)
    shutil.copyfile(last_stage / "eval.json", stage_dir / "eval.json")
    join_logs(stage_dir, rounds)
    write_json_atomically(stage_dir / "rounds.json", rounds)
    metrics = {
        **rounds[-1]["dpo"],
        "rounds": len(rounds),
        "steps": sum(item["dpo"]["steps"] for item in rounds),
        "on_policy_pairs": sum(item["pairs"] for item in rounds),
        "greedy_score_by_round": [item["greedy_score_mean"] for item in rounds],
        "stage_seconds": round(time.time() - started, 1),
    }
    inputs = input_hashes(config.model, files)
    if config.data.judge_split.fraction > 0:
        inputs["judge_split"] = split.summary()
    with open(stage_dir / "metrics.jsonl", "a", encoding="utf-8") as handle:
        handle.write(json.dumps({"summary": metrics}) + "\n")
    write_model_card(stage_dir, STAGE, config, inputs, metrics, outputs, extra=rounds_table(rounds))
    write_manifest(stage_dir, STAGE, config, inputs, outputs, metrics)
    result = StageResult(STAGE, stage_dir, metrics, seconds=time.time() - started)
    print_summary(
        result,
        extra=f"{len(rounds)} on-policy rounds, {metrics['on_policy_pairs']} pairs; mean greedy "
        f"score by round {metrics['greedy_score_by_round']}",
    )
    return result


def join_logs(stage_dir: Path, rounds: list[dict]) -> None:
    """metrics.jsonl and dynamics.jsonl of every round in one file each, steps counted on across rounds
    (round 2's step 1 follows round 1's last step), every row tagged with its round; the dynamics
    setup record of round 1 (its total_steps: all rounds') and the summary record of the last round."""
    offset, joined = 0, {"metrics.jsonl": [], "dynamics.jsonl": []}
    total = sum(item["dpo"]["steps"] for item in rounds)
    for item in rounds:
        round_stage = stage_dir / "rounds" / f"{item['round']:02d}" / STAGE
        for name, rows in joined.items():
            path = round_stage / name
            for line in path.read_text(encoding="utf-8").splitlines() if path.is_file() else []:
                row = json.loads(line)
                kind = row.get("kind")
                if (
                    ("summary" in row and name == "metrics.jsonl")
                    or (kind == "setup" and item is not rounds[0])
                    or (kind == "summary" and item is not rounds[-1])
                ):
                    continue
                if isinstance(row.get("step"), int):
                    row["step"] += offset
                if kind == "setup":
                    row["total_steps"] = total
                rows.append({**row, "round": item["round"]})
        offset += item["dpo"]["steps"]
    for name, rows in joined.items():
        _write_jsonl(stage_dir / name, rows)


def rounds_table(rounds: list[dict]) -> str:
    lines = [
        "",
        "## On-policy rounds",
        "Mean score of the greedy reply (rule rewards + reward model) on the "
        "round's prompts, before that round trained: it should rise from round to round.",
        "",
        "| round | prompts | pairs (by kind) | mean greedy score | DPO steps | held-out accuracy |",
        "|---|---|---|---|---|---|",
    ]
    for item in rounds:
        lines.append(
            f"| {item['round']} | {item['prompts']} | {item['pairs']} {item['pairs_by_kind']} | "
            f"{item['greedy_score_mean']} | {item['dpo']['steps']} | "
            f"{item['dpo'].get('eval_implicit_accuracy')} |"
        )
    return "\n".join(lines) + "\n"


def _write_jsonl(path: Path, rows: list[dict]) -> None:
    write_text_atomically(path, "".join(json.dumps(row, ensure_ascii=False) + "\n" for row in rows))
