"""Figures of the reference comparisons (issue 12): medians over time, and groups side by side.

In the style of :mod:`analysis.plots` (the same :data:`~analysis.plots.STYLE`,
Okabe-Ito palette, title stating the finding, source note, bare
:class:`~matplotlib.figure.Figure`); written with :func:`analysis.plots.save_figure`.

* :func:`plot_median_trends`: the median of a measure per year (or decade) with
  its interquartile band, one line per corpus, the speech drawn in.
* :func:`plot_group_intervals`: one panel per measure of a family, each group's
  median with its bootstrap interval (:func:`analysis.reference.compare_groups`).
"""

from __future__ import annotations

import textwrap
from typing import Sequence

import matplotlib
from matplotlib.axes import Axes
from matplotlib.figure import Figure
import pandas as pd

from analysis.prose import measure_label as label
from analysis.plots import FIGSIZE, OKABE_ITO, STYLE, TREND_LABELS, _frame, _new_figure, _titled_figure

__all__ = ["plot_median_trends", "plot_group_intervals", "MAX_GROUPS"]

#: Colours of the corpora drawn together (the speech is always vermillion).
_LINES = (OKABE_ITO[0], OKABE_ITO[1], OKABE_ITO[2], OKABE_ITO[3])
_SPEECH = OKABE_ITO[5]
#: Groups drawn at most in one panel of :func:`plot_group_intervals` (the caller chooses which).
MAX_GROUPS = 15


def plot_median_trends(
    data: pd.DataFrame,
    *,
    by: str = "year",
    series: str | None = None,
    speech: float | None = None,
    speech_at: float | None = None,
    speech_label: str = "this speech",
    ylabel: str | None = None,
    title: str = "",
    source: str | None = None,
    ax: Axes | None = None,
) -> Figure:
    """The median of a measure over time with its interquartile band, one line per series.

    Parameters
    ----------
    data
        The table of :func:`analysis.reference.trends` (``<by>``, ``measure``,
        ``median``, ``q25``, ``q75``), optionally with a ``series`` column
        naming the corpus of each row (one line and band per corpus, in order
        of appearance).
    by
        The time column (``"year"``, ``"decade"``, ``"session"``).
    speech, speech_at
        The speech's value, drawn as a dashed horizontal line, and (when
        ``speech_at`` is given) as a point at that time.
    ylabel
        Default from :data:`analysis.plots.TREND_LABELS` (or the measure's label).
    title, source, ax
        As in :func:`analysis.plots.plot_sentence_length_histogram`.

    Returns
    -------
    Figure
        x: time; y: the measure.  Line: the median of the statements of that
        time; band: their middle half (25th to 75th percentile).
    """
    _frame(data, "plot_median_trends", (by, "median", "q25", "q75"), "analysis.reference.trends")
    measure = str(data["measure"].iloc[0]) if "measure" in data.columns else "value"
    names = list(dict.fromkeys(data[series])) if series else [None]
    if len(names) > len(_LINES):
        raise ValueError(f"plot_median_trends: at most {len(_LINES)} series, got {len(names)}")
    with matplotlib.rc_context(STYLE):
        fig, ax = _new_figure(ax, title=title, source=source)
        for name, colour in zip(names, _LINES):
            sub = data if name is None else data[data[series] == name]
            sub = sub.sort_values(by, kind="stable")
            x = sub[by].astype(float)
            ax.fill_between(x, sub["q25"].astype(float), sub["q75"].astype(float), color=colour, alpha=0.18,
                            linewidth=0, label=f"{name}: middle half" if name else "middle half (25th-75th percentile)")
            ax.plot(x, sub["median"].astype(float), color=colour, linewidth=1.8,
                    label=f"{name}: median" if name else "median")
        if speech is not None and speech == speech:
            ax.axhline(float(speech), color=_SPEECH, linestyle="--", linewidth=1.2,
                       label=f"{speech_label} ({float(speech):.1f})")
            if speech_at is not None:
                ax.scatter([float(speech_at)], [float(speech)], s=60, marker="D", color=_SPEECH, zorder=5)
        ax.set_xlabel(by.capitalize())
        ax.set_ylabel(ylabel or TREND_LABELS.get(measure, label(measure)))
        ax.legend(loc="best", fontsize=8)
    return fig


def plot_group_intervals(
    data: pd.DataFrame,
    *,
    measures: Sequence[str] | None = None,
    groups: Sequence | None = None,
    title: str = "",
    source: str | None = None,
) -> Figure:
    """Groups of speeches side by side: one panel per measure, each group's estimate and interval.

    Parameters
    ----------
    data
        ``GroupComparison.groups`` of :func:`analysis.reference.compare_groups`
        (``measure``, ``group``, ``n``, ``estimate``, ``ci_low``, ``ci_high``).
    measures
        The measures to draw, one panel each, in this order (default: all in
        ``data``, in order of appearance); at most 8.
    groups
        The groups to draw, top to bottom (default: all, in order of
        appearance); at most :data:`MAX_GROUPS`.
    title, source
        As in :func:`analysis.plots.plot_sentence_length_histogram`.

    Returns
    -------
    Figure
        Up to four panels a row.  In each: one row per group (its number of
        speeches in brackets), a dot at its median (or mean) and a line across
        its 95% bootstrap interval; a group of one speech has a dot and no line.
    """
    _frame(data, "plot_group_intervals", ("measure", "group", "n", "estimate", "ci_low", "ci_high"),
           "analysis.reference.compare_groups(...).groups")
    ms = list(dict.fromkeys(data["measure"])) if measures is None else list(measures)
    gs = list(dict.fromkeys(data["group"])) if groups is None else list(groups)
    if not ms or len(ms) > 8:
        raise ValueError(f"plot_group_intervals: 1 to 8 measures, got {len(ms)}")
    if len(gs) > MAX_GROUPS:
        raise ValueError(f"plot_group_intervals: at most {MAX_GROUPS} groups, got {len(gs)} (choose which to draw)")
    cols = min(4, len(ms))
    rows = -(-len(ms) // cols)
    height = max(FIGSIZE[1], rows * (0.28 * len(gs) + 1.4) + 0.8)
    with matplotlib.rc_context({**STYLE, "axes.grid.axis": "x"}):
        fig = _titled_figure(title=title, source=source, height=height)
        axes = fig.subplots(rows, cols, squeeze=False, sharey=True)
        y = list(range(len(gs)))
        for i, m in enumerate(ms):
            ax = axes[i // cols][i % cols]
            sub = data[data["measure"] == m].set_index("group")
            for yi, g in enumerate(gs):
                if g not in sub.index or sub.loc[g, "n"] == 0:
                    continue
                r = sub.loc[g]
                colour = OKABE_ITO[0]
                if r["n"] >= 2:
                    ax.hlines(yi, r["ci_low"], r["ci_high"], color=colour, linewidth=1.6)
                ax.scatter([r["estimate"]], [yi], s=22, color=colour, zorder=3)
            ax.set_title(textwrap.fill(label(m), 24), fontsize=9, loc="left")
            ax.tick_params(axis="x", labelsize=7.5)
        n = data.drop_duplicates("group").set_index("group")["n"]
        for r in range(rows):
            axes[r][0].set_yticks(y, [f"{g} ({int(n.get(g, 0))})" for g in gs], fontsize=8)
            axes[r][0].set_ylim(len(gs) - 0.5, -0.5)
        for j in range(len(ms), rows * cols):
            axes[j // cols][j % cols].set_visible(False)
    return fig
