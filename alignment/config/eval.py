"""Configs of the eval harness: the suite file (evals/*.yaml) and the eval command / stage.

`SuiteConfig` is what a suite file holds (tasks, prompt files, generation settings, judge);
`EvalConfig` is what `alignment eval`, recipes/eval.py and the pipeline's eval stage take (models,
suite, report directory, judge). Both load through the one strict loader,
`alignment.config.load_config`, so a typo is an error naming the key; defaults live only here and
the string under each field is its documentation. This module imports nothing from the rest of
the package, so alignment/config/stages.py can nest `EvalConfig` in `PipelineConfig`.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal


@dataclass
class SuiteGenerationConfig:
    max_new_tokens: int = 128
    """Longest reply in tokens; a task may set its own (`tasks[].max_new_tokens`)."""
    temperature: float = 0.0
    """0 = greedy decoding (deterministic); above 0 = sampling seeded by `seed`."""
    top_p: float = 1.0
    """Nucleus sampling threshold (sampling only)."""
    seed: int = 0
    """Seed for sampling and for the bootstrap confidence intervals."""
    batch_size: int = 16
    """Prompts generated together (left-padded, one KV cache)."""


@dataclass
class JudgeConfig:
    type: Literal["reward_model", "http"] = "reward_model"
    """reward_model = a trained reward model scores each answer; http = an OpenAI-compatible chat endpoint."""
    path: str = ""
    """reward_model: stage dir, merged dir or adapter dir (`alignment eval --judge PATH` overrides it)."""
    base_url: str = ""
    """http: the endpoint's base URL, e.g. http://localhost:8000/v1."""
    model: str = ""
    """http: the model name sent with each request."""
    api_key_env: str = "OPENAI_API_KEY"
    """http: environment variable holding the API key (never written to results.json)."""
    timeout: float = 60.0
    """http: seconds to wait for one reply before retrying."""
    retries: int = 3
    """http: retries of a failed, slow or garbled reply (exponential backoff) before the eval stops."""
    note: str = ""
    """Which judge this is and why it is independent of the policies (copied into results.json)."""


@dataclass
class RefusalConfig:
    backend: Literal["rules", "model", "http"] = "rules"
    """rules = the offline rule classifier; model = a local classifier (path); http = an OpenAI-compatible endpoint."""
    path: str = ""
    """model: a sequence-classification checkpoint or a causal LM (a local model directory)."""
    mode: Literal["auto", "sequence_classification", "causal_lm"] = "auto"
    """model: how to use it; auto reads config.json's architectures (*ForSequenceClassification or *ForCausalLM)."""
    labels: dict[str, str] = field(default_factory=dict)
    """model: the model's label (id2label name or index; causal_lm: the continuation text) -> verdict."""
    base_url: str = ""
    """http: the endpoint's base URL, e.g. http://localhost:8000/v1."""
    model: str = ""
    """http: the model name sent with each request."""
    api_key_env: str = "OPENAI_API_KEY"
    """http: environment variable holding the API key (never written to results.json)."""
    timeout: float = 60.0
    """http: seconds to wait for one reply before retrying."""
    retries: int = 3
    """http: retries of a failed, slow or garbled reply (exponential backoff) before the eval stops."""
    batch_size: int = 16
    """model: answers classified together."""
    max_length: int = 1024
    """model: longest input in tokens (prompt and answer; the prompt is cut first)."""


@dataclass
class EvalTaskConfig:
    name: str = ""
    """Task: helpful_judged, helpful_verifiable, harmful_refusal, over_refusal or preference_accuracy."""
    id: str = ""
    """Key of this entry in results.json (empty = name); distinct ids let one task run on two prompt files."""
    prompt_file: str = ""
    """Generation tasks: the prompts (JSONL, JSON, CSV, Parquet; XSTest CSV, MT-Bench question.jsonl, ...)."""
    format: Literal["auto", "generic", "xstest", "mt_bench", "strongreject", "harmbench"] = "auto"
    """Prompt file format (alignment/eval/prompt_files.py); auto detects it from the first row's columns."""
    columns: dict[str, str] = field(default_factory=dict)
    """Rename the file's columns to the format's names, e.g. {prompt: question}."""
    turns: Literal["first", "both"] = "first"
    """Multi-turn prompt files (MT-Bench): ask the first turn only, or both turns in one conversation."""
    where: dict[str, str] = field(default_factory=dict)
    """Keep only rows whose columns hold these values, e.g. {label: safe} for XSTest's benign prompts."""
    max_new_tokens: int = 0
    """Longest reply for this task (0 = generation.max_new_tokens)."""
    limit: int = 0
    """Use N prompts of the file, spread evenly over it (items i * n // N), 0 = all."""
    preference_files: list[str] = field(default_factory=list)
    """preference_accuracy: score every pair of these files, not each stage's own held-out split."""
    preference_format: str = "auto"
    """preference_accuracy: format of preference_files (a `data.sources[].format` name; auto detects it)."""


@dataclass
class SuiteConfig:
    """An eval suite file (evals/default.yaml): what to ask, how to generate, how to judge."""

    name: str = "default"
    """Suite name shown in the report."""
    description: str = ""
    """What the suite measures (shown in the report)."""
    generation: SuiteGenerationConfig = field(default_factory=SuiteGenerationConfig)
    """Decoding settings shared by every generation task."""
    baseline: str = ""
    """Label of the model win rates compare against; empty, or a label not given, = the first model."""
    judge: JudgeConfig = field(default_factory=JudgeConfig)
    """The judge of helpful_judged; it must not be the reward model the policies were trained with."""
    refusal: RefusalConfig = field(default_factory=RefusalConfig)
    """Who decides refusal / partial refusal / compliance in the refusal tasks (alignment/eval/refusal_judges.py)."""
    tasks: list[EvalTaskConfig] = field(default_factory=list)
    """Tasks in report order."""


@dataclass
class EvalConfig:
    """`alignment eval`, recipes/eval.py and the pipeline's eval stage."""

    models: dict[str, str] = field(default_factory=dict)
    """Label -> model (name, model/stage/adapter dir); in a pipeline: empty = the run's models, sft/dpo = its stages."""
    suite: str = "evals/default.yaml"
    """Suite file: tasks, prompt files, generation settings, judge."""
    out: str = "reports/eval"
    """Report directory (results.json, report.html, report.md); in a pipeline always <run_dir>/eval."""
    judge: str = ""
    """Reward model judging helpful_judged, replacing the suite's judge; pipeline default: <run_dir>/judge (else reward)."""
    baseline: str = ""
    """Label win rates compare against (empty = the suite's baseline)."""
    dtype: Literal["auto", "bfloat16", "float16", "float32"] = "auto"
    """Weight dtype of the evaluated models and the judge."""
    progress: bool = True
    """Show progress bars while generating."""
    report_to: list[Literal["tensorboard", "mlflow", "wandb", "trackio"]] = field(default_factory=list)
    """Also send every task's figures per model to these trackers (beside results.json), under the report's parent directory."""
