"""Rates per 1,000 words, from any match table, with a seeded percentile bootstrap over sentences.

:func:`rates` is the one way a count becomes a rate: it takes an extractor's
match table (one row per match, with the shared ``sentence`` column, see
:mod:`analysis.matches`), groups it by one of its columns, and returns the tidy
frame ``[by, count, per_1000, ci_low, ci_high]``.  Every rate in the package,
the profile's included, is such a count over such a table.

Uncertainty: :class:`Bootstrap` holds the options of the interval (coverage,
resamples, seed) in one object.

A rate such as "terrorism words per 1,000 words" is a ratio of two sums over the
sentences of one speech, ``rate = 1000 * sum(counts) / sum(words)``.  How much
would it move if the speaker had said a different selection of similar
sentences?  :func:`rate_interval` answers with the percentile bootstrap (Efron &
Tibshirani 1993, *An Introduction to the Bootstrap*, ch. 13): resample the
sentences with replacement ``n_boot`` times, recompute the ratio each time, and
report the ``(1 - level) / 2`` and ``(1 + level) / 2`` quantiles of the
resampled rates.

Implementation: ``n_boot`` rows of ``n`` sentence indices drawn with
replacement are turned into weights (how many times each sentence was drawn),
so all resamples are one ``(n_boot, n)`` matrix and the resampled sums are a
matrix product; several rates over the same
sentences (one per theme) share the same resamples.  The generator is
``numpy.random.default_rng(seed)``, so the same input and seed always give the
same interval.

Limits (say them when you quote an interval):

- Sentences are not independent draws: a speech develops an argument, repeats
  itself on purpose (anaphora) and clusters topics in sections, so the interval
  understates the real uncertainty when topics cluster.
- A short speech gives a wide interval, and a speech with few sentences gives a
  coarse one (with ``n`` sentences there are few distinct resamples).
- A count of zero gives the interval [0, 0]: the bootstrap cannot see words the
  speaker did not say.  It is not evidence that the true rate is zero.
- The interval describes the speech's own variability, not a comparison with
  other speeches; use a reference corpus for that (``analysis.compare``).
"""

from __future__ import annotations

import math
import warnings
from dataclasses import dataclass
from typing import Any, Sequence

import numpy as np
import pandas as pd

__all__ = ["Bootstrap", "rates", "per_1000", "rate_interval", "rate_with_interval"]


@dataclass(frozen=True, slots=True)
class Bootstrap:
    """Options of a percentile bootstrap interval over sentences (Efron & Tibshirani 1993, ch. 13).

    ``level``: coverage, strictly between 0 and 1 (default 0.95); ``n_boot``:
    number of resamples (2000); ``seed``: seed of ``numpy.random.default_rng``
    (0), so the same input always gives the same interval.
    """

    level: float = 0.95
    n_boot: int = 2000
    seed: int = 0

    def __post_init__(self) -> None:
        _check_options(self.level, self.n_boot)
        if isinstance(self.seed, bool) or not isinstance(self.seed, (int, np.integer)):
            raise ValueError(f"seed must be an integer, got {self.seed!r}")


def _check_interval(interval: object) -> Bootstrap:
    if not isinstance(interval, Bootstrap):
        raise TypeError(f"interval must be an analysis.Bootstrap(level=..., n_boot=..., seed=...), got {interval!r}")
    return interval


def per_1000(count: float, n_words: int) -> float:
    """``1000 * count / n_words``; NaN for a text without words."""
    return count * 1000.0 / n_words if n_words else math.nan

# Cap on the number of cells of one weights block (n_boot rows x n sentences).
_BLOCK_CELLS = 4_000_000


def _check_options(level: float, n_boot: int) -> None:
    if not isinstance(level, (int, float)) or not 0 < level < 1:
        raise ValueError(f"level must be a number strictly between 0 and 1, got {level!r}")
    if isinstance(n_boot, bool) or not isinstance(n_boot, (int, np.integer)) or n_boot < 1:
        raise ValueError(f"n_boot must be a positive integer, got {n_boot!r}")


def _as_counts(counts: Any, name: str) -> np.ndarray:
    if isinstance(counts, (str, bytes, dict)) or counts is None:
        raise TypeError(
            f"{name} must be numbers, one per sentence (a list, array or Series), got {type(counts).__name__}"
        )
    try:
        arr = np.asarray(counts, dtype=float)
    except (TypeError, ValueError) as exc:
        raise TypeError(f"{name} must be numbers, one per sentence: {exc}") from None
    if arr.ndim not in (1, 2):
        raise ValueError(f"{name} must be one value per sentence (1-D), got shape {arr.shape}")
    if arr.size and not np.all(np.isfinite(arr)):
        raise ValueError(f"{name} contains NaN or infinite values")
    if arr.size and arr.min() < 0:
        raise ValueError(f"{name} must be non-negative, got minimum {arr.min()}")
    return arr


def bootstrap_rates(
    counts: np.ndarray, words: np.ndarray, *, n_boot: int = 2000, seed: int = 0
) -> np.ndarray:
    """Resampled per-1,000-word rates, shape ``(n_boot, k)`` for ``counts`` of shape ``(n, k)``.

    Sentences are resampled with replacement (as weight rows); every
    column of ``counts`` uses the same resamples.  ``words`` must be positive.
    """
    n = counts.shape[0]
    rng = np.random.default_rng(seed)
    block = max(1, _BLOCK_CELLS // max(n, 1))
    out = np.empty((n_boot, counts.shape[1]), dtype=float)
    for start in range(0, n_boot, block):
        b = min(n_boot, start + block) - start
        # b resamples of n sentence indices -> how often each sentence was drawn
        idx = rng.integers(0, n, size=(b, n))
        idx += (np.arange(b) * n)[:, None]
        weights = np.bincount(idx.ravel(), minlength=b * n).reshape(b, n).astype(float)
        out[start : start + b] = 1000.0 * (weights @ counts) / (weights @ words)[:, None]
    return out


def _interval(rates: np.ndarray, level: float) -> tuple[np.ndarray, np.ndarray]:
    alpha = (1.0 - level) / 2.0
    low, high = np.quantile(rates, [alpha, 1.0 - alpha], axis=0)
    return low, high


def _rate_arrays(doc: Any, counts: Any, interval: Bootstrap) -> dict[str, np.ndarray]:
    """Counts, per-1,000-word rates and bootstrap intervals of ``k`` groups at once.

    ``doc`` is the segmented document (its sentences give the words);
    ``counts`` has one row per sentence and one column per group (theme, modal,
    pronoun category).  Every group uses the same ``n_boot`` sentence resamples,
    so each interval equals :func:`rate_interval` of that group's column with
    the same seed.  For a document without words the rates and intervals are
    NaN (the caller warns).

    Returns
    -------
    dict of numpy arrays, each of length ``k``
        ``count`` (int), ``per_1000``, ``ci_low``, ``ci_high``.
    """
    level, n_boot, seed = interval.level, interval.n_boot, interval.seed
    counts = _as_counts(counts, "counts")
    if counts.ndim == 1:
        counts = counts[:, None]
    n = doc.n_sentences
    if counts.shape[0] != n:
        raise ValueError(f"counts must have one row per sentence ({n}), got shape {counts.shape}")
    total = counts.sum(axis=0)
    k = counts.shape[1]
    if doc.n_words == 0:
        nan = np.full(k, np.nan)
        return {"count": total.astype("int64"), "per_1000": nan, "ci_low": nan, "ci_high": nan.copy()}
    words = np.fromiter((len(s.words) for s in doc.sentences), dtype=float, count=n)
    low, high = _interval(bootstrap_rates(counts, words, n_boot=n_boot, seed=seed), level)
    return {
        "count": total.astype("int64"),
        "per_1000": 1000.0 * total / doc.n_words,
        "ci_low": np.asarray(low, dtype=float),
        "ci_high": np.asarray(high, dtype=float),
    }


def rate_interval(counts: Any, words: Any, *, interval: Bootstrap = Bootstrap()) -> tuple[float, float]:
    """Bootstrap confidence interval of a per-1,000-word rate, resampling sentences.

    The rate is ``1000 * sum(counts) / sum(words)`` (units: per 1,000 words;
    higher means the counted feature is more frequent).  The interval is the
    percentile bootstrap (Efron & Tibshirani 1993, ch. 13): ``n_boot``
    resamples of the sentences with replacement, and the ``(1 - level) / 2``
    and ``(1 + level) / 2`` quantiles of their rates.  See the module docstring
    for the limits of the method.

    Parameters
    ----------
    counts : array-like of float, one per sentence
        The count in each sentence (non-negative).
    words : array-like of int, one per sentence
        The number of words in each sentence (positive).
    interval : Bootstrap, keyword-only
        Coverage, resamples and seed (default ``Bootstrap()``: 0.95, 2000, 0);
        the same seed gives the same interval.

    Returns
    -------
    (low, high) : tuple of float
        ``(nan, nan)`` with a ``RuntimeWarning`` when there are no sentences.
        All-zero counts give ``(0.0, 0.0)``.

    Raises
    ------
    ValueError
        If the arrays differ in length, are not 1-D, hold negative or
        non-finite values, if a sentence has no words, or for a bad option.
    """
    _check_interval(interval)
    c = _as_counts(counts, "counts")
    w = _as_counts(words, "words")
    if c.ndim != 1 or w.ndim != 1:
        raise ValueError(
            f"counts and words must be 1-D (one value per sentence), got shapes {c.shape} and {w.shape}"
        )
    if c.shape != w.shape:
        raise ValueError(
            f"counts and words must have one value per sentence each, got {c.size} counts and {w.size} word counts"
        )
    if c.size == 0:
        warnings.warn("rate_interval: no sentences, the interval is (nan, nan)", RuntimeWarning, stacklevel=2)
        return (math.nan, math.nan)
    if w.min() <= 0:
        bad = int(np.flatnonzero(w <= 0)[0])
        raise ValueError(f"words must be positive for every sentence; sentence {bad} has {w[bad]:g} words")
    resampled = bootstrap_rates(c[:, None], w, n_boot=interval.n_boot, seed=interval.seed)
    low, high = _interval(resampled, interval.level)
    return (float(low[0]), float(high[0]))


def rate_with_interval(doc: Any, per_sentence_counts: Any, *, interval: Bootstrap = Bootstrap()) -> dict[str, float]:
    """A per-1,000-word rate and its bootstrap interval, for counts made on a document.

    Parameters
    ----------
    doc : str or analysis.text.Document
        The speech; its sentences give the word counts (the shared segmentation).
    per_sentence_counts : array-like or pandas.Series
        One count per sentence, in sentence order; or a Series indexed by
        sentence index (missing sentences count 0), e.g.
        ``matches["sentence"].value_counts()``.
    interval : Bootstrap
        As in :func:`rate_interval`.

    Returns
    -------
    dict
        ``rate`` (``1000 * total count / total words``), ``ci_low``, ``ci_high``;
        all NaN (with a warning) for a text without words.
    """
    from analysis.text import as_document, warn_empty

    _check_interval(interval)
    doc = as_document(doc, "rate_with_interval")
    n = doc.n_sentences
    if isinstance(per_sentence_counts, pd.Series):
        extra = sorted(set(per_sentence_counts.index) - set(range(n)))
        if extra:
            raise ValueError(
                f"per_sentence_counts has sentence indices not in the document (0..{n - 1}): {extra[:5]}"
            )
        counts = _as_counts(per_sentence_counts.reindex(range(n), fill_value=0), "per_sentence_counts")
    else:
        counts = _as_counts(per_sentence_counts, "per_sentence_counts")
        if counts.shape != (n,):
            raise ValueError(
                f"per_sentence_counts must have one value per sentence ({n}), got shape {counts.shape}"
            )
    if warn_empty(doc, "rate_with_interval", "the rate and interval are NaN"):
        return {"rate": math.nan, "ci_low": math.nan, "ci_high": math.nan}
    t = _rate_arrays(doc, counts, interval)
    return {"rate": float(t["per_1000"][0]), "ci_low": float(t["ci_low"][0]), "ci_high": float(t["ci_high"][0])}


def rates(
    matches: pd.DataFrame,
    doc: Any,
    *,
    by: str,
    categories: Sequence | None = None,
    interval: Bootstrap | None = Bootstrap(),
) -> pd.DataFrame:
    """Counts and rates per 1,000 words of the matches in each category of ``by``.

    ``per_1000 = 1000 * count / doc.n_words``, where ``count`` is the number of
    rows of ``matches`` (an extractor's table: :func:`analysis.modal_phrases`,
    :func:`analysis.pronoun_matches`, :func:`analysis.theme_matches`,
    :func:`analysis.figures_of_speech` ...) whose ``by`` column holds that
    category; higher means the feature is more frequent.  ``ci_low`` and
    ``ci_high`` are a percentile bootstrap interval over sentences (see the
    module docstring for its limits); every category uses the same resamples,
    so each row equals :func:`rate_interval` of its per-sentence counts with the
    same seed.

    Parameters
    ----------
    matches : pandas.DataFrame
        A match table of ``doc`` (it needs ``sentence`` and the ``by`` column).
    doc : str or Document
        The text the matches were found in (its words are the denominator).
    by : str, keyword-only
        The column whose values are the categories ("modal", "force",
        "category", "theme", "figure").
    categories : sequence, keyword-only
        The categories to report, in this order, zeros included (default:
        those present, in order of first appearance).  A match whose category
        is not listed is not counted.
    interval : Bootstrap or None, keyword-only
        The interval's options; ``None`` skips the bootstrap (``ci_low`` and
        ``ci_high`` are NaN), for the corpus profile's speed.

    Returns
    -------
    pandas.DataFrame
        Columns ``[by, count, per_1000, ci_low, ci_high]``, one row per
        category, keyed by the ``by`` column (a plain RangeIndex).  For a text
        without words the rates are NaN.
    """
    from analysis.matches import check_matches
    from analysis.text import as_document

    doc = as_document(doc, "rates")
    check_matches(matches, "rates")
    if by not in matches.columns:
        raise ValueError(f"analysis.rates(): the match table has no column {by!r}; it has {list(matches.columns)}")
    if interval is not None:
        _check_interval(interval)
    values = matches[by].tolist()
    if categories is None:
        categories = list(dict.fromkeys(values))
    else:
        categories = list(categories)
        if len(set(categories)) < len(categories):
            raise ValueError(f"analysis.rates(): categories lists a category twice: {categories}")
    slot = {c: g for g, c in enumerate(categories)}
    k = len(categories)
    n = doc.n_sentences
    sentence = matches["sentence"].tolist()
    bad = [s for s in sentence if isinstance(s, bool) or not isinstance(s, (int, np.integer)) or not 0 <= s < n]
    if bad:
        # a negative index would silently count in another sentence (numpy wraps it)
        raise ValueError(
            f"analysis.rates(): sentence indices not in the document (0..{n - 1}): {bad[:5]}; "
            "are the matches from another text?"
        )
    counts = np.zeros((n, k), dtype=float)
    for s, v in zip(sentence, values):
        g = slot.get(v)
        if g is not None:
            counts[s, g] += 1
    if interval is None:
        total = counts.sum(axis=0)
        nan = np.full(k, np.nan)
        arrays = {"count": total.astype("int64"),
                  "per_1000": 1000.0 * total / doc.n_words if doc.n_words else nan.copy(),
                  "ci_low": nan.copy(), "ci_high": nan.copy()}
    else:
        arrays = _rate_arrays(doc, counts, interval)
    out = pd.DataFrame({by: pd.Series(categories, dtype=object), **arrays})
    return out.astype({"count": "int64", "per_1000": "float64", "ci_low": "float64", "ci_high": "float64"})
