"""Key words in context: every occurrence of a word, phrase or glob with the words around it."""

from __future__ import annotations

import re
from fnmatch import translate

import pandas as pd

from analysis.matches import match_table, word_spans
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




def _contexts(s, i: int, k: int, window: int, spans: list[tuple[int, int]]) -> tuple[str, str, str]:
    """Left context, match and right context of words ``i .. i+k-1`` of sentence ``s``, quoted from its text.

    The right context runs to the end of its last word, or to the end of the
    sentence (final punctuation included) when the window reaches it.
    """
    text = s.text
    first, last = spans[i][0], spans[i + k - 1][1]
    left = text[spans[max(0, i - window)][0]:first] if window and i else ""
    right = ""
    if window:
        end = i + k - 1 + window
        right = text[last:] if end >= len(spans) - 1 else text[last:spans[end][1]]
    return " ".join(left.split()), " ".join(text[first:last].split()), " ".join(right.split())


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
        Words of context on each side (default 5).  Context stays inside the
        match's sentence (it stops at the sentence's start and end rather than
        run into the next sentence) and is quoted from the sentence's text,
        with its punctuation: "Fifth, and finally, | trust | must be ...".

    Returns
    -------
    pandas.DataFrame
        The shared leading columns (:data:`analysis.matches.LEADING`), then
        ``left``, ``match``, ``right``: the sentence's text before, at and
        after the match (up to ``window`` words each side, punctuation kept).

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
    low = doc.lower_words
    k = len(toks)
    rows = []
    for s in doc.sentences:
        lw = low[s.first_word:s.first_word + len(s.words)]
        spans = None
        for i in range(len(lw) - k + 1):
            ok = True
            for t, w in zip(toks, lw[i:i + k]):
                if (t != w) if isinstance(t, str) else (t(w) is None):
                    ok = False
                    break
            if ok:
                p = s.first_word + i
                if spans is None:  # the word offsets of a sentence, once per sentence (not per match)
                    spans = word_spans(s)
                rows.append((s.index, p, p + k, *_contexts(s, i, k, window, spans)))
    return match_table(doc, rows, ["left", "match", "right"],
                       dtypes={"left": "object", "match": "object", "right": "object"})

