"""modal_counts and pronoun_rates: modal density and pronoun rates with bootstrap intervals (analysis.rates).

Expected counts are hand-counted; the count is written next to each passage.
"""

from __future__ import annotations

import math

import pandas as pd
import pytest
from pandas.testing import assert_frame_equal

import analysis
from analysis import (
    PRONOUN_CATEGORIES,
    Bootstrap,
    modal_counts,
    modal_phrases,
    pronoun_matches,
    pronoun_rates,
    rate_interval,
    rates,
)

# 5 sentences, 20 words: "We must act" 3 | "We must not wait" 4 | "They can help, and they will" 6 |
# "I shall return" 3 | "Member States shall report" 4.
# Modals: must x2 (the second negated), can x1, will x1, shall x2: "I shall" is first person
# (prediction-volition), "Member States shall" is deontic (obligation).
# Forces: obligation 3 (must, must, shall), possibility 1 (can), prediction-volition 2 (will, shall).
# Pronouns: We, We (first plural 2), They, they (third plural 2), I (first singular 1), no "you".
PASSAGE = "We must act. We must not wait. They can help, and they will. I shall return. Member States shall report."
WORDS = [3, 4, 6, 3, 4]


def test_modal_counts_by_modal_hand_counted():
    got = modal_counts(PASSAGE)
    assert len(got) == 15  # 14 lemmas, shall twice
    nonzero = got[got["count"] > 0]
    expected = pd.DataFrame({
        "force": ["obligation", "obligation", "possibility", "prediction-volition", "prediction-volition"],
        "modal": ["must", "shall", "can", "shall", "will"],
        "count": [2, 1, 1, 1, 1],
        "negated": [1, 0, 0, 0, 0],
        "per_1000": [100.0, 50.0, 50.0, 50.0, 50.0],  # 1000 * count / 20 words
    })
    assert_frame_equal(nonzero[expected.columns].reset_index(drop=True), expected)
    # force-major order, MODALS order within a force
    assert got["modal"].tolist() == [
        "must", "need", "have to", "should", "ought to", "had better", "shall",
        "can", "could", "may", "might",
        "shall", "will", "would", "be going to",
    ]
    assert got["count"].sum() == len(modal_phrases(PASSAGE)) == 6


def test_modal_counts_by_force_hand_counted():
    got = modal_counts(PASSAGE, by="force")
    assert got["force"].tolist() == ["obligation", "possibility", "prediction-volition"]
    assert got["count"].tolist() == [3, 1, 2]
    assert got["negated"].tolist() == [1, 0, 0]
    assert got["per_1000"].tolist() == pytest.approx([150.0, 50.0, 100.0])


def test_intervals_equal_rate_interval_with_the_same_seed():
    interval = Bootstrap(n_boot=500, seed=7)
    got = modal_counts(PASSAGE, interval=interval).set_index(["force", "modal"])
    # "must" per sentence: 1, 1, 0, 0, 0
    low, high = rate_interval([1, 1, 0, 0, 0], WORDS, interval=interval)
    assert got.loc[("obligation", "must"), "ci_low"] == pytest.approx(low)
    assert got.loc[("obligation", "must"), "ci_high"] == pytest.approx(high)
    # a zero count gives [0, 0]
    assert got.loc[("possibility", "may"), ["ci_low", "ci_high"]].tolist() == [0.0, 0.0]
    table = pronoun_rates(PASSAGE, interval=interval).set_index("category")
    # third plural per sentence: 0, 0, 2, 0, 0
    low, high = rate_interval([0, 0, 2, 0, 0], WORDS, interval=interval)
    assert table.loc["third_plural", ["ci_low", "ci_high"]].tolist() == pytest.approx([low, high])
    assert (table["ci_low"] <= table["per_1000"]).all() and (table["per_1000"] <= table["ci_high"]).all()
    # another seed: other resamples, the same rate (only the interval depends on the seed)
    other = modal_counts(PASSAGE, interval=Bootstrap(n_boot=500, seed=8)).set_index(["force", "modal"])
    assert other.loc[("obligation", "must"), "per_1000"] == got.loc[("obligation", "must"), "per_1000"]


def test_pronoun_rates_hand_counted_and_agree_with_the_match_table():
    got = pronoun_rates(PASSAGE)
    assert got["category"].tolist() == ["first_plural", "first_singular", "second", "third_plural"]
    assert got["count"].tolist() == [2, 1, 0, 2]  # first plural, first singular, second, third plural
    assert got["per_1000"].tolist() == pytest.approx([100.0, 50.0, 0.0, 100.0])
    # without an interval (was analysis.pronouns): the same counts and rates, NaN intervals
    plain = pronoun_rates(PASSAGE, interval=None)
    assert_frame_equal(got[["category", "count", "per_1000"]], plain[["category", "count", "per_1000"]])
    assert plain[["ci_low", "ci_high"]].isna().all().all()
    # the counts are those of the match table's rows
    assert_frame_equal(got, rates(pronoun_matches(PASSAGE), PASSAGE, by="category",
                                  categories=PRONOUN_CATEGORIES))
    assert got.set_index("category").loc["second", ["ci_low", "ci_high"]].tolist() == [0.0, 0.0]


def test_seed_speech_agrees_with_the_profile(seed_doc):
    # modal_phrases of the seed speech (914 words): must 9 (we x8, "This must" x1), need 9 (we x7,
    # "You need to", "the United Nations needs to"), should 1, can 3, will 3 ("There will not" negated).
    by_modal = modal_counts(seed_doc).set_index(["force", "modal"])["count"]
    assert by_modal[by_modal > 0].to_dict() == {
        ("obligation", "must"): 9, ("obligation", "need"): 9, ("obligation", "should"): 1,
        ("possibility", "can"): 3, ("prediction-volition", "will"): 3,
    }
    by_force = modal_counts(seed_doc, by="force").set_index("force")
    m = analysis.profile(seed_doc)
    assert by_force.loc["obligation", "per_1000"] == pytest.approx(m["obligation_per_1000"])  # 19 / 914
    assert by_force.loc["possibility", "per_1000"] == pytest.approx(m["possibility_per_1000"])
    assert by_force.loc["prediction-volition", "per_1000"] == pytest.approx(m["prediction_per_1000"])
    assert by_force["per_1000"].sum() == pytest.approx(m["modals_per_1000"])
    assert by_force.loc["prediction-volition", "negated"] == 1
    table = pronoun_rates(seed_doc).set_index("category")
    assert table.loc["first_plural", "per_1000"] == pytest.approx(m["we_per_1000"])
    assert table.loc["first_singular", "per_1000"] == pytest.approx(m["i_per_1000"])
    assert table.loc["second", "per_1000"] == pytest.approx(m["you_per_1000"])
    assert table.loc["third_plural", "per_1000"] == pytest.approx(m["they_per_1000"])
    assert table.loc["first_plural", "count"] / table.loc["first_singular", "count"] == pytest.approx(m["we_i_ratio"])


def test_same_seed_same_interval_and_empty_text():
    a = modal_counts(PASSAGE, by="force", interval=Bootstrap(seed=3))
    assert_frame_equal(a, modal_counts(PASSAGE, by="force", interval=Bootstrap(seed=3)))
    with pytest.warns(UserWarning, match="no words"):
        empty = modal_counts("", by="force")
    assert empty["count"].tolist() == [0, 0, 0]
    assert all(math.isnan(x) for x in empty["per_1000"]) and all(math.isnan(x) for x in empty["ci_high"])
    with pytest.warns(UserWarning, match="no words"):
        assert pronoun_rates("")["per_1000"].isna().all()


def test_bad_input():
    with pytest.raises(ValueError, match="by='subject' is not one of"):
        modal_counts(PASSAGE, by="subject")
    with pytest.raises(TypeError, match=r"modal_counts\(\) expects a str or an analysis.Document"):
        modal_counts(42)
    with pytest.raises(TypeError, match=r"pronoun_rates\(\) expects"):
        pronoun_rates(None)
    with pytest.raises(ValueError, match="level must be"):
        pronoun_rates(PASSAGE, interval=Bootstrap(level=95))
    with pytest.raises(ValueError, match="n_boot must be"):
        modal_counts(PASSAGE, interval=Bootstrap(n_boot=0))
    # the options travel in one Bootstrap object, not as loose keywords
    with pytest.raises(TypeError, match="interval must be an analysis.Bootstrap"):
        modal_counts(PASSAGE, interval=0.95)
    with pytest.raises(TypeError, match="interval must be an analysis.Bootstrap"):
        pronoun_rates(PASSAGE, interval={"n_boot": 10})
    with pytest.raises(TypeError, match="n_boot"):
        modal_counts(PASSAGE, n_boot=10)
