"""profile() and sentence_table(): every measure from the one segmentation, and they agree."""

from __future__ import annotations

import math

import pandas as pd
import pytest

import analysis

# Hand count: sentence lengths 4 ("We must act now."), 3 ("We need them."),
# 7 ("The United Nations needs to do more.") -> 14 words, 3 sentences,
# mean 14/3 = 4.667, median 4, max 7, sample SD sqrt(((4-14/3)^2 + (3-14/3)^2 + (7-14/3)^2) / 2) = 2.0817.
# Modals: "must" (subject we), "need" (main verb with object, subject we), "needs to" (subject the UN): 3.
PASSAGE = "We must act now. We need them. The United Nations needs to do more."


REQUIRED = [
    "sentences", "words", "mean_sentence_length", "median_sentence_length", "sd_sentence_length",
    "max_sentence_length", "flesch_reading_ease", "flesch_kincaid_grade", "gunning_fog", "smog",
    "coleman_liau", "ari", "dale_chall", "ttr", "mattr", "mtld", "modals_per_1000",
    "obligation_per_1000", "we_must_per_1000", "we_need_per_1000", "we_per_1000", "i_per_1000",
    "you_per_1000",
]


def test_profile_has_every_required_measure_and_one_per_theme():
    p = analysis.profile(PASSAGE)
    missing = [k for k in REQUIRED if k not in p.index]
    assert missing == []
    for name in analysis.load_themes().names:
        assert f"theme_{name}_per_1000" in p.index


def test_profile_hand_counted_passage():
    p = analysis.profile(PASSAGE)
    assert p["sentences"] == 3
    assert p["words"] == 14
    assert p["mean_sentence_length"] == pytest.approx(14 / 3)
    assert p["median_sentence_length"] == 4
    assert p["max_sentence_length"] == 7
    assert p["sd_sentence_length"] == pytest.approx(2.0817, abs=1e-4)
    assert p["modals_per_1000"] == pytest.approx(3 / 14 * 1000)
    assert p["we_must_per_1000"] == pytest.approx(1 / 14 * 1000)
    assert p["we_need_per_1000"] == pytest.approx(1 / 14 * 1000)
    # "We" twice in 14 words
    assert p["we_per_1000"] == pytest.approx(2 / 14 * 1000)
    assert p["i_per_1000"] == 0


def test_profile_readability_uses_the_shared_counts():
    p = analysis.profile(PASSAGE)
    assert p["flesch_reading_ease"] == pytest.approx(analysis.readability(PASSAGE)["flesch_reading_ease"])
    asl = p["words"] / p["sentences"]
    asw = p["syllables"] / p["words"]
    assert p["flesch_reading_ease"] == pytest.approx(206.835 - 1.015 * asl - 84.6 * asw)


@pytest.mark.parametrize("text", ["", "   \n\n  ", "[Applause]"])
def test_empty_text_gives_zero_counts_and_nan_rates_with_a_warning(text):
    with pytest.warns(analysis.EmptyTextWarning, match="no words"):
        p = analysis.profile(text)
    assert p["sentences"] == 0 and p["words"] == 0
    assert math.isnan(p["mean_sentence_length"])
    assert math.isnan(p["flesch_reading_ease"])
    assert math.isnan(p["modals_per_1000"])


def test_profile_rejects_non_text():
    with pytest.raises(TypeError, match="str or an analysis.Document"):
        analysis.profile(3.5)


def test_sentence_table_traces_the_profile(seed_text):
    table = analysis.sentence_table(seed_text)
    p = analysis.profile(seed_text)
    assert len(table) == p["sentences"]
    assert table["words"].sum() == p["words"]
    assert table["syllables"].sum() == p["syllables"]
    assert table["modals"].sum() == pytest.approx(p["modals_per_1000"] * p["words"] / 1000)
    assert table["position"].is_monotonic_increasing
    assert table["position"].iloc[0] == 0
    assert list(table["sentence"]) == list(range(len(table)))


def test_sentence_table_hand_counted():
    table = analysis.sentence_table(PASSAGE)
    assert list(table["words"]) == [4, 3, 7]
    assert list(table["modals"]) == [1, 1, 1]
    assert list(table["modal_list"]) == ["must", "need", "need"]
    # "United Nations" is a UN-institutions entry of the default dictionary
    assert "un_institutions" in table.loc[2, "themes"]


def test_sentence_table_empty():
    table = analysis.sentence_table("")
    assert len(table) == 0
    assert "text" in table.columns


def test_document_is_accepted_and_gives_the_same_profile(seed_text):
    doc = analysis.segment(seed_text)
    pd.testing.assert_series_equal(analysis.profile(doc), analysis.profile(seed_text))
