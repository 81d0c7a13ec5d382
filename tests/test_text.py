"""The one segmentation: sentences, words, syllables, reading files, cleaning."""

from __future__ import annotations

import codecs
import sys
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import analysis
from analysis import syllable_counts as sylmod
from analysis import text as textmod

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "benchmarks"))
from bench_segmentation import load_cases  # noqa: E402  (the published hard-case set)

CASES = load_cases()


# --- sentences -------------------------------------------------------------


@pytest.mark.parametrize("text,expected", CASES, ids=[c[0][:40] for c in CASES])
def test_hard_cases(text, expected):
    assert analysis.sentences(text) == expected


def test_hard_case_set_is_substantial():
    assert len(CASES) >= 60


@pytest.mark.parametrize("text", ["", "   ", "\n\n\t  \n"])
def test_empty_and_whitespace_give_no_sentences(text):
    assert analysis.sentences(text) == []
    assert analysis.words(text) == []


@pytest.mark.parametrize("bad", [None, 42, b"bytes", ["a list"]])
def test_non_string_raises_type_error(bad):
    with pytest.raises(TypeError, match="expects text as a str"):
        analysis.sentences(bad)
    with pytest.raises(TypeError):
        analysis.words(bad)
    with pytest.raises(TypeError):
        analysis.segment(bad)


def test_no_final_punctuation_is_one_sentence():
    assert analysis.sentences("we must act now and together") == ["we must act now and together"]


def test_blank_line_always_a_boundary_single_line_break_never():
    text = "The first part has\na line break inside\n\nthe second paragraph"
    assert analysis.sentences(text) == [
        "The first part has a line break inside",
        "the second paragraph",
    ]


def test_crlf_is_a_line_break():
    assert analysis.sentences("One.\r\n\r\nTwo\r\nthree.") == ["One.", "Two three."]


_speechy = st.lists(
    st.sampled_from(list("abcXYZ .!?\n\"'()[]:;,-…’“”0123456789") + ["Mr. ", "U.S. ", "[Applause] ", "\n\n", "we "]),
    max_size=80,
).map("".join)


@settings(max_examples=300, deadline=None)
@given(_speechy)
def test_splitting_never_loses_or_duplicates_a_character(text):
    got = "".join("".join(s.split()) for s in analysis.sentences(text))
    assert got == "".join(text.split())


@settings(max_examples=200, deadline=None)
@given(_speechy)
def test_extra_spaces_do_not_change_counts(text):
    wider = text.replace(" ", "  ")
    assert analysis.sentences(wider) == analysis.sentences(text)
    assert analysis.words(wider) == analysis.words(text)


# --- words -----------------------------------------------------------------


def test_words_hand_counted():
    # Hand count: We(1) don't(2) want(3) counter-terrorism(4) to(5) cost(6) 1,000(7)
    # lives(8) or(9) 2.5(10) billion(11) in(12) the(13) U.S.(14) we'll(15) see(16) = 16
    text = "We don’t want counter-terrorism to cost 1,000 lives, or 2.5 billion, in the U.S.; we'll see!"
    assert analysis.words(text) == [
        "We", "don't", "want", "counter-terrorism", "to", "cost", "1,000", "lives", "or",
        "2.5", "billion", "in", "the", "U.S.", "we'll", "see",
    ]


def test_punctuation_is_never_a_word():
    assert analysis.words("— ... !? ; : , - “ ” ( ) [ ]") == []


def test_curly_and_straight_apostrophes_agree():
    assert analysis.words("We’ll") == analysis.words("We'll") == ["We'll"]
    assert analysis.syllables("we’ll") == analysis.syllables("we'll")


# --- syllables -------------------------------------------------------------


@pytest.mark.parametrize(
    "word,count,source",
    [
        ("terrorism", 4, "cmudict"),  # T EH1 R ER0 IH2 Z AH0 M
        ("the", 1, "cmudict"),
        ("radicalization", 6, "cmudict"),
        ("Secretary", 4, "cmudict"),
        ("counter-terrorism", 6, "compound"),  # coun-ter (2) + ter-ror-ism (4)
        ("all-of-UN", 4, "compound"),  # all (1) + of (1) + U-N (2)
        ("UN", 2, "initialism"),  # not the prefix "un"
        ("NATO", 2, "cmudict"),  # an acronym read as a word
        ("1,000", 3, "number"),  # one thou-sand
        ("25", 3, "number"),  # twen-ty five
        ("2.5", 3, "number"),  # two point five
        ("1918", 4, "number"),  # nine-teen eigh-teen (Flesch's own example)
        ("U.S.", 2, "cmudict"),
        ("UNOCT", 2, "rule"),
    ],
)
def test_syllables_and_their_source(word, count, source):
    assert analysis.syllables(word) == count
    assert analysis.syllable_source(word) == source


def test_syllable_rule_fallback_is_sane():
    # words not in CMUdict: counted by vowel groups with silent-e correction
    assert sylmod._rule_syllables("zorbate") == 2
    assert sylmod._rule_syllables("blick") == 1
    assert sylmod._rule_syllables("zz") == 1


def test_spell_number():
    assert textmod.spell_number("2396") == ["two", "thousand", "three", "hundred", "ninety", "six"]
    assert textmod.spell_number("1,000") == ["one", "thousand"]
    assert textmod.spell_number("1990s") == ["nineteen", "nineties"]
    assert textmod.spell_number("abc") is None


# --- reading files ---------------------------------------------------------


@pytest.mark.parametrize(
    "encoded",
    [
        "Thank you.\nWe must act.".encode("utf-8"),
        codecs.BOM_UTF8 + "Thank you.\nWe must act.".encode("utf-8"),
        "Thank you.\nWe must act.".encode("utf-16"),  # with BOM
        "Thank you.\r\nWe must act.".encode("utf-8"),
    ],
    ids=["utf8", "utf8-bom", "utf16-bom", "crlf"],
)
def test_read_text_encodings(tmp_path, encoded):
    path = tmp_path / "speech.txt"
    path.write_bytes(encoded)
    assert analysis.read_text(path) == "Thank you.\nWe must act."


def test_undecodable_bytes_name_file_and_offset(tmp_path):
    path = tmp_path / "bad.txt"
    path.write_bytes(b"Thank you.\n\xff\xfeno")  # 0xff at byte offset 11
    # (\xff\xfe at offset 11 is not a BOM because it is not at the start)
    with pytest.raises(analysis.TextDecodeError, match=r"bad\.txt.*byte offset 11"):
        analysis.read_text(path)


def test_missing_file_is_named(tmp_path):
    with pytest.raises(FileNotFoundError, match="nope.txt"):
        analysis.read_text(tmp_path / "nope.txt")


# --- the segmented document ------------------------------------------------


def test_segment_removes_and_lists_transcript_noise():
    text = "The President. Thank you very much. [Applause]\n\nWe will win [applause] and prosper. (Laughter.) Audience members. Boo."
    doc = analysis.segment(text)
    assert [s.text for s in doc.sentences] == [
        "Thank you very much.",
        "We will win and prosper.",
        "Audience members.",  # not at a paragraph start: speech, kept
        "Boo.",
    ]
    kinds = [(r.kind, r.text) for r in doc.removed]
    assert kinds == [
        ("speaker label", "The President."),
        ("stage direction", "[Applause]"),
        ("stage direction", "[applause]"),
        ("stage direction", "(Laughter.)"),
    ]
    # the inline direction is attributed to the sentence it sat in
    assert doc.removed[2].sentence == 1


def test_editorial_brackets_are_speech():
    doc = analysis.segment("New partnerships have been established inside and [outside] the room.")
    assert doc.sentences[0].words[-3:] == ("outside", "the", "room")
    assert doc.removed == ()


def test_segment_counts_agree_with_the_parts():
    text = "We must act. We need them.\n\nThe United Nations needs to do more."
    doc = analysis.segment(text)
    assert doc.n_sentences == len(analysis.sentences(text)) == 3
    assert doc.n_words == len(analysis.words(text)) == 13  # 3 + 3 + 7
    assert doc.n_syllables == sum(analysis.syllables(w) for w in analysis.words(text))
    assert [s.first_word for s in doc.sentences] == [0, 3, 6]
    assert [s.paragraph for s in doc.sentences] == [0, 0, 1]


def test_seed_speech_segmentation():
    from analysis import config

    doc = analysis.segment(analysis.read_text(config.DATA_DIR / "un-sg-2018-06-29.txt"))
    # hand-checked: 53 lines of body text, three of which hold two sentences
    # ("... counter-terrorism. They have ...", "... organizations. Their experience ...")
    # ("... shared.  You need ...") -> 56 sentences.
    assert doc.n_sentences == 56
    assert doc.sentences[0].text == "Thank you for these productive two days."
    assert doc.sentences[-1].text == "Thank you very much."
    assert 900 <= doc.n_words <= 950
    assert doc.removed == ()


def test_bracketed_transcript_note_standing_alone_is_removed():
    # from the 2026 State of the Union transcript: a note, not speech
    text = (
        "We will never give up. [At this point, Representative Alexander N. Green was escorted "
        "from the House Chamber.] The President. Thank you."
    )
    doc = analysis.segment(text)
    assert [s.text for s in doc.sentences] == ["We will never give up.", "The President.", "Thank you."]
    assert doc.removed[0].kind == "stage direction"
    assert doc.removed[0].text.startswith("[At this point")


def test_lower_words_are_shared_and_aligned():
    doc = analysis.segment("We’ll act. The UN must ACT.")
    assert doc.lower_words == ("we'll", "act", "the", "un", "must", "act")
    assert doc.lower_words is doc.lower_words  # computed once


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(list("ab1Z.,'’-_()[]\"…$%") + [" ", "  ", "\n", "U.S.", "don't", "1,000", "é"]), max_size=60).map("".join))
def test_fast_word_path_equals_the_word_pattern(text):
    # words() takes a fast path for plain chunks; it must equal the documented pattern
    expected = [w.replace("’", "'") for w in textmod._WORD.findall(text)]
    assert analysis.words(text) == expected


def test_other_speakers_and_headings_are_not_the_speech():
    text = (
        "NATIONAL DEFENSE\n\n"
        "We must be strong.\n\n"
        "Audience members. U.S.A.! U.S.A.!\n\n"
        "The President. Thank you.\n\n"
        "II.\n\n"
        "Wow!\n\n"
        "Audience member. Yes! We love you!\n\n"
        "Rep. Omar. You have killed Americans!"
    )
    doc = analysis.segment(text)
    assert [s.text for s in doc.sentences] == ["We must be strong.", "Thank you.", "Wow!"]
    assert [(r.kind, r.text) for r in doc.removed] == [
        ("heading", "NATIONAL DEFENSE"),
        ("speaker label", "Audience members."),
        ("other speaker", "U.S.A.!"),
        ("other speaker", "U.S.A.!"),
        ("speaker label", "The President."),
        ("heading", "II."),
        ("speaker label", "Audience member."),
        ("other speaker", "Yes!"),
        ("other speaker", "We love you!"),
        ("speaker label", "Rep. Omar."),
        ("other speaker", "You have killed Americans!"),
    ]


# Speed round 7: the cheap tests that guard the sentence split give the answers of the tests they replace.

_MARK_PIECES = st.lists(st.sampled_from(
    [".", "..", ". .", "!", "?", "\u2026", "\"", "\u201d", ")", "]", " ", "  ", "\n", "We", "the", "U.S", "a", "1",
     "1.5", "Mr", "May", "x"]), max_size=14).map("".join)


@settings(max_examples=400, deadline=None)
@given(_MARK_PIECES)
def test_candidates_are_the_matches_of_the_one_pattern(para):
    # a paragraph of full stops only is searched with the literal-led pattern: the same matches
    assert [m.span() for m in textmod._candidates(para)] == [m.span() for m in textmod._CANDIDATE.finditer(para)]


def test_candidates_of_full_stops_only():
    para = 'He said "Go." Then U.S. troops left.We stayed. . . And 2.5 per cent. The end.'
    spans = [m.span() for m in textmod._candidates(para)]
    assert spans == [m.span() for m in textmod._CANDIDATE.finditer(para)]
    assert [para[a:b] for a, b in spans] == ['."', ".", ".", ". . .", ".", "."]


def _may_hold_list_plainly(para):
    return (
        para.startswith(("1.", "1)", "a.", "a)"))
        or any(f"{lead}{label}{mark}" in para for lead in " \n" for label in "1a" for mark in ".)")
        or any(b in para for b in "\u2022\u2043\u25e6")
    )


@settings(max_examples=400, deadline=None)
@given(st.lists(st.sampled_from(["1", "a", ".", ")", " ", "\n", "b", "2", "\u2022", "\u25e6", "\u2043", "\u00e9"]),
                max_size=10).map("".join))
def test_may_hold_list_is_the_plain_test(para):
    assert textmod._may_hold_list(para) == _may_hold_list_plainly(para)


@pytest.mark.parametrize("para, expected", [
    ("We act. 1. Jobs. 2. Schools.", True), ("a) one b) two", True), ("\u2022 Jobs \u2022 Schools", True),
    ("Plan a. It works.", True), ("In 1917. We went.", False), ("America. We act.", False), ("Item 1: x", False),
])
def test_may_hold_list_examples(para, expected):
    assert textmod._may_hold_list(para) is expected


def test_sentences_are_squashed_only_where_the_paragraph_needs_it():
    assert textmod._split_paragraph("We act.  Now we\nwin. Done.") == ["We act.", "Now we win.", "Done."]
    assert textmod._split_paragraph("We act. Now we win.") == ["We act.", "Now we win."]
    doc = analysis.segment("We act (Applause.) now. [Laughter] Then we win.\n\nNo brackets here. None.")
    assert [s.text for s in doc.sentences] == ["We act now.", "Then we win.", "No brackets here.", "None."]
    assert [r.text for r in doc.removed if r.kind == "stage direction"] == ["(Applause.)", "[Laughter]"]


def test_sentence_of_is_the_sentence_holding_each_word():
    # Document.sentence_of (one bisection over the sentences' first words, shared by modality, pronouns
    # and themes): every document word index lies inside the sentence it returns, in a text with a
    # one-word sentence, an ellipsis and a paragraph break
    doc = analysis.segment("We must act. ... Now!\n\nThey said it would rain; it did. Why?")
    for i in range(doc.n_words):
        s = doc.sentence_of(i)
        assert s.first_word <= i < s.first_word + len(s.words)
        assert s.words[i - s.first_word] == doc.words[i]
    assert [doc.sentence_of(s.first_word).index for s in doc.sentences if s.words] == \
        [s.index for s in doc.sentences if s.words]
