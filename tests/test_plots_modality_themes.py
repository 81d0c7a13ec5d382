"""Figures of notebooks 03 and 04: modal density, obligation, pronouns, theme rates and heat maps."""

from __future__ import annotations

import io

import matplotlib
import numpy as np
import pandas as pd
import pytest
from matplotlib.figure import Figure

import analysis
from analysis import plots

# 5 sentences, 20 words (hand-counted in tests/test_modal_and_pronoun_rates.py): must x2 (one negated),
# can, will, "I shall" (prediction-volition), "Member States shall" (obligation);
# pronouns: we x2, they x2, I x1.
PASSAGE = "We must act. We must not wait. They can help, and they will. I shall return. Member States shall report."

# Two themes, 4 sentences, 20 words, hand-counted:
#   "Terrorism is a threat to peace." (6 words: terrorism -> security, peace -> peace)
#   "We fight terrorism and terrorists together." (6: terrorism, terrorists -> security)
#   "Peace needs us." (3: peace -> peace)
#   "Lasting peace is our goal." (5: peace -> peace)
# security 3 matches (words 0, 8, 10), peace 3 matches (words 5, 12, 16); 3 per 20 words = 150 per 1,000.
THEME_TEXT = ("Terrorism is a threat to peace. We fight terrorism and terrorists together. "
              "Peace needs us. Lasting peace is our goal.")
# Fewer resamples than the default: the figures' tests need intervals, not precise ones.
INTERVAL = analysis.Bootstrap(n_boot=200)
DICTIONARY = analysis.themes_from_mapping(
    {"themes": {"security": {"label": "Security", "entries": ["terror*"]},
                "peace": {"label": "Peace", "entries": ["peace"]}}}
)


def all_text(fig: Figure) -> str:
    return "\n".join(t.get_text() for t in fig.findobj(matplotlib.text.Text))


def widths(ax) -> list[float]:
    return [round(p.get_width(), 6) for p in ax.patches]


def colour(patch) -> str:
    return matplotlib.colors.to_hex(patch.get_facecolor()).upper()


# ---------------------------------------------------------------------------
# Data of each figure (the tables the notebooks pass)
# ---------------------------------------------------------------------------


def modal_table() -> pd.DataFrame:
    table = analysis.modal_counts(PASSAGE, interval=INTERVAL)
    return table[table["count"] > 0].reset_index(drop=True)


def figures() -> dict[str, tuple]:
    """name -> (plot function, data, keyword arguments) for the determinism and CSV tests."""
    sections = pd.Series(["Opening", "First", "First", "Second"], index=pd.RangeIndex(4, name="sentence"))
    return {
        "03-modal-density": (plots.plot_modal_density, modal_table(), {}),
        "03-obligation": (plots.plot_obligation, analysis.obligation_table(PASSAGE, force="all"), {}),
        "03-pronouns": (plots.plot_pronouns, analysis.pronoun_rates(PASSAGE, interval=INTERVAL), {}),
        "04-theme-rates": (plots.plot_theme_rates,
                           analysis.theme_rates(THEME_TEXT, themes=DICTIONARY, interval=INTERVAL), {}),
        "04-theme-dispersion": (plots.plot_theme_dispersion,
                                analysis.theme_dispersion(THEME_TEXT, themes=DICTIONARY, bins=4), {}),
        "04-theme-by-section": (plots.plot_theme_by_section,
                                analysis.theme_by_section(THEME_TEXT, sections, themes=DICTIONARY), {}),
    }


# ---------------------------------------------------------------------------
# What each figure draws
# ---------------------------------------------------------------------------


def test_modal_density_bars_colours_and_legend():
    table = modal_table()
    fig = plots.plot_modal_density(table, title="Obligation leads", source="Source: test")
    ax = fig.axes[0]
    # rows: must (obligation) 100, shall (obligation) 50, can 50, shall (prediction) 50, will 50 per 1,000
    assert widths(ax) == [100.0, 50.0, 50.0, 50.0, 50.0]
    assert [t.get_text() for t in ax.get_yticklabels()] == [
        "must", "shall (obligation)", "can", "shall (prediction-volition)", "will"]
    assert [colour(p) for p in ax.patches] == ["#0072B2", "#0072B2", "#E69F00", "#009E73", "#009E73"]
    assert [t.get_text() for t in ax.get_legend().get_texts()] == [
        "obligation (3 uses)", "possibility (1 use)", "prediction-volition (2 uses)"]
    assert sorted(t.get_text() for t in ax.texts) == ["1 use"] * 4 + ["2 uses"]  # beside the five bars
    assert ax.get_xlabel().startswith("Uses per 1,000 words")
    assert "95% bootstrap interval" in ax.get_xlabel()
    assert fig._suptitle.get_text() == "Obligation leads"
    assert "Source: test" in [t.get_text() for t in fig.texts]


def test_modal_density_by_force_table():
    fig = plots.plot_modal_density(analysis.modal_counts(PASSAGE, by="force", interval=INTERVAL))
    ax = fig.axes[0]
    assert widths(ax) == [150.0, 50.0, 100.0]  # 3, 1 and 2 uses per 20 words
    assert ax.get_ylabel() == "Force"


def test_obligation_stacks_modals_per_subject():
    table = analysis.obligation_table(PASSAGE, force="all")
    # subjects: we (must x2), they (can, will), i (shall), Member States (shall)
    assert table.index.tolist() == ["we", "they", "i", "Member States"]
    fig = plots.plot_obligation(table, title="We must")
    ax = fig.axes[0]
    labels = [t.get_text() for t in ax.get_yticklabels()]
    assert labels == ["we", "they", "I", "Member States"]
    modals = [m for m in analysis.MODALS if m in table.columns]
    assert [t.get_text() for t in ax.get_legend().get_texts()] == modals == ["must", "shall", "will", "can"]
    # one bar per subject per modal (zeros included), stacked: the right ends are the totals
    ends = {}
    for p in ax.patches:
        y = round(p.get_y() + p.get_height() / 2)
        ends[y] = max(ends.get(y, 0), p.get_x() + p.get_width())
    assert [ends[i] for i in range(4)] == [2, 2, 1, 1]
    assert ax.get_xlabel() == "Modal uses with this subject (count)"


def test_obligation_folds_the_rest_into_one_bar():
    table = analysis.obligation_table(PASSAGE, force="all")
    fig = plots.plot_obligation(table, n=2)
    labels = [t.get_text() for t in fig.axes[0].get_yticklabels()]
    assert labels == ["we", "they", "(2 other subjects)"]
    with pytest.raises(ValueError, match="no modal columns"):
        plots.plot_obligation(pd.DataFrame({"total": [1]}, index=["we"]))
    with pytest.raises(ValueError, match="n must be a positive integer"):
        plots.plot_obligation(table, n=0)


def test_pronouns_labels_rates_and_intervals():
    rates = analysis.pronoun_rates(PASSAGE, interval=INTERVAL)
    fig = plots.plot_pronouns(rates)
    ax = fig.axes[0]
    assert widths(ax) == [100.0, 50.0, 0.0, 100.0]  # we 2, I 1, you 0, they 2 per 20 words
    assert [t.get_text() for t in ax.get_yticklabels()] == list(plots.PRONOUN_LABELS.values())
    lines = [c for c in ax.collections if isinstance(c, matplotlib.collections.LineCollection)]
    assert len(lines) == 1 and len(lines[0].get_segments()) == 4
    # a table without interval columns (was analysis.pronouns): bars only, plainer axis label
    plain = analysis.pronoun_rates(PASSAGE, interval=None).drop(columns=["ci_low", "ci_high"])
    fig2 = plots.plot_pronouns(plain)
    assert widths(fig2.axes[0]) == [100.0, 50.0, 0.0, 100.0]
    assert not [c for c in fig2.axes[0].collections if isinstance(c, matplotlib.collections.LineCollection)]
    assert fig2.axes[0].get_xlabel() == "Uses per 1,000 words"


def test_pronouns_without_interval_draws_no_interval():
    """interval=None gives NaN interval columns: no interval is drawn or named."""
    fig = plots.plot_pronouns(analysis.pronoun_rates(PASSAGE, interval=None))
    ax = fig.axes[0]
    assert widths(ax) == [100.0, 50.0, 0.0, 100.0]
    assert ax.get_xlabel() == "Uses per 1,000 words"
    assert not [c for c in ax.collections if isinstance(c, matplotlib.collections.LineCollection)]


def test_theme_rates_sorted_with_singular_count():
    table = analysis.theme_rates("Peace and terrorism. Terrorism again.", themes=DICTIONARY, interval=INTERVAL)
    # 5 words: security 2 matches (400 per 1,000), peace 1 (200)
    fig = plots.plot_theme_rates(table, title="Security first")
    ax = fig.axes[0]
    assert [t.get_text() for t in ax.get_yticklabels()] == ["Security", "Peace"]
    assert widths(ax) == [400.0, 200.0]
    text = all_text(fig)
    assert "2 matches" in text and "1 match" in text and "1 matches" not in text


def test_theme_dispersion_heat_map_cells():
    table = analysis.theme_dispersion(THEME_TEXT, themes=DICTIONARY, bins=4)
    fig = plots.plot_theme_dispersion(table, title="t")
    ax = fig.axes[0]
    image = ax.images[0]
    data = image.get_array()
    assert data.shape == (2, 4)
    # 20 words in 4 bins of 5: security at words 0, 8, 10 -> bins 0, 1, 2; peace at 5, 12, 16 -> 1, 2, 3
    assert np.ma.getmaskarray(data).tolist() == [[False, False, False, True], [True, False, False, False]]
    assert float(data[0, 0]) == pytest.approx(200.0)  # 1 match in 5 words
    assert [t.get_text() for t in ax.get_xticklabels()] == ["0-25%", "25-50%", "50-75%", "75-100%"]
    assert [t.get_text() for t in ax.get_yticklabels()] == ["Security", "Peace"]
    assert sorted(t.get_text() for t in ax.texts) == ["1"] * 6
    assert len(fig.axes) == 2 and "Matches per 1,000 words" in fig.axes[1].get_ylabel()


def test_theme_by_section_labels_parts_with_their_length():
    sections = pd.Series(["Opening", "First", "First", "Second"], index=pd.RangeIndex(4, name="sentence"))
    table = analysis.theme_by_section(THEME_TEXT, sections, themes=DICTIONARY)
    fig = plots.plot_theme_by_section(table)
    ax = fig.axes[0]
    # Opening: sentence 1 (6 words); First: sentences 2-3 (9 words); Second: sentence 4 (5 words)
    assert [t.get_text() for t in ax.get_xticklabels()] == [
        "Opening\n(6 words)", "First\n(9 words)", "Second\n(5 words)"]
    # security: 1, 2, 0 matches; peace: 1, 1, 1
    assert sorted(t.get_text() for t in ax.texts) == ["1", "1", "1", "1", "2"]
    assert ax.get_xlabel() == "Part of the speech (in the order spoken)"


@pytest.mark.parametrize("func, what", [
    (plots.plot_modal_density, "modal_counts"), (plots.plot_obligation, "obligation_table"),
    (plots.plot_pronouns, "pronoun_rates"), (plots.plot_theme_rates, "theme_rates"),
    (plots.plot_theme_dispersion, "theme_dispersion"), (plots.plot_theme_by_section, "theme_by_section"),
])
def test_bad_input_names_the_function(func, what):
    with pytest.raises(TypeError, match=f"{func.__name__}: data must be the DataFrame of analysis.{what}"):
        func([1, 2, 3])
    with pytest.raises(ValueError, match=func.__name__):
        func(pd.DataFrame({"unrelated": [1.0]}))


def test_unknown_force_is_named():
    with pytest.raises(ValueError, match="unknown force"):
        plots.plot_modal_density(pd.DataFrame({"force": ["deontic"], "per_1000": [1.0]}))


# ---------------------------------------------------------------------------
# Files: CSV round trip and byte-identical reruns
# ---------------------------------------------------------------------------


@pytest.mark.parametrize("name", list(figures()))
def test_csv_round_trip(tmp_path, name):
    func, data, kwargs = figures()[name]
    fig = func(data, title=name, source="Source: test", **kwargs)
    _, csv = plots.save_figure(fig, name, data, directory=tmp_path)
    indexed = not isinstance(data.index, pd.RangeIndex)
    back = pd.read_csv(io.StringIO(csv.read_text(encoding="utf-8")), index_col=0 if indexed else None,
                       keep_default_na=False, na_values=[""])
    expected = data.copy()
    if indexed:
        expected.index = expected.index.astype(str)
        back.index = back.index.astype(str)
    pd.testing.assert_frame_equal(back, expected, check_dtype=False, check_index_type=False, rtol=1e-5)


@pytest.mark.parametrize("name", list(figures()))
def test_same_bytes_twice(tmp_path, name):
    out = []
    for run in ("a", "b"):
        func, data, kwargs = figures()[name]
        fig = func(data, title=f"{name}: a finding", source="Source: test", **kwargs)
        png, csv = plots.save_figure(fig, name, data, directory=tmp_path / run)
        out.append((png.read_bytes(), csv.read_bytes()))
    assert out[0] == out[1]


def test_style_does_not_leak():
    before = dict(matplotlib.rcParams)
    for func, data, kwargs in figures().values():
        func(data, title="t", source="s", **kwargs)
    assert dict(matplotlib.rcParams) == before
