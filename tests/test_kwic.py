"""Tests for analysis.kwic: key words in context.

Every expected number is hand-counted; the count is written next to each passage.
More pattern errors are in test_bad_input.py.
"""

from __future__ import annotations

import pytest
from pandas.testing import assert_frame_equal

from analysis import LEADING, kwic


def test_kwic_word_phrase_and_glob(seed_doc):
    k = kwic(seed_doc, "rule of law")
    start = seed_doc.sentences[45].first_word + 12
    assert k.to_dict("records") == [
        {"sentence": 45, "start": start, "end": start + 3, "word_in_sentence": 12,
         "position": start / seed_doc.n_words,
         "left": "that do not compromise the", "match": "rule of law",
         "right": "and human rights."}
    ]
    # Hand count of "we must" (case-insensitive, adjacent words): 8 (see test_modality.py).
    assert len(kwic(seed_doc, "we must")) == 8
    # "counter-terror*": Counter-Terrorism x4 (Week, Office, Network, Strategy) and
    # counter-terrorism x3 (engage women in, policies, efforts) = 7
    assert len(kwic(seed_doc, "counter-terror*")) == 7
    # "terror*" matches terrorism, terrorist(s) but not counter-terrorism: hand count 16
    # (terrorism x7 incl. "Forum to Counter Terrorism", terrorists x5, terrorist x4).
    t = kwic(seed_doc, "terror*")
    assert len(t) == 16
    assert set(w.lower() for w in t["match"]) == {"terrorism", "terrorists", "terrorist"}
    # the match is the document's words start..end
    for row in t.itertuples():
        assert row.match == " ".join(seed_doc.words[row.start:row.end])


def test_kwic_context_stops_at_the_sentence_and_keeps_punctuation():
    # 6 words: One(0) two(1) three(2). Four(3) five(4) six(5).
    text = "One two three. Four five six."
    k = kwic(text, "four", window=2)
    # the left context does not run into the previous sentence; the right one keeps the full stop
    assert k.to_dict("records") == [
        {"sentence": 1, "start": 3, "end": 4, "word_in_sentence": 0, "position": 3 / 6,
         "left": "", "match": "Four", "right": "five six."}
    ]
    got = kwic("Fifth, and finally, trust must grow; it must (again) be earned.", "must", window=2)
    assert got[["left", "match", "right"]].values.tolist() == [
        ["finally, trust", "must", "grow; it"], ["grow; it", "must", "(again) be"]]
    assert kwic(text, "f?ve", window=0).to_dict("records") == [
        {"sentence": 1, "start": 4, "end": 5, "word_in_sentence": 1, "position": 4 / 6,
         "left": "", "match": "five", "right": ""}
    ]
    assert kwic(text, "seven").empty
    assert list(kwic(text, "seven").columns) == [*LEADING, "left", "match", "right"]
    assert_frame_equal(kwic(text, "four").iloc[:0], kwic(text, "seven"))


def test_kwic_phrase_spans_its_words():
    # "we must" twice: words 0-1 and 4-5 of "We must act. And we must win."
    k = kwic("We must act. And we must win.", "we must", window=1)
    assert k[["sentence", "start", "end", "word_in_sentence"]].values.tolist() == [[0, 0, 2, 0], [1, 4, 6, 1]]


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


def test_accepts_document_and_rejects_other_types(seed_doc):
    assert_frame_equal(kwic(seed_doc, "must"), kwic(seed_doc.text, "must"))
    with pytest.raises(TypeError, match="str or an analysis.Document, got bytes"):
        kwic(b"We must act.", "must")
