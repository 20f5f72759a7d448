"""The SFT stage's loss (`sft.ReplyLossTrainer`, `sft.reply_log_probs`) on a tiny model.

Invariants: the LM head run at the trained positions only gives the full-logits loss and gradients;
the padding-free rows that `train.packing` trains on give, token for token, the log-probs of the
same chats padded, because each chat attends to itself alone; the normalisation is Trainer's (the
step's micro-batches add up to the whole batch, as TRL's own loss does)."""

from __future__ import annotations

import json

import pytest
import torch
from datasets import Dataset
from trl import SFTTrainer
from trl.trainer.sft_trainer import DataCollatorForLanguageModeling

from alignment.config import SFTConfig, load_config
from alignment.data.chat import IGNORE, tokenize_examples
from alignment.data.sft import load_sft_examples
from alignment.models import frozen_prefix
from alignment.models import loading as models
from alignment.stages import sft

pytestmark = pytest.mark.usefixtures("one_thread")


@pytest.fixture(scope="module")
def chats_file(tmp_path_factory):
    """24 chats whose replies differ in length (1 to 9 extra words), so padded batches hold padding."""
    path = tmp_path_factory.mktemp("chats") / "chats.jsonl"
    lines = [
        json.dumps(
            {
                "messages": [
                    {"role": "user", "content": f"What is {i} plus {i + 1}?"},
                    {"role": "assistant", "content": f"{i} plus {i + 1} is {2 * i + 1}." + " yes" * (i % 9)},
                ]
            }
        )
        for i in range(24)
    ]
    path.write_text("\n".join(lines) + "\n")
    return path


def stage_config(model_dir, chats_file, tmp_path, *extra) -> SFTConfig:
    return load_config(
        SFTConfig,
        None,
        [
            f"run_dir={tmp_path}",
            f"model.name_or_path={model_dir}",
            f"data.train_files=[{chats_file}]",
            "data.eval_fraction=0.0",
            "model.dtype=float32",
            "adapter.dropout=0.0",
            "train.max_steps=1",
            *extra,
        ],
    )


def make_trainer(config: SFTConfig, tmp_path) -> tuple[sft.ReplyLossTrainer, list[dict]]:
    """The stage's trainer over the tokenised chats, as `sft.run` builds it (fresh LoRA model)."""
    model, tokenizer = models.load_for_training(config.model, config.adapter)
    rows, _ = tokenize_examples(tokenizer, load_sft_examples(config.data.train_files), config.data.max_length)
    trainer = sft.ReplyLossTrainer(
        model=model,
        args=sft._trl_args(config, tmp_path / "sft", has_eval=False),
        train_dataset=Dataset.from_list(rows),
        processing_class=tokenizer,
    )
    return trainer, rows


def padded(rows: list[dict], pad_id: int) -> dict:
    return DataCollatorForLanguageModeling(pad_token_id=pad_id)([dict(row) for row in rows])


def padding_free(rows: list[dict], pad_id: int) -> dict:
    return DataCollatorForLanguageModeling(pad_token_id=pad_id, padding_free=True)([dict(row) for row in rows])


def token_logps(model, batch: dict) -> torch.Tensor:
    """[trained tokens] log-prob of each trained token, in reading order."""
    log_probs, targets = sft.reply_log_probs(model, batch)
    return log_probs.gather(-1, targets[:, None]).squeeze(-1)


def test_trained_positions_only_loss_equals_the_full_logits_loss(tiny_model_dir, chats_file, tmp_path):
    """Same loss and same gradients as the model's own loss over the full [batch, seq, vocab] logits."""
    trainer, rows = make_trainer(stage_config(tiny_model_dir, chats_file, tmp_path), tmp_path)
    model, batch = trainer.model, padded(rows[:6], trainer.processing_class.pad_token_id)
    trained = int((batch["labels"][:, 1:] != IGNORE).sum())
    assert trained < batch["labels"][:, 1:].numel()  # padding and prompts: positions the head skips

    log_probs, targets = sft.reply_log_probs(model, batch)
    assert log_probs.shape == (trained, model.config.vocab_size)
    ours = trainer.compute_loss(model, batch)
    ours.backward()
    ours_grads = {name: p.grad.clone() for name, p in model.named_parameters() if p.requires_grad}
    model.zero_grad()
    full = model(**batch, use_cache=False).loss  # transformers' ForCausalLMLoss: mean over shifted labels
    full.backward()
    assert ours.item() == pytest.approx(full.item(), abs=1e-6)
    for name, parameter in model.named_parameters():
        if parameter.requires_grad:
            assert torch.allclose(ours_grads[name], parameter.grad, atol=1e-7), name


def test_packed_rows_give_the_padded_chats_token_log_probs(tiny_model_dir, chats_file, tmp_path):
    """`train.packing`: TRL packs chats into max_length rows (best-fit decreasing) and flattens a
    batch into one padding-free row, position_ids restarting at 0 per chat. Every chat's trained
    tokens get the log-probs they get in a padded batch of the same chats, to fp32 rounding."""
    config = stage_config(
        tiny_model_dir, chats_file, tmp_path, "train.packing=true", "data.max_length=256", "train.batch_size=2"
    )
    trainer, _ = make_trainer(config, tmp_path)
    batch = next(iter(trainer.get_train_dataloader()))
    assert set(batch) >= {"input_ids", "labels", "position_ids"} and "attention_mask" not in batch
    starts = (batch["position_ids"][0] == 0).nonzero().flatten().tolist() + [batch["input_ids"].size(1)]
    chats = [
        {"input_ids": batch["input_ids"][0, a:b].tolist(), "labels": batch["labels"][0, a:b].tolist()}
        for a, b in zip(starts, starts[1:])
    ]
    assert len(chats) >= 4  # several chats in each of the 2 packed rows
    with torch.no_grad():
        packed = token_logps(trainer.model, batch)
        apart = token_logps(trainer.model, padded(chats, trainer.processing_class.pad_token_id))
    assert packed.shape == apart.shape
    assert torch.allclose(packed, apart, atol=1e-5)


def test_a_padding_free_row_keeps_each_chat_to_itself(tiny_model_dir, chats_file, tmp_path):
    """Changing the first chat of a padding-free row leaves every later chat's logits as they were
    (sdpa gets a block-diagonal causal mask from the restarting position_ids). Without the restart
    the change reaches them: the check can see a leak."""
    trainer, rows = make_trainer(stage_config(tiny_model_dir, chats_file, tmp_path), tmp_path)
    model, pad_id = trainer.model, trainer.processing_class.pad_token_id
    batch = padding_free(rows[:3], pad_id)
    first = len(rows[0]["input_ids"])
    changed = batch["input_ids"].clone()
    changed[0, 1 : first - 1] = changed[0, 1 : first - 1].flip(0)  # same tokens, other order
    assert not torch.equal(changed, batch["input_ids"])

    def later_logits(input_ids, position_ids):
        with torch.no_grad():
            return model(input_ids=input_ids, position_ids=position_ids, use_cache=False).logits[0, first:]

    positions = batch["position_ids"]
    assert torch.allclose(later_logits(changed, positions), later_logits(batch["input_ids"], positions), atol=1e-6)
    running = torch.arange(positions.size(1))[None]
    assert not torch.allclose(later_logits(changed, running), later_logits(batch["input_ids"], running), atol=1e-3)


@pytest.mark.parametrize("layout", [padded, padding_free])
def test_micro_batches_add_up_to_the_whole_batch_and_match_trl(tiny_model_dir, chats_file, tmp_path, layout):
    """Gradient accumulation: four one-chat micro-batches, each normalised by the step's trained
    tokens (`num_items_in_batch`), give the loss and gradients of one batch of the four chats.
    TRL's own loss (its fused LM head) gives the same numbers on the same batch."""
    trainer, rows = make_trainer(stage_config(tiny_model_dir, chats_file, tmp_path), tmp_path)
    model, pad_id = trainer.model, trainer.processing_class.pad_token_id
    whole = layout(rows[:4], pad_id)
    items = (whole["labels"][:, 1:] != IGNORE).sum()

    def loss_and_grads(batches, loss_function):
        model.zero_grad()
        losses = [loss_function(model, batch, num_items_in_batch=items) for batch in batches]
        sum(losses).backward()
        return sum(losses).item(), {name: p.grad.clone() for name, p in model.named_parameters() if p.requires_grad}

    one_batch, one_batch_grads = loss_and_grads([whole], trainer.compute_loss)
    accumulated, accumulated_grads = loss_and_grads([layout([row], pad_id) for row in rows[:4]], trainer.compute_loss)
    trl_loss, trl_grads = loss_and_grads([whole], lambda *a, **k: SFTTrainer.compute_loss(trainer, *a, **k))
    assert accumulated == pytest.approx(one_batch, abs=1e-6)
    assert trl_loss == pytest.approx(one_batch, abs=1e-5)
    for name, grad in one_batch_grads.items():
        assert torch.allclose(accumulated_grads[name], grad, atol=1e-6), name
        assert torch.allclose(trl_grads[name], grad, atol=1e-5), name


def test_trainer_passes_the_steps_trained_token_count(tiny_model_dir, chats_file, tmp_path):
    """Under accumulation, every micro-batch's loss is divided by the whole step's trained tokens,
    and the logged figures are there: loss, entropy, token accuracy, tokens seen."""
    config = stage_config(tiny_model_dir, chats_file, tmp_path, "train.batch_size=2", "train.grad_accum=2")
    trainer, _ = make_trainer(config, tmp_path)
    seen = []
    compute_loss = trainer.compute_loss

    def spy(model, inputs, return_outputs=False, num_items_in_batch=None):
        seen.append(((inputs["labels"][:, 1:] != IGNORE).sum().item(), num_items_in_batch))
        return compute_loss(model, inputs, return_outputs, num_items_in_batch)

    trainer.compute_loss = spy
    trainer.train()
    assert len(seen) == 2 and seen[0][1] == seen[1][1] == seen[0][0] + seen[1][0]
    logged = trainer.state.log_history[0]
    assert logged["entropy"] > 0 and 0 <= logged["mean_token_accuracy"] <= 1
    assert logged["num_tokens"] == trainer.state.num_input_tokens_seen > 0


def test_cached_frozen_prefix_gives_the_same_loss_and_gradients(tiny_model_dir, chats_file, tmp_path):
    """`train.cache_frozen_prefix`: with LoRA on the top layer only, the first pass over a batch
    keeps layer 0's output per chat and a later pass replays it: the same loss and LoRA gradients,
    and layer 0 does not run in the replayed pass. A batch holding a chat never met runs in full."""
    config = stage_config(tiny_model_dir, chats_file, tmp_path, "adapter.last_layers=1")
    trainer, rows = make_trainer(config, tmp_path)
    model, pad_id = trainer.model, trainer.processing_class.pad_token_id
    trainer.prefix_cache = cache = sft.cache_prefix(config, trainer)
    assert cache is not None and cache.start == 1 and not cache.hidden
    calls = []
    frozen_prefix.decoder_layers(model)[0].register_forward_hook(lambda *args: calls.append(1))

    def loss_and_grads(batch):
        calls.clear()
        model.zero_grad()
        loss = trainer.compute_loss(model, batch)
        loss.backward()
        return loss.item(), {name: p.grad.clone() for name, p in model.named_parameters() if p.requires_grad}, calls[:]

    first, first_grads, first_calls = loss_and_grads(padded(rows[3:9], pad_id))
    assert first_calls == [1] and len(cache.hidden) == 6  # the plain pass, recorded
    again, again_grads, again_calls = loss_and_grads(padded(rows[8:2:-1], pad_id))  # same chats, other order
    assert again_calls == []  # the replay stood in for layer 0
    assert again == pytest.approx(first, abs=1e-6)
    for name, grad in first_grads.items():
        assert torch.allclose(again_grads[name], grad, atol=1e-6), name
    narrow = padded(rows[3:6], pad_id)  # kept chats in a batch of another width: zeros at its padding
    replayed, _, narrow_calls = loss_and_grads(narrow)
    trainer.prefix_cache = None
    plain_narrow, _, _ = loss_and_grads(narrow)
    trainer.prefix_cache = cache
    assert narrow_calls == [] and replayed == pytest.approx(plain_narrow, abs=1e-6)
    _, _, mixed_calls = loss_and_grads(padded(rows[7:11], pad_id))
    assert mixed_calls == [1] and len(cache.hidden) == 8  # two new chats: run in full, then kept


def test_frozen_prefix_cache_stops_keeping_at_its_limit(tiny_model_dir, chats_file, tmp_path):
    config = stage_config(tiny_model_dir, chats_file, tmp_path, "adapter.last_layers=1")
    trainer, rows = make_trainer(config, tmp_path)
    trainer.prefix_cache = cache = sft.cache_prefix(config, trainer)
    cache.limit = 1  # byte: no chat fits
    batch = padded(rows[:4], trainer.processing_class.pad_token_id)
    plain = trainer.compute_loss(trainer.model, batch).item()
    assert cache.full and not cache.hidden
    assert trainer.compute_loss(trainer.model, batch).item() == pytest.approx(plain, abs=1e-6)


@pytest.mark.parametrize(
    ("extra", "reason"),
    [
        (["train.packing=true"], "packed rows"),
        (["train.gradient_checkpointing=true"], "gradient checkpointing"),
    ],
)
def test_frozen_prefix_cache_says_why_it_is_off(tiny_model_dir, chats_file, tmp_path, capsys, extra, reason):
    config = stage_config(tiny_model_dir, chats_file, tmp_path, "adapter.last_layers=1", *extra)
    trainer, _ = make_trainer(config, tmp_path)
    assert sft.cache_prefix(config, trainer) is None
    assert f"frozen-prefix cache: off ({reason})" in capsys.readouterr().out


def test_opening_weight_counts_each_replys_first_tokens_that_many_times(tiny_model_dir, chats_file, tmp_path):
    """`loss.opening_weight` 3 over `loss.opening_tokens` 2: the loss is the token log-probs summed
    with weight 3 on each reply's first two tokens and 1 elsewhere, over the trained-token count."""
    trainer, rows = make_trainer(stage_config(tiny_model_dir, chats_file, tmp_path), tmp_path)
    model, batch = trainer.model, padded(rows[:4], trainer.processing_class.pad_token_id)
    with torch.no_grad():
        logps = token_logps(model, batch)
        expected, position = 0.0, 0
        for labels in batch["labels"]:
            run = 0
            for label in labels[1:].tolist():
                if label == IGNORE:
                    run = 0
                    continue
                run += 1
                expected -= (3.0 if run <= 2 else 1.0) * logps[position].item()
                position += 1
        expected /= position
        trainer.opening = (3.0, 2)
        weighted = trainer.compute_loss(model, batch).item()
        trainer.opening = (1.0, 2)
        plain = trainer.compute_loss(model, batch).item()
    assert weighted == pytest.approx(expected, rel=1e-6)
    assert weighted > plain


def test_stage_with_the_cache_trains_the_same_adapter(tiny_model_dir, chats_file, tmp_path, capsys, monkeypatch):
    """Three passes over 24 chats (9 steps of 8), LoRA on the top layer: the stage with the cache
    (passes 2 and 3 replayed) ends at the adapter it ends at without it, to fp32 rounding."""
    from safetensors.torch import load_file

    def adapter(name, *extra):
        config = stage_config(
            tiny_model_dir,
            chats_file,
            tmp_path / name,
            "adapter.last_layers=1",
            "train.max_steps=9",
            "train.batch_size=8",
            "train.save_steps=9",
            "merge=false",
            "dynamics.enabled=false",  # its probes replay a prefix of their own
            *extra,
        )
        result = sft.run(config)
        return load_file(result.output_dir / "adapter" / "adapter_model.safetensors")

    replays = []
    original = frozen_prefix.replay
    monkeypatch.setattr(frozen_prefix, "replay", lambda *args: replays.append(1) or original(*args))
    cached = adapter("cached")
    assert "frozen-prefix cache: layers 0-0 run once per chat" in capsys.readouterr().out
    assert len(replays) >= 6  # passes 2 and 3 replay (a pass's last batch may mix in chats of the next)
    replays.clear()
    plain = adapter("plain", "train.cache_frozen_prefix=false")
    assert replays == []
    assert cached.keys() == plain.keys() and cached
    for name in cached:
        assert torch.allclose(cached[name], plain[name], atol=1e-5), name
    assert any(not torch.equal(tensor, torch.zeros_like(tensor)) for name, tensor in cached.items() if "lora_B" in name)
