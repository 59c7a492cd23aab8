"""Tokens for actor matching: one tokenizer for table entries and for text, so keys always line up.

Matching is on folded tokens (lowercase, accents dropped, a plural `s` stripped), so "Çavuşoğlu" meets
"Cavusoglu", "Houthis" meets "Houthi" and "soldiers" meets "soldier" without a lemmatizer.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache

TOKEN_RE = re.compile(r"(?:[^\W\d_]\.){2,}|['’]s\b|\w+(?:['’](?!s\b)\w+)*|[^\w\s]")
SPECIAL_LETTERS = str.maketrans({"ı": "i", "ø": "o", "ß": "ss", "đ": "d", "ł": "l", "æ": "ae", "œ": "oe",
                                 "’": "'", "‘": "'", "ʻ": "'", "ʼ": "'", "–": "-", "—": "-"})
KEEP_FINAL_S = ("ss", "us", "is", "'s")


@dataclass(frozen=True, slots=True)
class Tok:
    """A token of a phrase: its matching key, its text as written and its character offsets."""

    key: str
    text: str
    start: int
    end: int

    @property
    def is_title(self) -> bool:
        return self.text[:1].isupper()


@lru_cache(maxsize=200_000)
def fold(text: str) -> str:
    """Lowercase, without accents or dots, with a plural `s` stripped: the form tables and text meet in."""
    text = unicodedata.normalize("NFKD", text.lower().translate(SPECIAL_LETTERS))
    text = "".join(c for c in text if not unicodedata.combining(c))
    if len(text) > 1:
        text = text.replace(".", "")
    if len(text) > 3 and text.endswith("s") and not text.endswith(KEEP_FINAL_S):
        text = text[:-3] + "y" if text.endswith("ies") and len(text) > 4 else text[:-1]
    return text


def tokenize(text: str, offset: int = 0) -> list[Tok]:
    """The phrase's tokens; full stops are dropped (so "Lt. Gen." and "Lt Gen" are the same)."""
    return [Tok(fold(m.group()), m.group(), offset + m.start(), offset + m.end())
            for m in TOKEN_RE.finditer(text) if m.group() != "."]


def key_of(text: str) -> tuple[str, ...]:
    return tuple(t.key for t in tokenize(text))


def is_acronym(text: str) -> bool:
    """Short all-capital names (US, UK, IS, PAN) must be written in capitals to match: "us" is a pronoun."""
    letters = text.replace(".", "").replace("-", "")
    return 1 < len(letters) <= 5 and letters.isalnum() and letters.upper() == letters and not letters.isdigit()


def written_as_acronym(text: str) -> bool:
    """Capitals ("NATO", "U.S.") or, for four letters and more, the British title case ("Nato")."""
    letters = text.replace(".", "").replace("-", "").replace(" ", "")
    return letters.isupper() or (len(letters) >= 4 and letters[:1].isupper())


def within_one_edit(a: str, b: str) -> bool:
    """True when b is a with at most one letter added, dropped, changed, or two neighbours swapped."""
    if a == b:
        return True
    if abs(len(a) - len(b)) > 1:
        return False
    if len(a) == len(b):
        diff = [i for i in range(len(a)) if a[i] != b[i]]
        return len(diff) == 1 or (len(diff) == 2 and diff[1] == diff[0] + 1
                                  and a[diff[0]] == b[diff[1]] and a[diff[1]] == b[diff[0]])
    short, long_ = (a, b) if len(a) < len(b) else (b, a)
    i = next((k for k in range(len(short)) if short[k] != long_[k]), len(short))
    return short[i:] == long_[i + 1:]
