"""Judges: reference matching mode by mode (tricky cases), the OpenAI-compatible HTTP judge
against a loopback server started here, and the reward-model judge on a tiny reward model."""

from __future__ import annotations

import json
import socket

import pytest
from helpers.loopback import completion

from alignment.core.errors import AlignmentError
from alignment.eval.judges import (
    RUBRIC,
    HTTPJudge,
    ReferenceMatchJudge,
    conversation,
    matches,
    normalise,
    numbers_in,
    parse_rating,
)
from alignment.eval.prompt_files import EvalItem

# ---- reference matching ----


def test_normalise_drops_case_accents_punctuation_articles_and_extra_spaces():
    assert normalise("  The Capital is  Bogotá! ") == "capital is bogota"
    assert normalise("cello, harp, viola, violin") == "cello harp viola violin"
    assert normalise("Kuala-Lumpur") == "kuala lumpur"


@pytest.mark.parametrize(
    "answer, reference, expected",
    [
        ("The capital is Paris.", "Paris", True),
        ("paris", "PARIS", True),  # equal after normalising
        ("It is the Milky Way galaxy.", "the Milky Way", True),
        ("kuala-lumpur", "Kuala Lumpur", True),
        ("pounds sterling", "pound", False),  # whole words only
        ("concatenate", "cat", False),
        ("Parisian food", "Paris", False),
        ("", "", True),
        ("anything", "!!!", False),  # a reference with no words matches only an empty answer
    ],
)
def test_normalised_match(answer, reference, expected):
    assert matches(answer, reference, "normalised") is expected


@pytest.mark.parametrize(
    "answer, reference, expected",
    [
        ("pounds sterling", "pound", True),  # substring of the normalised answer
        ("Cello, harp, viola, violin.", "cello, harp, viola, violin", True),
        ("cello, harp, violin, viola", "cello, harp, viola, violin", False),
        ("Edgar Allan Poe", "Allan Poe", True),
        ("Edgar Poe", "Allan Poe", False),
    ],
)
def test_contains_match(answer, reference, expected):
    assert matches(answer, reference, "contains") is expected


@pytest.mark.parametrize(
    "answer, reference, expected",
    [
        ("The word has 17 letters.", "7", False),  # 7 is not read out of 17
        ("It has 7 letters.", "7", True),
        ("7.05", "7", False),  # a whole-number reference matches exactly
        ("About 150.6 kg", "150.59", True),  # decimals: within 1% relative
        ("151 kg", "150.59", True),  # |151 - 150.59| = 0.41 <= 1.5059
        ("153 kg", "150.59", False),  # 2.41 > 1.5059
        ("The total is 1,234.5.", "1234.5", True),  # thousands comma, trailing full stop
        ("100,432", "100432", True),
        ("100,000", "100432", False),
        ("It's \u221234.6 \u00b0C", "-34.6", True),  # Unicode minus, unit after the number
        ("5km", "5", True),
        ("CO2", "2", False),  # a number glued to letters is not read
        ("Between 3-4 hours", "4", True),  # a range is two numbers, not 3 and -4
        ("No idea.", "42", False),
    ],
)
def test_number_match(answer, reference, expected):
    assert matches(answer, reference, "number") is expected


def test_numbers_are_read_in_order_with_their_signs():
    assert numbers_in("1,234.5 kg, -3, 1,2,3 and 1e3") == [1234.5, -3.0, 1.0, 2.0, 3.0, 1000.0]


def test_reference_match_judge_scores_by_each_items_mode():
    items = [
        EvalItem("a", ["Symbol Xe?"], reference="xenon", match="contains"),
        EvalItem("b", ["Letters in glacier?"], reference="7", match="number"),
        EvalItem("c", ["Capital of France?"], reference="Paris"),
    ]
    judge = ReferenceMatchJudge()
    assert judge.score(items, ["Xenon.", "There are 17.", "Paris"]) == [1.0, 0.0, 1.0]
    assert judge.identity()["type"] == "reference_match"


def test_reference_match_judge_refuses_items_without_a_reference():
    items = [EvalItem("a", ["Hi"], reference="x"), EvalItem("b", ["Hi"], source="open.jsonl:2")]
    with pytest.raises(AlignmentError, match=r"open.jsonl:2: reference: missing; .* \(1 of 2 have none\)"):
        ReferenceMatchJudge().score(items, ["x", "y"])
    with pytest.raises(AlignmentError, match="needs exactly one number"):
        matches("12", "12 or 13", "number")


# ---- conversations ----


def test_multi_turn_items_take_the_earlier_replies_from_history():
    item = EvalItem("q", ["Write a poem.", "Now shorter."], system="Be kind.")
    assert conversation(item, "Short poem.", ["Long poem."]) == [
        {"role": "system", "content": "Be kind."},
        {"role": "user", "content": "Write a poem."},
        {"role": "assistant", "content": "Long poem."},
        {"role": "user", "content": "Now shorter."},
        {"role": "assistant", "content": "Short poem."},
    ]
    with pytest.raises(AlignmentError, match="item q: 2 user turns need 1 earlier replies in history, got 0"):
        conversation(item, "Short poem.")


# ---- HTTP judge against a loopback server ----


def test_http_judge_sends_the_rubric_and_parses_the_rating(chat_server, monkeypatch):
    server = chat_server((200, completion("Clear and correct.\nRating: 8")), (200, completion("Rating: [[3]]")))
    monkeypatch.setenv("JUDGE_KEY_FOR_TEST", "sk-test")
    judge = HTTPJudge(server.base_url + "/", "judge-model", api_key_env="JUDGE_KEY_FOR_TEST")
    items = [EvalItem("a", ["What is 2+2?"], reference="4"), EvalItem("b", ["Hi", "Bye"])]
    assert judge.score(items, ["4", "Goodbye!"], history=[[], ["Hello!"]]) == [8.0, 3.0]
    first, second = server.requests
    assert first["path"] == "/v1/chat/completions"
    assert first["headers"]["Authorization"] == "Bearer sk-test"
    body = first["body"]
    assert body["model"] == "judge-model" and body["temperature"] == 0
    assert body["messages"][0] == {"role": "system", "content": RUBRIC}
    assert body["messages"][1]["content"] == (
        "[Conversation]\nUser: What is 2+2?\n\n"
        "[The start of the assistant's final reply]\n4\n"
        "[The end of the assistant's final reply]\n\n[Reference answer]\n4"
    )
    assert "User: Hi\nAssistant: Hello!\nUser: Bye" in second["body"]["messages"][1]["content"]
    identity = judge.identity()
    assert identity["url"] == server.base_url + "/chat/completions" and "sk-test" not in json.dumps(identity)


def test_http_judge_without_a_key_sends_no_authorization(chat_server, monkeypatch):
    server = chat_server((200, completion("Rating: 5")))
    monkeypatch.delenv("JUDGE_KEY_FOR_TEST", raising=False)
    assert HTTPJudge(server.base_url, "m", api_key_env="JUDGE_KEY_FOR_TEST").score(
        [EvalItem("a", ["Hi"])], ["Hello"]
    ) == [5.0]
    assert "Authorization" not in server.requests[0]["headers"]


def test_http_judge_retries_server_errors_then_names_the_url_and_item(chat_server):
    server = chat_server((503, "busy"), (500, "down"), (429, "slow down"), (200, completion("Rating: 9")))
    judge = HTTPJudge(server.base_url, "m", retry_wait=0)
    assert judge.score([EvalItem("a", ["Hi"])], ["Hello"]) == [9.0]  # three retries were enough
    assert len(server.requests) == 4
    failing = chat_server((500, "down"))
    with pytest.raises(AlignmentError) as error:
        HTTPJudge(failing.base_url, "m", retry_wait=0, retries=2).score([EvalItem("q17", ["Hi"])], ["Hello"])
    assert str(error.value) == (
        f"judge {failing.base_url}/chat/completions: item q17: HTTP 500 Internal Server Error: down, after 3 attempts"
    )
    assert len(failing.requests) == 3


def test_http_judge_client_errors_fail_at_once(chat_server):
    server = chat_server((401, '{"error": "bad key"}'))
    with pytest.raises(
        AlignmentError,
        match=r"judge http://127.0.0.1:\d+/v1/chat/completions: item a: HTTP 401 "
        "Unauthorized",
    ):
        HTTPJudge(server.base_url, "m", retry_wait=0).score([EvalItem("a", ["Hi"])], ["Hello"])
    assert len(server.requests) == 1


@pytest.mark.parametrize(
    "reply, message",
    [
        (completion("I liked it a lot."), r"no 'Rating: N' \(1-10\) in its reply: 'I liked it a lot.'"),
        (completion("Rating: 11"), r"no 'Rating: N' \(1-10\)"),
        ({"error": "nope"}, r"reply is not a chat completion \(no choices\[0\].message.content\)"),
        ("<html>", r"reply is not JSON: '<html>'"),
    ],
)
def test_http_judge_garbled_replies_are_retried_then_name_the_url_and_item(chat_server, reply, message):
    server = chat_server((200, reply))
    with pytest.raises(
        AlignmentError,
        match=rf"judge http://127.0.0.1:\d+/v1/chat/completions: item a: {message}"
        r".*, after 2 attempts$",
    ):
        HTTPJudge(server.base_url, "m", retry_wait=0, retries=1).score([EvalItem("a", ["Hi"])], ["Hello"])
    assert len(server.requests) == 2


def test_http_judge_garbled_then_good_reply_succeeds(chat_server):
    server = chat_server((200, "<html>"), (200, completion("no rating here")), (200, completion("Rating: 7")))
    assert HTTPJudge(server.base_url, "m", retry_wait=0).score([EvalItem("a", ["Hi"])], ["Hello"]) == [7.0]
    assert len(server.requests) == 3


def test_http_judge_unreachable_port_names_the_url_and_item():
    with socket.socket() as probe:  # a port nothing listens on: bind, read it, close
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    with pytest.raises(
        AlignmentError,
        match=rf"judge http://127.0.0.1:{port}/v1/chat/completions: item b: "
        r"cannot connect \(.*\), after 3 attempts",
    ):
        HTTPJudge(f"http://127.0.0.1:{port}/v1", "m", retry_wait=0, retries=2, timeout=5).score(
            [EvalItem("b", ["Hi"])], ["Hello"]
        )


def test_http_judge_slow_reply_times_out_and_is_retried(chat_server):
    server = chat_server((200, completion("Rating: 4"), 1.0), (200, completion("Rating: 4")))  # late, then at once
    assert HTTPJudge(server.base_url, "m", retry_wait=0, timeout=0.2).score([EvalItem("a", ["Hi"])], ["Hello"]) == [4.0]
    slow = chat_server((200, completion("Rating: 4"), 1.0))
    with pytest.raises(AlignmentError, match=r"item a: no reply within 0.2 s, after 2 attempts"):
        HTTPJudge(slow.base_url, "m", retry_wait=0, retries=1, timeout=0.2).score([EvalItem("a", ["Hi"])], ["Hello"])


def test_retry_waits_grow_exponentially_are_capped_and_jittered():
    from alignment.eval.http_client import ChatClient

    client = ChatClient("http://x/v1", "m", retry_wait=0.5, max_wait=3.0, jitter=0.1)
    for attempt, base in enumerate([0.5, 1.0, 2.0, 3.0, 3.0]):
        assert base <= client.wait(attempt) <= base * 1.1


def test_parse_rating_takes_the_last_rating_in_range():
    assert parse_rating("Rating: 2 ... on reflection, Rating: 7") == 7.0
    assert parse_rating("**Rating:** 6") == 6.0
    assert parse_rating("Rating: 0") is None and parse_rating("seven") is None


# ---- reward-model judge ----


@pytest.fixture(scope="module")
def tiny_reward_dir(tiny_model_dir, tmp_path_factory):
    """The conftest tiny Llama with a 1-output score head, saved as a plain reward model dir."""
    import torch
    from transformers import AutoConfig, AutoTokenizer, LlamaForSequenceClassification

    config = AutoConfig.from_pretrained(tiny_model_dir)
    config.num_labels = 1
    torch.manual_seed(0)
    out = tmp_path_factory.mktemp("tiny-reward")
    LlamaForSequenceClassification(config).save_pretrained(out, safe_serialization=True)
    AutoTokenizer.from_pretrained(tiny_model_dir).save_pretrained(out)
    return out


def test_reward_model_judge_scores_the_conversation_with_the_scoring_api(tiny_reward_dir):
    from alignment.core.provenance import sha256_path
    from alignment.eval.judges import RewardModelJudge
    from alignment.models.reward_model import load_reward_model

    judge = RewardModelJudge(str(tiny_reward_dir), batch_size=2)
    items = [
        EvalItem("a", ["What is the capital of France?"]),
        EvalItem("b", ["Hi", "Convert 5 km to miles."], system="Be brief."),
    ]
    scores = judge.score(items, ["Paris.", "About 3.11 miles."], history=[[], ["Hello!"]])
    reference = load_reward_model(str(tiny_reward_dir))
    expected = reference.score(
        [
            [{"role": "user", "content": "What is the capital of France?"}],
            [
                {"role": "system", "content": "Be brief."},
                {"role": "user", "content": "Hi"},
                {"role": "assistant", "content": "Hello!"},
                {"role": "user", "content": "Convert 5 km to miles."},
            ],
        ],
        ["Paris.", "About 3.11 miles."],
    )
    assert scores == pytest.approx(expected, abs=1e-5)
    assert scores[0] != pytest.approx(scores[1], abs=1e-6)  # the score depends on the conversation
    assert judge.identity() == {
        "type": "reward_model",
        "path": str(tiny_reward_dir),
        "sha256": sha256_path(tiny_reward_dir),
    }


def test_an_http_judge_failing_mid_way_keeps_the_generation_cache_and_writes_no_report(
    chat_server, tmp_path, tiny_model_dir, monkeypatch
):
    """The judge answers the first item, then fails for good: the eval stops with one error naming the
    item, the generations are in the cache (a rerun does not generate again) and out_dir holds no report."""
    import yaml
    from helpers.tiny_eval import write_suite

    from alignment.eval.runner import run_eval

    server = chat_server((200, completion("Rating: 6")), (500, "overloaded"))
    suite_path = write_suite(tmp_path / "suite", tasks=None)
    suite = yaml.safe_load(suite_path.read_text())
    suite["tasks"] = [task for task in suite["tasks"] if task["name"] in ("helpful_judged", "harmful_refusal")]
    suite["judge"] = {"type": "http", "base_url": server.base_url, "model": "m"}
    suite_path.write_text(yaml.safe_dump(suite))
    out, cache = tmp_path / "report", tmp_path / "cache"
    from alignment.eval import judges

    original = judges.HTTPJudge.__init__
    monkeypatch.setattr(
        judges.HTTPJudge,
        "__init__",  # no real waiting between retries in a test
        lambda self, *args, **kwargs: original(self, *args, **{**kwargs, "retry_wait": 0.0}),
    )
    with pytest.raises(
        AlignmentError,
        match=r"^judge http://127.0.0.1:\d+/v1/chat/completions: item h-1: "
        r"HTTP 500 .*overloaded, after 4 attempts$",
    ):
        run_eval({"base": str(tiny_model_dir)}, suite_path, out, progress=False, cache_dir=cache)
    assert not (out / "results.json").exists() and not (out / "report.html").exists()
    assert not [path for path in tmp_path.iterdir() if path.name.startswith(".report.writing-")]
    cached = [line for path in cache.glob("*.jsonl") for line in path.read_text().splitlines() if line.strip()]
    assert len(cached) >= 4 + 3  # every helpful and harmful prompt was generated and kept
