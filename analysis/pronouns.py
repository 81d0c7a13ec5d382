"""Personal pronouns: who the speech says "we", "I", "you" and "they" to.

:func:`pronoun_matches` is the match table (one row per pronoun, with the
shared leading columns of :mod:`analysis.matches`); :func:`pronoun_rates` and
the profile's pronoun measures are counts of its rows.
"""

from __future__ import annotations

from collections import Counter
from itertools import compress, count
from typing import Literal

import pandas as pd

from analysis.matches import match_table
from analysis.rates import Bootstrap, per_1000, rates
from analysis.text import Document, as_document, warn_empty

__all__ = ["PRONOUN_CATEGORIES", "pronoun_matches", "pronoun_rates", "pronoun_measures"]

PronounCategory = Literal["first_plural", "first_singular", "second", "third_plural"]
_W = frozenset

# Pronoun categories (lower case; the exact token "US", the country, is excluded).
_PRONOUNS: dict[str, str] = {}
for _cat, _ws in {
    "first_plural": "we us our ours ourselves let's we're we've we'll we'd",
    "first_singular": "i me my mine myself i'm i've i'll i'd",
    "second": "you your yours yourself yourselves you're you've you'll you'd",
    "third_plural": "they them their theirs themselves they're they've they'll they'd",
}.items():
    for _w in _ws.split():
        _PRONOUNS[_w] = _cat
PRONOUN_CATEGORIES: tuple[str, ...] = ("first_plural", "first_singular", "second", "third_plural")
# "I" after these is a Roman numeral ("World War I", "Title I").
_ROMAN_BEFORE = _W("War Title Phase Part Chapter Article Section Class Type Stage Act Level".split())


_US_OR_I = _W(["us", "i"])


def _pronoun_positions(doc: Document) -> list[int]:
    """The document word index of every pronoun, once, in order.

    What :func:`pronoun_matches` tabulates and :func:`pronoun_measures` counts.
    The candidate words are found in one C-level pass over the lower-cased words;
    only "us" and "i" need their context (the country "US", "World War I").
    """
    low = doc.lower_words
    hits = list(compress(count(), map(_PRONOUNS.__contains__, low)))  # the word positions, at C speed
    not_pronouns = set()
    for p in compress(hits, map(_US_OR_I.__contains__, map(low.__getitem__, hits))):
        s = doc.sentence_of(p)
        if _not_a_pronoun(s.words, p - s.first_word):
            not_pronouns.add(p)
    if not_pronouns:
        hits = [p for p in hits if p not in not_pronouns]
    return hits


def _not_a_pronoun(ws: tuple[str, ...], i: int) -> bool:
    """The exact token "US" (the country) and Roman-numeral "I" ("World War I") are not pronouns."""
    w = ws[i]
    return w == "US" or (w == "I" and i > 0 and ws[i - 1] in _ROMAN_BEFORE)


def pronoun_matches(doc: str | Document) -> pd.DataFrame:
    """Every personal pronoun of the four tracked categories, in text order: the pronoun match table.

    Categories: ``first_plural`` (we, us, our, ours, ourselves, let's, we're,
    we've, we'll, we'd), ``first_singular`` (I, me, my, mine, myself, I'm,
    I've, I'll, I'd), ``second`` (you, your, yours, yourself, yourselves,
    you're, you've, you'll, you'd), ``third_plural`` (they, them, their,
    theirs, themselves, they're, they've, they'll, they'd).  Matching is
    case-insensitive except that the exact token "US" (the country) is not
    "us", and "I" after "War", "Title", "Phase", ... is a Roman numeral.

    Returns
    -------
    pandas.DataFrame
        The shared leading columns (:data:`analysis.matches.LEADING`), then
        ``pronoun`` (as written) and ``category``.
    """
    doc = as_document(doc, "pronoun_matches")
    words, low = doc.words, doc.lower_words
    rows = ((doc.sentence_of(i).index, i, i + 1, words[i], _PRONOUNS[low[i]])
            for i in _pronoun_positions(doc))
    return match_table(doc, rows, ["pronoun", "category"], dtypes={"pronoun": "object", "category": "object"})


def pronoun_rates(doc: str | Document, *, interval: Bootstrap | None = Bootstrap()) -> pd.DataFrame:
    """Counts and rates per 1,000 words of the four pronoun categories, with bootstrap intervals.

    ``per_1000 = 1000 * count / n_words`` for the categories of
    :func:`pronoun_matches` (the per-match table; :func:`analysis.rates` counts
    its rows).  Higher ``first_plural`` means a more inclusive, collective
    voice; higher ``first_singular`` a more personal one.  ``ci_low`` and
    ``ci_high`` are a percentile bootstrap interval over sentences (all
    categories share the same resamples); ``interval=None`` skips it.

    Returns
    -------
    pandas.DataFrame
        Columns ``category`` (first_plural, first_singular, second,
        third_plural, in that order), ``count`` (int), ``per_1000``,
        ``ci_low``, ``ci_high`` (NaN for a text without words).
    """
    doc = as_document(doc, "pronoun_rates")
    warn_empty(doc, "pronoun_rates", "rates and intervals are NaN")
    return rates(pronoun_matches(doc), doc, by="category", categories=PRONOUN_CATEGORIES, interval=interval)


def pronoun_measures(doc: str | Document) -> dict[str, float]:
    """The pronoun measures of the profile: counts of :func:`pronoun_matches`' rows per 1,000 words.

    ``we_per_1000``, ``i_per_1000``, ``you_per_1000``, ``they_per_1000`` and
    ``we_i_ratio`` (first plural / first singular count; NaN without any first
    singular: "n/a").
    """
    doc = as_document(doc, "pronoun_measures")
    low = doc.lower_words
    counts = Counter(map(_PRONOUNS.__getitem__, map(low.__getitem__, _pronoun_positions(doc))))
    n = doc.n_words
    we, i = counts["first_plural"], counts["first_singular"]
    return {
        "we_per_1000": per_1000(we, n),
        "i_per_1000": per_1000(i, n),
        "you_per_1000": per_1000(counts["second"], n),
        "they_per_1000": per_1000(counts["third_plural"], n),
        "we_i_ratio": we / i if i else float("nan"),
    }
