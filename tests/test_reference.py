"""analysis.reference on small hand-built tables (every expected value worked out by hand)."""

from __future__ import annotations

import math

import numpy as np
import pandas as pd
import pytest

from analysis import reference as R


def _ref() -> pd.DataFrame:
    # two sessions; 'a' and 'b' are measures, 'words' a count (never a default measure)
    return pd.DataFrame({
        "id": ["S1", "S2", "S3", "S4", "T1", "T2"],
        "country": ["P", "Q", "R", "S", "P", "Q"],
        "session": [73, 73, 73, 73, 74, 74],
        "year": [2018, 2018, 2018, 2018, 2019, 2019],
        "words": [100, 200, 300, 400, 500, 600],
        "a": [1.0, 2.0, 3.0, 4.0, 10.0, 20.0],
        "b": [0.0, 0.0, 1.0, 1.0, 0.0, 1.0],
    })


def test_default_measures_leave_out_counts_and_metadata():
    assert R.default_measures(_ref()) == ["a", "b"]
    assert R.default_measures(_ref(), pd.Series({"a": 1.0})) == ["a"]


def test_percentiles_within_session_and_overall():
    speech = pd.Series({"a": 3.0, "b": 1.0, "year": 2018})
    out = R.percentiles(speech, _ref()).set_index("measure")
    # session 73 (year 2018 - 1945): a = 1, 2, 3, 4 -> 2 below, 1 tie -> (2 + 0.5) / 4 = 62.5
    assert out.loc["a", "session"] == 73
    assert out.loc["a", "session_n"] == 4
    assert out.loc["a", "session_percentile"] == pytest.approx(62.5)
    assert out.loc["a", "session_median"] == pytest.approx(2.5)
    # all six: below 3 are 1, 2 -> (2 + 0.5) / 6
    assert out.loc["a", "all_percentile"] == pytest.approx(100 * 2.5 / 6)
    assert out.loc["a", "all_median"] == pytest.approx(3.5)
    # b = 1 in session 73: 0, 0 below, 1, 1 ties -> (2 + 1) / 4 = 75
    assert out.loc["b", "session_percentile"] == pytest.approx(75.0)
    assert out.loc["a", "label"] == "a"


def test_percentiles_session_parameter_and_no_session():
    speech = pd.Series({"a": 15.0})
    out = R.percentiles(speech, _ref(), session=74).set_index("measure")
    assert out.loc["a", "session_percentile"] == pytest.approx(50.0)  # between 10 and 20
    out = R.percentiles(speech, _ref()).set_index("measure")
    assert math.isnan(out.loc["a", "session_percentile"]) and out.loc["a", "session_n"] == 0
    assert out.loc["a", "all_percentile"] == pytest.approx(100 * 5 / 6)
    with pytest.raises(KeyError, match="zzz"):
        R.percentiles(speech, _ref(), measures=["zzz"])
    with pytest.raises(TypeError, match="Series"):
        R.percentiles({"a": 1}, _ref())


def test_trends_median_and_iqr_by_year():
    ref = pd.DataFrame({"year": [2000] * 5 + [2001] * 2, "a": [1, 2, 3, 4, 5, 7, np.nan]})
    out = R.trends(ref, "a")
    assert list(out["year"]) == [2000, 2001]
    first = out.iloc[0]
    assert (first["n"], first["median"], first["q25"], first["q75"], first["iqr"]) == (5, 3.0, 2.0, 4.0, 2.0)
    assert out.iloc[1]["n"] == 1 and out.iloc[1]["median"] == 7.0  # the NaN is left out
    with pytest.raises(KeyError, match="decade"):
        R.trends(ref, "a", by="decade")


def test_nearest_on_z_scores():
    ref = pd.DataFrame({
        "id": ["A", "B", "C", "D"],
        # x: mean 2, sample SD sqrt(16 / 3); y: mean 5, sample SD sqrt(100 / 3)
        "x": [0.0, 0.0, 4.0, 4.0],
        "y": [0.0, 10.0, 0.0, 10.0],
    })
    speech = pd.Series({"x": 4.0, "y": 1.0})
    out = R.nearest(speech, ref, k=2)
    # z of x: SD = sqrt(16/3); z of y: SD = sqrt(100/3).  Speech x equals C and D; y=1 is closest to C (0).
    assert list(out["id"]) == ["C", "D"]
    sy = math.sqrt(100 / 3)
    assert out["distance"].iloc[0] == pytest.approx(1 / sy)
    assert out["distance"].iloc[1] == pytest.approx(9 / sy)
    assert list(out["rank"]) == [1, 2]
    assert out.attrs["measures"] == ["x", "y"]
    # the speech itself is excluded on request; a constant measure is dropped
    ref["c"] = 1.0
    speech["c"] = 1.0
    out = R.nearest(speech, ref, k=1, exclude=["C"])
    assert list(out["id"]) == ["D"] and out.attrs["measures"] == ["x", "y"]
    with pytest.raises(ValueError, match="k must"):
        R.nearest(speech, ref, k=0)


def test_nearest_skips_rows_with_missing_values():
    ref = pd.DataFrame({"id": ["A", "B", "C"], "x": [1.0, np.nan, 3.0], "y": [1.0, 1.0, 2.0]})
    out = R.nearest(pd.Series({"x": 1.0, "y": 1.0}), ref, k=5)
    assert list(out["id"]) == ["A", "C"]
    assert out["distance"].iloc[0] == pytest.approx(0.0)


def test_unusual_names_the_measures():
    ref = pd.DataFrame({"a": np.arange(1.0, 21.0), "b": np.arange(1.0, 21.0)})
    # a = 30: z = (30 - 10.5) / SD(1..20) = 19.5 / 5.916 = 3.30, percentile 100 -> high, both rules
    # b = 10: z = -0.08, percentile 47.5 -> not unusual
    speech = pd.Series({"a": 30.0, "b": 10.0})
    out = R.unusual(speech, ref)
    assert list(out["measure"]) == ["a"]
    row = out.iloc[0]
    assert row["z"] == pytest.approx(19.5 / np.std(np.arange(1.0, 21.0), ddof=1))
    assert row["percentile"] == 100.0 and row["side"] == "high"
    assert row["why"] == "|z| >= 2; above the 95th percentile"
    # percentile rule alone: b = 0.5 is below every value (percentile 0) but z = -1.69
    out = R.unusual(pd.Series({"a": 10.0, "b": 0.5}), ref)
    assert list(out["measure"]) == ["b"] and out.iloc[0]["why"] == "below the 5th percentile"
    assert out.iloc[0]["side"] == "low"


def test_compare_groups_intervals_and_rule():
    t = pd.DataFrame({
        "speaker": ["A"] * 3 + ["B"] * 3 + ["C"] * 3 + ["D"],
        "m": [1.0, 1.0, 1.0, 5.0, 5.0, 5.0, 1.0, 3.0, 5.0, 9.0],
    })
    res = R.compare_groups(t, by="speaker", measures=["m"])
    g = res.groups.set_index("group")
    # constant groups: every resample gives the same median
    assert (g.loc["A", "estimate"], g.loc["A", "ci_low"], g.loc["A", "ci_high"]) == (1.0, 1.0, 1.0)
    assert (g.loc["B", "estimate"], g.loc["B", "ci_low"], g.loc["B", "ci_high"]) == (5.0, 5.0, 5.0)
    # C = 1, 3, 5: median 3; resampled medians lie in [1, 5]
    assert g.loc["C", "estimate"] == 3.0 and 1.0 <= g.loc["C", "ci_low"] <= 3.0 <= g.loc["C", "ci_high"] <= 5.0
    d = res.differences.set_index(["group_a", "group_b"])
    ab = d.loc[("A", "B")]
    assert (ab["difference"], ab["ci_low"], ab["ci_high"], bool(ab["exceeds"])) == (-4.0, -4.0, -4.0, True)
    # A - C: resampled medians of C include 1 (all three draws ... any two 1s), so the interval reaches 0
    ac = d.loc[("A", "C")]
    assert ac["difference"] == -2.0 and ac["ci_high"] == 0.0 and not bool(ac["exceeds"])
    # D has one speech: not judged
    ad = d.loc[("A", "D")]
    assert pd.isna(ad["exceeds"]) and "fewer than 2 speeches in 'D'" in ad["note"]
    assert list(res.exceeding()[["group_a", "group_b"]].itertuples(index=False, name=None)) == [("A", "B")]
    # deterministic
    again = R.compare_groups(t, by="speaker", measures=["m"])
    pd.testing.assert_frame_equal(res.differences, again.differences)


def test_compare_groups_mean_and_errors():
    t = pd.DataFrame({"g": ["x", "x", "y", "y"], "m": [1.0, 3.0, 10.0, 14.0], "words": [1, 2, 3, 4]})
    res = R.compare_groups(t, by="g", stat="mean")
    assert res.measures == ["m"]  # 'words' is a count
    g = res.groups.set_index("group")
    assert g.loc["x", "estimate"] == 2.0 and g.loc["y", "estimate"] == 12.0
    # x resampled means lie in [1, 3], y's in [10, 14]: the difference interval is within [-13, -7]
    d = res.differences.iloc[0]
    assert d["difference"] == -10.0 and -13.0 <= d["ci_low"] <= d["ci_high"] <= -7.0 and bool(d["exceeds"])
    with pytest.raises(KeyError, match="speaker"):
        R.compare_groups(t, by="speaker")
    with pytest.raises(ValueError, match="stat"):
        R.compare_groups(t, by="g", stat="mode")


def test_norms_keyness_equals_keyness_on_the_same_counts(tmp_path):
    """With nothing pruned, keyness against shipped counts is analysis.keyness against the text they count."""
    import json

    import analysis

    reference_text = "Peace and war. " * 10 + "We must act. " * 4  # peace, and, war: 10; we, must, act: 4
    counts = analysis.word_counts(reference_text)
    assert sum(counts.values()) == 42
    pd.DataFrame({"session": pd.Series([73] * len(counts), dtype="int16"), "word": list(counts),
                  "count": pd.Series(list(counts.values()), dtype="int32")}).to_parquet(
        tmp_path / "words_by_session.parquet", index=False)
    (tmp_path / "manifest.json").write_text(json.dumps({"words": 42, "sessions": {"73": {"words": 42}}}))
    target = "We must have peace. We must act now."
    got = R.norms_keyness(target, session=73, min_freq=1, directory=tmp_path)
    want = analysis.keyness(target, reference_text, min_freq=1)
    pd.testing.assert_frame_equal(got, want)
    assert got.attrs["reference_words"] == 42 and got.attrs["session"] == 73
    # 'must': 2 of 8 target words against 4 of 42: over-used
    row = got.set_index("word").loc["must"]
    assert row["direction"] == "over" and row["target_count"] == 2 and row["reference_count"] == 4


def test_nearest_leaves_theme_rates_out_by_default():
    ref = pd.DataFrame({"id": ["A", "B"], "x": [0.0, 1.0], "theme_peace_per_1000": [0.0, 50.0]})
    speech = pd.Series({"x": 0.0, "theme_peace_per_1000": 50.0})
    assert list(R.nearest(speech, ref, k=1)["id"]) == ["A"]  # on x alone
    out = R.nearest(speech, ref, k=2, themes=True)
    assert out.attrs["measures"] == ["x", "theme_peace_per_1000"]
    # A differs by 50 / SD(0, 50) = sqrt(2) on the theme, B by 1 / SD(0, 1) = sqrt(2) on x
    assert list(out["distance"]) == pytest.approx([math.sqrt(2), math.sqrt(2)])


# ---------------------------------------------------------------------------
# issue 12, notebooks 05 and 07: choosing the reference, families, the demonstration set
# ---------------------------------------------------------------------------


@pytest.mark.parametrize("meta, param, expected", [
    ({"genre": "un"}, None, "ungdc"),
    ({"genre": " UN "}, None, "ungdc"),
    ({"genre": "sotu"}, None, "sotu"),
    ({"genre": ""}, None, "sotu"),          # empty: the default reference
    ({"genre": float("nan")}, None, "sotu"),  # a missing cell of metadata.csv
    ({}, None, "sotu"),                      # no genre column
    ({"genre": "un"}, "sotu", "sotu"),       # the parameter wins
    ({"genre": "un"}, "data", "data"),
    ({}, "/some/folder", "/some/folder"),
])
def test_choose_reference(meta, param, expected):
    assert R.choose_reference(pd.Series(meta, dtype=object), param) == expected


def test_choose_reference_rejects_an_unknown_genre_naming_the_known_ones():
    with pytest.raises(ValueError, match=r"unknown genre 'opera'.*'un' \(reference 'ungdc'\)"):
        R.choose_reference({"genre": "opera"})
    with pytest.raises(ValueError, match="reference must be"):
        R.choose_reference({}, "  ")


def test_measure_families_keep_the_family_order_and_put_the_rest_last():
    ms = ["we_per_1000", "theme_security_per_1000", "flesch_reading_ease", "mystery", "mean_sentence_length",
          "smog"]
    assert R.measure_families(ms) == {
        "Sentences": ["mean_sentence_length"],
        "Readability": ["flesch_reading_ease", "smog"],
        "Pronouns": ["we_per_1000"],
        "Themes": ["theme_security_per_1000"],
        "Other": ["mystery"],
    }
    assert R.measure_families([]) == {}


def _sotu_like() -> pd.DataFrame:
    rows = [("1990-X", 1990, "X"), ("1999-A", 1999, "A"), ("2000-A", 2000, "A"), ("2001-B", 2001, "B"),
            ("2002-C", 2002, "C"), ("2003-C", 2003, "C"), ("2004-A", 2004, "A"), ("2005-D", 2005, "D"),
            ("1850-W", 1850, "W")]
    t = pd.DataFrame(rows, columns=["id", "year", "president"])
    t["text"] = "Some words."
    t["delivery"] = ["spoken"] * 8 + ["written"]
    return t


def test_demonstration_corpus_walks_back_to_the_fourth_president():
    # Walking back from 2005: D, A (2004), C (2003, 2002), B (2001): four presidents; 2000 and 1999 are
    # A again, so they stay; X (1990) would be the fifth: stop.  The written 1850 message is never a candidate.
    out = R.demonstration_corpus(_sotu_like(), presidents=4)
    assert list(out["id"]) == ["1999-A", "2000-A", "2001-B", "2002-C", "2003-C", "2004-A", "2005-D"]
    assert list(out["speaker"]) == list(out["president"])
    out2 = R.demonstration_corpus(_sotu_like(), presidents=2)
    assert list(out2["id"]) == ["2004-A", "2005-D"]  # C (2003) would be the third
    with pytest.raises(ValueError, match="presidents must be an integer >= 2"):
        R.demonstration_corpus(_sotu_like(), presidents=1)


def test_demonstration_corpus_from_the_sotu_package():
    out = R.demonstration_corpus()
    counts = out["president"].value_counts()
    assert len(counts) == 4 and set(counts.index) == {"Bush", "Obama", "Trump", "Biden"}
    assert out["year"].min() == 2002  # George W. Bush's first State of the Union after 2001's address to Congress
    assert counts["Bush"] == 7 and counts["Obama"] == 7 and counts["Biden"] == 3
    assert (out["text"].str.len() > 10_000).all()


def test_key_groups_are_the_two_largest_ties_by_name():
    t = pd.DataFrame({"speaker": ["b", "a", "c", "c", "a", "d", None]})
    assert R.key_groups(t, "speaker") == ("a", "c")  # a and c have 2 each; by name
    assert R.key_groups(t, "speaker", ["d", "b"]) == ("d", "b")
    with pytest.raises(ValueError, match="give two groups"):
        R.key_groups(t, "speaker", ["a", "zz"])
    with pytest.raises(ValueError, match="keyness needs two"):
        R.key_groups(pd.DataFrame({"speaker": ["a", "a"]}), "speaker")


def test_decade_trends_by_corpus():
    a = pd.DataFrame({"year": [1946, 1949, 1951, 1955, 1958], "m": [1.0, 3.0, 10.0, 20.0, 30.0]})
    b = pd.DataFrame({"year": [1940, 1950], "m": [5.0, 7.0]})
    out = R.decade_trends({"A": a, "B": b}, "m")
    assert list(out.columns) == ["series", "decade", "measure", "n", "median", "q25", "q75", "iqr"]
    got = out.set_index(["series", "decade"])
    assert got.loc[("A", 1940), "median"] == 2.0 and got.loc[("A", 1940), "n"] == 2
    assert got.loc[("A", 1950), "median"] == 20.0
    assert got.loc[("A", 1950), "q25"] == pytest.approx(15.0) and got.loc[("A", 1950), "q75"] == pytest.approx(25.0)
    assert got.loc[("B", 1950), "median"] == 7.0
    with pytest.raises(KeyError, match="no 'year' column"):
        R.decade_trends({"C": pd.DataFrame({"m": [1.0]})}, "m")


def test_plot_median_trends_and_group_intervals_draw_what_they_are_given():
    from analysis import plots_reference as PR

    tr = R.trends(_ref(), "a")
    fig = PR.plot_median_trends(tr, speech=3.0, speech_at=2018, title="t")
    ax = fig.axes[0]
    assert list(ax.lines[0].get_ydata()) == [2.5, 15.0]  # the medians of 2018 and 2019
    assert ax.collections[-1].get_offsets().tolist() == [[2018.0, 3.0]]  # the speech's diamond
    t = pd.DataFrame({"speaker": ["x", "x", "y", "y", "z"], "a": [1.0, 2.0, 5.0, 6.0, 9.0],
                      "b": [0.0, 1.0, 0.0, 1.0, 0.5]})
    res = R.compare_groups(t, by="speaker", n_boot=200)
    fig = PR.plot_group_intervals(res.groups, measures=["a", "b"], groups=["x", "y", "z"])
    axes = [a for a in fig.axes if a.get_visible()]
    assert len(axes) == 2
    assert [t.get_text() for t in axes[0].get_yticklabels()] == ["x (2)", "y (2)", "z (1)"]
    assert len(axes[0].collections) == 2 + 3  # lines for the two groups of 2 speeches, a dot for each group
    with pytest.raises(ValueError, match="at most 15 groups"):
        PR.plot_group_intervals(res.groups, groups=list(range(16)))
