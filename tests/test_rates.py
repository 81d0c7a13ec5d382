"""The seeded percentile bootstrap over sentences (analysis.stats)."""

from __future__ import annotations

import math

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import analysis
from analysis.stats import bootstrap_rates, rate_interval, rate_with_interval
from analysis.text import segment

# Per-sentence arrays: (count, words) pairs, 1..40 sentences.
sentences_strategy = st.lists(
    st.tuples(st.integers(0, 5), st.integers(1, 40)), min_size=1, max_size=40
)


def test_matches_the_definition_resample_indices_with_replacement():
    """The vectorised version equals a plain loop over the same resampled indices."""
    counts = np.array([3, 0, 1, 0, 2, 5, 0, 1], dtype=float)
    words = np.array([20, 12, 30, 8, 25, 40, 9, 17], dtype=float)
    n_boot, seed, n = 300, 11, len(counts)
    idx = np.random.default_rng(seed).integers(0, n, size=(n_boot, n))
    naive = np.array([1000 * counts[row].sum() / words[row].sum() for row in idx])
    np.testing.assert_allclose(bootstrap_rates(counts[:, None], words, n_boot=n_boot, seed=seed)[:, 0], naive)
    low, high = rate_interval(counts, words, n_boot=n_boot, seed=seed)
    assert (low, high) == pytest.approx(tuple(np.quantile(naive, [0.025, 0.975])))


def test_two_sentence_worked_example():
    """Sentence a: 1 count in 10 words; sentence b: 0 in 10.

    Resamples (a,a) -> 100, (a,b)/(b,a) -> 50, (b,b) -> 0 per 1,000 words, with
    probabilities 1/4, 1/2, 1/4, so the 95% interval is [0, 100] and the mean 50.
    """
    rates = bootstrap_rates(np.array([[1.0], [0.0]]), np.array([10.0, 10.0]), n_boot=4000, seed=0)[:, 0]
    assert set(np.unique(rates)) == {0.0, 50.0, 100.0}
    assert np.mean(rates == 0.0) == pytest.approx(0.25, abs=0.03)
    assert rates.mean() == pytest.approx(50.0, abs=2.0)
    assert rate_interval([1, 0], [10, 10]) == (0.0, 100.0)


def test_deterministic_for_a_seed():
    counts, words = [2, 0, 1, 4, 0, 0, 3], [18, 7, 22, 31, 12, 5, 26]
    a = rate_interval(counts, words, seed=42)
    assert rate_interval(counts, words, seed=42) == a
    assert rate_interval(counts, words, seed=43) != a


def test_zero_counts_give_zero_interval():
    assert rate_interval([0, 0, 0], [10, 20, 5]) == (0.0, 0.0)


def test_constant_rate_gives_a_point_interval():
    # every sentence has 2 counts per 10 words = 200 per 1,000 words
    low, high = rate_interval([2, 4, 6], [10, 20, 30])
    assert (low, high) == pytest.approx((200.0, 200.0))


def test_empty_input_warns_and_gives_nan():
    with pytest.warns(RuntimeWarning, match="no sentences"):
        low, high = rate_interval([], [])
    assert math.isnan(low) and math.isnan(high)


@pytest.mark.parametrize(
    "counts, words, kwargs, message",
    [
        ([1, 2], [10], {}, "one value per sentence"),
        ([1, -1], [10, 10], {}, "non-negative"),
        ([1, 1], [10, 0], {}, "sentence 1 has 0 words"),
        ([1, float("nan")], [10, 10], {}, "NaN"),
        ([1, 1], [10, 10], {"level": 1.0}, "level"),
        ([1, 1], [10, 10], {"n_boot": 0}, "n_boot"),
        ([[1, 1]], [[10, 10]], {}, "1-D"),
    ],
)
def test_bad_input_is_named(counts, words, kwargs, message):
    with pytest.raises(ValueError, match=message):
        rate_interval(counts, words, **kwargs)


@settings(max_examples=150, deadline=None)
@given(sentences_strategy, st.integers(0, 2**16))
def test_interval_contains_the_point_estimate(pairs, seed):
    counts, words = np.array(pairs, dtype=float).T
    rate = 1000 * counts.sum() / words.sum()
    low, high = rate_interval(counts, words, n_boot=500, seed=seed)
    assert low <= rate + 1e-9
    assert rate <= high + 1e-9


@settings(max_examples=100, deadline=None)
@given(sentences_strategy.filter(lambda p: len(p) >= 2))
def test_interval_narrows_as_the_text_grows(pairs):
    """The same sentences four times over: the interval is narrower (about half as wide)."""
    counts, words = np.array(pairs, dtype=float).T
    low1, high1 = rate_interval(counts, words, n_boot=1000, seed=1)
    low4, high4 = rate_interval(np.tile(counts, 4), np.tile(words, 4), n_boot=1000, seed=1)
    assert high4 - low4 <= high1 - low1 + 1e-9
    if high1 - low1 > 1e-9:
        assert high4 - low4 < high1 - low1


def test_level_widens_the_interval():
    counts, words = [2, 0, 1, 4, 0, 0, 3, 1, 0], [18, 7, 22, 31, 12, 5, 26, 9, 14]
    low90, high90 = rate_interval(counts, words, level=0.90)
    low99, high99 = rate_interval(counts, words, level=0.99)
    assert low99 <= low90 < high90 <= high99
    assert high99 - low99 > high90 - low90


def test_rate_with_interval_on_a_document():
    # three sentences of 4, 3 and 2 words; counts 1, 0, 2 -> 3 per 9 words
    doc = segment("One two three four. Five six seven. Eight nine.")
    out = rate_with_interval(doc, [1, 0, 2], n_boot=500)
    assert out["rate"] == pytest.approx(1000 * 3 / 9)
    assert (out["ci_low"], out["ci_high"]) == rate_interval([1, 0, 2], [4, 3, 2], n_boot=500)
    # A Series indexed by sentence: missing sentences count 0
    series = pd.Series({0: 1, 2: 2})
    assert rate_with_interval(doc.text, series, n_boot=500) == out
    with pytest.raises(ValueError, match="one value per sentence"):
        rate_with_interval(doc, [1, 2])
    with pytest.raises(ValueError, match=r"not in the document.*\[5\]"):
        rate_with_interval(doc, pd.Series({5: 1}))
    with pytest.raises(TypeError, match="str or an analysis.Document"):
        rate_with_interval(3, [1])


def test_rate_with_interval_empty_text():
    with pytest.warns(RuntimeWarning, match="no words"):
        out = rate_with_interval("", [])
    assert all(math.isnan(v) for v in out.values())


def test_rate_table_columns_equal_rate_interval_per_group():
    # two groups over a three-sentence text: sentence words 4, 3, 7 (14 words)
    doc = analysis.segment("We must act now. We need them. The United Nations needs to do more.")
    counts = np.array([[1, 0], [1, 1], [0, 2]], dtype=float)
    t = analysis.rate_table(doc, counts, seed=5)
    assert t["count"].tolist() == [2, 3]
    assert t["per_1000"].tolist() == pytest.approx([2000 / 14, 3000 / 14])
    words = [4, 3, 7]
    for g in range(2):
        low, high = analysis.rate_interval(counts[:, g], words, seed=5)
        assert (t["ci_low"][g], t["ci_high"][g]) == pytest.approx((low, high))
    with pytest.raises(ValueError, match="one row per sentence"):
        analysis.rate_table(doc, np.zeros((2, 2)))
