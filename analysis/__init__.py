"""Rhetorical analysis of speeches: one segmentation, auditable metrics.

The public API is re-exported here; notebooks import only ``analysis``.
"""

from analysis.text import (
    Document,
    Sentence,
    TextDecodeError,
    as_document,
    paragraphs,
    read_text,
    segment,
    sentences,
    syllable_source,
    syllables,
    words,
)

from analysis.corpus import (
    ERA_LABELS,
    CorpusError,
    CorpusWarning,
    Speech,
    analyze,
    era,
    load_corpus,
    load_speech,
    removed_noise,
    skipped,
)
from analysis.compare import (
    PUBLISHED_PERIOD_MEDIANS,
    keyness,
    period_comparison,
    period_medians,
    placement,
    trend_data,
    word_counts,
)

from analysis.readability import (
    dale_chall_label,
    fre_label,
    grade_label,
    readability,
    readability_counts,
    readability_report,
    word_table,
)
from analysis.lexical import lexical_diversity, mtld_factors

from analysis.themes import (
    Theme,
    ThemeDictionary,
    load_themes,
    packaged_themes,
    theme_by_section,
    theme_dispersion,
    theme_matches,
    theme_measures,
    themes,
    themes_from_mapping,
)
from analysis.stats import rate_interval, rate_table, rate_with_interval
from analysis.rhetoric import (
    FORCE,
    MODALS,
    kwic,
    modal_counts,
    modal_phrases,
    obligation_table,
    pronoun_matches,
    pronoun_rates,
    pronouns,
    rhetoric_measures,
    sections,
    structure,
)

from analysis.profile import EmptyTextWarning, profile, sentence_length_stats, sentence_table

__version__ = "0.1.0"



def __getattr__(name: str):
    # analysis.report (and its helpers) load on first use, so that
    # `python -m analysis.report` does not import the module twice; analysis.plots
    # (matplotlib: half a second) only when a figure is wanted, not in every
    # corpus worker.
    import importlib

    if name in ("report", "md_quote", "show_figure"):
        module = importlib.import_module("analysis.report")
        return module if name == "report" else getattr(module, name)
    if name in ("plots", "save_figure"):
        module = importlib.import_module("analysis.plots")
        return module if name == "plots" else module.save_figure
    raise AttributeError(f"module 'analysis' has no attribute {name!r}")


# issue 11
from analysis.parse import LongSentenceWarning, ParserModelError, load_parser, modal_subjects  # noqa: E402
