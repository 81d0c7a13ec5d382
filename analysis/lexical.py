"""Lexical diversity: type-token ratio, MATTR and MTLD.

Tokens are the words of the one segmentation (:func:`analysis.text.segment`),
lower-cased: "We" and "we" are one type; contractions ("don't"), hyphenated
compounds ("counter-terrorism") and numbers ("1,000") are one token each.

TTR depends strongly on text length (longer texts repeat more), so it cannot
compare speeches of different lengths; MATTR and MTLD were designed to be
(largely) independent of length.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Literal, Sequence

import numpy as np
import pandas as pd

from analysis.text import Document
from analysis.text import as_document as _as_document
from analysis.text import warn_empty

__all__ = ["lexical_diversity", "mtld_factors", "tokens"]


def tokens(doc: str | Document) -> list[str]:
    """The lower-cased words of the segmentation: the tokens every diversity measure reads."""
    doc = _as_document(doc, "tokens")
    return list(doc.lower_words)


def _check_options(window: int, threshold: float) -> None:
    if isinstance(window, bool) or not isinstance(window, int) or window < 1:
        raise ValueError(f"window must be a positive integer number of tokens, got {window!r}")
    if not (isinstance(threshold, (int, float)) and 0.0 < threshold < 1.0):
        raise ValueError(f"threshold must be a number strictly between 0 and 1, got {threshold!r}")


def _ttr(toks: Sequence[str]) -> float:
    return len(set(toks)) / len(toks)


def _previous(toks: Sequence[str], codes: tuple | None = None) -> np.ndarray:
    """For each token, the index of the previous occurrence of its type (-1 if none).

    ``codes``: ``pandas.factorize`` of the tokens when known (``Document.word_codes``), else computed here."""
    n = len(toks)
    ids, types = codes if codes is not None else pd.factorize(np.asarray(toks, dtype=object))
    if len(types) <= 1 << 16:
        # numpy's stable sort of 16-bit integers is a radix sort, several times faster than
        # its merge sort of int64 (the order is the same: a stable sort has one result)
        ids = ids.astype(np.uint16)
    order = np.argsort(ids, kind="stable")
    same = ids[order[1:]] == ids[order[:-1]]
    prev = np.full(n, -1, dtype=np.int64)
    prev[order[1:][same]] = order[:-1][same]
    return prev


def _reversed_previous(prev: np.ndarray) -> np.ndarray:
    """The :func:`_previous` array of the reversed token sequence, from the forward one."""
    n = len(prev)
    nxt = np.full(n, n, dtype=np.int64)  # next occurrence (n if none)
    has = prev >= 0
    nxt[prev[has]] = np.nonzero(has)[0]
    return (n - 1 - nxt)[::-1]


def _mattr(toks: Sequence[str], window: int, prev: np.ndarray | None = None) -> float:
    """Covington & McFall (2010): mean TTR of every window of ``window`` consecutive tokens.

    The window moves one token at a time.  With fewer tokens than the window it
    is the TTR.  Computed without sliding: token j is the first occurrence of its
    type in window [i, i + window) exactly when its previous occurrence p[j]
    lies before i, so it adds 1 to the type count of the windows
    i = max(p[j] + 1, j - window + 1, 0) .. min(j, n - window).
    """
    n = len(toks)
    if n <= window:
        return _ttr(toks)
    if prev is None:
        prev = _previous(toks)
    j = np.arange(n, dtype=np.int64)
    lo = np.maximum(np.maximum(prev + 1, j - window + 1), 0)
    hi = np.minimum(j, n - window)
    total = int(np.clip(hi - lo + 1, 0, None).sum())
    return total / (window * (n - window + 1))


@dataclass(frozen=True)
class _Factor:
    start: int  # index of the first token, in reading order of this pass
    end: int  # one past the last token
    types: int
    ttr: float
    weight: float  # 1 for a full factor, (1 - ttr) / (1 - threshold) for the partial one


def _factor_lengths(threshold: float, most_types: int, most_tokens: int) -> list[int]:
    """``lengths[t]``: the fewest tokens over which ``t`` types give a TTR at or below ``threshold``.

    The smallest ``c`` with ``t / c <= threshold`` as Python computes it (IEEE
    division of two exactly represented integers, which numpy's float64
    division gives bit for bit); ``t / c`` only falls as ``c`` grows, so the
    running TTR of a factor with ``t`` types is at or below the threshold exactly
    when the factor holds at least ``lengths[t]`` tokens.  Returned less one (a factor from
    token ``start`` to token ``i`` holds ``i - start + 1``).  Entry 0 is unused.  A length no factor of
    ``most_tokens`` tokens can reach is returned as ``most_tokens`` (so a tiny threshold neither
    overflows the estimate nor steps towards a length beyond the text).
    """
    t = np.arange(most_types + 1, dtype=np.int64)
    cap = most_tokens + 1
    c = np.maximum(np.minimum(np.ceil(t / threshold), cap).astype(np.int64), t + 1)
    while True:  # the float estimate can be off by one either way: step to the exact least c
        up = ((t / c) > threshold) & (c < cap)
        down = ((t / np.maximum(c - 1, 1)) <= threshold) & (c - 1 > t)
        if not (up.any() or down.any()):
            return (c - 1).tolist()
        c = c + up - down


def _mtld_ends(prev: list[int], lengths: list[int]) -> tuple[list[int], list[int], int, int]:
    """One MTLD pass over ``prev`` (see :func:`_mtld_pass`), ``lengths`` from :func:`_factor_lengths`:
    the end (exclusive) and the type count of every full factor, then the start and the type count
    of the tokens left over."""
    ends: list[int] = []
    counts: list[int] = []
    start = 0
    types = 0
    for i, p in enumerate(prev):
        if p < start:
            # a new type never lowers the TTR: (types+1)/(count+1) >= types/count
            types += 1
        elif i - start >= lengths[types]:  # the factor's TTR, types / (i + 1 - start), fell to the threshold
            ends.append(i + 1)
            counts.append(types)
            start = i + 1
            types = 0
    return ends, counts, start, types


def _mtld_pass(toks: Sequence[str], threshold: float, prev: Sequence[int] | None = None) -> list[_Factor]:
    """One MTLD pass (McCarthy & Jarvis 2010): the factors, the last one partial.

    ``prev`` (from :func:`_previous`, in this pass's reading order) tells whether a
    token is new in the current factor: it is when its type last occurred before
    the factor started.
    """
    if prev is None:
        prev = _previous(toks)
    prev = np.asarray(prev, dtype=np.int64)
    n = len(prev)
    ends, counts, start, types = _mtld_ends(prev.tolist(), _factor_lengths(threshold, int((prev < 0).sum()), n))
    factors = [_Factor(s, e, t, t / (e - s), 1.0) for s, e, t in zip([0] + ends, ends, counts)]
    if start < n:
        ttr = types / (n - start)
        factors.append(_Factor(start, n, types, ttr, (1.0 - ttr) / (1.0 - threshold)))
    return factors


def _mtld_value(n: int, factors: list[_Factor]) -> float:
    total = sum(f.weight for f in factors)
    return n / total if total > 0 else math.nan


def _mtld(prev: np.ndarray, threshold: float, lengths: list[int]) -> float:
    """:func:`_mtld_value` of :func:`_mtld_pass`, without building the factors (the corpus hot path):
    the full factors weigh 1 each, so their sum is their count, to the bit."""
    n = len(prev)
    ends, _, start, left = _mtld_ends(prev.tolist(), lengths)
    total = float(len(ends))
    if start < n:
        ttr = left / (n - start)
        total = total + (1.0 - ttr) / (1.0 - threshold)
    return n / total if total > 0 else math.nan


def lexical_diversity(
    doc: str | Document, *, window: int = 50, threshold: float = 0.72
) -> dict[str, float]:
    """Type-token ratio, moving-average TTR and MTLD of a text.

    Parameters
    ----------
    doc : str or Document
        A text, or a document already segmented by :func:`analysis.segment`.
    window : int, keyword-only
        MATTR window in tokens (default 50, as in Covington & McFall 2010).
    threshold : float, keyword-only
        MTLD factor threshold (default 0.72, McCarthy & Jarvis 2010).

    Returns
    -------
    dict
        ``tokens`` and ``types`` (counts), and

        ``ttr``
            types / tokens.  Higher is more diverse; falls with length.
        ``mattr``
            Covington & McFall (2010) moving-average TTR: the mean TTR of all
            ``tokens - window + 1`` windows of ``window`` consecutive tokens
            (the TTR itself when the text is no longer than the window).
            Higher is more diverse; 0-1.
        ``mtld``
            McCarthy & Jarvis (2010) Measure of Textual Lexical Diversity: the
            mean length in tokens of stretches ("factors") over which the
            running TTR stays above ``threshold``.  Reading token by token, a
            factor ends when its TTR falls to ``threshold`` or below; the
            counts then restart.  The tokens left over at the end form a
            partial factor worth (1 - TTR) / (1 - threshold).  MTLD of a pass =
            tokens / (full factors + partial factor); the reported value is the
            mean of a forward and a backward pass.  Higher is more diverse
            (tokens per factor).  NaN when no factor can be formed (every
            token distinct: the text never repeats itself).

        An empty text gives NaN measures (and 0 counts) with a warning.
        :func:`mtld_factors` lists the factors behind the MTLD.

    Raises
    ------
    ValueError
        If ``window`` is not a positive integer or ``threshold`` is not in (0, 1).
    """
    _check_options(window, threshold)
    doc = _as_document(doc, "lexical_diversity")
    toks = doc.lower_words  # the tokens (:func:`tokens`), without copying them into a list
    n = len(toks)
    if warn_empty(doc, "lexical_diversity", "all measures are NaN"):
        return {"tokens": 0, "types": 0, "ttr": math.nan, "mattr": math.nan, "mtld": math.nan}
    prev = doc.previous_word  # (computed once per Document: the figures of speech read it too)
    types = int((prev < 0).sum())
    lengths = _factor_lengths(threshold, types, n)
    forward = _mtld(prev, threshold, lengths)
    backward = _mtld(_reversed_previous(prev), threshold, lengths)
    return {
        "tokens": n,
        "types": types,
        "ttr": types / n,
        "mattr": _mattr(toks, window, prev),
        "mtld": (forward + backward) / 2.0,
    }


def mtld_factors(doc: str | Document, *, threshold: float = 0.72) -> pd.DataFrame:
    """The MTLD factors of both passes: which stretches of text make the number.

    Returns
    -------
    pandas.DataFrame
        One row per factor: ``direction`` ("forward" or "backward"),
        ``factor`` (1, 2, ...), ``start`` and ``end`` (token positions in the
        document, end exclusive, in reading order for both passes), ``tokens``,
        ``types``, ``ttr`` and ``weight`` (1 for a full factor, the partial
        credit for the last one).  For each direction,
        ``tokens.sum() / weight.sum()`` is that pass's MTLD.
    """
    _check_options(1, threshold)
    toks = tokens(_as_document(doc, "mtld_factors"))
    n = len(toks)
    rows = []
    direction: Literal["forward", "backward"]
    for direction, seq in (("forward", toks), ("backward", toks[::-1])):
        for k, f in enumerate(_mtld_pass(seq, threshold), start=1):
            start, end = (f.start, f.end) if direction == "forward" else (n - f.end, n - f.start)
            rows.append((direction, k, start, end, f.end - f.start, f.types, f.ttr, f.weight))
    return pd.DataFrame(
        rows, columns=["direction", "factor", "start", "end", "tokens", "types", "ttr", "weight"]
    ).astype({"factor": "int64", "start": "int64", "end": "int64", "tokens": "int64", "types": "int64",
              "ttr": "float64", "weight": "float64"})
