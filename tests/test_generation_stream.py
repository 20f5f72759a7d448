"""Streamed chat replies (`alignment generate`): the streamed text is the reply, plain greedy equals
`chat_reply`, the repetition penalty changes what greedy says, and a reply that loops is stopped."""

from __future__ import annotations

import torch

from alignment.models.generation import RepeatedTail, chat_reply, stream_reply
from alignment.models.loading import load_for_inference


def stops(ids: list[int], prompt_length: int = 2) -> bool:
    guard = RepeatedTail(prompt_length)
    return bool(guard(torch.tensor([ids]), None)[0]) and guard.looped


def test_a_span_said_four_times_stops_the_reply_and_shorter_runs_do_not():
    loop = [5, 6, 7, 8]
    assert stops([1, 2, 9, *loop * 4])
    assert not stops([1, 2, 9, *loop * 3])  # three times: a list of similar items may do that
    assert not stops([1, 2, *[3, 4] * 7])  # a two-token unit 7 times: under four spans of four tokens
    assert stops([1, 2, *[3, 4] * 8])
    assert not stops([*loop * 4], prompt_length=4)  # the prompt's repeats are not the reply's


def test_streamed_pieces_make_the_reply_and_plain_greedy_is_chat_replys(tiny_model_dir):
    model, tokenizer = load_for_inference(str(tiny_model_dir), dtype="float32")
    messages = [{"role": "user", "content": "What is 2 plus 3?"}]
    pieces: list[str] = []
    reply = stream_reply(model, tokenizer, messages, pieces.append, max_new_tokens=12, repetition_penalty=1.0)
    assert "".join(pieces).strip() == reply.text
    assert reply.text == chat_reply(model, tokenizer, messages, max_new_tokens=12)
    assert 1 <= reply.new_tokens <= 12


def test_the_loop_guard_stops_a_model_that_repeats_itself(tiny_model_dir):
    model, tokenizer = load_for_inference(str(tiny_model_dir), dtype="float32")
    looping = _LoopingModel(model)
    reply = stream_reply(looping, tokenizer, [{"role": "user", "content": "Hi"}], lambda _: None, max_new_tokens=64)
    assert reply.looped and reply.finished and reply.new_tokens == 16  # four repeats of the four-token span


class _LoopingModel(torch.nn.Module):
    """The tiny model with its logits forced to cycle through four tokens, the way a loop looks."""

    def __init__(self, model):
        super().__init__()
        self.model = model
        self.config, self.generation_config = model.config, model.generation_config
        self.cycle = [40, 41, 42, 43]

    @property
    def device(self):
        return self.model.device

    def generate(self, **kwargs):
        kwargs.pop("repetition_penalty")
        return self.model.generate(**kwargs, logits_processor=[self._force])

    def _force(self, input_ids, scores):
        forced = torch.full_like(scores, float("-inf"))
        forced[:, self.cycle[input_ids.shape[1] % 4]] = 0.0
        return forced
