"""The report helpers added in review: plural, measure_label, measures_overview, show_table."""

from __future__ import annotations

import math

import numpy as np
import pandas as pd
import pytest

import analysis
from analysis import profile, prose, themes_from_mapping


@pytest.mark.parametrize("n, singular, irregular, expected", [
    (0, "word", None, "0 words"),
    (1, "word", None, "1 word"),
    (2, "match", "matches", "2 matches"),
    (1, "entry", "entries", "1 entry"),
    (1204, "word", None, "1,204 words"),
    (np.int64(1), "part", None, "1 part"),
    (3.0, "word", None, "3 words"),
    (1.5, "word", None, "1.5 words"),
])
def test_plural(n, singular, irregular, expected):
    assert prose.plural(n, singular, irregular) == expected


def test_plural_rejects_non_numbers():
    with pytest.raises(TypeError, match="plural: n must be a number, not str"):
        prose.plural("3", "word")
    with pytest.raises(TypeError):
        prose.plural(True, "word")


def test_measure_label():
    assert prose.measure_label("flesch_kincaid_grade") == "Flesch-Kincaid grade"
    assert prose.measure_label("we_i_ratio") == "'We' for each 'I'"
    assert prose.measure_label("something_new") == "something new"


def test_measures_overview_names_every_row():
    # "We must act. We must act now." : 7 words (We must act / We must act now); 2 modals (must, must);
    # theme "action" matches "act" twice.
    dictionary = themes_from_mapping({"name": "tiny", "themes": {"action": {"label": "Taking action", "entries": ["act"]}}})
    prof = profile("We must act. We must act now.", themes=dictionary)
    table = prose.measures_overview(prof, themes=dictionary)
    assert list(table.columns) == ["measure", "value", "unit", "meaning"]
    assert len(table) == len(prof)
    rows = table.set_index("measure")
    assert rows.loc["Theme: Taking action", "value"] == "285.71"  # 2 matches / 7 words * 1,000
    assert rows.loc["Theme: Taking action", "unit"] == "per 1,000 words"
    assert rows.loc["Obligation modals", "value"] == "285.71"  # 2 / 7 * 1,000
    assert rows.loc["Words", "value"] == "7"
    # No row is left with a raw key: every measure has a unit.
    assert (table["unit"] != "").all(), table[table["unit"] == ""]


def test_show_table_labels_alignment_formats_and_escapes():
    data = pd.DataFrame({"text": ["<script>alert(1)</script>", "plain"], "count": [1234, 5],
                         "rate": [1.25, float("nan")], "ok": [True, False]}, index=[7, 8])
    html = prose.show_table(data, labels={"count": "uses"}).to_html()
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html and "<script>" not in html
    assert ">uses</th>" in html and ">count</th>" not in html
    assert ">1,234</td>" in html and ">1.2</td>" in html and ">–</td>" in html  # 1.25 to one decimal (half-even)
    assert ">yes</td>" in html and ">no</td>" in html
    assert ">7</th>" not in html  # the index is hidden
    assert "td.col0" in html and "td.col3" in html and "td.col1 " not in html  # text left, numbers right
    # The same table gives the same HTML (no random ids).
    assert prose.show_table(data, labels={"count": "uses"}).to_html() == html


def test_show_table_index_and_right_aligned_text():
    data = pd.DataFrame({"left": ["a b", "c"], "match": ["x", "y"]}, index=pd.Index(["r1", "r2"], name="row"))
    html = prose.show_table(data, index=True, right=["left"]).to_html()
    assert ">row</th>" in html and ">r1</td>" in html
    assert "td.col1" not in html and "td.col2" in html  # "left" right-aligned, "match" left-aligned


def test_show_table_bad_input():
    with pytest.raises(TypeError, match="show_table: data must be a pandas DataFrame"):
        prose.show_table([1, 2])
    with pytest.raises(ValueError, match=r"right names columns \['nope'\]"):
        prose.show_table(pd.DataFrame({"a": [1]}), right=["nope"])


# ---------------------------------------------------------------------------
# The findings the notebooks state, moved out of the cells (issue 8)
# ---------------------------------------------------------------------------

SPEECH = (
    "We must act. We must act now. The Council should listen.\n\n"
    "First, we need courage. Member States must pay. I will help. They can join."
)


def test_sentence_numbers_for_readers_start_at_one():
    assert prose.sentence_number(0) == 1
    table = pd.DataFrame({"sentence": [0, 4], "sentence_end": [2, 6], "x": [0, 0]})
    out = prose.for_readers(table, ["sentence", "sentence_end"])
    assert out["sentence"].tolist() == [1, 5] and out["sentence_end"].tolist() == [3, 7]
    assert out["x"].tolist() == [0, 0] and table["sentence"].tolist() == [0, 4]  # a copy
    doc = analysis.segment("One. Two & *three*.")
    assert prose.quote_sentence(doc, 1, note="2 words") == "> Sentence 2 (2 words): Two &amp; \\*three\\*."


def test_longest_and_shortest_never_quote_a_sentence_twice():
    table = analysis.sentence_table("A b c. D e. F.")
    longest, shortest = prose.longest_and_shortest(table, n=3)
    assert longest["sentence"].tolist() == [0] and shortest["sentence"].tolist() == [2]
    long4, short4 = prose.longest_and_shortest(analysis.sentence_table("A b c d. E f g. H i. J."), n=3)
    assert set(long4["sentence"]).isdisjoint(short4["sentence"])


def test_part_with_longest_sentences_needs_enough_sentences():
    parts = pd.DataFrame({"section": ["Opening", "First", "Second"], "sentences": [4, 2, 3],
                          "words": [40, 60, 45]})
    assert prose.part_with_longest_sentences(parts, min_sentences=3)["section"] == "Second"  # 15 > 10
    assert prose.part_with_longest_sentences(parts, min_sentences=1)["section"] == "First"  # 30 words each
    assert prose.part_with_longest_sentences(parts, min_sentences=5) is None


def test_obligation_summary_counts_who_must():
    got = prose.obligation_summary(SPEECH)
    # must (we) x2, should (Council), need (we), must (Member States): 5 obligations, "we" carries 3
    assert got["n"] == 5 and got["lead"] == "we" and got["lead_total"] == 3
    assert got["we_must"] == 2 and got["we_need"] == 1
    assert dict(got["others"]) == {"Council": 1, "Member States": 1}
    none = prose.obligation_summary("The sky is blue.")
    assert none["n"] == 0 and none["lead"] is None


def test_lead_force_and_pronoun_summary():
    forces = analysis.modal_counts(SPEECH, by="force", interval=None)
    assert prose.lead_force(forces) == "obligation"
    assert prose.lead_force(analysis.modal_counts("Blue sky.", by="force", interval=None)) is None
    p = prose.pronoun_summary(analysis.pronoun_rates(SPEECH, interval=None))
    assert (p["n_we"], p["n_i"], p["n_you"], p["n_they"]) == (3, 1, 0, 1) and p["ratio"] == 3.0 and p["any"]
    assert math.isnan(prose.pronoun_summary(analysis.pronoun_rates("We act.", interval=None))["ratio"])


def test_anaphora_summary_splits_content_runs_from_small_words():
    _, strong, weak = prose.anaphora_summary(analysis.structure(SPEECH))
    assert strong["marker"].tolist() == ["we must act"] and weak == 0  # the longest shared opening, up to 3 words


def test_themes_near_top_never_lists_an_absent_theme_as_close():
    table = pd.DataFrame({"theme": ["a", "b", "c"], "label": ["A", "B", "C"], "count": [5, 2, 0],
                          "per_1000": [10.0, 4.0, 0.0], "ci_low": [3.0, 0.0, 0.0], "ci_high": [18.0, 9.0, 0.0]})
    top, close, absent = prose.themes_near_top(table)
    assert top["theme"] == "a" and close["theme"].tolist() == ["b"] and absent["theme"].tolist() == ["c"]


def test_theme_examples_densest_and_halves():
    dictionary = themes_from_mapping({"themes": {"act": ["act*"], "help": ["help"]}})
    doc = analysis.segment("We act. We act and act. Help. They help us help.")
    matches = analysis.theme_matches(doc, themes=dictionary)
    table = analysis.theme_rates(doc, themes=dictionary, interval=None)
    ex = prose.theme_examples(matches, table, themes=1, per_theme=1)
    assert ex[0]["theme"].theme == "act" and ex[0]["sentences"] == [(1, ["act", "act"])]
    early, late = prose.themes_by_half(matches, {"act": "Act", "help": "Help"})
    assert early == ["Act"] and late == ["Help"]
    cells = pd.DataFrame({"label": ["A", "B"], "section": ["x", "y"], "count": [1, 3], "per_1000": [90.0, 30.0]})
    assert prose.densest_section(cells, min_count=2)["label"] == "B"
    assert prose.densest_section(cells, min_count=5)["label"] == "A"


def test_significant_words_read_the_significance_column():
    key = pd.DataFrame({"word": ["a", "b", "c"], "direction": ["over", "under", "over"],
                        "significance": ["p<.05", "p<.0001", "ns"]})
    assert prose.significant_words(key, direction="over")["word"].tolist() == ["a"]
    assert prose.significant_words(key, direction="under")["word"].tolist() == ["b"]
    with pytest.raises(ValueError):
        prose.significant_words(key, direction="sideways")


def test_trend_specs_name_registered_measures():
    for spec in prose.TRENDS:
        assert spec["measure"] in analysis.REGISTRY
        spec["title"].format(first="1790-1856", last="1982-present", early=1.0, late=2.0)


def test_load_context_is_the_notebooks_preamble():
    ctx = analysis.load_context()
    assert ctx.doc.n_words == 914 and ctx.header.startswith("**")
    assert ctx.source.startswith("Source: ") and ctx.themes.name
