"""Figures: one function per chart, one style for all of them, deterministic files.

Every ``plot_*`` function takes the data it draws (a tidy DataFrame or a
mapping), a ``title`` that states the finding (computed by the caller from the
same data) and a ``source`` note, and returns a :class:`matplotlib.figure.Figure`.
Nothing here writes files except :func:`save_figure`, which writes the PNG and
the data behind it as CSV, byte-identically on every run.

Style
    One rcParams dictionary, :data:`STYLE`, applied with
    :func:`matplotlib.rc_context` inside each function (nothing leaks into the
    caller's global matplotlib state): DejaVu Sans (shipped with matplotlib),
    the Okabe-Ito colour-blind-safe palette (Okabe & Ito 2008), fixed size and
    dpi.  Figures are created as bare :class:`~matplotlib.figure.Figure`
    objects (no pyplot), so they are never shown twice in a notebook and never
    accumulate in pyplot's figure manager.
"""

from __future__ import annotations

import re
import textwrap
from collections.abc import Mapping, Sequence
from pathlib import Path

import matplotlib
from matplotlib.axes import Axes
from matplotlib.figure import Figure
import pandas as pd

from analysis import config
from analysis.measures import ERA_NAMES, ERAS, MEASURES, REGISTRY
from analysis.measures import READABILITY as FORMULAS

__all__ = [
    "OKABE_ITO",
    "STYLE",
    "FIGSIZE",
    "DPI",
    "READABILITY_NAMES",
    "GRADE_SCORES",
    "plot_sentence_length_histogram",
    "plot_sentence_lengths",
    "plot_parts",
    "plot_readability",
    "save_figure",
]

#: Okabe & Ito (2008), "Color Universal Design": distinguishable with every common colour-vision deficiency.
OKABE_ITO = (
    "#0072B2",  # blue
    "#E69F00",  # orange
    "#009E73",  # bluish green
    "#CC79A7",  # reddish purple
    "#56B4E9",  # sky blue
    "#D55E00",  # vermillion
    "#F0E442",  # yellow
    "#000000",  # black
)
#: Neutral grey for reference lines, notes and de-emphasised marks.
GREY = "#666666"

FIGSIZE = (8.0, 4.5)  # inches
DPI = 100  # 800 x 450 pixels

#: The one style of every chart (applied per call with ``matplotlib.rc_context``).
STYLE: dict[str, object] = {
    "font.family": "sans-serif",
    "font.sans-serif": ["DejaVu Sans"],
    "font.size": 10,
    "axes.titlesize": 11,
    "axes.labelsize": 10,
    "axes.prop_cycle": matplotlib.cycler(color=list(OKABE_ITO)),
    "axes.spines.top": False,
    "axes.spines.right": False,
    "axes.grid": True,
    "axes.grid.axis": "y",
    "axes.axisbelow": True,
    "grid.color": "#dddddd",
    "grid.linewidth": 0.8,
    "legend.frameon": False,
    "figure.figsize": FIGSIZE,
    "figure.dpi": DPI,
    "savefig.dpi": DPI,
    "savefig.facecolor": "white",
    "figure.facecolor": "white",
    "svg.hashsalt": "analysis",
    "path.simplify": False,
}

#: Display names of the seven readability scores (keys of ``analysis.readability``).
READABILITY_NAMES: dict[str, str] = {key: MEASURES[key][0] for key in FORMULAS}
#: The scores expressed as a US school grade (drawn on one axis).
GRADE_SCORES = ("flesch_kincaid_grade", "gunning_fog", "smog", "coleman_liau", "ari")

_NAME = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_-]*$")


# ---------------------------------------------------------------------------
# Shared helpers
# ---------------------------------------------------------------------------


def _titled_figure(*, title: str, source: str | None, height: float | None = None) -> Figure:
    """A fresh figure, FIGSIZE wide and ``height`` inches high, with its title and source note placed."""
    h = FIGSIZE[1] if height is None else height
    scale = FIGSIZE[1] / h  # the note keeps its size in inches whatever the height
    fig = Figure(figsize=(FIGSIZE[0], h), dpi=DPI, layout="constrained")
    # The source note: at most two lines of 140 characters, with room left for it at the bottom.
    note = textwrap.wrap(source, 140, max_lines=2, placeholder="...") if source else []
    bottom = (0.035 * len(note) + 0.01) * scale if note else 0
    fig.get_layout_engine().set(rect=(0, bottom, 1, 1 - bottom))
    if title:
        fig.suptitle(textwrap.fill(title, 95), x=0.01, ha="left", fontsize=11, fontweight="bold")
    if note:
        fig.text(0.01, 0.012 * scale, "\n".join(note), ha="left", va="bottom", fontsize=7, color=GREY)
    return fig


def _new_figure(ax: Axes | None, *, title: str, source: str | None) -> tuple[Figure, Axes]:
    """A fresh figure with one axes (title and source note placed), or the caller's axes."""
    if ax is not None:
        if not isinstance(ax, Axes):
            raise TypeError(f"ax must be a matplotlib Axes or None, not {type(ax).__name__}")
        if title:
            ax.set_title(title, loc="left")
        return ax.figure, ax
    fig = _titled_figure(title=title, source=source)
    return fig, fig.add_subplot()


def _column(data: pd.DataFrame | pd.Series | Sequence, column: str, func: str) -> pd.Series:
    """The numeric column ``column`` of ``data`` (or ``data`` itself if it is a Series/list)."""
    if isinstance(data, pd.DataFrame):
        if column not in data.columns:
            raise ValueError(f"{func}: data has no {column!r} column (columns: {list(data.columns)})")
        values = data[column]
    elif isinstance(data, pd.Series):
        values = data
    elif isinstance(data, Sequence) and not isinstance(data, str):
        values = pd.Series(list(data))
    else:
        raise TypeError(f"{func}: data must be a DataFrame, Series or list of numbers, not {type(data).__name__}")
    if len(values) == 0:
        raise ValueError(f"{func}: no data to plot (0 rows)")
    if not pd.api.types.is_numeric_dtype(values):
        raise TypeError(f"{func}: {column!r} must be numeric, got dtype {values.dtype}")
    return values.reset_index(drop=True)


# ---------------------------------------------------------------------------
# Figures
# ---------------------------------------------------------------------------


#: Most bars :func:`plot_sentence_length_histogram` draws (wider bars beyond).
_MAX_BARS = 60


def plot_sentence_length_histogram(
    data: pd.DataFrame | pd.Series | Sequence[int],
    *,
    title: str = "",
    source: str | None = None,
    bin_width: int = 5,
    ax: Axes | None = None,
) -> Figure:
    """Histogram of sentence lengths in words, with the median marked.

    Parameters
    ----------
    data
        One row per sentence with a ``words`` column (the sentence length in
        words, as counted by :func:`analysis.segment`), or a Series/list of lengths.
    title
        The finding, stated by the caller (e.g. "Half the sentences have 17 words or fewer").
    source
        Note printed at the bottom ("Source: ...").
    bin_width
        Width of each bar in words; bins start at 0 (0-4, 5-9, ... words for 5).
        Widened to the next 1-2-5 width (10, 20, 50, 100, ...) when the longest
        sentence would need more than 60 bars.
    ax
        Draw on this axes instead of a new figure (title goes on the axes; no source note).

    Returns
    -------
    Figure
        x: sentence length (words), y: number of sentences.  Longer sentences lie to the right.
    """
    lengths = _column(data, "words", "plot_sentence_length_histogram")
    if not isinstance(bin_width, int) or bin_width < 1:
        raise ValueError(f"plot_sentence_length_histogram: bin_width must be a positive integer, not {bin_width!r}")
    # Issue 9: at most _MAX_BARS bars.  A 100,000-word sentence made 20,000 bars of 5 words
    # (a minute and gigabytes to draw); the bars widen to the next 1-2-5 width instead.
    longest = int(lengths.max()) if len(lengths) else 0
    if longest // bin_width + 1 > _MAX_BARS:
        bin_width = next(w for w in (m * 10 ** e for e in range(12) for m in (1, 2, 5))
                         if w >= bin_width and longest // w + 1 <= _MAX_BARS)
    with matplotlib.rc_context(STYLE):
        fig, ax = _new_figure(ax, title=title, source=source)
        top = int(lengths.max()) // bin_width * bin_width + bin_width
        bins = list(range(0, top + 1, bin_width))
        ax.hist(lengths, bins=bins, color=OKABE_ITO[0], edgecolor="white", linewidth=1)
        median = float(lengths.median())
        ax.axvline(median, color=OKABE_ITO[5], linestyle="--", linewidth=1.5)
        ax.annotate(f"median {median:g} words", xy=(median, 1), xycoords=("data", "axes fraction"),
                    xytext=(4, -4), textcoords="offset points", va="top", color=OKABE_ITO[5])
        ax.set_xlim(0, top)
        ax.set_xlabel(f"Sentence length (words; bars {bin_width} words wide)")
        ax.set_ylabel("Sentences (count)")
        ax.yaxis.get_major_locator().set_params(integer=True)
    return fig


#: Beyond this many sentences :func:`plot_sentence_lengths` draws lines, not bars.
_MANY_SENTENCES = 2_000


def _sentence_bars(ax: Axes, xs: list, ys: list, *, many: bool, color: str, label: str | None = None) -> None:
    """One bar per sentence; for a text of many sentences, one line each in a single collection.

    Issue 9: 80,000 short lines made 80,000 bar patches (minutes to draw); ``vlines``
    draws them as one artist.  Ordinary speeches keep their bars (and their figures).
    """
    if not many:
        ax.bar(xs, ys, width=0.85, color=color, label=label)
    else:
        ax.vlines(xs, 0, ys, colors=color, linewidth=0.8, label=label)


def plot_sentence_lengths(
    data: pd.DataFrame | pd.Series | Sequence[int],
    *,
    sections: pd.Series | Sequence[str] | None = None,
    title: str = "",
    source: str | None = None,
    ax: Axes | None = None,
) -> Figure:
    """Sentence lengths in order through the speech, one bar per sentence.

    Parameters
    ----------
    data
        One row per sentence, in speech order, with a ``words`` column (or a
        Series/list of lengths).
    sections
        Optional label of each sentence's part (aligned with ``data`` by
        position, e.g. ``analysis.sections(text)``: "Opening", "First" ..
        "Fifth").  Bars are coloured by part, and the first sentence of each
        part is labelled.
    title, source, ax
        As in :func:`plot_sentence_length_histogram`.

    Returns
    -------
    Figure
        x: sentence number (1 = first sentence), y: length in words (taller = longer).
    """
    lengths = _column(data, "words", "plot_sentence_lengths")
    x = list(range(1, len(lengths) + 1))
    many = len(lengths) > _MANY_SENTENCES
    with matplotlib.rc_context(STYLE):
        fig, ax = _new_figure(ax, title=title, source=source)
        if sections is None:
            _sentence_bars(ax, x, list(lengths), many=many, color=OKABE_ITO[0])
        else:
            labels = [str(v) for v in (sections.tolist() if isinstance(sections, pd.Series) else list(sections))]
            if len(labels) != len(lengths):
                raise ValueError(
                    f"plot_sentence_lengths: sections has {len(labels)} labels but data has {len(lengths)} sentences"
                )
            order = list(dict.fromkeys(labels))
            colour = {lab: OKABE_ITO[i % len(OKABE_ITO)] for i, lab in enumerate(order)}
            for lab in order:
                xs = [i for i, l in zip(x, labels) if l == lab]
                ys = [lengths[i - 1] for i in xs]
                _sentence_bars(ax, xs, ys, many=many, color=colour[lab], label=lab)
            starts = [i for i, l in enumerate(labels) if i == 0 or labels[i - 1] != l]
            for i in starts[1:]:
                ax.axvline(i + 0.5, color=GREY, linewidth=0.8, linestyle=":")
        mean = float(lengths.mean())
        # the mean is named in the legend, not on the plot, where it would cover bars
        mean_line = ax.axhline(mean, color=GREY, linewidth=1, linestyle="--", label=f"mean: {mean:.1f} words")
        handles = [h for h in ax.get_legend_handles_labels()[0] if h is not mean_line] + [mean_line]
        ax.legend(handles=handles, title="Part of the speech" if sections is not None else None,
                  loc="upper left", bbox_to_anchor=(1.0, 1.0), fontsize=9)
        ax.set_xlim(0.3, len(lengths) + 0.7)
        ax.set_xlabel("Sentence number (in the order spoken)")
        ax.set_ylabel("Sentence length (words)")
    return fig


def plot_parts(
    data: pd.DataFrame,
    *,
    title: str = "",
    source: str | None = None,
    ax: Axes | None = None,
) -> Figure:
    """Words in each part of the speech, as horizontal bars in speech order.

    Parameters
    ----------
    data
        One row per part, in speech order, with columns ``section`` (label) and
        ``words`` (number of words in that part); ``sentences`` is printed beside
        each bar when present (the table from :func:`analysis.report.section_summary`).
    title, source, ax
        As in :func:`plot_sentence_length_histogram`.

    Returns
    -------
    Figure
        y: the parts from top (first spoken) to bottom, x: words in the part (longer bar = longer part).
    """
    if not isinstance(data, pd.DataFrame):
        raise TypeError(f"plot_parts: data must be a DataFrame with 'section' and 'words' columns, not {type(data).__name__}")
    if "section" not in data.columns:
        raise ValueError(f"plot_parts: data has no 'section' column (columns: {list(data.columns)})")
    words = _column(data, "words", "plot_parts")
    labels = [str(v) for v in data["section"]]
    y = list(range(len(labels)))
    with matplotlib.rc_context({**STYLE, "axes.grid.axis": "x"}):
        fig, ax = _new_figure(ax, title=title, source=source)
        ax.barh(y, words, color=[OKABE_ITO[i % len(OKABE_ITO)] for i in y], height=0.7)
        ax.set_yticks(y, labels)
        ax.invert_yaxis()
        if "sentences" in data.columns:
            for yi, w, s in zip(y, words, data["sentences"]):
                ax.annotate(f"{w:g} word{'' if w == 1 else 's'}, {s:g} sentence{'' if s == 1 else 's'}", xy=(w, yi), xytext=(4, 0),
                            textcoords="offset points", va="center", fontsize=9, color=GREY)
        ax.set_xlim(0, float(words.max()) * 1.35)
        ax.set_xlabel("Words in the part (count)")
        ax.set_ylabel("Part of the speech (in order)")
    return fig


def _readability_scores(data: Mapping[str, float] | pd.DataFrame | pd.Series) -> dict[str, float]:
    if isinstance(data, pd.DataFrame):
        if "score" not in data.columns:
            raise ValueError(f"plot_readability: data has no 'score' column (columns: {list(data.columns)})")
        key = next((c for c in ("formula", "measure") if c in data.columns), None)
        if key is not None:
            scores = dict(zip(data[key], data["score"]))
        else:
            scores = data["score"].to_dict()
    elif isinstance(data, (Mapping, pd.Series)):
        scores = dict(data.items())
    else:
        raise TypeError(f"plot_readability: data must be a mapping or DataFrame of scores, not {type(data).__name__}")
    missing = [k for k in READABILITY_NAMES if k not in scores]
    if missing:
        raise ValueError(f"plot_readability: scores missing for {missing} (got {sorted(map(str, scores))})")
    return {k: float(scores[k]) for k in READABILITY_NAMES}


def plot_readability(
    data: Mapping[str, float] | pd.DataFrame | pd.Series,
    *,
    title: str = "",
    source: str | None = None,
    ax: Axes | None = None,
) -> Figure:
    """The seven readability scores: five grade levels on one axis, FRE and Dale-Chall annotated.

    Parameters
    ----------
    data
        The seven scores keyed as :func:`analysis.readability` returns them
        (``flesch_reading_ease``, ``flesch_kincaid_grade``, ``gunning_fog``,
        ``smog``, ``coleman_liau``, ``ari``, ``dale_chall``): a dict, a Series,
        or a DataFrame with a ``score`` column and the key in a ``formula``
        (or ``measure``) column or the index (as
        ``analysis.readability_report`` returns it: a ``formula`` column).
    title, source, ax
        As in :func:`plot_sentence_length_histogram`.

    Returns
    -------
    Figure
        Horizontal bars: US school grade (years of schooling; longer = harder).
        Flesch Reading Ease (0-100, *higher = easier*) and the Dale-Chall score
        (higher = harder; 9.0-9.9 = college) are on other scales, so they are
        printed in a box, not drawn on the grade axis.
    """
    scores = _readability_scores(data)
    grades = [scores[k] for k in GRADE_SCORES]
    names = [READABILITY_NAMES[k] for k in GRADE_SCORES]
    y = list(range(len(grades)))
    with matplotlib.rc_context({**STYLE, "axes.grid.axis": "x"}):
        fig, ax = _new_figure(ax, title=title, source=source)
        ax.barh(y, grades, color=OKABE_ITO[0], height=0.6)
        for yi, g in zip(y, grades):
            ax.annotate(f"{g:.1f}", xy=(g, yi), xytext=(3, 0), textcoords="offset points",
                        va="center", fontsize=9)
        ax.set_yticks(y, names)
        ax.invert_yaxis()
        for grade, label, ha, dx in ((12, "end of high school (12)", "right", -2),
                                     (16, "college graduate (16)", "left", 2)):
            ax.axvline(grade, color=GREY, linestyle=":", linewidth=1)
            ax.annotate(label, xy=(grade, 1), xycoords=("data", "axes fraction"), xytext=(dx, 2),
                        textcoords="offset points", ha=ha, va="bottom", fontsize=8, color=GREY)
        ax.set_xlim(0, max(max(grades), 16) * 1.75)
        ax.set_xlabel("US school grade (years of schooling needed; higher = harder)")
        box = (f"Flesch Reading Ease: {scores['flesch_reading_ease']:.1f}\n(0-100 scale, higher = easier)\n\n"
               f"Dale-Chall score: {scores['dale_chall']:.2f}\n(higher = harder; 9.0-9.9 = college)")
        ax.text(0.99, 0.5, box, transform=ax.transAxes, ha="right", va="center", fontsize=8.5,
                bbox={"boxstyle": "round,pad=0.5", "facecolor": "#f4f4f4", "edgecolor": "#cccccc"})
    return fig


# ---------------------------------------------------------------------------
# Saving
# ---------------------------------------------------------------------------


def save_figure(
    fig: Figure,
    name: str,
    data: pd.DataFrame,
    *,
    directory: str | Path | None = None,
) -> tuple[Path, Path]:
    """Write ``<directory>/<name>.png`` and the data behind it as ``<name>.csv``, deterministically.

    Parameters
    ----------
    fig
        The figure (from a ``plot_*`` function).
    name
        File stem, by convention ``<notebook number>-<figure>``, e.g.
        ``"02-sentence-length-histogram"``: letters, digits, ``-`` and ``_`` only.
    data
        The table the figure draws; written as CSV with UTF-8, ``\\n`` line
        endings, floats with 6 significant digits, rows in the order given (the
        callers' order is already deterministic: sentence order, score order).
        The index is written only when it is not a default RangeIndex.
    directory
        Where to write (created if missing); default :data:`analysis.config.FIGURES_DIR`.

    Returns
    -------
    (Path, Path)
        The PNG and CSV paths.

    Notes
    -----
    Rerunning gives byte-identical files: Agg backend, fixed size and dpi, the
    DejaVu Sans font shipped with matplotlib, and no PNG ``Software`` or
    creation-time text chunks (nothing varies with time or versions).
    """
    if not isinstance(fig, Figure):
        raise TypeError(f"save_figure: fig must be a matplotlib Figure, not {type(fig).__name__}")
    if not isinstance(name, str) or not _NAME.match(name):
        raise ValueError(
            f"save_figure: figure name {name!r} must be a file stem of letters, digits, '-' and '_' "
            "(e.g. '02-sentence-length-histogram')"
        )
    if not isinstance(data, pd.DataFrame):
        raise TypeError(f"save_figure: data for {name!r} must be a DataFrame, not {type(data).__name__}")
    out = Path(config.FIGURES_DIR if directory is None else directory)
    out.mkdir(parents=True, exist_ok=True)
    png, csv = out / f"{name}.png", out / f"{name}.csv"
    with matplotlib.rc_context(STYLE):
        fig.savefig(png, format="png", dpi=DPI, metadata={"Software": None})
    write_index = not isinstance(data.index, pd.RangeIndex)
    text = data.to_csv(index=write_index, float_format="%.6g", lineterminator="\n")
    csv.write_bytes(text.encode("utf-8"))
    return png, csv


# ---------------------------------------------------------------------------
# Comparison with a reference corpus (notebook 05)
# ---------------------------------------------------------------------------

#: Axis labels (with units and direction) of the measures charted over time.
TREND_LABELS: dict[str, str] = {
    "flesch_reading_ease": "Flesch Reading Ease (0-100; higher = easier)",
    "flesch_kincaid_grade": "FK grade (school years; higher = harder)",
    "mean_sentence_length": "Mean sentence length (words)",
    "modals_per_1000": f"{REGISTRY['modals_per_1000'].label} (per 1,000 words)",
    "we_per_1000": f"{REGISTRY['we_per_1000'].label} (per 1,000 words)",
}
#: First years of the eras of Benoit, Munger & Spirling (2019) after the first.
ERA_STARTS = tuple(first for first, _, _ in ERAS[1:])


def plot_trend(
    data: pd.DataFrame,
    *,
    speech: float | None = None,
    speech_label: str = "this speech",
    ylabel: str | None = None,
    title: str = "",
    source: str | None = None,
    ax: Axes | None = None,
) -> Figure:
    """One measure of every reference document over time, spoken and written apart.

    Parameters
    ----------
    data
        The table of :func:`analysis.trend_data`: one row per document with
        ``year``, ``value``, ``rolling_median`` and (optionally) ``delivery``
        ('spoken' / 'written') and ``measure``.
    speech
        The value of the speech under study, drawn as a dashed horizontal line.
    speech_label
        Its label on the chart.
    ylabel
        Axis label; default from :data:`TREND_LABELS` by ``data["measure"]``.
    title, source, ax
        As in :func:`plot_sentence_length_histogram`.

    Returns
    -------
    Figure
        x: year; y: the measure.  Dots: spoken addresses; triangles: written
        messages; black line: running median; dotted verticals: the era
        boundaries (1857, 1935, 1982); each era named at the top
        (:data:`analysis.measures.ERA_NAMES`) with its years.
    """
    _frame(data, "plot_trend", ("year", "value"), "analysis.trend_data")
    values = _column(data, "value", "plot_trend")
    measure = str(data["measure"].iloc[0]) if "measure" in data.columns else "value"
    with matplotlib.rc_context(STYLE):
        fig, ax = _new_figure(ax, title=title, source=source)
        groups = [("spoken", "o", OKABE_ITO[0], "spoken address"), ("written", "^", OKABE_ITO[1], "written message")]
        if "delivery" in data.columns:
            for kind, marker, colour, label in groups:
                sub = data[data["delivery"] == kind]
                if len(sub):
                    ax.scatter(sub["year"], sub["value"], s=14, marker=marker, color=colour,
                               alpha=0.8, linewidths=0, label=f"{label} ({len(sub)})")
        else:
            ax.scatter(data["year"], values, s=14, color=OKABE_ITO[0], linewidths=0, label="document")
        if "rolling_median" in data.columns:
            ax.plot(data["year"], data["rolling_median"], color=OKABE_ITO[7], linewidth=1.5,
                    label="running median")
        lo, hi = float(data["year"].min()), float(data["year"].max())
        for start in ERA_STARTS:
            if lo < start <= hi:
                ax.axvline(start - 0.5, color=GREY, linestyle=":", linewidth=0.8)
        # Each era named in words above its years, centred on the part of it the data cover.
        for first, last, label in ERAS:
            a, b = max(lo, first), min(hi, last if last is not None else hi)
            if a <= b:
                ax.annotate(f"{ERA_NAMES.get(label, label)}\n{label}", xy=((a + b) / 2, 1), xytext=(0, -3),
                            xycoords=("data", "axes fraction"), textcoords="offset points",
                            ha="center", va="top", fontsize=7.5, color=GREY, linespacing=1.1)
        if speech is not None:
            ax.axhline(float(speech), color=OKABE_ITO[5], linestyle="--", linewidth=1.5,
                       label=f"{speech_label} ({float(speech):.1f})")
        low_y, high_y = ax.get_ylim()
        ax.set_ylim(low_y, high_y + 0.14 * (high_y - low_y))  # room for the era names
        ax.set_xlabel("Year")
        ax.set_ylabel(ylabel or TREND_LABELS.get(measure, measure))
        # Below the axes, in one row: inside it would cover marks or the era names.
        ax.legend(loc="upper center", bbox_to_anchor=(0.5, -0.13), ncol=4, fontsize=8, frameon=False)
    return fig


def plot_keyness(
    data: pd.DataFrame,
    *,
    n: int = 12,
    title: str = "",
    source: str | None = None,
    ax: Axes | None = None,
) -> Figure:
    """Key words: the most over- and under-used words of a speech against a reference.

    Parameters
    ----------
    data
        The table of :func:`analysis.keyness` (``word``, ``log_ratio``, ``g2``,
        ``direction``, ``target_count``; sorted by G2).
    n
        Bars per side: the ``n`` highest-G2 over-used and under-used words
        that are significant (G2 > 3.84, p < .05).
    title, source, ax
        As in :func:`plot_sentence_length_histogram`.

    Returns
    -------
    Figure
        Horizontal bars of the log ratio (Hardie 2014): right of 0 = used more
        in the speech (+1 = twice as often per word), left = used less; each bar
        labelled with the speech's count.
    """
    _frame(data, "plot_keyness", ("word", "log_ratio", "g2", "direction", "target_count"), "analysis.keyness")
    from analysis.compare import G2_P05

    sig = data[data["g2"] > G2_P05].sort_values("g2", ascending=False, kind="stable")
    over = sig[sig["direction"] == "over"].head(n).sort_values("log_ratio", kind="stable")
    under = sig[sig["direction"] == "under"].head(n).sort_values("log_ratio", kind="stable")
    rows = pd.concat([under, over])
    if len(rows) == 0:
        raise ValueError(f"plot_keyness: no significant key words (G2 > {G2_P05}) to plot")
    y = list(range(len(rows)))
    colours = [OKABE_ITO[0] if d == "over" else OKABE_ITO[1] for d in rows["direction"]]
    own = ax is None
    with matplotlib.rc_context({**STYLE, "axes.grid.axis": "x"}):
        fig, ax = _new_figure(ax, title=title, source=source)
        if own:  # one bar per word: grow the figure, never the caller's
            fig.set_size_inches(FIGSIZE[0], max(FIGSIZE[1], 0.22 * len(rows) + 1.2))
        ax.barh(y, rows["log_ratio"], color=colours, height=0.7)
        for yi, lr, cnt in zip(y, rows["log_ratio"], rows["target_count"]):
            ax.annotate(f"{int(cnt)}", xy=(lr, yi), xytext=(3 if lr >= 0 else -3, 0), textcoords="offset points",
                        ha="left" if lr >= 0 else "right", va="center", fontsize=7.5, color=GREY)
        ax.set_yticks(y, list(rows["word"]))
        ax.axvline(0, color=GREY, linewidth=0.8)
        span = float(rows["log_ratio"].abs().max()) * 1.15
        ax.set_xlim(-span if len(under) else -0.5, span if len(over) else 0.5)
        ax.set_xlabel("Log ratio (log2 of relative frequency, speech vs reference; +1 = twice as often)")
        from matplotlib.patches import Patch

        handles = [Patch(color=OKABE_ITO[0], label="more in the speech"),
                   Patch(color=OKABE_ITO[1], label="less in the speech")]
        ax.legend(handles=handles, loc="lower right", fontsize=8)
    return fig


__all__ += ["TREND_LABELS", "ERA_STARTS", "plot_trend", "plot_keyness"]


# ---------------------------------------------------------------------------
# Modality, pronouns and themes (notebooks 03 and 04)
# ---------------------------------------------------------------------------

#: Colour of each force of modality (analysis.modality.FORCE), the same in every chart.
FORCE_COLOURS: dict[str, str] = {
    "obligation": OKABE_ITO[0],
    "possibility": OKABE_ITO[1],
    "prediction-volition": OKABE_ITO[2],
}
#: Display names of the pronoun categories of analysis.pronoun_matches.
#: The registry's labels (analysis.measures): one number has one name in every chart and table.
PRONOUN_LABELS: dict[str, str] = {
    "first_plural": REGISTRY["we_per_1000"].label,
    "first_singular": REGISTRY["i_per_1000"].label,
    "second": REGISTRY["you_per_1000"].label,
    "third_plural": REGISTRY["they_per_1000"].label,
}
# Palette for categories drawn side by side (yellow is too pale for thin segments on white).
_SERIES = tuple(c for c in OKABE_ITO if c != "#F0E442")
_INTERVAL_NOTE = "bar: rate; line: 95% bootstrap interval"


def _frame(data: object, func: str, columns: Sequence[str], what: str) -> pd.DataFrame:
    if not isinstance(data, pd.DataFrame):
        raise TypeError(f"{func}: data must be the DataFrame of {what}, not {type(data).__name__}")
    for col in columns:
        if col not in data.columns:
            raise ValueError(f"{func}: data has no {col!r} column (columns: {list(data.columns)})")
    if len(data) == 0:
        raise ValueError(f"{func}: no data to plot (0 rows)")
    return data


def _rate_bars(ax: Axes, rows: pd.DataFrame, labels: list[str], colours: list[str], unit: tuple[str, str]) -> None:
    """Horizontal rate bars (first row on top), optional interval lines, the count beside each bar."""
    y = list(range(len(rows)))
    rates = rows["per_1000"].astype(float).tolist()
    ax.barh(y, rates, color=colours, height=0.65)
    has_ci = _has_interval(rows)
    ends = rates
    if has_ci:
        low, high = rows["ci_low"].astype(float).tolist(), rows["ci_high"].astype(float).tolist()
        ax.hlines(y, low, high, color="#333333", linewidth=1.3)
        ax.scatter(low + high, y + y, marker="|", s=40, color="#333333", linewidths=1.3)
        ends = [max(r, h) for r, h in zip(rates, high)]
    if "count" in rows.columns:
        for yi, end, cnt in zip(y, ends, rows["count"]):
            ax.annotate(f"{int(cnt)} {unit[0] if int(cnt) == 1 else unit[1]}", xy=(end, yi),
                        xytext=(4, 0), textcoords="offset points", va="center", fontsize=8, color=GREY)
    ax.set_yticks(y, labels)
    ax.set_ylim(len(rows) - 0.5, -0.5)
    top = max([e for e in ends if e == e] or [1.0])
    ax.set_xlim(0, (top or 1.0) * 1.22)


def _has_interval(rows: pd.DataFrame) -> bool:
    """Does the table carry an interval to draw?  Not when its columns are all NaN (``interval=None``)."""
    return {"ci_low", "ci_high"} <= set(rows.columns) and bool(rows[["ci_low", "ci_high"]].notna().any().any())


def plot_modal_density(
    data: pd.DataFrame,
    *,
    title: str = "",
    source: str | None = None,
    ax: Axes | None = None,
) -> Figure:
    """Modal density: uses of each modal per 1,000 words, coloured by force.

    Parameters
    ----------
    data
        The table of :func:`analysis.modal_counts`: columns ``force``,
        ``per_1000``, optionally ``modal`` (one bar per modal; without it, one
        bar per force, as ``modal_counts(by="force")``), ``count`` (printed
        beside each bar) and ``ci_low``/``ci_high`` (drawn as a line).  Rows
        are drawn in the order given, top to bottom; pass only the rows to
        show (e.g. those with ``count > 0``).
    title, source, ax
        As in :func:`plot_sentence_length_histogram`.

    Returns
    -------
    Figure
        Horizontal bars: uses per 1,000 words (longer = the speech leans more
        on that modal); colour = force (:data:`FORCE_COLOURS`); the legend
        gives each force's total uses among the rows drawn.
    """
    rows = _frame(data, "plot_modal_density", ["force", "per_1000"], "analysis.modal_counts")
    _column(rows, "per_1000", "plot_modal_density")
    unknown = sorted(set(rows["force"]) - set(FORCE_COLOURS))
    if unknown:
        raise ValueError(f"plot_modal_density: unknown force(s) {unknown}; known: {list(FORCE_COLOURS)}")
    if "modal" in rows.columns:
        modals = [str(m) for m in rows["modal"]]
        twice = {m for m in modals if modals.count(m) > 1}
        labels = [f"{m} ({f})" if m in twice else m for m, f in zip(modals, rows["force"])]
    else:
        labels = [str(f) for f in rows["force"]]
    colours = [FORCE_COLOURS[f] for f in rows["force"]]
    with matplotlib.rc_context({**STYLE, "axes.grid.axis": "x"}):
        fig, ax = _new_figure(ax, title=title, source=source)
        _rate_bars(ax, rows, labels, colours, ("use", "uses"))
        from matplotlib.patches import Patch

        forces = [f for f in FORCE_COLOURS if f in set(rows["force"])]
        totals = rows.groupby("force", sort=False)["count"].sum() if "count" in rows.columns else None
        handles = [Patch(color=FORCE_COLOURS[f],
                         label=f if totals is None else f"{f} ({int(totals[f])} use{'' if totals[f] == 1 else 's'})")
                   for f in forces]
        # Outside the axes, to the right: inside, it covered the longest bars, their counts and intervals.
        ax.legend(handles=handles, title="Force", loc="upper left", bbox_to_anchor=(1.01, 1), fontsize=8,
                  title_fontsize=8.5, frameon=False)
        ax.set_xlabel(f"Uses per 1,000 words ({_INTERVAL_NOTE})" if _has_interval(rows)
                      else "Uses per 1,000 words")
        ax.set_ylabel("Modal verb" if "modal" in rows.columns else "Force")
    return fig


def plot_obligation(
    data: pd.DataFrame,
    *,
    n: int = 8,
    title: str = "",
    source: str | None = None,
    ax: Axes | None = None,
) -> Figure:
    """Who carries the obligation: modal uses by subject, one stacked bar per subject.

    Parameters
    ----------
    data
        The table of :func:`analysis.obligation_table`: index = subject, one
        integer column per modal lemma (those of :data:`analysis.MODALS`),
        ``total``; other columns (``example``) are ignored.  Rows are drawn in
        the order given (the table is sorted most frequent first).
    n
        Draw the first ``n`` subjects; the rest are summed in a last bar
        "(n others)".
    title, source, ax
        As in :func:`plot_sentence_length_histogram`.

    Returns
    -------
    Figure
        Horizontal stacked bars: x = modal uses with that subject (count), one
        colour per modal; the total is printed at the end of each bar.
    """
    from analysis.modality import MODALS

    rows = _frame(data, "plot_obligation", ["total"], "analysis.obligation_table")
    if not isinstance(n, int) or isinstance(n, bool) or n < 1:
        raise ValueError(f"plot_obligation: n must be a positive integer, not {n!r}")
    modals = [c for c in rows.columns if c in MODALS]
    if not modals:
        raise ValueError(f"plot_obligation: data has no modal columns (columns: {list(rows.columns)})")
    table = rows[modals + ["total"]].astype(int)
    labels = ["I" if s == "i" else textwrap.shorten(str(s), 28, placeholder="...") for s in table.index]
    if len(table) > n:
        rest = table.iloc[n:].sum()
        others = len(table) - n
        table = pd.concat([table.iloc[:n], rest.to_frame().T])
        labels = labels[:n] + [f"({others} other subject{'s' if others > 1 else ''})"]
    y = list(range(len(table)))
    with matplotlib.rc_context({**STYLE, "axes.grid.axis": "x"}):
        fig, ax = _new_figure(ax, title=title, source=source)
        left = [0] * len(table)
        for i, modal in enumerate(modals):
            widths = table[modal].tolist()
            ax.barh(y, widths, left=left, height=0.65, color=_SERIES[i % len(_SERIES)], label=modal,
                    edgecolor="white", linewidth=0.8)
            for yi, lo, w in zip(y, left, widths):
                if w >= 2:
                    ax.annotate(str(w), xy=(lo + w / 2, yi), ha="center", va="center", fontsize=8, color="white")
            left = [a + b for a, b in zip(left, widths)]
        for yi, total in zip(y, table["total"]):
            ax.annotate(str(int(total)), xy=(total, yi), xytext=(4, 0), textcoords="offset points",
                        va="center", fontsize=8.5, fontweight="bold", color="#333333")
        ax.set_yticks(y, labels)
        ax.set_ylim(len(table) - 0.5, -0.5)
        ax.set_xlim(0, max(float(table["total"].max()), 1.0) * 1.15)
        ax.xaxis.get_major_locator().set_params(integer=True)
        ax.legend(title="Modal", loc="lower right", fontsize=8, title_fontsize=8.5)
        ax.set_xlabel("Modal uses with this subject (count)")
        ax.set_ylabel("Subject (who must, needs to, should ...)")
    return fig


def plot_pronouns(
    data: pd.DataFrame,
    *,
    title: str = "",
    source: str | None = None,
    ax: Axes | None = None,
) -> Figure:
    """Pronoun rates per 1,000 words by category, with their intervals when given.

    Parameters
    ----------
    data
        The table of :func:`analysis.pronoun_rates`:
        the category in the index or a ``category`` column (first_plural,
        first_singular, second, third_plural), ``per_1000``, optionally
        ``count`` and ``ci_low``/``ci_high``.
    title, source, ax
        As in :func:`plot_sentence_length_histogram`.

    Returns
    -------
    Figure
        Horizontal bars: uses per 1,000 words (longer = more present), in the
        table's order; "we" is drawn in blue, the other categories in grey-blue.
    """
    rows = _frame(data, "plot_pronouns", ["per_1000"], "analysis.pronoun_rates")
    _column(rows, "per_1000", "plot_pronouns")
    cats = [str(c) for c in (rows["category"] if "category" in rows.columns else rows.index)]
    labels = [PRONOUN_LABELS.get(c, c.replace("_", " ")) for c in cats]
    colours = [OKABE_ITO[0] if c == "first_plural" else OKABE_ITO[4] for c in cats]
    with matplotlib.rc_context({**STYLE, "axes.grid.axis": "x"}):
        fig, ax = _new_figure(ax, title=title, source=source)
        _rate_bars(ax, rows.reset_index(drop=True), labels, colours, ("use", "uses"))
        ax.set_xlabel(f"Uses per 1,000 words ({_INTERVAL_NOTE})" if _has_interval(rows)
                      else "Uses per 1,000 words")
        ax.set_ylabel("Pronouns (all forms)")
    return fig


def plot_theme_rates(
    data: pd.DataFrame,
    *,
    title: str = "",
    source: str | None = None,
    ax: Axes | None = None,
) -> Figure:
    """Theme frequency: dictionary matches per 1,000 words, most frequent on top, with intervals.

    Parameters
    ----------
    data
        The table of :func:`analysis.theme_rates`: ``label`` (or ``theme``),
        ``per_1000``, optionally ``count`` and ``ci_low``/``ci_high``.  Bars
        are sorted by rate (ties keep the dictionary order); themes with no
        match are drawn as empty rows (a zero is a finding too).
    title, source, ax
        As in :func:`plot_sentence_length_histogram`.

    Returns
    -------
    Figure
        Horizontal bars: matches per 1,000 words (longer = the theme is more
        present); the line is the 95% bootstrap interval over sentences; the
        number of matches is printed beside each bar.
    """
    rows = _frame(data, "plot_theme_rates", ["per_1000"], "analysis.theme_rates")
    _column(rows, "per_1000", "plot_theme_rates")
    key = "label" if "label" in rows.columns else "theme" if "theme" in rows.columns else None
    if key is None:
        raise ValueError(f"plot_theme_rates: data has no 'label' or 'theme' column (columns: {list(rows.columns)})")
    rows = rows.sort_values("per_1000", ascending=False, kind="stable").reset_index(drop=True)
    own = ax is None
    with matplotlib.rc_context({**STYLE, "axes.grid.axis": "x"}):
        fig, ax = _new_figure(ax, title=title, source=source)
        if own:
            fig.set_size_inches(FIGSIZE[0], max(FIGSIZE[1], 0.3 * len(rows) + 1.5))
        _rate_bars(ax, rows, [str(v) for v in rows[key]], [OKABE_ITO[0]] * len(rows), ("match", "matches"))
        ax.set_xlabel(f"Matches per 1,000 words ({_INTERVAL_NOTE})" if _has_interval(rows)
                      else "Matches per 1,000 words")
        ax.set_ylabel("Theme")
    return fig


#: Sequential colour map of the heat maps: pale to Okabe-Ito blue (one hue, lightness falls steadily).
#: Cells without a match are drawn in :data:`HEAT_EMPTY` (light grey), not on this scale.
HEAT_CMAP = matplotlib.colors.LinearSegmentedColormap.from_list(
    "analysis_blues", ["#E3F1FB", OKABE_ITO[4], OKABE_ITO[0]]
)
HEAT_EMPTY = "#F2F2F2"


def _theme_heatmap(
    data: pd.DataFrame,
    func: str,
    what: str,
    column: str,
    col_labels: list[str],
    *,
    xlabel: str,
    title: str,
    source: str | None,
    ax: Axes | None,
) -> Figure:
    """Themes (rows, in the table's order) x ``column`` (columns): colour = per_1000, number = count."""
    import numpy as np

    rows = _frame(data, func, ["theme", column, "count", "per_1000"], what)
    themes = list(dict.fromkeys(rows["theme"]))
    cols = list(dict.fromkeys(rows[column]))
    labels_of = dict(zip(rows["theme"], rows["label"] if "label" in rows.columns else rows["theme"]))
    rate = rows.pivot(index="theme", columns=column, values="per_1000").reindex(index=themes, columns=cols)
    count = rows.pivot(index="theme", columns=column, values="count").reindex(index=themes, columns=cols)
    values = rate.to_numpy(dtype=float)
    top = float(pd.Series(values.ravel()).max(skipna=True)) if values.size else 0.0
    top = top if top == top and top > 0 else 1.0
    own = ax is None
    with matplotlib.rc_context({**STYLE, "axes.grid": False}):
        fig, ax = _new_figure(ax, title=title, source=source)
        if own:
            fig.set_size_inches(FIGSIZE[0], max(FIGSIZE[1], 0.3 * len(themes) + 1.6))
        cmap = HEAT_CMAP.with_extremes(bad=HEAT_EMPTY)
        empty = ~(count.fillna(0).to_numpy(dtype=float) > 0)
        masked = np.ma.masked_array(values, mask=empty | np.isnan(values))
        image = ax.imshow(masked, cmap=cmap, vmin=0, vmax=top, aspect="auto", interpolation="nearest")
        for i in range(len(themes)):
            for j in range(len(cols)):
                c = count.iat[i, j]
                if c == c and int(c) > 0:
                    dark = values[i, j] / top > 0.55
                    ax.text(j, i, str(int(c)), ha="center", va="center", fontsize=8,
                            color="white" if dark else "#222222")
        ax.set_xticks(range(len(cols)), col_labels, fontsize=8)
        ax.set_yticks(range(len(themes)), [str(labels_of[t]) for t in themes], fontsize=8.5)
        ax.tick_params(length=0)
        for spine in ax.spines.values():
            spine.set_visible(False)
        ax.set_xticks([x - 0.5 for x in range(1, len(cols))], minor=True)
        ax.set_yticks([y - 0.5 for y in range(1, len(themes))], minor=True)
        ax.grid(which="minor", color="white", linewidth=1.5)
        ax.tick_params(which="minor", length=0)
        ax.set_xlabel(xlabel)
        ax.set_ylabel("Theme")
        bar = fig.colorbar(image, ax=ax, fraction=0.04, pad=0.02)
        bar.set_label("Matches per 1,000 words (grey: none)", fontsize=8.5)
        bar.ax.tick_params(labelsize=8)
        bar.outline.set_visible(False)
    return fig


def plot_theme_dispersion(
    data: pd.DataFrame,
    *,
    title: str = "",
    source: str | None = None,
    ax: Axes | None = None,
) -> Figure:
    """Where each theme falls through the speech: a heat map of themes by stretch of the speech.

    Parameters
    ----------
    data
        The table of :func:`analysis.theme_dispersion`: ``theme``, ``label``,
        ``bin``, ``start``, ``end`` (bounds as fractions 0..1), ``count`` and
        ``per_1000``.  Themes are drawn top to bottom in the table's order.
    title, source, ax
        As in :func:`plot_sentence_length_histogram`.

    Returns
    -------
    Figure
        Rows: themes; columns: equal stretches of the speech's words, from the
        first (left) to the last (right).  Colour = matches per 1,000 words in
        the stretch (darker = denser); the number = matches (none when empty).
    """
    rows = _frame(data, "plot_theme_dispersion", ["bin", "start", "end"], "analysis.theme_dispersion")
    bounds = rows.drop_duplicates("bin")
    labels = [f"{s * 100:.0f}-{e * 100:.0f}%" for s, e in zip(bounds["start"], bounds["end"])]
    return _theme_heatmap(rows, "plot_theme_dispersion", "analysis.theme_dispersion", "bin", labels,
                          xlabel="Stretch of the speech (share of its words, in the order spoken)",
                          title=title, source=source, ax=ax)


def plot_theme_by_section(
    data: pd.DataFrame,
    *,
    title: str = "",
    source: str | None = None,
    ax: Axes | None = None,
) -> Figure:
    """Themes by part of the speech: a heat map of theme x section.

    Parameters
    ----------
    data
        The table of :func:`analysis.theme_by_section`: ``theme``, ``label``,
        ``section``, ``words``, ``count`` and ``per_1000``.  Sections are drawn
        left to right in the table's order (the speech's order).
    title, source, ax
        As in :func:`plot_sentence_length_histogram`.

    Returns
    -------
    Figure
        Rows: themes; columns: the parts of the speech, each labelled with its
        length in words.  Colour = matches per 1,000 words of the part (darker =
        denser; a short part with one match can be dark); the number = matches.
    """
    rows = _frame(data, "plot_theme_by_section", ["section", "words"], "analysis.theme_by_section")
    parts = rows.drop_duplicates("section")
    labels = [f"{textwrap.shorten(str(s), 16, placeholder='...')}\n({int(w)} words)"
              for s, w in zip(parts["section"], parts["words"])]
    return _theme_heatmap(rows, "plot_theme_by_section", "analysis.theme_by_section", "section", labels,
                          xlabel="Part of the speech (in the order spoken)", title=title, source=source, ax=ax)


__all__ += ["FORCE_COLOURS", "PRONOUN_LABELS", "HEAT_CMAP", "HEAT_EMPTY", "plot_modal_density", "plot_obligation",
            "plot_pronouns", "plot_theme_rates", "plot_theme_dispersion", "plot_theme_by_section"]
