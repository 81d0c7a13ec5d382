"""Theme dictionaries and matching: hand-counted passages, malformed files, aggregation."""

from __future__ import annotations

import textwrap

import numpy as np
import pandas as pd
import pandas.testing as pdt
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from analysis.config import DATA_DIR, THEMES_DIR
from analysis.matches import LEADING
from analysis.rates import Bootstrap, rate_interval
from analysis.text import read_text, segment
from analysis.themes import (
    ThemeDictionary,
    load_themes,
    packaged_themes,
    theme_by_section,
    theme_dispersion,
    theme_matches,
    theme_measures,
    theme_rates,
    themes_from_mapping,
)

SEED = DATA_DIR / "un-sg-2018-06-29.txt"

SMALL_YAML = """\
name: small
description: A test dictionary.
version: "0.1"
themes:
  rights:
    label: Rights
    description: Human rights and the rule of law.
    entries: [human rights, rights, rule of law]
  security:
    entries: [terror*, counter-terror*, security]
  un:
    label: UN bodies
    entries: [security council, human rights council, united nations]
exclude: [social security]
"""

# Hand count with SMALL_YAML (longest match wins, each word counted once):
#   "Human Rights Council" -> un 1 (not rights: the three-word entry is longer)
#   "human rights"         -> rights 1
#   "Rights"               -> rights 2
#   "Security Council"     -> un 2
#   "counter-terrorism"    -> security 1 (one word; "terror*" does not match it)
#   "terrorists"           -> security 2
#   "social security"      -> excluded, counts for nothing
#   "security"             -> security 3
SMALL_TEXT = (
    "The Human Rights Council defends human rights. Rights matter. "
    "The Security Council met on counter-terrorism and terrorists; social security is not security."
)
# rights 2, security 3, un 2


@pytest.fixture()
def small(tmp_path):
    path = tmp_path / "small.yaml"
    path.write_text(SMALL_YAML, encoding="utf-8")
    return path


def _dict(entries_by_theme: dict, exclude=()) -> ThemeDictionary:
    return themes_from_mapping({"themes": entries_by_theme, "exclude": list(exclude)})


# ---------------------------------------------------------------------------
# Matching rules
# ---------------------------------------------------------------------------


def test_custom_dictionary_from_yaml_hand_counted(small):
    d = load_themes(small)
    assert d.name == "small" and d.version == "0.1" and d.names == ["rights", "security", "un"]
    assert d.theme("un").label == "UN bodies"
    assert d.theme("security").label == "Security"  # default label from the name
    table = theme_rates(SMALL_TEXT, themes=small)
    # The(0) Human Rights Council defends human rights(6). Rights matter(8). The(9) Security
    # Council met on counter-terrorism(14) and terrorists; social security is not security(21)
    n_words = segment(SMALL_TEXT).n_words
    assert n_words == 22
    expected = pd.DataFrame(
        {
            "theme": pd.Series(["rights", "security", "un"], dtype=object),
            "label": ["Rights", "Security", "UN bodies"],
            "count": np.array([2, 3, 2], dtype="int64"),
            "per_1000": [2000 / 22, 3000 / 22, 2000 / 22],
            # rights: sentences 0 and 1; security: sentence 2; un: sentences 0 and 2
            "sentences": np.array([2, 1, 2], dtype="int64"),
        }
    )
    pdt.assert_frame_equal(table.drop(columns=["ci_low", "ci_high"]), expected)


def test_match_table_hand_counted(small):
    m = theme_matches(SMALL_TEXT, themes=small)
    # The(0) Human(1) ... human(5) rights(6). Rights(7) matter(8). The(9) Security(10)
    # Council met on counter-terrorism(14) and terrorists(16) social security is not security(21);
    # the sentences start at words 0, 7 and 9.
    expected = pd.DataFrame(
        {
            "sentence": np.array([0, 0, 1, 2, 2, 2, 2], dtype="int64"),
            "start": np.array([1, 5, 7, 10, 14, 16, 21], dtype="int64"),  # was "word"
            "end": np.array([4, 7, 8, 12, 15, 17, 22], dtype="int64"),
            "word_in_sentence": np.array([1, 5, 0, 1, 5, 7, 12], dtype="int64"),
            "theme": ["un", "rights", "rights", "un", "security", "security", "security"],
            "entry": [
                "human rights council",
                "human rights",
                "rights",
                "security council",
                "counter-terror*",
                "terror*",
                "security",
            ],
            "match": [
                "Human Rights Council",
                "human rights",
                "Rights",
                "Security Council",
                "counter-terrorism",
                "terrorists",
                "security",
            ],
        }
    )
    expected.insert(4, "position", expected["start"] / 22)
    assert list(expected.columns) == [*LEADING, "theme", "entry", "match"]
    pdt.assert_frame_equal(m, expected.astype({"theme": object, "entry": object, "match": object}))


def test_longest_match_wins_and_token_counted_once():
    d = _dict({"a": ["rights"], "b": ["human rights"]})
    # "human rights" -> b 1; "rights" -> a 1; "human rights" -> b 2
    text = "Human rights and rights, and again human rights."
    assert theme_rates(text, themes=d)["count"].tolist() == [1, 2]


def test_tie_exact_entry_beats_prefix():
    d = _dict({"a": ["terrorism"], "b": ["terror*"]})
    # terrorism -> a; terrorist -> b; Terrorism -> a; terror -> b
    text = "Terrorism and the terrorist. Terrorism spreads terror."
    assert theme_rates(text, themes=d)["count"].tolist() == [2, 2]


def test_glob_prefix_only_at_word_start():
    d = _dict({"p": ["radicali*"]})
    # radicalization 1, Radicalized 2, radicalising 3; "radical" and "deradicalization" do not match
    text = "Radical ideas, radicalization and deradicalization. Radicalized youth, radicalising others."
    m = theme_matches(text, themes=d)
    assert m["match"].tolist() == ["radicalization", "Radicalized", "radicalising"]


def test_glob_inside_a_phrase():
    d = _dict({"p": ["prevent* violent extremis*"], "s": ["violent extremis*"]})
    # "preventing violent extremism" -> p (three words); "violent extremists" -> s
    text = "Preventing violent extremism works against violent extremists."
    assert theme_rates(text, themes=d)["count"].tolist() == [1, 1]


def test_hyphenated_compounds_are_one_word():
    d = _dict(
        {
            "un": ["counter-terrorism week"],
            "sec": ["counter-terror*"],
            "spaced": ["counter terrorism"],
            "coop": ["all-of-society"],
        }
    )
    # "Counter-Terrorism Week" -> un 1 (a phrase of two words, the first hyphenated)
    # "counter-terrorism"      -> sec 1 (the spaced entry "counter terrorism" does not match it)
    # "counter terrorism"      -> spaced 1
    # "all-of-society"         -> coop 1 (one word)
    text = "The Counter-Terrorism Week closed. Counter-terrorism needs an all-of-society approach, not counter terrorism alone."
    assert theme_rates(text, themes=d)["count"].tolist() == [1, 1, 1, 1]


def test_case_insensitive_entries_and_text():
    d = _dict({"a": ["Rule of LAW"]})
    # RULE OF LAW 1, Rule of Law 2, rule of law 3
    text = "RULE OF LAW. The Rule of Law and the rule of law."
    assert theme_rates(text, themes=d)["count"].tolist() == [3]


def test_curly_apostrophes_in_text_and_entries():
    straight = _dict({"w": ["women's"]})
    curly = _dict({"w": ["women\u2019s rights"]})
    text = "Women\u2019s rights and women's voices."
    # straight entry: "Women’s" 1, "women's" 2
    assert theme_rates(text, themes=straight)["count"].tolist() == [2]
    # curly phrase entry: "Women’s rights" 1
    assert theme_rates(text, themes=curly)["count"].tolist() == [1]


def test_phrases_do_not_cross_sentence_boundaries():
    d = _dict({"hr": ["human rights"], "r": ["rights"]})
    # "human. Rights" is two sentences: only "Rights" -> r
    assert theme_rates("We are human. Rights follow.", themes=d)["count"].tolist() == [0, 1]


def test_exclude_consumes_words_without_counting():
    d = _dict({"sec": ["security"]}, exclude=["social security"])
    # Social Security excluded; "security" -> 1
    assert theme_rates("Social Security is not national security.", themes=d)["count"].tolist() == [1]


def test_zero_count_themes_are_listed_in_dictionary_order():
    d = _dict({"z": ["zebra"], "a": ["apple"], "m": ["mango"]})
    t = theme_rates("An apple a day.", themes=d)
    assert t["theme"].tolist() == ["z", "a", "m"]
    assert t["count"].tolist() == [0, 1, 0]
    assert t.loc[0, ["ci_low", "ci_high"]].tolist() == [0.0, 0.0]


# ---------------------------------------------------------------------------
# Loading and malformed dictionaries
# ---------------------------------------------------------------------------

MALFORMED = [
    pytest.param(
        'themes:\n  security:\n    entries: [terror*, "  "]\n',
        ["theme 'security'", "entry 2", "is empty"],
        id="empty-entry",
    ),
    pytest.param(
        "themes:\n  un:\n    entries: [united nations, 2396]\n",
        ["theme 'un'", "entry 2", "2396", "not a string"],
        id="non-string",
    ),
    pytest.param(
        "themes:\n  tech:\n    entries: [internet, c++]\n",
        ["theme 'tech'", "entry 2", "'c++'", "unsupported characters"],
        id="unsupported-characters",
    ),
    pytest.param(
        "themes:\n  tech:\n    entries: [data_base]\n",
        ["theme 'tech'", "entry 1", "data_base", "unsupported characters"],
        id="underscore",
    ),
    pytest.param(
        "themes:\n  sec:\n    entries: [ter*ror]\n",
        ["theme 'sec'", "entry 1", "ter*ror", "only at the end of a word"],
        id="star-inside",
    ),
    pytest.param(
        "themes:\n  sec:\n    entries: [terror, '*']\n",
        ["theme 'sec'", "entry 2", "bare '*'"],
        id="bare-star",
    ),
    pytest.param(
        "themes:\n  sec:\n    entries: []\n",
        ["theme 'sec'", "has no entries"],
        id="no-entries",
    ),
    pytest.param(
        "themes:\n  sec:\n  women: [women]\n",
        ["theme 'sec'", "has no entries"],
        id="null-theme",
    ),
    pytest.param(
        "themes:\n  sec: [terror*, security]\n  un: [Security, united nations]\n",
        ["theme 'un'", "entry 1", "'Security'", "duplicate", "theme 'sec'"],
        id="duplicate-across-themes",
    ),
    pytest.param(
        "themes:\n  sec: [terror*, 'Terror*']\n",
        ["theme 'sec'", "entry 2", "duplicate"],
        id="duplicate-within-theme",
    ),
    pytest.param(
        "themes:\n  sec: [security]\nexclude: [security]\n",
        ["'exclude'", "entry 1", "duplicate", "theme 'sec'"],
        id="duplicate-in-exclude",
    ),
    pytest.param(
        "themes:\n  a: [x\n  b: [y]\n",
        ["YAML syntax error at line 3"],
        id="yaml-syntax",
    ),
    pytest.param(
        "themes:\n  Bad Name: [x]\n",
        ["theme 'Bad Name'", "lower-case"],
        id="theme-name",
    ),
    pytest.param(
        "themes:\n  sec:\n    entries: [x]\n    colour: red\n",
        ["theme 'sec'", "unknown key", "colour"],
        id="unknown-theme-key",
    ),
    pytest.param("- just\n- a list\n", ["must be a YAML mapping"], id="not-a-mapping"),
    pytest.param("name: x\n", ["'themes' must be a non-empty mapping"], id="no-themes"),
]


@pytest.mark.parametrize("content, fragments", MALFORMED)
def test_malformed_dictionary_errors_name_file_theme_and_entry(tmp_path, content, fragments):
    path = tmp_path / "bad.yaml"
    path.write_text(content, encoding="utf-8")
    with pytest.raises(ValueError) as info:
        load_themes(path)
    message = str(info.value)
    assert str(path.resolve()) in message
    for fragment in fragments:
        assert fragment in message


def test_missing_dictionary_names_it_and_lists_packaged(tmp_path):
    with pytest.raises(FileNotFoundError, match="no_such_dictionary.*counter_terrorism"):
        load_themes("no_such_dictionary")
    with pytest.raises(TypeError, match="load_themes"):
        load_themes(42)


def test_edited_file_is_reloaded(tmp_path):
    path = tmp_path / "d.yaml"
    path.write_text("themes:\n  a: [apple]\n", encoding="utf-8")
    assert load_themes(path).theme("a").entries == ("apple",)
    path.write_text("themes:\n  a: [apple, apples]\n", encoding="utf-8")
    assert load_themes(path).theme("a").entries == ("apple", "apples")


def test_bad_text_type():
    with pytest.raises(TypeError, match="theme_rates.*str or an analysis.Document.*list"):
        theme_rates(["not", "text"])
    with pytest.raises(TypeError):
        theme_rates("We act.", load_themes())  # themes= is keyword-only


# ---------------------------------------------------------------------------
# The default dictionary on the seed speech
# ---------------------------------------------------------------------------


def test_default_dictionary_is_packaged_and_documented():
    d = load_themes()
    assert "counter_terrorism" in packaged_themes()
    assert d is load_themes("counter_terrorism")  # cached parse
    assert d.source == str((THEMES_DIR / "counter_terrorism.yaml").resolve())
    assert d.names == [
        "security",
        "human_rights",
        "cooperation",
        "information_sharing",
        "prevention",
        "youth",
        "women",
        "civil_society",
        "victims",
        "technology",
        "un_institutions",
    ]
    for t in d.themes:
        assert t.label and t.description and t.entries, t.name


def test_default_dictionary_on_seed_speech_hand_counted():
    doc = segment(read_text(SEED))
    m = theme_matches(doc)
    per_entry = m.groupby("entry").size()
    # grep -oi on the speech: "civil society" 4, "human rights" 3, "Member States" 8
    assert per_entry["civil society"] == 4
    assert per_entry["human rights"] == 3
    assert per_entry["member state*"] == 8
    # Named UN event and strategy are one match each, not also "security"
    assert "United Nations Counter-Terrorism Week" in m["match"].tolist()
    assert "United Nations Global Counter-Terrorism Strategy" in m["match"].tolist()
    t = theme_rates(doc).set_index("theme")
    # women: "women and youth associations", "engage women" -> 2
    # youth: "youth associations", "young people", "young or vulnerable people" -> 3
    # victims: "the rights of victims" -> 1
    assert t.loc["women", "count"] == 2
    assert t.loc["youth", "count"] == 3
    assert t.loc["victims", "count"] == 1


def test_fast_measures_equal_the_audited_table():
    doc = segment(read_text(SEED))
    table = theme_rates(doc)
    measures = theme_measures(doc)
    assert list(measures) == [f"theme_{n}_per_1000" for n in table["theme"]]
    assert list(measures.values()) == pytest.approx(table["per_1000"].tolist())


def test_fast_measures_equal_the_audited_table_with_phrases_at_sentence_edges():
    d = _dict({"hr": ["human rights"], "r": ["rights"], "h": ["human"]})
    # "human" ends sentence 1, "Rights" starts sentence 2: no phrase across them
    # hr: "human rights" (sentence 2) -> 1; r: "Rights" (0), "Rights" (2) -> 2;
    # h: "human" (1), "Human" (3) -> 2
    text = "Rights. We are human. Rights and human rights. Human"
    expected = theme_rates(text, themes=d)["per_1000"].tolist()
    assert list(theme_measures(text, themes=d).values()) == pytest.approx(expected)
    assert theme_rates(text, themes=d)["count"].tolist() == [1, 2, 2]


def test_empty_text():
    with pytest.warns(RuntimeWarning, match="no words"):
        assert all(np.isnan(v) for v in theme_measures("").values())
    with pytest.warns(RuntimeWarning, match="no words"):
        t = theme_rates("")
    assert (t["count"] == 0).all() and t["per_1000"].isna().all()
    assert theme_matches("").empty


# ---------------------------------------------------------------------------
# Positions, dispersion, sections
# ---------------------------------------------------------------------------


def test_positions_are_in_unit_interval_and_monotonic():
    doc = segment(read_text(SEED))
    m = theme_matches(doc)
    assert len(m) > 50
    assert m["position"].between(0, 1, inclusive="left").all()
    assert m["start"].is_monotonic_increasing and m["start"].is_unique
    assert m["sentence"].is_monotonic_increasing
    np.testing.assert_allclose(m["position"], m["start"] / doc.n_words)
    firsts = np.array([doc.sentences[i].first_word for i in m["sentence"]])
    np.testing.assert_array_equal(m["word_in_sentence"], m["start"] - firsts)
    for row in m.itertuples():
        assert row.match == " ".join(doc.words[row.start:row.end])


def test_middle_of_the_speech_is_position_one_half():
    d = _dict({"t": ["terrorism"]})
    # ten words; "terrorism" is word 5 -> position 0.5
    text = "One two three four five terrorism seven eight nine ten."
    assert theme_matches(text, themes=d)["position"].tolist() == [0.5]


def test_dispersion_bins_hand_counted():
    d = _dict({"t": ["terrorism"], "p": ["peace"]})
    # ten words, five bins of two words: terrorism at words 0 and 5 -> bins 0 and 2; peace at 9 -> bin 4
    text = "Terrorism two three four five terrorism seven eight nine peace."
    disp = theme_dispersion(text, themes=d, bins=5)
    assert disp["count"].tolist() == [1, 0, 1, 0, 0] + [0, 0, 0, 0, 1]
    assert disp["words"].tolist() == [2] * 10
    assert disp["per_1000"].tolist()[:3] == pytest.approx([500.0, 0.0, 500.0])
    assert disp["start"].tolist()[:5] == pytest.approx([0, 0.2, 0.4, 0.6, 0.8])


def test_dispersion_sums_to_totals_on_seed():
    doc = segment(read_text(SEED))
    disp = theme_dispersion(doc, bins=7)  # 914 words do not divide by 7
    totals = theme_rates(doc).set_index("theme")["count"]
    by_theme = disp.groupby("theme", sort=False)["count"].sum()
    # (the key columns' dtypes differ: object in theme_rates, str in theme_dispersion)
    pdt.assert_series_equal(by_theme, totals, check_names=False, check_index_type=False)
    assert disp[disp["theme"] == "security"]["words"].sum() == doc.n_words
    with pytest.raises(ValueError, match="bins"):
        theme_dispersion(doc, bins=0)


def test_by_section_sums_to_totals():
    doc = segment(read_text(SEED))
    labels = ["Opening" if i < 20 else "Middle" if i < 40 else "Close" for i in range(doc.n_sentences)]
    sections = pd.Series(labels, index=range(doc.n_sentences))
    table = theme_by_section(doc, sections)
    assert table["section"].unique().tolist() == ["Opening", "Middle", "Close"]
    totals = theme_rates(doc).set_index("theme")["count"]
    pdt.assert_series_equal(table.groupby("theme", sort=False)["count"].sum(), totals, check_names=False,
                            check_index_type=False)
    words = table[table["theme"] == "security"].set_index("section")["words"]
    assert words.sum() == doc.n_words
    assert words["Opening"] == sum(len(s.words) for s in doc.sentences[:20])
    row = table[(table["theme"] == "security") & (table["section"] == "Close")].iloc[0]
    assert row["per_1000"] == pytest.approx(1000 * row["count"] / row["words"])


def test_by_section_partial_series_and_categorical_order():
    d = _dict({"t": ["terrorism"]})
    # sentence 0: 1 match (3 words), sentence 1: 2 matches (4 words), sentence 2: 1 match (2 words)
    text = "Terrorism is bad. Terrorism and terrorism again. Terrorism ends."
    sections = pd.Series(pd.Categorical(["B", "A"], categories=["A", "B"]), index=[0, 1])
    table = theme_by_section(text, sections, themes=d)
    assert table["section"].tolist() == ["A", "B", "(unassigned)"]
    assert table["count"].tolist() == [2, 1, 1]
    assert table["words"].tolist() == [4, 3, 2]
    dropped = theme_by_section(text, sections, themes=d, unassigned=None)
    assert dropped["count"].tolist() == [2, 1]
    with pytest.raises(ValueError, match=r"not in the document.*\[7\]"):
        theme_by_section(text, pd.Series(["A"], index=[7]), themes=d)


def test_theme_intervals_equal_rate_interval_per_theme(small):
    doc = segment(SMALL_TEXT)
    interval = Bootstrap(n_boot=500, seed=3)
    table = theme_rates(doc, themes=small, interval=interval)
    m = theme_matches(doc, themes=small)
    words = [len(s.words) for s in doc.sentences]
    for row in table.itertuples():
        counts = m[m["theme"] == row.theme].groupby("sentence").size().reindex(range(doc.n_sentences), fill_value=0)
        low, high = rate_interval(counts.to_numpy(), words, interval=interval)
        assert (row.ci_low, row.ci_high) == pytest.approx((low, high))


# ---------------------------------------------------------------------------
# Properties of the matching rule
# ---------------------------------------------------------------------------

_VOCAB = ["human", "Rights", "council", "rule", "of", "law", "terrorism", "Counter-Terrorism", "the", "week"]
_PROPERTY_DICT = _dict(
    {
        "hr": ["human rights", "rights", "rule of law"],
        "sec": ["terror*", "counter-terror*"],
        "un": ["human rights council", "counter-terrorism week", "council"],
    },
    exclude=["the week"],
)


@settings(max_examples=150, deadline=None)
@given(st.lists(st.lists(st.sampled_from(_VOCAB), min_size=1, max_size=12), min_size=1, max_size=6))
def test_matches_never_overlap_and_fast_path_agrees(sentences):
    text = " ".join(" ".join(ws) + "." for ws in sentences)
    doc = segment(text)
    m = theme_matches(doc, themes=_PROPERTY_DICT)
    ends = m["start"] + m["match"].str.split().str.len()
    assert (m["end"] == ends).all()  # end is exclusive: start + the words of the match
    # each word is counted at most once
    assert (m["start"].iloc[1:].to_numpy() >= m["end"].iloc[:-1].to_numpy()).all()
    # a match stays inside its sentence
    for row in m.itertuples():
        s = doc.sentences[row.sentence]
        assert s.first_word <= row.start and row.end <= s.first_word + len(s.words)
        assert row.word_in_sentence == row.start - s.first_word
    table = theme_rates(doc, themes=_PROPERTY_DICT, interval=Bootstrap(n_boot=10))
    assert table["count"].sum() == len(m)
    assert list(theme_measures(doc, themes=_PROPERTY_DICT).values()) == pytest.approx(table["per_1000"].tolist())


def test_theme_rates_are_rates_of_the_match_table(small):
    # theme_rates counts theme_matches' rows with analysis.rates (no second scan)
    from analysis.rates import rates

    interval = Bootstrap(n_boot=300, seed=2)
    table = theme_rates(SMALL_TEXT, themes=small, interval=interval)
    expected = rates(theme_matches(SMALL_TEXT, themes=small), SMALL_TEXT, by="theme",
                     categories=load_themes(small).names, interval=interval)
    pdt.assert_frame_equal(table[["theme", "count", "per_1000", "ci_low", "ci_high"]], expected)
    plain = theme_rates(SMALL_TEXT, themes=small, interval=None)
    assert plain["count"].tolist() == [2, 3, 2] and plain[["ci_low", "ci_high"]].isna().all().all()
