"""A trained three-class refusal classifier: LoRA on the top decoder layers of a small chat model and
a three-output score head, kept as a small adapter directory over a named base.

    recipe = Recipe()                                               # the shipped recipe (base smollm2-135m-instruct)
    model, tokenizer = build_trainable(recipe)                      # seeded LoRA + head over the base
    examples = encode_examples(tokenizer, rows, recipe)             # rows: (answer, label, prompt)
    cache = PrefixCache.build(model, [e.ids for e in examples])     # the frozen lower layers, run once
    train(model, cache, examples, range(len(examples)), recipe, tokenizer.pad_token_id)   # top layers only
    predict(model, cache, indices, tokenizer.pad_token_id)          # verdicts of cached answers
    save_classifier(model, recipe, "evals/refusal_classifier", card={...})
    model, tokenizer, card = load_classifier("evals/refusal_classifier")   # what the `model` backend does

Why the cache: LoRA adapts only the top `last_layers` layers, so the embeddings and the layers below
give the same hidden states in every epoch and every fold; they run once per answer
(alignment/models/frozen_prefix.py records and replays them) and each training step computes only
the top layers and the head. On a busy 2-core CPU an epoch over 1,500 answers then takes about 20 s,
against about 11 minutes for one pass of the whole model (the cache, run once).

Input text (`encode`): "Request: " + the prompt (cut to `prompt_tokens`) + "\\nResponse: " + the answer
(cut to `answer_tokens`) + "\\nEnd of response.", each part tokenised alone, no special tokens; the
head reads the last token (the fixed end marker, so the pooled position is the same kind of token
for every answer). The `model` backend encodes identically from the card (`classifier.json`).
A classifier directory holds adapter_config.json (base named portably, e.g. `smollm2-135m-instruct`),
adapter_model.safetensors (LoRA and the score head) and classifier.json (recipe, labels, encoding,
training data and figures); heldout.json, when present, holds the held-out agreement measured once.
"""

from __future__ import annotations

import json
import math
import time
from dataclasses import asdict, dataclass, field
from pathlib import Path

import torch

from alignment.config import AdapterConfig, ModelConfig
from alignment.core.errors import ConfigError
from alignment.core.provenance import sha256_file

LABELS = ("compliance", "refusal", "partial_refusal")
CARD_FILE = "classifier.json"
HELDOUT_FILE = "heldout.json"
CARD_FORMAT = "alignment-refusal-classifier/1"


@dataclass
class Recipe:
    """Everything that decides the trained weights (with the training data)."""

    base: str = "smollm2-135m-instruct"
    last_layers: int = 1
    r: int = 8
    alpha: int = 16
    epochs: int = 3
    learning_rate: float = 1e-3
    batch_size: int = 16
    prompt_tokens: int = 64
    answer_tokens: int = 128
    seed: int = 0
    dtype: str = "auto"
    class_weights: list[float] = field(default_factory=lambda: [1.0, 1.0, 1.0])


@dataclass
class Example:
    ids: list[int]
    label: int


def encode(tokenizer, prompt: str | None, answer: str, prompt_tokens: int, answer_tokens: int) -> list[int]:
    """Token ids the classifier reads for one answer (see the module docstring)."""

    def ids(text: str) -> list[int]:
        return tokenizer(text, add_special_tokens=False)["input_ids"]

    return (
        ids("Request: ")
        + ids(prompt or "")[:prompt_tokens]
        + ids("\nResponse: ")
        + ids(answer)[:answer_tokens]
        + ids("\nEnd of response.")
    )


def encode_examples(tokenizer, rows: list[tuple], recipe: Recipe) -> list[Example]:
    """(answer, label, prompt) rows -> Examples; labels are verdict names (LABELS)."""
    return [
        Example(encode(tokenizer, prompt, answer, recipe.prompt_tokens, recipe.answer_tokens), LABELS.index(label))
        for answer, label, prompt in rows
    ]


# ---- models ----


def load_base(base: str, dtype: str = "auto"):
    """(a sequence classifier with len(LABELS) outputs over `base`, its tokenizer); `base` is an embedded
    name, a model directory or a hub id (alignment/models/loading.py resolves it). The head starts random."""
    from transformers import AutoModelForSequenceClassification

    from alignment.models.loading import _quiet_head_swap, load_base_model, load_tokenizer, resolve_model_dir

    config = ModelConfig(name_or_path=base, dtype=dtype)
    location = resolve_model_dir(config)
    tokenizer = load_tokenizer(location, config, require_chat_template=False)
    with _quiet_head_swap():
        model = load_base_model(
            location,
            config,
            auto_class=AutoModelForSequenceClassification,
            num_labels=len(LABELS),
            id2label=dict(enumerate(LABELS)),
            label2id={label: index for index, label in enumerate(LABELS)},
        )
    if tokenizer.pad_token_id is None:
        tokenizer.pad_token = tokenizer.eos_token
    model.config.pad_token_id = tokenizer.pad_token_id
    return model, tokenizer


def build_trainable(recipe: Recipe):
    """(peft model with LoRA on the top `last_layers` layers and a trainable fp32 head, tokenizer), seeded."""
    from peft import LoraConfig, get_peft_model

    from alignment.models.loading import lora_arguments

    torch.manual_seed(recipe.seed)
    model, tokenizer = load_base(recipe.base, recipe.dtype)
    adapter = AdapterConfig(r=recipe.r, alpha=recipe.alpha, dropout=0.0, last_layers=recipe.last_layers)
    model = get_peft_model(model, LoraConfig(**lora_arguments(adapter, model, task_type="SEQ_CLS")))
    _fp32_head(model)
    return model, tokenizer


def _fp32_head(model) -> None:
    """Train the head in fp32 (a bf16 base would round its small updates away); its input is cast up."""
    for name, module in model.named_modules():
        if name.endswith("score.modules_to_save.default"):
            module.float()
            module.register_forward_pre_hook(lambda _module, args: (args[0].float(),))


def trainable_state(model) -> dict[str, torch.Tensor]:
    return {name: parameter.detach().clone() for name, parameter in model.named_parameters() if parameter.requires_grad}


def restore(model, state: dict[str, torch.Tensor]) -> None:
    """Put the trainable parameters back to `state` (a fresh fold starts from the same seeded init)."""
    parameters = dict(model.named_parameters())
    with torch.no_grad():
        for name, value in state.items():
            parameters[name].copy_(value)


# ---- the frozen prefix, run once ----


class _Stop(Exception):
    pass


class PrefixCache:
    """Hidden states leaving the last frozen layer, one `[length, hidden]` tensor per answer."""

    def __init__(self, start: int, hidden: list[torch.Tensor], ids: list[list[int]]):
        self.start, self.hidden, self.ids = start, hidden, ids

    @classmethod
    def build(cls, model, ids: list[list[int]], batch_size: int = 16, log=None) -> PrefixCache:
        from alignment.models.frozen_prefix import decoder_layers, frozen_prefix_length

        layers, start = decoder_layers(model), frozen_prefix_length(model)
        if layers is None or start == 0:
            raise ValueError("no frozen prefix: the adapter must leave the bottom layers untouched")
        hidden: list[torch.Tensor | None] = [None] * len(ids)
        order = sorted(range(len(ids)), key=lambda index: len(ids[index]))  # less padding
        seen = {}

        def stop(module, args, output):  # the layers above are not needed: stop the forward here
            seen["hidden"] = output.detach()
            raise _Stop

        handle = layers[start - 1].register_forward_hook(stop)
        try:
            for begin in range(0, len(order), batch_size):
                batch = order[begin : begin + batch_size]
                input_ids, mask = _pad([ids[index] for index in batch], 0)
                with torch.no_grad():
                    try:
                        model(input_ids=input_ids, attention_mask=mask)
                    except _Stop:
                        pass
                for row, index in enumerate(batch):  # right padding: a real position never reads a pad
                    hidden[index] = seen["hidden"][row, : len(ids[index])].clone()
                if log and (begin // batch_size) % 20 == 19:
                    log(f"prefix cache: {begin + len(batch)}/{len(ids)} answers")
        finally:
            handle.remove()
        return cls(start, hidden, ids)

    def batch(self, indices: list[int], pad_id: int):
        """(input_ids, attention_mask, replayed hidden states) for these answers, right-padded."""
        input_ids, mask = _pad([self.ids[index] for index in indices], pad_id)
        hidden = self.hidden[indices[0]].new_zeros(len(indices), input_ids.shape[1], self.hidden[indices[0]].shape[1])
        for row, index in enumerate(indices):
            hidden[row, : len(self.ids[index])] = self.hidden[index]
        return input_ids, mask, hidden  # [batch, seq], [batch, seq], [batch, seq, hidden]


def _pad(rows: list[list[int]], pad_id: int):
    width = max(len(row) for row in rows)
    input_ids = torch.full((len(rows), width), pad_id, dtype=torch.long)
    mask = torch.zeros((len(rows), width), dtype=torch.long)
    for index, row in enumerate(rows):
        input_ids[index, : len(row)] = torch.tensor(row)
        mask[index, : len(row)] = 1
    return input_ids, mask


def _logits(model, cache: PrefixCache, indices: list[int], pad_id: int) -> torch.Tensor:
    from alignment.models.frozen_prefix import decoder_layers, replay

    input_ids, mask, hidden = cache.batch(indices, pad_id)
    with replay(decoder_layers(model), cache.start, hidden):
        return model(input_ids=input_ids, attention_mask=mask).logits.float()  # [batch, classes]


# ---- training and prediction ----


def train(
    model, cache: PrefixCache, examples: list[Example], indices, recipe: Recipe, pad_id: int, log=None
) -> list[float]:
    """AdamW over the trainable parameters, linear decay to 0, seeded shuffles; returns each step's loss."""
    indices = list(indices)
    parameters = [parameter for parameter in model.parameters() if parameter.requires_grad]
    optimizer = torch.optim.AdamW(parameters, lr=recipe.learning_rate, weight_decay=0.0)
    steps = recipe.epochs * math.ceil(len(indices) / recipe.batch_size)
    schedule = torch.optim.lr_scheduler.LambdaLR(optimizer, lambda step: 1.0 - step / steps)
    weights = torch.tensor(recipe.class_weights, dtype=torch.float32)
    generator = torch.Generator().manual_seed(recipe.seed)
    model.train()
    losses = []
    for epoch in range(recipe.epochs):
        first = len(losses)
        order = [indices[position] for position in torch.randperm(len(indices), generator=generator).tolist()]
        for begin in range(0, len(order), recipe.batch_size):
            batch = order[begin : begin + recipe.batch_size]
            labels = torch.tensor([examples[index].label for index in batch])
            loss = torch.nn.functional.cross_entropy(_logits(model, cache, batch, pad_id), labels, weight=weights)
            optimizer.zero_grad()
            loss.backward()
            optimizer.step()
            schedule.step()
            losses.append(loss.item())
        if log:
            epoch_losses = losses[first:]
            log(f"epoch {epoch + 1}/{recipe.epochs}: mean loss {sum(epoch_losses) / len(epoch_losses):.4f}")
    model.eval()
    return losses


def predict(model, cache: PrefixCache, indices, pad_id: int, batch_size: int = 32) -> list[str]:
    indices = list(indices)
    verdicts = []
    model.eval()
    with torch.no_grad():
        for begin in range(0, len(indices), batch_size):
            logits = _logits(model, cache, indices[begin : begin + batch_size], pad_id)
            verdicts += [LABELS[index] for index in logits.argmax(dim=-1).tolist()]
    return verdicts


# ---- saving and loading ----


def save_classifier(model, recipe: Recipe, out: str | Path, card: dict) -> Path:
    """adapter_config.json (base named portably), adapter_model.safetensors, classifier.json."""
    from alignment.models.loading import make_adapter_portable

    out = Path(out)
    out.mkdir(parents=True, exist_ok=True)
    readme = out / "README.md"
    card_text = readme.read_text() if readme.is_file() else None  # peft writes its own README.md: keep ours
    model.save_pretrained(str(out), safe_serialization=True)
    make_adapter_portable(out, recipe.base)
    if card_text is None:
        readme.unlink(missing_ok=True)
    else:
        readme.write_text(card_text)
    full = {
        "format": CARD_FORMAT,
        "labels": list(LABELS),
        "recipe": asdict(recipe),
        "encoding": {"prompt_tokens": recipe.prompt_tokens, "answer_tokens": recipe.answer_tokens},
        "saved": time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime()),
        **card,
    }
    (out / CARD_FILE).write_text(json.dumps(full, indent=2) + "\n")
    return out


def read_card(path: str | Path) -> dict | None:
    """classifier.json of a classifier directory; None when the directory has none."""
    card_file = Path(path) / CARD_FILE
    if not card_file.is_file():
        return None
    try:
        card = json.loads(card_file.read_text())
    except json.JSONDecodeError as error:
        raise ConfigError(f"{card_file}: not JSON ({error.msg}, line {error.lineno})") from None
    if not isinstance(card, dict) or card.get("format") != CARD_FORMAT or list(card.get("labels", [])) != list(LABELS):
        raise ConfigError(f"{card_file}: not a refusal classifier card (format {CARD_FORMAT}, labels {list(LABELS)})")
    return card


def load_classifier(path: str | Path, dtype: str = "auto"):
    """(model in eval mode, tokenizer, card) from a classifier directory; the base comes from adapter_config.json."""
    from alignment.models.loading import attach_adapter, training_base

    path = Path(path)
    card = read_card(path)
    if card is None or not (path / "adapter_config.json").is_file():
        raise ConfigError(f"{path}: not a refusal classifier directory (needs {CARD_FILE} and adapter_config.json)")
    model, tokenizer = load_base(training_base(path), dtype)
    model = attach_adapter(
        model, path, "default"
    )  # alignment/models/loading.py: the one place that calls from_pretrained
    if torch.cuda.is_available():
        model.to("cuda")
    model.eval()
    return model, tokenizer, card


def heldout_figures(path: str | Path) -> dict | None:
    """The held-out agreement stored in heldout.json, when it was measured on these very weights
    (its weights_sha256 matches adapter_model.safetensors); None otherwise."""
    path = Path(path)
    stored = path / HELDOUT_FILE
    if not stored.is_file():
        return None
    figures = json.loads(stored.read_text())
    if figures.get("weights_sha256") != sha256_file(path / "adapter_model.safetensors"):
        return None
    return figures.get("agreement")
