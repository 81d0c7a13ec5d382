"""One document, all measures: :func:`profile` and the per-sentence audit table.

Both are assembled from the one segmentation (:func:`analysis.text.segment`) and
the measures of the other modules, which all read the same
:class:`~analysis.text.Document`; so "words" means the same thing in the
sentence-length, readability, modality, pronoun and theme columns.
"""

from __future__ import annotations

import math
import statistics
import warnings

import pandas as pd

from analysis.lexical import lexical_diversity
from analysis.measures import MEASURES, MORE_MEASURES
from analysis.modality import modal_measures, modal_phrases
from analysis.pronouns import pronoun_measures
from analysis.readability import readability, word_table
from analysis.rhetorical_figures import figure_measures
from analysis.structure import structure_measures
from analysis.text import Document, EmptyTextWarning, as_document, warn_empty
from analysis.themes import load_themes, theme_matches, theme_measures

__all__ = ["EmptyTextWarning", "MEASURES", "MORE_MEASURES", "sentence_length_stats", "profile", "sentence_table"]


def sentence_length_stats(doc: str | Document) -> dict[str, float]:
    """Sentence length in words: count, mean, median, sample SD (n-1), min and max.

    A sentence's length is its number of words in the shared segmentation.  The
    SD is NaN for a single sentence; everything is NaN for an empty text.
    """
    doc = as_document(doc, "sentence_length_stats")
    lengths = [len(s.words) for s in doc.sentences]
    if warn_empty(doc, "sentence_length_stats", "every statistic is NaN"):
        nan = math.nan
        return {"mean_sentence_length": nan, "median_sentence_length": nan, "sd_sentence_length": nan,
                "min_sentence_length": nan, "max_sentence_length": nan}
    return {
        "mean_sentence_length": sum(lengths) / len(lengths),
        "median_sentence_length": float(statistics.median(lengths)),
        "sd_sentence_length": statistics.stdev(lengths) if len(lengths) > 1 else math.nan,
        "min_sentence_length": float(min(lengths)),
        "max_sentence_length": float(max(lengths)),
    }


def profile(doc: str | Document, *, themes=None) -> pd.Series:
    """All measures of one document, as one row (a ``pandas.Series``).

    Counts: ``sentences``, ``words``, ``syllables``, ``paragraphs``,
    ``removed_noise`` (transcript noise taken out before counting: stage
    directions, speaker labels, other speakers' lines, headings; see
    ``Document.removed``).  Sentence length (words per sentence): mean, median, SD, min,
    max.  Readability: the seven scores of :func:`analysis.readability`.
    Lexical diversity: ``types`` (distinct lower-cased words), ``ttr``,
    ``mattr``, ``mtld``.  Rhetoric (per 1,000 words), each a count of an
    extractor's rows: modal density by force and ``we_must``/``we_need``
    (:func:`analysis.modal_phrases`), pronoun rates and the we:I ratio
    (:func:`analysis.pronoun_matches`), enumeration markers and anaphora runs
    (:func:`analysis.structure`).  Figures of speech (per 1,000 words), each a
    count of :func:`analysis.figures_of_speech`'s rows: ``tricolon``, ``list``,
    ``contrast``, ``question``, ``epistrophe``, ``anadiplosis``, ``claptrap``
    (``<kind>_per_1000``; chiasmus candidates are ranked, never counted).
    Themes: ``theme_<name>_per_1000`` for every theme of the dictionary
    (``themes``: None for the packaged default, a packaged name or a YAML path).

    An empty or whitespace-only text gives zero counts and NaN rates, with an
    :class:`EmptyTextWarning`; never a division error.
    """
    doc = as_document(doc, "profile")
    warn_empty(doc, "profile", "rates are NaN")
    return pd.Series(measures(doc, themes=load_themes(themes)), dtype="float64", name="profile")


def measures(doc: Document, *, themes, figures: bool = True) -> dict[str, float]:
    """The measures of :func:`profile` as a plain dict (the corpus hot path; no warning here).

    ``figures=False`` leaves out the seven figure-of-speech rates (what ``analyze`` does by default:
    they cost about a third of a corpus run's throughput, see ``analyze(..., figures=True)``).
    """
    row: dict[str, float] = {
        "sentences": doc.n_sentences,
        "words": doc.n_words,
        "syllables": doc.n_syllables,
        "paragraphs": doc.n_paragraphs,
        "removed_noise": len(doc.removed),
    }
    with warnings.catch_warnings():
        if doc.n_words == 0:
            warnings.simplefilter("ignore")  # one warning for the document, not one per module
        row.update(sentence_length_stats(doc))
        row.update(readability(doc))
        lex = lexical_diversity(doc)
        del lex["tokens"]  # the same number as ``words``
        row.update(lex)
        row.update(modal_measures(doc))
        row.update(pronoun_measures(doc))
        row.update(structure_measures(doc))
        if figures:
            row.update(figure_measures(doc))
        row.update(theme_measures(doc, themes=themes))
    return row


def sentence_table(doc: str | Document, *, themes=None) -> pd.DataFrame:
    """One row per sentence: where every count of :func:`profile` comes from.

    Columns: ``sentence`` (index), ``paragraph``, ``text``, ``words``,
    ``syllables``, ``complex_words`` (three or more syllables, Gunning's rules as
    in :func:`analysis.readability`), ``modals`` (modal uses), ``modal_list``
    (their normalised lemmas), ``themes`` (themes hit, ``"; "``-joined, in
    dictionary order) and ``position`` (0 = start of the speech, 1 = end, at the
    sentence's first word).
    """
    doc = as_document(doc, "sentence_table")
    dictionary = load_themes(themes)
    columns = ["sentence", "paragraph", "text", "words", "syllables", "complex_words", "modals",
               "modal_list", "themes", "position"]
    if doc.n_sentences == 0:
        return pd.DataFrame({c: pd.Series(dtype="object" if c in ("text", "modal_list", "themes")
                                          else "float64" if c == "position" else "int64") for c in columns})
    wt = word_table(doc)
    complex_by_sentence = wt.groupby("sentence")["complex"].sum()
    modals = modal_phrases(doc)
    modal_lists = modals.groupby("sentence")["modal"].agg(list) if len(modals) else pd.Series(dtype=object)
    matches = theme_matches(doc, themes=dictionary)
    theme_order = {name: i for i, name in enumerate(dictionary.names)}
    themes_by_sentence = (
        matches.groupby("sentence")["theme"].agg(lambda t: "; ".join(sorted(set(t), key=theme_order.get)))
        if len(matches) else pd.Series(dtype=object)
    )
    rows = []
    for s in doc.sentences:
        ml = modal_lists.get(s.index, [])
        rows.append({
            "sentence": s.index,
            "paragraph": s.paragraph,
            "text": s.text,
            "words": s.n_words,
            "syllables": s.n_syllables,
            "complex_words": int(complex_by_sentence.get(s.index, 0)),
            "modals": len(ml),
            "modal_list": ", ".join(ml),
            "themes": themes_by_sentence.get(s.index, ""),
            "position": s.first_word / doc.n_words,
        })
    return pd.DataFrame(rows, columns=columns)
