"""Figures of speech (notebook 06): where each kind of figure falls through the speech.

Same conventions as :mod:`analysis.plots`: the function takes the data it draws,
a ``title`` stating the finding and a ``source`` note, returns a
:class:`matplotlib.figure.Figure`, writes nothing (save with
:func:`analysis.save_figure`), and applies the one style of :data:`analysis.plots.STYLE`.
"""

from __future__ import annotations

import matplotlib
from matplotlib.axes import Axes
from matplotlib.figure import Figure
import pandas as pd

from analysis.plots import GREY, OKABE_ITO, STYLE, _frame, _new_figure
from analysis.rhetorical_figures import FIGURES

__all__ = ["FIGURE_LABELS", "plot_figures"]

#: Row labels of the chart, in the order the kinds are drawn (top to bottom).
FIGURE_LABELS: dict[str, str] = {
    "tricolon": "Three-part list",
    "list": "Other list (2 or 4+)",
    "contrast": "Contrast",
    "question": "Question",
    "epistrophe": "Repeated ending",
    "anadiplosis": "End repeated as next start",
    "chiasmus": "Chiasmus candidate",
    "claptrap": "Applause-inviting format",
}


def plot_figures(
    data: pd.DataFrame,
    *,
    kinds: tuple[str, ...] | list[str] | None = None,
    title: str = "",
    source: str | None = None,
    ax: Axes | None = None,
) -> Figure:
    """One row per kind of figure, one tick per figure at its place in the speech.

    Parameters
    ----------
    data
        The table of :func:`analysis.figures_of_speech` (columns ``figure`` and
        ``position``, 0 = first word of the speech, 1 = last), or any subset of it.
    kinds
        Which kinds to draw, in this order from the top (default: the kinds present
        in ``data``, in the order of :data:`analysis.rhetorical_figures.FIGURES`).
    title, source, ax
        As in :func:`analysis.plots.plot_sentence_length_histogram`.

    Returns
    -------
    Figure
        x: position in the speech (share of its words, 0-1), y: the kinds; the count of
        each kind is printed at the right end of its row.
    """
    data = _frame(data, "plot_figures", ["figure", "position"], "a figures_of_speech table")
    if kinds is None:
        kinds = [k for k in FIGURES if (data["figure"] == k).any()]
    kinds = list(kinds)
    if not kinds:
        raise ValueError("plot_figures: no figures to plot (0 rows of the kinds asked for)")
    unknown = [k for k in kinds if k not in FIGURE_LABELS]
    if unknown:
        raise ValueError(f"plot_figures: unknown kind(s) {unknown}; choose from {list(FIGURE_LABELS)}")
    with matplotlib.rc_context({**STYLE, "axes.grid.axis": "x"}):
        fig, ax = _new_figure(ax, title=title, source=source)
        for y, kind in enumerate(kinds):
            pos = data.loc[data["figure"] == kind, "position"].astype(float)
            colour = OKABE_ITO[FIGURES.index(kind) % len(OKABE_ITO)]
            ax.scatter(pos, [y] * len(pos), marker="|", s=260, linewidths=2, color=colour)
            ax.annotate(f"{len(pos)}", xy=(1.0, y), xytext=(8, 0), textcoords="offset points", va="center",
                        fontsize=9, color=GREY, annotation_clip=False)
        ax.set_yticks(range(len(kinds)), [FIGURE_LABELS[k] for k in kinds])
        ax.set_ylim(len(kinds) - 0.5, -0.5)
        ax.set_xlim(0, 1)
        ax.set_xticks([0, 0.25, 0.5, 0.75, 1.0], ["start", "1/4", "half", "3/4", "end"])
        ax.set_xlabel("Position in the speech (share of its words; the number at the right is the count)")
    return fig
