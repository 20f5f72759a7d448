"""The shipped `helpful` data and helpful eval sets are exactly what their generator writes, and right.

`python -m datagen.helpful` writes preference_data/helpful/{pairs,ranked}.jsonl,
preference_data/prompts/helpful.jsonl and evals/helpful_{verifiable,open}.jsonl. These tests check
that regenerating gives the same bytes, that the project's loader accepts the preference files,
that the counts meet the minimums and match the data cards, that the rejected kinds are spread as
the card says, and that every computed answer is right. That last check does not trust the
generator: it recomputes each `check` and each eval reference here, with its own formulas and its
own small fact tables, from the operands (which must appear in the prompt). It also checks the
eval sets are held out: their capitals, elements, words and fact answers appear in no training
file, and no eval fact or open-ended prompt is a near copy of a training prompt.
"""

from __future__ import annotations

import json
import re
import statistics
import subprocess
import sys
from collections import Counter
from decimal import ROUND_HALF_UP, Decimal
from pathlib import Path

import pytest

from alignment.data.preference import load_preference_pairs

REPO = Path(__file__).resolve().parent.parent
BUILDER = "datagen.helpful"  # run as `python -m datagen.helpful` from the repository root
FILES = {
    name: Path(path)
    for name, path in {
        "pairs": "preference_data/helpful/pairs.jsonl",
        "ranked": "preference_data/helpful/ranked.jsonl",
        "prompts": "preference_data/prompts/helpful.jsonl",
        "eval_verifiable": "evals/helpful_verifiable.jsonl",
        "eval_open": "evals/helpful_open.jsonl",
        "eval_open_extra": "evals/helpful_open_extra.jsonl",
        "eval_open_more": "evals/helpful_open_more.jsonl",
    }.items()
}
MINIMUM = {
    "pairs": 1150,
    "ranked": 100,
    "prompts": 260,
    "eval_verifiable": 120,
    "eval_open": 60,
    "eval_open_extra": 60,
    "eval_open_more": 120,
}
OPEN_EVALS = ("eval_open", "eval_open_extra", "eval_open_more")
OPEN = {"how_to", "explain", "writing", "coding"}
VERIFIABLE = {"arithmetic", "unit_conversion", "string_ops", "capitals", "elements", "facts"}
KIND_RANGES = {
    "wrong": (0.27, 0.33),
    "truncated": (0.13, 0.17),
    "evasive": (0.13, 0.17),
    "off_topic": (0.13, 0.17),
    "needless_refusal": (0.13, 0.17),
    "incomplete": (0.08, 0.12),
}
NUMBER = re.compile(r"(?<![\w.])-?\d+(?:\.\d+)?")
PYTHON_BLOCK = re.compile(r"```python\n(.*?)```", re.DOTALL)


# ---- independent fact tables (not imported from the generator) ----
def _pairs(text: str) -> dict[str, str]:
    """'New_Zealand:Wellington ...' -> {"New Zealand": "Wellington", ...}"""
    return {k.replace("_", " "): v.replace("_", " ") for k, v in (entry.split(":") for entry in text.split())}


CAPITALS = _pairs("""France:Paris Germany:Berlin Italy:Rome Spain:Madrid Portugal:Lisbon Japan:Tokyo
Canada:Ottawa Brazil:Brasília Egypt:Cairo Kenya:Nairobi India:New_Delhi China:Beijing Mexico:Mexico_City
Argentina:Buenos_Aires Norway:Oslo Sweden:Stockholm Poland:Warsaw Greece:Athens Ireland:Dublin South_Korea:Seoul Peru:Lima
Turkey:Ankara Nigeria:Abuja Austria:Vienna New_Zealand:Wellington Finland:Helsinki Denmark:Copenhagen Hungary:Budapest
Cuba:Havana Colombia:Bogotá Morocco:Rabat Iceland:Reykjavík Australia:Canberra Saudi_Arabia:Riyadh Iraq:Baghdad
Afghanistan:Kabul Syria:Damascus Lebanon:Beirut Algeria:Algiers Libya:Tripoli Sudan:Khartoum Zambia:Lusaka Angola:Luanda
Madagascar:Antananarivo Costa_Rica:San_José Laos:Vientiane North_Korea:Pyongyang Slovenia:Ljubljana Malta:Valletta
Cyprus:Nicosia Azerbaijan:Baku Oman:Muscat Fiji:Suva Ukraine:Kyiv Scotland:Edinburgh""")
EVAL_CAPITALS = _pairs("""Chile:Santiago Thailand:Bangkok Namibia:Windhoek Belgium:Brussels
Czech_Republic:Prague Romania:Bucharest Bulgaria:Sofia Philippines:Manila Ethiopia:Addis_Ababa Ghana:Accra Senegal:Dakar
Venezuela:Caracas Ecuador:Quito Uruguay:Montevideo Croatia:Zagreb Uzbekistan:Tashkent Slovakia:Bratislava Estonia:Tallinn
Latvia:Riga Lithuania:Vilnius Iran:Tehran Pakistan:Islamabad Bangladesh:Dhaka Botswana:Gaborone Malaysia:Kuala_Lumpur
Mongolia:Ulaanbaatar Kyrgyzstan:Bishkek Zimbabwe:Harare Jamaica:Kingston Cambodia:Phnom_Penh Albania:Tirana Qatar:Doha
Armenia:Yerevan Nicaragua:Managua Honduras:Tegucigalpa""")
ELEMENTS = {
    name: (symbol, int(number))
    for name, symbol, number in (
        entry.split(":")
        for entry in """hydrogen:H:1
helium:He:2 lithium:Li:3 boron:B:5 carbon:C:6 nitrogen:N:7 oxygen:O:8 fluorine:F:9 neon:Ne:10 sodium:Na:11 magnesium:Mg:12
aluminium:Al:13 silicon:Si:14 phosphorus:P:15 sulfur:S:16 chlorine:Cl:17 argon:Ar:18 potassium:K:19 calcium:Ca:20
titanium:Ti:22 iron:Fe:26 nickel:Ni:28 copper:Cu:29 zinc:Zn:30 silver:Ag:47 tin:Sn:50 iodine:I:53 platinum:Pt:78 gold:Au:79
mercury:Hg:80 lead:Pb:82 uranium:U:92""".split()
    )
}
EVAL_ELEMENTS = {
    name: (symbol, int(number))
    for name, symbol, number in (
        entry.split(":")
        for entry in """beryllium:Be:4
scandium:Sc:21 vanadium:V:23 chromium:Cr:24 manganese:Mn:25 cobalt:Co:27 gallium:Ga:31 germanium:Ge:32 bromine:Br:35
krypton:Kr:36 rubidium:Rb:37 strontium:Sr:38 zirconium:Zr:40 molybdenum:Mo:42 palladium:Pd:46 cadmium:Cd:48 antimony:Sb:51
tellurium:Te:52 xenon:Xe:54 barium:Ba:56 tungsten:W:74 bismuth:Bi:83 radon:Rn:86 thorium:Th:90""".split()
    )
}
FACTS = {
    "spider_legs": "8",
    "hexagon_sides": "6",
    "pentagon_sides": "5",
    "decagon_sides": "10",
    "continents": "7",
    "weeks_in_year": "52",
    "chess_squares": "64",
    "basketball_players": "5",
    "guitar_strings": "6",
    "starry_night": "van Gogh",
    "war_and_peace": "Tolstoy",
    "four_seasons": "Vivaldi",
    "largest_continent": "Asia",
    "largest_country": "Russia",
    "fastest_land_animal": "cheetah",
    "largest_bird": "ostrich",
    "tallest_animal": "giraffe",
    "first_us_president": "Washington",
    "giza_pyramids": "Egypt",
    "brazil_language": "Portuguese",
    "japan_currency": "yen",
    "mexico_language": "Spanish",
    "blue_yellow": "green",
    "months_31": "7",
    "human_lungs": "2",
    "nile_continent": "Africa",
    "triangle_sides": "3",
    "days_in_year": "365",
    "atlantic_ocean": "Atlantic",
    "guacamole": "avocado",
}


def _round(value: Decimal, places: int) -> Decimal:
    return value.quantize(Decimal(1).scaleb(-places), rounding=ROUND_HALF_UP)


def _exact(a: Decimal, b: Decimal) -> Decimal:
    assert a % b == 0, "division items should come out exact"
    return a / b


FORMULAS = {
    "add": lambda a, b: a + b,
    "subtract": lambda a, b: a - b,
    "multiply": lambda a, b: a * b,
    "divide": _exact,
    "percent_of": lambda percent, base: percent * base / 100,
    "percent_off": lambda price, percent: price * (100 - percent) / 100,
    "km_to_miles": lambda v: _round(v * Decimal("0.621371"), 2),
    "miles_to_km": lambda v: _round(v * Decimal("1.609344"), 2),
    "kg_to_lb": lambda v: _round(v * Decimal("2.20462"), 2),
    "lb_to_kg": lambda v: _round(v * Decimal("0.45359237"), 2),
    "inch_to_cm": lambda v: _round(v * Decimal("2.54"), 2),
    "cm_to_inch": lambda v: _round(v / Decimal("2.54"), 2),
    "feet_to_m": lambda v: _round(v * Decimal("0.3048"), 2),
    "m_to_feet": lambda v: _round(v / Decimal("0.3048"), 2),
    "c_to_f": lambda v: _round(v * 9 / 5 + 32, 1),
    "f_to_c": lambda v: _round((v - 32) * 5 / 9, 1),
}
# exact definitions (international mile and pound), to catch a wrong stated factor
TRUE_VALUE = {"km_to_miles": lambda v: v / Decimal("1.609344"), "kg_to_lb": lambda v: v / Decimal("0.45359237")}
STRING_OPS = {
    "reverse": lambda w: w[::-1],
    "word_length": lambda w: str(len(w)),
    "count_letter": lambda w, c: str(w.count(c)),
    "count_words": lambda s: str(len(s.split())),
    "sort_words": lambda *words: ", ".join(sorted(words)),
    "upper": lambda p: p.upper(),
}
LOOKUPS = {
    "capital": lambda country: CAPITALS[country],
    "capital_of": lambda capital: {v: k for k, v in CAPITALS.items()}[capital],
    "element_symbol": lambda name: ELEMENTS[name][0],
    "element_number": lambda name: str(ELEMENTS[name][1]),
    "element_name": lambda symbol: {s: n for n, (s, _) in ELEMENTS.items()}[symbol],
    "fact": lambda key: FACTS[key],
}


def read(name: str) -> list[dict]:
    return [json.loads(line) for line in (REPO / FILES[name]).read_text(encoding="utf-8").splitlines()]


@pytest.fixture(scope="module")
def data() -> dict[str, list[dict]]:
    return {name: read(name) for name in FILES}


def user_text(row: dict) -> str:
    return "\n".join(m["content"] for m in row["prompt"] if m["role"] == "user")


def whole_prompt(row: dict) -> str:
    return "\n".join(m["content"] for m in row["prompt"])


def states(text: str, answer: str, case_sensitive: bool = False) -> bool:
    """Whether text states the answer: a number by value anywhere, a word or phrase as whole words."""
    if NUMBER.fullmatch(answer):
        return any(Decimal(token) == Decimal(answer) for token in NUMBER.findall(text))
    return re.search(rf"(?<!\w){re.escape(answer)}(?!\w)", text, 0 if case_sensitive else re.IGNORECASE) is not None


def expected(check: dict) -> str:
    kind, operands = check["kind"], check["operands"]
    if kind in STRING_OPS:
        return STRING_OPS[kind](*operands)
    if kind in LOOKUPS:
        return LOOKUPS[kind](*operands)
    value = FORMULAS[kind](*(Decimal(x) for x in operands))
    return format(value.normalize(), "f") if value != value.to_integral_value() else str(int(value))


# ---- generation and format ----


def test_regenerating_gives_the_shipped_bytes(tmp_path):
    subprocess.run(
        [sys.executable, "-m", BUILDER, "--out-dir", str(tmp_path)], cwd=REPO, check=True, capture_output=True
    )
    for path in FILES.values():
        assert (tmp_path / path).read_bytes() == (REPO / path).read_bytes(), f"{path} is stale: run python -m {BUILDER}"


def test_counts_meet_the_minimums(data):
    for name, minimum in MINIMUM.items():
        assert len(data[name]) >= minimum, (name, len(data[name]))


def test_project_loader_accepts_pairs_and_ranked_lists(data):
    assert len(load_preference_pairs([str(REPO / FILES["pairs"])])) == len(data["pairs"])
    assert len(load_preference_pairs([str(REPO / FILES["ranked"])])) == 3 * len(data["ranked"])  # best vs each other


def test_pairs_are_well_formed(data):
    keys = Counter()
    for number, row in enumerate(data["pairs"], start=1):
        assert set(row) <= {"prompt", "chosen", "rejected", "category", "rejected_kind", "check"}, number
        assert [m["role"] for m in row["prompt"]] in (["user"], ["user", "assistant", "user"]), number
        assert row["category"] in OPEN | VERIFIABLE and row["rejected_kind"] in KIND_RANGES, number
        assert row["chosen"][0]["content"] != row["rejected"][0]["content"], f"line {number}: chosen == rejected"
        assert ("check" in row) == (row["category"] in VERIFIABLE), number
        keys[json.dumps([row["prompt"], row["chosen"], row["rejected"]])] += 1
    assert max(keys.values()) == 1, "a pair is repeated"
    multi_turn = sum(len(row["prompt"]) > 1 for row in data["pairs"]) / len(data["pairs"])
    assert 0.02 <= multi_turn <= 0.08, multi_turn


def test_rejected_kinds_are_spread_as_documented(data):
    counts = Counter(row["rejected_kind"] for row in data["pairs"])
    for kind, (low, high) in KIND_RANGES.items():
        assert low <= counts[kind] / len(data["pairs"]) <= high, (kind, counts[kind])
    refusals = [row["rejected"][0]["content"] for row in data["pairs"] if row["rejected_kind"] == "needless_refusal"]
    assert all("I can't help" in text for text in refusals)


def test_length_is_not_a_perfect_cue(data):
    def words(message: list[dict]) -> int:
        return len(message[0]["content"].split())

    longer = Counter(row["rejected_kind"] for row in data["pairs"] if words(row["rejected"]) >= words(row["chosen"]))
    total = Counter(row["rejected_kind"] for row in data["pairs"])
    assert sum(longer.values()) >= 0.25 * len(data["pairs"])
    for kind in ("wrong", "evasive", "off_topic", "needless_refusal"):
        assert longer[kind] >= 0.2 * total[kind], (kind, longer[kind], total[kind])


def test_replies_are_short(data):
    replies = [row[side][0]["content"] for row in data["pairs"] for side in ("chosen", "rejected")]
    replies += [text for row in data["ranked"] for text in row["responses"]]
    assert max(len(text.split()) for text in replies) <= 130
    assert statistics.median(len(row["chosen"][0]["content"].split()) for row in data["pairs"]) <= 45


def test_ranked_rows_are_strict_and_shuffled(data):
    for row in data["ranked"]:
        assert len(row["responses"]) == 4 and sorted(row["ranks"]) == [1, 2, 3, 4]
        assert len(set(row["responses"])) == 4 and row["category"] in OPEN | VERIFIABLE
    first = Counter(row["ranks"].index(1) for row in data["ranked"])
    assert len(first) == 4 and max(first.values()) <= 0.4 * len(data["ranked"]), first


def test_prompt_rows_are_prompts(data):
    for row in data["prompts"]:
        assert set(row) == {"prompt", "category"} and row["category"] in OPEN | VERIFIABLE
        assert row["prompt"][-1]["role"] == "user"
    assert set(Counter(row["category"] for row in data["prompts"])) == OPEN | VERIFIABLE - {"facts"}


def test_python_code_compiles(data):
    texts = [row[side][0]["content"] for row in data["pairs"] for side in ("chosen", "rejected")]
    texts += [text for row in data["ranked"] for text in row["responses"]]
    blocks = [block for text in texts for block in PYTHON_BLOCK.findall(text)]
    assert len(blocks) >= 40
    for block in blocks:
        compile(block, "<snippet>", "exec")


# ---- correctness, recomputed here ----


def test_every_check_is_right(data):
    checked = [row for row in data["pairs"] if "check" in row]
    assert len(checked) >= 600
    for row in checked:
        check, prompt = row["check"], whole_prompt(row)
        where = f"{check} / {user_text(row)[-80:]!r}"
        answer = expected(check)
        assert check["answer"] == answer, where
        if check["kind"] in FORMULAS:
            assert {Decimal(x) for x in check["operands"]} <= {Decimal(x) for x in NUMBER.findall(prompt)}, where
        elif check["kind"] != "fact":
            assert all(operand in prompt for operand in check["operands"]), where
        chosen, rejected = row["chosen"][0]["content"], row["rejected"][0]["content"]
        exact_case = check["kind"] == "upper"
        if NUMBER.fullmatch(answer):
            assert Decimal(NUMBER.findall(chosen)[-1]) == Decimal(answer), f"{where}: chosen ends with another number"
        else:
            assert states(chosen, answer, exact_case), f"{where}: chosen lacks the answer"
        assert not states(rejected, answer, exact_case), f"{where}: the {row['rejected_kind']} reply states the answer"
        if check["kind"] in TRUE_VALUE:
            assert abs(Decimal(answer) - TRUE_VALUE[check["kind"]](Decimal(check["operands"][0]))) <= Decimal("0.006")


EVAL_PATTERNS = [  # (regex over the prompt, reference from the groups)
    (r"Find the sum of (\d+) and (\d+)\.", lambda a, b: str(int(a) + int(b))),
    (r"What do you get if you subtract (\d+) from (\d+)\?", lambda b, a: str(int(a) - int(b))),
    (r"Compute the product of (\d+) and (\d+)\.", lambda a, b: str(int(a) * int(b))),
    (r"Find the quotient when (\d+) is divided by (\d+)\.", lambda a, b: str(_exact(Decimal(a), Decimal(b)))),
    (r"A crate holds (\d+) jars\. How many jars are there in (\d+) full crates\?", lambda b, a: str(int(a) * int(b))),
    (r"(\d+) stickers are shared equally among (\d+) children\..*", lambda a, b: str(_exact(Decimal(a), Decimal(b)))),
    (r"Express a distance of (-?\d+) kilometres in miles\.", lambda v: str(FORMULAS["km_to_miles"](Decimal(v)))),
    (r"A road sign says (-?\d+) miles\..*", lambda v: str(FORMULAS["miles_to_km"](Decimal(v)))),
    (r"A parcel has a mass of (-?\d+) kilograms\..*", lambda v: str(FORMULAS["kg_to_lb"](Decimal(v)))),
    (r"Express (-?\d+) pounds as kilograms\.", lambda v: str(FORMULAS["lb_to_kg"](Decimal(v)))),
    (r"A thermometer reads (-?\d+) degrees Celsius\..*", lambda v: str(FORMULAS["c_to_f"](Decimal(v)))),
    (r"A recipe says to bake at (-?\d+) degrees Fahrenheit\..*", lambda v: str(FORMULAS["f_to_c"](Decimal(v)))),
    (r"A screen is (-?\d+) inches wide\..*", lambda v: str(FORMULAS["inch_to_cm"](Decimal(v)))),
    (r"A shelf is (-?\d+) centimetres deep\..*", lambda v: str(FORMULAS["cm_to_inch"](Decimal(v)))),
    (r"A hill is (-?\d+) feet high\..*", lambda v: str(FORMULAS["feet_to_m"](Decimal(v)))),
    (r"A boat is (-?\d+) metres long\..*", lambda v: str(FORMULAS["m_to_feet"](Decimal(v)))),
    (r'Write the letters of "(\w+)" in the opposite order\.', lambda w: w[::-1]),
    (r'What is the length of the word "(\w+)" in letters\?', lambda w: str(len(w))),
    (r'In the word "(\w+)", how many letters are "(\w)"\?', lambda w, c: str(w.count(c))),
    (r'Tell me the number of words in the sentence "(.+)"', lambda s: str(len(s.split()))),
    (r"Arrange the following in dictionary order: (.+)\.", lambda words: ", ".join(sorted(words.split(", ")))),
    (r"Tell me the capital city of (?:the )?(.+)\.", lambda country: EVAL_CAPITALS[country]),
    (r"(.+) is the capital of what country\?", lambda capital: {v: k for k, v in EVAL_CAPITALS.items()}[capital]),
    (r"State the atomic number of the element (\w+)\.", lambda name: str(EVAL_ELEMENTS[name][1])),
    (r"Name the chemical element whose symbol is (\w+)\.", lambda s: {v[0]: k for k, v in EVAL_ELEMENTS.items()}[s]),
]


def _text(value) -> str:
    """A number as the references write it: no trailing zeros, no exponent."""
    value = Decimal(value)
    return str(int(value)) if value == value.to_integral_value() else format(value.normalize(), "f")


def test_eval_references_are_right(data):
    computed = 0
    for row in data["eval_verifiable"]:
        assert set(row) == {"id", "prompt", "category", "reference", "match"} and row["category"] in VERIFIABLE
        assert row["match"] in ("number", "contains") and row["reference"].strip()
        if row["match"] == "number":
            Decimal(row["reference"])  # a plain number, no separators
        for pattern, reference in EVAL_PATTERNS:
            match = re.fullmatch(pattern, row["prompt"])
            if match:
                expected_reference = reference(*match.groups())
                if row["match"] == "number":
                    expected_reference = _text(expected_reference)
                assert row["reference"] == expected_reference, row
                computed += 1
                break
        else:
            assert row["category"] == "facts", f"no recomputation for {row}"
    assert computed == sum(row["category"] != "facts" for row in data["eval_verifiable"])


def test_eval_ids_are_unique_and_in_order(data):
    for name, prefix in (
        ("eval_verifiable", "hv"),
        ("eval_open", "ho"),
        ("eval_open_extra", "hx"),
        ("eval_open_more", "hm"),
    ):
        assert [row["id"] for row in data[name]] == [f"{prefix}-{k:04d}" for k in range(1, len(data[name]) + 1)]
    opened = [row for name in OPEN_EVALS for row in data[name]]
    for row in opened:
        assert set(row) == {"id", "prompt", "category"} and row["category"] in OPEN
    assert len({row["prompt"] for row in opened}) == len(opened)


# ---- the evals are held out ----


@pytest.fixture(scope="module")
def training_text() -> str:
    """Every training file, plus the SFT builder and its content files (whose rows are sampled), lower-cased."""
    paths = sorted((REPO / "preference_data").rglob("*.jsonl")) + [REPO / "datagen" / "sft_starter.py"]
    paths += sorted((REPO / "datagen" / "content" / "sft_starter").glob("*.yaml"))
    return "\n".join(path.read_text(encoding="utf-8") for path in paths).lower()


def _mentions(text: str, words: set[str], name: str) -> bool:
    """Whether the lower-cased `text` (with its word set `words`) contains `name` as whole words."""
    name = name.lower()
    if " " not in name:
        return name in words
    return re.search(rf"(?<!\w){re.escape(name)}(?!\w)", text) is not None


def test_eval_entities_appear_in_no_training_file(training_text):
    words = set(re.findall(r"\w+", training_text))
    entities = [*EVAL_CAPITALS, *EVAL_CAPITALS.values(), *EVAL_ELEMENTS]
    found = [name for name in entities if _mentions(training_text, words, name)]
    assert not found, f"held-out capitals / elements appear in training data: {found}"
    assert not EVAL_CAPITALS.keys() & CAPITALS.keys() and not EVAL_ELEMENTS.keys() & ELEMENTS.keys()


def test_eval_fact_answers_and_string_items_are_held_out(data, training_text):
    words = set(re.findall(r"\w+", training_text))
    for row in data["eval_verifiable"]:
        if row["category"] == "facts" and row["match"] == "contains":
            assert not _mentions(training_text, words, row["reference"]), row
    training = {
        operand for row in data["pairs"] if row["category"] == "string_ops" for operand in row["check"]["operands"]
    }
    training |= {
        word
        for row in data["pairs"]
        if row["category"] == "string_ops"
        for word in re.findall(r"[a-z]+", user_text(row))
    }
    for row in data["eval_verifiable"]:
        if row["category"] == "string_ops":
            quoted = re.findall(r'"([^"]+)"', row["prompt"]) or re.search(r": (.+)\.$", row["prompt"]).group(1).split(
                ", "
            )
            assert not {text for text in quoted if len(text) > 1} & training, row


STOP = set(
    "a an the of in to is do i how what my for and on with does can you me it that this are be by from as at or "
    "your which who whose when where why make write give tell find get use using into there".split()
)


def _words(text: str) -> set[str]:
    return set(re.sub(r"[^0-9a-z]+", " ", text.lower()).split()) - STOP


def test_eval_prompts_are_not_near_copies_of_training_prompts(data):
    training = {
        frozenset(_words(text))
        for path in sorted((REPO / "preference_data").rglob("*.jsonl"))
        for line in path.read_text(encoding="utf-8").splitlines()
        if line.strip()
        for text in _user_texts(json.loads(line))
    }
    training.discard(frozenset())
    facts = [row["prompt"] for row in data["eval_verifiable"] if row["category"] == "facts"]
    evals = [row["prompt"] for name in OPEN_EVALS for row in data[name]] + facts
    first = [frozenset(_words(row["prompt"])) for row in data["eval_open"]]  # the open sets: different tasks too
    earlier = first + [frozenset(_words(row["prompt"])) for row in data["eval_open_extra"]]
    later = [(row["prompt"], first) for row in data["eval_open_extra"]] + [
        (row["prompt"], earlier) for row in data["eval_open_more"]
    ]
    for prompt, pool in [(prompt, training) for prompt in evals] + later:
        words = _words(prompt)
        nearest = max(pool, key=lambda other: len(words & other) / len(words | other))
        assert len(words & nearest) / len(words | nearest) < 0.6, (prompt, sorted(nearest))


def _user_texts(row: dict) -> list[str]:
    texts = []
    for key in ("prompt", "messages"):
        value = row.get(key)
        if isinstance(value, str):
            texts.append(value)
        elif isinstance(value, list):
            texts += [m["content"] for m in value if isinstance(m, dict) and m.get("role") == "user"]
    return texts


# ---- the data cards ----


def _table(text: str, columns: int) -> dict[str, list[int]]:
    """Rows of markdown tables whose first cell is `name` and whose next `columns` cells are numbers."""
    cells = r"\s*\|\s*(\d+)" * columns
    return {
        match[0]: [int(n) for n in match[1:]]
        for match in re.findall(rf"^\|\s*`([\w.]+)`{cells}\s*\|", text, re.MULTILINE)
    }


def _section(text: str, heading: str) -> str:
    return text.split(f"## {heading}\n", 1)[1].split("\n## ", 1)[0]


def test_data_card_counts_are_the_real_ones(data):
    card = (REPO / "preference_data" / "helpful" / "DATA_CARD.md").read_text(encoding="utf-8")
    files = _table(card, 1)
    for name in ("pairs", "ranked", "prompts"):
        assert files[FILES[name].name] == [len(data[name])], name
    by_category = _table(card, 3)
    counted = {
        category: [sum(row["category"] == category for row in data[name]) for name in ("pairs", "ranked", "prompts")]
        for category in OPEN | VERIFIABLE
    }
    assert by_category == counted
    kinds = Counter(row["rejected_kind"] for row in data["pairs"])
    assert {kind: files[kind][0] for kind in KIND_RANGES} == dict(kinds)
    evals = (REPO / "evals" / "DATA_CARD.md").read_text(encoding="utf-8")
    for name in ("eval_verifiable", *OPEN_EVALS):
        section = _section(evals, FILES[name].name)
        assert _table(section, 1) == {c: [n] for c, n in Counter(row["category"] for row in data[name]).items()}, name
        assert f"**{len(data[name])}**" in section, f"{name}: total in the card is stale"
