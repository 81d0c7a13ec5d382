"""Tests for analysis.rhetoric: modality and its subjects, pronouns, structure, KWIC.

Every expected number is hand-counted; the count is written next to each passage.
"""

from __future__ import annotations

import math

import pandas as pd
import pytest
from pandas.testing import assert_frame_equal, assert_series_equal

import analysis
from analysis import (
    kwic,
    modal_phrases,
    obligation_table,
    pronoun_matches,
    pronouns,
    rhetoric_measures,
    sections,
    structure,
)


def one(text: str) -> dict:
    """The single modal row of a passage that holds exactly one modal use."""
    mp = modal_phrases(text)
    assert len(mp) == 1, mp
    return mp.iloc[0].to_dict()


# ---------------------------------------------------------------------------
# Modal phrases: the seed speech's key sentences
# ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    "text, subject, subject_type, modal, force, negated, match, word",
    [
        # main-verb need with a subject and an object: necessity
        ("We need them to help counter the manipulative messages of terrorists.",
         "We", "first_plural", "need", "obligation", False, "We need", 1),
        # a noun-phrase subject after an enumeration marker
        ("Fifth, the United Nations needs to do more to support you.",
         "the United Nations", "noun_phrase", "need", "obligation", False, "needs to", 4),
        # the parenthetical comes after the modal; the subject is "This"
        ("This must, above all, include young people.",
         "This", "third_singular", "must", "obligation", False, "This must", 1),
        # an appositive between the pronoun and the modal
        ("We, the international community, must act now.",
         "We, the international community,", "first_plural", "must", "obligation", False, "must", 4),
        # a parenthetical that is not an appositive is skipped
        ("Member States, of course, must lead.",
         "Member States", "noun_phrase", "must", "obligation", False, "must", 4),
        ("And we need to empower them through education, jobs and vocational training.",
         "we", "first_plural", "need", "obligation", False, "we need to", 2),
        ("Of course, not all information can be shared.",
         "all information", "noun_phrase", "can", "possibility", False, "can", 5),
        ("But more can be done.", "more", "noun_phrase", "can", "possibility", False, "can", 2),
        ("There will not be a negotiated outcome.",
         "There", "none", "will", "prediction-volition", True, "There will not", 1),
        ("This is why the United Nations must act.",
         "the United Nations", "noun_phrase", "must", "obligation", False, "must", 6),
        ("We know that Member States must act.",
         "Member States", "noun_phrase", "must", "obligation", False, "must", 5),
        ("All of us must act.", "All of us", "first_plural", "must", "obligation", False, "must", 3),
        # "will" after "the" is a noun, and part of the subject noun phrase
        ("The will of the people must be respected.",
         "The will of the people", "noun_phrase", "must", "obligation", False, "must", 5),
        ("The rights of the victims must come first.",
         "The rights of the victims", "noun_phrase", "must", "obligation", False, "must", 5),
        ("We all must act.", "We", "first_plural", "must", "obligation", False, "must", 2),
    ],
)
def test_modal_subjects(text, subject, subject_type, modal, force, negated, match, word):
    row = one(text)
    assert row == {
        "sentence": 0, "subject": subject, "subject_type": subject_type, "modal": modal,
        "force": force, "negated": negated, "match": match, "word": word,
    }


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
    assert list(mp.columns) == ["sentence", "subject", "subject_type", "modal", "force", "negated", "match", "word"]
    assert mp.empty
    assert str(mp["negated"].dtype) == "bool"
    assert str(mp["word"].dtype) == "int64"


def test_accepts_document_and_rejects_other_types(seed_doc):
    assert_frame_equal(modal_phrases(seed_doc), modal_phrases(seed_doc.text))
    for func in (modal_phrases, obligation_table, pronouns, pronoun_matches, structure, sections,
                 rhetoric_measures):
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
    n = seed_doc.n_words
    m = rhetoric_measures(seed_doc)
    assert m["modals_per_1000"] == pytest.approx(25 * 1000 / n)
    assert m["obligation_per_1000"] == pytest.approx(19 * 1000 / n)
    assert m["possibility_per_1000"] == pytest.approx(3 * 1000 / n)
    assert m["prediction_per_1000"] == pytest.approx(3 * 1000 / n)
    assert m["we_must_per_1000"] == pytest.approx(SEED_WE_MUST * 1000 / n)
    assert m["we_need_per_1000"] == pytest.approx(SEED_WE_NEED * 1000 / n)
    # Pronouns, hand count (grep -oiw): we 22 + us 2 + our 6 = 30; I 6 + my 1 = 7;
    # you 6 + your 3 = 9; they 5 + them 4 + their 1 = 10.
    assert m["we_per_1000"] == pytest.approx(30 * 1000 / n)
    assert m["i_per_1000"] == pytest.approx(7 * 1000 / n)
    assert m["you_per_1000"] == pytest.approx(9 * 1000 / n)
    assert m["they_per_1000"] == pytest.approx(10 * 1000 / n)
    assert m["we_i_ratio"] == pytest.approx(30 / 7)
    assert m["enumeration_markers"] == 5
    assert m["anaphora_runs"] == 3  # "we need", "we must", "new" (see test_seed_structure)


def test_measures_agree_with_the_tables(seed_doc):
    m = rhetoric_measures(seed_doc)
    mp = modal_phrases(seed_doc)
    n = seed_doc.n_words
    assert m["modals_per_1000"] == pytest.approx(len(mp) * 1000 / n)
    for key, force in [("obligation_per_1000", "obligation"), ("possibility_per_1000", "possibility"),
                       ("prediction_per_1000", "prediction-volition")]:
        assert m[key] == pytest.approx((mp["force"] == force).sum() * 1000 / n)
    p = pronouns(seed_doc)
    assert m["we_per_1000"] == pytest.approx(p.loc["first_plural", "per_1000"])
    st = structure(seed_doc)
    assert m["enumeration_markers"] == (st["kind"] == "enumeration").sum()
    assert m["anaphora_runs"] == ((st["kind"] == "anaphora") & ~st["stopword_only"]).sum()


def test_seed_obligation_table(seed_doc):
    ot = obligation_table(seed_doc)
    assert list(ot.columns) == ["must", "need", "should", "total", "example"]
    assert list(ot.index) == ["we", "this", "you", "United Nations"]
    assert ot.index.name == "subject"
    assert ot.loc["we", ["must", "need", "should", "total"]].tolist() == [8, 7, 1, 16]
    assert ot.loc["United Nations", "example"] == "Fifth, the United Nations needs to do more to support you."
    assert ot.loc["this", "example"] == "This must, above all, include young people."


def test_obligation_table_force_option(seed_doc):
    ot = obligation_table(seed_doc, force="possibility")
    # can: "all who", "all information", "more" (hand count above)
    assert list(ot.index) == ["all who", "all information", "more"]
    assert ot["can"].tolist() == [1, 1, 1]
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


# ---------------------------------------------------------------------------
# Pronouns
# ---------------------------------------------------------------------------


def test_pronoun_counts_hand_counted():
    # first_plural: We, us, our, let's, we're, ourselves = 6
    # first_singular: I, my, I'm = 3 ("World War I" is a numeral, not counted)
    # second: you, your = 2; third_plural: They, them, their = 3
    # "US" (the country) is not "us".
    text = (
        "We told us our plan; let's go, we're ready ourselves. "
        "I said my piece and I'm done. "
        "You know your role. "
        "They gave them their word. "
        "The US joined after World War I."
    )
    p = pronouns(text)
    n = 33  # hand count: 10 + 7 + 4 + 5 + 7 words (let's, we're, I'm are one word each)
    assert analysis.segment(text).n_words == n
    expected = pd.DataFrame(
        {"count": [6, 3, 2, 3], "per_1000": [6000 / n, 3000 / n, 2000 / n, 3000 / n]},
        index=pd.Index(["first_plural", "first_singular", "second", "third_plural"], name="category"),
    )
    assert_frame_equal(p, expected)
    pm = pronoun_matches(text)
    assert list(pm.columns) == ["sentence", "word", "pronoun", "category"]
    assert len(pm) == 14
    assert pm.iloc[3].to_dict() == {"sentence": 0, "word": 5, "pronoun": "let's", "category": "first_plural"}
    assert "US" not in set(pm["pronoun"])
    m = rhetoric_measures(text)
    assert m["we_per_1000"] == pytest.approx(6000 / n)
    assert m["i_per_1000"] == pytest.approx(3000 / n)
    assert m["we_i_ratio"] == pytest.approx(2.0)


def test_we_i_ratio_nan_without_i_and_empty_text():
    assert math.isnan(rhetoric_measures("We must act.")["we_i_ratio"])
    with pytest.warns(analysis.EmptyTextWarning, match="no words"):
        m = rhetoric_measures("")
    assert math.isnan(m["modals_per_1000"]) and math.isnan(m["we_per_1000"])
    assert m["enumeration_markers"] == 0 and m["anaphora_runs"] == 0
    with pytest.warns(analysis.EmptyTextWarning):
        assert pronouns("")["count"].tolist() == [0, 0, 0, 0]


# ---------------------------------------------------------------------------
# Structure and sections
# ---------------------------------------------------------------------------


def test_seed_structure(seed_doc):
    st = structure(seed_doc)
    enum = st[st["kind"] == "enumeration"].reset_index(drop=True)
    # Sentence indices: 0 "Thank you ...", 1 "There will not ...", 2 "First, ...",
    # 22 "Second, ...", 33 "Third, ...", 35 "Fourth, ...", 39 "Fifth, ..."; 56 sentences.
    expected = pd.DataFrame(
        {
            "kind": ["enumeration"] * 5,
            "marker": ["First", "Second", "Third", "Fourth", "Fifth"],
            "sentence_start": [2, 22, 33, 35, 39],
            "sentence_end": [21, 32, 34, 38, 55],
            "n_sentences": [20, 11, 2, 4, 17],
            "stopword_only": [False] * 5,
        }
    )
    assert_frame_equal(enum, expected)
    ana = st[st["kind"] == "anaphora"].reset_index(drop=True)
    # 7-8 "We should ... / We must ...", 10-12 "We need them / And we need to / We need to",
    # 14-15 "They have / They are", 45-46 "We must fight / And we must mainstream",
    # 49-50 "New solutions / New partnerships".
    assert ana[["marker", "sentence_start", "sentence_end", "stopword_only"]].values.tolist() == [
        ["we", 7, 8, True],
        ["we need", 10, 12, False],
        ["they", 14, 15, True],
        ["we must", 45, 46, False],
        ["new", 49, 50, False],
    ]


def test_seed_sections(seed_doc):
    sec = sections(seed_doc)
    assert sec.name == "section" and sec.index.name == "sentence"
    assert len(sec) == seed_doc.n_sentences == 56
    spans = {label: (int(g.index.min()), int(g.index.max())) for label, g in sec.groupby(sec, sort=False)}
    assert spans == {"Opening": (0, 1), "First": (2, 21), "Second": (22, 32), "Third": (33, 34),
                     "Fourth": (35, 38), "Fifth": (39, 55)}


def test_markers_need_a_comma_and_repeat_labels_are_numbered():
    text = (
        "First Lady, thank you. "          # 0: not a marker (no comma after "First")
        "First of all, we act. "           # 1: First
        "Secondly, we plan. "              # 2: Second
        "Last year was hard. "             # 3: not a marker
        "First, a new list. "              # 4: First (2)
        "In conclusion, thank you."        # 5: In conclusion
    )
    sec = sections(text)
    assert_series_equal(
        sec,
        pd.Series(["Opening", "First", "Second", "Second", "First (2)", "In conclusion"],
                  index=pd.RangeIndex(6, name="sentence"), name="section", dtype="object"),
    )
    st = structure(text)
    assert st[st["kind"] == "enumeration"]["marker"].tolist() == ["First", "Second", "First", "In conclusion"]


def test_anaphora_prefers_the_longer_opening():
    # 0 "We need jobs", 1 "We must act", 2 "We must listen", 3 "But we must learn":
    # the run is 1-3 "we must" (3 sentences), not 0-3 "we".
    text = "We need jobs. We must act. We must listen. But we must learn. The end."
    st = structure(text)
    assert st[["kind", "marker", "sentence_start", "sentence_end", "n_sentences", "stopword_only"]].values.tolist() == [
        ["anaphora", "we must", 1, 3, 3, False]
    ]
    # Three-word openings: "We shall fight on ..." x3 -> "we shall fight"
    st = structure("We shall fight on the beaches. We shall fight on the landing grounds. "
                   "We shall fight in the fields.")
    assert st["marker"].tolist() == ["we shall fight"]
    assert rhetoric_measures("We shall fight on the beaches. We shall fight in the fields.")["anaphora_runs"] == 1


# ---------------------------------------------------------------------------
# KWIC
# ---------------------------------------------------------------------------


def test_kwic_word_phrase_and_glob(seed_doc):
    k = kwic(seed_doc, "rule of law")
    assert k.to_dict("records") == [
        {"left": "that do not compromise the", "match": "rule of law",
         "right": "and human rights And we", "sentence": 45, "word": 12,
         "position": seed_doc.sentences[45].first_word + 12}
    ]
    # Hand count of "we must" (case-insensitive, adjacent words): 8, as above.
    assert len(kwic(seed_doc, "we must")) == 8
    # "counter-terror*": Counter-Terrorism x4 (Week, Office, Network, Strategy) and
    # counter-terrorism x3 (engage women in, policies, efforts) = 7
    assert len(kwic(seed_doc, "counter-terror*")) == 7
    # "terror*" matches terrorism, terrorist(s) but not counter-terrorism: hand count 16
    # (terrorism x7 incl. "Forum to Counter Terrorism", terrorists x5, terrorist x4).
    t = kwic(seed_doc, "terror*")
    assert len(t) == 16
    assert set(w.lower() for w in t["match"]) == {"terrorism", "terrorists", "terrorist"}


def test_kwic_window_crosses_sentences_and_positions():
    text = "One two three. Four five six."
    k = kwic(text, "four", window=2)
    assert k.to_dict("records") == [
        {"left": "two three", "match": "Four", "right": "five six", "sentence": 1, "word": 0, "position": 3}
    ]
    assert kwic(text, "f?ve", window=0).to_dict("records") == [
        {"left": "", "match": "five", "right": "", "sentence": 1, "word": 1, "position": 4}
    ]
    assert kwic(text, "seven").empty
    assert list(kwic(text, "seven").columns) == ["left", "match", "right", "sentence", "word", "position"]


@pytest.mark.parametrize("pattern, bad", [("terror|ism", "|"), ("[Tt]error", "[ ]"), ("(we)", "( )"),
                                          ("must+", "+"), ("^we", "^"), ("law$", "$"), ("a{2}", "{ }"),
                                          ("\\bwe", "\\")])
def test_kwic_rejects_regex_syntax(pattern, bad):
    with pytest.raises(ValueError, match="unsupported character") as exc:
        kwic("We must act.", pattern)
    msg = str(exc.value)
    for ch in bad.split():
        assert ch in msg
    assert "glob" in msg


def test_kwic_rejects_empty_pattern_and_bad_window():
    with pytest.raises(ValueError, match="empty pattern"):
        kwic("We must act.", "  ")
    with pytest.raises(ValueError, match="window"):
        kwic("We must act.", "must", window=-1)


def test_measures_scale_linearly_with_repeated_text(seed_text):
    # 100 copies of the seed speech: every rate is the seed speech's rate
    # (speed is measured by benchmarks/, never by a timed unit test).
    doc = analysis.segment("\n\n".join([seed_text] * 100))
    m = rhetoric_measures(doc)
    assert m["we_must_per_1000"] == pytest.approx(SEED_WE_MUST * 1000 / analysis.segment(seed_text).n_words)


def test_measures_agree_with_modal_phrases_on_mixed_text():
    # The fast path (subjects only for must/need/shall) must count exactly what the table shows.
    text = (
        "We, the international community, must act. Must we wait? We'll need to act. "
        "The Council shall report. We shall overcome. We don't need to wait. What we need is action. "
        "The will of the people must be respected. In May we met. They won't stop. All of us must act."
    )
    mp = modal_phrases(text)
    n = analysis.segment(text).n_words
    m = rhetoric_measures(text)
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
