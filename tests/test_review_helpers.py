"""The report helpers added in review: plural, measure_label, measures_overview, show_table."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from analysis import profile, report, themes_from_mapping


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
    assert report.plural(n, singular, irregular) == expected


def test_plural_rejects_non_numbers():
    with pytest.raises(TypeError, match="plural: n must be a number, not str"):
        report.plural("3", "word")
    with pytest.raises(TypeError):
        report.plural(True, "word")


def test_measure_label():
    assert report.measure_label("flesch_kincaid_grade") == "Flesch-Kincaid grade"
    assert report.measure_label("we_i_ratio") == "'We' for each 'I'"
    assert report.measure_label("something_new") == "something new"


def test_measures_overview_names_every_row():
    # "We must act. We must act now." : 7 words (We must act / We must act now); 2 modals (must, must);
    # theme "action" matches "act" twice.
    dictionary = themes_from_mapping({"name": "tiny", "themes": {"action": {"label": "Taking action", "entries": ["act"]}}})
    prof = profile("We must act. We must act now.", themes=dictionary)
    table = report.measures_overview(prof, themes=dictionary)
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
    html = report.show_table(data, labels={"count": "uses"}).to_html()
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html and "<script>" not in html
    assert ">uses</th>" in html and ">count</th>" not in html
    assert ">1,234</td>" in html and ">1.2</td>" in html and ">–</td>" in html  # 1.25 to one decimal (half-even)
    assert ">yes</td>" in html and ">no</td>" in html
    assert ">7</th>" not in html  # the index is hidden
    assert "td.col0" in html and "td.col3" in html and "td.col1 " not in html  # text left, numbers right
    # The same table gives the same HTML (no random ids).
    assert report.show_table(data, labels={"count": "uses"}).to_html() == html


def test_show_table_index_and_right_aligned_text():
    data = pd.DataFrame({"left": ["a b", "c"], "match": ["x", "y"]}, index=pd.Index(["r1", "r2"], name="row"))
    html = report.show_table(data, index=True, right=["left"]).to_html()
    assert ">row</th>" in html and ">r1</td>" in html
    assert "td.col1" not in html and "td.col2" in html  # "left" right-aligned, "match" left-aligned


def test_show_table_bad_input():
    with pytest.raises(TypeError, match="show_table: data must be a pandas DataFrame"):
        report.show_table([1, 2])
    with pytest.raises(ValueError, match=r"right names columns \['nope'\]"):
        report.show_table(pd.DataFrame({"a": [1]}), right=["nope"])
