"""Can a model's hidden states tell harmful requests from benign ones that sound risky? A linear probe.

    .venv/bin/python benchmarks/kind_probe.py                       # the embedded SmolLM2-135M-Instruct
    .venv/bin/python benchmarks/kind_probe.py --model runs/ppo_quickstart/ppo --every 3

Features: the hidden state of the last prompt token (chat template with the generation prompt) after
each decoder layer. A logistic regression per layer (standardised features, L2 penalty, L-BFGS) is
fitted on the training prompts of `preference_data/` (the harmless pairs and prompt set, labelled by
their `kind`) and scored on the eval prompts (`evals/harmful.jsonl` vs `evals/benign_sensitive.jsonl`),
which no training file holds. High held-out accuracy means the information a policy needs to refuse
the one kind and answer the other is already in the model; what a training run does with it is the
question for the run. Not a test: a measurement, printed per layer.
"""

from __future__ import annotations

import argparse
from pathlib import Path

import torch

REPO = Path(__file__).resolve().parent.parent
TRAIN = ("preference_data/harmless/pairs.jsonl", "preference_data/prompts/harmless.jsonl")
TEST = (("evals/harmful.jsonl", True), ("evals/benign_sensitive.jsonl", False))


def labelled_prompts() -> tuple[list, list]:
    """(last user turn, is harmful) pairs, read with the project's own prompt loaders."""
    from alignment.data.prompts import load_prompts
    from alignment.eval.prompt_files import read_prompt_file

    train = [
        (example.prompt[-1]["content"], example.metadata["kind"] == "harmful")
        for example in load_prompts([str(REPO / name) for name in TRAIN])
    ]
    test = [(item.turns[0], harmful) for name, harmful in TEST for item in read_prompt_file(REPO / name)]
    return train, test


@torch.no_grad()
def last_token_states(model, tokenizer, rows: list, batch: int = 32) -> torch.Tensor:
    """[prompts, layers + 1, hidden]: each layer's output at the last prompt token (left padding)."""
    out = []
    for start in range(0, len(rows), batch):
        texts = [
            tokenizer.apply_chat_template(
                [{"role": "user", "content": text}], add_generation_prompt=True, tokenize=False
            )
            for text, _ in rows[start : start + batch]
        ]
        encoded = tokenizer(texts, return_tensors="pt", padding=True, add_special_tokens=False)
        states = model(**encoded, output_hidden_states=True).hidden_states
        out.append(torch.stack([layer[:, -1] for layer in states], dim=1))
    return torch.cat(out)


def probe_accuracy(train_x, train_y, test_x, test_y, l2: float = 1e-2) -> tuple[float, float]:
    mean, std = train_x.mean(0), train_x.std(0) + 1e-6
    train_x, test_x = (train_x - mean) / std, (test_x - mean) / std
    weight = torch.zeros(train_x.shape[1], requires_grad=True)
    bias = torch.zeros(1, requires_grad=True)
    optimizer = torch.optim.LBFGS([weight, bias], max_iter=200)

    def closure():
        optimizer.zero_grad()
        loss = torch.nn.functional.binary_cross_entropy_with_logits(train_x @ weight + bias, train_y)
        loss = loss + l2 * weight.square().sum()
        loss.backward()
        return loss

    optimizer.step(closure)
    with torch.no_grad():
        return tuple(
            float(((x @ weight + bias > 0).float() == y).float().mean())
            for x, y in ((train_x, train_y), (test_x, test_y))
        )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--model", default="smollm2-135m-instruct", help="embedded model name or model directory")
    parser.add_argument("--every", type=int, default=3, help="probe every k-th layer output (and the last)")
    args = parser.parse_args()
    from alignment.models.loading import load_for_inference

    model, tokenizer = load_for_inference(args.model, dtype="float32")
    tokenizer.padding_side = "left"
    train, test = labelled_prompts()
    train_x, test_x = last_token_states(model.eval(), tokenizer, train), last_token_states(model, tokenizer, test)
    train_y = torch.tensor([float(y) for _, y in train])
    test_y = torch.tensor([float(y) for _, y in test])
    print(f"{args.model}: {len(train)} training prompts, {len(test)} eval prompts (held out)")
    layers = train_x.shape[1]
    for layer in sorted({*range(args.every, layers, args.every), layers - 1}):
        fit, held_out = probe_accuracy(train_x[:, layer], train_y, test_x[:, layer], test_y)
        print(f"layer {layer:2d} output: train {fit:.3f}  held-out {held_out:.3f}", flush=True)


if __name__ == "__main__":
    main()
