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


# ---------------------------------------------------------------------------
# issue 12: report 05's reference and notebook 07's groups
# ---------------------------------------------------------------------------

SPEECHES = {
    # id: (speaker, date, text) -- short speeches in the shape of real remarks, written for these tests
    "alpha": ("Ann Example", "2019-03-01",
              "Thank you, Chair. We must act together. We will protect our children and we will keep our promise.\n"
              "Our work is not finished. We must do more, and we must do it now. Thank you."),
    "beta": ("Ann Example", "2020-05-02",
             "Friends, I am glad to be here. The harvest was good this year. Farmers worked long days.\n"
             "The new road opened in spring. The market is busier than ever. I thank every one of you."),
    "gamma": ("Bob Sample", "2021-07-03",
              "Colleagues, the report is before you. It shows three findings. Costs fell. Delays grew. "
              "Staff numbers stayed the same.\nWe propose two changes, and we ask for your support."),
}


def _folder(tmp_path, ids=tuple(SPEECHES)):
    data = tmp_path / "data"
    data.mkdir()
    lines = ["id,file,speaker,title,date"]
    for i in ids:
        speaker, date, text = SPEECHES[i]
        (data / f"{i}.txt").write_text(text, encoding="utf-8")
        lines.append(f"{i},{i}.txt,{speaker},Remarks {i},{date}")
    (data / "metadata.csv").write_text("\n".join(lines) + "\n", encoding="utf-8")
    return data


@pytest.fixture
def scratch_data(tmp_path, monkeypatch):
    from analysis import config

    def make(ids=tuple(SPEECHES)):
        data = _folder(tmp_path, ids)
        monkeypatch.setattr(config, "DATA_DIR", data)
        monkeypatch.setattr(config, "METADATA_FILE", data / "metadata.csv")
        monkeypatch.setattr(config, "CACHE_DIR", tmp_path / "cache")
        return data
    return make


@pytest.mark.parametrize("meta, year", [
    ({"date": "2018-06-29"}, 2018), ({"year": 1999, "date": "2018-06-29"}, 1999), ({"date": ""}, None), ({}, None),
])
def test_speech_year(meta, year):
    assert prose.speech_year(meta) == year


def test_measure_label_names_theme_rates():
    assert prose.measure_label("theme_information_sharing_per_1000") == "Theme: information sharing"


def _un_reference(profile_values: dict) -> prose.Reference:
    table = pd.DataFrame({
        "id": ["A_73", "B_73", "C_73", "D_73", "A_74"], "country": ["A", "B", "C", "D", "A"],
        "session": [73, 73, 73, 73, 74], "year": [2018, 2018, 2018, 2018, 2019],
        "words": [1000, 2000, 3000, 4000, 5000],
        "mean_sentence_length": [20.0, 22.0, 24.0, 26.0, 40.0],
        "flesch_reading_ease": [30.0, 30.0, 40.0, 50.0, 10.0],
    })
    return prose.Reference("ungdc", "ungdc", table, None, pd.Series(profile_values), 2018, 73,
                           ("statement", "statements"), "Source: test")


def test_standing_against_the_session_and_all_years():
    ref = _un_reference({"mean_sentence_length": 23.0, "flesch_reading_ease": 30.0, "words": 900})
    place = prose.standing(ref, ["mean_sentence_length", "flesch_reading_ease"])
    assert list(place["group"]) == ["session 73", "1946-2024"] * 2
    p = place.set_index(["measure", "group"])
    # session 73: 20, 22 below 23 -> 2 / 4 = 50; all five: 2 / 5 = 40
    assert p.loc[("mean_sentence_length", "session 73"), "percentile"] == pytest.approx(50.0)
    assert p.loc[("mean_sentence_length", "1946-2024"), "percentile"] == pytest.approx(40.0)
    # 30 ties with two of session 73: (0 + 0.5 * 2) / 4 = 25; all: (1 + 1) / 5 = 40
    assert p.loc[("flesch_reading_ease", "session 73"), "percentile"] == pytest.approx(25.0)
    assert p.loc[("flesch_reading_ease", "1946-2024"), "percentile"] == pytest.approx(40.0)
    wide = prose.standing_table(place)
    assert list(wide.columns) == ["measure", "this speech", "median: session 73", "percentile: session 73",
                                  "median: 1946-2024", "percentile: 1946-2024"]
    assert wide["median: session 73"].tolist() == [23.0, 35.0]
    text = prose.standing_sentences(place, ref, ["mean_sentence_length"])
    assert text == ("- **Mean sentence length** (words): 23.0 in the speech; median 23.0 among the statements of "
                    "the 73rd session (percentile 50) and median 24.0 over all statements of 1946-2024 (percentile 40).")


def test_likeness_needs_three_documents_and_names_the_closest():
    ref = _un_reference({"mean_sentence_length": 21.0, "flesch_reading_ease": 31.0})
    like = prose.likeness(ref, k=2)
    assert list(like["nearest"]["country"]) == ["A", "B"]
    assert "the statements most like the speech are those of A, B." in like["text"]
    assert "On no measure is the speech unusual" in like["text"]
    small = prose.Reference("folder", "x", ref.table.head(2), None, ref.profile, None, None,
                            ("speech", "speeches"), "Source: x")
    like = prose.likeness(small)
    assert like["nearest"] is None and "need at least 3" in like["text"]


def test_load_reference_leaves_the_speech_out_of_its_own_folder(scratch_data):
    scratch_data()
    ctx = prose.load_context("alpha", reference="data")
    assert ctx.reference == "data"
    ref = prose.load_reference(ctx)
    assert ref.kind == "folder" and ref.left_out == 1
    assert sorted(ref.table["id"]) == ["beta", "gamma"]
    text = prose.reference_description(ref, ctx.doc)
    assert "**2 speeches**" in text and "The speech itself is in this folder and is left out" in text
    assert prose.trends_intro(ref).startswith("**No chart over time**")  # two speeches: no trend
    assert prose.trend_charts(ref, source="s") == []
    key, pairs = prose.key_words(ref, ctx.doc)
    assert pairs is not None and key.attrs["reference_words"] == ref.table["words"].sum()


def test_load_reference_on_a_folder_of_only_the_speech_says_so(scratch_data):
    from analysis.corpus import CorpusError

    scratch_data(("alpha",))
    ctx = prose.load_context("alpha", reference="data")
    with pytest.raises(CorpusError, match="holds no speech other than the speech itself"):
        prose.load_reference(ctx)


def test_load_context_chooses_the_reference_by_genre(scratch_data):
    data = scratch_data()
    meta = (data / "metadata.csv").read_text(encoding="utf-8").splitlines()
    meta = [meta[0] + ",genre"] + [m + (",un" if m.startswith("alpha") else ",") for m in meta[1:]]
    (data / "metadata.csv").write_text("\n".join(meta) + "\n", encoding="utf-8")
    assert prose.load_context("alpha").reference == "ungdc"
    assert prose.load_context("beta").reference == "sotu"
    assert prose.load_context("alpha", reference="data").reference == "data"


def test_decades_comparison_states_both_corpora():
    un = pd.DataFrame({"year": [1946, 1947, 2021, 2022], "flesch_reading_ease": [30.0, 40.0, 20.0, 30.0],
                       "mean_sentence_length": [25.0, 27.0, 20.0, 22.0]})
    sotu = pd.DataFrame({"year": [1945, 1790, 2023], "flesch_reading_ease": [50.0, 10.0, 60.0],
                         "mean_sentence_length": [20.0, 40.0, 15.0]})
    out = prose.decades_comparison(un, sotu)
    assert sorted(out["data"]["decade"].unique()) == [1940, 2020]  # only the decades both cover
    assert out["text"].startswith("From the 1940s to the 2020s the median General Debate statement went from a "
                                  "Flesch Reading Ease of **35.0** to **25.0** (fell by 10 points; sentences of "
                                  "26.0 and 21.0 words), while the median State of the Union address went from "
                                  "**50.0** to **60.0** (rose by 10 points")
    assert "In the 2020s the addresses are 35 points easier to read than the statements" in out["text"]
    assert out["title"] == ("Median Flesch Reading Ease by decade: State of the Union 50 to 60, "
                            "UN General Debate 35 to 25 (1940s-2020s)")


def test_speeches_side_by_side_on_a_folder(scratch_data):
    scratch_data()
    ss = prose.load_speeches()  # data/ holds three speeches: they are used, grouped by speaker
    assert ss.name == "data" and ss.by == "speaker" and not ss.demonstration
    text = prose.speeches_overview(ss)
    assert "**3 speeches**" in text and "into 2 groups: Ann Example (2 speeches), Bob Sample (1 speech)." in text
    table = prose.speeches_table(ss)
    assert list(table["id"]) == ["alpha", "beta", "gamma"] and "date" in table.columns
    res = analysis.compare_groups(ss.table, by="speaker", n_boot=200)
    summary = prose.differences_summary(res)
    assert summary.startswith("**No difference between groups can be judged**")
    charts = prose.family_charts(ss, res)
    assert [c["name"] for c in charts][:2] == ["07-sentences", "07-readability"]
    assert "no group has two speeches" in charts[0]["fig"].texts[0].get_text()
    a, b, key = prose.group_keyness(ss)
    assert (a, b) == ("Ann Example", "Bob Sample")
    with pytest.raises(KeyError, match="no metadata column 'venue' to group by"):
        prose.load_speeches(by="venue")


def test_speeches_side_by_side_falls_back_to_the_demonstration_set(scratch_data):
    scratch_data(("alpha",))
    ss = prose.load_speeches()
    assert ss.demonstration and ss.by == "president" and len(ss.table) == 21
    assert "the **demonstration set**" in prose.speeches_overview(ss)


def test_differences_summary_lists_the_clearest_first():
    t = pd.DataFrame({"g": ["x"] * 4 + ["y"] * 4, "a": [1.0, 1.1, 0.9, 1.0, 5.0, 5.1, 4.9, 5.0],
                      "b": [1.0, 2.0, 3.0, 4.0, 1.5, 2.5, 3.5, 2.0]})
    res = analysis.compare_groups(t, by="g", n_boot=500)
    text = prose.differences_summary(res)
    assert text.startswith("Of the **2 differences** judged (2 measures x 1 pair of groups), **1** exceeds its 95% "
                           "interval")
    assert "- **a**: y higher than x by 4.0" in text


def test_removed_summary_counts_what_was_kept_out_and_whose_turns():
    """Report 01 says how many salutations were kept out and how many turns of whom were set aside (issue 10)."""
    doc = analysis.segment("Excellencies,\nLadies and gentlemen,\nI thank you all.\n\nQuestion: What now?\n\n"
                           "Secretary-General: We act. We must.\n\nQuestion: And then?\n\nSecretary-General: We rest.")
    got = prose.removed_summary(doc)
    assert "2 salutations" in got and "4 speaker labels" in got
    assert "2 turns of Question were set aside" in got and "the turns of Secretary-General" in got
    assert prose.removed_summary(analysis.segment("We act. We must.")) == ""


def test_speeches_of_one_speaker_are_compared_speech_by_speech(scratch_data):
    """Two speeches by the same speaker: the default grouping falls back to one group per speech."""
    scratch_data(("alpha", "beta"))  # both by Ann Example
    ss = prose.load_speeches()
    assert ss.by == "id" and not ss.demonstration
    assert ("grouped by **id** into 2 groups: alpha (1 speech), beta (1 speech). Every speech has the same speaker"
            in prose.speeches_overview(ss))
    a, b, key = prose.group_keyness(ss)
    assert (a, b) == ("alpha", "beta") and len(key)
    with pytest.raises(analysis.CorpusError, match="column 'speaker' of corpus 'data' puts every speech in 1 group"):
        prose.load_speeches(by="speaker")
