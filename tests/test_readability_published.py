"""Published worked examples for Gunning Fog, ARI and Dale-Chall.

tests/test_readability.py holds the published examples of Flesch, Flesch-Kincaid,
Coleman-Liau and SMOG.  Each formula here gets (a) its arithmetic checked on the
counts the source publishes, through the count -> score functions of
analysis.readability, and (b) where the source prints the passage, our counts on
that passage checked against the published ones.  Every difference is explained
in a comment and asserted within a stated tolerance, so that a change in the
segmentation or the word rules shows up here.
"""

from __future__ import annotations

import pytest

from analysis.readability import (
    _ari,
    _dale_chall,
    _gunning_fog,
    readability,
    readability_counts,
    word_table,
)

# ---------------------------------------------------------------------------
# Gunning Fog
# ---------------------------------------------------------------------------

# Source 1: "How The Fog Index is Figured", University of Arizona, COMM 300
# (http://www.ic.arizona.edu/~comm300/mary/fogindex.html; the same page is in the
# University of Minnesota "Writing Tips", fpd.finop.umn.edu).  The page works the
# Fog Index on its own first paragraph, printed here:
#   1. words 88   2. sentences 6   3. big words (3+ syllables) 6
#   4. 88/6 = 14   5. 6/88 = 7%   6. 7 + 14 = 21   7. 21 x .4 = 8.4
FOG_ARIZONA = (
    "The Fog Index is a proven method of analyzing written material to see how easy "
    "it is to read and understand. The steps you can use to calculate the Fog Index "
    "are outlined below. The numbers in the right column are based on this paragraph. "
    "When using these steps to analyze your writing, choose a sample that contains at "
    "least one hundred words. The \"ideal\" Fog Index level is 7 or 8. A level above 12 "
    "indicates the writing sample is too hard for most people to read."
)

# Source 2: the README of the `gunning-fog` npm package (words/gunning-fog, Titus
# Wormer; https://www.npmjs.com/package/gunning-fog): "The Australian platypus is
# seemingly a hybrid of a mammal and reptilian creature." 1 sentence, 13 words,
# 4 polysyllabic words "of which two are jargon, proper nouns, or compound words"
# -> gunningFog({sentence: 1, word: 13, complexPolysillabicWord: 2}) = 11.35384...
FOG_PLATYPUS = "The Australian platypus is seemingly a hybrid of a mammal and reptilian creature."


def test_gunning_fog_arizona_arithmetic():
    # Exact arithmetic on the published counts: 0.4 * (88/6 + 100*6/88) = 8.5939.
    assert _gunning_fog(words=88, sentences=6, complex_words=6) == pytest.approx(8.5939, abs=1e-4)
    # The page prints 8.4 because it rounds the two terms first (14.67 -> 14,
    # 6.82% -> 7%): 0.4 * 21 = 8.4.  Our unrounded value is within 0.2 of it.
    assert abs(_gunning_fog(words=88, sentences=6, complex_words=6) - 8.4) < 0.2


def test_gunning_fog_platypus_arithmetic():
    # gunning-fog README: 11.35384... = 0.4 * (13 + 100 * 2/13).
    assert _gunning_fog(words=13, sentences=1, complex_words=2) == pytest.approx(11.353846, abs=1e-6)


def test_gunning_fog_arizona_passage_end_to_end():
    c = readability_counts(FOG_ARIZONA)
    # Words and sentences reproduce the published counts exactly.
    assert (c["words"], c["sentences"]) == (88, 6)
    # Hard words: we find 7, the page 6.  Our seven (all CMUdict syllable counts):
    # analyzing(4) material(4) understand(3) calculate(3) paragraph(3) analyze(3)
    # indicates(3; "indicate" already has 3, so the -es exception does not apply).
    # The page does not list its six; the one Gunning would drop is "understand",
    # a closed compound of easy words (under + stand), which the module docstring
    # says is not detected (only hyphenated compounds are).  Tolerance: 1 word.
    wt = word_table(FOG_ARIZONA)
    assert list(wt.loc[wt["complex"], "word"]) == [
        "analyzing", "material", "understand", "calculate", "paragraph", "analyze", "indicates",
    ]
    assert abs(c["complex"] - 6) <= 1
    # So our score is the published-count score plus exactly one hard word in 88
    # (0.4 * 100/88 = 0.45 grade): 9.05 against 8.59.
    score = readability(FOG_ARIZONA)["gunning_fog"]
    assert score == pytest.approx(_gunning_fog(words=88, sentences=6, complex_words=7))
    assert score - _gunning_fog(words=88, sentences=6, complex_words=6) == pytest.approx(0.4 * 100 / 88)


def test_gunning_fog_platypus_end_to_end():
    c = readability_counts(FOG_PLATYPUS)
    # 13 words, 1 sentence and 4 polysyllables, as published (and 24 syllables, as
    # in the Wikipedia Flesch-Kincaid example on the same sentence).
    assert (c["words"], c["sentences"], c["polysyllables"], c["syllables"]) == (13, 1, 4, 24)
    # Complex: we find 3, the README 2.  Both drop "Australian" (proper noun); the
    # README drops one more of platypus / seemingly / reptilian as "jargon", an
    # exception Gunning's rules as implemented here do not have.  Tolerance: 1 word,
    # i.e. 0.4 * 100/13 = 3.08 grades on a one-sentence text.
    wt = word_table(FOG_PLATYPUS)
    assert list(wt.loc[wt["complex"], "word"]) == ["platypus", "seemingly", "reptilian"]
    assert abs(c["complex"] - 2) <= 1
    assert readability(FOG_PLATYPUS)["gunning_fog"] == pytest.approx(
        _gunning_fog(words=13, sentences=1, complex_words=3)
    )


# ---------------------------------------------------------------------------
# ARI (Senter & Smith 1967)
# ---------------------------------------------------------------------------

# No worked example with counts was found for the report of Senter & Smith (1967,
# AMRL-TR-66-220) itself.  The documented example used here is the Exercism AWK
# exercise "automated-readability-index" (exercism/awk,
# exercises/practice/automated-readability-index/.docs/instructions.md): for this
# text it prints "Words: 34", "Sentences: 5", "Characters: 186" (all non-blank
# characters, punctuation included) and "Score: 7.74" with the formula
# 4.71 * chars/words + 0.5 * words/sentences - 21.43.
ARI_EXERCISM = (
    "ARI was designed for military use in 1967. It was for real-time monitoring of "
    "readability on typewriters. It offered an automated counting method. It has "
    "similar results to other frameworks. This validates its accuracy."
)


def test_ari_exercism_arithmetic():
    # 4.71 * 186/34 + 0.5 * 34/5 - 21.43 = 25.7665 + 3.4 - 21.43 = 7.7365 -> "7.74".
    assert _ari(words=34, sentences=5, characters=186) == pytest.approx(7.7365, abs=1e-4)
    assert _ari(words=34, sentences=5, characters=186) == pytest.approx(7.74, abs=0.005)


def test_ari_exercism_passage_end_to_end():
    c = readability_counts(ARI_EXERCISM)
    # Words and sentences as published ("real-time" and "1967" are one word each).
    assert (c["words"], c["sentences"]) == (34, 5)
    # Characters: 180 against 186.  The exercise counts every non-blank character;
    # we count letters and digits only (module docstring), so the 5 full stops and
    # the hyphen of "real-time" are the whole difference.
    assert c["characters"] == 186 - 6
    # Definition, not counting error: 6 characters over 34 words move ARI by
    # 4.71 * 6/34 = 0.83 grade (6.91 against the published 7.74).
    score = readability(ARI_EXERCISM)["ari"]
    assert score == pytest.approx(_ari(words=34, sentences=5, characters=180))
    assert 7.74 - score == pytest.approx(4.71 * 6 / 34, abs=0.005)


# ---------------------------------------------------------------------------
# Dale-Chall (Dale & Chall 1948)
# ---------------------------------------------------------------------------

# Arithmetic: the OKAPI! calculator (Intervention Central) as reported by
# Nirmaldasan, "The Dale-Chall formula of 1948", strainindex.wordpress.com,
# March 2008: the first 10 sentences of Nehru's independence speech give
# "(0.0496 * 21.9 Avg. Number of Words Per Sentence) + (0.1579 * 18.72 Percent of
# Words in Sample Not Found on Dale Familiar Word List) + 3.6365 = 7.67 Raw Score".
# 219 words in 10 sentences with 41 unfamiliar words give exactly ASL 21.9 and
# PDW 18.72 (41/219 = 18.721 %).


def test_dale_chall_okapi_arithmetic():
    # 1.08624 + 2.95607 + 3.6365 = 7.6788; the page prints 7.67 (truncated).
    score = _dale_chall(words=219, sentences=10, difficult=41)
    assert score == pytest.approx(7.6788, abs=1e-4)
    assert score == pytest.approx(7.67, abs=0.01)


# The three example passages of Dale & Chall (1948), "A formula for predicting
# readability: instructions", Educational Research Bulletin 27(2), 37-54, with the
# scores published there (5.3684, 6.7490, 6.9474), as reproduced in the tests of
# quanteda.textstats (tests/testthat/test-textstat_readability.R, "Test Dale-Chall
# readability").  The paper's own counts were not available to us; the word and
# sentence counts below are ours, checked by hand and equal to quanteda's token
# counts (132, 131, 111 words; 9 and 6 sentences for the last two passages).
DC_1948 = {
    "health": (
        "A happy, useful life - that's what you want for your baby, isn't it? And "
        "because a healthy mind and body are so necessary to happiness and long life, "
        "you must do all you can to get your baby off to a good start. There is much you "
        "can do while he is still a baby to lay the foundation for good health and good "
        "health habits. Many things affect your baby's health. One was the state of your "
        "own health during pregnancy, and the special care your doctor gave you before "
        "the baby was born. Other things important to your child's health are food, "
        "clothes, baths, sleep, and habit training. A baby needs a clean, happy place to "
        "live, and he must be kept from having any sickness that can be prevented."
    ),
    "diphtheria": (
        "Diphtheria used to kill many babies. Today no child need die of diphtheria. It "
        "is one of the diseases for which we have very good treatment and almost sure "
        "prevention. But your baby will not be safe from this disease unless he has been "
        "protected by immunization. The way to protect your baby is simple. Physicians "
        "usually give injections of three doses of toxoid, three to four weeks apart, "
        "generally beginning when a baby is about six months old. Your doctor will tell "
        "you that your baby should have this protection before his first birthday. Six "
        "months after the last injection of toxoid, the physician may test your baby to "
        "see if another dose of toxoid is necessary. Before the child enters school an "
        "extra shot of toxoid is often given."
    ),
    "tuberculosis": (
        "The germs that cause tuberculosis can enter the baby's body through his mouth or "
        "be breathed in through his nose. These germs come to him on spray or moisture "
        "which the person with active tuberculosis breathes or coughs out. Germ-filled "
        "spray from the mouth or nose may light on the baby's food, his dishes, his toys. "
        "The baby's hands may carry germs from soiled objects to his mouth. Kissing is "
        "one way of spreading TB as well as other germs. Tuberculosis of the bones or "
        "joints or of certain organs of the body besides the lungs can come to the "
        "bottle-fed baby in milk which has not been pasteurized or boiled."
    ),
}
DC_1948_PUBLISHED = {"health": 5.3684, "diphtheria": 6.7490, "tuberculosis": 6.9474}

# Unfamiliar word forms on the 1948 list as quanteda finds them (its unique
# unfamiliar tokens, lower-cased), and the known differences from ours:
#   * "baby" / "baby's": the list shipped with textstat has "babies" but not
#     "baby"; our rules read a word as familiar when the list has its plural,
#     so "baby" is familiar, as on Dale's own list.
#   * "generally": a -ly derivation, which our rules (module docstring) do not
#     treat as familiar; quanteda's list accepts it.
#   * "TB": capitalised and not sentence-initial, so read as a proper noun
#     (familiar) by our rules; quanteda counts it.
#   * "bottle-fed": a hyphenated compound of familiar parts, familiar by our rules.
DC_1948_QUANTEDA_UNFAMILIAR = {
    "health": {"necessary", "foundation", "affect", "pregnancy", "special", "prevented"},
    "diphtheria": {
        "diphtheria", "diseases", "treatment", "prevention", "disease", "immunization",
        "physicians", "usually", "injections", "doses", "toxoid", "protection",
        "injection", "physician", "dose", "necessary",
    },
    "tuberculosis": {
        "germs", "tuberculosis", "spray", "moisture", "active", "germ-filled", "objects",
        "tb", "joints", "lungs", "bottle-fed", "pasteurized",
    },
}
DC_1948_OURS_ONLY = {
    "health": set(),
    "diphtheria": {"generally"},
    "tuberculosis": set(),
}
DC_1948_THEIRS_ONLY = {"health": set(), "diphtheria": set(), "tuberculosis": {"tb", "bottle-fed"}}
# Sentences and words counted by hand (sentence ends: "?" and "." only).
DC_1948_COUNTS = {"health": (132, 7), "diphtheria": (131, 9), "tuberculosis": (111, 6)}
# Our unfamiliar tokens: the quanteda forms with their repeats, plus the forms above.
DC_1948_DIFFICULT = {"health": 6, "diphtheria": 21, "tuberculosis": 16}


@pytest.mark.parametrize("name", list(DC_1948))
def test_dale_chall_1948_passages_counts(name):
    text = DC_1948[name]
    c = readability_counts(text)
    assert (c["words"], c["sentences"]) == DC_1948_COUNTS[name]
    assert c["difficult"] == DC_1948_DIFFICULT[name]
    wt = word_table(text)
    ours = {w.lower() for w in wt.loc[wt["dale_chall_difficult"], "word"]}
    theirs = DC_1948_QUANTEDA_UNFAMILIAR[name]
    assert ours - theirs == DC_1948_OURS_ONLY[name]
    assert theirs - ours == DC_1948_THEIRS_ONLY[name]


@pytest.mark.parametrize("name", list(DC_1948))
def test_dale_chall_1948_passages_scores(name):
    # Tolerance 0.25 (a quarter of a Dale-Chall band): what remains are the rule
    # differences above (about one word each).
    # Measured: 5.29, 6.89, 6.83 against the published 5.37, 6.75, 6.95.
    assert readability(DC_1948[name])["dale_chall"] == pytest.approx(DC_1948_PUBLISHED[name], abs=0.25)
