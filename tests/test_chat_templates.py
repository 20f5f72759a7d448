"""Named chat templates for base models without one (`model.chat_template`): each keeps the SFT
stage's assistant-only loss mask right, a base model without a template runs SFT then DPO with one,
and the template travels with the saved tokenizer; bad names and missing marker tokens are one line."""

from __future__ import annotations

import pytest
from conftest import build_tiny_model
from transformers import AutoTokenizer

from alignment.config import DPOConfig, ModelConfig, SFTConfig, load_config
from alignment.core.errors import AlignmentError, ConfigError
from alignment.data.chat import IGNORE, tokenize_chat
from alignment.models.loading import load_tokenizer
from alignment.models.templates import TEMPLATES
from alignment.stages import sft
from alignment.stages.dpo import offline as dpo

CHAT = [
    {"role": "system", "content": "Be brief."},
    {"role": "user", "content": "Capital of France?"},
    {"role": "assistant", "content": "Paris."},
    {"role": "user", "content": "And of Italy?"},
    {"role": "assistant", "content": "Rome."},
]


@pytest.fixture(scope="module")
def base_model_dir(tmp_path_factory):
    """The tiny model with its chat template removed: a base model as it comes."""
    out = build_tiny_model(tmp_path_factory.mktemp("base"))
    tokenizer = AutoTokenizer.from_pretrained(out)
    tokenizer.chat_template = None
    (out / "chat_template.jinja").unlink(missing_ok=True)
    tokenizer.save_pretrained(out)
    assert not AutoTokenizer.from_pretrained(out).chat_template
    return out


@pytest.mark.parametrize("name", ["chatml", "zephyr"])
def test_named_templates_keep_the_loss_on_the_assistant_replies_only(base_model_dir, name):
    tokenizer = load_tokenizer(str(base_model_dir), ModelConfig(name_or_path=str(base_model_dir), chat_template=name))
    row = tokenize_chat(tokenizer, CHAT)
    trained = tokenizer.decode([label for label in row["labels"] if label != IGNORE])
    # both replies and their end-of-turn tokens, nothing of the prompt
    assert trained == f"Paris.{tokenizer.eos_token}Rome.{tokenizer.eos_token}"


def test_a_base_model_without_a_template_is_refused_with_the_way_out(base_model_dir):
    with pytest.raises(AlignmentError, match="name one with model.chat_template"):
        load_tokenizer(str(base_model_dir), ModelConfig(name_or_path=str(base_model_dir)))


@pytest.mark.parametrize(
    "choice, message",
    [
        ("vicuna", "unknown chat template 'vicuna'; use one of chatml, zephyr, llama-3"),
        ("llama-3", "needs the tokens <|start_header_id|>, <|end_header_id|>, <|eot_id|>"),
        ("missing.jinja", "missing.jinja: no such template file"),
    ],
)
def test_bad_template_choices_are_one_line_errors(base_model_dir, choice, message):
    with pytest.raises(ConfigError, match=message.replace("|", r"\|")):
        load_tokenizer(str(base_model_dir), ModelConfig(name_or_path=str(base_model_dir), chat_template=choice))


def test_a_jinja_file_is_read(base_model_dir, tmp_path):
    path = tmp_path / "mine.jinja"
    path.write_text(TEMPLATES["zephyr"][0])
    tokenizer = load_tokenizer(
        str(base_model_dir), ModelConfig(name_or_path=str(base_model_dir), chat_template=str(path))
    )
    assert tokenizer.chat_template == TEMPLATES["zephyr"][0]


def test_sft_then_dpo_on_a_base_model_with_a_named_template(base_model_dir, tiny_chats_file, tiny_pairs_file, tmp_path):
    common = [f"run_dir={tmp_path / 'run'}", "train.max_steps=2", "train.batch_size=2", "train.save_steps=2"]
    sft_config = load_config(
        SFTConfig,
        None,
        [
            *common,
            f"model.name_or_path={base_model_dir}",
            "model.chat_template=zephyr",
            f"data.train_files=[{tiny_chats_file}]",
            "data.eval_fraction=0",
            "adapter.r=4",
        ],
    )
    result = sft.run(sft_config)
    saved = AutoTokenizer.from_pretrained(result.output_dir / "merged")
    assert saved.chat_template == TEMPLATES["zephyr"][0]  # eval, export and the next stage render the same way
    dpo_config = load_config(
        DPOConfig,
        None,
        [
            *common,
            f"model.name_or_path={result.output_dir}",
            f"data.sources=[{{files: [{tiny_pairs_file}], name: tiny}}]",
            "adapter.r=4",
            "dynamics.enabled=false",
        ],
    )
    assert dpo.run(dpo_config).metrics["steps"] == 2
