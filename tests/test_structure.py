"""Tests for analysis.structure: enumeration markers, anaphora runs, sections.

Every expected number is hand-counted; the count is written next to each passage.
"""

from __future__ import annotations

import pandas as pd
import pytest
from pandas.testing import assert_frame_equal, assert_series_equal

import analysis
from analysis import LEADING, sections, structure


def test_seed_structure(seed_doc):
    st = structure(seed_doc)
    enum = st[st["kind"] == "enumeration"].reset_index(drop=True)
    # Sentence indices: 0 "Thank you ...", 1 "There will not ...", 2 "First, ...",
    # 22 "Second, ...", 33 "Third, ...", 35 "Fourth, ...", 39 "Fifth, ..."; 56 sentences.
    expected = pd.DataFrame(
        {
            "kind": pd.Series(["enumeration"] * 5, dtype=object),
            "marker": pd.Series(["First", "Second", "Third", "Fourth", "Fifth"], dtype=object),
            "sentence": [2, 22, 33, 35, 39],  # was sentence_start
            "sentence_end": [21, 32, 34, 38, 54],  # 55 "Thank you very much." is the closing
            "n_sentences": [20, 11, 2, 4, 16],
            "stopword_only": [False] * 5,
        }
    )
    assert_frame_equal(enum[expected.columns], expected)
    ana = st[st["kind"] == "anaphora"].reset_index(drop=True)
    # 7-8 "We should ... / We must ...", 10-12 "We need them / And we need to / We need to",
    # 14-15 "They have / They are", 45-46 "We must fight / And we must mainstream",
    # 49-50 "New solutions / New partnerships".
    assert ana[["marker", "sentence", "sentence_end", "stopword_only"]].values.tolist() == [
        ["we", 7, 8, True],
        ["we need", 10, 12, False],
        ["they", 14, 15, True],
        ["we must", 45, 46, False],
        ["new", 49, 50, False],
    ]
    # start/end span the words of every sentence of the part or run (end exclusive)
    sents = seed_doc.sentences
    for row in st.itertuples():
        assert row.start == sents[row.sentence].first_word
        last = sents[row.sentence_end]
        assert row.end == last.first_word + len(last.words)
        assert row.word_in_sentence == 0
        assert row.position == row.start / seed_doc.n_words
    # the last numbered part runs to the closing ("Thank you very much.", 4 words), which runs to the end
    closing = st[st["kind"] == "closing"]
    assert enum["end"].iloc[-1] == seed_doc.n_words - 4 == closing["start"].iloc[0]
    assert closing["end"].iloc[0] == seed_doc.n_words


def test_structure_columns_and_dtypes():
    st = structure("No structure here.")
    assert st.empty
    assert list(st.columns) == [*LEADING, "kind", "marker", "sentence_end", "n_sentences", "stopword_only"]
    assert_frame_equal(structure("First, we act. Second, we plan.").iloc[:0], st)


def test_structure_leading_columns_hand_counted():
    # 0 "Thank you." (2 words: 0-1), 1 "First, we act." (3: 2-4), 2 "Finally, we rest." (3: 5-7); 8 words
    st = structure("Thank you. First, we act. Finally, we rest.")
    assert st[[*LEADING, "marker", "sentence_end"]].to_dict("records") == [
        {"sentence": 1, "start": 2, "end": 5, "word_in_sentence": 0, "position": 2 / 8,
         "marker": "First", "sentence_end": 1},
        {"sentence": 2, "start": 5, "end": 8, "word_in_sentence": 0, "position": 5 / 8,
         "marker": "Finally", "sentence_end": 2},
    ]


def test_seed_sections(seed_doc):
    sec = sections(seed_doc)
    assert sec.name == "section" and sec.index.name == "sentence"
    assert len(sec) == seed_doc.n_sentences == 56
    spans = {label: (int(g.index.min()), int(g.index.max())) for label, g in sec.groupby(sec, sort=False)}
    assert spans == {"Opening": (0, 1), "First": (2, 21), "Second": (22, 32), "Third": (33, 34),
                     "Fourth": (35, 38), "Fifth": (39, 54), "Closing": (55, 55)}


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
    assert st[["kind", "marker", "sentence", "sentence_end", "n_sentences", "stopword_only"]].values.tolist() == [
        ["anaphora", "we must", 1, 3, 3, False]
    ]
    # Three-word openings: "We shall fight on ..." x3 -> "we shall fight"
    st = structure("We shall fight on the beaches. We shall fight on the landing grounds. "
                   "We shall fight in the fields.")
    assert st["marker"].tolist() == ["we shall fight"]
    assert analysis.profile("We shall fight on the beaches. We shall fight in the fields.")["anaphora_runs"] == 1


def test_anaphora_after_a_leading_conjunction_and_lone_conjunctions():
    # 0, 1 "And." have no opening (no run); 2 "We shall fight", 3 "And we shall win", 4 "We shall
    # prevail" share "we shall"; 5 "They act", 6 "So they act now", 7 "Yet they act" share "they act".
    text = "And. And. We shall fight. And we shall win. We shall prevail. They act. So they act now. Yet they act."
    st = structure(text)
    assert st[["kind", "marker", "sentence", "sentence_end", "n_sentences", "stopword_only"]].values.tolist() == [
        ["anaphora", "we shall", 2, 4, 3, False],
        ["anaphora", "they act", 5, 7, 3, False],
    ]
    assert analysis.profile(text)["anaphora_runs"] == 2


def test_seed_structure_measures(seed_doc):
    m = analysis.profile(seed_doc)
    assert m["enumeration_markers"] == 5
    assert m["anaphora_runs"] == 3  # "we need", "we must", "new" (see test_seed_structure)


def test_profile_structure_measures_count_the_table(seed_doc):
    # was rhetoric_measures (a second counting path) against the table; the profile now counts
    # structure's rows, and this checks it does on the seed speech.
    m = analysis.profile(seed_doc)
    st = structure(seed_doc)
    assert m["enumeration_markers"] == (st["kind"] == "enumeration").sum()
    assert m["anaphora_runs"] == ((st["kind"] == "anaphora") & ~st["stopword_only"]).sum()


def test_stopword_only_runs_are_listed_not_counted():
    # "We act. We plan." repeats only "we" (a stop word): listed, not counted
    text = "We act. We plan."
    st = structure(text)
    assert st[["kind", "marker", "stopword_only"]].values.tolist() == [["anaphora", "we", True]]
    assert analysis.profile(text)["anaphora_runs"] == 0


def test_accepts_document_and_rejects_other_types(seed_doc):
    assert_frame_equal(structure(seed_doc), structure(seed_doc.text))
    for func in (structure, sections):
        with pytest.raises(TypeError, match="str or an analysis.Document, got bytes"):
            func(b"We must act.")


@pytest.mark.parametrize(
    "text, labels",
    [
        # the thanks that end a speech are its closing, not part of the last numbered point
        ("First, we act. We will win. Thank you very much.", ["First", "First", "Closing"]),
        ("First, we act. We win. Thank you. I thank you.", ["First", "First", "Closing", "Closing"]),
        # a closing formula opens the closing; what follows it belongs to it
        ("First, we act. Second, we win. Let me conclude. We will. Thank you.",
         ["First", "Second", "Closing", "Closing", "Closing"]),
        ("We act. Allow me to close with a story. It is short.", ["Opening", "Closing", "Closing"]),
        # "In conclusion" is already a part of its own: no second closing for the thanks
        ("We act. In conclusion, we win. Thank you.", ["Opening", "In conclusion", "In conclusion"]),
        # not closings: a speech of thanks only; thanks in the middle; a long sentence opening with thanks
        ("Thank you.", ["Opening"]),
        ("Thank you for coming. We act now.", ["Opening", "Opening"]),
        ("We act. Thank you to every volunteer who gave up weekends, evenings and holidays for this town.",
         ["Opening", "Opening"]),
    ],
)
def test_closing_is_its_own_part(text, labels):
    assert analysis.sections(text).tolist() == labels
    st = analysis.structure(text)
    closing = st[st["kind"] == "closing"]
    assert len(closing) == (1 if "Closing" in labels else 0)
    if len(closing):
        assert closing["sentence"].iloc[0] == labels.index("Closing")
        # the numbered part before it ends where the closing starts
        enum = st[(st["kind"] == "enumeration") & (st["sentence"] < closing["sentence"].iloc[0])]
        assert (enum["sentence_end"] < closing["sentence"].iloc[0]).all()


def test_closing_does_not_count_as_an_enumeration_marker():
    assert analysis.profile("First, we act. We win. Thank you.")["enumeration_markers"] == 1
