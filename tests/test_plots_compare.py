"""plot_trend and plot_keyness: what they draw, and clear errors on bad input."""

from __future__ import annotations

import pandas as pd
import pytest
from matplotlib.figure import Figure

import analysis
from analysis import plots


@pytest.fixture()
def trend():
    ref = pd.DataFrame(
        {
            "id": list("abcdef"),
            "year": [1800, 1850, 1900, 1950, 1990, 2020],
            "delivery": ["written", "spoken", "written", "spoken", "spoken", "spoken"],
            "era": ["1790-1856", "1790-1856", "1857-1934", "1935-1981", "1982-present", "1982-present"],
            "flesch_reading_ease": [20.0, 25.0, 30.0, 45.0, 55.0, 60.0],
        }
    )
    return analysis.trend_data(ref, "flesch_reading_ease", window=3)


def test_plot_trend_draws_spoken_written_median_eras_and_speech(trend):
    fig = plots.plot_trend(trend, speech=36.6, speech_label="UN 2018", title="t", source="Source: test")
    assert isinstance(fig, Figure)
    ax = fig.axes[0]
    # two scatter groups: 4 spoken, 2 written
    sizes = sorted(len(c.get_offsets()) for c in ax.collections)
    assert sizes == [2, 4]
    labels = [t.get_text() for t in ax.get_legend().get_texts()]
    assert labels == ["spoken address (4)", "written message (2)", "running median", "UN 2018 (36.6)"]
    # era boundaries inside 1800-2020: 1857, 1935, 1982 (drawn at year - 0.5), plus the speech line
    verticals = sorted(line.get_xdata()[0] for line in ax.lines if line.get_xdata()[0] == line.get_xdata()[1])
    assert verticals == [1856.5, 1934.5, 1981.5]
    assert ax.get_ylabel() == plots.TREND_LABELS["flesch_reading_ease"]


def test_plot_trend_bad_input():
    with pytest.raises(TypeError, match="trend_data"):
        plots.plot_trend([1, 2, 3])
    with pytest.raises(ValueError, match="no 'year' column"):
        plots.plot_trend(pd.DataFrame({"value": [1.0]}))


def _keyness():
    target = " ".join(["peace"] * 30 + ["war"] * 1 + ["the"] * 69)  # 100 words
    reference = " ".join(["peace"] * 10 + ["war"] * 300 + ["the"] * 9690)  # 10,000 words
    return analysis.keyness(target, reference)


def test_plot_keyness_bars_are_the_significant_words():
    table = _keyness()
    # peace: 30/100 vs 10/10,000 -> over, p<.0001; the: 69/100 vs 9,690/10,000 -> under, p<.05;
    # war: 1/100 vs 300/10,000 -> under but not significant (G2 < 3.84): not drawn
    assert list(table["significance"]) == ["p<.0001", "p<.05", "ns"]
    fig = plots.plot_keyness(table, n=5, title="t", source="Source: test")
    ax = fig.axes[0]
    assert [t.get_text() for t in ax.get_yticklabels()] == ["the", "peace"]
    widths = [p.get_width() for p in ax.patches]
    lr = table.set_index("word")["log_ratio"]
    assert widths == pytest.approx([lr["the"], lr["peace"]])
    assert widths[0] < 0 < widths[1]


def test_plot_keyness_bad_input():
    with pytest.raises(ValueError, match="no 'log_ratio' column"):
        plots.plot_keyness(pd.DataFrame({"word": ["a"]}))
    table = _keyness()
    with pytest.raises(ValueError, match="no significant key words"):
        plots.plot_keyness(table.assign(g2=0.0))
