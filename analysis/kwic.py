"""Key words in context: every occurrence of a word, phrase or glob with the words around it."""

from __future__ import annotations

import re
from fnmatch import translate

import pandas as pd

from analysis.matches import match_table
from analysis.text import Document, as_document, normalise_marks

__all__ = ["kwic"]

_UNSUPPORTED = set("[](){}+|\\^$")


def _compile_pattern(pattern: str) -> list:
    if not isinstance(pattern, str):
        raise TypeError(f"kwic(): pattern must be a str, got {type(pattern).__name__}")
    bad = sorted({c for c in pattern if c in _UNSUPPORTED})
    if bad:
        raise ValueError(
            f"kwic(): pattern {pattern!r} uses unsupported character(s) {' '.join(bad)}; "
            "regular expressions are not supported. Use a word ('must'), a phrase of words "
            "separated by spaces ('rule of law'), or a glob with * (any letters) and ? (one "
            "letter): 'terror*', 'counter-terror*'"
        )
    toks = normalise_marks(pattern).lower().split()
    if not toks:
        raise ValueError(
            "kwic(): empty pattern; give a word ('must'), a phrase ('rule of law') or a glob ('terror*')"
        )
    out = []
    for t in toks:
        if ".*" in t:
            raise ValueError(
                f"kwic(): pattern {pattern!r}: '.*' is regular-expression syntax, which is not supported; "
                f"write the glob {t.replace('.*', '*')!r} ('*' = any letters)"
            )
        if not any(ch.isalnum() for ch in t) and t.strip("*?"):
            raise ValueError(
                f"kwic(): pattern {pattern!r}: {t!r} has no letter or digit, so it can never match a word "
                "(punctuation is never a word of the segmentation)"
            )
        if "*" in t or "?" in t:
            out.append(re.compile(translate(t)).match)
        else:
            out.append(t)
    return out




def kwic(doc: str | Document, pattern: str, *, window: int = 5) -> pd.DataFrame:
    """Keyword in context: every occurrence of ``pattern`` with the words around it.

    Parameters
    ----------
    doc : str or Document
    pattern : str
        A word ("must"), a phrase ("rule of law", "we must") or a glob
        ("terror*", "counter-terror*"; ``*`` = any run of characters, ``?`` =
        one character), matched case-insensitively against whole words of the
        segmentation (a hyphenated compound or a contraction is one word, so
        "terror*" does not match "counter-terrorism" but "*terror*" does).  A
        phrase matches only within one sentence.
    window : int
        Words of context on each side (default 5).  Context is taken from
        the whole document, so it may cross sentence boundaries.

    Returns
    -------
    pandas.DataFrame
        The shared leading columns (:data:`analysis.matches.LEADING`), then
        ``left``, ``match``, ``right`` (words as written, joined by spaces).

    Raises
    ------
    ValueError
        For an empty pattern, a pattern with regular-expression characters
        (``[ ] ( ) { } + | \\ ^ $``, ``.*``), a pattern word of punctuation
        only (it could never match) or a window that is not a non-negative int.
    """
    doc = as_document(doc, "kwic")
    toks = _compile_pattern(pattern)
    if isinstance(window, bool) or not isinstance(window, int) or window < 0:
        raise ValueError(f"kwic(): window must be a non-negative int, got {window!r}")
    allw = doc.words
    low = doc.lower_words
    k = len(toks)
    rows = []
    for s in doc.sentences:
        lw = low[s.first_word:s.first_word + len(s.words)]
        for i in range(len(lw) - k + 1):
            ok = True
            for t, w in zip(toks, lw[i:i + k]):
                if (t != w) if isinstance(t, str) else (t(w) is None):
                    ok = False
                    break
            if ok:
                p = s.first_word + i
                rows.append((s.index, p, p + k,
                             " ".join(allw[max(0, p - window):p]),
                             " ".join(allw[p:p + k]),
                             " ".join(allw[p + k:p + k + window])))
    return match_table(doc, rows, ["left", "match", "right"],
                       dtypes={"left": "object", "match": "object", "right": "object"})

