"""Adversarial input for every public function: bad types, empty and odd text, broken files and folders.

What the package promises (README, module docstrings):

* a non-str, non-Document text raises ``TypeError`` naming the function and the type;
* empty, whitespace-only or noise-only text gives zero counts and NaN rates with one
  :class:`analysis.EmptyTextWarning`, never a division error;
* files: UTF-8 with or without BOM, UTF-16/UTF-32 with BOM, any line ending; undecodable
  bytes raise :class:`analysis.TextDecodeError` naming the file and the byte offset;
* corpus folders: every problem names the item; the load continues with what is valid and
  ``skipped(df)`` (``df.skipped``: id, item, reason) lists what was left out, so that loaded + skipped accounts for everything;
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


# Few resamples: these tests are about input handling, not about the intervals.
FEW = analysis.Bootstrap(n_boot=50)
# An empty match table (the shared leading columns and one category column), for analysis.rates.
NO_MATCHES = pd.DataFrame({**{c: pd.Series(dtype=t) for c, t in analysis.matches.LEADING_DTYPES.items()},
                           "kind": pd.Series(dtype=object)})

# Every public function that takes one text (str or Document); extra arguments filled in.
# A key "name[variant]" calls ``name`` with other options (its messages name ``name``).
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
    "pronoun_matches": analysis.pronoun_matches,
    "modal_counts": lambda t: analysis.modal_counts(t, interval=FEW),
    "modal_counts[interval=None]": lambda t: analysis.modal_counts(t, by="force", interval=None),
    "pronoun_rates": lambda t: analysis.pronoun_rates(t, interval=FEW),
    "pronoun_rates[interval=None]": lambda t: analysis.pronoun_rates(t, interval=None),  # was analysis.pronouns
    "rates": lambda t: analysis.rates(NO_MATCHES, t, by="kind", interval=FEW),
    "structure": analysis.structure,
    "sections": analysis.sections,
    "kwic": lambda t: analysis.kwic(t, "terror*"),
    "theme_rates": lambda t: analysis.theme_rates(t, interval=FEW),
    "theme_matches": analysis.theme_matches,
    "theme_dispersion": analysis.theme_dispersion,
    "theme_by_section": lambda t: analysis.theme_by_section(t, pd.Series(dtype=object)),
    "theme_measures": analysis.theme_measures,
    "rate_with_interval": lambda t: analysis.rate_with_interval(t, pd.Series(dtype=float), interval=FEW),
    "keyness": lambda t: analysis.keyness(t, "We must act together now.", min_freq=1),
    "word_counts": lambda t: analysis.word_counts(t, cache=False),
    "segment": analysis.segment,
    "sentences": analysis.sentences,
    "words": analysis.words,
    "paragraphs": analysis.paragraphs,
}
# Functions that only take a str (no Document): their message says "expects text as a str".
STR_ONLY = {"segment", "sentences", "words", "paragraphs"}


def _func_name(key: str) -> str:
    """The function a TEXT_FUNCS key calls: "pronoun_rates[interval=None]" -> "pronoun_rates"."""
    return key.split("[")[0]

# Functions whose result holds rates: an empty text must warn (EmptyTextWarning) and give NaN.
RATE_FUNCS = {
    "profile": lambda r: math.isnan(r["flesch_reading_ease"]) and r["words"] == 0,
    "sentence_length_stats": lambda r: all(math.isnan(v) for v in r.values()),
    "readability": lambda r: all(math.isnan(v) for v in r.values()),
    "readability_report": lambda r: r["score"].isna().all() and (r["note"] == "no words: no score").all(),
    "lexical_diversity": lambda r: r["tokens"] == 0 and math.isnan(r["ttr"]) and math.isnan(r["mtld"]),
    "modal_counts": lambda r: (r["count"] == 0).all() and r[["per_1000", "ci_low", "ci_high"]].isna().all().all(),
    "modal_counts[interval=None]":
        lambda r: (r["count"] == 0).all() and r[["per_1000", "ci_low", "ci_high"]].isna().all().all(),
    "pronoun_rates": lambda r: (r["count"] == 0).all() and r[["per_1000", "ci_low", "ci_high"]].isna().all().all(),
    "pronoun_rates[interval=None]":
        lambda r: (r["count"] == 0).all() and r[["per_1000", "ci_low", "ci_high"]].isna().all().all(),
    "theme_rates": lambda r: (r["count"] == 0).all() and r["per_1000"].isna().all(),
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
    elif name not in ("keyness", "word_counts"):  # compare.py: "expected a text (str), a Document or a corpus ..."
        assert f"{_func_name(name)}()" in msg, msg  # names the function called


@pytest.mark.parametrize("bad", NOT_TEXT, ids=lambda b: type(b).__name__)
@pytest.mark.parametrize("func", [analysis.syllables, analysis.syllable_source], ids=lambda f: f.__name__)
def test_word_functions_reject_non_strings(func, bad):
    with pytest.raises(TypeError, match=rf"analysis\.{func.__name__}\(\) expects text as a str, got {type(bad).__name__}"):
        func(bad)


def test_segment_checks_the_type_before_its_cache():
    # was: "TypeError: unhashable type: 'list'" from inside functools.lru_cache
    with pytest.raises(TypeError, match=r"analysis\.segment\(\) expects text as a str, got list"):
        analysis.segment(["We must act."])
    from analysis import text

    assert text._segment.cache_info().maxsize == 256  # a bounded LRU; benchmarks clear it with clear_cache()
    text.clear_cache()
    assert text._segment.cache_info().currsize == 0


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
        assert msg.startswith(f"{_func_name(name)}(): the text has no words") and "NaN" in msg
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
            analysis.theme_rates(NO_WORDS[kind], interval=analysis.Bootstrap(n_boot=10))


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
    assert len(table) == 1 and table.loc[0, "start"] == 4_999 and table.loc[0, "end"] == 5_001
    assert table.loc[0, "position"] == 4_999 / 10_000
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
        analysis.theme_rates("We must act.", themes=path)
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
        analysis.theme_matches("We act.", themes="counter_terrorsim")
    with pytest.raises(TypeError, match=r"load_themes\(\) expects None, a dictionary name, a path or a ThemeDictionary, got int"):
        analysis.theme_rates("We act.", themes=5)


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
        analysis.rate_with_interval("We must act. Now.", counts, interval=analysis.Bootstrap(n_boot=10))


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
        analysis.rate_interval(counts, words, interval=analysis.Bootstrap(n_boot=10))


def test_rate_interval_without_sentences_warns():
    with pytest.warns(RuntimeWarning, match="no sentences"):
        assert all(math.isnan(v) for v in analysis.rate_interval([], [], interval=analysis.Bootstrap(n_boot=10)))


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
    assert list(table.columns) == ["id", "item", "reason"]
    # the id of what was left out, when it is known: from its metadata row (d, missing); a file
    # without a row has none
    assert table["id"].tolist()[:2] == ["d", "missing"] and table["id"].tolist()[3] is None
    assert table[["item", "reason"]].values.tolist() == [
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
    assert table["id"].tolist() == ["c", None]
    assert table["reason"].str.contains("file 'c.txt' not found|no row in metadata.csv").all()

    folder = _folder(tmp_path, {"a.txt": SPEECH, "metadata.csv": "id,file\n"}, name="header-only")
    df, table = _load(folder)
    assert df.empty and list(df.columns[:2]) == ["id", "text"]
    assert table.values.tolist() == [[None, "a.txt", "no row in metadata.csv; file skipped"]]


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
    assert table[["item", "reason"]].values.tolist() == [
        ["metadata.csv line 2 (id 'a')", "4 fields but the header has 3 (an unquoted comma?); row skipped"],
    ]


def test_metadata_line_numbers_count_multi_line_fields(tmp_path):
    folder = _folder(tmp_path, {
        "a.txt": SPEECH,
        "metadata.csv": 'id,file,title\na,a.txt,"two\nlines"\na,a.txt,again\n',
    })
    _, table = _load(folder)
    assert table[["item", "reason"]].values.tolist() == [["metadata.csv line 4 (id 'a')", "duplicate id (first on line 2); row skipped"]]


def test_metadata_column_named_text_is_left_out(tmp_path):
    # was: "ValueError: cannot insert text, already exists" from pandas
    folder = _folder(tmp_path, {"a.txt": SPEECH, "metadata.csv": "id,file,text\na,a.txt,a summary\n"})
    df, table = _load(folder)
    assert df["text"].tolist() == [SPEECH]
    assert table.values.tolist() == [
        [None, "metadata.csv column 'text'", "the name 'text' is reserved for the speech text; column left out"],
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
        (pd.DataFrame({"id": ["a", "b"], "text": ["x", None]}), CorpusError, "'text' is not a str \\(and no 'error' says why\\) for ids b"),
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
        with pytest.raises(CorpusError, match=r"speech 'b' cannot be loaded: .*b\.txt: cannot decode as "
                                              r"UTF-8 at byte offset 0"):
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
    with pytest.warns(CorpusWarning) as record:
        result = analysis.analyze(folder, cache=False)
    messages = [str(w.message) for w in record]
    assert any("'error' is reserved" in m and "'metadata_error'" in m for m in messages)
    assert any("'words' share a name with a measure; renamed 'metadata_words'" in m for m in messages)
    assert not result.columns.duplicated().any()
    assert result.loc[0, "words"] == 11 and result.loc[0, "metadata_words"] == 99
    assert result.loc[0, "error"] is None and result.loc[0, "metadata_error"] == "typo"


# ===========================================================================
# Issue 9: reliability and security, as a table (input, expected behaviour)
# ===========================================================================
#
# ISSUE_9 is the matrix: one row per hostile or careless input of issue 9, with what must
# happen and the test that holds it (a row of FOLDER_CASES, ID_CASES, MAKE_CASES or a named
# test).  test_issue_9_matrix_is_complete checks that every named test exists.

ISSUE_9 = [
    # (item, input, expected behaviour, test)
    (1, "metadata file /etc/passwd (absolute)", "row refused, named; file not read", "FOLDER_CASES:absolute-path"),
    (1, "metadata file ../outside.txt", "row refused, named", "FOLDER_CASES:dot-dot"),
    (1, "symlink in the folder to a file outside", "row refused, named", "FOLDER_CASES:symlink-out"),
    (1, "no metadata, symlink *.txt to a file outside", "file refused, named", "FOLDER_CASES:symlink-out-no-metadata"),
    (1, "symlink to a file inside; file in a subfolder", "loaded", "FOLDER_CASES:symlink-in"),
    (1, "load_speech of a refused row", "the refusal is the message", "ID_CASES:outside"),
    (2, "make report SPEECH='x;touch pwned'", "touch never runs; invalid id message", "MAKE_CASES:semicolon"),
    (2, "make report SPEECH='my speech'", "invalid id message, not argparse's", "MAKE_CASES:space"),
    (2, "make report SPEECH with $(shell ...), backquotes, quote, leading -", "nothing runs; invalid id",
     "MAKE_CASES:make-function"),
    (2, "make VENV='a b' / VENV=/", "make stops with a message", "test_make_refuses_unsafe_venv"),
    (2, "load_speech / report --speech with ids off the syntax", "CorpusError / ValueError naming the rule",
     "ID_CASES:space"),
    (3, "planted pickle in the cache", "never executed", "test_cache.py::test_a_planted_pickle_never_runs"),
    (3, "single-bit flips of a cache file", "every one detected", "test_cache.py::test_every_single_bit_flip_is_detected"),
    (4, "read-only cache folder", "warns, returns the result",
     "test_cache.py::test_read_only_cache_dir_warns_and_returns_the_result"),
    (5, "kill -9 of one worker during analyze", "lost documents retried; all measured",
     "test_analyze_survives_a_killed_worker"),
    (5, "a document that kills its worker every time", "error row for it, the rest measured",
     "test_analyze_records_a_document_that_always_kills_its_worker"),
    (6, "kill -9 of the parent of analyze's workers", "workers gone within seconds",
     "test_workers_die_with_their_parent"),
    (6, "report run killed or failing mid-way", "old reports untouched, never mixed",
     "test_report_folder_is_replaced_whole_or_not_at_all"),
    (6, "default reports/ with other speeches' folders", "files replaced, other folders kept",
     "test_default_reports_folder_keeps_the_other_speeches"),
    (6, "kill -9 of python -m analysis.report", "workers and kernels gone, old reports kept",
     "test_killed_report_run_leaves_no_process_and_old_reports"),
    (8, "one 100,000-word sentence", "word offsets once per sentence (was once per modal)",
     "test_long_sentence_offsets_are_computed_once_per_sentence"),
    (8, "one 100,000-word sentence in tables and quotes; 10,000-row tables", "cut for display, full data kept",
     "test_long_text_is_cut_for_display_only"),
    (8, "one 100,000-word sentence in the length histogram", "at most 60 bars (was 20,000)",
     "test_histogram_of_a_100000_word_sentence_has_few_bars"),
    (8, "tens of thousands of short lines in the sentence-lengths chart", "one line collection, not a bar each",
     "test_sentence_lengths_chart_of_many_short_lines_is_one_artist"),
    (8, "a speech file over config.MAX_TEXT_BYTES", "refused, naming the file and the limit", "FOLDER_CASES:too-large"),
    (9, "date 2020", "year 2020 (not 1970)", "FOLDER_CASES:year-alone"),
    (9, "dates 2018-13-45, 31/02/2018, 'not a date', 29/06/2018", "each warns with row and value",
     "FOLDER_CASES:bad-dates"),
    (9, "empty date; ISO date", "no warning; the year", "FOLDER_CASES:iso-and-empty-dates"),
    (13, "ids NA, nan, None, null, NULL", "read as ids", "FOLDER_CASES:na-ids"),
    (14, "load_speech of a file that failed to decode", "the decode error is the message",
     "ID_CASES:undecodable"),
    (14, "make report SPEECH=<id> of a file that failed to decode", "the decode error is the message",
     "test_make_report_of_an_undecodable_file_says_why"),
    (15, "CorpusWarning in a notebook's output", "HTML shows the message, no file:line or machine path",
     "test_report_html_shows_warnings_without_paths"),
    # what already worked, kept as rows of the same table
    (0, "duplicate id, empty id, missing file, file without row", "named and skipped", "FOLDER_CASES:classic"),
    (0, "unknown id", "lists the valid ids", "ID_CASES:unknown"),
    # items tested in the module of their part, named here so the matrix covers every item of the issue
    (7, "Arabic, Russian, Chinese text", "LanguageWarning naming the script; readability marked unreliable",
     "test_segment_genre.py::test_not_english_is_detected_and_warned"),
    (7, "not English prose (any script)", "every formula reliable=False with the reason",
     "test_readability.py::test_readability_is_unreliable_for_text_that_is_not_english_prose"),
    (7, "a Russian speech through make report", "reports 01 and 06 open with the warning",
     "test_ingest_followup.py::test_reports_of_a_russian_speech_open_with_the_warning"),
    (7, "the seed with its punctuation stripped", "flagged unpunctuated; the reports' banner says so",
     "test_ingest_followup.py::test_unpunctuated_banner_on_the_stripped_seed"),
    (7, "Chinese full stops", "end sentences", "test_segment_genre.py::test_chinese_full_stops_end_sentences"),
    (8, "report 03 of a 100,000-word sentence", "table cells windowed, HTML small",
     "test_ingest_followup.py::test_obligation_rows_table_of_report_03_stays_small"),
    (10, "zero-width space, soft hyphen", "removed before segmentation, listed",
     "test_segment_genre.py::test_invisible_characters_are_removed_before_segmentation"),
    (10, "KWIC pattern in NFD or full-width letters", "normalised as the text is",
     "test_segment_genre.py::test_normalise_is_public_and_shared_with_patterns"),
    (11, "HTML tags pasted in", "stripped with a warning", "test_segment_genre.py::test_html_pasted_in_is_stripped_with_a_warning"),
    (11, "Markdown headings and table pipes", "stripped", "test_segment_genre.py::test_markdown_headings_and_tables_are_stripped"),
    (12, "UTF-16 without BOM", "the message names UTF-16", "test_segment_genre.py::test_utf16_without_bom_is_named"),
]


def _abs_outside(tmp_path):
    (tmp_path / "secret.txt").write_text("The secret password is swordfish.", encoding="utf-8")
    return str(tmp_path / "secret.txt")


# FOLDER_CASES: (name, files, metadata (None: no metadata.csv), expected ids, expected (item, reason regex), extra)
# Files: name -> str content, or ("symlink", target) where target "OUTSIDE" is a file outside the folder.
FOLDER_CASES = [
    ("absolute-path", {"a.txt": SPEECH}, "id,file\na,a.txt\nx,/etc/passwd\n", ["a"],
     [("metadata.csv line 3 (id 'x')", r"file '/etc/passwd' is outside the corpus folder .*row skipped")], None),
    ("dot-dot", {"a.txt": SPEECH}, "id,file\nx,../secret.txt\na,a.txt\n", ["a"],
     [("metadata.csv line 2 (id 'x')", r"file '\.\./secret\.txt' is outside the corpus folder")], None),
    ("symlink-out", {"a.txt": SPEECH, "link.txt": ("symlink", "OUTSIDE")}, "id,file\na,a.txt\nx,link.txt\n", ["a"],
     [("metadata.csv line 3 (id 'x')", r"file 'link\.txt' is outside the corpus folder .*symlink")], None),
    ("symlink-out-no-metadata", {"a.txt": SPEECH, "link.txt": ("symlink", "OUTSIDE")}, None, ["a"],
     [("link.txt", r"file 'link\.txt' is outside the corpus folder")], None),
    ("symlink-in", {"a.txt": SPEECH, "sub/b.txt": "We will.", "link.txt": ("symlink", "a.txt")},
     "id,file\na,a.txt\nb,sub/b.txt\nl,link.txt\n", ["a", "b", "l"], [], None),
    ("na-ids", {f"{i}.txt": SPEECH for i in ("NA", "nan", "None", "null", "NULL", "N-A")},
     "id,file\nNA,NA.txt\nnan,nan.txt\nNone,None.txt\nnull,null.txt\nNULL,NULL.txt\nN-A,N-A.txt\n",
     ["NA", "nan", "None", "null", "NULL", "N-A"], [], None),
    ("year-alone", {"a.txt": SPEECH}, "id,file,date\na,a.txt,2020\n", ["a"], [], {"year": [2020], "date": ["2020"]}),
    ("iso-and-empty-dates", {"a.txt": SPEECH, "b.txt": SPEECH}, "id,file,date\na,a.txt,2018-06-29\nb,b.txt,\n",
     ["a", "b"], [], {"year": [2018, None]}),
    ("bad-dates", {f"{c}.txt": SPEECH for c in "abcde"},
     "id,file,date\na,a.txt,2018-13-45\nb,b.txt,31/02/2018\nc,c.txt,not a date\nd,d.txt,29/06/2018\ne,e.txt,2018-02-30\n",
     list("abcde"),
     [("metadata.csv line 2 (id 'a') date", r"'2018-13-45' is not a valid date \(month must be in 1\.\.12\); year left missing"),
      ("metadata.csv line 3 (id 'b') date", r"'31/02/2018' is not an ISO 8601 date \(YYYY-MM-DD\) or a year \(YYYY\)"),
      ("metadata.csv line 4 (id 'c') date", r"'not a date' is not an ISO 8601 date"),
      ("metadata.csv line 5 (id 'd') date", r"'29/06/2018' is not an ISO 8601 date"),
      ("metadata.csv line 6 (id 'e') date", r"'2018-02-30' is not a valid date \(day is out of range for month\)")],
     {"year": [None] * 5}),
    ("too-large", {"a.txt": SPEECH, "big.txt": "We act. " * 40}, "id,file\na,a.txt\nbig,big.txt\n", ["a"],
     [("big.txt", r"big\.txt: 320 bytes, more than the 200 bytes a speech may have \(config\.MAX_TEXT_BYTES")], None),
    ("classic", {"a.txt": SPEECH, "e.txt": SPEECH}, "id,file\na,a.txt\n,a.txt\na,a.txt\nm,gone.txt\n", ["a"],
     [("metadata.csv line 3", r"empty id; row skipped \(file 'a\.txt'\)"),
      ("metadata.csv line 4 (id 'a')", r"duplicate id \(first on line 2\)"),
      ("metadata.csv line 5 (id 'm')", r"file 'gone\.txt' not found"),
      ("e.txt", "no row in metadata.csv; file skipped")], None),
]


def _build(tmp_path, files, metadata):
    outside = _abs_outside(tmp_path)
    folder = tmp_path / "corpus"
    folder.mkdir()
    for name, content in files.items():
        path = folder / name
        path.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(content, tuple):
            path.symlink_to(outside if content[1] == "OUTSIDE" else folder / content[1])
        else:
            path.write_text(content, encoding="utf-8")
    if metadata is not None:
        (folder / "metadata.csv").write_text(metadata, encoding="utf-8")
    return folder


@pytest.mark.parametrize("name,files,metadata,ids,skips,extra", FOLDER_CASES, ids=[c[0] for c in FOLDER_CASES])
def test_issue_9_folder_matrix(tmp_path, monkeypatch, name, files, metadata, ids, skips, extra):
    monkeypatch.setattr(analysis.config, "MAX_TEXT_BYTES", 200)
    folder = _build(tmp_path, files, metadata)
    df, table = _load(folder)  # every warning is in skipped() and vice versa; no other warning
    assert df["id"].tolist() == ids
    assert len(table) == len(skips), table.values.tolist()
    for (_id, item, reason), (want_item, pattern) in zip(table.values.tolist(), skips):
        assert item == want_item and re.search(pattern, reason), (item, reason)
    assert "swordfish" not in " ".join(df["text"])  # no file outside the folder is ever read
    for col, values in (extra or {}).items():
        got = [None if pd.isna(v) else v for v in df[col]]
        assert got == values, (col, got)


# ID_CASES: (name, speech id, metadata rows added to a folder holding a.txt, error regex)
ID_CASES = [
    ("undecodable", "b", "b,b.txt\n",
     r"speech 'b' cannot be loaded: .*b\.txt: cannot decode as UTF-8 at byte offset 0"),
    ("outside", "x", "x,/etc/passwd\n", r"speech 'x' cannot be loaded: .*'/etc/passwd' is outside the corpus folder"),
    ("space", "my speech", "", r"invalid speech id 'my speech': it contains ' '; an id is ASCII letters"),
    ("semicolon", "a;touch pwned", "", r"invalid speech id 'a;touch pwned': it contains ' ' ';'"),
    ("slash", "../a", "", r"invalid speech id '\.\./a': it contains '/'"),
    ("dash", "-a", "", r"invalid speech id '-a': it starts with '-'"),
    ("empty", "", "", r"invalid speech id: it is empty"),
    ("unknown", "zz", "", r"unknown speech id 'zz' in corpus .*; valid ids: a$"),
]


@pytest.mark.parametrize("name,sid,rows,message", ID_CASES, ids=[c[0] for c in ID_CASES])
def test_issue_9_load_speech_matrix(tmp_path, name, sid, rows, message):
    folder = _folder(tmp_path, {"a.txt": SPEECH, "b.txt": b"\xff", "metadata.csv": "id,file\na,a.txt\n" + rows})
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", CorpusWarning)
        with pytest.raises(CorpusError, match=message):
            analysis.load_speech(sid, corpus=folder)


def test_id_syntax_is_defined_once():
    from analysis import ids, report

    assert ids.ID_SYNTAX == r"[A-Za-z0-9][A-Za-z0-9._-]*"
    for good in ("un-sg-2018-07-01", "1790-Washington-1", "NA", "a.b_c"):
        assert ids.check_id(good) == good and report.figures_dir(good).name == good
    for bad in ("", ".", "..", "-x", "a b", "a/b", "a;b", "é", None, 5):
        assert not ids.is_valid_id(bad)
        with pytest.raises(ValueError):
            report.figures_dir(bad) if isinstance(bad, str) and bad else ids.check_id(bad)


# ---- the Makefile: a scratch project, the real make, the venv's Python ----

MAKE_CASES = [
    ("semicolon", "un-sg-2018-06-29;touch pwned", "invalid speech id 'un-sg-2018-06-29;touch pwned'"),
    ("space", "my speech", "invalid speech id 'my speech': it contains ' '"),
    ("make-function", "$(shell touch pwned)", "invalid speech id '$(shell touch pwned)'"),
    ("backquote", "`touch pwned`", "invalid speech id '`touch pwned`'"),
    ("dollar-paren", "$(touch pwned)", "invalid speech id '$(touch pwned)'"),
    ("quote", "a'; touch pwned; echo '", "invalid speech id \"a'; touch pwned; echo '\""),
    ("leading-dash", "--verify", "invalid speech id '--verify': it starts with '-'"),
]


def _scratch_make_project(tmp_path):
    """A project folder with the real Makefile and a venv whose python is this Python on this checkout."""
    import shutil as _shutil
    from pathlib import Path

    if _shutil.which("make") is None:
        pytest.skip("GNU make is not installed")
    repo = Path(analysis.__file__).resolve().parent.parent
    root = tmp_path / "project"
    (root / "tools").mkdir(parents=True)
    (root / "data").mkdir()
    (root / "notebooks").mkdir()
    _shutil.copy(repo / "Makefile", root / "Makefile")
    for name in ("pyproject.toml", "constraints.txt", "tools/nltk_cmudict.py"):
        (root / name).write_text("", encoding="utf-8")
    (root / "data" / "a.txt").write_text(SPEECH, encoding="utf-8")
    (root / "data" / "b.txt").write_bytes(b"We \xff act.")
    (root / "data" / "metadata.csv").write_text("id,file\na,a.txt\nb,b.txt\n", encoding="utf-8")
    venv = root / "venv" / "bin"
    venv.mkdir(parents=True)
    (venv / "python").write_text(f'#!/bin/sh\nPYTHONPATH="{repo}" exec "{sys.executable}" "$@"\n', encoding="utf-8")
    (venv / "python").chmod(0o755)
    stamp = root / "venv" / ".installed"
    stamp.touch()
    os.utime(stamp, (2_000_000_000, 2_000_000_000))  # newer than its prerequisites: no install step
    return root


def _make(root, *args):
    env = {k: v for k, v in os.environ.items() if k not in {"MAKEFLAGS", "MFLAGS", "MAKELEVEL", "MAKEOVERRIDES"}}
    env["ANALYSIS_ROOT"] = str(root)
    return subprocess.run(["make", "--no-print-directory", *args, "VENV=venv"], cwd=root, env=env,
                          capture_output=True, text=True, timeout=60)


@pytest.fixture(scope="module")
def make_project(tmp_path_factory):
    return _scratch_make_project(tmp_path_factory.mktemp("make"))


@pytest.mark.parametrize("name,speech,message", MAKE_CASES, ids=[c[0] for c in MAKE_CASES])
def test_issue_9_make_report_matrix(make_project, name, speech, message):
    # was: `make report SPEECH='x;touch pwned'` ran the touch; "my speech" gave argparse's usage error
    run = _make(make_project, "report", f"SPEECH={speech}")
    assert not list(make_project.rglob("pwned")), "a command in SPEECH ran"
    assert run.returncode != 0
    assert f"error: ValueError: {message}" in run.stderr, run.stderr
    assert "usage:" not in run.stderr and "Traceback" not in run.stderr


def test_make_report_with_a_valid_id_reaches_the_report(make_project):
    run = _make(make_project, "report", "SPEECH=zz")  # valid syntax, not in the metadata
    assert run.returncode != 0 and "unknown speech id 'zz'" in run.stderr and "valid ids: a" in run.stderr


def test_make_report_of_an_undecodable_file_says_why(make_project):
    # was: "unknown speech id 'b'"
    run = _make(make_project, "report", "SPEECH=b")
    assert run.returncode != 0
    last = [line for line in run.stderr.splitlines() if line.startswith("error:")][-1]
    assert last.startswith("error: CorpusError: speech 'b' cannot be loaded: "
                           "data/b.txt: cannot decode as UTF-8 at byte offset 3"), run.stderr
    # the warning of the load, as a message only (issue 9 item 15, on the command line too)
    assert "warning: CorpusWarning: b.txt: data/b.txt: cannot decode" in run.stderr, run.stderr
    assert "corpus.py:" not in run.stderr and str(make_project) not in run.stderr


def test_make_refuses_unsafe_venv(make_project):
    for venv, message in (("a b", "must be one folder name without spaces"), ("/", "is not a folder make may")):
        env = {k: v for k, v in os.environ.items() if k not in {"MAKEFLAGS", "MFLAGS", "MAKELEVEL"}}
        run = subprocess.run(["make", "-n", "distclean", f"VENV={venv}"], cwd=make_project, env=env,
                             capture_output=True, text=True, timeout=60)
        assert run.returncode != 0 and message in run.stderr and "rm -rf" not in run.stdout


# ---- faults: a worker killed, the parent killed ----


_KILL_FLAG = {"path": ""}  # set by the test before the workers fork


def _kill_once(text, themes=None, figures=False):
    """An _analyze_one that kills its own worker (SIGKILL) on the text "KILL ME", the first time only."""
    if "KILL ME" in text:
        try:
            os.close(os.open(_KILL_FLAG["path"], os.O_CREAT | os.O_EXCL))
            os.kill(os.getpid(), signal.SIGKILL)
        except FileExistsError:
            pass
    return _real_analyze_one(text, themes, figures)


def _kill_always(text, themes=None, figures=False):
    if "KILL ME" in text:
        os.kill(os.getpid(), signal.SIGKILL)
    return _real_analyze_one(text, themes, figures)


import re  # noqa: E402
import signal  # noqa: E402

from analysis import corpus as _corpus  # noqa: E402

_real_analyze_one = _corpus._analyze_one
FAULT_CORPUS = pd.DataFrame({
    "id": [f"d{i}" for i in range(8)],
    "text": [SPEECH * (i + 1) if i != 3 else SPEECH + " KILL ME." for i in range(8)],
})


def test_analyze_survives_a_killed_worker(tmp_path, monkeypatch):
    # was: BrokenProcessPool, and nothing of the run kept
    monkeypatch.setitem(_KILL_FLAG, "path", str(tmp_path / "killed"))
    monkeypatch.setattr(_corpus, "_analyze_one", _kill_once)
    result = analysis.analyze(FAULT_CORPUS, cache=False, workers=2, progress=False)
    assert (tmp_path / "killed").exists()  # a worker really died
    expected = analysis.analyze(FAULT_CORPUS, cache=False, workers=1, progress=False)
    pd.testing.assert_frame_equal(result, expected)  # every document measured, as in one process
    assert result["error"].isna().all() and result["id"].tolist() == FAULT_CORPUS["id"].tolist()


def test_analyze_records_a_document_that_always_kills_its_worker(monkeypatch):
    monkeypatch.setattr(_corpus, "_analyze_one", _kill_always)
    result = analysis.analyze(FAULT_CORPUS, cache=False, workers=2, progress=False)
    assert result["id"].tolist() == FAULT_CORPUS["id"].tolist()  # every document accounted for
    errors = result.set_index("id")["error"]
    assert errors["d3"].startswith("lost: the worker process measuring it died") and "3 times" in errors["d3"]
    assert errors.drop("d3").isna().all() and result.set_index("id").drop("d3")["words"].gt(0).all()


_SLOW_ANALYZE = """
import sys, time
sys.path.insert(0, {repo!r})
import pandas as pd
import analysis
from analysis import corpus
def slow(text, themes=None, figures=False):
    time.sleep(60)
corpus._analyze_one = slow
analysis.analyze(pd.DataFrame({{"id": ["a", "b", "c"], "text": ["x", "y", "z"]}}), cache=False, workers=2)
"""


def _children(pid):
    try:
        with open(f"/proc/{pid}/task/{pid}/children") as fh:
            return [int(p) for p in fh.read().split()]
    except OSError:
        return []


def _descendants(pid):
    out, todo = [], [pid]
    while todo:
        kids = _children(todo.pop())
        out += kids
        todo += kids
    return out


def _alive(pid):
    try:
        with open(f"/proc/{pid}/stat") as fh:
            return fh.read().split(")")[-1].split()[0] != "Z"
    except OSError:
        return False


def _wait(predicate, seconds):
    import time

    end = time.monotonic() + seconds
    while time.monotonic() < end:
        if predicate():
            return True
        time.sleep(0.1)
    return predicate()


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="reads /proc")
def test_workers_die_with_their_parent():
    # was: both workers kept running (over 90 s) after kill -9 of the parent
    from pathlib import Path

    repo = str(Path(analysis.__file__).resolve().parent.parent)
    proc = subprocess.Popen([sys.executable, "-c", _SLOW_ANALYZE.format(repo=repo)])
    try:
        assert _wait(lambda: len(_children(proc.pid)) >= 2, 30), "the workers never started"
        workers = _descendants(proc.pid)
        proc.kill()
        proc.wait()
        assert _wait(lambda: not any(_alive(p) for p in workers), 5), [p for p in workers if _alive(p)]
    finally:
        proc.kill()


def test_report_folder_is_replaced_whole_or_not_at_all(tmp_path, monkeypatch):
    from analysis import report

    monkeypatch.setattr(report.config, "REPORTS_DIR", tmp_path / "reports")
    nbs = tmp_path / "nbs"
    nbs.mkdir()
    for name in ("01-a", "02-b"):
        (nbs / f"{name}.ipynb").write_text("{}", encoding="utf-8")
    monkeypatch.setattr(report.config, "NOTEBOOKS_DIR", nbs)
    monkeypatch.setattr(report, "load_speech", None, raising=False)
    final = tmp_path / "reports" / "x"
    final.mkdir(parents=True)
    for name in ("01-a", "02-b", "03-gone"):
        (final / f"{name}.html").write_text("old", encoding="utf-8")
    calls = []

    def run_one(args):
        path, speech_id, figures, reports, themes, parameters = args
        calls.append(reports)
        if fail and path.stem == "02-b":
            raise report.NotebookError("02-b failed")
        out = Path(reports) / f"{path.stem}.html"
        out.write_text("new", encoding="utf-8")
        return report.NotebookResult(path.stem, out)

    from pathlib import Path

    import analysis.corpus

    monkeypatch.setattr(report, "_run_one", run_one)
    monkeypatch.setattr(analysis.corpus, "load_speech",
                        lambda sid: analysis.Speech(sid, SPEECH, pd.Series({"id": sid})))
    fail = True
    with pytest.raises(report.NotebookError):
        report.build(speech_id="x", workers=1)
    assert {p.name: p.read_text() for p in final.iterdir()} == {
        "01-a.html": "old", "02-b.html": "old", "03-gone.html": "old"}  # untouched: 01-a's new HTML never mixed in
    assert Path(calls[0]) != final and not Path(calls[0]).exists()  # staged elsewhere, cleaned up
    fail = False
    results = report.build(speech_id="x", workers=1)
    pages = {p.name: p.read_text() for p in final.iterdir() if p.name != "index.html"}  # index: the site (issue 14)
    assert pages == {"01-a.html": "new", "02-b.html": "new"}
    assert [r.html for r in results] == [final / "01-a.html", final / "02-b.html"]
    report.build(speech_id="x", only=["02"], workers=1)  # --only keeps the other reports
    assert sorted(p.name for p in final.iterdir()) == ["01-a.html", "02-b.html", "index.html"]
    assert not [p for p in final.parent.iterdir() if p.name.startswith(".")]


_SLEEP_NOTEBOOK = {
    "cells": [{"cell_type": "code", "execution_count": None, "id": "c1", "metadata": {"tags": ["parameters"]},
               "outputs": [], "source": "speech_id = None\nfigures_dir = None"},
              {"cell_type": "code", "execution_count": None, "id": "c2", "metadata": {}, "outputs": [],
               "source": "import time\ntime.sleep(120)"}],
    "metadata": {"kernelspec": {"name": "python3", "display_name": "Python 3", "language": "python"}},
    "nbformat": 4, "nbformat_minor": 5,
}


@pytest.mark.notebooks
@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="reads /proc")
def test_killed_report_run_leaves_no_process_and_old_reports(tmp_path):
    import json
    from pathlib import Path

    root = tmp_path / "project"
    (root / "data").mkdir(parents=True)
    (root / "data" / "a.txt").write_text(SPEECH, encoding="utf-8")
    (root / "data" / "metadata.csv").write_text("id,file\na,a.txt\n", encoding="utf-8")
    (root / "notebooks").mkdir()
    for name in ("01-x", "02-y"):
        (root / "notebooks" / f"{name}.ipynb").write_text(json.dumps(_SLEEP_NOTEBOOK), encoding="utf-8")
    old = root / "reports" / "a"
    old.mkdir(parents=True)
    (old / "01-x.html").write_text("old", encoding="utf-8")
    repo = str(Path(analysis.__file__).resolve().parent.parent)
    env = {**os.environ, "ANALYSIS_ROOT": str(root), "PYTHONPATH": repo}
    proc = subprocess.Popen([sys.executable, "-m", "analysis.report", "--speech", "a"], cwd=root, env=env)
    try:
        # two notebook workers, each with a kernel
        assert _wait(lambda: len(_descendants(proc.pid)) >= 4, 60), _descendants(proc.pid)
        family = _descendants(proc.pid)
        proc.kill()
        proc.wait()
        assert _wait(lambda: not any(_alive(p) for p in family), 8), [p for p in family if _alive(p)]
    finally:
        proc.kill()
    assert {p.name: p.read_text() for p in old.iterdir()} == {"01-x.html": "old"}


# ---- item 8: a 100,000-word sentence ----


def test_long_sentence_offsets_are_computed_once_per_sentence(monkeypatch):
    # was: once per modal, so a 100,000-word sentence with thousands of modals took minutes
    from analysis import modality

    calls = []
    real = modality._offsets
    monkeypatch.setattr(modality, "_offsets", lambda s: calls.append(s.index) or real(s))
    clause = "we must act , and Member States should help , and they will win "
    text = (clause * 300).strip() + "."  # one sentence: 4,200 words, 900 modals
    doc = analysis.segment(text)
    assert doc.n_sentences == 1
    table = analysis.modal_phrases(doc)
    assert table["modal"].tolist() == ["must", "should", "will"] * 300
    assert table["subject"].tolist()[:3] == ["we", "Member States", "they"]
    assert len(calls) <= 2, len(calls)  # the comma test and the subjects: once each at most


def test_long_text_is_cut_for_display_only():
    from analysis import display, report

    long_sentence = " ".join(["security"] * 100_000) + "."
    cut = display.truncate(long_sentence)
    assert len(cut) < display.DISPLAY_CHARS + 40 and cut.endswith("(99,956 more words)")
    assert cut.startswith("security security") and " securi " not in cut  # cut between words
    assert display.truncate("We act.", 100) == "We act."
    assert display.truncate("x" * 50, 10) == "x" * 10 + " … (1 more word)"
    with pytest.raises(ValueError, match="n must be a positive int"):
        display.truncate("x", 0)
    assert len(report.md_quote(long_sentence)) < display.DISPLAY_CHARS + 40
    assert report.md_quote(long_sentence, limit=None).count("security") == 100_000
    data = pd.DataFrame({"sentence": [0], "text": [long_sentence]})
    html = report.show_table(data).to_html()
    assert len(html) < 5_000 and "99,956 more words" in html
    assert data.loc[0, "text"] == long_sentence  # the data are not changed
    many = pd.DataFrame({"match": [f"m{i}" for i in range(10_000)]})
    html = report.show_table(many).to_html()
    assert "m299<" in html and "m300<" not in html and "The first 300 of 10,000 rows." in html
    assert "m9999<" in report.show_table(many, max_rows=None).to_html()
    table = analysis.sentence_table(long_sentence)
    assert table.loc[0, "text"] == long_sentence and table.loc[0, "words"] == 100_000


# ---- item 15: warnings in report HTML ----


def test_report_html_shows_warnings_without_paths():
    from nbformat.v4 import new_code_cell, new_notebook, new_output

    from analysis import config, display, report

    where = f"{config.ROOT}/analysis/corpus.py"
    stderr = (f"{where}:353: CorpusWarning: metadata.csv line 3 (id 'x'): file 'gone.txt' not found in "
              f"{config.ROOT}/data; row skipped\n  speech = analysis.load_speech(speech_id)\n"
              "/tmp/ipykernel_77/123.py:2: EmptyTextWarning: profile(): the text has no words\n  row = x\n")
    assert display.user_messages(stderr) == (
        "CorpusWarning: metadata.csv line 3 (id 'x'): file 'gone.txt' not found in data; row skipped\n"
        "EmptyTextWarning: profile(): the text has no words\n")
    nb = new_notebook(cells=[new_code_cell("x", outputs=[new_output("stream", name="stderr", text=stderr)])],
                      metadata={"kernelspec": {"name": "python3", "display_name": "Python 3", "language": "python"}})
    html = report.export_html(nb, title="t")
    assert "corpus.py" not in html and str(config.ROOT) not in html and "ipykernel" not in html
    assert "CorpusWarning: metadata.csv line 3 (id &#39;x&#39;)" in html or "CorpusWarning: metadata.csv line 3" in html


def test_issue_9_matrix_is_complete():
    from pathlib import Path

    tables = {"FOLDER_CASES": FOLDER_CASES, "ID_CASES": ID_CASES, "MAKE_CASES": MAKE_CASES}
    for item, what, expected, test in ISSUE_9:
        if ":" in test and "::" not in test:
            table, case = test.split(":")
            assert case in [c[0] for c in tables[table]], (item, test)
        elif "::" in test:  # a test in the module of its part
            module, name = test.split("::")
            assert f"def {name}(" in (Path(__file__).parent / module).read_text(encoding="utf-8"), test
        else:
            assert callable(globals().get(test)), test
    assert set(range(1, 16)) <= {row[0] for row in ISSUE_9}  # every item of the issue has its rows
    rows = len(ISSUE_9) + sum(len(t) for t in tables.values())
    print(f"issue 9 matrix: {len(ISSUE_9)} behaviours, {rows} rows with the cases of the tables")


def test_default_reports_folder_keeps_the_other_speeches(tmp_path):
    # reports/ of the default speech holds reports/<id>/ of the others: files replaced, folders kept
    from analysis import report

    final, staged = tmp_path / "reports", tmp_path / ".reports.partial-1"
    (final / "other").mkdir(parents=True)
    (final / "other" / "01-a.html").write_text("other", encoding="utf-8")
    (final / "01-a.html").write_text("old", encoding="utf-8")
    (final / "09-gone.html").write_text("old", encoding="utf-8")
    staged.mkdir()
    (staged / "01-a.html").write_text("new", encoding="utf-8")
    report._publish(staged, final, full=True)
    assert sorted(str(p.relative_to(final)) for p in final.rglob("*.html")) == ["01-a.html", "other/01-a.html"]
    assert (final / "01-a.html").read_text() == "new" and (final / "other" / "01-a.html").read_text() == "other"


def test_histogram_of_a_100000_word_sentence_has_few_bars():
    # was: 20,000 bars of 5 words (a minute and gigabytes to draw in notebook 02)
    from analysis import plots

    fig = plots.plot_sentence_length_histogram(pd.DataFrame({"words": [12, 30, 100_000]}))
    ax = fig.axes[0]
    assert len(ax.patches) == 51  # bars of 2,000 words: 0 to 102,000
    assert ax.get_xlabel() == "Sentence length (words; bars 2000 words wide)"
    assert sum(p.get_height() for p in ax.patches) == 3
    small = plots.plot_sentence_length_histogram(pd.DataFrame({"words": [12, 30, 58]}))
    assert len(small.axes[0].patches) == 12  # unchanged for ordinary speeches: bars of 5 words


def test_sentence_lengths_chart_of_many_short_lines_is_one_artist():
    # was: one bar patch per sentence (80,000 short lines: minutes to draw)
    from analysis import plots

    many = plots.plot_sentence_lengths(pd.DataFrame({"words": [3, 4] * 1_500}),
                                       sections=["Opening"] * 1_000 + ["First"] * 2_000)
    ax = many.axes[0]
    assert len(ax.patches) == 0 and len(ax.collections) == 2  # one line collection per part
    assert sum(len(c.get_segments()) for c in ax.collections) == 3_000
    few = plots.plot_sentence_lengths(pd.DataFrame({"words": [3, 4, 5]}))
    assert len(few.axes[0].patches) == 3  # ordinary speeches keep their bars
