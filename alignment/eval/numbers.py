"""Reading numbers written in text, one way for the prompt-file checks and the verifiable judge, so
a file that passes validation is scored the way it was checked."""

from __future__ import annotations

import re

# A number not glued to a word before it; thousands commas only in groups of exactly three
# ("1,234" is one number, "1,2,3" three); an optional decimal part and exponent.
_NUMBER = re.compile(
    r"(?<![\w.])[-+\u2212]?(?:\d{1,3}(?:,\d{3})+(?!\d)|\d+)(?:\.\d+)?(?:[eE][-+]?\d+)?"
    r"|(?<![\w.])[-+\u2212]?\.\d+"
)


def numbers_in(text: str) -> list[float]:
    """Every number written in `text`, in order ("1,234.5 kg and -3" -> [1234.5, -3.0])."""
    return [float(match.replace(",", "").replace("\u2212", "-")) for match in _NUMBER.findall(text)]
