"""Learning dynamics: what training does to the model while it runs, and warnings before it goes wrong.

A fixed probe set per stage (a seeded sample of held-out rows: prompt, chosen and rejected reply where
the data has them, plus the model's own greedy answer at step 0) is scored at step 0, every
`dynamics.every` steps and at the last step. Per probe and check (`<stage_dir>/dynamics.jsonl`):

- log-prob per token of the chosen, rejected and step-0 greedy replies, and their change since step 0;
- margin: beta * [(log pi(c) - log ref(c)) - (log pi(r) - log ref(r))], summed over reply tokens, the
  DPO implicit reward margin (Rafailov et al. 2023) with the stage's beta (1 outside DPO);
- entropy of the policy per greedy-answer token, and KL(pi || ref) summed over those tokens:
  sum_t sum_v pi(v | y<t) [log pi(v | y<t) - log ref(v | y<t)] (exact over the vocabulary, not sampled);
- inside the network: the LoRA update norm ||scale * B A||_F per layer and module, the gradient norm
  per layer (after clipping: what the optimizer applies), and the attention entropy per head and
  layer over the greedy-answer tokens (falling = the head sharpens);
- PPO adds the rollout means since the last check and fresh samples on the probe prompts (reward,
  length, judge score).

The reference is the same weights with the adapter disabled (full fine-tuning: the step-0 model);
its log-probs are computed once. Layers below the adapter (`adapter.last_layers`) are frozen, so
their output on the fixed probes never changes: it is recorded once and replayed
(`models/frozen_prefix.py`), and each check runs only the adapted layers. Probing runs in eval mode,
without gradients, and samples under a forked RNG: the training run is the same with probing on or
off. The rules that turn records into warnings are in `dynamics/rules.py`, the report in
`dynamics/report.py`, which also lists the record kinds (setup, check, warning, summary); the README
("Learning dynamics") lists the fields.
"""

from __future__ import annotations

import contextlib
import json
import math
import random
import re
import time
from dataclasses import dataclass
from pathlib import Path

import torch

from alignment.config import DynamicsConfig
from alignment.core.training_log import trim_log
from alignment.data.prompts import load_prompts
from alignment.dynamics import rules as dynamics_rules
from alignment.models import frozen_prefix

LAYER = re.compile(r"\.layers\.(\d+)\.")
TEXTS = ("chosen", "rejected", "greedy")


@dataclass
class Probe:
    id: str
    prompt: str  # the last user turn, for the report
    prompt_ids: list[int]
    chosen_ids: list[int] | None = None
    rejected_ids: list[int] | None = None
    greedy_ids: list[int] | None = None
    messages: list[dict] | None = None  # the prompt as messages (PPO samples and scores them)

    def ids(self, kind: str) -> list[int] | None:
        return getattr(self, f"{kind}_ids")


def reply_ids(tokenizer, messages: list[dict], reply: str | None) -> list[int] | None:
    """A reply's tokens as the chat template renders them after `messages`, through its end-of-turn."""
    if not reply:
        return None
    prompt = tokenizer.apply_chat_template(messages, tokenize=False, add_generation_prompt=True)
    full = tokenizer.apply_chat_template(messages + [{"role": "assistant", "content": reply}], tokenize=False)
    text = full[len(prompt) :].rstrip() if full.startswith(prompt) else reply
    return tokenizer(text, add_special_tokens=False)["input_ids"]


def probe_from_messages(
    tokenizer, probe_id: str, messages: list[dict], chosen: str | None = None, rejected: str | None = None
) -> Probe:
    prompt_ids = tokenizer.apply_chat_template(messages, add_generation_prompt=True, tokenize=True, return_dict=True)[
        "input_ids"
    ]
    return Probe(
        probe_id,
        messages[-1]["content"],
        list(prompt_ids),
        reply_ids(tokenizer, messages, chosen),
        reply_ids(tokenizer, messages, rejected),
        messages=messages,
    )


def probes_from_files(files: list[str], tokenizer, count: int, seed: int) -> list[Probe]:
    examples = load_prompts(files)
    return [
        probe_from_messages(
            tokenizer,
            f"p{index}",
            examples[index].prompt,
            examples[index].references.get("chosen"),
            examples[index].references.get("rejected"),
        )
        for index in sample(len(examples), count, seed)
    ]


def sample(total: int, count: int, seed: int) -> list[int]:
    """`count` seeded distinct indices of `total`, sorted."""
    return sorted(random.Random(seed).sample(range(total), min(count, total)))


def default_every(config: DynamicsConfig, total_steps: int) -> int:
    return config.every or max(4, math.ceil(total_steps / 20))


# ---- inside the network ----


def lora_norms(model, adapter: str = "default") -> dict:
    """{layer: {module: ||scale * B A||_F}} of one LoRA adapter; {} without one.
    ||BA||_F^2 = trace(A^T B^T B A) = trace((B^T B)(A A^T)): two r x r products, never B A itself."""
    norms: dict = {}
    for name, module in model.named_modules():
        lora_a, lora_b = getattr(module, "lora_A", None), getattr(module, "lora_B", None)
        if lora_a is None or adapter not in lora_a or not hasattr(lora_a[adapter], "weight"):
            continue
        found = LAYER.search(name + ".")
        a, b = lora_a[adapter].weight.detach().float(), lora_b[adapter].weight.detach().float()
        squared = torch.trace((b.T @ b) @ (a @ a.T)).clamp(min=0)
        layer = found.group(1) if found else "other"
        norms.setdefault(layer, {})[name.rsplit(".", 1)[-1]] = float(module.scaling[adapter] * squared.sqrt())
    return norms


def gradient_norms(model, adapter: str | None = None) -> dict:
    """{layer: norm of the gradients of its trainable tensors} (of one adapter's tensors if named)."""
    squares: dict = {}
    for name, parameter in model.named_parameters():
        if parameter.grad is None or (adapter and f".{adapter}." not in name):
            continue
        found = LAYER.search(name)
        layer = found.group(1) if found else "other"
        squares[layer] = squares.get(layer, 0.0) + float(parameter.grad.detach().float().pow(2).sum())
    return {layer: math.sqrt(value) for layer, value in squares.items()}


def finite_gradients(parameters) -> bool:
    return all(bool(torch.isfinite(p.grad).all()) for p in parameters if p.grad is not None)


class _AttentionEntropy:
    """Forward hooks on each layer's self-attention (eager kernel, which returns the weights):
    mean entropy -sum_j a_ij log a_ij per head over the query positions in `queries` [batch, seq]."""

    def __init__(self, layers):
        self.layers, self.queries, self.sums, self.count = layers, None, {}, 0

    def hook(self, index):
        def record(module, args, output):
            weights = output[1] if isinstance(output, tuple) and len(output) > 1 else None
            if weights is None or self.queries is None:
                return
            entropy = -(weights.float() * weights.float().clamp(min=1e-12).log()).sum(-1)  # [batch, heads, seq]
            mask = self.queries[:, None, :].float()
            self.sums[index] = self.sums.get(index, 0) + (entropy * mask).sum((0, 2))

        return record

    @contextlib.contextmanager
    def active(self, model):
        inner = model.get_base_model() if hasattr(model, "get_base_model") else model
        original = inner.config._attn_implementation
        handles = [
            layer.self_attn.register_forward_hook(self.hook(i))
            for i, layer in enumerate(self.layers)
            if hasattr(layer, "self_attn")
        ]
        inner.set_attn_implementation("eager")
        try:
            yield self
        finally:
            inner.set_attn_implementation(original)
            for handle in handles:
                handle.remove()

    def result(self) -> dict:
        return {index: (total / max(self.count, 1)).tolist() for index, total in self.sums.items()}


# ---- the recorder ----


class Recorder:
    """Probes one stage's model; writes `<stage_dir>/dynamics.jsonl` (rank 0 only calls it)."""

    def __init__(
        self,
        stage: str,
        config: DynamicsConfig,
        stage_dir: Path,
        model,
        tokenizer,
        probes: list[Probe],
        stop_ids: list[int],
        total_steps: int,
        beta: float = 1.0,
        adapter: str = "default",
        kl_target: float = 0.0,
        batch_size: int = 8,
    ):
        self.stage, self.config, self.path = stage, config, Path(stage_dir) / "dynamics.jsonl"
        self.model, self.tokenizer, self.probes, self.stop_ids = model, tokenizer, probes, stop_ids
        self.total, self.beta, self.adapter, self.batch_size = total_steps, beta, adapter, batch_size
        self.every = default_every(config, total_steps)
        self.kl_target = kl_target
        self.checks, self.fired, self.pending_gradients = [], set(), {}
        self.probe_seconds, self.setup_seconds, self.started = 0.0, 0.0, time.time()
        self.reference, self.prefix, self.frozen_attention, self.reference_attention = {}, 0, {}, {}
        self.has_adapter = bool(lora_norms(model, adapter))
        self.scorers = None  # PPO: (reward, judge), each callable(messages list, reply texts) -> list[float]
        self.sampling = {}  # PPO: temperature, top_p and max_new_tokens of its rollouts

    def due(self, step: int) -> bool:
        return step % self.every == 0 or step == self.total

    # -- start and resume --

    def begin(self, step: int, **check) -> None:
        """Set up (or, resumed at `step` > 0, reload) the probes; at step 0 the first check, with `check` kwargs."""
        with self._timed() as elapsed:
            if not (step and self.path.is_file() and self._resume(step)):
                self._start()
            self._reference_pass()
        self.setup_seconds = elapsed()
        if not step:
            self.check(0, **check)

    def _start(self) -> None:
        self.path.parent.mkdir(parents=True, exist_ok=True)
        self.path.write_text("", encoding="utf-8")
        with self._eval_mode(), self._as_reference():
            self._greedy_answers()
        decode = lambda ids: self.tokenizer.decode(ids, skip_special_tokens=True).strip() if ids else None  # noqa: E731
        layers = frozen_prefix.decoder_layers(self.model)
        heads = getattr(self._inner().config, "num_attention_heads", 0)
        self._write(
            {
                "kind": "setup",
                "step": 0,
                "stage": self.stage,
                "every": self.every,
                "total_steps": self.total,
                "layers": len(layers) if layers is not None else 0,
                "heads": heads,
                "frozen_layers": frozen_prefix.frozen_prefix_length(self.model),
                "modules": sorted(
                    {m for by_module in lora_norms(self.model, self.adapter).values() for m in by_module}
                ),
                "thresholds": {
                    key: value
                    for key, value in vars(self.config).items()
                    if isinstance(value, (int, float)) and not isinstance(value, bool)
                },
                "probes": [
                    {
                        "id": p.id,
                        "prompt": p.prompt,
                        "chosen": decode(p.chosen_ids),
                        "rejected": decode(p.rejected_ids),
                        "greedy": decode(p.greedy_ids),
                        "greedy_ids": p.greedy_ids,
                    }
                    for p in self.probes
                ],
            }
        )

    def _resume(self, step: int) -> bool:
        """Back to the records of steps <= `step`; the step-0 greedy answers come from the setup line.
        A log without a setup for these probes is moved aside (False: the caller starts a new one)."""
        trim_log(self.path, step)
        records = [json.loads(line) for line in self.path.read_text(encoding="utf-8").splitlines() if line]
        setup = next((r for r in records if r.get("kind") == "setup"), None)
        if setup is None or len(setup["probes"]) != len(self.probes):
            aside = self.path.with_name(f"dynamics.stale-{time.strftime('%Y%m%d-%H%M%S')}.jsonl")
            self.path.rename(aside)
            print(
                f"[{self.stage}] dynamics: {self.path} has no setup for these {len(self.probes)} probes; moved it "
                f"to {aside} and starting the log over at step {step}",
                flush=True,
            )
            return False
        for probe, saved in zip(self.probes, setup["probes"]):
            probe.greedy_ids = saved["greedy_ids"]
        self.checks = [r for r in records if r.get("kind") == "check"]
        self.fired = {r["rule"] for r in records if r.get("kind") == "warning"}
        return True

    @torch.no_grad()
    def _greedy_answers(self) -> None:
        """The step-0 model's greedy answer to each probe prompt, through its stop token."""
        for start in range(0, len(self.probes), self.batch_size):
            batch = self.probes[start : start + self.batch_size]
            output, width = self._generate([p.prompt_ids for p in batch], do_sample=False)
            for probe, row in zip(batch, output[:, width:].tolist()):
                probe.greedy_ids = self._through_stop(row)

    def _generate(self, prompts: list[list[int]], **sampling):
        pad = self.tokenizer.pad_token_id
        width = max(len(ids) for ids in prompts)
        device = self._device()
        input_ids = torch.tensor([[pad] * (width - len(ids)) + ids for ids in prompts], device=device)
        attention = (
            torch.arange(width, device=device)[None, :]
            >= torch.tensor([width - len(ids) for ids in prompts], device=device)[:, None]
        ).long()
        sampling = {"max_new_tokens": self.config.max_new_tokens, **sampling}
        output = self.model.generate(
            input_ids=input_ids,
            attention_mask=attention,
            pad_token_id=pad,
            eos_token_id=self.stop_ids,
            use_cache=True,  # a Trainer may have turned it off
            **sampling,
        )
        return output, width

    def _through_stop(self, ids: list[int]) -> list[int]:
        for index, token in enumerate(ids):
            if token in self.stop_ids:
                return ids[: index + 1]
        return ids

    # -- forward passes --

    def _sequences(self) -> list[tuple[int, str, list[int], int]]:
        """(probe index, kind, prompt + reply ids, reply start) for every text a probe has."""
        return [
            (index, kind, probe.prompt_ids + probe.ids(kind), len(probe.prompt_ids))
            for index, probe in enumerate(self.probes)
            for kind in TEXTS
            if probe.ids(kind)
        ]

    def _batches(self):
        sequences = self._sequences()
        for start in range(0, len(sequences), self.batch_size):
            yield start // self.batch_size, sequences[start : start + self.batch_size]

    @torch.no_grad()
    def _reference_pass(self) -> None:
        """Reference log-probs (and the frozen prefix's output) once; the frozen layers' attention entropy."""
        layers = frozen_prefix.decoder_layers(self.model)
        self.prefix = frozen_prefix.frozen_prefix_length(self.model) if layers is not None else 0
        disable = getattr(self.model, "disable_adapter", None)
        if disable is None and self.checks:  # full fine-tuning, resumed: the step-0 model is gone
            return
        attention = _AttentionEntropy(layers if layers is not None else [])
        with self._eval_mode(), disable() if disable else contextlib.nullcontext(), attention.active(self.model):
            for number, batch in self._batches():
                recording = frozen_prefix.record(layers, self.prefix) if self.prefix else contextlib.nullcontext()
                with recording as seen:
                    self.reference[number] = self._score(batch, attention, None)
                if self.prefix:
                    self.reference[number]["hidden"] = seen.hidden
        self.reference_attention = attention.result()
        self.frozen_attention = {i: v for i, v in self.reference_attention.items() if i < self.prefix}

    def _unchanged(self) -> bool:
        """The policy is still the reference, bit for bit: a LoRA update of exactly zero (B = 0 at
        init adds 0.0 to every base output), or full fine-tuning before its first step."""
        if self.has_adapter:
            return all(
                value == 0.0 for modules in lora_norms(self.model, self.adapter).values() for value in modules.values()
            )
        return not self.checks and bool(self.reference)

    def _as_reference(self):
        """The adapter off while it changes nothing (a cheaper pass, the same numbers)."""
        disable = getattr(self.model, "disable_adapter", None)
        return disable() if disable is not None and self.has_adapter and self._unchanged() else contextlib.nullcontext()

    def _score(self, batch, attention: _AttentionEntropy, reference: dict | None) -> dict:
        """One forward of a micro-batch: per sequence the reply log-prob sum and token count; for
        greedy answers the per-token entropy and, against `reference`, the KL."""
        device, pad = self._device(), self.tokenizer.pad_token_id
        length = max(len(ids) for _, _, ids, _ in batch)
        input_ids = torch.tensor([ids + [pad] * (length - len(ids)) for _, _, ids, _ in batch], device=device)
        mask = torch.tensor([[1] * len(ids) + [0] * (length - len(ids)) for _, _, ids, _ in batch], device=device)
        queries = torch.zeros_like(mask, dtype=torch.bool)
        for row, (_, kind, ids, start) in enumerate(batch):
            queries[row, start - 1 : len(ids) - 1] = kind == "greedy"
        attention.queries, attention.count = queries, attention.count + int(queries.sum())
        decoder, head = self._inner().get_decoder(), self._inner().get_output_embeddings()
        hidden = decoder(input_ids=input_ids, attention_mask=mask).last_hidden_state
        result = {"logp": [], "count": [], "entropy": [], "kl": [], "logits": []}
        for row, (_, kind, ids, start) in enumerate(batch):
            logps = torch.log_softmax(head(hidden[row, start - 1 : len(ids) - 1]).float(), dim=-1)  # [reply, vocab]
            targets = torch.tensor(ids[start:], device=device)
            result["logp"].append(float(logps.gather(-1, targets[:, None]).sum()))
            result["count"].append(len(targets))
            is_greedy = kind == "greedy"
            result["entropy"].append(float(-(logps.exp() * logps).sum(-1).mean()) if is_greedy else None)
            result["logits"].append(logps if is_greedy and reference is None else None)
            kl = None
            if is_greedy and reference is not None and reference["logits"][row] is not None:
                kl = float((logps.exp() * (logps - reference["logits"][row].float())).sum())
            result["kl"].append(kl)
        return result

    # -- a check --

    @torch.no_grad()
    def check(self, step: int, loss: float | None = None, ppo: dict | None = None) -> list[dict]:
        """Probe at `step`; write the record and any warnings that fire; return those warnings."""
        with self._timed() as elapsed:
            record = self._measure(step, loss, ppo)
        record["seconds"] = round(elapsed(), 3)
        record["train_seconds"] = round(time.time() - self.started - self.probe_seconds, 2)
        self.checks.append(record)
        self._write(record)
        warnings = []
        for rule, message in dynamics_rules.evaluate(self.checks, self.config, self.kl_target):
            if rule not in self.fired:
                self.fired.add(rule)
                warnings.append(self.warn(step, rule, message))
        self._print(record)
        return warnings

    def _measure(self, step: int, loss, ppo) -> dict:
        layers = frozen_prefix.decoder_layers(self.model)
        attention = _AttentionEntropy(layers if layers is not None else [])
        per_probe = {f"{kind}_logp": [None] * len(self.probes) for kind in TEXTS}
        per_probe.update({"entropy": [None] * len(self.probes), "kl": [None] * len(self.probes)})
        ratios = {kind: [None] * len(self.probes) for kind in TEXTS}
        unchanged = self._unchanged()  # then the reference pass already scored this very model
        with self._eval_mode(), attention.active(self.model):
            for number, batch in self._batches():
                reference = self.reference.get(number)
                replaying = (
                    frozen_prefix.replay(layers, self.prefix, reference["hidden"])
                    if reference and self.prefix
                    else contextlib.nullcontext()
                )
                if unchanged:
                    scored = {**reference, "kl": [0.0 if kind == "greedy" else None for _, kind, _, _ in batch]}
                else:
                    with replaying:
                        scored = self._score(batch, attention, reference)
                for row, (index, kind, _, _) in enumerate(batch):
                    per_probe[f"{kind}_logp"][index] = scored["logp"][row] / scored["count"][row]
                    if reference:
                        ratios[kind][index] = scored["logp"][row] - reference["logp"][row]
                    if kind == "greedy":
                        per_probe["entropy"][index], per_probe["kl"][index] = scored["entropy"][row], scored["kl"][row]
        self._changes(per_probe, ratios)
        record = {
            "kind": "check",
            "step": step,
            "loss": loss,
            "means": {key: _mean(values) for key, values in per_probe.items()},
            "per_probe": per_probe,
            "lora_norm": lora_norms(self.model, self.adapter),
            "grad_norm": self.pending_gradients,
            "attention_entropy": self._attention_map(
                self.reference_attention if unchanged else {**self.frozen_attention, **attention.result()}
            ),
        }
        self.pending_gradients = {}
        if ppo is not None:
            samples = self._fresh_samples(step) if self.scorers else {}
            per_probe.update(samples)
            record["ppo"] = {**ppo, **{key: _mean(values) for key, values in samples.items()}}
        return record

    def _fresh_samples(self, step: int) -> dict:
        """PPO, per probe: a sampled reply to its prompt (seeded per step, the training RNG untouched),
        its length, its reward-model (proxy) and judge scores; `gold`: the judge's, when it is another model."""
        with torch.random.fork_rng(devices=[self._device()] if self._device().type == "cuda" else []):
            torch.manual_seed(self.config.seed + step)
            with self._eval_mode():
                output, width = self._generate(
                    [p.prompt_ids for p in self.probes], do_sample=True, top_k=0, **self.sampling
                )
        replies = [self._through_stop(row) for row in output[:, width:].tolist()]
        texts = [
            self.tokenizer.decode([t for t in ids if t not in self.stop_ids], skip_special_tokens=True).strip()
            for ids in replies
        ]
        messages = [p.messages for p in self.probes]
        reward, judge = self.scorers
        rewards = [float(value) for value in reward(messages, texts)]
        judged = rewards if judge is reward else [float(value) for value in judge(messages, texts)]
        gold = {} if judge is reward else {"gold": judged}  # the gold reward beside the proxy PPO is trained on
        return {"sample_reward": rewards, "sample_length": [len(ids) for ids in replies], "judge": judged, **gold}

    def _changes(self, per_probe: dict, ratios: dict) -> None:
        """Change since step 0 per text, and the margin beta * (log-ratio chosen - log-ratio rejected)."""
        first = self.checks[0]["per_probe"] if self.checks else per_probe
        for kind in TEXTS:
            now, then = per_probe[f"{kind}_logp"], first[f"{kind}_logp"]
            per_probe[f"{kind}_change"] = [
                a - b if a is not None and b is not None else None for a, b in zip(now, then)
            ]
        per_probe["margin"] = [
            self.beta * (c - r) if c is not None and r is not None else None
            for c, r in zip(ratios["chosen"], ratios["rejected"])
        ]

    def _attention_map(self, by_layer: dict) -> list:
        return (
            [[round(v, 4) for v in by_layer[index]] if index in by_layer else [] for index in range(max(by_layer) + 1)]
            if by_layer
            else []
        )

    # -- gradients, non-finite guard, warnings, end --

    def gradients(self) -> None:
        """Per-layer gradient norms now (before the optimizer step), kept for the next check's record."""
        with self._timed():
            self.pending_gradients = gradient_norms(self.model, self.adapter if self.has_adapter else None)

    def warn(self, step: int, rule: str, message: str) -> dict:
        record = {"kind": "warning", "step": step, "rule": rule, "message": message}
        self._write(record)
        print(f"[{self.stage}] WARNING dynamics step {step}: {rule}: {message}", flush=True)
        return record

    def finish(self, step: int) -> dict:
        train = time.time() - self.started - self.probe_seconds
        checks = self.probe_seconds - self.setup_seconds
        summary = {
            "kind": "summary",
            "step": step,
            "checks": len(self.checks),
            "probe_seconds": round(self.probe_seconds, 2),
            "setup_seconds": round(self.setup_seconds, 2),
            "train_seconds": round(train, 2),
            "overhead": round(self.probe_seconds / train, 4) if train > 0 else None,
            "check_overhead": round(checks / train, 4) if train > 0 else None,
            "warnings": len(self.fired),
        }
        self._write(summary)
        print(
            f"[{self.stage}] dynamics: {summary['checks']} checks, probing {summary['probe_seconds']}s of "
            f"{summary['train_seconds']}s training ({100 * (summary['overhead'] or 0):.1f}%; the checks alone "
            f"{100 * (summary['check_overhead'] or 0):.1f}%, the rest is the one-time greedy answers and "
            f"reference pass), {summary['warnings']} warning(s) -> {self.path}",
            flush=True,
        )
        return summary

    # -- helpers --

    def _print(self, record: dict) -> None:
        means = record["means"]
        shown = [
            f"{key} {means[key]:+.3f}"
            for key in ("chosen_change", "rejected_change", "margin")
            if means.get(key) is not None
        ]
        shown += [f"{key} {means[key]:.3f}" for key in ("entropy", "kl") if means.get(key) is not None]
        print(f"[{self.stage}] dynamics step {record['step']}: {', '.join(shown)} ({record['seconds']}s)", flush=True)

    def _write(self, record: dict) -> None:
        with open(self.path, "a", encoding="utf-8") as handle:
            handle.write(json.dumps(record) + "\n")

    @contextlib.contextmanager
    def _timed(self):
        started = time.perf_counter()
        try:
            yield lambda: time.perf_counter() - started
        finally:
            self.probe_seconds += time.perf_counter() - started

    @contextlib.contextmanager
    def _eval_mode(self):
        was_training = self.model.training
        self.model.eval()
        try:
            yield
        finally:
            self.model.train(was_training)

    def _inner(self):
        return self.model.get_base_model() if hasattr(self.model, "get_base_model") else self.model

    def _device(self) -> torch.device:
        return next(self.model.parameters()).device


def _mean(values: list) -> float | None:
    present = [value for value in values if value is not None]
    return sum(present) / len(present) if present else None
