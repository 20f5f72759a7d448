"""Shared fixtures: a tiny chat model built inside the test run, never downloaded.

`tiny_model_dir` is a 2-layer Llama (hidden size 32) with a byte-level BPE tokenizer trained
on a few strings and a ChatML chat template like SmolLM2's, saved with save_pretrained so
tests go through the real loading code.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

os.environ.setdefault("HF_HUB_OFFLINE", "1")
os.environ.setdefault("TOKENIZERS_PARALLELISM", "false")
# dtype auto means fp32 in tests on every CPU, also on AVX512-BF16/AMX ones where it would mean bf16:
# the suite compares batched and one-at-a-time computations at fp32 tolerances (1e-5). The bf16
# choice itself is tested with a patched CPU check (test_models.py); child processes inherit this.
os.environ.setdefault("ALIGNMENT_CPU_BF16", "0")

REPO = Path(__file__).resolve().parent.parent
CHATML = (
    "{% for message in messages %}"
    "{% if loop.first and messages[0]['role'] != 'system' %}"
    "{{ '<|im_start|>system\nYou are a helpful assistant.<|im_end|>\n' }}{% endif %}"
    "{{ '<|im_start|>' + message['role'] + '\n' + message['content'] + '<|im_end|>' + '\n' }}"
    "{% endfor %}"
    "{% if add_generation_prompt %}{{ '<|im_start|>assistant\n' }}{% endif %}"
)
CORPUS = [
    "What is the capital of France? The capital of France is Paris.",
    "How do I reverse a string in Python? Use slicing: text[::-1].",
    "Convert 5 km to miles. 5 km is about 3.11 miles.",
    "I can't help with that, but here is a safer alternative.",
    "system user assistant Hello! How can I help you today?",
    "0123456789 + - * / = ( ) . , ? ! : ;",
]


def build_tiny_model(out: Path, seed: int = 0, initializer_range: float = 0.02) -> Path:
    """`initializer_range` 0.2 gives a model whose next-token distributions are far from uniform, so
    small adapter updates move what it samples (the PPO toy task)."""
    import torch
    from tokenizers import Tokenizer, decoders, models, pre_tokenizers, trainers
    from transformers import LlamaConfig, LlamaForCausalLM, PreTrainedTokenizerFast

    specials = ["<|endoftext|>", "<|im_start|>", "<|im_end|>"]
    backend = Tokenizer(models.BPE())
    backend.pre_tokenizer = pre_tokenizers.ByteLevel(add_prefix_space=False)
    backend.decoder = decoders.ByteLevel()
    trainer = trainers.BpeTrainer(
        vocab_size=400, special_tokens=specials, initial_alphabet=pre_tokenizers.ByteLevel.alphabet()
    )
    backend.train_from_iterator(CORPUS * 4, trainer=trainer)
    tokenizer = PreTrainedTokenizerFast(
        tokenizer_object=backend,
        bos_token="<|im_start|>",
        eos_token="<|im_end|>",
        pad_token="<|endoftext|>",
        unk_token="<|endoftext|>",
    )
    tokenizer.chat_template = CHATML
    torch.manual_seed(seed)
    config = LlamaConfig(
        vocab_size=len(tokenizer),
        hidden_size=32,
        intermediate_size=64,
        num_hidden_layers=2,
        num_attention_heads=4,
        num_key_value_heads=2,
        max_position_embeddings=2048,  # past every default data.max_length (1024)
        bos_token_id=tokenizer.bos_token_id,
        eos_token_id=tokenizer.eos_token_id,
        pad_token_id=tokenizer.pad_token_id,
        tie_word_embeddings=False,
        initializer_range=initializer_range,
    )
    model = LlamaForCausalLM(config)
    model.generation_config.eos_token_id = tokenizer.eos_token_id
    model.generation_config.pad_token_id = tokenizer.pad_token_id
    model.save_pretrained(out, safe_serialization=True)
    tokenizer.save_pretrained(out)
    return out


@pytest.fixture(scope="session")
def tiny_model_dir(tmp_path_factory) -> Path:
    return build_tiny_model(tmp_path_factory.mktemp("tiny-model"))


@pytest.fixture(scope="session")
def tiny_chats_file(tmp_path_factory) -> Path:
    """24 short two-turn chats in `messages` JSONL."""
    import json

    path = tmp_path_factory.mktemp("data") / "chats.jsonl"
    lines = []
    for i in range(24):
        messages = [
            {"role": "user", "content": f"What is {i} plus {i + 1}?"},
            {"role": "assistant", "content": f"{i} plus {i + 1} is {2 * i + 1}."},
        ]
        lines.append(json.dumps({"messages": messages}))
    path.write_text("\n".join(lines) + "\n")
    return path


@pytest.fixture(autouse=True)
def _isolated_cache(tmp_path, monkeypatch):
    """Each test gets its own conversion cache so nothing leaks between tests."""
    monkeypatch.setenv("ALIGNMENT_CACHE", str(tmp_path / "cache"))


def write_separable_pairs(path: Path, n: int = 24) -> Path:
    """Preference pairs a 2-layer model separates at once: the chosen reply is a sum, the rejected
    one a fixed refusal."""
    import json

    rows = [
        {
            "prompt": f"What is {i} plus {i + 1}?",
            "chosen": f"{i} plus {i + 1} is {2 * i + 1}.",
            "rejected": "I can't help with that.",
        }
        for i in range(n)
    ]
    path.write_text("".join(json.dumps(row) + "\n" for row in rows))
    return path


@pytest.fixture(scope="session")
def tiny_pairs_file(tmp_path_factory) -> Path:
    """24 separable preference pairs in TRL standard JSONL."""
    return write_separable_pairs(tmp_path_factory.mktemp("pairs") / "pairs.jsonl")


@pytest.fixture(scope="module")
def one_thread():
    """Run a test module single-threaded: a tiny model's matmuls are far cheaper than waking a second
    intra-op thread, and on a busy 2-core machine two threads made eval modules 10-30x slower."""
    import torch

    threads = torch.get_num_threads()
    torch.set_num_threads(1)
    yield
    torch.set_num_threads(threads)


@pytest.fixture
def chat_server():
    """Start loopback chat endpoints (tests/helpers/loopback.py): `chat_server(*replies)` -> a ChatServer,
    each closed when the test ends."""
    from helpers.loopback import ChatServer

    servers = []

    def start(*replies):
        servers.append(ChatServer(replies))
        return servers[-1]

    yield start
    for server in servers:
        server.close()
