"""Adversarial input for every public function: bad types, empty and odd text, broken files and folders.

What the package promises (README, module docstrings):

* a non-str, non-Document text raises ``TypeError`` naming the function and the type;
* empty, whitespace-only or noise-only text gives zero counts and NaN rates with one
  :class:`analysis.EmptyTextWarning`, never a division error;
* files: UTF-8 with or without BOM, UTF-16/UTF-32 with BOM, any line ending; undecodable
  bytes raise :class:`analysis.TextDecodeError` naming the file and the byte offset;
* corpus folders: every problem names the item; the load continues with what is valid and
  ``skipped(df)`` lists what was left out, so that loaded + skipped accounts for everything;
* theme dictionaries and kwic patterns: a clear ``ValueError`` naming file, theme and entry.
"""

from __future__ import annotations

import codecs
import math
import os
import subprocess
import sys
import warnings

import numpy as np
import pandas as pd
import pytest

import analysis
from analysis import CorpusError, CorpusWarning, EmptyTextWarning, TextDecodeError

# ---------------------------------------------------------------------------
# Inputs
# ---------------------------------------------------------------------------

NO_WORDS = {
    "empty": "",
    "whitespace": "  \n\t \u00a0\n\n   ",
    "applause": "[Applause]",
    "noise": "(Applause.)\n\n[Laughter]\n\nThe President.",
}
NOT_TEXT = [None, 5, 2.5, b"We must act.", ["We must act."], ("We",), {"text": "x"}]

# 10,000 words, no punctuation at all: one sentence.
LONG = " ".join(["security"] * 5_000 + ["we"] * 5_000)

# Emoji, RTL Arabic, CJK, a decomposed accent (e + U+0301), zero-width space, NBSP, tab.
# Hand count of the words: We, must, act, Now, together, for, مرحبا, and, 你好, Café, crème = 11.
# The emoji is no word; U+200B/NBSP/tab separate words like a space.
UNICODE = (
    "We \U0001F600 must act.\u200b Now\u00a0together\tfor \u0645\u0631\u062d\u0628\u0627 and \u4f60\u597d.\n\n"
    "Cafe\u0301 cre\u0300me!"
)
UNICODE_WORDS = ["We", "must", "act", "Now", "together", "for", "\u0645\u0631\u062d\u0628\u0627", "and",
                 "\u4f60\u597d", "Caf\u00e9", "cr\u00e8me"]


def _sections(text):
    doc = text if isinstance(text, analysis.Document) else analysis.segment(text)
    return analysis.sections(doc)


# Every public function that takes one text (str or Document); extra arguments filled in.
TEXT_FUNCS = {
    "profile": analysis.profile,
    "sentence_table": analysis.sentence_table,
    "sentence_length_stats": analysis.sentence_length_stats,
    "readability": analysis.readability,
    "readability_counts": analysis.readability_counts,
    "readability_report": analysis.readability_report,
    "word_table": analysis.word_table,
    "lexical_diversity": analysis.lexical_diversity,
    "mtld_factors": analysis.mtld_factors,
    "modal_phrases": analysis.modal_phrases,
    "obligation_table": analysis.obligation_table,
    "pronouns": analysis.pronouns,
    "pronoun_matches": analysis.pronoun_matches,
    "modal_counts": lambda t: analysis.modal_counts(t, n_boot=50),
    "pronoun_rates": lambda t: analysis.pronoun_rates(t, n_boot=50),
    "rhetoric_measures": analysis.rhetoric_measures,
    "structure": analysis.structure,
    "sections": analysis.sections,
    "kwic": lambda t: analysis.kwic(t, "terror*"),
    "themes": lambda t: analysis.themes(t, n_boot=50),
    "theme_matches": analysis.theme_matches,
    "theme_dispersion": analysis.theme_dispersion,
    "theme_by_section": lambda t: analysis.theme_by_section(t, pd.Series(dtype=object)),
    "theme_measures": analysis.theme_measures,
    "rate_with_interval": lambda t: analysis.rate_with_interval(t, pd.Series(dtype=float), n_boot=50),
    "keyness": lambda t: analysis.keyness(t, "We must act together now.", min_freq=1),
    "word_counts": lambda t: analysis.word_counts(t, cache=False),
    "segment": analysis.segment,
    "sentences": analysis.sentences,
    "words": analysis.words,
    "paragraphs": analysis.paragraphs,
}
# Functions that only take a str (no Document): their message says "expects text as a str".
STR_ONLY = {"segment", "sentences", "words", "paragraphs"}

# Functions whose result holds rates: an empty text must warn (EmptyTextWarning) and give NaN.
RATE_FUNCS = {
    "profile": lambda r: math.isnan(r["flesch_reading_ease"]) and r["words"] == 0,
    "sentence_length_stats": lambda r: all(math.isnan(v) for v in r.values()),
    "readability": lambda r: all(math.isnan(v) for v in r.values()),
    "readability_report": lambda r: r["score"].isna().all() and (r["note"] == "no words: no score").all(),
    "lexical_diversity": lambda r: r["tokens"] == 0 and math.isnan(r["ttr"]) and math.isnan(r["mtld"]),
    "pronouns": lambda r: (r["count"] == 0).all() and r["per_1000"].isna().all(),
    "modal_counts": lambda r: (r["count"] == 0).all() and r[["per_1000", "ci_low", "ci_high"]].isna().all().all(),
    "pronoun_rates": lambda r: (r["count"] == 0).all() and r[["per_1000", "ci_low", "ci_high"]].isna().all().all(),
    "rhetoric_measures": lambda r: math.isnan(r["modals_per_1000"]) and r["enumeration_markers"] == 0,
    "themes": lambda r: (r["count"] == 0).all() and r["per_1000"].isna().all(),
    "theme_dispersion": lambda r: (r["words"] == 0).all() and r["per_1000"].isna().all(),
    "theme_measures": lambda r: all(math.isnan(v) for v in r.values()),
    "rate_with_interval": lambda r: all(math.isnan(v) for v in r.values()),
}


def _no_warnings(fn, *args, **kwargs):
    """Call ``fn`` and fail if it warns."""
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        return fn(*args, **kwargs)


# ---------------------------------------------------------------------------
# Non-string input
# ---------------------------------------------------------------------------


@pytest.mark.parametrize("bad", NOT_TEXT, ids=lambda b: type(b).__name__)
@pytest.mark.parametrize("name", sorted(TEXT_FUNCS))
def test_non_text_input_is_a_clear_type_error(name, bad):
    with pytest.raises(TypeError) as info:
        TEXT_FUNCS[name](bad)
    msg = str(info.value)
    assert type(bad).__name__ in msg, msg  # names what it got
    assert "expect" in msg, msg  # and what it wanted
    if name in STR_ONLY:
        assert f"analysis.{name}()" in msg and "expects text as a str" in msg


@pytest.mark.parametrize("bad", NOT_TEXT, ids=lambda b: type(b).__name__)
@pytest.mark.parametrize("func", [analysis.syllables, analysis.syllable_source], ids=lambda f: f.__name__)
def test_word_functions_reject_non_strings(func, bad):
    with pytest.raises(TypeError, match=rf"analysis\.{func.__name__}\(\) expects text as a str, got {type(bad).__name__}"):
        func(bad)


def test_segment_checks_the_type_before_its_cache():
    # was: "TypeError: unhashable type: 'list'" from inside functools.lru_cache
    with pytest.raises(TypeError, match=r"analysis\.segment\(\) expects text as a str, got list"):
        analysis.segment(["We must act."])
    assert analysis.segment.cache_info().maxsize == 256  # benchmarks clear and read the cache


# ---------------------------------------------------------------------------
# No words: empty, white space, stage directions only
# ---------------------------------------------------------------------------


@pytest.mark.parametrize("kind", sorted(NO_WORDS))
@pytest.mark.parametrize("name", sorted(TEXT_FUNCS))
def test_text_without_words_never_raises(name, kind):
    text = NO_WORDS[kind]
    if name == "keyness":
        with pytest.raises(ValueError, match="keyness needs words on both sides: target has 0"):
            TEXT_FUNCS[name](text)
        return
    with warnings.catch_warnings(record=True) as record:
        warnings.simplefilter("always")
        result = TEXT_FUNCS[name](text)
    empty_warnings = [w for w in record if issubclass(w.category, EmptyTextWarning)]
    other = [w for w in record if not issubclass(w.category, EmptyTextWarning)]
    assert not other, [str(w.message) for w in other]
    if name in RATE_FUNCS:
        assert len(empty_warnings) == 1, [str(w.message) for w in record]
        msg = str(empty_warnings[0].message)
        assert msg.startswith(f"{name}(): the text has no words") and "NaN" in msg
        assert RATE_FUNCS[name](result)
    else:
        assert not empty_warnings
    if isinstance(result, pd.DataFrame) and name not in RATE_FUNCS and name not in {
        "readability_report", "obligation_table"
    }:
        assert len(result) == 0, name  # per-match and per-sentence tables are empty, with their columns
        assert len(result.columns) > 0
    if isinstance(result, list) and kind in ("empty", "whitespace"):
        assert result == []  # sentences(), words() and paragraphs() are the raw split: noise stays in them


@pytest.mark.parametrize("kind", sorted(NO_WORDS))
def test_empty_text_warning_is_user_and_runtime_warning(kind):
    # One class for every measure; old filters on UserWarning or RuntimeWarning keep working.
    for category in (EmptyTextWarning, UserWarning, RuntimeWarning):
        with pytest.warns(category, match="no words"):
            analysis.readability(NO_WORDS[kind])
        with pytest.warns(category, match="no words"):
            analysis.themes(NO_WORDS[kind], n_boot=10)


def test_profile_of_noise_only_counts_the_noise_and_warns_once():
    # "(Applause.)", "[Laughter]" (stage directions) and "The President." (speaker label): 3 removed
    with pytest.warns(EmptyTextWarning) as record:
        row = analysis.profile(NO_WORDS["noise"])
    assert len(record) == 1
    assert "3 transcript-noise segment(s) removed" in str(record[0].message)
    assert row[["sentences", "words", "syllables", "paragraphs"]].tolist() == [0, 0, 0, 0]
    assert row["removed_noise"] == 3
    assert row.drop(["sentences", "words", "syllables", "paragraphs", "removed_noise", "types",
                     "enumeration_markers", "anaphora_runs"]).isna().all()


def test_profile_of_empty_text_is_the_same_row_shape_as_a_real_one():
    with pytest.warns(EmptyTextWarning):
        empty = analysis.profile("")
    full = _no_warnings(analysis.profile, "We must act. We will act.")
    assert list(empty.index) == list(full.index)


# ---------------------------------------------------------------------------
# One word; one 10,000-word sentence; unusual Unicode
# ---------------------------------------------------------------------------


@pytest.mark.parametrize("name", sorted(set(TEXT_FUNCS) - {"keyness"}))
def test_single_word_without_punctuation(name):
    result = _no_warnings(TEXT_FUNCS[name], "Hello")
    if name == "profile":
        assert result[["sentences", "words", "paragraphs"]].tolist() == [1, 1, 1]
        assert math.isnan(result["sd_sentence_length"])  # SD of one sentence is undefined
        assert result["mean_sentence_length"] == 1
        # FRE = 206.835 - 1.015 * 1 - 84.6 * 2 ("hel-lo", 2 syllables) = 36.62
        assert result["flesch_reading_ease"] == pytest.approx(206.835 - 1.015 - 84.6 * 2)
    if name == "segment":
        assert [s.words for s in result.sentences] == [("Hello",)]


def test_single_word_keyness():
    table = _no_warnings(analysis.keyness, "Hello", "Hello there", min_freq=1)
    # a=1 of c=1 against b=1 of d=2: "hello" is over-used, "there" under-used
    assert table.set_index("word")["direction"].to_dict() == {"hello": "over", "there": "under"}


def test_ten_thousand_word_sentence():
    doc = analysis.segment(LONG)
    assert doc.n_sentences == 1 and doc.n_words == 10_000
    row = _no_warnings(analysis.profile, LONG)
    assert row["mean_sentence_length"] == 10_000 and row["max_sentence_length"] == 10_000
    assert row["types"] == 2
    # "security" = 4 syllables (CMUdict), "we" = 1: ASW = 2.5, ASL = 10,000
    assert row["flesch_reading_ease"] == pytest.approx(206.835 - 1.015 * 10_000 - 84.6 * 2.5)
    assert row["we_per_1000"] == pytest.approx(500.0)
    table = _no_warnings(analysis.kwic, LONG, "security we", window=2)
    assert len(table) == 1 and table.loc[0, "position"] == 4_999
    assert len(_no_warnings(analysis.sentence_table, LONG)) == 1
    assert len(_no_warnings(analysis.word_table, LONG)) == 10_000


def test_unusual_unicode_words_and_measures():
    assert analysis.words(UNICODE) == UNICODE_WORDS
    doc = analysis.segment(UNICODE)
    assert doc.words == UNICODE_WORDS
    assert doc.text == UNICODE  # the input is kept as given
    row = _no_warnings(analysis.profile, UNICODE)
    assert row["words"] == 11 and row["paragraphs"] == 2
    for name in sorted(set(TEXT_FUNCS) - {"keyness"}):
        _no_warnings(TEXT_FUNCS[name], UNICODE)  # none raises or warns


def test_decomposed_accents_are_one_word():
    # was: "nai\u0308ve" (i + combining diaeresis) split into "nai", "ve": 2 words for 1
    nfd = "The nai\u0308ve re\u0301sume\u0301 of the cafe\u0301."
    nfc = "The na\u00efve r\u00e9sum\u00e9 of the caf\u00e9."
    assert analysis.words(nfd) == analysis.words(nfc) == ["The", "na\u00efve", "r\u00e9sum\u00e9", "of", "the", "caf\u00e9"]
    assert analysis.segment(nfd).n_words == 6
    assert analysis.sentences(nfd) == analysis.sentences(nfc)
    counts = analysis.word_counts(nfd, cache=False)
    assert counts["caf\u00e9"] == 1 and "cafe" not in counts


@pytest.mark.parametrize(
    "word,expected",
    [("", 0), ("   ", 0), ("\U0001F600", 1), ("\u4f60\u597d", 1), ("Hello", 2)],
)
def test_syllables_of_odd_words_never_raise(word, expected):
    assert analysis.syllables(word) == expected
    assert analysis.syllable_source(word) in {"cmudict", "compound", "number", "initialism", "rule"}


# ---------------------------------------------------------------------------
# Reading files
# ---------------------------------------------------------------------------

BODY = "We must act.\r\nTogether.\rNow.\n"
READ_AS = "We must act.\nTogether.\nNow.\n"


@pytest.mark.parametrize(
    "raw",
    [
        BODY.encode("utf-8"),
        codecs.BOM_UTF8 + BODY.encode("utf-8"),
        codecs.BOM_UTF16_LE + BODY.encode("utf-16-le"),
        codecs.BOM_UTF16_BE + BODY.encode("utf-16-be"),
        codecs.BOM_UTF32_LE + BODY.encode("utf-32-le"),
        codecs.BOM_UTF32_BE + BODY.encode("utf-32-be"),
    ],
    ids=["utf8", "utf8-bom", "utf16le-bom", "utf16be-bom", "utf32le-bom", "utf32be-bom"],
)
def test_read_text_encodings_and_line_endings(tmp_path, raw):
    path = tmp_path / "speech.txt"
    path.write_bytes(raw)
    assert analysis.read_text(path) == READ_AS
    assert analysis.read_text(str(path)) == READ_AS


@pytest.mark.parametrize(
    "raw,offset",
    [
        (b"We must \xff act.", 8),  # invalid start byte after 8 good bytes
        (codecs.BOM_UTF8 + b"ab\xe9cd", 5),  # offset counts the 3 BOM bytes
        (codecs.BOM_UTF16_LE + "We".encode("utf-16-le") + b"\x00", 6),  # truncated UTF-16: odd byte at 6
    ],
    ids=["utf8", "utf8-bom", "utf16-truncated"],
)
def test_read_text_undecodable_names_file_and_offset(tmp_path, raw, offset):
    path = tmp_path / "broken speech.txt"
    path.write_bytes(raw)
    with pytest.raises(TextDecodeError, match=rf"broken speech\.txt: .*byte offset {offset}\b"):
        analysis.read_text(path)


@pytest.mark.parametrize(
    "raw,offset",
    [
        ("We act.".encode("utf-16-le"), 1),  # UTF-16 without BOM: "W\x00e\x00..." decodes as UTF-8 with NULs
        (b"PK\x03\x04\x00\x00binary", 4),
    ],
    ids=["utf16-no-bom", "binary"],
)
def test_read_text_nul_characters_are_an_error(tmp_path, raw, offset):
    # was: silently returned "W\x00e\x00 \x00a\x00c\x00t\x00.\x00", counted as words
    path = tmp_path / "odd.txt"
    path.write_bytes(raw)
    with pytest.raises(TextDecodeError, match=rf"odd\.txt: NUL character at byte offset {offset} .*without a byte-order mark"):
        analysis.read_text(path)


def test_read_text_bad_paths(tmp_path):
    with pytest.raises(FileNotFoundError, match=r"nope\.txt: file not found"):
        analysis.read_text(tmp_path / "nope.txt")
    with pytest.raises(IsADirectoryError, match="is a folder, not a text file"):
        analysis.read_text(tmp_path)
    for bad in (None, 5, b"x.txt"):
        with pytest.raises(TypeError, match=rf"read_text\(\) expects a file path.*got {type(bad).__name__}"):
            analysis.read_text(bad)


def test_read_empty_file_gives_empty_text(tmp_path):
    path = tmp_path / "empty.txt"
    path.write_bytes(codecs.BOM_UTF8)
    assert analysis.read_text(path) == ""


# ---------------------------------------------------------------------------
# kwic patterns
# ---------------------------------------------------------------------------

KWIC_TEXT = "We must act. Terrorism is a threat. Counter-terrorism works. We will win."


@pytest.mark.parametrize(
    "pattern,message",
    [
        ("", "empty pattern"),
        ("   ", "empty pattern"),
        ("terror(ism)?", r"unsupported character\(s\) \( \)"),
        ("we|they", r"unsupported character\(s\) \|"),
        ("[Tt]error", r"unsupported character\(s\) \[ \]"),
        ("^we", r"unsupported character\(s\) \^"),
        ("terror.*", r"'\.\*' is regular-expression syntax.*'terror\*'"),
        (".", "'.' has no letter or digit, so it can never match"),
        ("we ...", "'...' has no letter or digit"),
        ("--", "'--' has no letter or digit"),
    ],
)
def test_kwic_unknown_pattern_syntax(pattern, message):
    with pytest.raises(ValueError, match=rf"kwic\(\).*{message}"):
        analysis.kwic(KWIC_TEXT, pattern)


@pytest.mark.parametrize("window", [-1, 1.5, None, True, "5"])
def test_kwic_bad_window(window):
    with pytest.raises(ValueError, match=r"kwic\(\): window must be a non-negative int"):
        analysis.kwic(KWIC_TEXT, "we", window=window)


def test_kwic_odd_but_valid_patterns():
    assert len(analysis.kwic(KWIC_TEXT, "*")) == 12  # every word
    assert analysis.kwic(KWIC_TEXT, "*terror*")["match"].tolist() == ["Terrorism", "Counter-terrorism"]
    assert analysis.kwic(KWIC_TEXT, "WE   MUST")["match"].tolist() == ["We must"]
    with pytest.raises(TypeError, match=r"kwic\(\): pattern must be a str, got NoneType"):
        analysis.kwic(KWIC_TEXT, None)


# ---------------------------------------------------------------------------
# Theme dictionaries
# ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    "yaml_text,message",
    [
        ("", "a theme dictionary must be a YAML mapping with a 'themes' key, got NoneType"),
        ("themes: [a, b]\n", "'themes' must be a non-empty mapping"),
        ("themes:\n  security: [terror*, 12]\n", r"theme 'security', entry 2 \(12\) is not a string"),
        ("themes:\n  security: [terror*, ~]\n", r"theme 'security', entry 2 \(None\) is not a string"),
        ("themes:\n  security: ['  ']\n", "theme 'security', entry 1 '  ' is empty"),
        ("themes:\n  security: ['*']\n", "theme 'security', entry 1 '\\*' has a bare '\\*'"),
        ("themes:\n  security: ['terror.*']\n", r"theme 'security', entry 1 'terror\.\*' has .*regular-expression"),
        ("themes:\n  security: ['ter*ror']\n", "theme 'security', entry 1 'ter\\*ror' has '\\*' inside"),
        ("themes:\n  security: ['\U0001F600']\n", "theme 'security', entry 1 .* not one word"),
        ("themes:\n  security: [x]\n  rights: [X]\n", "theme 'rights', entry 1 'X' is a duplicate: already listed in theme 'security'"),
        ("themes:\n  security: [x]\n  security: [y]\n", r"line 3.*duplicate key 'security' \(first at line 2\)"),
        ("themes:\n  Security: [x]\n", "theme 'Security': a theme name must be lower-case"),
        ("themes:\n  security:\n", "theme 'security' has no entries"),
        ("themes:\n  security: terror\n", "theme 'security': entries must be a list, got str"),
        ("themes:\n  security: [x\n", "YAML syntax error at line 3"),
        ("themes:\n\tsecurity: [x]\n", "YAML syntax error at line 2"),
        ("themes:\n  security: [x]\nexclude: y\n", "'exclude': entries must be a list"),
        ("them: {}\n", r"unknown top-level key\(s\) \['them'\]"),
    ],
)
def test_malformed_theme_dictionary_names_file_theme_and_entry(tmp_path, yaml_text, message):
    path = tmp_path / "my_themes.yaml"
    path.write_text(yaml_text, encoding="utf-8")
    with pytest.raises(ValueError, match=rf"my_themes\.yaml: .*{message}"):
        analysis.load_themes(path)
    # every function that takes a dictionary reports the same problem
    with pytest.raises(ValueError, match=r"my_themes\.yaml"):
        analysis.themes("We must act.", path)
    with pytest.raises(ValueError, match=r"my_themes\.yaml"):
        analysis.profile("We must act.", themes=path)


def test_theme_dictionary_encodings(tmp_path):
    bom = tmp_path / "bom.yaml"
    bom.write_bytes(codecs.BOM_UTF8 + b"themes:\n  security: [terror*]\n")
    assert analysis.load_themes(bom).themes[0].entries == ("terror*",)
    latin = tmp_path / "latin.yaml"
    latin.write_bytes("themes:\n  food: [caf\xe9]\n".encode("latin-1"))
    with pytest.raises(ValueError, match=r"latin\.yaml: not UTF-8 text \(byte offset 20\)"):
        analysis.load_themes(latin)


def test_theme_dictionary_missing_or_wrong_type(tmp_path):
    with pytest.raises(FileNotFoundError, match=r"nope\.yaml: no such theme dictionary.*packaged: counter_terrorism"):
        analysis.load_themes(tmp_path / "nope.yaml")
    with pytest.raises(FileNotFoundError, match=r"counter_terrorsim: no such theme dictionary"):
        analysis.theme_matches("We act.", "counter_terrorsim")
    with pytest.raises(TypeError, match=r"load_themes\(\) expects None, a dictionary name, a path or a ThemeDictionary, got int"):
        analysis.themes("We act.", 5)


def test_theme_by_section_bad_sections():
    text = "We must act. Terrorism is a threat."
    with pytest.raises(TypeError, match="expects sections as a pandas Series, got list"):
        analysis.theme_by_section(text, ["a", "b"])
    with pytest.raises(ValueError, match=r"sentence indices not in the document \(0\.\.1\): \[5\]"):
        analysis.theme_by_section(text, pd.Series({5: "x"}))
    with pytest.raises(ValueError, match=r"bins must be a positive integer, got 0"):
        analysis.theme_dispersion(text, bins=0)


# ---------------------------------------------------------------------------
# Rates and intervals
# ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    "counts,error,message",
    [
        ("we", TypeError, "per_sentence_counts must be numbers, one per sentence .*got str"),
        ({0: 1}, TypeError, "per_sentence_counts must be numbers.*got dict"),
        (None, TypeError, "per_sentence_counts must be numbers.*got NoneType"),
        (["a", "b"], TypeError, "per_sentence_counts must be numbers, one per sentence: could not convert"),
        ([1], ValueError, r"one value per sentence \(2\), got shape \(1,\)"),
        ([1, -1], ValueError, "must be non-negative"),
        ([1, np.nan], ValueError, "NaN or infinite"),
        (pd.Series({7: 1}), ValueError, r"sentence indices not in the document \(0\.\.1\): \[7\]"),
    ],
)
def test_rate_with_interval_bad_counts(counts, error, message):
    # was: "ValueError: could not convert string to float: 'we'" from numpy
    with pytest.raises(error, match=message):
        analysis.rate_with_interval("We must act. Now.", counts, n_boot=10)


@pytest.mark.parametrize(
    "counts,words,error,message",
    [
        (["a"], [1], TypeError, "counts must be numbers"),
        ([1], "x", TypeError, "words must be numbers.*got str"),
        (None, None, TypeError, "counts must be numbers.*got NoneType"),
        ([1, 2], [3], ValueError, "got 2 counts and 1 word counts"),
        ([1], [0], ValueError, "sentence 0 has 0 words"),
    ],
)
def test_rate_interval_bad_arrays(counts, words, error, message):
    with pytest.raises(error, match=message):
        analysis.rate_interval(counts, words, n_boot=10)


def test_rate_interval_without_sentences_warns():
    with pytest.warns(RuntimeWarning, match="no sentences"):
        assert all(math.isnan(v) for v in analysis.rate_interval([], [], n_boot=10))


# ---------------------------------------------------------------------------
# Comparing with a reference
# ---------------------------------------------------------------------------


@pytest.fixture
def reference():
    # Four made-up addresses, one failed (NaN measures), as analysis.analyze returns them.
    years = [1800, 1900, 1990, 2000]
    return pd.DataFrame({
        "id": list("abcd"), "year": years, "era": [analysis.era(y) for y in years],
        "delivery": ["written", "spoken", "spoken", "spoken"],
        "flesch_reading_ease": [30.0, np.nan, 50.0, 60.0],
        "flesch_kincaid_grade": [12.0, np.nan, 8.0, 7.0],
        "mean_sentence_length": [30.0, np.nan, 20.0, 18.0],
        "error": [None, "no words (empty text)", None, None],
    })


@pytest.mark.parametrize("func", ["period_medians", "trend_data", "placement"])
@pytest.mark.parametrize("bad", [None, "sotu", [1, 2]], ids=lambda b: type(b).__name__)
def test_compare_reference_must_be_a_table(func, bad):
    # was: AttributeError "'NoneType' object has no attribute 'columns'"
    profile = analysis.profile("We must act. Now.")
    call = {
        "period_medians": lambda: analysis.period_medians(bad),
        "trend_data": lambda: analysis.trend_data(bad, "flesch_reading_ease"),
        "placement": lambda: analysis.placement(profile, bad),
    }[func]
    with pytest.raises(TypeError, match=rf"reference must be a DataFrame.*got {type(bad).__name__}"):
        call()


def test_compare_single_measure_name_is_one_measure(reference):
    # was: "reference has no 'f' column" (the name iterated letter by letter)
    table = analysis.period_medians(reference, "flesch_reading_ease")
    assert list(table.columns) == ["era", "delivery", "n", "flesch_reading_ease"]
    # 1790-1856: a (30); 1857-1934: b failed, n = 0 and NaN; 1982-present: c, d -> median 55
    assert table.set_index(["era", "delivery"])["n"].to_dict() == {
        ("1790-1856", "all"): 1, ("1790-1856", "written"): 1, ("1857-1934", "all"): 0,
        ("1857-1934", "spoken"): 0, ("1982-present", "all"): 2, ("1982-present", "spoken"): 2,
    }
    profile = analysis.profile("We must act. Now.")
    placed = analysis.placement(profile, reference, measures="flesch_reading_ease")
    assert set(placed["measure"]) == {"flesch_reading_ease"}
    assert placed.loc[placed["grouping"] == "all", "n"].tolist() == [3]  # the failed row is left out
    with pytest.raises(KeyError, match="measures not in both the speech profile and the reference: nope"):
        analysis.placement(profile, reference, measures=["nope"])


@pytest.mark.parametrize("window", [0, -1, 2.5, True])
def test_trend_data_bad_window(reference, window):
    # was: pandas "ValueError: min_periods 1 must be <= window 0"
    with pytest.raises(ValueError, match=r"trend_data\(\): window must be a positive integer"):
        analysis.trend_data(reference, "flesch_reading_ease", window=window)


def test_trend_data_bad_measure(reference):
    with pytest.raises(KeyError, match="reference has no 'nope' column"):
        analysis.trend_data(reference, "nope")
    with pytest.raises(TypeError, match=r"trend_data\(\): measure must be a column name"):
        analysis.trend_data(reference, None)
    assert analysis.trend_data(reference, "flesch_reading_ease")["id"].tolist() == ["a", "c", "d"]


def test_placement_of_an_empty_speech_is_nan_not_an_error(reference):
    with pytest.warns(EmptyTextWarning):
        empty = analysis.profile("")
    placed = analysis.placement(empty, reference)
    assert placed["percentile"].isna().all() and placed["value"].isna().all()


@pytest.mark.parametrize("top", [-1, 1.5, True])
def test_keyness_bad_options(top):
    # was: top=-1 silently dropped the last row (DataFrame.head(-1))
    with pytest.raises(ValueError, match="top must be None or a non-negative integer"):
        analysis.keyness("We must act.", "We will act.", min_freq=1, top=top)
    with pytest.raises(ValueError, match="ngram must be 1 or 2, got 3"):
        analysis.keyness("We must act.", "We will act.", ngram=3)
    with pytest.raises(ValueError, match="min_freq must be a positive integer, got 0"):
        analysis.keyness("We must act.", "We will act.", min_freq=0)


# ---------------------------------------------------------------------------
# Corpus folders
# ---------------------------------------------------------------------------

SPEECH = "We must act together. Terrorism is a threat to us all."  # 4 + 7 = 11 words, 2 sentences


def _folder(tmp_path, files: dict[str, str | bytes], name: str = "corpus"):
    folder = tmp_path / name
    folder.mkdir()
    for fname, content in files.items():
        data = content if isinstance(content, bytes) else content.encode("utf-8")
        (folder / fname).write_bytes(data)
    return folder


def _load(folder):
    """Load, collecting the CorpusWarnings; every warning must be in skipped() and vice versa."""
    with warnings.catch_warnings(record=True) as record:
        warnings.simplefilter("always")
        df = analysis.load_corpus(folder)
    assert all(issubclass(w.category, CorpusWarning) for w in record), [str(w.message) for w in record]
    table = analysis.skipped(df)
    assert [str(w.message) for w in record] == [f"{i}: {r}" for i, r in zip(table["item"], table["reason"])]
    return df, table


def test_folder_without_txt_files(tmp_path):
    folder = _folder(tmp_path, {"readme.md": "notes", "metadata.csv": "id,file\na,a.txt\n"})
    with pytest.raises(CorpusError, match=r"corpus: no \.txt files in this folder"):
        analysis.load_corpus(folder)
    with pytest.raises(CorpusError, match="no .txt files"):
        analysis.analyze(folder, cache=False)


def test_unknown_corpus_name_lists_valid_ones(tmp_path):
    with pytest.raises(CorpusError, match=r"unknown corpus 'sotus'.*valid names are 'sotu', 'data'"):
        analysis.load_corpus("sotus")
    with pytest.raises(CorpusError, match=r"unknown corpus .*nowhere'.*not a folder"):
        analysis.load_corpus(tmp_path / "nowhere")
    with pytest.raises(TypeError, match=r"load_corpus\(\) expects a corpus name or a folder path, got NoneType"):
        analysis.load_corpus(None)


def test_every_bad_item_named_and_the_rest_loaded(tmp_path):
    folder = _folder(tmp_path, {
        "a.txt": SPEECH,
        "b.txt": "",  # empty: loaded; analyze says why it has no measures
        "c.txt": "[Applause]",  # noise only: loaded, likewise
        "d.txt": b"We \xff act.",  # undecodable: skipped, with the byte offset
        "e.txt": SPEECH,  # no row: skipped
        "f.txt": SPEECH,  # its row is a duplicate id: skipped
        "metadata.csv": "id,file,title\na,a.txt,A\nb,b.txt,B\nc,c.txt,C\nd,d.txt,D\nmissing,gone.txt,M\na,f.txt,F\n",
    })
    df, table = _load(folder)
    assert df["id"].tolist() == ["a", "b", "c"]
    assert df["text"].tolist() == [SPEECH, "", "[Applause]"]
    assert table.values.tolist() == [
        ["d.txt", f"{folder / 'd.txt'}: cannot decode as UTF-8 at byte offset 3 (byte b'\\xff': invalid start byte); "
                  "save the file as UTF-8 and try again; document skipped"],
        ["metadata.csv line 6 (id 'missing')", f"file 'gone.txt' not found in {folder}; row skipped"],
        ["metadata.csv line 7 (id 'a')", "duplicate id (first on line 2); row skipped"],
        ["e.txt", "no row in metadata.csv; file skipped"],
    ]
    # nothing is lost silently: every file and every row is loaded or listed
    listed = " ".join(table["item"])
    for fname in ("d.txt", "e.txt"):
        assert fname in listed
    for line in (6, 7):
        assert f"line {line}" in listed

    with warnings.catch_warnings():
        warnings.simplefilter("ignore", CorpusWarning)
        result = _no_warnings_except_corpus(analysis.analyze, folder)
        noise = analysis.removed_noise(folder)
    assert result["id"].tolist() == ["a", "b", "c"]  # analyze never drops a document
    assert result["error"].tolist() == [
        None, "no words (empty text)", "no words after removing transcript noise (1 stage directions)",
    ]
    assert result.loc[0, "words"] == 11 and result.loc[1:, "flesch_reading_ease"].isna().all()
    assert result.loc[2, "removed_stage_directions"] == 1
    assert analysis.skipped(result).equals(table)  # the load's list travels with the result
    assert noise[["id", "kind", "text"]].values.tolist() == [["c", "stage direction", "[Applause]"]]


def _no_warnings_except_corpus(func, folder):
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        warnings.simplefilter("ignore", CorpusWarning)
        return func(folder, cache=False)


def test_folder_without_metadata_uses_file_stems(tmp_path):
    folder = _folder(tmp_path, {"b.txt": SPEECH, "a.txt": "", "notes.md": "x"})
    df, table = _load(folder)
    assert df["id"].tolist() == ["a", "b"] and table.empty


@pytest.mark.parametrize(
    "raw",
    [
        codecs.BOM_UTF8 + b"id,file,title\r\na,a.txt,Caf\xc3\xa9\r\n",
        codecs.BOM_UTF16_LE + "id,file,title\r\na,a.txt,Café\r\n".encode("utf-16-le"),
    ],
    ids=["utf8-bom-crlf", "utf16-bom"],
)
def test_metadata_bom_header_and_encodings(tmp_path, raw):
    # was: UTF-16 metadata failed ("'utf-8' codec can't decode byte 0xff in position 0")
    folder = _folder(tmp_path, {"a.txt": SPEECH, "metadata.csv": raw})
    df, table = _load(folder)
    assert list(df.columns) == ["id", "text", "file", "title"]  # no "\ufeffid" column
    assert df["id"].tolist() == ["a"] and df["title"].tolist() == ["Café"] and table.empty


@pytest.mark.parametrize(
    "csv_text,message",
    [
        ("name,file\na,a.txt\n", r"metadata\.csv: no 'id' column \(columns are name, file\)"),
        ("", r"metadata\.csv: empty file; it needs a header line with an 'id' column"),
        (b"id,file,title\na,a.txt,caf\xe9\n", r"metadata\.csv: cannot decode as UTF-8 at byte offset 25"),
    ],
    ids=["no-id-column", "empty", "latin1"],
)
def test_unusable_metadata_is_a_corpus_error(tmp_path, csv_text, message):
    folder = _folder(tmp_path, {"a.txt": SPEECH, "metadata.csv": csv_text})
    with pytest.raises(CorpusError, match=message):
        analysis.load_corpus(folder)


def test_metadata_without_file_column_and_header_only(tmp_path):
    folder = _folder(tmp_path, {"a.txt": SPEECH, "b.txt": SPEECH, "metadata.csv": "id,date\na,2020-01-02\nc,2021-03-04\n"})
    df, table = _load(folder)
    assert df["id"].tolist() == ["a"] and df["year"].tolist() == [2020]
    assert table["item"].tolist() == ["metadata.csv line 3 (id 'c')", "b.txt"]
    assert table["reason"].str.contains("file 'c.txt' not found|no row in metadata.csv").all()

    folder = _folder(tmp_path, {"a.txt": SPEECH, "metadata.csv": "id,file\n"}, name="header-only")
    df, table = _load(folder)
    assert df.empty and list(df.columns[:2]) == ["id", "text"]
    assert table.values.tolist() == [["a.txt", "no row in metadata.csv; file skipped"]]


def test_metadata_row_with_extra_fields_is_named_not_misread(tmp_path):
    # was: pandas took the extra leading fields as an index, so every id and file shifted
    # ("a,a.txt,Peace, security" read as id 'Peace', file ' security') and a.txt was reported as
    # "file not found" under the wrong id.
    folder = _folder(tmp_path, {
        "a.txt": SPEECH, "b.txt": SPEECH, "c.txt": SPEECH,
        "metadata.csv": "id,file,title\na,a.txt,Peace, security\nb,b.txt,War\n"
                        'c,c.txt,"A title, quoted\nover two lines"\n',
    })
    df, table = _load(folder)
    assert df["id"].tolist() == ["b", "c"] and df["title"].tolist() == ["War", "A title, quoted\nover two lines"]
    assert table.values.tolist() == [
        ["metadata.csv line 2 (id 'a')", "4 fields but the header has 3 (an unquoted comma?); row skipped"],
    ]


def test_metadata_line_numbers_count_multi_line_fields(tmp_path):
    folder = _folder(tmp_path, {
        "a.txt": SPEECH,
        "metadata.csv": 'id,file,title\na,a.txt,"two\nlines"\na,a.txt,again\n',
    })
    _, table = _load(folder)
    assert table.values.tolist() == [["metadata.csv line 4 (id 'a')", "duplicate id (first on line 2); row skipped"]]


def test_metadata_column_named_text_is_left_out(tmp_path):
    # was: "ValueError: cannot insert text, already exists" from pandas
    folder = _folder(tmp_path, {"a.txt": SPEECH, "metadata.csv": "id,file,text\na,a.txt,a summary\n"})
    df, table = _load(folder)
    assert df["text"].tolist() == [SPEECH]
    assert table.values.tolist() == [
        ["metadata.csv column 'text'", "the name 'text' is reserved for the speech text; column left out"],
    ]


def test_metadata_empty_id_and_missing_file_cell(tmp_path):
    folder = _folder(tmp_path, {"a.txt": SPEECH, "metadata.csv": "id,file\n,a.txt\nb,\n"})
    df, table = _load(folder)
    assert df.empty
    assert table["item"].tolist() == ["metadata.csv line 2", "metadata.csv line 3 (id 'b')"]
    assert table["reason"].tolist() == ["empty id; row skipped (file 'a.txt')", "no file named in the 'file' column; row skipped"]


def test_folder_where_every_file_is_bad_loads_an_empty_table(tmp_path):
    folder = _folder(tmp_path, {"a.txt": b"\xff\xfe\xfd", "metadata.csv": "id,file\na,a.txt\n"})
    df, table = _load(folder)
    assert df.empty and table["item"].tolist() == ["a.txt"]
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", CorpusWarning)
        result = analysis.analyze(folder, cache=False)
    assert result.empty and analysis.skipped(result)["item"].tolist() == ["a.txt"]


@pytest.mark.parametrize(
    "table,error,message",
    [
        (pd.DataFrame({"id": ["a"]}), CorpusError, "corpus table has no 'text' column"),
        (pd.DataFrame({"x": [1]}), CorpusError, "no 'id' and no 'text' column"),
        (pd.DataFrame({"id": ["a", "a"], "text": ["x", "y"]}), CorpusError, "duplicate ids: a"),
        (pd.DataFrame({"id": ["a", "b"], "text": ["x", None]}), CorpusError, "'text' is not a str for ids b"),
        ([1, 2], TypeError, "expected a corpus DataFrame .*got list"),
    ],
)
def test_analyze_and_removed_noise_check_the_table(table, error, message):
    with pytest.raises(error, match=message):
        analysis.analyze(table, cache=False)
    with pytest.raises(error, match=message):
        analysis.removed_noise(table)


def test_analyze_empty_table_and_all_empty_texts():
    assert analysis.analyze(pd.DataFrame({"id": [], "text": []}), cache=False).empty
    result = _no_warnings(analysis.analyze, pd.DataFrame({"id": ["a", "b"], "text": ["", " \n "]}), cache=False)
    assert result["id"].tolist() == ["a", "b"]
    assert result["error"].tolist() == ["no words (empty text)"] * 2


def test_load_speech_bad_ids(tmp_path):
    folder = _folder(tmp_path, {"a.txt": SPEECH, "b.txt": b"\xff", "metadata.csv": "id,file\na,a.txt\nb,b.txt\n"})
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", CorpusWarning)
        # issue 9 item 14: was "unknown speech id 'b'"; the real reason is the decode error
        with pytest.raises(CorpusError, match=r"speech 'b' in corpus .* could not be loaded: metadata\.csv line 3 "
                                              r"\(id 'b'\): .*b\.txt: cannot decode as UTF-8 at byte offset 0"):
            analysis.load_speech("b", corpus=folder)
        with pytest.raises(CorpusError, match="unknown speech id 'c' .*valid ids: a$"):
            analysis.load_speech("c", corpus=folder)
        with pytest.raises(CorpusError, match="invalid speech id 5: expected a str, got int"):
            analysis.load_speech(5, corpus=folder)
        assert analysis.load_speech("a", corpus=folder).text == SPEECH


# ---------------------------------------------------------------------------
# The report command on a speech with no words
# ---------------------------------------------------------------------------


@pytest.mark.parametrize("text,what", [("", "empty or white space only"), ("[Applause]\n", "1 transcript-noise segment")])
def test_report_on_a_speech_without_words_fails_in_one_clear_line(tmp_path, text, what):
    # was: the first notebook failed with "ValueError: attempt to get argmax of an empty sequence"
    # in a pandas traceback, after a kernel had started.
    root = tmp_path / "project"
    (root / "data").mkdir(parents=True)
    (root / "data" / "empty-test.txt").write_text(text, encoding="utf-8")
    (root / "data" / "metadata.csv").write_text(
        "id,file,speaker,role,title,date,place,as_delivered,source_note\n"
        "empty-test,empty-test.txt,A Speaker,Tester,Empty,2024-01-01,Nowhere,True,Test\n",
        encoding="utf-8",
    )
    (root / "notebooks").mkdir()
    env = {**os.environ, "ANALYSIS_ROOT": str(root)}
    run = subprocess.run(
        [sys.executable, "-m", "analysis.report", "--speech", "empty-test"],
        cwd=root, env=env, capture_output=True, text=True, timeout=120,
    )
    assert run.returncode == 1
    assert run.stderr.strip().splitlines()[-1].startswith(
        "error: CorpusError: speech 'empty-test' (data/empty-test.txt) has no words"
    ), run.stderr
    assert what in run.stderr and "Traceback" not in run.stderr
    assert not (root / "reports").exists() or not any((root / "reports").rglob("*.html"))


def test_metadata_column_named_like_a_measure_is_renamed(tmp_path):
    # was: two 'words' columns in the analyze table (result["words"] was then a DataFrame)
    folder = _folder(tmp_path, {"a.txt": SPEECH, "metadata.csv": "id,file,words,error\na,a.txt,99,typo\n"})
    with pytest.warns(CorpusWarning, match="'words', 'error' share a name with a measure; renamed 'metadata_words', 'metadata_error'"):
        result = analysis.analyze(folder, cache=False)
    assert not result.columns.duplicated().any()
    assert result.loc[0, "words"] == 11 and result.loc[0, "metadata_words"] == 99
    assert result.loc[0, "error"] is None and result.loc[0, "metadata_error"] == "typo"
