"""`alignment generate`: one reply to `--prompt`, or an interactive chat, streamed as it is generated.

    alignment generate --model runs/quickstart/dpo --prompt "How do I boil an egg?"
    alignment generate --model runs/quickstart/dpo            (interactive; /help lists the commands)

Defaults a chat front end would use: greedy, a repetition penalty of 1.1, a stop at the model's
end-of-turn token, a stop when the reply starts to repeat itself (`RepeatedTail`), at most 256 new
tokens (less when the model's context is shorter). `--repetition-penalty 1` gives the plain greedy
replies the eval harness generates. In a chat, lines starting with `/` are commands, never sent to the
model; earlier turns are dropped from the left once the conversation no longer fits the context.
"""

from __future__ import annotations

import argparse
import sys

from alignment.core.errors import ConfigError

HELP = """commands:
  /help          this list
  /reset         forget the conversation (the system message stays)
  /system TEXT   set the system message and start over (/system alone removes it)
  /exit, /quit   leave (also Ctrl-D, or exit / quit alone on a line)"""


def parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="alignment generate", description="Chat with a checkpoint.")
    parser.add_argument("--model", required=True, help="embedded name, model dir, stage dir, adapter dir or hub id")
    parser.add_argument("--prompt", help="one user message; omit for an interactive chat")
    parser.add_argument("--system", help="system message")
    parser.add_argument("--max-new-tokens", type=int, default=256, help="longest reply in tokens (default 256)")
    parser.add_argument("--temperature", type=float, default=0.0, help="0 = greedy (default)")
    parser.add_argument("--top-p", type=float, default=1.0)
    parser.add_argument(
        "--repetition-penalty", type=float, default=1.1, help="> 1 discourages repeats (default 1.1; 1 = plain greedy)"
    )
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--dtype", default="auto", choices=["auto", "bfloat16", "float16", "float32"])
    return parser


def run(argv: list[str]) -> int:
    args = parser().parse_args(argv)
    _check(args)
    from transformers.utils import logging as transformers_logging

    from alignment.models.loading import load_for_inference

    transformers_logging.disable_progress_bar()  # keep the answer the only thing on the terminal
    model, tokenizer = load_for_inference(args.model, dtype=args.dtype)
    chat = Chat(model, tokenizer, args)
    if args.prompt is not None:
        chat.say(args.prompt)
        return 0
    print(f"Chatting with {args.model}. Type /help for the commands, /exit or Ctrl-D to leave.")
    while True:
        try:
            text = input("you> ").strip()
        except (EOFError, KeyboardInterrupt):
            print()
            return 0
        if not text:
            continue
        if text.lower() in ("exit", "quit") or text.startswith("/"):
            if not chat.command(text):
                return 0
            continue
        print("assistant> ", end="", flush=True)
        chat.say(text)


def _check(args) -> None:
    problems = [
        (args.max_new_tokens >= 1, f"--max-new-tokens must be at least 1, got {args.max_new_tokens}"),
        (args.temperature >= 0, f"--temperature must be >= 0, got {args.temperature}"),
        (0 < args.top_p <= 1, f"--top-p must be in (0, 1], got {args.top_p}"),
        (args.repetition_penalty > 0, f"--repetition-penalty must be > 0, got {args.repetition_penalty}"),
    ]
    for ok, message in problems:
        if not ok:
            raise ConfigError(message)


class Chat:
    """The conversation so far, and what one user line does to it."""

    def __init__(self, model, tokenizer, args):
        self.model, self.tokenizer, self.args = model, tokenizer, args
        self.system = args.system
        self.turns: list[dict] = []
        self.context = getattr(model.config, "max_position_embeddings", None) or 2048

    def messages(self) -> list[dict]:
        return ([{"role": "system", "content": self.system}] if self.system else []) + self.turns

    def say(self, text: str) -> None:
        """Stream the reply to `text` to stdout, then keep both in the conversation."""
        from alignment.models.generation import stream_reply

        self.turns.append({"role": "user", "content": text})
        max_new_tokens = self._fit()
        reply = stream_reply(
            self.model,
            self.tokenizer,
            self.messages(),
            lambda piece: print(piece, end="", flush=True),
            max_new_tokens=max_new_tokens,
            temperature=self.args.temperature,
            top_p=self.args.top_p,
            repetition_penalty=self.args.repetition_penalty,
            seed=self.args.seed,
        )
        print()
        if reply.looped:
            print("[stopped: the reply began to repeat itself]", file=sys.stderr)
        elif not reply.finished:
            print(f"[cut at {max_new_tokens} tokens: --max-new-tokens]", file=sys.stderr)
        self.turns.append({"role": "assistant", "content": reply.text})

    def _fit(self) -> int:
        """Drop the oldest exchanges until the prompt leaves room for a reply; the reply's token budget."""
        from alignment.data.truncation import chat_length

        while True:
            room = self.context - chat_length(self.tokenizer, self.messages(), generation_prompt=True)
            if room >= min(self.args.max_new_tokens, self.context // 4) or len(self.turns) <= 1:
                break
            self.turns = self.turns[2:]
            print("[earlier turns dropped to fit the model's context]", file=sys.stderr)
        return max(1, min(self.args.max_new_tokens, room))

    def command(self, text: str) -> bool:
        """Act on a command line; False means leave."""
        name, _, rest = text.partition(" ")
        name = name.lower()
        if name in ("/exit", "/quit", "exit", "quit"):
            return False
        if name == "/help":
            print(HELP)
        elif name == "/reset":
            self.turns = []
            print("[conversation cleared]")
        elif name == "/system":
            self.system, self.turns = rest.strip() or None, []
            print(f"[system message set: {self.system}]" if self.system else "[system message removed]")
        else:
            print(f"unknown command {name}; /help lists the commands")
        return True
