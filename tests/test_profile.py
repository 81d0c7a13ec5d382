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


# ---------------------------------------------------------------------------
# The profile counts the extractors' tables
# ---------------------------------------------------------------------------

_FORCE_KEYS = {"obligation_per_1000": "obligation", "possibility_per_1000": "possibility",
               "prediction_per_1000": "prediction-volition"}
_PRONOUN_KEYS = {"we_per_1000": "first_plural", "i_per_1000": "first_singular", "you_per_1000": "second",
                 "they_per_1000": "third_plural"}


def _from_tables(doc: analysis.Document) -> dict[str, float]:
    """The profile's modal, pronoun and structure measures, derived from the extractor tables."""
    # interval=None: the counts and rates only (no bootstrap)
    mp = analysis.modal_phrases(doc)
    forces = analysis.rates(mp, doc, by="force", categories=list(_FORCE_KEYS.values()), interval=None)
    we = mp[mp["subject_type"] == "first_plural"]
    we_modals = analysis.rates(we, doc, by="modal", categories=["must", "need"], interval=None)
    everything = analysis.rates(mp.assign(all="all"), doc, by="all", categories=["all"], interval=None)
    pm = analysis.pronoun_matches(doc)
    pron = analysis.rates(pm, doc, by="category", categories=list(_PRONOUN_KEYS.values()), interval=None)
    st = analysis.structure(doc)
    out = {"modals_per_1000": everything["per_1000"].iloc[0]}
    out.update(dict(zip(_FORCE_KEYS, forces["per_1000"])))
    out["we_must_per_1000"], out["we_need_per_1000"] = we_modals["per_1000"]
    out.update(dict(zip(_PRONOUN_KEYS, pron["per_1000"])))
    n_we, n_i = pron["count"].iloc[0], pron["count"].iloc[1]
    out["we_i_ratio"] = n_we / n_i if n_i else math.nan
    out["enumeration_markers"] = int((st["kind"] == "enumeration").sum())
    out["anaphora_runs"] = int(((st["kind"] == "anaphora") & ~st["stopword_only"]).sum())
    return {k: float(v) for k, v in out.items()}


def _same(a: float, b: float) -> bool:
    return a == b or (math.isnan(a) and math.isnan(b))


def test_profile_measures_equal_counts_of_the_extractor_tables(seed_doc):
    # was: rhetoric_measures (a second counting path) against the tables; now the profile's
    # numbers themselves are checked against the rows of modal_phrases, pronoun_matches, structure
    for doc in (seed_doc, analysis.segment(PASSAGE)):
        p = analysis.profile(doc)
        expected = _from_tables(doc)
        assert {k: float(p[k]) for k in expected} == pytest.approx(expected, nan_ok=True)
    # the hand-counted passage: must, need, needs to (3 modals, all obligation); we x2; no "I"
    got = _from_tables(analysis.segment(PASSAGE))
    assert got["obligation_per_1000"] == got["modals_per_1000"] == pytest.approx(3000 / 14)
    assert got["we_per_1000"] == pytest.approx(2000 / 14) and math.isnan(got["we_i_ratio"])


def test_measures_equal_the_extractor_tables_on_every_sotu_address():
    # The profile's modal, pronoun and structure measures are counted without building the tables
    # (modal_measures looks up subjects only for must, need and shall); on every one of the 237
    # State of the Union addresses they must equal the counts of the tables' rows, exactly.
    from analysis.modality import modal_measures
    from analysis.pronouns import pronoun_measures
    from analysis.structure import structure_measures

    corpus = analysis.load_corpus("sotu")
    assert len(corpus) == 237
    differences = []
    for sid, text in zip(corpus["id"], corpus["text"]):
        doc = analysis.segment(text)
        fast = {**modal_measures(doc), **pronoun_measures(doc), **structure_measures(doc)}
        expected = _from_tables(doc)
        assert set(fast) == set(expected)
        differences += [(sid, k, fast[k], expected[k]) for k in expected if not _same(float(fast[k]), expected[k])]
    assert differences == []
