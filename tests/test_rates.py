"""Rates per 1,000 words and the seeded percentile bootstrap over sentences (analysis.rates)."""

from __future__ import annotations

import math

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import analysis
from analysis import LEADING, Bootstrap, rates
from analysis.rates import _rate_arrays, bootstrap_rates, rate_interval, rate_with_interval
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
    low, high = rate_interval(counts, words, interval=Bootstrap(n_boot=n_boot, seed=seed))
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
    a = rate_interval(counts, words, interval=Bootstrap(seed=42))
    assert rate_interval(counts, words, interval=Bootstrap(seed=42)) == a
    assert rate_interval(counts, words, interval=Bootstrap(seed=43)) != a


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
    "counts, words, options, message",
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
def test_bad_input_is_named(counts, words, options, message):
    # the options are checked when the Bootstrap is made, the arrays when the interval is computed
    with pytest.raises(ValueError, match=message):
        rate_interval(counts, words, interval=Bootstrap(**options))


@pytest.mark.parametrize(
    "options, message",
    [
        ({"level": 0}, "level must be a number strictly between 0 and 1, got 0"),
        ({"level": 95}, "level must be a number strictly between 0 and 1, got 95"),
        ({"level": "0.95"}, "level must be a number"),
        ({"n_boot": 2.5}, "n_boot must be a positive integer, got 2.5"),
        ({"n_boot": True}, "n_boot must be a positive integer, got True"),
        ({"seed": 1.5}, "seed must be an integer, got 1.5"),
        ({"seed": None}, "seed must be an integer, got None"),
    ],
)
def test_bootstrap_options_are_checked(options, message):
    with pytest.raises(ValueError, match=message):
        Bootstrap(**options)


def test_bootstrap_defaults_and_interval_type():
    assert Bootstrap() == Bootstrap(level=0.95, n_boot=2000, seed=0)
    b = Bootstrap(n_boot=10)
    with pytest.raises(AttributeError):
        b.n_boot = 20  # frozen: an options object is a value
    for func, args in [(rate_interval, ([1, 0], [10, 10])), (rate_with_interval, ("One. Two.", [1, 0]))]:
        with pytest.raises(TypeError, match=r"interval must be an analysis\.Bootstrap"):
            func(*args, interval=0.95)
        with pytest.raises(TypeError, match="n_boot"):  # the old keyword trio is gone
            func(*args, n_boot=10)


@settings(max_examples=150, deadline=None)
@given(sentences_strategy, st.integers(0, 2**16))
def test_interval_contains_the_point_estimate(pairs, seed):
    counts, words = np.array(pairs, dtype=float).T
    rate = 1000 * counts.sum() / words.sum()
    low, high = rate_interval(counts, words, interval=Bootstrap(n_boot=500, seed=seed))
    assert low <= rate + 1e-9
    assert rate <= high + 1e-9


@settings(max_examples=100, deadline=None)
@given(sentences_strategy.filter(lambda p: len(p) >= 2))
def test_interval_narrows_as_the_text_grows(pairs):
    """The same sentences four times over: the interval is narrower (about half as wide)."""
    counts, words = np.array(pairs, dtype=float).T
    interval = Bootstrap(n_boot=1000, seed=1)
    low1, high1 = rate_interval(counts, words, interval=interval)
    low4, high4 = rate_interval(np.tile(counts, 4), np.tile(words, 4), interval=interval)
    assert high4 - low4 <= high1 - low1 + 1e-9
    if high1 - low1 > 1e-9:
        assert high4 - low4 < high1 - low1


def test_level_widens_the_interval():
    counts, words = [2, 0, 1, 4, 0, 0, 3, 1, 0], [18, 7, 22, 31, 12, 5, 26, 9, 14]
    low90, high90 = rate_interval(counts, words, interval=Bootstrap(level=0.90))
    low99, high99 = rate_interval(counts, words, interval=Bootstrap(level=0.99))
    assert low99 <= low90 < high90 <= high99
    assert high99 - low99 > high90 - low90


def test_rate_with_interval_on_a_document():
    # three sentences of 4, 3 and 2 words; counts 1, 0, 2 -> 3 per 9 words
    doc = segment("One two three four. Five six seven. Eight nine.")
    interval = Bootstrap(n_boot=500)
    out = rate_with_interval(doc, [1, 0, 2], interval=interval)
    assert out["rate"] == pytest.approx(1000 * 3 / 9)
    assert (out["ci_low"], out["ci_high"]) == rate_interval([1, 0, 2], [4, 3, 2], interval=interval)
    # A Series indexed by sentence: missing sentences count 0
    series = pd.Series({0: 1, 2: 2})
    assert rate_with_interval(doc.text, series, interval=interval) == out
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


def test_rate_arrays_columns_equal_rate_interval_per_group():
    # two groups over a three-sentence text: sentence words 4, 3, 7 (14 words)
    doc = analysis.segment("We must act now. We need them. The United Nations needs to do more.")
    counts = np.array([[1, 0], [1, 1], [0, 2]], dtype=float)
    t = _rate_arrays(doc, counts, Bootstrap(seed=5))
    assert t["count"].tolist() == [2, 3]
    assert t["per_1000"].tolist() == pytest.approx([2000 / 14, 3000 / 14])
    words = [4, 3, 7]
    for g in range(2):
        low, high = analysis.rate_interval(counts[:, g], words, interval=Bootstrap(seed=5))
        assert (t["ci_low"][g], t["ci_high"][g]) == pytest.approx((low, high))
    with pytest.raises(ValueError, match="one row per sentence"):
        _rate_arrays(doc, np.zeros((2, 2)), Bootstrap())


# ---------------------------------------------------------------------------
# rates(): any match table -> [by, count, per_1000, ci_low, ci_high]
# ---------------------------------------------------------------------------

# Two sentences of ten words each (words 0-9 and 10-19).
TWENTY = ("One two three four five six seven eight nine ten. "
          "Eleven twelve thirteen fourteen fifteen sixteen seventeen eighteen nineteen twenty.")


def _matches(rows) -> pd.DataFrame:
    """A hand-made match table: rows of (sentence, start, kind); one-word matches."""
    df = pd.DataFrame(rows, columns=["sentence", "start", "kind"])
    df.insert(2, "end", df["start"] + 1)
    df.insert(3, "word_in_sentence", df["start"] - 10 * df["sentence"])
    df.insert(4, "position", df["start"] / 20)
    return df


def test_rates_hand_computed_two_sentence_example():
    # x: 1 match in sentence 0 -> 1 per 20 words = 50 per 1,000. Its bootstrap is the worked example
    # of test_two_sentence_worked_example: resamples (0,0) -> 100, (0,1)/(1,0) -> 50, (1,1) -> 0, so
    # the 95% interval is [0, 100].
    # y: 2 matches in sentence 0 and 2 in sentence 1 -> 4 per 20 words = 200 per 1,000, in every
    # resample (each sentence has 2 per 10 words): the interval is [200, 200].
    m = _matches([(0, 1, "x"), (0, 3, "y"), (0, 7, "y"), (1, 12, "y"), (1, 19, "y")])
    got = rates(m, TWENTY, by="kind")
    expected = pd.DataFrame({
        "kind": pd.Series(["x", "y"], dtype=object),  # order of first appearance
        "count": np.array([1, 4], dtype="int64"),
        "per_1000": [50.0, 200.0],
        "ci_low": [0.0, 200.0],
        "ci_high": [100.0, 200.0],
    })
    pd.testing.assert_frame_equal(got, expected)
    assert isinstance(got.index, pd.RangeIndex)


def test_rates_categories_order_and_zeros():
    m = _matches([(0, 1, "x"), (1, 12, "y"), (1, 13, "y")])
    got = rates(m, TWENTY, by="kind", categories=["z", "y", "x"], interval=Bootstrap(n_boot=200))
    assert got["kind"].tolist() == ["z", "y", "x"]  # the order given, zeros included
    assert got["count"].tolist() == [0, 2, 1]
    assert got["per_1000"].tolist() == pytest.approx([0.0, 100.0, 50.0])
    assert got.loc[0, ["ci_low", "ci_high"]].tolist() == [0.0, 0.0]  # a zero count: [0, 0]
    # an empty match table with categories: every category, all zeros
    empty = rates(m.iloc[:0], TWENTY, by="kind", categories=["x", "y"], interval=Bootstrap(n_boot=200))
    assert empty["kind"].tolist() == ["x", "y"] and empty["count"].tolist() == [0, 0]
    assert empty[["per_1000", "ci_low", "ci_high"]].to_numpy().tolist() == [[0.0, 0.0, 0.0]] * 2
    # ... and without categories: no rows, the same columns
    assert list(rates(m.iloc[:0], TWENTY, by="kind").columns) == ["kind", "count", "per_1000", "ci_low", "ci_high"]
    assert rates(m.iloc[:0], TWENTY, by="kind").empty


def test_rates_unknown_category_is_not_counted():
    m = _matches([(0, 1, "x"), (0, 2, "unlisted"), (1, 12, "x")])
    got = rates(m, TWENTY, by="kind", categories=["x"], interval=None)
    assert got["kind"].tolist() == ["x"]
    assert got["count"].tolist() == [2]
    assert got["per_1000"].tolist() == [100.0]  # 2 per 20 words: the denominator is still every word


def test_rates_missing_columns_and_bad_input():
    m = _matches([(0, 1, "x")])
    with pytest.raises(ValueError, match=r"analysis\.rates\(\): the match table has no column 'theme'"):
        rates(m, TWENTY, by="theme")
    with pytest.raises(ValueError, match=r"the match table has no sentence column"):
        rates(m.drop(columns=["sentence"]), TWENTY, by="kind")
    with pytest.raises(ValueError, match=r"no start, end column"):
        rates(m.drop(columns=["start", "end"]), TWENTY, by="kind")
    with pytest.raises(TypeError, match=r"rates\(\) expects a match table \(DataFrame\), got list"):
        rates([1, 2], TWENTY, by="kind")
    with pytest.raises(TypeError, match=r"rates\(\) expects a str or an analysis.Document"):
        rates(m, 42, by="kind")
    with pytest.raises(TypeError, match=r"interval must be an analysis\.Bootstrap"):
        rates(m, TWENTY, by="kind", interval=0.95)
    with pytest.raises(TypeError):
        rates(m, TWENTY, "kind")  # by is keyword-only


def test_rates_without_interval_gives_nan_intervals():
    m = _matches([(0, 1, "x"), (1, 12, "y"), (1, 13, "y")])
    plain = rates(m, TWENTY, by="kind", interval=None)
    full = rates(m, TWENTY, by="kind")
    pd.testing.assert_frame_equal(plain[["kind", "count", "per_1000"]], full[["kind", "count", "per_1000"]])
    assert plain[["ci_low", "ci_high"]].isna().all().all()
    assert str(plain["ci_low"].dtype) == "float64" and str(plain["count"].dtype) == "int64"


def test_rates_of_a_text_without_words_are_nan():
    m = _matches([])
    for interval in (None, Bootstrap(n_boot=10)):
        got = rates(m, "", by="kind", categories=["x"], interval=interval)
        assert got["count"].tolist() == [0]
        assert got[["per_1000", "ci_low", "ci_high"]].isna().all().all()


def test_rates_equal_rate_interval_per_category(seed_doc):
    # Every category shares the same resamples, so each row is rate_interval of its own
    # per-sentence counts with the same options.
    interval = Bootstrap(level=0.9, n_boot=500, seed=3)
    mp = analysis.modal_phrases(seed_doc)
    got = rates(mp, seed_doc, by="modal", interval=interval)
    assert got["modal"].tolist() == list(dict.fromkeys(mp["modal"]))
    assert got["count"].sum() == len(mp)
    words = [len(s.words) for s in seed_doc.sentences]
    for row in got.itertuples():
        per_sentence = (mp[mp["modal"] == row.modal].groupby("sentence").size()
                        .reindex(range(seed_doc.n_sentences), fill_value=0))
        assert row.count == per_sentence.sum()
        assert row.per_1000 == pytest.approx(1000 * row.count / seed_doc.n_words)
        low, high = rate_interval(per_sentence.to_numpy(), words, interval=interval)
        assert (row.ci_low, row.ci_high) == pytest.approx((low, high))
        # and rate_with_interval of the same counts (a Series indexed by sentence)
        one = rate_with_interval(seed_doc, mp[mp["modal"] == row.modal]["sentence"].value_counts(),
                                 interval=interval)
        assert (one["rate"], one["ci_low"], one["ci_high"]) == pytest.approx((row.per_1000, low, high))


def test_rates_reads_any_extractor_table(seed_doc):
    # the same function over the theme, pronoun and modal tables: the columns every extractor shares
    for table, by in [(analysis.theme_matches(seed_doc), "theme"), (analysis.pronoun_matches(seed_doc), "category"),
                      (analysis.modal_phrases(seed_doc), "force")]:
        assert list(table.columns[:5]) == list(LEADING)
        got = rates(table, seed_doc, by=by, interval=None)
        assert got["count"].tolist() == table[by].value_counts(sort=False).reindex(got[by]).tolist()


def test_rates_rejects_matches_of_another_text_and_repeated_categories():
    m = _matches([(0, 1, "x"), (1, 12, "y")])
    # was: a negative index counted silently in the last sentence; too large a one, a numpy IndexError
    for sentence in ([-1, -1], [0, 2], [0.0, 1.0]):
        with pytest.raises(ValueError, match=r"rates\(\): sentence indices not in the document \(0\.\.1\)"):
            rates(m.assign(sentence=sentence), TWENTY, by="kind", interval=None)
    with pytest.raises(ValueError, match="(?s)rates\\(\\): sentence indices not in the document.*another text"):
        rates(m, "Only one sentence here.", by="kind", interval=None)
    # was: the first of two equal categories came back as a zero row
    with pytest.raises(ValueError, match=r"categories lists a category twice"):
        rates(m, TWENTY, by="kind", categories=["x", "x"], interval=None)
