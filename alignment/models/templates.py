"""Chat templates by name, for base models that ship without one (`model.chat_template`).

    apply_chat_template_choice(tokenizer, choice, where) -> None   (sets tokenizer.chat_template)

`choice` is a name below or a path to a `.jinja` file. The template is set on the tokenizer, so every
stage saves it with the tokenizer and the eval, export and `alignment generate` render the same way.
Each template here is written so that rendering a conversation's prefix gives a prefix of the whole
rendering: the SFT stage's assistant-only loss mask (`alignment/data/chat.py`) relies on that.

A turn must end with one token, the one generation stops at: `zephyr` ends turns with the tokenizer's
own eos token, so it suits any base model; `chatml` and `llama-3` need their marker tokens in the
vocabulary (a model trained with them), and the tokenizer's eos becomes their end-of-turn token.
"""

from __future__ import annotations

from pathlib import Path

from alignment.core.errors import ConfigError

_CHATML = (
    "{% for message in messages %}"
    "{{ '<|im_start|>' + message['role'] + '\\n' + message['content'] + '<|im_end|>\\n' }}"
    "{% endfor %}"
    "{% if add_generation_prompt %}{{ '<|im_start|>assistant\\n' }}{% endif %}"
)
_ZEPHYR = (
    "{% for message in messages %}"
    "{{ '<|' + message['role'] + '|>\\n' + message['content'] + eos_token + '\\n' }}"
    "{% endfor %}"
    "{% if add_generation_prompt %}{{ '<|assistant|>\\n' }}{% endif %}"
)
_LLAMA_3 = (
    "{{ bos_token }}"
    "{% for message in messages %}"
    "{{ '<|start_header_id|>' + message['role'] + '<|end_header_id|>\\n\\n' + message['content'] + '<|eot_id|>' }}"
    "{% endfor %}"
    "{% if add_generation_prompt %}{{ '<|start_header_id|>assistant<|end_header_id|>\\n\\n' }}{% endif %}"
)

TEMPLATES = {
    # name: (template, the tokens it needs in the vocabulary, its end-of-turn token; None = the eos token)
    "chatml": (_CHATML, ("<|im_start|>", "<|im_end|>"), "<|im_end|>"),
    "zephyr": (_ZEPHYR, (), None),
    "llama-3": (_LLAMA_3, ("<|start_header_id|>", "<|end_header_id|>", "<|eot_id|>"), "<|eot_id|>"),
}


def apply_chat_template_choice(tokenizer, choice: str, where: str) -> None:
    """Set `tokenizer.chat_template` from a template name or a `.jinja` file; `ConfigError` naming
    `where` (the config key) for an unknown name, a missing file, or marker tokens the vocabulary lacks."""
    if choice.endswith(".jinja"):
        path = Path(choice).expanduser()
        if not path.is_file():
            raise ConfigError(f"{where}: {choice}: no such template file")
        tokenizer.chat_template = path.read_text(encoding="utf-8")
        return
    if choice not in TEMPLATES:
        raise ConfigError(
            f"{where}: unknown chat template '{choice}'; use one of {', '.join(TEMPLATES)} or a .jinja file"
        )
    template, needed, end_of_turn = TEMPLATES[choice]
    vocabulary = tokenizer.get_vocab()
    missing = [token for token in needed if token not in vocabulary]
    if missing:
        raise ConfigError(
            f"{where}: template '{choice}' needs the tokens {', '.join(missing)}, which this tokenizer does not have; "
            "use zephyr (it ends turns with the model's own eos token)"
        )
    if end_of_turn is None and tokenizer.eos_token is None:
        raise ConfigError(f"{where}: template '{choice}' ends turns with the eos token, and this tokenizer has none")
    tokenizer.chat_template = template
    if end_of_turn is not None:
        tokenizer.eos_token = end_of_turn  # generation stops at the end of a turn (stop_token_ids reads it)
