"""Reading answers in text, one way for the eval's reference matching, its prompt-file checks and
GRPO's verifiable rewards, so an answer is scored in training the way the eval scores it.

Reference matching, exactly (`matches(answer, reference, mode)`):
- text is normalised: Unicode NFKD with accents dropped, lower case, every character that is not a
  letter, digit or space replaced by a space, the words a / an / the removed, spaces collapsed;
- "normalised": the normalised reference occurs in the normalised answer as whole words (an equal
  answer included): "Paris" matches "The capital is Paris." but "pound" does not match "pounds";
- "contains": the normalised reference occurs anywhere in the normalised answer: "pound" matches
  "pounds sterling";
- "number": every number in the answer is read (optional sign, digits with optional thousands
  commas, optional decimals and exponent, units after it ignored: "1,234.5 kg" -> 1234.5; a number
  glued to letters before it, as in "CO2", is not read); the item matches if one of them equals
  the reference's number: exactly for a whole-number reference ("7" never matches "17" or 7.05),
  within 1% relative for a reference with decimals (conversions rounded to 2 places).
An empty normalised reference matches only an empty normalised answer.
"""

from __future__ import annotations

import re
import unicodedata

from alignment.core.errors import AlignmentError

MATCH_VERSION = 1
"""Bump when `matches` would score some answer differently."""
RELATIVE_TOLERANCE = 0.01
_ARTICLES = re.compile(r"\b(?:a|an|the)\b")

# A number not glued to a word before it; thousands commas only in groups of exactly three
# ("1,234" is one number, "1,2,3" three); an optional decimal part and exponent.
_NUMBER = re.compile(
    r"(?<![\w.])[-+\u2212]?(?:\d{1,3}(?:,\d{3})+(?!\d)|\d+)(?:\.\d+)?(?:[eE][-+]?\d+)?"
    r"|(?<![\w.])[-+\u2212]?\.\d+"
)


def numbers_in(text: str) -> list[float]:
    """Every number written in `text`, in order ("1,234.5 kg and -3" -> [1234.5, -3.0])."""
    return [float(match.replace(",", "").replace("\u2212", "-")) for match in _NUMBER.findall(text)]


def normalise(text: str) -> str:
    """The normalisation of the module docstring."""
    decomposed = unicodedata.normalize("NFKD", text)
    text = "".join(character for character in decomposed if not unicodedata.combining(character)).lower()
    text = "".join(character if character.isalnum() or character.isspace() else " " for character in text)
    return " ".join(_ARTICLES.sub(" ", text).split())


def matches(answer: str, reference: str, mode: str = "normalised") -> bool:
    """Whether `answer` matches `reference` under `mode` (see the module docstring)."""
    if mode == "number":
        wanted = numbers_in(reference)
        if len(wanted) != 1:
            raise AlignmentError(f"reference {reference!r}: match 'number' needs exactly one number in it")
        whole = not re.search(r"[.eE]", reference)
        tolerance = 0.0 if whole else RELATIVE_TOLERANCE * abs(wanted[0])
        return any(abs(found - wanted[0]) <= tolerance for found in numbers_in(answer))
    reference_text, answer_text = normalise(reference), normalise(answer)
    if mode == "contains":
        return reference_text in answer_text if reference_text else not answer_text
    if mode == "normalised":
        return f" {reference_text} " in f" {answer_text} " if reference_text else not answer_text
    raise AlignmentError(f"unknown match mode '{mode}'; expected normalised, contains or number")
