"""Tests for analysis.modality: modal uses, their subjects, force and negation; obligation tables.

Every expected number is hand-counted; the count is written next to each passage.
The pronoun, structure and KWIC tests of the former ``analysis.rhetoric`` are in
test_pronouns.py, test_structure.py and test_kwic.py.
"""

from __future__ import annotations

import pandas as pd
import pytest
from pandas.testing import assert_frame_equal

import analysis
from analysis import LEADING, modal_counts, modal_phrases, obligation_table


def one(text: str) -> dict:
    """The single modal row of a passage that holds exactly one modal use."""
    mp = modal_phrases(text)
    assert len(mp) == 1, mp
    return mp.iloc[0].to_dict()


# ---------------------------------------------------------------------------
# Modal phrases: the seed speech's key sentences
# ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    "text, subject, subject_type, modal, force, negated, match, word, end",
    [
        # ``word`` is the index in the sentence of the modal's first word (word_in_sentence; the
        # passage is one sentence, so it is also ``start``); ``end`` is the index after the modal's
        # own words ("needs to", "will not": two words; the subject is not part of the span).
        # main-verb need with a subject and an object: necessity
        ("We need them to help counter the manipulative messages of terrorists.",
         "We", "first_plural", "need", "obligation", False, "We need", 1, 2),
        # a noun-phrase subject after an enumeration marker
        ("Fifth, the United Nations needs to do more to support you.",
         "the United Nations", "noun_phrase", "need", "obligation", False, "needs to", 4, 6),
        # the parenthetical comes after the modal; the subject is "This"
        ("This must, above all, include young people.",
         "This", "third_singular", "must", "obligation", False, "This must", 1, 2),
        # an appositive between the pronoun and the modal
        ("We, the international community, must act now.",
         "We, the international community,", "first_plural", "must", "obligation", False, "must", 4, 5),
        # a parenthetical that is not an appositive is skipped
        ("Member States, of course, must lead.",
         "Member States", "noun_phrase", "must", "obligation", False, "must", 4, 5),
        ("And we need to empower them through education, jobs and vocational training.",
         "we", "first_plural", "need", "obligation", False, "we need to", 2, 4),
        ("Of course, not all information can be shared.",
         "all information", "noun_phrase", "can", "possibility", False, "can", 5, 6),
        ("But more can be done.", "more", "noun_phrase", "can", "possibility", False, "can", 2, 3),
        ("There will not be a negotiated outcome.",
         "There", "none", "will", "prediction-volition", True, "There will not", 1, 3),
        ("This is why the United Nations must act.",
         "the United Nations", "noun_phrase", "must", "obligation", False, "must", 6, 7),
        ("We know that Member States must act.",
         "Member States", "noun_phrase", "must", "obligation", False, "must", 5, 6),
        ("All of us must act.", "All of us", "first_plural", "must", "obligation", False, "must", 3, 4),
        # "will" after "the" is a noun, and part of the subject noun phrase
        ("The will of the people must be respected.",
         "The will of the people", "noun_phrase", "must", "obligation", False, "must", 5, 6),
        ("The rights of the victims must come first.",
         "The rights of the victims", "noun_phrase", "must", "obligation", False, "must", 5, 6),
        ("We all must act.", "We", "first_plural", "must", "obligation", False, "must", 2, 3),
    ],
)
def test_modal_subjects(text, subject, subject_type, modal, force, negated, match, word, end):
    row = one(text)
    n_words = analysis.segment(text).n_words
    assert row == {
        "sentence": 0, "start": word, "end": end, "word_in_sentence": word, "position": word / n_words,
        "subject": subject, "subject_type": subject_type, "modal": modal,
        "force": force, "negated": negated, "match": match,
    }


def test_leading_columns_in_a_later_sentence():
    # "We act now." is words 0-2; "Then we must not wait." is words 3-7 of 8:
    # "must not" is words 5-6 of the document, words 2-3 of sentence 1.
    mp = modal_phrases("We act now. Then we must not wait.")
    assert mp[list(LEADING)].to_dict("records") == [
        {"sentence": 1, "start": 5, "end": 7, "word_in_sentence": 2, "position": 5 / 8}
    ]
    assert mp["match"].tolist() == ["we must not"]


@pytest.mark.parametrize(
    "text, subject, subject_type, modal, match",
    [
        ("Can we afford to wait?", "we", "first_plural", "can", "Can we"),
        ("Must we accept this?", "we", "first_plural", "must", "Must we"),
        ("How can we succeed?", "we", "first_plural", "can", "can we"),
        ("Are we going to act?", "we", "first_plural", "be going to", "Are we going to"),
        ("Can the United Nations do more?", "the United Nations", "noun_phrase", "can", "Can"),
        ("May God bless America.", "God", "noun_phrase", "may", "May"),
        ("What can be done?", "What", "noun_phrase", "can", "can"),
    ],
)
def test_inverted_questions_take_the_subject_after_the_modal(text, subject, subject_type, modal, match):
    row = one(text)
    assert (row["subject"], row["subject_type"], row["modal"], row["match"]) == (
        subject, subject_type, modal, match)


def test_can_we_not_is_negated():
    row = one("Can we not do better?")
    assert (row["subject"], row["negated"], row["match"]) == ("we", True, "Can we not")


# ---------------------------------------------------------------------------
# Non-modal senses are not counted
# ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "It is the will of the people.",        # noun: will of
        "There is no political will.",           # noun: political will
        "Against their will, they left.",        # noun after a possessive
        "In May we met in Geneva.",              # month (capitalised, mid-sentence)
        "May 2018 was a busy month.",            # month before a year
        "Theresa May spoke first.",              # a name
        "The needs of victims come first.",      # noun: needs of
        "We meet the needs of victims.",         # noun after "the"
        "There is an urgent need to act.",       # noun: urgent need to
        "Their needs are great.",                # noun after a possessive
        "He opened a can of worms.",             # noun: a can of
        "Our military might is unmatched.",      # noun: military might
        "It was a must for us.",                 # noun: a must
        "We'd seen it before.",                  # 'd + participle = had
        "They'd never been there.",              # 'd + never + participle = had
        "We are going to the store.",            # motion, not the future
        "Our forces are going to Europe.",       # motion to a place
        "Let us do more.",                       # not a modal
        "It has to do with trust.",              # "has to do with": not obligation
    ],
)
def test_non_modal_senses_not_counted(text):
    assert modal_phrases(text).empty


def test_mixed_passage_counts():
    # Hand count: "the will of the people" no; "will" (we will) 1; "in May" no;
    # "can" (we can) 1; "the needs of" no; "needs to" (Council needs to) 1;
    # "a can of" no; "might" (it might) 1 -> 4 modal uses.
    text = (
        "The will of the people is clear, and we will respect it. "
        "In May we learned that we can do more. "
        "The needs of victims are great; the Council needs to act. "
        "A can of paint might help, but it might not."
    )
    mp = modal_phrases(text)
    assert list(mp["modal"]) == ["will", "can", "need", "might", "might"]
    # the second "might" is "it might not" (elliptical): negated
    assert list(mp["negated"]) == [False, False, False, False, True]
    assert list(mp["subject"]) == ["we", "we", "the Council", "A can of paint", "it"]


# ---------------------------------------------------------------------------
# Contractions and negation
# ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    "text, subject, modal, negated, match",
    [
        ("We'll act.", "We", "will", False, "We'll"),
        ("I'd say so.", "I", "would", False, "I'd"),
        ("You'd never guess.", "You", "would", True, "You'd never"),
        ("We'd better hurry.", "We", "had better", False, "We'd better"),
        ("We had better hurry.", "We", "had better", False, "We had better"),
        ("We can't wait.", "We", "can", True, "We can't"),
        ("They won't stop.", "They", "will", True, "They won't"),
        ("You mustn't go.", "You", "must", True, "You mustn't"),
        ("We needn't worry.", "We", "need", True, "We needn't"),
        ("We shouldn't delay.", "We", "should", True, "We shouldn't"),
        ("I couldn't agree more.", "I", "could", True, "I couldn't"),
        ("It wouldn't help.", "It", "would", True, "It wouldn't"),
        ("We shan't fail.", "We", "shall", True, "We shan't"),
        ("We must not fail.", "We", "must", True, "We must not"),
        ("We cannot fail.", "We", "can", True, "We cannot"),
        ("We need not fear.", "We", "need", True, "We need not"),
        ("We will never forget.", "We", "will", True, "We will never"),
        ("We don't need to wait.", "We", "need", True, "need to"),
        ("We do not have to choose.", "We", "have to", True, "have to"),
        ("We have to act.", "We", "have to", False, "We have to"),
        ("She has to go.", "She", "have to", False, "She has to"),
        ("They had to leave.", "They", "have to", False, "They had to"),
        ("We've got to win.", "We", "have to", False, "We've got to"),
        ("You ought to know.", "You", "ought to", False, "You ought to"),
        ("We ought not to wait.", "We", "ought to", True, "We ought not to"),
        ("We're going to build.", "We", "be going to", False, "We're going to"),
        ("I'm not going to stop.", "I", "be going to", True, "I'm not going to"),
        ("We are going to win.", "We", "be going to", False, "We are going to"),
    ],
)
def test_contractions_and_negation(text, subject, modal, negated, match):
    row = one(text)
    assert (row["subject"], row["modal"], row["negated"], row["match"]) == (subject, modal, negated, match)


def test_curly_apostrophes_are_contractions():
    row = one("We\u2019ll never give up.")
    assert (row["subject"], row["modal"], row["negated"], row["match"]) == ("We", "will", True, "We'll never")


def test_two_modals_in_a_chain_share_the_subject():
    # Hand count: "will" + "need to" = 2 uses, both with subject "We".
    mp = modal_phrases("We will also need to act.")
    assert list(mp["modal"]) == ["will", "need"]
    assert list(mp["subject"]) == ["We", "We"]
    mp = modal_phrases("We'll need to act.")
    assert list(mp["modal"]) == ["will", "need"]
    assert list(mp["subject"]) == ["We", "We"]


def test_shall_force_depends_on_the_subject():
    mp = modal_phrases("Member States shall report. We shall overcome.")
    assert list(mp["force"]) == ["obligation", "prediction-volition"]


def test_modal_phrases_columns_and_dtypes():
    mp = modal_phrases("No modal here.")
    assert list(mp.columns) == [*LEADING, "modal", "force", "negated", "subject", "subject_type", "match"]
    assert mp.empty
    assert str(mp["negated"].dtype) == "bool"
    for column in ("sentence", "start", "end", "word_in_sentence"):
        assert str(mp[column].dtype) == "int64", column
    assert str(mp["position"].dtype) == "float64"
    # a full table has the same schema as an empty one
    assert_frame_equal(modal_phrases("We must act.").iloc[:0], mp)


def test_accepts_document_and_rejects_other_types(seed_doc):
    assert_frame_equal(modal_phrases(seed_doc), modal_phrases(seed_doc.text))
    for func in (modal_phrases, obligation_table, modal_counts, analysis.profile):
        with pytest.raises(TypeError, match="str or an analysis.Document, got bytes"):
            func(b"We must act.")


# ---------------------------------------------------------------------------
# The seed speech
# ---------------------------------------------------------------------------

# Hand count from data/un-sg-2018-06-29.txt:
#   "we must" (8): We must promote / And we must also engage / We must listen / We must
#     prioritize / We must learn / Fourth, we must work / We must fight / And we must mainstream
#   "we need" (7): We need them / And we need to empower / We need to uphold / We need to make
#     better use / we need to be better / Third, we need to do more / We need to ensure
#   other modals (10): There will not / I will set out / We should engage / all who can help /
#     This must / not all information can / You need to / more can be done /
#     the United Nations needs to / We will now liaise
#   -> 25 modal uses: 9 must, 9 need, 1 should (19 obligation), 3 can (possibility),
#      3 will (prediction-volition).
SEED_WE_MUST = 8
SEED_WE_NEED = 7


def test_seed_we_must_and_we_need(seed_doc):
    mp = modal_phrases(seed_doc)
    assert len(mp) == 25
    we = mp[mp["subject_type"] == "first_plural"]
    assert (we["modal"] == "must").sum() == SEED_WE_MUST
    assert (we["modal"] == "need").sum() == SEED_WE_NEED
    assert mp["modal"].value_counts().to_dict() == {"must": 9, "need": 9, "will": 3, "can": 3, "should": 1}
    assert mp["force"].value_counts().to_dict() == {"obligation": 19, "possibility": 3, "prediction-volition": 3}
    assert not mp["negated"].iloc[1:].any() and mp["negated"].iloc[0]  # only "There will not"


def test_seed_measures(seed_doc):
    # The profile's modal measures count modal_phrases' rows (see test_seed_we_must_and_we_need);
    # its pronoun and structure measures are in test_pronouns.py and test_structure.py.
    n = seed_doc.n_words
    m = analysis.profile(seed_doc)
    assert m["modals_per_1000"] == pytest.approx(25 * 1000 / n)
    assert m["obligation_per_1000"] == pytest.approx(19 * 1000 / n)
    assert m["possibility_per_1000"] == pytest.approx(3 * 1000 / n)
    assert m["prediction_per_1000"] == pytest.approx(3 * 1000 / n)
    assert m["we_must_per_1000"] == pytest.approx(SEED_WE_MUST * 1000 / n)
    assert m["we_need_per_1000"] == pytest.approx(SEED_WE_NEED * 1000 / n)


def test_profile_modal_measures_count_the_table(seed_doc):
    # was rhetoric_measures (a second counting path) against the tables; the profile now counts
    # modal_phrases' rows, and this checks it does on the seed speech (every SOTU address:
    # test_profile.py::test_measures_equal_the_extractor_tables_on_every_sotu_address).
    m = analysis.profile(seed_doc)
    mp = modal_phrases(seed_doc)
    n = seed_doc.n_words
    assert m["modals_per_1000"] == pytest.approx(len(mp) * 1000 / n)
    for key, force in [("obligation_per_1000", "obligation"), ("possibility_per_1000", "possibility"),
                       ("prediction_per_1000", "prediction-volition")]:
        assert m[key] == pytest.approx((mp["force"] == force).sum() * 1000 / n)
    we = mp[mp["subject_type"] == "first_plural"]
    assert m["we_must_per_1000"] == pytest.approx((we["modal"] == "must").sum() * 1000 / n)
    assert m["we_need_per_1000"] == pytest.approx((we["modal"] == "need").sum() * 1000 / n)


def test_seed_obligation_table(seed_doc):
    ot = obligation_table(seed_doc)
    assert list(ot.columns) == ["must", "need", "should", "total", "example"]
    assert list(ot.index) == ["we", "this", "you", "United Nations"]
    assert ot.index.name == "subject"
    assert ot.loc["we", ["must", "need", "should", "total"]].tolist() == [8, 7, 1, 16]
    assert ot.loc["United Nations", "example"] == "Fifth, the United Nations needs to do more to support you."
    assert ot.loc["this", "example"] == "This must, above all, include young people."


def test_obligation_table_force_option(seed_doc):
    ot = obligation_table(seed_doc, force="possibility", method="rules")
    # can: "all who", "all information", "more" (hand count above)
    assert list(ot.index) == ["all who", "all information", "more"]
    assert ot["can"].tolist() == [1, 1, 1]
    # issue 11: the parser's noun phrases ("all who can help" -> all; "Not all information")
    ot = obligation_table(seed_doc, force="possibility")
    assert list(ot.index) == ["all", "not all information", "more"]
    allf = obligation_table(seed_doc, force="all")
    assert allf["total"].sum() == 25
    with pytest.raises(ValueError, match="force='deontic'"):
        obligation_table(seed_doc, force="deontic")


def test_obligation_table_normalises_subjects():
    text = "We, the international community, must act. We must listen. The Council must decide."
    ot = obligation_table(text)
    expected = pd.DataFrame(
        {"must": [2, 1], "total": [2, 1],
         "example": ["We, the international community, must act.", "The Council must decide."]},
        index=pd.Index(["we", "Council"], name="subject"),
    )
    assert_frame_equal(ot, expected)


def test_measures_scale_linearly_with_repeated_text(seed_text):
    # 100 copies of the seed speech: every rate is the seed speech's rate
    # (speed is measured by benchmarks/, never by a timed unit test).
    doc = analysis.segment("\n\n".join([seed_text] * 100))
    m = analysis.profile(doc)
    assert m["we_must_per_1000"] == pytest.approx(SEED_WE_MUST * 1000 / analysis.segment(seed_text).n_words)


def test_measures_agree_with_modal_phrases_on_mixed_text():
    # The profile's modal count (subjects looked up only for must/need/shall) must count
    # exactly what the table shows.
    text = (
        "We, the international community, must act. Must we wait? We'll need to act. "
        "The Council shall report. We shall overcome. We don't need to wait. What we need is action. "
        "The will of the people must be respected. In May we met. They won't stop. All of us must act."
    )
    mp = modal_phrases(text)
    n = analysis.segment(text).n_words
    m = analysis.profile(text)
    we = mp[mp["subject_type"] == "first_plural"]
    # Hand count: we must = 3 ("We, the ..., must", "Must we", "All of us must");
    # we need = 3 ("We'll need to", "We don't need to", "what we need").
    assert (we["modal"] == "must").sum() == 3
    assert (we["modal"] == "need").sum() == 3
    assert m["we_must_per_1000"] == pytest.approx(3000 / n)
    assert m["we_need_per_1000"] == pytest.approx(3000 / n)
    assert m["modals_per_1000"] == pytest.approx(len(mp) * 1000 / n)
    assert m["obligation_per_1000"] == pytest.approx((mp["force"] == "obligation").sum() * 1000 / n)


@pytest.mark.parametrize(
    "text,subject",
    [
        # a complement clause after a verb of saying or ensuring: the verb is not part of the subject
        ("We must ensure LGBTQ Americans can serve.", "LGBTQ Americans"),
        ("I believe Member States should act.", "Member States"),
        ("We recommend the Council must decide.", "the Council"),
        # ... but a noun that looks like such a verb still heads a subject
        ("The demand must be met.", "The demand"),
    ],
)
def test_subject_after_a_verb_of_saying(text, subject):
    mp = modal_phrases(text)
    assert mp["subject"].iloc[-1] == subject


@pytest.mark.parametrize("text, n", [
    # possessive have + to-infinitive of giving: the relativised word is what one has (to share)
    ("We thank India for all that it has to share.", 0),
    ("This is what Africa has to offer.", 0),
    ("Everything we have to give is yours.", 0),
    ("There is much that India has to share with the world.", 0),
    # obligations of the same words
    ("All countries have to share.", 1),
    ("What we have to do is act.", 1),
    ("The data that we have to share with partners is large.", 1),
    ("We have to share the burden.", 1),
])
def test_possessive_have_to_is_no_obligation(text, n):
    """'much that India has to share': possession, by the rules and by the parse alike."""
    assert len(analysis.modal_phrases(text)) == n
    assert len(analysis.modal_phrases(text, method="parse")) == n
