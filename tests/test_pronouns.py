"""Tests for analysis.pronouns: the pronoun match table and the profile's pronoun measures.

Every expected number is hand-counted; the count is written next to each passage.
The rate table with bootstrap intervals (``pronoun_rates``) is also tested in
test_modal_and_pronoun_rates.py.
"""

from __future__ import annotations

import math

import numpy as np
import pandas as pd
import pytest
from pandas.testing import assert_frame_equal

import analysis
from analysis import LEADING, PRONOUN_CATEGORIES, pronoun_matches, pronoun_rates

# first_plural: We, us, our, let's, we're, ourselves = 6
# first_singular: I, my, I'm = 3 ("World War I" is a numeral, not counted)
# second: you, your = 2; third_plural: They, them, their = 3
# "US" (the country) is not "us".
HAND_COUNTED = (
    "We told us our plan; let's go, we're ready ourselves. "
    "I said my piece and I'm done. "
    "You know your role. "
    "They gave them their word. "
    "The US joined after World War I."
)
N_WORDS = 33  # hand count: 10 + 7 + 4 + 5 + 7 words (let's, we're, I'm are one word each)


def test_pronoun_counts_hand_counted():
    text, n = HAND_COUNTED, N_WORDS
    assert analysis.segment(text).n_words == n
    # the count table without intervals (was analysis.pronouns(text))
    p = pronoun_rates(text, interval=None)
    expected = pd.DataFrame(
        {"category": pd.Series(["first_plural", "first_singular", "second", "third_plural"], dtype=object),
         "count": [6, 3, 2, 3], "per_1000": [6000 / n, 3000 / n, 2000 / n, 3000 / n],
         "ci_low": [np.nan] * 4, "ci_high": [np.nan] * 4},
    )
    assert_frame_equal(p, expected)
    pm = pronoun_matches(text)
    assert list(pm.columns) == [*LEADING, "pronoun", "category"]
    assert len(pm) == 14
    # "let's" is word 5 of sentence 0 (the first sentence starts at word 0)
    assert pm.iloc[3].to_dict() == {"sentence": 0, "start": 5, "end": 6, "word_in_sentence": 5,
                                    "position": 5 / n, "pronoun": "let's", "category": "first_plural"}
    # "I" of "I said": the first word of sentence 1, which starts at word 10
    assert pm.iloc[6].to_dict() == {"sentence": 1, "start": 10, "end": 11, "word_in_sentence": 0,
                                    "position": 10 / n, "pronoun": "I", "category": "first_singular"}
    assert (pm["end"] == pm["start"] + 1).all()
    assert "US" not in set(pm["pronoun"])
    assert pm["category"].value_counts().to_dict() == {"first_plural": 6, "first_singular": 3,
                                                       "third_plural": 3, "second": 2}
    m = analysis.profile(text)
    assert m["we_per_1000"] == pytest.approx(6000 / n)
    assert m["i_per_1000"] == pytest.approx(3000 / n)
    assert m["you_per_1000"] == pytest.approx(2000 / n)
    assert m["they_per_1000"] == pytest.approx(3000 / n)
    assert m["we_i_ratio"] == pytest.approx(2.0)


def test_pronoun_rates_is_rates_of_the_match_table():
    text = HAND_COUNTED
    got = pronoun_rates(text, interval=analysis.Bootstrap(n_boot=300, seed=4))
    expected = analysis.rates(pronoun_matches(text), text, by="category", categories=PRONOUN_CATEGORIES,
                              interval=analysis.Bootstrap(n_boot=300, seed=4))
    assert_frame_equal(got, expected)
    assert got["category"].tolist() == list(PRONOUN_CATEGORIES)
    assert isinstance(got.index, pd.RangeIndex)


def test_pronoun_matches_empty_schema():
    pm = pronoun_matches("Nothing personal here.")
    assert pm.empty and list(pm.columns) == [*LEADING, "pronoun", "category"]
    assert_frame_equal(pronoun_matches("We act.").iloc[:0], pm)


def test_we_i_ratio_nan_without_i_and_empty_text():
    assert math.isnan(analysis.profile("We must act.")["we_i_ratio"])
    with pytest.warns(analysis.EmptyTextWarning, match="no words"):
        m = analysis.profile("")
    assert math.isnan(m["modals_per_1000"]) and math.isnan(m["we_per_1000"])
    assert math.isnan(m["we_i_ratio"])
    assert m["enumeration_markers"] == 0 and m["anaphora_runs"] == 0
    with pytest.warns(analysis.EmptyTextWarning):
        assert pronoun_rates("", interval=None)["count"].tolist() == [0, 0, 0, 0]


def test_seed_pronoun_measures(seed_doc):
    # Pronouns, hand count (grep -oiw): we 22 + us 2 + our 6 = 30; I 6 + my 1 = 7;
    # you 6 + your 3 = 9; they 5 + them 4 + their 1 = 10.
    n = seed_doc.n_words
    m = analysis.profile(seed_doc)
    assert m["we_per_1000"] == pytest.approx(30 * 1000 / n)
    assert m["i_per_1000"] == pytest.approx(7 * 1000 / n)
    assert m["you_per_1000"] == pytest.approx(9 * 1000 / n)
    assert m["they_per_1000"] == pytest.approx(10 * 1000 / n)
    assert m["we_i_ratio"] == pytest.approx(30 / 7)


def test_profile_pronoun_measures_count_the_table(seed_doc):
    # was rhetoric_measures (a second counting path) against analysis.pronouns; the profile now
    # counts pronoun_matches' rows, and this checks it does on the seed speech.
    m = analysis.profile(seed_doc)
    counts = pronoun_matches(seed_doc)["category"].value_counts()
    n = seed_doc.n_words
    for key, cat in [("we_per_1000", "first_plural"), ("i_per_1000", "first_singular"),
                     ("you_per_1000", "second"), ("they_per_1000", "third_plural")]:
        assert m[key] == pytest.approx(counts.get(cat, 0) * 1000 / n), key
    assert m["we_i_ratio"] == pytest.approx(counts["first_plural"] / counts["first_singular"])
    table = pronoun_rates(seed_doc, interval=None).set_index("category")
    assert m["we_per_1000"] == pytest.approx(table.loc["first_plural", "per_1000"])


def test_accepts_document_and_rejects_other_types(seed_doc):
    assert_frame_equal(pronoun_matches(seed_doc), pronoun_matches(seed_doc.text))
    for func in (pronoun_matches, pronoun_rates):
        with pytest.raises(TypeError, match="str or an analysis.Document, got bytes"):
            func(b"We must act.")
